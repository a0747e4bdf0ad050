"""The `sketricgen` command line: `main` parses and dispatches, `run` runs a workflow."""
