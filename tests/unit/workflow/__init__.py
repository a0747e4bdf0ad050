"""Unit tests of sketricgen._workflow."""
