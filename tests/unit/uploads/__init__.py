"""Unit tests of sketricgen._uploads."""
