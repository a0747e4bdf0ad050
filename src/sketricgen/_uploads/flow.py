"""One file's upload without I/O: the three requests to send and what their answers mean.

Init on the upload host reserves a file id and hands out a presigned POST;
the file's bytes go to that storage host (no API key, ever); complete on the
upload host confirms them: three operations of the spec, whose generated
`build_request` and `parse_response` make each request and read each
answer. `UploadFlow` builds each `RequestSpec` (all three
idempotent, so the transport retries transient failures) and turns answers
and failures into results and `SketricGenUploadError`s that name the file.
The sync and async shells (`shells.py`) only send.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, Callable, Optional, Union

import httpx
from pydantic import ValidationError
from sketricgen_lowlevel.api.assets import (
    complete_asset_upload,
    init_asset_upload,
    presigned_post,
)
from sketricgen_models import (
    PresignedPost,
    UploadCompleteRequest,
    UploadCompleteResponse,
    UploadFailureBody,
    UploadInitRequest,
    UploadInitResponse,
)

from .._exceptions import (
    SketricGenAPIError,
    SketricGenContentTypeError,
    SketricGenError,
    SketricGenFileSizeError,
    SketricGenNetworkError,
    SketricGenUploadError,
)
from .._transport.core import Host, RequestSpec, TransportCore, nothing
from .._transport.errors import gave_up
from .errors import joined
from .files import LocalFile
from .form import PresignedForm

__all__ = ["ProgressCallback", "UploadCompleteResponse", "UploadFlow"]

ProgressCallback = Callable[[int, int], None]
"""`on_progress(bytes_sent, total)`: file bytes sent so far in this attempt, and the file's size."""

Body = Union[Iterator[bytes], AsyncIterator[bytes]]

# What to do about the storage host's refusals, by its error code.
_S3_HINTS = {
    "EntityTooLarge": "The file is larger than the upload policy allows.",
    "EntityTooSmall": "The file is smaller than the upload policy allows.",
    "SlowDown": "The storage host is throttling uploads; try again later.",
    "RequestTimeout": "The file was sent too slowly; check the network, or raise upload_timeout.",
    "SignatureDoesNotMatch": "The presigned upload was altered or is invalid; try again.",
}
_EXPIRED_HINT = "The presigned upload expired before the file was sent; try again."


