"""Files attached to a streamed run: uploaded first, then the events, as the seed shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sketricgen import SketricGenFileNotFoundError, SketricGenUploadError
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory
from tests.helpers.uploads import attached, steps

pytestmark = pytest.mark.emulator
AGENT = "agent-123"


def _check(emu: Emulator, files: Path, text: str) -> None:
    assert "document1.pdf (application/pdf, 606 bytes), image.png (image/png, 73 bytes)" in text
    uploads = attached(emu)
    assert [u.file_name for u in uploads] == ["document1.pdf", "image.png"]
    assert [u.data for u in uploads] == [
        (files / "document1.pdf").read_bytes(), (files / "image.png").read_bytes(),
    ]  # fmt: skip
    assert all(u.completed for u in uploads)
    assert emu.requests_to("run")[0].json()["stream"] is True
    assert steps(emu)[-1] == "run"
    assert emu.key_leaks == []


@pytest.mark.anyio
async def test_pdf_and_png_attached_to_a_streamed_run_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    text = ""
    async with make_client() as client:
        async for event in await client.run_workflow(
            agent_id=AGENT,
            user_input="Analyze these",
            file_paths=[files / "document1.pdf", str(files / "image.png")],
            stream=True,
        ):
            data = json.loads(event.data)
            if data["type"] == "TEXT_MESSAGE_CONTENT":
                text += data["delta"]
    _check(sketricgen_emulator, files, text)


def test_pdf_and_png_attached_to_a_streamed_run_sync(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    text = ""
    for event in make_client().run_workflow_sync(
        agent_id=AGENT,
        user_input="Analyze these",
        file_paths=[str(files / "document1.pdf"), files / "image.png"],
        stream=True,
    ):
        data = json.loads(event.data)
        if data["type"] == "TEXT_MESSAGE_CONTENT":
            text += data["delta"]
    _check(sketricgen_emulator, files, text)


@pytest.mark.anyio
async def test_a_bad_file_fails_before_the_stream_opens(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    async with make_client() as client:
        with pytest.raises(SketricGenFileNotFoundError):
            await client.run_workflow(
                AGENT, "Analyze", file_paths=[files / "image.png", files / "gone.pdf"], stream=True
            )
    assert sketricgen_emulator.requests == []


def test_a_failed_upload_opens_no_stream(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    sketricgen_emulator.add_fault(Fault.s3_error("AccessDenied", 403, message="Access Denied"))
    with pytest.raises(SketricGenUploadError, match="AccessDenied"):
        make_client().run_workflow_sync(
            AGENT, "Analyze", file_paths=[files / "image.png"], stream=True
        )
    assert sketricgen_emulator.requests_to("run") == []
