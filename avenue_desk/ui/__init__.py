"""The window: PySide6 only here. Widgets call services and show their plain records."""
