"""The run-workflow call: checking its arguments (`validation`) and building it (`plan`)."""
