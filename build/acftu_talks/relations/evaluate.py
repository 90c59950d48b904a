"""Character-level precision and recall of the alignments against a gold set.

As in the PAN text-alignment evaluations (micro-averaged): a row *detects*
a gold case of its kind when their spans overlap on side a and on side b
(an empty span, the place of an insertion, overlaps a span that holds its
position). Precision is the share of the rows' characters that lie in gold
cases they detect; recall the share of the gold cases' characters that lie
in rows detecting them. Characters are (doc_id, offset) pairs of both sides.

The ``version``, ``paraphrase`` and ``omitted`` gold lists every case of its
documents. The ``reuse`` gold lists passages read off the texts, not every
shared string: its precision counts only rows that touch an annotated
passage (a reused one, or a ``no-reuse`` passage said at one talk only,
which no row should touch).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

KINDS = ("version", "paraphrase", "omitted", "added", "reuse")
NEGATIVE = {"reuse": "no-reuse"}


@dataclass(frozen=True)
class Span:
    doc_id: str
    start: int
    end: int

    def chars(self) -> set:
        return {(self.doc_id, i) for i in range(self.start, self.end)}

    def overlaps(self, other: "Span") -> bool:
        if self.doc_id != other.doc_id:
            return False
        if self.start == self.end or other.start == other.end:
            return other.start <= self.start <= other.end if self.start == self.end else \
                self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Case:
    kind: str
    a: Span
    b: Optional[Span]

    def chars(self) -> set:
        return self.a.chars() | (self.b.chars() if self.b else set())

    def detects(self, gold: "Case") -> bool:
        if not self.a.overlaps(gold.a):
            return False
        return gold.b is None or (self.b is not None and self.b.overlaps(gold.b))


def _span(doc_id, start, end) -> Optional[Span]:
    if doc_id in (None, "") or start in (None, ""):
        return None
    return Span(doc_id, int(start), int(end))


def read_gold(path: Path) -> list[Case]:
    with path.open(encoding="utf-8", newline="") as f:
        return [Case(r["kind"], _span(r["doc_id_a"], r["char_start_a"], r["char_end_a"]),
                     _span(r["doc_id_b"], r["char_start_b"], r["char_end_b"]))
                for r in csv.DictReader(f, delimiter="\t")]


def cases(rows) -> list[Case]:
    return [Case(r["kind"], _span(r["doc_id_a"], r["char_start_a"], r["char_end_a"]),
                 _span(r["doc_id_b"], r["char_start_b"], r["char_end_b"])) for r in rows]


def held(gold: list[Case], doc_ids) -> list[Case]:
    """The gold cases whose documents are all in ``doc_ids``: a release of
    part of the corpus is scored on the cases it could find, not marked
    down for the documents it does not hold."""
    return [c for c in gold if c.a.doc_id in doc_ids and (c.b is None or c.b.doc_id in doc_ids)]


def can_count(gold: list[Case]):
    """A test of whether a row's case can count in :func:`score`: a row of a
    partially annotated kind (``reuse``) counts only if it touches an
    annotated passage, and spans overlap only within one document, so a
    row none of whose documents the gold annotates counts for nothing (most
    rows of a large corpus). The relation step keeps only the cases that
    pass, so that it never holds one case for every row."""
    near = {kind: {c.a.doc_id for c in gold if c.kind in (kind, negative)} for kind, negative in NEGATIVE.items()}

    def test(case: Case) -> bool:
        docs = near.get(case.kind)
        return docs is None or case.a.doc_id in docs or (case.b is not None and case.b.doc_id in docs)
    return test


def score(rows: list[Case], gold: list[Case], totals: dict[str, int] | None = None) -> dict[str, dict]:
    """Per kind: gold cases, rows scored, precision, recall (None when
    there is nothing to divide by). ``totals``: the rows of each kind, when
    ``rows`` holds only those that :func:`can_count` passes."""
    out = {}
    counts = can_count(gold)
    for kind in KINDS:
        g = [c for c in gold if c.kind == kind]
        negative = [c.a for c in gold if c.kind == NEGATIVE.get(kind)]
        r = [c for c in rows if c.kind == kind]
        if kind in NEGATIVE:  # partial gold: only rows on annotated passages
            r = [c for c in r if counts(c)]
            r = [c for c in r if any(c.detects(x) or x.detects(c) for x in g)
                 or any(s.overlaps(c.a) or (c.b and s.overlaps(c.b)) for s in negative)]
        row_chars, hit_chars = set(), set()
        for c in r:
            mine = c.chars()
            row_chars |= mine
            for x in g:
                if c.detects(x):
                    hit_chars |= mine & x.chars()
        gold_chars, found_chars = set(), set()
        for x in g:
            theirs = x.chars()
            gold_chars |= theirs
            for c in r:
                if c.detects(x):
                    found_chars |= theirs & c.chars()
        total = totals[kind] if totals is not None else sum(c.kind == kind for c in rows)
        out[kind] = {"gold": len(g), "rows": len(r), "total": total,
                     "negative": len(negative), "coverage": COVERAGE[kind],
                     "precision": len(hit_chars) / len(row_chars) if row_chars else None,
                     "recall": len(found_chars) / len(gold_chars) if gold_chars else None}
    return out


# what the gold of each kind covers: which rows are scored
COVERAGE = {
    "version": "every difference of the documents with two versions",
    "paraphrase": "every rendering of the speech text by a readout of its event",
    "omitted": "every speech-text sentence a readout of its event leaves out",
    "added": "every readout sentence (narration too) that renders none of its event's speech text",
    "reuse": "passages read off the texts and passages said at one talk only; only rows touching them are scored",
}
TARGETS = {"version": 0.9, "paraphrase": 0.8, "omitted": 0.8, "added": 0.8, "reuse": 0.9}


def table(scores: dict[str, dict]) -> str:
    """A Markdown table of the scores, with the targets."""
    def f(v):
        return "n/a" if v is None else f"{v:.3f}"
    lines = ["| kind | gold cases | rows scored / rows of the kind | precision | recall | target | what the gold covers |",
             "|---|---|---|---|---|---|---|"]
    for kind, s in scores.items():
        gold = f"{s['gold']}" + (f" (+{s['negative']} negative)" if s["negative"] else "")
        lines.append(f"| `{kind}` | {gold} | {s['rows']} / {s['total']} | {f(s['precision'])} | {f(s['recall'])} | "
                     f">= {TARGETS[kind]} | {s['coverage']} |")
    return "\n".join(lines)


def read_release(release: Path) -> list[dict]:
    import pyarrow.parquet as pq
    cols = ["kind", "doc_id_a", "char_start_a", "char_end_a", "doc_id_b", "char_start_b", "char_end_b"]
    return [r for p in sorted((release / "data" / "alignments").glob("*.parquet"))
            for r in pq.read_table(p, columns=cols).to_pylist()]
