"""Files attached to runs, and uploaded on their own, against the emulator over real HTTP."""

from __future__ import annotations

import asyncio
import io
import time
from pathlib import Path

import pytest

from sketricgen import SketricGenClient, UploadCompleteResponse
from sketricgen._uploads.files import CHUNK_SIZE
from sketricgen.testing import Emulator, Fault
from tests.helpers.clients import ClientFactory
from tests.helpers.uploads import attached, posted_parts, steps

pytestmark = pytest.mark.emulator
AGENT = "agent-123"
POLICY_FIELDS = [
    "Content-Type", "key", "x-amz-algorithm", "x-amz-credential", "x-amz-date",
    "x-amz-security-token", "policy", "x-amz-signature",
]  # fmt: skip


def _check_pdf_then_png(emu: Emulator, files: Path, run_index: int = 0) -> None:
    pdf, png = attached(emu, run_index)
    assert (pdf.file_name, pdf.content_type, pdf.part_content_type) == (
        "document1.pdf", "application/pdf", "application/pdf",
    )  # fmt: skip
    assert (png.file_name, png.content_type, png.part_content_type) == (
        "image.png", "image/png", "image/png",
    )  # fmt: skip
    assert pdf.data == (files / "document1.pdf").read_bytes()
    assert png.data == (files / "image.png").read_bytes()
    assert pdf.completed
    assert png.completed
    assert emu.key_leaks == []
    for post in emu.requests_to("presigned"):
        assert "api-key" not in post.headers
        assert "x-api-key" not in post.headers


# -- the seed's examples: files attached to a run -------------------------------------


