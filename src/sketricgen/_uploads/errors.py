"""Upload errors that are also the transport's error, so that the same failure has the same class.

A wrong key during an upload must be caught by `except
SketricGenAuthenticationError` as it is without files, and still by `except
SketricGenUploadError`. `joined(upload_error, cause)` gives an error of a
class deriving from both (`SketricGenUploadAuthenticationError`,
`SketricGenUploadTimeoutError`, ...), made once per pair of classes and
reused, with the cause's attributes (`status_code`, `response_body`,
`request_id`, `retry_after`...) and the upload error's (`file_name`,
`step`, `code`, its message). Such errors copy and pickle like any other.
"""

from __future__ import annotations

from typing import Any, Callable, TypeVar, cast

from .._exceptions import SketricGenError, SketricGenUploadError

__all__ = ["joined"]

Upload = TypeVar("Upload", bound=SketricGenUploadError)

_TYPES: dict[tuple[type[SketricGenUploadError], type[SketricGenError]], type[Any]] = {}


def joined(error: Upload, cause: SketricGenError) -> Upload:
    """`error` as an instance of its own class and of `cause`'s, carrying both's attributes.

    Where both set an attribute (`status_code`, `field`), `error`'s wins.
    """
    if isinstance(error, type(cause)):
        return error
    cls = joined_type(type(error), type(cause))
    both = cls.__new__(cls, error.message)
    both.__dict__.update({k: v for k, v in vars(cause).items() if not k.startswith("_")})
    both.__dict__.update(vars(error))
    return both


def joined_type(upload: type[Upload], cause: type[SketricGenError]) -> type[Upload]:
    """The class deriving from `upload` and `cause` (made on first use, then reused)."""
    found = _TYPES.get((upload, cause))
    if found is None:
        stem = upload.__name__[: -len("Error")] if upload.__name__.endswith("Error") else ""
        name = stem + cause.__name__.replace("SketricGen", "", 1)
        namespace = {
            "__module__": __name__,
            "__qualname__": name,
            "__doc__": f"A `{upload.__name__}` that is also a `{cause.__name__}`.",
            "__reduce__": _reduce,
            "_joined": (upload, cause),
        }
        # setdefault: two threads making the same pair at once both get the first.
        found = _TYPES.setdefault((upload, cause), type(name, (upload, cause), namespace))
    return cast("type[Upload]", found)


def _reduce(self: SketricGenUploadError) -> tuple[Callable[..., Any], tuple[Any, ...], Any]:
    upload, cause = type(self)._joined  # type: ignore[attr-defined]
    return _rebuild, (upload, cause, self.message), dict(self.__dict__)


def _rebuild(
    upload: type[SketricGenUploadError], cause: type[SketricGenError], message: str
) -> SketricGenUploadError:
    cls = joined_type(upload, cause)
    return cls.__new__(cls, message)  # the attributes follow, as pickle's state
