"""The application shell: start-up, the main window, the status bar, the idle lock and its dialogs."""
