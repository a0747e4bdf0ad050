"""S3's rules for uploads, without I/O: presigned POST policies and GET URLs as S3 checks them.

Also what S3 reads from the wire: a multipart/form-data body as its parts
(bytes untouched), and times in AWS's ISO 8601.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Optional
from urllib.parse import quote, urlencode

from python_multipart.multipart import MultipartParser, parse_options_header

__all__ = [
    "BUCKET",
    "DOWNLOAD_TTL",
    "POLICY_TTL",
    "FormPart",
    "S3Error",
    "iso",
    "issue_post_fields",
    "parse_form",
    "presigned_get_url",
    "verify_get",
    "verify_post",
]  # fmt: skip


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a `Z`, as AWS writes it."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


BUCKET = "sketricgen-emulator-assets"
REGION = "us-east-1"
ALGORITHM = "AWS4-HMAC-SHA256"
POLICY_TTL = timedelta(hours=1)
DOWNLOAD_TTL = timedelta(days=3)
_AMZ_DATE = "%Y%m%dT%H%M%SZ"
_ALWAYS_ALLOWED = frozenset({"policy", "x-amz-signature", "file"})


class S3Error(Exception):
    """An S3 refusal: HTTP status, error code, message, and extra XML elements."""

    def __init__(self, status: int, code: str, message: str, **extra: str) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra


def _sign(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\n".join(parts).encode(), hashlib.sha256).hexdigest()


def _credential(now: datetime) -> str:
    return f"EMULATORACCESSKEY/{now:%Y%m%d}/{REGION}/s3/aws4_request"


def issue_post_fields(
    *,
    key: str,
    content_type: str,
    now: datetime,
    expires: datetime,
    max_bytes: int,
    secret: bytes,
) -> dict[str, str]:
    """The fields of a presigned POST, in the order S3 SDKs give them."""
    credential, date = _credential(now), now.strftime(_AMZ_DATE)
    token = hashlib.sha256(secret + b"token").hexdigest()
    conditions: list[Any] = [
        {"bucket": BUCKET},
        {"key": key},
        {"Content-Type": content_type},
        ["content-length-range", 1, max_bytes],
        {"x-amz-algorithm": ALGORITHM},
        {"x-amz-credential": credential},
        {"x-amz-date": date},
        {"x-amz-security-token": token},
    ]
    document = {"expiration": iso(expires), "conditions": conditions}
    policy = base64.b64encode(json.dumps(document).encode()).decode()
    return {
        "Content-Type": content_type,
        "key": key,
        "x-amz-algorithm": ALGORITHM,
        "x-amz-credential": credential,
        "x-amz-date": date,
        "x-amz-security-token": token,
        "policy": policy,
        "x-amz-signature": _sign(secret, policy, credential, date),
    }


def _missing(name: str) -> S3Error:
    return S3Error(
        400, "InvalidArgument",
        f"Bucket POST must contain a field named '{name}'.  If it is specified, please check "
        "the order of the fields.",
        ArgumentName=name, ArgumentValue="",
    )  # fmt: skip


def _condition_failed(condition: list[Any]) -> S3Error:
    shown = json.dumps(condition)
    message = f"Invalid according to Policy: Policy Condition failed: {shown}"
    return S3Error(403, "AccessDenied", message)


def _parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def verify_post(
    parts: list[FormPart], *, bucket: str, now: datetime, secret: bytes
) -> tuple[dict[str, str], FormPart]:
    """Check a presigned POST form as S3 does; the fields (lower-case names) and the file part.

    Fields after the file part are ignored, as S3 ignores them. Raises
    S3Error on any refusal.
    """
    fields: dict[str, str] = {}
    file_part = None
    for part in parts:
        if part.name == "file":
            file_part = part
            break
        fields[part.name.lower()] = part.text
    if file_part is None:
        raise S3Error(
            400, "InvalidArgument", "POST requires exactly one file upload per request.",
            ArgumentName="file", ArgumentValue="0",
        )  # fmt: skip
    if "key" not in fields:
        raise _missing("key")
    if "policy" not in fields:
        raise S3Error(403, "AccessDenied", "Access Denied")
    for name in ("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"):
        if name not in fields:
            raise _missing(name)
    expected = _sign(secret, fields["policy"], fields["x-amz-credential"], fields["x-amz-date"])
    if not hmac.compare_digest(expected, fields["x-amz-signature"]):
        raise S3Error(
            403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided. "
            "Check your key and signing method.",
        )  # fmt: skip
    document = json.loads(base64.b64decode(fields["policy"]))
    if now > _parse_time(document["expiration"]):
        raise S3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.")

    allowed = set(_ALWAYS_ALLOWED)
    size_range: tuple[int, Optional[int]] = (0, None)
    for entry in document["conditions"]:
        condition = entry
        if isinstance(entry, dict):
            ((name, value),) = entry.items()
            condition = ["eq", f"${name}", value]
        operator = str(condition[0]).lower()
        if operator == "content-length-range":
            size_range = (int(condition[1]), int(condition[2]))
            continue
        name = str(condition[1]).lstrip("$").lower()
        allowed.add(name)
        actual = bucket if name == "bucket" else fields.get(name)
        wanted = str(condition[2])
        matches = actual == wanted if operator == "eq" else (actual or "").startswith(wanted)
        if actual is None or not matches:
            raise _condition_failed(condition)
    extra = [name for name in fields if name not in allowed and not name.startswith("x-ignore-")]
    if extra:
        message = f"Invalid according to Policy: Extra input fields: {', '.join(extra)}"
        raise S3Error(403, "AccessDenied", message)
    size, (low, high) = len(file_part.data), size_range
    if high is not None and size > high:
        raise S3Error(
            400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size",
            ProposedSize=str(size), MaxSizeAllowed=str(high),
        )  # fmt: skip
    if size < low:
        raise S3Error(
            400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size",
            ProposedSize=str(size), MinSizeAllowed=str(low),
        )  # fmt: skip
    return fields, file_part


def presigned_get_url(storage_url: str, key: str, *, now: datetime, secret: bytes) -> str:
    """A presigned GET of `key`, valid three days from `now`."""
    credential, date = _credential(now), now.strftime(_AMZ_DATE)
    expires = str(int(DOWNLOAD_TTL.total_seconds()))
    query = {
        "X-Amz-Algorithm": ALGORITHM,
        "X-Amz-Credential": credential,
        "X-Amz-Date": date,
        "X-Amz-Expires": expires,
        "X-Amz-SignedHeaders": "host",
        "X-Amz-Signature": _sign(secret, key, credential, date, expires),
    }
    return f"{storage_url}/{quote(key)}?{urlencode(query)}"


def verify_get(key: str, query: Mapping[str, str], *, now: datetime, secret: bytes) -> None:
    """Check a presigned GET; raises S3Error when it is unsigned, tampered with or expired."""
    try:
        credential, date = query["X-Amz-Credential"], query["X-Amz-Date"]
        expires, signature = query["X-Amz-Expires"], query["X-Amz-Signature"]
        issued = datetime.strptime(date, _AMZ_DATE).replace(tzinfo=now.tzinfo)
    except (KeyError, ValueError):
        raise S3Error(403, "AccessDenied", "Access Denied") from None
    if not hmac.compare_digest(_sign(secret, key, credential, date, expires), signature):
        raise S3Error(
            403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
        )  # fmt: skip
    if now > issued + timedelta(seconds=int(expires)):
        raise S3Error(403, "AccessDenied", "Request has expired")


# -- multipart/form-data bodies --------------------------------------------


@dataclass
class FormPart:
    """One part: its field name, file name and content type when given, and its bytes."""

    name: str
    filename: Optional[str]
    content_type: Optional[str]
    data: bytes

    @property
    def text(self) -> str:
        """The part's bytes as UTF-8 text."""
        return self.data.decode("utf-8", "replace")


