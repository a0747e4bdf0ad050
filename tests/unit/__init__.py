"""One test module per sans-IO module, in folders mirroring the SDK's packages."""
