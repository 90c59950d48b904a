"""Measure the attribution layer against a gold sentence file.

The built sentences (``release/data/sentences``) are joined with the gold
rows (``tests/expected/sentences.tsv``, read off the texts by an annotator)
on ``(doc_id, char_start, char_end)``. For each speech mode: precision,
recall and F1; the speaker accuracy on the sentences the gold attributes to
someone; the agreement of the source mention and reporting cue with the gold
``source_mention`` and ``cue`` columns; and the confusion table of modes.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

MODES = ("direct", "reported", "narration", "none")
Key = tuple[str, int, int]


@dataclass
class Row:
    """What the score compares of one sentence."""

    speech_mode: str
    speaker: str | None
    source: str | None = None  # the text of the source mention
    cue: str | None = None


@dataclass
class Score:
    gold_rows: int
    built_rows: int
    matched: int
    per_mode: dict[str, tuple[int, int, int]]  # mode -> (gold, built, correct)
    speaker: tuple[int, int]  # (correct, attributed gold sentences)
    source: tuple[int, int]  # (correct, gold sentences with a source mention)
    cue: tuple[int, int]  # (correct, gold sentences with a cue)
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold, built) -> n

    def prf(self, mode: str) -> tuple[float, float, float]:
        gold, built, correct = self.per_mode[mode]
        precision = correct / built if built else 0.0
        recall = correct / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def read_gold(path: Path) -> dict[Key, Row]:
    """Gold rows by (doc_id, char_start, char_end); '#' lines are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]
    header, rows = lines[0], lines[1:]
    gold = {}
    for values in rows:
        r = dict(zip(header, values))
        gold[(r["doc_id"], int(r["char_start"]), int(r["char_end"]))] = Row(
            r["speech_mode"], r.get("speaker") or None, r.get("source_mention") or None, r.get("cue") or None)
    return gold


def built_rows(records) -> dict[Key, Row]:
    """Built rows by key, from sentence records (dicts as in the sentences config)."""
    built = {}
    for s in records:
        source = None
        if s.get("source_start") is not None:
            source = s["text"][s["source_start"] - s["char_start"]:s["source_end"] - s["char_start"]]
        built[(s["doc_id"], s["char_start"], s["char_end"])] = Row(
            s["speech_mode"], s["speaker"], source, s.get("reporting_cue"))
    return built


def read_release(release: Path) -> dict[Key, Row]:
    """The built sentences of a release folder."""
    import pyarrow.parquet as pq
    records = []
    for path in sorted((release / "data" / "sentences").rglob("*.parquet")):
        records += pq.ParquetFile(path).read(use_threads=False).to_pylist()  # file by file: no dataset machinery
    return built_rows(records)


def score(gold: dict[Key, Row], built: dict[Key, Row]) -> Score:
    """Compare the rows present in both (sentences split differently count
    as unmatched, shown apart)."""
    keys = sorted(set(gold) & set(built))
    per_mode = {}
    for mode in MODES:
        per_mode[mode] = (sum(gold[k].speech_mode == mode for k in keys),
                          sum(built[k].speech_mode == mode for k in keys),
                          sum(gold[k].speech_mode == mode == built[k].speech_mode for k in keys))
    confusion: dict[tuple[str, str], int] = {}
    for k in keys:
        pair = (gold[k].speech_mode, built[k].speech_mode)
        confusion[pair] = confusion.get(pair, 0) + 1
    attributed = [k for k in keys if gold[k].speaker]
    sourced = [k for k in keys if gold[k].source]
    cued = [k for k in keys if gold[k].cue]
    return Score(
        gold_rows=len(gold), built_rows=len(built), matched=len(keys), per_mode=per_mode,
        speaker=(sum(built[k].speaker == gold[k].speaker for k in attributed), len(attributed)),
        source=(sum(built[k].source == gold[k].source for k in sourced), len(sourced)),
        cue=(sum(built[k].cue == gold[k].cue for k in cued), len(cued)),
        confusion=confusion)


def _ratio(pair: tuple[int, int]) -> str:
    correct, total = pair
    return f"{correct}/{total} = {correct / total:.3f}" if total else f"{correct}/0 = n/a"


def rows(result: Score) -> list[list[str]]:
    """The per-mode table: mode, gold, built, correct, precision, recall, F1."""
    out = []
    for mode in MODES:
        gold, built, correct = result.per_mode[mode]
        p, r, f = result.prf(mode)
        out.append([mode, str(gold), str(built), str(correct), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    return out


def render(result: Score, gold_name: str) -> str:
    """The report the command prints."""
    lines = [f"attribution scored against {gold_name}: {result.gold_rows} gold sentences, "
             f"{result.built_rows} built, {result.matched} matched on (doc_id, char_start, char_end) "
             f"({result.gold_rows - result.matched} gold only, {result.built_rows - result.matched} built only)", ""]
    header = ["speech_mode", "gold", "built", "correct", "precision", "recall", "F1"]
    table = [header] + rows(result)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))))
    lines += ["",
              f"speaker accuracy: {_ratio(result.speaker)} (sentences the gold attributes to a speaker)",
              f"source mention:   {_ratio(result.source)} (sentences whose gold names a source mention)",
              f"reporting cue:    {_ratio(result.cue)} (sentences whose gold names a cue)",
              "", "confusion (rows: gold, columns: built)"]
    width = max(len(m) for m in MODES)
    lines.append(" " * width + "  " + "  ".join(m.rjust(width) for m in MODES))
    for g in MODES:
        lines.append(g.ljust(width) + "  " + "  ".join(str(result.confusion.get((g, b), 0)).rjust(width)
                                                       for b in MODES))
    return "\n".join(lines) + "\n"


def markdown(result: Score, gold_name: str) -> str:
    """The figures as a card block."""
    head = ["speech_mode", "gold", "built", "correct", "precision", "recall", "F1"]
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    table += ["| " + " | ".join([f"`{r[0]}`", *r[1:]]) + " |" for r in rows(result)]
    return (f"Scored by the build against `{gold_name}` ({result.matched} of {result.gold_rows} gold sentences "
            f"matched on doc_id and offsets; `acftu-talks score` prints the same figures):\n\n"
            + "\n".join(table)
            + f"\n\nSpeaker accuracy {_ratio(result.speaker)}; source mention {_ratio(result.source)}; "
              f"reporting cue {_ratio(result.cue)}.")
