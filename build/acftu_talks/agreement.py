"""Agreement between two independent sentence annotations: Cohen's kappa per
label, observed agreement, and every disagreement.

The two files need not number sentences the same way (one counts within a
paragraph, the other through the document), so rows are joined on what
names a sentence in the raw text: (doc_id, char_start, char_end). A sentence
only one annotator has is reported, never silently dropped: it means the two
disagree on where sentences are, which kappa cannot measure.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem

# In the source repository, relative to its root.
FIRST = "tests/expected/sentences.tsv"
SECOND = "tests/expected/sentences-second-annotator.tsv"
ADJUDICATION = "docs/annotation/adjudication.md"
# Shipped in the release's annotation/ folder, so that the card's agreement
# claims can be checked from the release alone.
RELEASE_FOLDER = "annotation"
SHIPPED = (FIRST, SECOND, "tests/expected/annotations.tsv", ADJUDICATION,
           "docs/annotation/gold-notes.md", "docs/annotation/second-annotator-notes.md")


def shipped_name(rel: str) -> str:
    """Where a shipped annotation file lies in the release."""
    return f"{RELEASE_FOLDER}/{rel.rsplit('/', 1)[-1]}"
LABELS = ("segment_type", "speech_mode", "speaker")
KEY = ("doc_id", "char_start", "char_end")

Key = tuple[str, int, int]


def kappa(pairs: list[tuple[str, str]]) -> float | None:
    """Cohen's kappa of (first, second) label pairs: (p_o - p_e) / (1 - p_e),
    where p_e sums, over the categories, the product of the two annotators'
    own shares of that category. None when p_e is 1 (both annotators used
    one and the same category throughout: kappa is undefined)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[c] * second[c] for c in first) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


@dataclass
class LabelAgreement:
    label: str
    n: int
    agreed: int
    kappa: float | None

    @property
    def observed(self) -> float:
        return self.agreed / self.n if self.n else 0.0


@dataclass
class Disagreement:
    key: Key
    label: str
    first: str
    second: str
    text: str


@dataclass
class Agreement:
    labels: list[LabelAgreement]
    disagreements: list[Disagreement]
    only_first: list[Key] = field(default_factory=list)
    only_second: list[Key] = field(default_factory=list)
    shared: list[Key] = field(default_factory=list)


