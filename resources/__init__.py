"""Data files: the sample plan, the style sheet, icons and translations."""
