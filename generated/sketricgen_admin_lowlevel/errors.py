"""What an operation's `parse_response` raises for a status its spec entry does not list."""


class UnexpectedStatus(ValueError):
    """A status the operation does not describe; `content` holds the body received.

    A `ValueError`, as pydantic's `ValidationError` for a body of the wrong
    shape: either way the answer does not fit the spec.
    """

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        super().__init__(
            f"unexpected status {status_code} ({len(content)} bytes of body)"
        )


__all__ = ["UnexpectedStatus"]
