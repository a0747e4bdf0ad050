"""Reading an AG-UI `RunAgentInput` into what one SketricGen turn needs (no I/O)."""

from __future__ import annotations

import base64
import binascii
import json
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Optional

import pydantic
from ag_ui.core import RunAgentInput, UserMessage

from .._workflow.validation import MAX_USER_INPUT
from ._errors import RelayRequestError

__all__ = ["Attachment", "HitlAnswer", "RelayTurn", "parse_run_input"]

MAX_ID_LENGTH = 256
DECISIONS = ("approve", "reject", "respond")
_MEDIA_PARTS = frozenset({"image", "document", "audio", "video"})


@dataclass(frozen=True)
class Attachment:
    """A file the browser sent inline, to upload before the run."""

    data: bytes
    file_name: str
    content_type: Optional[str]


@dataclass(frozen=True)
class HitlAnswer:
    """The frontend's answer to one interrupt."""

    interrupt_id: str
    decision: str
    message: Optional[str] = None


@dataclass(frozen=True)
class RelayTurn:
    """One turn to send: the frontend's ids, the text, files, and HITL answers."""

    thread_id: str
    run_id: str
    user_input: str
    attachments: tuple[Attachment, ...]
    asset_ids: tuple[str, ...]
    answers: tuple[HitlAnswer, ...]
    run_input: RunAgentInput

    @property
    def forwarded_props(self) -> Any:
        """The frontend's `forwardedProps`, untouched."""
        return self.run_input.forwarded_props


