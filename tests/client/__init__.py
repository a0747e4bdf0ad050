"""The client against the emulator, hostile servers and cassettes (integration)."""
