"""The seed's file-attachment examples against the recorded cassettes (vcrpy), with no server.

Matching covers the method, the URL and JSON bodies: each test proves the
SDK makes the same init, presigned POST, complete and run calls, in a
compatible order, as when the cassette was recorded.
"""

from __future__ import annotations

import asyncio
import json

from sketricgen import ChatResponse
from tests.helpers.cassettes import REPLAY_STORAGE_URL, client, replaying
from tests.helpers.uploads import FILES


def test_single_file() -> None:
    async def main() -> ChatResponse:
        async with client() as sdk:
            return await sdk.run_workflow(
                agent_id="agent-123",
                user_input="Summarize this document",
                file_paths=[str(FILES / "document1.pdf")],
            )

    with replaying("attach_file"):
        response = asyncio.run(main())
    assert response.response == (
        "Hello! You said: Summarize this document "
        "I received 1 file(s): document1.pdf (application/pdf, 606 bytes)."
    )


def test_multiple_files_uploaded_in_parallel() -> None:
    # Recorded one upload at a time; replayed with the default parallel uploads.
    async def main() -> ChatResponse:
        async with client() as sdk:
            return await sdk.run_workflow(
                agent_id="agent-123",
                user_input="Compare these two documents",
                file_paths=[FILES / "document1.pdf", FILES / "document2.pdf"],
            )

    with replaying("attach_files"):
        response = asyncio.run(main())
    assert "I received 2 file(s): document1.pdf (application/pdf, 606 bytes), " in (
        response.response
    )
    assert response.response.endswith("document2.pdf (application/pdf, 605 bytes).")


def test_multiple_files_sync() -> None:
    # One upload at a time: vcrpy's playback is not meant for several threads.
    with replaying("attach_files_sync"), client(max_concurrent_uploads=1) as sdk:
        response = sdk.run_workflow_sync(
            "agent-123", "Describe these", file_paths=[FILES / "document1.pdf", FILES / "image.png"]
        )
    assert response.response.endswith(
        "document1.pdf (application/pdf, 606 bytes), image.png (image/png, 73 bytes)."
    )


def test_upload_file_then_its_id_as_an_asset() -> None:
    with replaying("upload_then_ask"), client() as sdk:
        upload = sdk.upload_file_sync("agent-123", b"name,score\nada,10\n", file_name="scores.csv")
        response = sdk.run_workflow_sync(
            "agent-123", "Summarize this file", assets=[upload.file_id]
        )
    assert (upload.file_name, upload.content_type, upload.file_size_bytes) == (
        "scores.csv", "text/csv", 18,
    )  # fmt: skip
    assert upload.url is not None
    assert upload.url.startswith(REPLAY_STORAGE_URL)
    assert "scores.csv (text/csv, 18 bytes)" in response.response


def test_streaming_with_files() -> None:
    async def main() -> str:
        text = ""
        async with client() as sdk:
            async for event in await sdk.run_workflow(
                agent_id="agent-123",
                user_input="Analyze this image",
                file_paths=[FILES / "image.png"],
                stream=True,
            ):
                data = json.loads(event.data)
                if data["type"] == "TEXT_MESSAGE_CONTENT":
                    text += data["delta"]
        return text

    with replaying("stream_with_file"):
        text = asyncio.run(main())
    assert text == (
        "Hello! You said: Analyze this image I received 1 file(s): image.png (image/png, 73 bytes)."
    )