def parse_form(content_type: str, body: bytes) -> list[FormPart]:
    """The parts of `body`, in the order sent; ValueError if it is not multipart/form-data."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise ValueError("not a multipart/form-data body")

    parts: list[FormPart] = []
    headers: dict[bytes, bytes] = {}
    field: list[bytes] = []
    value: list[bytes] = []
    data: list[bytes] = []

    def on_header_field(buf: bytes, start: int, end: int) -> None:
        field.append(buf[start:end])

    def on_header_value(buf: bytes, start: int, end: int) -> None:
        value.append(buf[start:end])

    def on_header_end() -> None:
        headers[b"".join(field).lower()] = b"".join(value)
        field.clear()
        value.clear()

    def on_part_data(buf: bytes, start: int, end: int) -> None:
        data.append(buf[start:end])

    def on_part_end() -> None:
        _, disposition = parse_options_header(headers.get(b"content-disposition"))
        filename = disposition.get(b"filename")
        part_type = headers.get(b"content-type")
        parts.append(
            FormPart(
                name=disposition.get(b"name", b"").decode("utf-8", "replace"),
                filename=None if filename is None else filename.decode("utf-8", "replace"),
                content_type=None if part_type is None else part_type.decode("latin-1"),
                data=b"".join(data),
            )
        )
        headers.clear()
        data.clear()

    parser = MultipartParser(
        boundary,
        {
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(body)
    parser.finalize()
    return parts
