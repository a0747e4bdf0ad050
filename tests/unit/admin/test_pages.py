"""Pagination without I/O: `Page` and `PageCursor` (sketricgen/admin/_pages.py), and the
input checks every Admin API call makes before sending (sketricgen/admin/_checks.py)."""

from __future__ import annotations

from typing import Any, Optional

import pytest

from sketricgen import SketricGenUnexpectedResponseError, SketricGenValidationError
from sketricgen.admin import Page
from sketricgen.admin._checks import (
    check_id,
    check_limit,
    check_mapping,
    check_optional_text,
    check_token,
)
from sketricgen.admin._pages import MAX_EMPTY_PAGES, PageCursor

TARGET = "GET https://admin.example/admin/v1/agents"


def walk(pages: list[tuple[int, Optional[str]]]) -> list[Optional[str]]:
    """Feed `(item count, next_token)` pages to a cursor; the tokens it asked with."""
    cursor = PageCursor()
    sent: list[Optional[str]] = []
    for count, token in pages:
        assert not cursor.done
        sent.append(cursor.token)
        cursor.advance(token, count, target=TARGET)
    assert cursor.done
    return sent


def test_the_cursor_follows_each_token_until_null() -> None:
    assert walk([(50, "a"), (50, "b"), (3, None)]) == [None, "a", "b"]


def test_short_and_empty_pages_are_not_the_end() -> None:
    assert walk([(2, "a"), (0, "b"), (0, "c"), (1, None)]) == [None, "a", "b", "c"]


def test_an_empty_string_token_ends_the_list() -> None:
    assert walk([(5, "a"), (5, "")]) == [None, "a"]


@pytest.mark.parametrize("repeat", ["a", "b"])
def test_a_token_given_before_is_an_error_not_a_loop(repeat: str) -> None:
    cursor = PageCursor()
    cursor.advance("a", 3, target=TARGET)
    cursor.advance("b", 3, target=TARGET)
    with pytest.raises(SketricGenUnexpectedResponseError) as caught:
        cursor.advance(repeat, 3, target=TARGET)
    assert TARGET in str(caught.value)
    assert "already given" in str(caught.value)
    assert caught.value.status_code == 200
    assert cursor.token == "b"


def test_a_long_run_of_empty_pages_is_an_error() -> None:
    cursor = PageCursor()
    for number in range(MAX_EMPTY_PAGES - 1):
        cursor.advance(f"t{number}", 0, target=TARGET)
    with pytest.raises(SketricGenUnexpectedResponseError, match="empty pages in a row"):
        cursor.advance("last", 0, target=TARGET)


def test_an_item_resets_the_count_of_empty_pages() -> None:
    cursor = PageCursor()
    for number in range(3 * MAX_EMPTY_PAGES):
        cursor.advance(f"t{number}", 1 if number % (MAX_EMPTY_PAGES - 1) == 0 else 0, target=TARGET)
    assert not cursor.done


def test_the_hundredth_empty_page_in_a_row_stops_the_list() -> None:
    cursor = PageCursor()
    for number in range(99):
        cursor.advance(f"t{number}", 0, target=TARGET)
    with pytest.raises(SketricGenUnexpectedResponseError, match="100 empty pages"):
        cursor.advance("t99", 0, target=TARGET)


def test_after_a_page_with_items_ninety_nine_empty_pages_are_still_followed() -> None:
    cursor = PageCursor()
    cursor.advance("first", 1, target=TARGET)
    for number in range(99):
        cursor.advance(f"t{number}", 0, target=TARGET)
    assert cursor.token == "t98"


def test_a_page_equals_only_a_page() -> None:
    assert (Page(["x"], None) == object()) is False
    assert (Page(["x"], None) != ["x"]) is True


def test_a_page_holds_its_items_and_says_if_more_follow() -> None:
    page = Page(["x", "y"], "next")
    assert list(page) == ["x", "y"] == page.items
    assert len(page) == 2
    assert page.has_more
    assert page.next_token == "next"
    last: Page[str] = Page([], None)
    assert not last.has_more
    assert len(last) == 0
    assert Page(["x"], "") == Page(["x"], None)  # an empty token is no token
    assert Page(["x"], "a") != Page(["x"], "b")
    assert "2 items" in repr(page)


@pytest.mark.parametrize("value", [None, 1, 50, 200])
def test_a_limit_from_1_to_200_or_none_is_taken(value: Optional[int]) -> None:
    assert check_limit(value) == value


@pytest.mark.parametrize("value", [0, -1, 201, 10_000, True, 2.0, "50"])
def test_any_other_limit_is_refused(value: Any) -> None:
    with pytest.raises(SketricGenValidationError, match="1 to 200") as caught:
        check_limit(value)
    assert caught.value.field == "limit"


@pytest.mark.parametrize("value", ["", "   ", None, 5, b"agent"])
def test_an_id_must_be_a_non_blank_string(value: Any) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        check_id(value, "agent_id")
    assert caught.value.field == "agent_id"


@pytest.mark.parametrize("value", ["", 7, ["t"]])
def test_a_next_token_must_come_from_a_page(value: Any) -> None:
    with pytest.raises(SketricGenValidationError) as caught:
        check_token(value)
    assert caught.value.field == "next_token"
    assert check_token(None) is None
    assert check_token("nt_1") == "nt_1"


def test_a_workflow_config_must_be_a_json_object() -> None:
    assert check_mapping({"nodes": [1, "a", None]}, "workflow_config") == {"nodes": [1, "a", None]}
    bad_values: list[Any] = [[], "{}", {1: "a"}, {"x": {1, 2}}, {"x": float("nan")}]
    for bad in bad_values:
        with pytest.raises(SketricGenValidationError) as caught:
            check_mapping(bad, "workflow_config")
        assert caught.value.field == "workflow_config"


def test_an_optional_text_may_be_empty_but_must_be_text() -> None:
    assert check_optional_text("", "description") == ""
    assert check_optional_text(None, "description") is None
    with pytest.raises(SketricGenValidationError):
        check_optional_text(3, "description")
