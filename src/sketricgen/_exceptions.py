"""The SDK's exceptions: every failure a user can meet is a SketricGenError.

SketricGenError                              attempts
├── SketricGenValidationError                bad input, before any request (field)
├── SketricGenClosedError                    the client was closed (also RuntimeError)
├── SketricGenAPIError                       an HTTP error answer (status_code, code, detail...)
│   ├── SketricGenBadRequestError            400 (also a SketricGenValidationError)
│   ├── SketricGenAuthenticationError        401
│   ├── SketricGenPermissionDeniedError      403
│   ├── SketricGenNotFoundError              404
│   ├── SketricGenConflictError              409 (also a SketricGenValidationError)
│   ├── SketricGenPayloadTooLargeError       413 (also a SketricGenValidationError)
│   ├── SketricGenUnprocessableEntityError   422 (also a SketricGenValidationError)
│   ├── SketricGenRateLimitError             429 (retry_after)
│   ├── SketricGenServerError                5xx
│   ├── SketricGenRedirectError              3xx, never followed (location)
│   ├── SketricGenUnexpectedResponseError    a success whose body is not the call's answer
│   │   └── SketricGenResponseTooLargeError  larger than max_response_size (max_size)
│   └── SketricGenAdminError                 an Admin API error answer (code: AdminErrorCode or str)
│       ├── SketricGenAdminBadRequestError        400 (also SketricGenBadRequestError)
│       ├── SketricGenAdminAuthenticationError    401 (also SketricGenAuthenticationError)
│       ├── SketricGenAdminPermissionDeniedError  403 (also SketricGenPermissionDeniedError)
│       ├── SketricGenAdminNotFoundError          404 (also SketricGenNotFoundError)
│       ├── SketricGenAdminConflictError          409 (also SketricGenConflictError)
│       ├── SketricGenAdminRateLimitError         429 (also SketricGenRateLimitError)
│       └── SketricGenAdminServerError            5xx (also SketricGenServerError)
├── SketricGenNetworkError                   the service could not be reached
│   ├── SketricGenConnectionError            the connection failed or was lost
│   └── SketricGenTimeoutError               a timeout
│       └── SketricGenJobTimeoutError        a job not finished in time (job_id, status)
├── SketricGenUploadError                    a file not uploaded (file_name, step, code)
│   └── SketricGenFileError                  a file refused before any request (also Validation)
│       ├── SketricGenFileNotFoundError      (also FileNotFoundError)
│       ├── SketricGenFileSizeError          empty or too large (file_size, max_size)
│       └── SketricGenContentTypeError       a type not accepted (allowed_types)
├── SketricGenStreamError                    an event stream that cannot be read as one
│   ├── SketricGenEventDecodeError           an event not decodable (also ValueError)
│   └── SketricGenIncompleteStreamError      no terminal event (also a SketricGenNetworkError)
├── SketricGenRunError                       the run ended with RUN_ERROR (code, result)
│   └── SketricGenOutOfCreditsError          RUN_HALTED_OUT_OF_CREDITS
└── SketricGenJobError                       a Brand Agent job failed (job_id, status...)

An upload that fails on an HTTP or network error raises a class deriving from
both `SketricGenUploadError` and the transport's class (`_uploads/errors.py`).

An Admin API error is a `SketricGenAdminError` and the class its status has
without the Admin API (`except SketricGenAuthenticationError` catches a 401 of
either API); its `code` is an `AdminErrorCode` when the service documents it
(401 missing_token / invalid_key; 403 key_expired, key_revoked,
project_scope_mismatch, insufficient_role, plan_downgraded; 409
workflow_not_ready; 501 run_not_available; also 400 invalid_request /
project_id_required, 404 not_found), else the service's own string.
"""

from __future__ import annotations

import enum
import errno
import os
from collections.abc import Sequence
from typing import Any, Optional, Union

# `AdminErrorCode` (below, not an exception) is exported by `sketricgen` and `sketricgen.admin`.
__all__ = [
    "SketricGenAPIError",
    "SketricGenAdminAuthenticationError",
    "SketricGenAdminBadRequestError",
    "SketricGenAdminConflictError",
    "SketricGenAdminError",
    "SketricGenAdminNotFoundError",
    "SketricGenAdminPermissionDeniedError",
    "SketricGenAdminRateLimitError",
    "SketricGenAdminServerError",
    "SketricGenAuthenticationError",
    "SketricGenBadRequestError",
    "SketricGenClosedError",
    "SketricGenConflictError",
    "SketricGenConnectionError",
    "SketricGenContentTypeError",
    "SketricGenError",
    "SketricGenEventDecodeError",
    "SketricGenFileError",
    "SketricGenFileNotFoundError",
    "SketricGenFileSizeError",
    "SketricGenIncompleteStreamError",
    "SketricGenJobError",
    "SketricGenJobTimeoutError",
    "SketricGenNetworkError",
    "SketricGenNotFoundError",
    "SketricGenOutOfCreditsError",
    "SketricGenPayloadTooLargeError",
    "SketricGenPermissionDeniedError",
    "SketricGenRateLimitError",
    "SketricGenRedirectError",
    "SketricGenResponseTooLargeError",
    "SketricGenRunError",
    "SketricGenServerError",
    "SketricGenStreamError",
    "SketricGenTimeoutError",
    "SketricGenUnexpectedResponseError",
    "SketricGenUnprocessableEntityError",
    "SketricGenUploadError",
    "SketricGenValidationError",
]


