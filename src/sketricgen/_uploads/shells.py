"""The upload shells: one file's three calls, and a set of files, sync and async.

Every decision is `UploadFlow`'s (`flow.py`); these functions only check
what the user passed, send the flow's requests through the transport (which
retries), and stream the file.

A set of uploads runs in parallel up to a bound, all or nothing: when one
file fails, the files not started yet never start, those in flight are
stopped (async: cancelled; sync: before their next call, since a thread
cannot be interrupted mid-request) and awaited, and the first failure is
raised. Results come in the order of the flows, whatever order they finish in.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any, Callable, Optional

from .._exceptions import SketricGenError
from .._transport.core import TransportCore, nothing
from .._transport.shells import AsyncTransport, Transport
from .._workflow.validation import require_text
from .files import LocalFile, inspect_file, inspect_paths
from .flow import ProgressCallback, UploadCompleteResponse, UploadFlow

__all__ = [
    "file_flow",
    "path_flows",
    "set_flows",
    "upload",
    "upload_all",
    "upload_all_sync",
    "upload_sync",
]


def file_flow(
    core: TransportCore,
    agent_id: Any,
    file: Any,
    *,
    file_name: Any = None,
    content_type: Any = None,
    on_progress: Optional[ProgressCallback] = None,
) -> UploadFlow:
    """The upload of one file given to `upload_file`, checked before any request."""
    require_text(agent_id, "agent_id", "the id of the agent the file is for")
    local = inspect_file(file, file_name=file_name, content_type=content_type)
    return UploadFlow(core, agent_id, local, on_progress)


def set_flows(core: TransportCore, agent_id: Any, files: Sequence[LocalFile]) -> list[UploadFlow]:
    """The uploads of a set of files that passed pre-flight."""
    require_text(agent_id, "agent_id", "the id of the agent the files are for")
    return [UploadFlow(core, agent_id, file) for file in files]


def path_flows(core: TransportCore, agent_id: Any, paths: Any) -> list[UploadFlow]:
    """The uploads of `paths`, every one checked before any request."""
    require_text(agent_id, "agent_id", "the id of the agent the files are for")
    return set_flows(core, agent_id, inspect_paths(paths))


def upload_sync(
    transport: Transport, flow: UploadFlow, check: Callable[[], None] = nothing
) -> UploadCompleteResponse:
    """Upload one file: init, presigned POST streamed from the file, complete.

    `check()` runs between the calls; it raises to stop the upload there.
    """
    try:
        spec = flow.init_spec()
        target = flow.presigned(spec, transport.send(spec))
        check()
        with flow.file.open() as reader:
            transport.send(
                flow.post_spec(target, lambda form, sent: form.stream_sync(reader.chunks(), sent))
            )
        check()
        spec = flow.complete_spec()
        return flow.completed(spec, transport.send(spec))
    except SketricGenError as error:
        raise flow.failure(error) from error


async def upload(transport: AsyncTransport, flow: UploadFlow) -> UploadCompleteResponse:
    """Upload one file: init, presigned POST streamed from the file, complete."""
    try:
        spec = flow.init_spec()
        target = flow.presigned(spec, await transport.send(spec))
        with flow.file.open() as reader:
            await transport.send(
                flow.post_spec(target, lambda form, sent: form.stream(reader.chunks(), sent))
            )
        spec = flow.complete_spec()
        return flow.completed(spec, await transport.send(spec))
    except SketricGenError as error:
        raise flow.failure(error) from error


class _StoppedError(Exception):
    """Another file of the set failed: this one stops before its next call."""


def upload_all_sync(
    transport: Transport, flows: Sequence[UploadFlow], limit: int
) -> list[UploadCompleteResponse]:
    """Upload every file, at most `limit` at once (threads); results in the given order."""
    if len(flows) <= 1 or limit == 1:
        return [upload_sync(transport, flow) for flow in flows]
    stop = threading.Event()
    first: list[BaseException] = []
    lock = threading.Lock()

    def check() -> None:
        if stop.is_set():
            raise _StoppedError

    def one(flow: UploadFlow) -> UploadCompleteResponse:
        if stop.is_set():
            raise _StoppedError
        try:
            return upload_sync(transport, flow, check)
        except _StoppedError:
            raise
        except BaseException as exc:
            with lock:
                first.append(exc)
            stop.set()
            raise

    workers = min(limit, len(flows))
    with ThreadPoolExecutor(workers, thread_name_prefix="sketricgen-upload") as pool:
        futures: list[Future[UploadCompleteResponse]] = [pool.submit(one, f) for f in flows]
        try:
            wait(futures, return_when=FIRST_EXCEPTION)
        finally:
            # A failure, or the caller interrupted: start nothing more. Leaving the
            # block waits for the uploads in flight (they stop before their next call).
            if first or not all(future.done() for future in futures):
                stop.set()
                for future in futures:
                    future.cancel()
    if first:
        raise first[0]
    return [future.result() for future in futures]


async def upload_all(
    transport: AsyncTransport, flows: Sequence[UploadFlow], limit: int
) -> list[UploadCompleteResponse]:
    """Upload every file, at most `limit` at once (tasks); results in the given order."""
    if len(flows) <= 1 or limit == 1:
        return [await upload(transport, flow) for flow in flows]
    gate = asyncio.Semaphore(limit)
    first: list[BaseException] = []

    async def one(flow: UploadFlow) -> UploadCompleteResponse:
        async with gate:
            # A file that failed released this slot after recording its failure: a
            # file woken by that release must not start before it is cancelled.
            if first:
                raise _StoppedError
            try:
                return await upload(transport, flow)
            except asyncio.CancelledError:
                raise
            except BaseException as exc:
                first.append(exc)
                raise

    tasks = [asyncio.ensure_future(one(flow)) for flow in flows]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    finally:
        # A failure, or the caller was cancelled: stop the others and wait for them.
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    if first:
        raise first[0]
    return [task.result() for task in tasks]
