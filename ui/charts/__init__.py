"""Trend charts (matplotlib in Qt). Importing this package does not import matplotlib: the
widgets load it the first time a chart is shown (``ui.charts.mpl.load``), so start-up stays fast.
"""
