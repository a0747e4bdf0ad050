"""Unit tests of sketricgen._cli."""
