"""The transport: `core` decides (headers, timeouts, retries, error mapping), `shells` send.

Sans-IO: `core`, `retry`, `errors`, `body`. I/O shells: `shells` (the blocking
`Transport` and the asyncio `AsyncTransport`) and `pools` (per-loop pools).
"""
