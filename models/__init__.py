"""Qt-free domain core: tables, the quarter calendar, lights, rules and parsing."""
