"""Unit tests of sketricgen._streaming."""
