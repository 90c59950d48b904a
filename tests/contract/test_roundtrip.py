"""The round trip: paragraph records plus recorded edits rebuild the raw text."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from acftu_talks import segment
from conftest import records
from acftu_talks.contract.roundtrip import RoundTripError, first_difference, rebuild, verify

# Pieces that real curated files hold, and the ones that break naive cleaners.
PIECES = st.sampled_from([
    "习近平强调", "工会", "。", "，", "“", "”", "abc", "2018年10月29日",
    " ", "\t", "\u3000", "\u00a0", "\u200b", "\u200d", "\u2060", "\ufeff",
    "\n", "\r\n", "\n\n", "\u2028", "[bookmark: _GoBack]", "[bookmark: x]", "[", "]",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=3)), max_size=40).map("".join)


@given(TEXTS)
@settings(max_examples=400, deadline=None)
@example("\ufeff\u3000\u3000标题\r\n\r\n  [bookmark: _GoBack]正文[bookmark: x]内\u200b容\u00a0\r\n")
@example("[bookmark: x]")
@example("\u200b\n\t\n")
@example("")
def test_records_rebuild_the_raw_text(raw):
    rows, edits = records(raw)
    assert rebuild(rows, edits, len(raw)) == raw


@given(TEXTS)
@settings(max_examples=300, deadline=None)
def test_paragraphs_are_non_empty_ordered_disjoint_and_uniquely_numbered(raw):
    rows, edits = records(raw)
    assert len({r["paragraph_id"] for r in rows}) == len(rows)
    assert [r["paragraph_number"] for r in rows] == list(range(1, len(rows) + 1))
    end = 0
    for row in rows:
        assert row["text"]
        assert segment._edge_kind(row["text"][0]) is None and segment._edge_kind(row["text"][-1]) is None
        assert end <= row["char_start"] < row["char_end"] <= len(raw)
        assert "\n" not in raw[row["char_start"]:row["char_end"]]
        end = row["char_end"]
    starts = [e["char_start"] for e in edits]
    assert starts == sorted(starts)
    assert [e["edit_number"] for e in edits] == list(range(1, len(edits) + 1))
    for edit in edits:
        assert edit["removed"] == raw[edit["char_start"]:edit["char_end"]] != ""


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_text_is_the_span_without_the_edits_inside_it(raw):
    rows, edits = records(raw)
    for row in rows:
        inside = [e for e in edits if row["char_start"] <= e["char_start"] and e["char_end"] <= row["char_end"]]
        kept = list(raw[row["char_start"]:row["char_end"]])
        for edit in inside:
            kept[edit["char_start"] - row["char_start"]:edit["char_end"] - row["char_start"]] = \
                [""] * (edit["char_end"] - edit["char_start"])
        assert "".join(kept) == row["text"]


def test_edges_are_trimmed_as_recorded_edits():
    raw = "\ufeff\u3000\u3000正文\u00a0\u200b\r\n"
    rows, edits = records(raw)
    assert [r["text"] for r in rows] == ["正文"]
    assert [(e["kind"], e["removed"]) for e in edits] == [
        ("zero_width", "\ufeff"), ("edge_whitespace", "\u3000\u3000"),
        ("edge_whitespace", "\u00a0"), ("zero_width", "\u200b"), ("carriage_return", "\r")]
    assert {e["paragraph_id"] for e in edits} == {rows[0]["paragraph_id"]}


def test_a_line_of_artifacts_is_not_a_blank_line():
    raw = "正文\n [bookmark: _GoBack]\n\u3000\n"
    _, edits = records(raw)
    assert [(e["kind"], e["paragraph_id"]) for e in edits] == [
        ("edge_whitespace", None), ("artifact", None), ("blank_line", None)]


def test_a_line_of_white_space_is_one_blank_line_edit():
    _, edits = records("a\n \t\u3000\r\nb")
    assert [(e["kind"], e["removed"]) for e in edits] == [("blank_line", " \t\u3000\r")]


def _sample():
    raw = "标题\n\n  正文[bookmark: x]内容\n"
    rows, edits = records(raw)
    return raw, rows, edits


def test_verify_accepts_the_builders_records():
    raw, rows, edits = _sample()
    verify(raw, rows, edits)


@pytest.mark.parametrize("damage, message", [
    (lambda rows, edits: edits.pop(0), "differs from the raw text at offset 4"),
    (lambda rows, edits: rows[1].update(text=rows[1]["text"] + "多"), "text and inner edits give"),
    (lambda rows, edits: rows.append({**rows[0], "paragraph_id": "copy"}), "inside the piece before it"),
    (lambda rows, edits: edits[-1].update(removed="x"), "removed holds 1 characters"),
])
def test_verify_names_what_is_lost_or_overlaps(damage, message):
    raw, rows, edits = _sample()
    damage(rows, edits)
    with pytest.raises(RoundTripError, match=message):
        verify(raw, rows, edits)


def test_rebuild_refuses_pieces_past_the_end():
    raw, rows, edits = _sample()
    with pytest.raises(RoundTripError, match="after the text's 3 characters"):
        rebuild(rows, edits, 3)


@pytest.mark.parametrize("a, b, index", [("abc", "abc", None), ("abc", "abd", 2), ("ab", "abc", 2), ("", "x", 0)])
def test_first_difference(a, b, index):
    assert first_difference(a, b) == index
