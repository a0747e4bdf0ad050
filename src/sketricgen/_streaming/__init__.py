"""Streamed runs: SSE decoding, events, the result, and the stream objects.

Sans-IO: `sse`, `event`, `typed`, `core`, `result`. I/O shells: `shells`
(`Stream` and `AsyncStream`) and `deadline` (the stream's overall timer).
"""
