"""Unit tests of sketricgen.verify."""
