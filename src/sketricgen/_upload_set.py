"""A set of uploads: in parallel up to a bound, all or nothing, sync (threads) and async (tasks).

When one file fails, the files not started yet never start, those in flight
are stopped (async: cancelled; sync: before their next call, since a thread
cannot be interrupted mid-request) and awaited, and the first failure is
raised. Results come in the order of the flows, whatever order they finish in.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait

from ._transport import AsyncTransport, SyncTransport
from ._upload_flow import UploadCompleteResponse, UploadFlow
from ._uploads import upload_async, upload_sync

__all__ = ["upload_all_async", "upload_all_sync"]


class _StoppedError(Exception):
    """Another file of the set failed: this one stops before its next call."""


def upload_all_sync(
    transport: SyncTransport, flows: Sequence[UploadFlow], limit: int
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


async def upload_all_async(
    transport: AsyncTransport, flows: Sequence[UploadFlow], limit: int
) -> list[UploadCompleteResponse]:
    """Upload every file, at most `limit` at once (tasks); results in the given order."""
    if len(flows) <= 1 or limit == 1:
        return [await upload_async(transport, flow) for flow in flows]
    gate = asyncio.Semaphore(limit)
    first: list[BaseException] = []

    async def one(flow: UploadFlow) -> UploadCompleteResponse:
        async with gate:
            # A file that failed released this slot after recording its failure: a
            # file woken by that release must not start before it is cancelled.
            if first:
                raise _StoppedError
            try:
                return await upload_async(transport, flow)
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