def read_annotation(path: Path, shown: str | None = None) -> dict[Key, dict[str, str]]:
    """Rows of a sentence annotation TSV (``#`` comment lines, then a header
    row), keyed by (doc_id, char_start, char_end). Raises InputError naming
    the file and line of every problem."""
    shown = shown or str(path)
    problems: list[Problem] = []
    rows: dict[Key, dict[str, str]] = {}
    lines = path.read_text(encoding="utf-8").split("\n")
    header_at = next((i for i, line in enumerate(lines) if line and not line.startswith("#")), None)
    if header_at is None:
        raise InputError([Problem(shown, None, "header", "no header row", "agreement.no-header",
                                  "the first line that is not a # comment names the columns")])
    header = lines[header_at].split("\t")
    missing = [c for c in KEY + LABELS + ("text",) if c not in header]
    if missing:
        raise InputError([Problem(shown, header_at + 1, "header", f"missing column(s): {', '.join(missing)}",
                                  "agreement.missing-column", "add the column(s) to the header row")])
    reader = csv.DictReader(lines[header_at:], delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        line = header_at + reader.line_num
        if not any(row.values()) or row["doc_id"] is None:
            continue
        try:
            key = (row["doc_id"], int(row["char_start"]), int(row["char_end"]))
        except (TypeError, ValueError):
            problems.append(Problem(shown, line, "char_start", f"offsets must be integers, got "
                                    f"{row['char_start']!r}, {row['char_end']!r}", "agreement.offset",
                                    "write the code-point offsets of the sentence in the raw file"))
            continue
        if key in rows:
            problems.append(Problem(shown, line, "char_start", f"sentence {key[0]} {key[1]}-{key[2]} is listed twice",
                                    "agreement.duplicate", "keep one row per sentence"))
            continue
        rows[key] = {label: row[label] or "" for label in LABELS + ("text",)}
    if problems:
        raise InputError(problems)
    return rows


def compare(first: dict[Key, dict[str, str]], second: dict[Key, dict[str, str]],
            labels: tuple[str, ...] = LABELS) -> Agreement:
    """Kappa per label over the sentences both annotated, and every
    disagreement, in document and offset order."""
    shared = sorted(first.keys() & second.keys())
    results, disagreements = [], []
    for label in labels:
        pairs = [(first[k][label], second[k][label]) for k in shared]
        results.append(LabelAgreement(label, len(pairs), sum(a == b for a, b in pairs), kappa(pairs)))
    for k in shared:
        for label in labels:
            if first[k][label] != second[k][label]:
                disagreements.append(Disagreement(k, label, first[k][label], second[k][label], first[k]["text"]))
    return Agreement(results, disagreements, sorted(first.keys() - second.keys()),
                     sorted(second.keys() - first.keys()), shared)


def agreement(root: Path, first: str = FIRST, second: str = SECOND) -> Agreement:
    """Compare the two annotation files under ``root``."""
    problems, rows = [], []
    for rel in (first, second):
        path = root / rel
        if not path.is_file():
            problems.append(Problem(rel, None, "file", "no such file", "agreement.missing-file",
                                    "run from the repository root, or pass --first/--second PATH"))
            continue
        try:
            rows.append(read_annotation(path, rel))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return compare(*rows)


def kappa_text(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def _shown(value: str) -> str:
    return value if value else "(none)"


def report(result: Agreement, first: str = FIRST, second: str = SECOND) -> str:
    """The plain-text report the command prints."""
    lines = [f"first:  {first}", f"second: {second}",
             f"{'label':<14}{'n':>5}{'agreed':>8}{'observed':>10}{'kappa':>9}"]
    for r in result.labels:
        lines.append(f"{r.label:<14}{r.n:>5}{r.agreed:>8}{r.observed:>10.3f}{kappa_text(r.kappa):>9}")
    lines.append(f"disagreements: {len(result.disagreements)}")
    for d in result.disagreements:
        doc, start, end = d.key
        lines.append(f"  {doc} {start}-{end} {d.label}: first {_shown(d.first)}, second {_shown(d.second)}: {d.text}")
    for name, keys in (("only in first", result.only_first), ("only in second", result.only_second)):
        if keys:
            lines.append(f"{name}: {len(keys)}")
            lines += [f"  {doc} {start}-{end}" for doc, start, end in keys]
    return "\n".join(lines) + "\n"


def card_block(result: Agreement | None, first: str = FIRST, second: str = SECOND) -> str:
    """The card's agreement paragraph and table, or a plain statement that
    no second annotation was available to the build."""
    if result is None:
        return ("This build found no second annotation, so the card reports no agreement statistic.")
    n = result.labels[0].n if result.labels else 0
    rows = ["| label | sentences (n) | agreed | observed agreement | Cohen's kappa |", "|---|---|---|---|---|"]
    rows += [f"| `{r.label}` | {r.n} | {r.agreed} | {r.observed:.3f} | {kappa_text(r.kappa)} |"
             for r in result.labels]
    unmatched = len(result.only_first) + len(result.only_second)
    n_docs = len({doc for doc, _, _ in result.only_first + result.only_second + result.shared})
    sentences = len({d.key for d in result.disagreements})
    text = (f"Two annotators labelled every sentence of the {n_docs} texts independently, from the raw texts "
            f"and the label definitions, without the builder's output: `{first}` and `{second}` in the "
            f"source repository, shipped here as `{shipped_name(first)}` and `{shipped_name(second)}`, with "
            f"their notes. Joined on (doc_id, char_start, char_end), {n} sentences are in both"
            + (f" and {unmatched} in only one" if unmatched else "") +
            f". `acftu-talks agreement` prints these figures and every disagreement:\n\n" + "\n".join(rows) +
            f"\n\nThe annotators disagreed on {len(result.disagreements)} label(s) of {sentences} sentence(s); "
            f"`{ADJUDICATION}` (here `{shipped_name(ADJUDICATION)}`) gives each one, how it was resolved and why. The first file, adjudicated, is "
            "the gold standard the builder's attribution is scored against.")
    return text