class UploadFlow:
    """The requests and decisions of one file's upload to `agent_id` (no I/O).

    Call, in order: `init_spec`, `presigned` with its answer, `post_spec`,
    `complete_spec`, `completed` with its answer; on a `SketricGenError`
    anywhere, raise `failure(error)`. `step` says where the flow is.
    """

    def __init__(
        self,
        core: TransportCore,
        agent_id: str,
        file: LocalFile,
        on_progress: Optional[ProgressCallback] = None,
    ) -> None:
        self.core = core
        self.agent_id = agent_id
        self.file = file
        self.step = "init"
        self._on_progress = on_progress
        self._file_id = ""

    def init_spec(self) -> RequestSpec:
        """Reserve a file id for the file's name."""
        self.step = "init"
        body = UploadInitRequest(agent_id=self.agent_id, file_name=self.file.name)
        call = init_asset_upload.build_request(body=body)
        return RequestSpec.of(call, host=Host.UPLOAD, idempotent=True)

    def presigned(self, spec: RequestSpec, response: httpx.Response) -> PresignedPost:
        """The presigned POST from the init answer; refuses a file its policy cannot take."""
        answer = self.core.parse(
            spec, response, UploadInitResponse, init_asset_upload.parse_response
        )
        if not answer.success:
            raise self._refused(response, "init")
        self._file_id = answer.file_id
        limit = answer.upload.max_file_bytes
        if limit is not None and self.file.size > limit:
            error = SketricGenFileSizeError(
                f"{self.file.label}: is {self.file.size:,} bytes; the upload policy the "
                f"service gave accepts at most {limit:,} bytes",
                file_size=self.file.size, max_size=limit, file_name=self.file.name,
            )  # fmt: skip
            error.step = "init"
            raise error
        return answer.upload

    def post_spec(
        self,
        target: PresignedPost,
        stream: Callable[[PresignedForm, Callable[[int], None]], Body],
    ) -> RequestSpec:
        """The presigned POST of the file's bytes.

        `stream(form, sent)` gives the body of one attempt (the shell's
        `form.stream_sync` or `form.stream` over a fresh read of the file); it
        is called again for each attempt, and progress starts over at 0.
        """
        self.step = "upload"
        demanded = next((v for k, v in target.fields.items() if k.lower() == "content-type"), None)
        form = PresignedForm.build(
            target.fields,
            file_name=self.file.name,
            content_type=demanded or self.file.content_type,
            file_size=self.file.size,
        )

        def body() -> Mapping[str, Any]:
            return {"content": stream(form, self._restart_progress())}

        call = presigned_post.build_request()  # its path is the presigned URL itself
        return RequestSpec(
            call.method, target.url, host=Host.EXTERNAL, headers={**call.headers, **form.headers()},
            idempotent=True, body=body,
        )  # fmt: skip

    def complete_spec(self) -> RequestSpec:
        """Confirm the stored bytes."""
        self.step = "complete"
        body = UploadCompleteRequest(
            agent_id=self.agent_id, file_id=self._file_id, file_name=self.file.name
        )
        call = complete_asset_upload.build_request(body=body)
        return RequestSpec.of(call, host=Host.UPLOAD, idempotent=True)

    def completed(self, spec: RequestSpec, response: httpx.Response) -> UploadCompleteResponse:
        """The completed upload from the complete answer."""
        answer = self.core.parse(
            spec, response, UploadCompleteResponse, complete_asset_upload.parse_response
        )
        if not answer.success:
            raise self._refused(response, "complete")
        return answer

    def failure(self, error: SketricGenError) -> SketricGenError:
        """What to raise for `error` met during `step`: an upload error naming the file.

        An HTTP or network failure becomes an upload error that is also of
        its class (a 401 is both a `SketricGenUploadError` and a
        `SketricGenAuthenticationError`, with the attributes of both).
        Errors about the file itself pass through (filled in with its name
        and the step); a closed client stays a `SketricGenClosedError`.
        """
        if isinstance(error, SketricGenUploadError):
            error.file_name = error.file_name or self.file.name
            error.step = error.step or self.step
            return error
        if not isinstance(error, (SketricGenAPIError, SketricGenNetworkError)):
            return error
        label, step = self.file.label, self.step
        status = error.status_code if isinstance(error, SketricGenAPIError) else None
        code = error.code if isinstance(error, SketricGenAPIError) else None
        if isinstance(error, SketricGenAPIError) and step == "upload" and code and error.detail:
            # The storage host's own XML error document (S3's Code and Message).
            hint = _EXPIRED_HINT if "expired" in error.detail.lower() else ""
            hint = hint or _S3_HINTS.get(code, "")
            message = (
                f"{label}: the storage host refused the file: {error.detail.rstrip('.')} "
                f"(HTTP {status}). {hint}{gave_up(error.attempts)}"
            ).rstrip()
            return joined(
                SketricGenUploadError(
                    message, file_name=self.file.name, status_code=status, code=code, step=step
                ),
                error,
            )
        if isinstance(error, SketricGenAPIError) and step == "init":
            refused = _failure_body(error.response_body)
            if refused is not None and refused.allowed_types:
                refusal = SketricGenContentTypeError(
                    f"{label}: the service refused its type ({refused.message or status}); "
                    "see allowed_types",
                    content_type=self.file.content_type, allowed_types=refused.allowed_types,
                    file_name=self.file.name,
                )  # fmt: skip
                refusal.step, refusal.status_code = step, status
                return joined(refusal, error)
        what = {"init": "starting", "upload": "sending", "complete": "completing"}[step]
        failed = SketricGenUploadError(
            f"{label}: {what} the upload failed: {error.message}",
            file_name=self.file.name, status_code=status, code=code, step=step,
        )  # fmt: skip
        return joined(failed, error)

    def _refused(self, response: httpx.Response, step: str) -> SketricGenUploadError:
        refused = _failure_body(_json(response))
        why = refused.message if refused is not None and refused.message else "no reason given"
        return SketricGenUploadError(
            f"{self.file.label}: the upload API answered success=false at {step}: {why}",
            file_name=self.file.name, status_code=response.status_code, step=step,
        )  # fmt: skip

    def _restart_progress(self) -> Callable[[int], None]:
        callback, total = self._on_progress, self.file.size
        if callback is None:
            return nothing
        callback(0, total)
        done = 0

        def sent(count: int) -> None:
            nonlocal done
            done += count
            callback(done, total)

        return sent


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _failure_body(body: Any) -> Optional[UploadFailureBody]:
    if not isinstance(body, dict):
        return None
    try:
        return UploadFailureBody.model_validate(body)
    except ValidationError:
        return None
