"""Uploads against the emulator, hostile servers and cassettes (integration)."""
