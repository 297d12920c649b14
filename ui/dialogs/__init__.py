"""Small dialogs that collect a choice; the caller turns it into a command."""
