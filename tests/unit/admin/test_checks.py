"""The Admin API's request checks without I/O (sketricgen/admin/_checks.py): offset paging,
id lists and request bodies (ids, limits and tokens: test_pages.py)."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from sketricgen_admin_models import ConnectorAttachRequest, MemberUpdate

from sketricgen import SketricGenValidationError
from sketricgen.admin._checks import (
    check_id,
    check_id_list,
    check_offset_paging,
    check_optional_id,
    check_text,
    request_body,
)


@pytest.mark.parametrize(("limit", "offset"), [(None, None), (1, 0), (200, 5), (1000, 10_000)])
def test_offset_paging_takes_none_or_whole_numbers_in_range(
    limit: Optional[int], offset: Optional[int]
) -> None:
    assert check_offset_paging(limit, offset) == (limit, offset)


@pytest.mark.parametrize(
    ("limit", "offset", "field"),
    [
        (0, None, "limit"),
        (-1, None, "limit"),
        (True, None, "limit"),
        ("5", None, "limit"),
        (2.0, None, "limit"),
        (None, -1, "offset"),
        (None, False, "offset"),
        (None, "0", "offset"),
    ],
)
def test_offset_paging_refuses_anything_else(limit: Any, offset: Any, field: str) -> None:
    with pytest.raises(
        SketricGenValidationError, match=f"{field} must be a whole number"
    ) as caught:
        check_offset_paging(limit, offset)
    assert caught.value.field == field


def test_an_id_list_is_copied_and_must_hold_non_blank_strings() -> None:
    given = ("gmail-send-email", "gmail-read-email")
    assert check_id_list(given, "allowed_tools") == list(given)
    assert check_id_list(None, "allowed_tools") is None
    for bad in ("gmail-send-email", b"x", 5, ["ok", " "], ["ok", 3]):
        with pytest.raises(SketricGenValidationError) as caught:
            check_id_list(bad, "allowed_tools")
        assert caught.value.field == "allowed_tools"


def test_a_request_body_is_the_generated_model() -> None:
    body = request_body(ConnectorAttachRequest, {"app_slug": "gmail", "allowed_tools": ["a"]})
    assert isinstance(body, ConnectorAttachRequest)
    assert body.allowed_tools == ["a"]


def test_a_value_the_model_refuses_names_its_field() -> None:
    with pytest.raises(SketricGenValidationError, match=r"^role: ") as caught:
        request_body(MemberUpdate, {"role": "owner"})
    assert caught.value.field == "role"


def test_ids_and_texts_come_back_as_given() -> None:
    assert check_id("agent-123", "agent_id") == "agent-123"
    assert check_optional_id("proj-default", "project_id") == "proj-default"
    assert check_optional_id(None, "project_id") is None
    assert check_text("Support bot", "name") == "Support bot"
    for bad in ("", "  ", 5):
        with pytest.raises(SketricGenValidationError) as caught:
            check_optional_id(bad, "project_id")
        assert caught.value.field == "project_id"
