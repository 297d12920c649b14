"""OKR Planner application layer: settings, database, services, commands, CLI and entry point."""

__version__ = "0.1.0"
