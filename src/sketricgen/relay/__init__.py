"""Serve a SketricGen agent to browser frontends as a standard AG-UI endpoint.

Install `sketricgen[relay]`. `AgUiRelay` is an ASGI app; mount it in any ASGI
application (Starlette, FastAPI)::

    from sketricgen import SketricGenClient
    from sketricgen.relay import AgUiRelay

    client = SketricGenClient.from_env()          # the key stays on the server
    app.mount("/agent", AgUiRelay(client, agent_id="agent-123"))

Wire contract (what `@ag-ui/client`'s `HttpAgent`, CopilotKit and the chat
page rely on; shapes are those of `ag-ui-protocol` 1.0):

- Request: `POST` at the mount root, body a `RunAgentInput` in JSON
  (camelCase: `threadId`, `runId`, `messages`, `state`, `tools`, `context`,
  `forwardedProps`, `resume`). The text of the last `role: "user"` message is
  sent as `user_input`. Bad input answers `400`/`413`/`415`/`422` with JSON
  `{"error": code, "message": text}` before anything reaches SketricGen; a
  refused request (the `authorize` hook) answers `403`.
- Answer: `200`, `text/event-stream`, each event written by ag-ui's
  `EventEncoder` as `data: {camelCase json}\\n\\n`, and a comment line
  `: ping\\n\\n` whenever the stream is idle for `heartbeat_interval` seconds.
  `threadId`/`runId` in `RUN_STARTED` and `RUN_FINISHED` are the request's.
  The frontend's `threadId` is mapped to SketricGen's `conversation_id` by a
  `ThreadStore` (in memory by default), so the next turn on the same
  `threadId` continues the conversation.
- Attachments: a user message's `content` may be a list of parts. Media parts
  of AG-UI 1.0 (`{"type": "image"|"document"|"audio"|"video", "source":
  {...}, "metadata": {"filename": "report.pdf"}}`) with
  `source: {"type": "data", "value": <base64>, "mimeType": ...}` are uploaded
  by the relay (`client.upload_file`) and attached as assets; with
  `source: {"type": "file", "value": <SketricGen file id>}` the id is
  attached as it is. The legacy part `{"type": "binary", "mimeType": ...,
  "filename": ..., "data": <base64>}` (or `"id": <file id>`) is accepted too.
  URL sources are refused (`400`): the relay never fetches URLs.
- Human in the loop: runs are sent with `enable_hitl=True`. SketricGen's
  `RUN_PAUSED_HITL` ends the run with `RUN_FINISHED` whose `outcome` is the
  protocol's interrupt outcome::

      {"type": "RUN_FINISHED", "threadId": ..., "runId": ...,
       "outcome": {"type": "interrupt", "interrupts": [
         {"id": <interrupt id>, "reason": "tool_approval",
          "message": "The agent asks to run send_email.",
          "toolCallId": <the paused tool call, when known>,
          "responseSchema": {...},
          "metadata": {"sketricgen": {"requestId": ..., "action": {"name": ..., "args": {...}},
                                      "allowedDecisions": ["approve", "reject", "respond"]}}}]}}

  The next `RunAgentInput` on the same `threadId` answers every interrupt in
  `resume`::

      "resume": [{"interruptId": <interrupt id>, "status": "resolved",
                  "payload": {"type": "approve" | "reject" | "respond", "message": "..."}}]

  (`status: "cancelled"` means reject; a bare string payload `"approve"` is
  read as `{"type": "approve"}`.) The relay sends it as `hitl_resume` with
  the paused request's `request_id`, in the order of the interrupts.
- Endings: `RUN_HALTED_OUT_OF_CREDITS` becomes `RUN_ERROR` with
  `code: "out_of_credits"`; `CUSTOM_EVENT` becomes `CUSTOM` (`name`,
  `value`); a type AG-UI does not name becomes `RAW` (`event`: the original
  payload, `source: "sketricgen"`). The relay's own failures end the run
  with `RUN_ERROR` too, with a `code`: `upstream_error` (SketricGen answered
  an HTTP error), `upstream_unreachable`, `incomplete_stream` (the stream
  ended before the run), `bad_event` (an event that is not JSON),
  `invalid_event_order` (SketricGen's events would break AG-UI's order
  rules), `invalid_request`, `relay_error`. The relay's output always passes
  those rules (`sketricgen.verify`); the API key never appears in it.

Public names: `AgUiRelay`; `create_app(client, agent_id, **options)` (a
Starlette app with the chat page at `GET /` and the relay at `POST /agent`,
what `sketricgen relay` serves); `ThreadStore` (the protocol a store
implements), `InMemoryThreadStore`, `ThreadRecord`, `PendingHitl`;
`RelayRequestError` (a refused request: `status_code`, `code`).
"""

from __future__ import annotations

from ._app import AgUiRelay
from ._errors import RelayRequestError
from ._server import create_app
from ._store import InMemoryThreadStore, PendingHitl, ThreadRecord, ThreadStore

__all__ = [
    "AgUiRelay",
    "InMemoryThreadStore",
    "PendingHitl",
    "RelayRequestError",
    "ThreadRecord",
    "ThreadStore",
    "create_app",
]
