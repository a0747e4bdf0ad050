"""`SketricGenClient`: the public entry point, thin async and sync shells over the transport."""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable, Literal, Optional, TypeVar, Union, overload

import httpx

from ._config import (
    DEFAULT_MAX_CONCURRENT_UPLOADS,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_EVENT_SIZE,
    DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    ClientConfig,
    config_from_env,
)
from ._exceptions import SketricGenValidationError
from ._logging import configure_from_env
from ._transport.core import TransportCore
from ._transport.shells import AsyncTransport, Transport
from ._transport.tls import prepare as prepare_tls
from ._warmup import warm_up

if TYPE_CHECKING:
    import asyncio

    from sketricgen_admin_models import Teamspace
    from sketricgen_models import ChatResponse, HitlResume, UploadCompleteResponse

    from ._streaming.shells import AsyncStream, Stream
    from ._uploads.files import FileInput
    from ._uploads.flow import ProgressCallback
    from ._workflow.plan import RunPlan
    from .admin._agents import Agents
    from .admin._brand_agents import BrandAgents
    from .admin._calls import AdminCalls
    from .admin._connectors import Connectors
    from .admin._conversations import Conversations
    from .admin._jobs import Jobs
    from .admin._knowledge_bases import KnowledgeBases
    from .admin._members import Members
    from .admin._projects import Projects
    from .admin._usage import Usage

__all__ = ["SketricGenClient"]

FilePath = Union[str, "os.PathLike[str]"]
ResumeArg = Union["HitlResume", Mapping[str, Any], None]
Namespace = TypeVar("Namespace")


