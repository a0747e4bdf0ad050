"""Errors carry data: attempts, a storage host's code and words, as attributes (never text)."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

import sketricgen._exceptions as exceptions_module
from sketricgen import (
    SketricGenConnectionError,
    SketricGenServerError,
    SketricGenUploadError,
)
from sketricgen._transport.errors import api_error
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory

AGENT = "agent-123"
XML = {"content-type": "application/xml"}


@pytest.mark.emulator
def test_a_retried_answer_carries_its_attempts(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    sketricgen_emulator.add_fault(Fault.status(503, retry_after=0), agent_id=AGENT)
    with pytest.raises(SketricGenServerError) as caught:
        make_client(max_retries=2).run_workflow_sync(AGENT, "Hi")
    assert caught.value.attempts == 3
    assert "gave up after 3 attempts" in str(caught.value)


def test_a_refused_connection_carries_its_attempts(make_client: ClientFactory) -> None:
    with socket.socket() as probe:  # a port nobody listens on once this closes
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with pytest.raises(SketricGenConnectionError) as caught:
        make_client(base_url=url, max_retries=1).run_workflow_sync(AGENT, "Hi")
    assert caught.value.attempts == 2


@pytest.mark.emulator
def test_an_upload_given_up_on_carries_attempts_and_storage_code(
    make_client: ClientFactory, sketricgen_emulator: Emulator, tmp_path: Path
) -> None:
    sketricgen_emulator.add_fault(Fault.s3_error("SlowDown", 503, message="Reduce your rate."))
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with pytest.raises(SketricGenUploadError) as caught:
        make_client(max_retries=1).upload_file_sync(AGENT, notes)
    error = caught.value
    assert isinstance(error, SketricGenServerError)
    assert (error.attempts, error.code, error.step) == (2, "SlowDown", "upload")
    assert error.detail == "SlowDown: Reduce your rate."
    # The message still says it, built from the attribute (not parsed back from text).
    assert str(error).count("gave up after 2 attempts") == 1


def test_an_xml_error_document_gives_code_and_detail() -> None:
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
        b"<Message>Policy &amp; signature expired.</Message><RequestId>4F9</RequestId></Error>"
    )
    error = api_error(403, XML, body, target="POST https://s3/", attempts=1)
    assert (error.code, error.detail, error.attempts) == (
        "AccessDenied",
        "AccessDenied: Policy & signature expired.",
        1,
    )
    assert isinstance(error.response_body, str)  # the body itself is kept as text


def test_a_json_or_broken_xml_body_names_no_code() -> None:
    assert api_error(500, XML, b"<Error><Code>Half", target="POST https://s3/").code is None
    json_error = api_error(
        400, {"content-type": "application/json"}, b'{"Code": "X"}', target="POST /x"
    )
    assert json_error.code is None


def test_every_exception_is_drawn_in_the_tree_under_its_parent() -> None:
    """The tree atop `_exceptions` (4 columns a level) is the classes' real hierarchy."""
    parents: list[str] = []
    drawn = set()
    for line in (exceptions_module.__doc__ or "").splitlines():
        found = re.search(r"SketricGen\w*Error", line)
        if found is None or not re.fullmatch(r"[ │├└─]*", line[: found.start()]):
            continue
        depth = found.start() // 4
        assert depth <= len(parents), line
        del parents[depth:]
        if parents:
            child, parent = (getattr(exceptions_module, n) for n in (found.group(0), parents[-1]))
            assert issubclass(child, parent), line
        parents.append(found.group(0))
        drawn.add(found.group(0))
    assert drawn == set(exceptions_module.__all__)
