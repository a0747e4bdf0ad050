"""The AG-UI relay (integration, frontend)."""