class SketricGenClient:
    """A client of SketricGen's Chat Server API, with async and sync methods.

    It keeps one pool of connections per mode for its whole life (one per
    event loop for the async methods): create it once, and close it with
    `close()` / `aclose()` or a `with` / `async with` block.
    `http_client` / `async_http_client` let you bring your own httpx clients
    (you then close them yourself; the SDK still never follows a redirect).

    `timeout` (seconds) bounds each attempt of a non-streamed call as a
    whole: from sending the request to the last byte of the answer
    (connecting takes at most 10 of them; the blocking methods, until the
    answer's headers arrive, bound each read by it). On a stream it is the
    longest silence allowed between two reads (`stream_timeout=` bounds a
    whole stream). `upload_timeout` does the same for each upload step.
    `max_retries` counts the extra attempts made where a retry is safe.

    `max_response_size` bounds the body of a non-streamed answer, in bytes
    once decompressed (`SketricGenResponseTooLargeError` past it);
    `max_event_size` bounds one event of a stream (`SketricGenEventDecodeError`).
    `max_connections` is how many connections the client's pool opens at
    once (None: no limit); further requests wait for a free one, up to
    `timeout`. `max_concurrent_uploads` bounds how many files of one call
    upload at once.

    The Admin API (the Teamspace's control plane, at `admin_base_url`, with
    the same key as `Authorization: Bearer`) is reached through `whoami()`
    and the namespaces `projects`, `agents`, `knowledge_bases`,
    `conversations`, `members`, `usage`, `brand_agents`, `connectors` and
    `jobs`, which load on first use.
    """

    def __init__(
        self,
        api_key: str,
        timeout: float = DEFAULT_TIMEOUT,
        upload_timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        *,
        base_url: Optional[str] = None,
        upload_base_url: Optional[str] = None,
        http_client: Optional[httpx.Client] = None,
        async_http_client: Optional[httpx.AsyncClient] = None,
        default_headers: Optional[Mapping[str, str]] = None,
        max_concurrent_uploads: int = DEFAULT_MAX_CONCURRENT_UPLOADS,
        max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE,
        max_event_size: int = DEFAULT_MAX_EVENT_SIZE,
        max_connections: Optional[int] = DEFAULT_MAX_CONNECTIONS,
        admin_base_url: Optional[str] = None,
    ) -> None:
        config = ClientConfig.create(
            api_key,
            timeout,
            upload_timeout,
            max_retries,
            base_url,
            upload_base_url,
            default_headers,
            max_concurrent_uploads=max_concurrent_uploads,
            max_response_size=max_response_size,
            max_event_size=max_event_size,
            max_connections=max_connections,
            admin_base_url=admin_base_url,
        )
        self._open(config, http_client, async_http_client)

    def _open(
        self,
        config: ClientConfig,
        http_client: Optional[httpx.Client] = None,
        async_http_client: Optional[httpx.AsyncClient] = None,
    ) -> None:
        """Set the client up from validated settings and the httpx clients given, if any."""
        configure_from_env()
        self._config = config
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise SketricGenValidationError(
                "http_client must be an httpx.Client (use async_http_client= for an AsyncClient)",
                field="http_client",
            )
        if async_http_client is not None and not isinstance(async_http_client, httpx.AsyncClient):
            raise SketricGenValidationError(
                "async_http_client must be an httpx.AsyncClient", field="async_http_client"
            )
        self._core = TransportCore(self._config)
        self._sync = Transport(self._core, http_client)
        self._async = AsyncTransport(self._core, async_http_client)
        if http_client is None or async_http_client is None:
            prepare_tls()  # in a thread, while the first call loads what it needs
        self._closing: set[asyncio.Task[None]] = set()
        self._admin: Optional[AdminCalls] = None
        self._namespaces: dict[Callable[[AdminCalls], Any], Any] = {}

    @classmethod
    def from_env(cls, **overrides: Any) -> SketricGenClient:
        """A client configured from `SKETRICGEN_*` environment variables; keywords win over them.

        Reads SKETRICGEN_API_KEY (required), SKETRICGEN_TIMEOUT,
        SKETRICGEN_UPLOAD_TIMEOUT, SKETRICGEN_MAX_RETRIES, SKETRICGEN_BASE_URL,
        SKETRICGEN_UPLOAD_BASE_URL and SKETRICGEN_ADMIN_BASE_URL (else
        SKETRICGEN_ADMIN_API_URL).
        """
        kwargs, source = config_from_env(overrides)
        if cls.__init__ is not SketricGenClient.__init__:
            return cls(**kwargs)  # a subclass's own constructor
        clients = {name: kwargs.pop(name) for name in _HTTP_CLIENTS if name in kwargs}
        client = cls.__new__(cls)
        # Validated once, here, so that an error names the variable a value came from.
        client._open(ClientConfig.create(**kwargs, source=source), **clients)
        return client

    @property
    def base_url(self) -> str:
        """The chat API's base URL."""
        return self._config.base_url

    @property
    def upload_base_url(self) -> str:
        """The upload API's base URL."""
        return self._config.upload_base_url

    @property
    def admin_base_url(self) -> str:
        """The Admin API's base URL (ends in `/admin/v1`)."""
        return self._config.admin_base_url

    @property
    def timeout(self) -> float:
        """Seconds for each attempt of a call (on a stream: the longest silence between reads)."""
        return self._config.timeout

    @property
    def upload_timeout(self) -> float:
        """Seconds an upload step may take."""
        return self._config.upload_timeout

    @property
    def max_retries(self) -> int:
        """Extra attempts after a failure that is safe to retry."""
        return self._config.max_retries

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(api_key='***', base_url={self.base_url!r}, "
            f"timeout={self.timeout:g}, max_retries={self.max_retries})"
        )

    # fmt: off
    # The overloads tell type checkers what `stream=` returns.
    @overload
    async def run_workflow(
        self, agent_id: str, user_input: str = ..., conversation_id: Optional[str] = ...,
        contact_id: Optional[str] = ..., file_paths: Optional[Sequence[FilePath]] = ...,
        stream: Literal[False] = ..., *, assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ..., stream_timeout: None = ...,
    ) -> ChatResponse: ...
    @overload
    async def run_workflow(
        self, agent_id: str, user_input: str = ..., conversation_id: Optional[str] = ...,
        contact_id: Optional[str] = ..., file_paths: Optional[Sequence[FilePath]] = ...,
        *, stream: Literal[True], assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ...,
        stream_timeout: Optional[float] = ...,
    ) -> AsyncStream: ...
    @overload
    async def run_workflow(
        self, agent_id: str, user_input: str, conversation_id: Optional[str],
        contact_id: Optional[str], file_paths: Optional[Sequence[FilePath]],
        stream: Literal[True], *, assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ...,
        stream_timeout: Optional[float] = ...,
    ) -> AsyncStream: ...
    @overload
    async def run_workflow(
        self, agent_id: str, user_input: str = ..., conversation_id: Optional[str] = ...,
        contact_id: Optional[str] = ..., file_paths: Optional[Sequence[FilePath]] = ...,
        stream: bool = ..., *, assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ...,
        stream_timeout: Optional[float] = ...,
    ) -> Union[ChatResponse, AsyncStream]: ...
    # fmt: on

    async def run_workflow(
        self,
        agent_id: str,
        user_input: str = "",
        conversation_id: Optional[str] = None,
        contact_id: Optional[str] = None,
        file_paths: Optional[Sequence[FilePath]] = None,
        stream: bool = False,
        *,
        assets: Optional[Sequence[str]] = None,
        enable_hitl: Optional[bool] = None,
        hitl_resume: ResumeArg = None,
        stream_timeout: Optional[float] = None,
    ) -> Union[ChatResponse, AsyncStream]:
        """Run one turn of an agent's workflow and return its `ChatResponse`.

        `conversation_id` continues a conversation; `contact_id` groups
        conversations per end user; `enable_hitl` / `hitl_resume` drive
        human-in-the-loop runs. `file_paths` are uploaded first, in parallel,
        and attached after any `assets` (ids of earlier uploads), in the
        order given. Bad input, and any file that cannot be attached, raise
        a `SketricGenValidationError` before any request; a failed upload
        raises `SketricGenUploadError` naming the file, and no run is sent.

        With `stream=True` it returns an `AsyncStream` of the run's events
        (`async for event in await client.run_workflow(..., stream=True)`)
        once the service answered; `stream_timeout` then bounds the whole
        stream in seconds from sending the run (default: no limit, only
        `timeout` between bytes).
        """
        # The generated code loads on the first call, off the loop.
        await warm_up(run=True, stream=stream, uploads=bool(file_paths))
        from ._streaming.core import check_stream_timeout  # noqa: PLC0415
        from ._workflow.plan import ChatResponse, parse_response, plan_run  # noqa: PLC0415

        stream_timeout = check_stream_timeout(stream_timeout, stream=stream)
        plan = plan_run(
            agent_id=agent_id, user_input=user_input, conversation_id=conversation_id,
            contact_id=contact_id, file_paths=file_paths, stream=stream, assets=assets,
            enable_hitl=enable_hitl, hitl_resume=hitl_resume,
        )  # fmt: skip
        spec = plan.spec(await self._attach(agent_id, plan))
        if stream:
            from ._streaming.shells import open_stream  # noqa: PLC0415

            return await open_stream(self._async, self._core, spec, stream_timeout=stream_timeout)
        response = await self._async.send(spec)
        return self._core.parse(spec, response, ChatResponse, parse_response)

    # fmt: off
    @overload
    def run_workflow_sync(
        self, agent_id: str, user_input: str = ..., conversation_id: Optional[str] = ...,
        contact_id: Optional[str] = ..., file_paths: Optional[Sequence[FilePath]] = ...,
        stream: Literal[False] = ..., *, assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ..., stream_timeout: None = ...,
    ) -> ChatResponse: ...
    @overload
    def run_workflow_sync(
        self, agent_id: str, user_input: str = ..., conversation_id: Optional[str] = ...,
        contact_id: Optional[str] = ..., file_paths: Optional[Sequence[FilePath]] = ...,
        *, stream: Literal[True], assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ...,
        stream_timeout: Optional[float] = ...,
    ) -> Stream: ...
    @overload
    def run_workflow_sync(
        self, agent_id: str, user_input: str, conversation_id: Optional[str],
        contact_id: Optional[str], file_paths: Optional[Sequence[FilePath]],
        stream: Literal[True], *, assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ...,
        stream_timeout: Optional[float] = ...,
    ) -> Stream: ...
    @overload
    def run_workflow_sync(
        self, agent_id: str, user_input: str = ..., conversation_id: Optional[str] = ...,
        contact_id: Optional[str] = ..., file_paths: Optional[Sequence[FilePath]] = ...,
        stream: bool = ..., *, assets: Optional[Sequence[str]] = ...,
        enable_hitl: Optional[bool] = ..., hitl_resume: ResumeArg = ...,
        stream_timeout: Optional[float] = ...,
    ) -> Union[ChatResponse, Stream]: ...
    # fmt: on

    def run_workflow_sync(
        self,
        agent_id: str,
        user_input: str = "",
        conversation_id: Optional[str] = None,
        contact_id: Optional[str] = None,
        file_paths: Optional[Sequence[FilePath]] = None,
        stream: bool = False,
        *,
        assets: Optional[Sequence[str]] = None,
        enable_hitl: Optional[bool] = None,
        hitl_resume: ResumeArg = None,
        stream_timeout: Optional[float] = None,
    ) -> Union[ChatResponse, Stream]:
        """The blocking twin of `run_workflow`, with the same arguments (a `Stream` if streamed)."""
        from ._workflow.plan import ChatResponse, parse_response, plan_run  # noqa: PLC0415

        if stream_timeout is not None:  # a plain call does not load the stream modules
            from ._streaming.core import check_stream_timeout  # noqa: PLC0415

            stream_timeout = check_stream_timeout(stream_timeout, stream=stream)
        plan = plan_run(
            agent_id=agent_id, user_input=user_input, conversation_id=conversation_id,
            contact_id=contact_id, file_paths=file_paths, stream=stream, assets=assets,
            enable_hitl=enable_hitl, hitl_resume=hitl_resume,
        )  # fmt: skip
        spec = plan.spec(self._attach_sync(agent_id, plan))
        if stream:
            from ._streaming.shells import open_stream_sync  # noqa: PLC0415

            return open_stream_sync(self._sync, self._core, spec, stream_timeout=stream_timeout)
        response = self._sync.send(spec)
        return self._core.parse(spec, response, ChatResponse, parse_response)

    async def upload_file(
        self,
        agent_id: str,
        file: FileInput,
        *,
        file_name: Optional[str] = None,
        content_type: Optional[str] = None,
        on_progress: Optional[ProgressCallback] = None,
    ) -> UploadCompleteResponse:
        """Upload one file for `agent_id`; pass the result's `file_id` in `assets=` of a run.

        `file` is a path, the file's bytes, or a binary file object (read
        from its current position; it must be seekable). `file_name` names
        bytes and nameless file objects, and renames a path; its extension
        decides the type the service stores. `content_type` states the type:
        it must agree with the extension, or is given its extension when the
        name has none. `on_progress(bytes_sent, total)` is called as the
        file's bytes go out, from 0 again if the POST is retried. The file is
        checked before any request (`SketricGenFileError` and subclasses);
        a failed upload raises `SketricGenUploadError`.
        """
        await warm_up(uploads=True)
        from ._uploads.shells import file_flow, upload  # noqa: PLC0415

        flow = file_flow(
            self._core, agent_id, file, file_name=file_name, content_type=content_type,
            on_progress=on_progress,
        )  # fmt: skip
        return await upload(self._async, flow)

    def upload_file_sync(
        self,
        agent_id: str,
        file: FileInput,
        *,
        file_name: Optional[str] = None,
        content_type: Optional[str] = None,
        on_progress: Optional[ProgressCallback] = None,
    ) -> UploadCompleteResponse:
        """The blocking twin of `upload_file`, with the same arguments."""
        from ._uploads.shells import file_flow, upload_sync  # noqa: PLC0415

        flow = file_flow(
            self._core, agent_id, file, file_name=file_name, content_type=content_type,
            on_progress=on_progress,
        )  # fmt: skip
        return upload_sync(self._sync, flow)

    async def upload_files(
        self, agent_id: str, file_paths: Sequence[FilePath]
    ) -> list[UploadCompleteResponse]:
        """Upload several files in parallel, as `run_workflow(file_paths=...)` does.

        Every file is checked before the first request; if one upload fails,
        the others are stopped and its error is raised. Results come in the
        order of `file_paths`.
        """
        await warm_up(uploads=True)
        from ._uploads.shells import path_flows, upload_all  # noqa: PLC0415

        flows = path_flows(self._core, agent_id, file_paths)
        return await upload_all(self._async, flows, self._config.max_concurrent_uploads)

    def upload_files_sync(
        self, agent_id: str, file_paths: Sequence[FilePath]
    ) -> list[UploadCompleteResponse]:
        """The blocking twin of `upload_files` (threads upload the files in parallel)."""
        from ._uploads.shells import path_flows, upload_all_sync  # noqa: PLC0415

        flows = path_flows(self._core, agent_id, file_paths)
        return upload_all_sync(self._sync, flows, self._config.max_concurrent_uploads)

    async def _attach(self, agent_id: str, plan: RunPlan) -> list[str]:
        """Upload a run's files (in parallel); their ids, in order (none without files)."""
        if not plan.files:
            return []
        from ._uploads.shells import set_flows, upload_all  # noqa: PLC0415

        flows = set_flows(self._core, agent_id, plan.files)
        limit = self._config.max_concurrent_uploads
        return [upload.file_id for upload in await upload_all(self._async, flows, limit)]

    def _attach_sync(self, agent_id: str, plan: RunPlan) -> list[str]:
        if not plan.files:
            return []
        from ._uploads.shells import set_flows, upload_all_sync  # noqa: PLC0415

        flows = set_flows(self._core, agent_id, plan.files)
        limit = self._config.max_concurrent_uploads
        return [upload.file_id for upload in upload_all_sync(self._sync, flows, limit)]

    async def whoami(self) -> Teamspace:
        """The Teamspace the API key belongs to (Admin API, `GET /teamspaces`)."""
        await warm_up(admin=True)  # the admin modules load in a thread, not on the loop
        from .admin._teamspace import whoami  # noqa: PLC0415

        return await whoami(self._admin_calls())

    def whoami_sync(self) -> Teamspace:
        """The blocking twin of `whoami`."""
        from .admin._teamspace import whoami_sync  # noqa: PLC0415

        return whoami_sync(self._admin_calls())

    # The namespaces load on first use: `import sketricgen` stays free of the Admin API.
    @property
    def projects(self) -> Projects:
        """The Teamspace's projects: `list`, `page`, `get`, `create`, `rename` (Admin API)."""
        from .admin._projects import Projects  # noqa: PLC0415

        return self._namespace(Projects)

    @property
    def agents(self) -> Agents:
        """Workflow agents: `list`, `page`, `get`, `create`, `update`, `delete`,
        `embed_snippet` (Admin API)."""
        from .admin._agents import Agents  # noqa: PLC0415

        return self._namespace(Agents)

    @property
    def knowledge_bases(self) -> KnowledgeBases:
        """Knowledge bases and their data sources (Admin API)."""
        from .admin._knowledge_bases import KnowledgeBases  # noqa: PLC0415

        return self._namespace(KnowledgeBases)

    @property
    def conversations(self) -> Conversations:
        """The agents' conversations and their run traces, read-only (Admin API)."""
        from .admin._conversations import Conversations  # noqa: PLC0415

        return self._namespace(Conversations)

    @property
    def members(self) -> Members:
        """The Teamspace's members: `list`, `page`, `update_role` (Admin API)."""
        from .admin._members import Members  # noqa: PLC0415

        return self._namespace(Members)

    @property
    def usage(self) -> Usage:
        """The plan and credit usage: `get` (Admin API)."""
        from .admin._usage import Usage  # noqa: PLC0415

        return self._namespace(Usage)

    @property
    def brand_agents(self) -> BrandAgents:
        """Brand Agents: templates, provisioning, settings and widget (Admin API)."""
        from .admin._brand_agents import BrandAgents  # noqa: PLC0415

        return self._namespace(BrandAgents)

    @property
    def connectors(self) -> Connectors:
        """Connectors (apps), their tools, connections and agent attachments (Admin API)."""
        from .admin._connectors import Connectors  # noqa: PLC0415

        return self._namespace(Connectors)

    @property
    def jobs(self) -> Jobs:
        """Brand Agent provisioning jobs: `get`, `wait` (Admin API)."""
        from .admin._jobs import Jobs  # noqa: PLC0415

        return self._namespace(Jobs)

    def _admin_calls(self) -> AdminCalls:
        if self._admin is None:
            from .admin._calls import AdminCalls  # noqa: PLC0415

            self._admin = AdminCalls(self._core, self._sync, self._async)
        return self._admin

    def _namespace(self, kind: Callable[[AdminCalls], Namespace]) -> Namespace:
        """The client's one `kind` namespace, made on first use."""
        found: Optional[Namespace] = self._namespaces.get(kind)
        if found is None:
            found = self._namespaces[kind] = kind(self._admin_calls())
        return found

    def close(self) -> None:
        """Close the client's connections; it cannot be used afterwards.

        If the async methods were used, prefer `await client.aclose()` (or
        `async with`): their connections can only be closed from async code.
        """
        self._sync.close()
        self._async.close()
        if not self._async.is_open:
            return
        import asyncio  # noqa: PLC0415 - loaded already: the async methods were used

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            warnings.warn(
                "SketricGenClient.close() cannot close the async connections outside an "
                "event loop: use `await client.aclose()` or `async with`",
                ResourceWarning,
                stacklevel=2,
            )
            return
        task = loop.create_task(self._async.aclose())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        """Close the client's connections, async and sync; it cannot be used afterwards."""
        self._sync.close()
        await self._async.aclose()

    def __enter__(self) -> SketricGenClient:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    async def __aenter__(self) -> SketricGenClient:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.aclose()


_HTTP_CLIENTS = ("http_client", "async_http_client")
