"""The SDK's version (read by the build backend and the User-Agent)."""

__version__ = "0.4.0.dev0"
