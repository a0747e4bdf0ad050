"""The AG-UI order verifier on real streams and against the reference (integration)."""
