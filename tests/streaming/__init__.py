"""Streamed runs against the emulator, faults and cassettes (integration)."""
