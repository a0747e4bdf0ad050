"""No client here: the SDK's transport sends what each operation's `build_request` returns.

Every module under `api/` is I/O-free: `build_request(...)` gives the
`OperationRequest` to send and `parse_response(status_code, content)` turns
the answer into its typed model (the wire models of `sketricgen_admin_models`).
"""
