"""What the tests share: clients, cassettes, hostile servers, emulator and CLI helpers."""
