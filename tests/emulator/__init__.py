"""The emulator (sketricgen.testing) over real sockets."""
