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


def test_rows_of_documents_no_gold_names_change_no_score_of_partial_gold():
    """Reuse precision is counted on the rows touching an annotated passage:
    rows of other documents leave every figure but the kind's total as it
    was, and rows on an annotated document are still scored (a row that
    touches a no-reuse passage only on side b included)."""
    gold = [Case("reuse", Span("a", 0, 10), Span("b", 0, 10)), Case("no-reuse", Span("c", 5, 9), None)]
    near = [Case("reuse", Span("a", 2, 8), Span("b", 2, 8)), Case("reuse", Span("x", 0, 4), Span("c", 6, 8))]
    far = [Case("reuse", Span(f"d{i}", 0, 5), Span(f"e{i}", 0, 5)) for i in range(50)]
    alone, crowded = score.score(near, gold)["reuse"], score.score(near + far, gold)["reuse"]
    assert crowded["total"] == alone["total"] + len(far)
    assert {k: v for k, v in crowded.items() if k != "total"} == {k: v for k, v in alone.items() if k != "total"}
    assert alone["rows"] == 2 and alone["precision"] == 12 / (12 + 4 + 2)  # the x-c row hits no gold


def test_scoring_only_the_cases_that_can_count_with_the_totals_gives_the_same_scores():
    """What the relation step keeps of a large corpus's rows (can_count)
    scores as all the rows do, given each kind's total."""
    gold = [Case("reuse", Span("a", 0, 10), Span("b", 0, 10)), Case("no-reuse", Span("c", 5, 9), None),
            Case("version", Span("v", 0, 4), Span("w", 0, 4))]
    rows = ([Case("reuse", Span("a", 2, 8), Span("b", 2, 8)), Case("reuse", Span("x", 0, 4), Span("c", 6, 8)),
             Case("version", Span("v", 1, 3), Span("w", 1, 3)), Case("version", Span("p", 0, 2), Span("q", 0, 2))]
            + [Case("reuse", Span(f"d{i}", 0, 5), Span(f"e{i}", 0, 5)) for i in range(20)])
    kept = [c for c in rows if score.can_count(gold)(c)]
    assert len(kept) == 4  # the two reuse rows on annotated documents and every version row
    totals = {k: sum(c.kind == k for c in rows) for k in score.KINDS}
    assert score.score(kept, gold, totals) == score.score(rows, gold)
    assert score.score(kept, gold)["reuse"]["total"] == 2  # without the totals, only what it was given


def test_a_release_is_scored_on_the_gold_cases_of_the_documents_it_holds():
    gold = [Case("paraphrase", Span("a", 0, 4), Span("b", 0, 4)), Case("no-reuse", Span("a", 5, 9), None),
            Case("paraphrase", Span("a", 0, 4), Span("c", 0, 4)), Case("no-reuse", Span("c", 5, 9), None)]
    assert score.held(gold, {"a", "b"}) == gold[:2]
    assert score.held(gold, {"b", "c"}) == [gold[3]]
