"""The test suite: unit tests mirroring the SDK's packages (unit/), integration suites by topic."""