def test_pdf_and_png_attached_to_a_run_sync(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    client = make_client()
    response = client.run_workflow_sync(
        agent_id=AGENT,
        user_input="Compare these",
        file_paths=[str(files / "document1.pdf"), files / "image.png"],  # str and PathLike
    )
    assert "I received 2 file(s): document1.pdf (application/pdf, 606 bytes), image.png" in (
        response.response
    )
    _check_pdf_then_png(sketricgen_emulator, files)
    assert steps(sketricgen_emulator)[-1] == "run"
    assert len(sketricgen_emulator.requests_to("upload_complete")) == 2


@pytest.mark.anyio
async def test_pdf_and_png_attached_to_a_run_async(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    async with make_client() as client:
        response = await client.run_workflow(
            agent_id=AGENT,
            user_input="Compare these",
            file_paths=[files / "document1.pdf", str(files / "image.png")],
        )
    assert "document1.pdf (application/pdf, 606 bytes), image.png (image/png, 73 bytes)" in (
        response.response
    )
    _check_pdf_then_png(sketricgen_emulator, files)


def test_the_run_waits_for_every_upload(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    make_client().run_workflow_sync(
        AGENT, "Compare", file_paths=[files / "document1.pdf", files / "image.png"]
    )
    found = steps(sketricgen_emulator)
    assert found.count("upload_complete") == 2
    assert found.index("run") > max(i for i, step in enumerate(found) if step != "run")


def test_order_follows_the_paths_not_the_finish_line(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    # Six files at up to four at a time finish in any order; assets keep the given order.
    names = []
    for index in range(6):
        path = files / f"part{index}.txt"
        path.write_text(f"part {index}\n" * (index + 1) * 500)
        names.append(path)
    make_client().run_workflow_sync(AGENT, "Read all", file_paths=list(reversed(names)))
    assert [u.file_name for u in attached(sketricgen_emulator)] == [
        f"part{index}.txt" for index in reversed(range(6))
    ]


@pytest.mark.anyio
async def test_explicit_assets_come_before_uploaded_files(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    async with make_client() as client:
        earlier = await client.upload_file(AGENT, files / "document2.pdf")
        response = await client.run_workflow(
            AGENT, "Compare", assets=[earlier.file_id], file_paths=[files / "document1.pdf"]
        )
    assert [u.file_name for u in attached(sketricgen_emulator)] == [
        "document2.pdf", "document1.pdf",
    ]  # fmt: skip
    assert "I received 2 file(s)" in response.response


def test_files_alone_need_no_user_input(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    make_client().run_workflow_sync(AGENT, "", file_paths=[files / "image.png"])
    assert [u.file_name for u in attached(sketricgen_emulator)] == ["image.png"]


def test_upload_files_sync_keeps_the_given_order(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    paths = [files / "image.png", files / "document2.pdf", files / "document1.pdf"]
    uploads = make_client().upload_files_sync(AGENT, paths)
    assert [u.file_name for u in uploads] == ["image.png", "document2.pdf", "document1.pdf"]
    assert all(isinstance(u, UploadCompleteResponse) for u in uploads)


@pytest.mark.anyio
async def test_upload_files_async_keeps_the_given_order(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    async with make_client() as client:
        uploads = await client.upload_files(AGENT, [files / "document2.pdf", files / "image.png"])
    assert [u.file_name for u in uploads] == ["document2.pdf", "image.png"]


# -- the presigned POST itself ---------------------------------------------------------


def test_policy_fields_first_in_order_then_the_file_last(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    make_client().upload_file_sync(AGENT, files / "document1.pdf")
    parts = posted_parts(sketricgen_emulator)
    assert [part.name for part in parts] == [*POLICY_FIELDS, "file"]
    file_part = parts[-1]
    assert (file_part.filename, file_part.content_type) == ("document1.pdf", "application/pdf")
    assert file_part.data == (files / "document1.pdf").read_bytes()
    init = sketricgen_emulator.requests_to("upload_init")[0]
    assert init.json() == {"agent_id": AGENT, "file_name": "document1.pdf"}


def test_the_post_has_a_length_and_no_key(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    make_client().upload_file_sync(AGENT, files / "image.png")
    (post,) = sketricgen_emulator.requests_to("presigned")
    assert int(post.headers["content-length"]) == len(post.body)
    assert "transfer-encoding" not in post.headers
    assert post.headers["content-type"].startswith("multipart/form-data; boundary=")
    (init,) = sketricgen_emulator.requests_to("upload_init")
    (complete,) = sketricgen_emulator.requests_to("upload_complete")
    assert "x-api-key" in init.headers
    assert "x-api-key" in complete.headers
    assert "api-key" not in init.headers
    assert sketricgen_emulator.key_leaks == []


def test_a_user_http_client_with_a_key_still_sends_none_to_storage(
    sketricgen_emulator: Emulator, files: Path
) -> None:
    import httpx  # noqa: PLC0415

    emu = sketricgen_emulator
    with httpx.Client(headers={"X-API-KEY": emu.api_key, "API-KEY": emu.api_key}) as http:
        client = SketricGenClient(
            emu.api_key, base_url=emu.base_url, upload_base_url=emu.upload_base_url,
            http_client=http,
        )  # fmt: skip
        with client:
            client.run_workflow_sync(AGENT, "Look", file_paths=[files / "image.png"])
    assert emu.key_leaks == []
    assert len(emu.requests_to("presigned")) == 1


# -- upload_file: what it takes and what it returns ------------------------------------


def test_upload_file_returns_the_completed_upload(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    upload = make_client().upload_file_sync(AGENT, files / "document1.pdf")
    assert isinstance(upload, UploadCompleteResponse)
    (stored,) = sketricgen_emulator.uploads
    assert upload.file_id == stored.file_id
    assert (upload.file_name, upload.content_type, upload.file_size_bytes) == (
        "document1.pdf", "application/pdf", 606,
    )  # fmt: skip
    assert upload.url is not None
    assert upload.url.startswith(sketricgen_emulator.storage_url)
    assert upload.created_at


@pytest.mark.anyio
async def test_uploaded_ids_can_be_passed_as_assets(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    async with make_client() as client:
        upload = await client.upload_file(AGENT, files / "image.png")
        response = await client.run_workflow(AGENT, "What is this?", assets=[upload.file_id])
    assert "image.png (image/png, 73 bytes)" in response.response


def test_bytes_with_a_name(make_client: ClientFactory, sketricgen_emulator: Emulator) -> None:
    upload = make_client().upload_file_sync(AGENT, b"a,b\n1,2\n", file_name="table.csv")
    assert (upload.content_type, upload.file_size_bytes) == ("text/csv", 8)
    assert sketricgen_emulator.uploads[0].data == b"a,b\n1,2\n"


def test_a_file_object_is_read_from_its_position(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    stream = io.BytesIO(b"HEADER" + b"# Notes\nbody\n")
    stream.seek(6)
    upload = make_client().upload_file_sync(AGENT, stream, file_name="notes.md")
    assert upload.file_size_bytes == 13
    assert sketricgen_emulator.uploads[0].data == b"# Notes\nbody\n"


def test_an_open_file_takes_its_own_name(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    with (files / "document2.pdf").open("rb") as handle:
        upload = make_client().upload_file_sync(AGENT, handle)
    assert upload.file_name == "document2.pdf"


def test_file_name_renames_a_path(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    upload = make_client().upload_file_sync(AGENT, files / "image.png", file_name="chart.png")
    assert upload.file_name == "chart.png"


def test_content_type_gives_a_bare_name_its_extension(
    make_client: ClientFactory, sketricgen_emulator: Emulator, files: Path
) -> None:
    data = (files / "document1.pdf").read_bytes()
    upload = make_client().upload_file_sync(
        AGENT, data, file_name="scan", content_type="Application/PDF"
    )
    assert (upload.file_name, upload.content_type) == ("scan.pdf", "application/pdf")


def test_the_file_is_read_a_chunk_at_a_time(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    reads: list[int] = []

    class Recorded(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            reads.append(-1 if size is None else size)
            return super().read(size)

    content = bytes(range(256)) * (3 * CHUNK_SIZE // 256 + 7)
    upload = make_client().upload_file_sync(AGENT, Recorded(content), file_name="blob.json")
    assert upload.file_size_bytes == len(content)
    assert sketricgen_emulator.uploads[0].data == content
    assert reads
    assert max(reads) == CHUNK_SIZE
    assert -1 not in reads


# -- progress -------------------------------------------------------------------------


def test_progress_counts_the_file_bytes_as_they_go(
    make_client: ClientFactory, sketricgen_emulator: Emulator
) -> None:
    seen: list[tuple[int, int]] = []
    size = 2 * CHUNK_SIZE + 10
    make_client().upload_file_sync(
        AGENT, b"x" * size, file_name="big.txt", on_progress=lambda n, t: seen.append((n, t))
    )
    assert seen == [(0, size), (CHUNK_SIZE, size), (2 * CHUNK_SIZE, size), (size, size)]


@pytest.mark.anyio
async def test_progress_async(make_client: ClientFactory, sketricgen_emulator: Emulator) -> None:
    seen: list[tuple[int, int]] = []
    async with make_client() as client:
        await client.upload_file(
            AGENT, b"y" * 100, file_name="small.txt", on_progress=lambda n, t: seen.append((n, t))
        )
    assert seen == [(0, 100), (100, 100)]


# -- parallel, with a bound -------------------------------------------------------------


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("limit", "rounds"), [(4, 1), (2, 2)])
def test_files_upload_in_parallel_up_to_the_bound(
    make_client: ClientFactory,
    sketricgen_emulator: Emulator,
    files: Path,
    mode: str,
    limit: int,
    rounds: int,
) -> None:
    # Long enough that the slack below (half a stall and more) absorbs a loaded machine.
    stall = 0.8
    sketricgen_emulator.add_fault(Fault.stall(stall, endpoint="presigned"))
    paths = []
    for index in range(4):
        path = files / f"page{index}.md"
        path.write_text(f"# Page {index}\n")
        paths.append(path)
    client = make_client(max_concurrent_uploads=limit)

    async def main() -> list[UploadCompleteResponse]:
        async with client:
            return await client.upload_files(AGENT, paths)

    started = time.monotonic()
    uploads = client.upload_files_sync(AGENT, paths) if mode == "sync" else asyncio.run(main())
    elapsed = time.monotonic() - started
    assert [u.file_name for u in uploads] == [p.name for p in paths]
    # Each round of POSTs waits out one stall: 4 files in `rounds` rounds, not 4
    # (one at a time would take 4 stalls; more than `limit` at once, fewer rounds).
    assert rounds * stall <= elapsed < (rounds + 1.5) * stall
