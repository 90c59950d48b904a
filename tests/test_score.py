"""The attribution score: its arithmetic on a hand-made example with known
figures, and the command on the real corpus."""
from __future__ import annotations

import pytest

from acftu_talks import cli, score
from acftu_talks.score import Row

from conftest import ROOT

GOLD_TSV = ROOT / "tests" / "expected" / "sentences.tsv"


def hand_made():
    gold = {("d", 0, 10): Row("reported", "习近平", "习近平", "强调"),
            ("d", 10, 20): Row("reported", "习近平"),
            ("d", 20, 30): Row("narration", None),
            ("d", 30, 40): Row("direct", "习近平", "习近平", None),
            ("d", 40, 50): Row("narration", None),
            ("d", 50, 60): Row("none", None)}
    built = {("d", 0, 10): Row("reported", "习近平", "习近平", "强调"),
             ("d", 10, 20): Row("narration", None),
             ("d", 20, 30): Row("narration", None),
             ("d", 30, 40): Row("reported", "习近平", "他", None),
             ("d", 40, 50): Row("reported", "李强"),
             ("d", 50, 59): Row("none", None),  # split differently: unmatched
             ("d", 70, 80): Row("narration", None)}
    return gold, built


def test_arithmetic_on_a_hand_made_example():
    result = score.score(*hand_made())
    assert (result.gold_rows, result.built_rows, result.matched) == (6, 7, 5)
    assert result.per_mode == {"reported": (2, 3, 1), "narration": (2, 2, 1), "direct": (1, 0, 0), "none": (0, 0, 0)}
    p, r, f = result.prf("reported")
    assert (round(p, 4), r, round(f, 4)) == (0.3333, 0.5, 0.4)
    assert result.prf("narration") == (0.5, 0.5, 0.5)
    assert result.prf("direct") == (0.0, 0.0, 0.0)
    assert result.speaker == (2, 3)
    assert result.source == (1, 2)
    assert result.cue == (1, 1)
    assert result.confusion == {("reported", "reported"): 1, ("reported", "narration"): 1,
                                ("narration", "narration"): 1, ("direct", "reported"): 1,
                                ("narration", "reported"): 1}


def test_report_shows_the_figures():
    text = score.render(score.score(*hand_made()), "gold.tsv")
    assert "6 gold sentences, 7 built, 5 matched" in text and "(1 gold only, 2 built only)" in text
    reported = [line.split() for line in text.splitlines() if line.startswith("reported ")]
    assert reported[0] == ["reported", "2", "3", "1", "0.333", "0.500", "0.400"]  # the per-mode table
    assert reported[1] == ["reported", "0", "1", "1", "0"]  # its row of the confusion table
    assert "speaker accuracy: 2/3 = 0.667" in text
    assert "narration" in text.splitlines()[-2] and text.splitlines()[-2].split()[1:] == ["0", "1", "1", "0"]


def test_source_mention_is_read_off_the_sentence_text():
    rows = score.built_rows([{"doc_id": "d", "char_start": 100, "char_end": 110, "text": "他强调，要团结奋斗。",
                              "speech_mode": "reported", "speaker": "习近平", "reporting_cue": "强调",
                              "source_start": 100, "source_end": 101}])
    assert rows[("d", 100, 110)] == Row("reported", "习近平", "他", "强调")


def gold_count() -> int:
    lines = [line for line in GOLD_TSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return len(lines) - 1  # the header


def test_score_command_on_the_real_corpus(release, capsys):
    assert cli.main(["score", "--release", str(release), "--gold", str(GOLD_TSV)]) == 0
    out = capsys.readouterr().out
    n = gold_count()
    assert f"{n} gold sentences, {n} built, {n} matched" in out
    result = score.score(score.read_gold(GOLD_TSV), score.read_release(release))
    # every sentence of the corpus is attributed as the gold says
    assert all(gold == built == correct for gold, built, correct in result.per_mode.values())
    assert result.speaker[0] == result.speaker[1] > 100
    assert result.source[0] == result.source[1] > 20


def test_score_needs_a_release(tmp_path, capsys):
    assert cli.main(["score", "--release", str(tmp_path), "--gold", str(GOLD_TSV)]) == 2
    assert "no built sentences" in capsys.readouterr().err


@pytest.mark.parametrize("column", ["source_start", "content_start"])
def test_spans_point_into_the_raw_text(release, column):
    import pyarrow.parquet as pq
    rows = pq.read_table(release / "data" / "sentences").to_pylist()
    gold = score.read_gold(GOLD_TSV)
    for s in rows:
        raw = (ROOT / "corpus" / f"{s['doc_id']}.txt").read_text(encoding="utf-8")
        end = column.replace("start", "end")
        if s[column] is None:
            assert s[end] is None
            continue
        assert s["char_start"] <= s[column] < s[end] <= s["char_end"]
        piece = raw[s[column]:s[end]]
        if column == "source_start":
            assert piece == gold[(s["doc_id"], s["char_start"], s["char_end"])].source, s["sentence_id"]
        else:
            assert piece and piece in s["text"] and not piece.endswith("。"), s["sentence_id"]