class SketricGenError(Exception):
    """Base class of every error the SDK raises.

    `attempts` is how many times the failed request was sent: more than 1
    when the transport retried before giving up.
    """

    attempts: int = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class SketricGenValidationError(SketricGenError):
    """Input was refused: by the SDK before any network call, or by the service.

    `field` names the offending setting or argument when it is known.
    """

    def __init__(self, message: str, *, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.field = field


class SketricGenClosedError(SketricGenError, RuntimeError):
    """The client (or the httpx client given to it) was closed; create a new one."""


class SketricGenAPIError(SketricGenError):
    """The service answered with an HTTP error status, or with a body the SDK cannot read.

    `except SketricGenAPIError` catches every HTTP failure; the subclasses say
    which one. `response_body` is the parsed JSON body when there was one,
    else the text; `detail` is the body's own words in one line; `code` is
    the error code an XML error document named (a storage host's `<Code>`,
    such as S3's `AccessDenied`); `request_id` is the service's request id
    header, if any; `retry_after` is the wait, in seconds, the service asked
    for (any status); `attempts` is how many times the request was sent.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        response_body: Any = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        attempts: int = 1,
        code: Optional[str] = None,
        detail: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.response_body = response_body
        self.request_id = request_id
        self.retry_after = retry_after
        self.attempts = attempts
        self.code = code
        self.detail = detail


class SketricGenBadRequestError(SketricGenAPIError, SketricGenValidationError):
    """400: the service refused the request as malformed."""


class SketricGenAuthenticationError(SketricGenAPIError):
    """401: the API key is missing or wrong."""


class SketricGenPermissionDeniedError(SketricGenAPIError):
    """403: the key may not do this."""


class SketricGenNotFoundError(SketricGenAPIError):
    """404: unknown agent or conversation."""


class SketricGenConflictError(SketricGenAPIError, SketricGenValidationError):
    """409: the conversation's state refuses this request."""


class SketricGenPayloadTooLargeError(SketricGenAPIError, SketricGenValidationError):
    """413: the request body is too large."""


class SketricGenUnprocessableEntityError(SketricGenAPIError, SketricGenValidationError):
    """422: a field breaks the service's constraints; `field` names it when only one did."""


class SketricGenRateLimitError(SketricGenAPIError):
    """429: rate limited; `retry_after` is the wait the service asked for, in seconds."""


class SketricGenServerError(SketricGenAPIError):
    """5xx: the service, or a proxy in front of it, failed."""


class SketricGenUnexpectedResponseError(SketricGenAPIError):
    """A success status whose body is not what the call answers (not JSON, missing fields)."""


class SketricGenRedirectError(SketricGenAPIError):
    """A 3xx answer: the SDK never follows redirects, so the key stays on SketricGen's hosts.

    `location` is where the answer pointed (None when it named no place).
    Never retried; check `base_url` / `upload_base_url`.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        location: Optional[str] = None,
        response_body: Any = None,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(
            message, status_code=status_code, response_body=response_body, request_id=request_id
        )
        self.location = location


class SketricGenResponseTooLargeError(SketricGenUnexpectedResponseError):
    """A success answer's body, decompressed, is larger than `max_response_size` bytes.

    The rest of the body is not read; `max_size` is the limit that applied.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        max_size: int,
        request_id: Optional[str] = None,
    ) -> None:
        super().__init__(message, status_code=status_code, request_id=request_id)
        self.max_size = max_size


class SketricGenNetworkError(SketricGenError):
    """The service could not be reached, or the connection failed mid-way.

    `attempts` is how many times the request was sent before giving up.
    """

    def __init__(self, message: str, *, attempts: int = 1) -> None:
        super().__init__(message)
        self.attempts = attempts


class SketricGenConnectionError(SketricGenNetworkError):
    """The connection could not be made or was lost."""


class SketricGenTimeoutError(SketricGenNetworkError):
    """An operation took longer than its timeout."""


