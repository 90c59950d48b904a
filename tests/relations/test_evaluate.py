"""Character-level precision and recall, PAN style."""
from pathlib import Path

from acftu_talks import cli
from acftu_talks.relations import evaluate as score
from acftu_talks.relations.evaluate import Case, Span

from relations_fixtures import ROOT


def case(kind, a, b=None):
    return Case(kind, Span(*a), Span(*b) if b else None)


def test_a_perfect_detection_scores_one():
    gold = [case("reuse", ("x", 0, 10), ("y", 5, 15))]
    s = score.score(gold, gold)["reuse"]
    assert (s["precision"], s["recall"]) == (1.0, 1.0)


def test_partial_overlap_is_counted_by_characters():
    gold = [case("paraphrase", ("x", 0, 10), ("y", 0, 10))]
    rows = [case("paraphrase", ("x", 5, 15), ("y", 0, 10))]
    s = score.score(rows, gold)["paraphrase"]
    assert s["precision"] == 15 / 20  # 5 of x's 10 and y's 10 are in the gold case
    assert s["recall"] == 15 / 20


def test_a_row_that_misses_on_one_side_detects_nothing():
    gold = [case("paraphrase", ("x", 0, 10), ("y", 0, 10))]
    rows = [case("paraphrase", ("x", 0, 10), ("y", 20, 30))]
    s = score.score(rows, gold)["paraphrase"]
    assert (s["precision"], s["recall"]) == (0.0, 0.0)


def test_an_insertion_point_matches_by_position():
    gold = [case("version", ("x", 7, 7), ("y", 7, 26))]
    assert score.score([case("version", ("x", 7, 7), ("y", 7, 26))], gold)["version"]["recall"] == 1.0
    assert score.score([case("version", ("x", 9, 9), ("y", 7, 26))], gold)["version"]["recall"] == 0.0


def test_reuse_precision_counts_only_rows_on_annotated_passages():
    gold = [case("reuse", ("x", 0, 10), ("y", 0, 10)), case("no-reuse", ("z", 0, 10))]
    rows = [case("reuse", ("x", 0, 10), ("y", 0, 10)), case("reuse", ("w", 0, 10), ("v", 0, 10)),
            case("reuse", ("z", 0, 10), ("v", 20, 30))]
    s = score.score(rows, gold)["reuse"]
    assert s["rows"] == 2  # the w-v row touches nothing annotated
    assert s["precision"] == 20 / 40 and s["recall"] == 1.0


def test_the_release_meets_the_targets(release):
    s = score.score(score.cases(score.read_release(release)),
                    score.read_gold(ROOT / "tests" / "expected" / "alignments.tsv"))
    for kind, target in score.TARGETS.items():
        assert s[kind]["precision"] >= target and s[kind]["recall"] >= target, (kind, s[kind])


def test_the_command_prints_the_table_and_the_card_shows_the_same(release, capsys):
    assert cli.main(["score-alignments", "--release", str(release),
                     "--gold", str(ROOT / "tests" / "expected" / "alignments.tsv")]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("| kind | gold cases |")
    assert printed in (release / "README.md").read_text(encoding="utf-8")


def test_the_command_says_what_is_missing(tmp_path, capsys):
    assert cli.main(["score-alignments", "--release", str(tmp_path)]) == 2
    assert "build the release first" in capsys.readouterr().err


def test_the_table_says_how_many_rows_were_scored_out_of_how_many():
    gold = [case("reuse", ("x", 0, 10), ("y", 0, 10)), case("no-reuse", ("z", 0, 5))]
    rows = [case("reuse", ("x", 0, 10), ("y", 0, 10)), case("reuse", ("w", 0, 10), ("v", 0, 10))]
    line = next(l for l in score.table(score.score(rows, gold)).splitlines() if l.startswith("| `reuse`"))
    assert "| 1 (+1 negative) | 1 / 2 |" in line and "only rows touching them are scored" in line