def parse_run_input(body: bytes) -> RelayTurn:
    """The turn a request body asks for; `RelayRequestError` (400/422) when it is not valid."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise RelayRequestError(
            "the body is not JSON: send a RunAgentInput", code="invalid_json"
        ) from None
    if not isinstance(data, dict):
        raise RelayRequestError("the body must be a JSON object (a RunAgentInput)")
    data = _upgrade_legacy_parts(data)
    try:
        run_input = RunAgentInput.model_validate(data)
    except pydantic.ValidationError as error:
        raise RelayRequestError(
            f"not a valid RunAgentInput: {_summary(error)}", status_code=422
        ) from None
    for name, value in (("threadId", run_input.thread_id), ("runId", run_input.run_id)):
        if not value or len(value) > MAX_ID_LENGTH:
            raise RelayRequestError(f"{name} must be 1 to {MAX_ID_LENGTH} characters")
    answers = _answers(run_input)
    text, attachments, asset_ids = ("", (), ()) if answers else _last_user_message(run_input)
    if not answers and not text and not attachments and not asset_ids:
        raise RelayRequestError(
            "no user message to send: the last message with role 'user' is empty or missing",
            code="no_user_message",
        )
    if len(text) > MAX_USER_INPUT:
        raise RelayRequestError(
            f"the user message has {len(text):,} characters, more than SketricGen's "
            f"{MAX_USER_INPUT:,}",
            code="message_too_long",
        )
    return RelayTurn(
        run_input.thread_id, run_input.run_id, text, attachments, asset_ids, answers, run_input
    )


def _summary(error: pydantic.ValidationError) -> str:
    problems = error.errors(include_url=False, include_input=False)
    shown = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or 'body'}: {problem['msg']}"
        for problem in problems[:3]
    )
    more = len(problems) - 3
    return shown + (f" (and {more} more)" if more > 0 else "")


def _upgrade_legacy_parts(data: dict[str, Any]) -> dict[str, Any]:
    """Rewrite pre-1.0 `{"type": "binary"}` parts as the media parts 1.0 defines."""
    messages = data.get("messages")
    if not isinstance(messages, list):
        return data
    upgraded: list[Any] = []
    for message in messages:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, list) and any(_is_binary(part) for part in content):
            parts = [_media_part(part) if _is_binary(part) else part for part in content]
            upgraded.append({**message, "content": parts})
        else:
            upgraded.append(message)
    return {**data, "messages": upgraded}


def _is_binary(part: Any) -> bool:
    return isinstance(part, dict) and part.get("type") == "binary"


def _media_part(part: dict[str, Any]) -> dict[str, Any]:
    mime = part.get("mimeType", part.get("mime_type"))
    if not isinstance(mime, str) or not mime:
        raise RelayRequestError("a binary content part needs a mimeType", code="invalid_attachment")
    if part.get("data") is not None:
        source: dict[str, Any] = {"type": "data", "value": part["data"], "mimeType": mime}
    elif part.get("id") is not None:
        source = {"type": "file", "value": part["id"], "mimeType": mime}
    elif part.get("url") is not None:
        source = {"type": "url", "value": part["url"], "mimeType": mime}
    else:
        raise RelayRequestError(
            "a binary content part needs data, id or url", code="invalid_attachment"
        )
    kind = "image" if mime.startswith("image/") else "document"
    filename = part.get("filename")
    metadata = {"filename": filename} if isinstance(filename, str) else None
    return {"type": kind, "source": source, **({"metadata": metadata} if metadata else {})}


def _last_user_message(
    run_input: RunAgentInput,
) -> tuple[str, tuple[Attachment, ...], tuple[str, ...]]:
    for message in reversed(run_input.messages):
        if not isinstance(message, UserMessage):
            continue
        content = message.content
        if isinstance(content, str):
            return content, (), ()
        texts: list[str] = []
        attachments: list[Attachment] = []
        asset_ids: list[str] = []
        for index, part in enumerate(content):
            if part.type == "text":
                texts.append(part.text)
            elif part.type in _MEDIA_PARTS:
                _read_media(part, index, attachments, asset_ids)
        return "\n".join(text for text in texts if text), tuple(attachments), tuple(asset_ids)
    return "", (), ()


def _read_media(part: Any, index: int, attachments: list[Attachment], ids: list[str]) -> None:
    source = part.source
    if source.type == "file":
        if not source.value:
            raise RelayRequestError(f"content part {index}: an empty file id")
        ids.append(source.value)
        return
    if source.type != "data":
        raise RelayRequestError(
            f"content part {index}: the relay does not fetch URLs; send the bytes "
            "(a data source) or a SketricGen file id (a file source)",
            code="unsupported_attachment",
        )
    try:
        data = base64.b64decode(source.value, validate=True)
    except (binascii.Error, ValueError):
        raise RelayRequestError(
            f"content part {index}: the data is not valid base64", code="invalid_attachment"
        ) from None
    if not data:
        raise RelayRequestError(
            f"content part {index}: the file is empty", code="invalid_attachment"
        )
    mime = source.mime_type
    attachments.append(Attachment(data, _file_name(part, mime, index), mime or None))


def _file_name(part: Any, mime: Optional[str], index: int) -> str:
    metadata = part.metadata if isinstance(part.metadata, Mapping) else {}
    name = metadata.get("filename") or metadata.get("fileName") or metadata.get("name")
    if isinstance(name, str) and name.strip():
        # A base name only: the browser does not choose paths on this server.
        return name.replace("\\", "/").rsplit("/", 1)[-1].strip() or f"attachment-{index}"
    extension = (mimetypes.guess_extension(mime) if mime else None) or ""
    return f"attachment-{index + 1}{extension}"


def _answers(run_input: RunAgentInput) -> tuple[HitlAnswer, ...]:
    answers: list[HitlAnswer] = []
    for entry in run_input.resume or ():
        payload = entry.payload
        message: Optional[str] = None
        if entry.status == "cancelled":
            decision: Any = "reject"
        elif isinstance(payload, str):
            decision = payload
        elif isinstance(payload, Mapping):
            decision = payload.get("type", payload.get("decision"))
            raw_message = payload.get("message")
            if raw_message is not None and not isinstance(raw_message, str):
                raise RelayRequestError(f"resume for {entry.interrupt_id}: message must be text")
            message = raw_message
        else:
            decision = None
        if decision not in DECISIONS:
            raise RelayRequestError(
                f"resume for {entry.interrupt_id}: the payload must say which decision, "
                f'one of {", ".join(DECISIONS)} (e.g. {{"type": "approve"}})',
                code="invalid_resume",
            )
        answers.append(HitlAnswer(entry.interrupt_id, str(decision), message))
    return tuple(answers)
