"""The canned bytes the benchmark server answers with, and the names both sides agree on.

A stream is asked for through the run's `agent_id`: ``bench:<mode>:<events>``,
where mode is ``events`` (one write per event), ``packed`` (64 KiB writes that
cut events anywhere) or ``paced`` (one event every ``PACE_SECONDS``, each
stamped with the server's ``time.time_ns()`` in ``sent_ns``).
"""

from __future__ import annotations

import json
import time
from typing import Any, Optional

API_KEY = "bench-key"
SMALL_AGENT = "bench:small"
UPLOAD_AGENT = "bench:upload"
PACE_SECONDS = 0.2
PACKED_CHUNK = 64 * 1024
RUN_PATH_SUFFIX = b"/run-workflow"
UPLOAD_PREFIX = "/dev"
SINK_PATH = b"/s3-sink"


def stream_agent(mode: str, events: int) -> str:
    """The `agent_id` that asks the server for this stream."""
    return f"bench:{mode}:{events}"


def parse_stream_agent(agent_id: str) -> Optional[tuple[str, int]]:
    """`(mode, events)` from a stream `agent_id`, or None if it names no stream."""
    parts = agent_id.split(":")
    if len(parts) != 3 or parts[0] != "bench" or not parts[2].isdigit():
        return None
    if parts[1] not in ("events", "packed", "paced"):
        return None
    return parts[1], int(parts[2])


def _frame(payload: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(payload, separators=(",", ":")).encode() + b"\n\n"


def run_payloads(events: int) -> list[dict[str, Any]]:
    """A complete AG-UI run of `events` (at least 4) events, snake_case keys as SketricGen sends."""
    if events < 4:
        raise ValueError("a run needs at least 4 events")
    ids = {"thread_id": "thr_bench", "run_id": "run_bench"}
    head: list[dict[str, Any]] = [
        {"type": "RUN_STARTED", **ids},
        {"type": "TEXT_MESSAGE_START", "message_id": "msg_bench", "role": "assistant"},
    ]
    tail: list[dict[str, Any]] = [
        {"type": "TEXT_MESSAGE_END", "message_id": "msg_bench"},
        {"type": "RUN_FINISHED", **ids},
    ]
    body = [
        {"type": "TEXT_MESSAGE_CONTENT", "message_id": "msg_bench", "delta": f" word{i}"}
        for i in range(events - len(head) - len(tail))
    ]
    return head + body + tail


def sse_events(events: int) -> list[bytes]:
    """Each event of a run, framed as ``data: {json}\\n\\n``."""
    return [_frame(p) for p in run_payloads(events)]


def paced_event(payload: dict[str, Any]) -> bytes:
    """One event stamped with the wall-clock time of its sending."""
    return _frame({**payload, "sent_ns": time.time_ns()})


def chat_response(agent_id: str) -> bytes:
    """A `201` body of a finished run, every documented field present."""
    return json.dumps(
        {
            "agent_id": agent_id,
            "user_id": "user_bench",
            "conversation_id": "conv_bench",
            "response": "Hello! I am fine, thank you. How can I help you today?",
            "owner": "owner_bench",
            "error": False,
            "assets": [],
            "run_paused_hitl": False,
            "hitl_interrupts": None,
            "hitl_request": None,
            "run_halted_out_of_credits": False,
            "web_search_citations": None,
        }
    ).encode()


def upload_init(sink_url: str, file_name: str) -> bytes:
    """The init answer: a presigned POST aimed at the server's own sink."""
    return json.dumps(
        {
            "success": True,
            "file_id": "file_bench",
            "content_type": "application/pdf",
            "upload": {
                "url": sink_url,
                "fields": {
                    "key": f"uploads/file_bench/{file_name}",
                    "Content-Type": "application/pdf",
                    "policy": "eyJleHBpcmF0aW9uIjoiMjA5OS0wMS0wMVQwMDowMDowMFoifQ==",
                    "x-amz-signature": "0" * 64,
                },
                "expires_at": "2099-01-01T00:00:00Z",
                "max_file_bytes": 20 * 1024 * 1024,
            },
        }
    ).encode()


def upload_complete(file_name: str, size: int) -> bytes:
    """The complete answer for the last file the sink received."""
    return json.dumps(
        {
            "success": True,
            "file_id": "file_bench",
            "file_size_bytes": size,
            "content_type": "application/pdf",
            "file_name": file_name,
            "created_at": "2025-01-01T00:00:00Z",
            "url": "http://127.0.0.1/get/file_bench",
        }
    ).encode()
