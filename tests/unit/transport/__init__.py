"""Unit tests of sketricgen._transport."""
