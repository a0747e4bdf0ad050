"""The upload shells: one file's three calls, sync and async, and the flows they run.

Every decision is `UploadFlow`'s (`_upload_flow`); these functions only
check what the user passed, send the flow's requests through the transport
(which retries), and stream the file. `_upload_set` runs several at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Optional

from ._exceptions import SketricGenError
from ._files import LocalFile, inspect_file, inspect_paths
from ._transport import AsyncTransport, SyncTransport, TransportCore
from ._upload_flow import ProgressCallback, UploadCompleteResponse, UploadFlow
from ._validation import require_text

__all__ = ["file_flow", "path_flows", "set_flows", "upload_async", "upload_sync"]


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


def _go_on() -> None:
    pass


def upload_sync(
    transport: SyncTransport, flow: UploadFlow, check: Callable[[], None] = _go_on
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
                flow.post_spec(target, lambda form, sent: form.stream(reader.chunks(), sent))
            )
        check()
        spec = flow.complete_spec()
        return flow.completed(spec, transport.send(spec))
    except SketricGenError as error:
        raise flow.failure(error) from error


async def upload_async(transport: AsyncTransport, flow: UploadFlow) -> UploadCompleteResponse:
    """Upload one file: init, presigned POST streamed from the file, complete."""
    try:
        spec = flow.init_spec()
        target = flow.presigned(spec, await transport.send(spec))
        with flow.file.open() as reader:
            await transport.send(
                flow.post_spec(target, lambda form, sent: form.astream(reader.chunks(), sent))
            )
        spec = flow.complete_spec()
        return flow.completed(spec, await transport.send(spec))
    except SketricGenError as error:
        raise flow.failure(error) from error