class SketricGenUploadError(SketricGenError):
    """A file attachment could not be uploaded.

    `file_name` names the file; `step` is the call that failed (`init`,
    `upload` for the presigned POST to storage, `complete`); `status_code`
    is the HTTP status and `code` the storage host's error code (S3's
    `EntityTooLarge`, `AccessDenied`...) when there was one. The transport's
    own exception (a `SketricGenAuthenticationError`, a
    `SketricGenTimeoutError`...) is kept as `__cause__`.
    """

    def __init__(
        self,
        message: str,
        *,
        file_name: Optional[str] = None,
        status_code: Optional[int] = None,
        code: Optional[str] = None,
        step: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.file_name = file_name
        self.status_code = status_code
        self.code = code
        self.step = step


class SketricGenFileError(SketricGenUploadError, SketricGenValidationError):
    """A file cannot be attached as given; raised before any request is sent.

    A path that is missing, a directory or unreadable; bytes or a file object
    without a name; and the subclasses (size, type). `field` names the
    argument (`file_paths`, `file`, `file_name`, `content_type`).
    """

    def __init__(
        self, message: str, *, file_name: Optional[str] = None, field: str = "file_paths"
    ) -> None:
        super().__init__(message, file_name=file_name)
        self.field = field


class SketricGenFileNotFoundError(SketricGenFileError, FileNotFoundError):
    """A path to attach does not exist; also a `FileNotFoundError` (`filename` is the path)."""

    def __init__(
        self, message: str, *, path: str, file_name: Optional[str] = None, field: str = "file_paths"
    ) -> None:
        super().__init__(message, file_name=file_name, field=field)
        self.errno = errno.ENOENT
        self.strerror = os.strerror(errno.ENOENT)
        self.filename = path


class SketricGenFileSizeError(SketricGenFileError):
    """A file is empty or larger than the service accepts (`file_size`, `max_size` in bytes)."""

    def __init__(
        self,
        message: str,
        *,
        file_size: int,
        max_size: int,
        file_name: Optional[str] = None,
        field: str = "file_paths",
    ) -> None:
        super().__init__(message, file_name=file_name, field=field)
        self.file_size = file_size
        self.max_size = max_size


class SketricGenContentTypeError(SketricGenFileError):
    """A file's type is not one the service accepts (`content_type`, `allowed_types`)."""

    def __init__(
        self,
        message: str,
        *,
        content_type: Optional[str],
        allowed_types: Sequence[str],
        file_name: Optional[str] = None,
        field: str = "file_paths",
    ) -> None:
        super().__init__(message, file_name=file_name, field=field)
        self.content_type = content_type
        self.allowed_types = tuple(allowed_types)


class SketricGenStreamError(SketricGenError):
    """An event stream could not be read as one: see the subclasses."""


class SketricGenEventDecodeError(SketricGenStreamError, ValueError):
    """An event cannot be decoded: larger than `max_event_size`, or its data is not JSON."""


class SketricGenIncompleteStreamError(SketricGenStreamError, SketricGenNetworkError):
    """The stream gave no outcome: it ended before any terminal event (RUN_FINISHED...).

    Raised once every event received was delivered: by `until_done()` when a
    body ended cleanly without a terminal event (`result` then holds what
    arrived, its outcome "ended_without_terminal_event"), after `close()`,
    and by the iteration when a body delimited only by the connection
    closing ended without one (a clean end and a cut look the same there).
    `events_received` counts the events the stream delivered.
    """

    def __init__(self, message: str, *, events_received: int = 0, result: Any = None) -> None:
        super().__init__(message)
        self.events_received = events_received
        self.result = result


class SketricGenRunError(SketricGenError):
    """The run ended with RUN_ERROR; `message` and `code` are the service's own.

    `result` is what the stream produced up to the error (a `StreamResult`).
    """

    def __init__(self, message: str, *, code: Optional[str] = None, result: Any = None) -> None:
        super().__init__(message)
        self.code = code
        self.result = result

    def __str__(self) -> str:
        code = f" (code {self.code})" if self.code else ""
        return f"the run ended with RUN_ERROR: {self.message}{code}"


class SketricGenOutOfCreditsError(SketricGenRunError):
    """The run halted because the account ran out of credits (RUN_HALTED_OUT_OF_CREDITS).

    Not a network failure and not worth retrying: add credits, then send the
    turn again. `result` holds what the agent said before it stopped.
    """

    def __str__(self) -> str:
        code = f" (code {self.code})" if self.code else ""
        return (
            f"the run halted: the account is out of credits: {self.message}{code}. "
            "Add credits to the SketricGen account, then send the turn again."
        )


class SketricGenJobTimeoutError(SketricGenTimeoutError):
    """A job did not reach `succeeded` or `failed` within the wait's `timeout`.

    The job itself goes on: `job_id` names it (wait again with
    `client.jobs.wait(job_id)`), `status` is the last state seen.
    """

    def __init__(self, message: str, *, job_id: str, status: Optional[str] = None) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.status = status


class SketricGenJobError(SketricGenError):
    """A Brand Agent job ended `failed` (`job_id`, `status`, the service's `error_summary`)."""

    def __init__(
        self, message: str, job_id: str, status: str, error_summary: Optional[str] = None
    ) -> None:
        super().__init__(message)
        self.job_id = job_id
        self.status = status
        self.error_summary = error_summary


class AdminErrorCode(str, enum.Enum):
    """The Admin API's error codes: `error.code == AdminErrorCode.KEY_EXPIRED`.

    Members are strings (`AdminErrorCode.KEY_EXPIRED == "key_expired"`); a
    code the service adds later stays a plain `str` on the error.
    """

    MISSING_TOKEN = "missing_token"
    """401: no `Authorization: Bearer` header, or an ill-formed one."""
    INVALID_KEY = "invalid_key"
    """401: the key is not one the service knows."""
    KEY_EXPIRED = "key_expired"
    """403: the key has expired."""
    KEY_REVOKED = "key_revoked"
    """403: the key was revoked."""
    PROJECT_SCOPE_MISMATCH = "project_scope_mismatch"
    """403: a selected-Project key touched another project's resource."""
    INSUFFICIENT_ROLE = "insufficient_role"
    """403: the key's role (Viewer, Editor) may not do this."""
    PLAN_DOWNGRADED = "plan_downgraded"
    """403: the Teamspace's plan no longer allows this."""
    WORKFLOW_NOT_READY = "workflow_not_ready"
    """409: the agent's workflow is not ready (its Brand Agent job has not succeeded)."""
    RUN_NOT_AVAILABLE = "run_not_available"
    """501: agents run through `run_workflow`, not through the Admin API."""
    INVALID_REQUEST = "invalid_request"
    """400: a bad body or query."""
    PROJECT_ID_REQUIRED = "project_id_required"
    """400: a key covering several projects must name `project_id` when creating."""
    NOT_FOUND = "not_found"
    """404: no such resource (or not visible to this key)."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def of(cls, code: Optional[str]) -> Union[AdminErrorCode, str, None]:
        """`code` as a member when it is a documented one, else as given."""
        try:
            return cls(code) if isinstance(code, str) else None
        except ValueError:
            return code


class SketricGenAdminError(SketricGenAPIError):
    """An Admin API error answer (`{"error": ..., "code": ...}`).

    `status_code`, `code` (an `AdminErrorCode` when documented, else the
    service's string, None when the answer named none) and `message`; also
    every `SketricGenAPIError` attribute (`detail` holds the service's own
    words, `request_id`...). The incumbent's `SketricGenAdminError(status_code,
    code, message)` still constructs one. Each status has a subclass that is
    also the general class of that status (401: `SketricGenAuthenticationError`).
    """

    code: Union[AdminErrorCode, str, None]

    def __init__(
        self,
        status_code: int,
        code: Optional[str] = None,
        message: Optional[str] = None,
        *,
        response_body: Any = None,
        request_id: Optional[str] = None,
        retry_after: Optional[float] = None,
        attempts: int = 1,
        detail: Optional[str] = None,
    ) -> None:
        if message is None:
            message = f"the Admin API answered {status_code}" + (f" ({code})" if code else "")
        super().__init__(
            message,
            status_code=status_code,
            response_body=response_body,
            request_id=request_id,
            retry_after=retry_after,
            attempts=attempts,
            detail=message if detail is None else detail,
        )
        self.code = AdminErrorCode.of(code)


class SketricGenAdminBadRequestError(SketricGenAdminError, SketricGenBadRequestError):
    """400 from the Admin API (`invalid_request`, `project_id_required`)."""


class SketricGenAdminAuthenticationError(SketricGenAdminError, SketricGenAuthenticationError):
    """401 from the Admin API (`missing_token`, `invalid_key`)."""


class SketricGenAdminPermissionDeniedError(SketricGenAdminError, SketricGenPermissionDeniedError):
    """403 from the Admin API (`key_expired`, `key_revoked`, `project_scope_mismatch`,
    `insufficient_role`, `plan_downgraded`)."""


class SketricGenAdminNotFoundError(SketricGenAdminError, SketricGenNotFoundError):
    """404 from the Admin API (`not_found`)."""


class SketricGenAdminConflictError(SketricGenAdminError, SketricGenConflictError):
    """409 from the Admin API (`workflow_not_ready`)."""


class SketricGenAdminRateLimitError(SketricGenAdminError, SketricGenRateLimitError):
    """429 from the Admin API; `retry_after` is the wait asked for, in seconds."""


class SketricGenAdminServerError(SketricGenAdminError, SketricGenServerError):
    """5xx from the Admin API (501 `run_not_available`)."""
