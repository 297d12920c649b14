"""Qt widgets, item models, delegates and dialogs of OKR Planner."""
