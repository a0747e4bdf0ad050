"""The admin commands' tables, on plain JSON values and generated models (no I/O)."""

from __future__ import annotations

import pytest
from sketricgen_admin_models import Agent

from sketricgen._cli.table import ID, Column, cell, cut, fields, row, table, text_width, transcript

COLUMNS = (Column("AGENT_ID", "agent_id", ID), Column("NAME", "name", 10))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "-"),
        (True, "true"),
        (3, "3"),
        (2.5, "2.5"),
        ({"a": [1, "é"]}, '{"a":[1,"é"]}'),
        ("two\nlines\tand  tabs", "two lines and tabs"),
        ("\x1b[31mred\x1b[0m", "\ufffd[31mred\ufffd[0m"),  # no escape reaches the terminal
        ("bell\x07 and \x9b csi", "bell\ufffd and \ufffd csi"),
    ],
    ids=["none", "bool", "int", "float", "object", "whitespace", "ansi", "controls"],
)
def test_a_cell_is_one_safe_line(value: object, shown: str) -> None:
    assert cell(value) == shown


def test_wide_characters_count_two_columns_and_marks_none() -> None:
    assert text_width("abc") == 3
    assert text_width("日本") == 4
    assert text_width("e\u0301") == 1  # e + combining acute accent


@pytest.mark.parametrize(
    ("text", "cap", "shown"),
    [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("eleven char", 10, "eleven ch…"),
        ("日本語のテキスト", 7, "日本語…"),  # 6 columns of text and the ellipsis
    ],
)
def test_a_long_value_is_cut_with_an_ellipsis_to_its_cap(text: str, cap: int, shown: str) -> None:
    assert cut(text, cap) == shown
    assert text_width(cut(text, cap)) <= cap


def test_columns_fit_their_widest_value_and_titles() -> None:
    records = [
        Agent(agent_id="agent-1", name="Support").model_dump(mode="json"),
        Agent(agent_id="agent-123456", name=None).model_dump(mode="json"),
    ]
    assert table([row(record, COLUMNS) for record in records], COLUMNS) == [
        "AGENT_ID      NAME",
        "agent-1       Support",
        "agent-123456  -",
    ]


def test_names_are_cut_and_ids_are_kept_whole() -> None:
    long_id = "agent-" + "x" * 60
    record = {"agent_id": long_id, "name": "A very long agent name"}
    (_, line) = table([row(record, COLUMNS)], COLUMNS)
    assert line == f"{long_id}  A very lo…"


def test_an_id_is_cut_only_past_its_safety_bound() -> None:
    record = {"agent_id": "a" * 500, "name": "n"}
    (cells,) = [row(record, COLUMNS)]
    assert cells[0] == "a" * (ID - 1) + "…"


def test_rows_with_wide_characters_stay_aligned() -> None:
    records = [{"agent_id": "a-1", "name": "日本"}, {"agent_id": "a-2", "name": "ab"}]
    columns = (Column("NAME", "name", 10), Column("AGENT_ID", "agent_id", ID))
    lines = table([row(record, columns) for record in records], columns)
    assert [text_width(line.split("a-")[0]) for line in lines[1:]] == [6, 6]


def test_fields_show_every_field_in_order_including_unknown_ones() -> None:
    agent = Agent.model_validate(
        {"agent_id": "agent-1", "name": "Support", "x_emulator": True, "config": {"k": "v"}}
    )
    lines = fields(agent.model_dump(mode="json"))
    assert lines[0] == "agent_id           agent-1"
    assert "name               Support" in lines
    assert "is_draft           -" in lines
    assert "x_emulator         true" in lines
    assert 'config             {"k":"v"}' in lines


def test_fields_cut_a_long_value_at_80_columns() -> None:
    (line,) = fields({"workflow_config": {"nodes": ["n" * 200]}})
    assert line.startswith('workflow_config  {"nodes":["nnn')
    assert line.endswith("…")
    assert text_width(line) == len("workflow_config  ") + 80


def test_a_transcript_shows_each_message_in_full() -> None:
    lines = transcript(
        [
            {"role": "user", "content": "hi", "created_at": "2026-11-30T10:00:00Z"},
            {"role": "assistant", "content": "line one\nline \x1b[2Jtwo " + "w" * 300},
            {"role": "tool", "content": [{"type": "text", "text": "parts"}]},
        ]
    )
    assert lines == [
        "user  2026-11-30T10:00:00Z",
        "  hi",
        "assistant",
        "  line one",
        "  line \ufffd[2Jtwo " + "w" * 300,
        "tool",
        '  [{"type":"text","text":"parts"}]',
    ]
