"""Unit tests of sketricgen.admin."""
