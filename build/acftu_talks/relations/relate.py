"""The relation step: read the staged records, align, verify, write.

:func:`relate` is a pure function of a :class:`~.corpus.Corpus`;
:func:`write_relations` is the release step (see ``release/finish.py``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import operator
from pathlib import Path
from typing import Iterable, Iterator

from . import METHOD_VERSION, evaluate as score, formulations, formulations_figure as figure, paraphrase, reuse, search, versions
from ..contract import layout
from .corpus import Corpus, read_staged

KINDS = ("version", "paraphrase", "omitted", "added", "reuse")
# the hand-read gold set, beside the corpus in the source repository
GOLD = "tests/expected/alignments.tsv"


class RelationError(AssertionError):
    """A relation row that does not slice out of the raw texts: a builder bug."""


def alignment_id(row: dict) -> str:
    """``al-`` and 16 hex digits of the sha256 of what the row relates: the
    kind and both spans (not the texts, which the spans determine)."""
    key = "|".join(str(row[k]) for k in ("kind", "doc_id_a", "char_start_a", "char_end_a",
                                          "doc_id_b", "char_start_b", "char_end_b", "sentence_id_a"))
    return "al-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# a row as the version and paraphrase steps make it (no id, no events),
# held as a tuple in this order: a tuple takes a third of a dict's memory
FIELDS = ("kind", "op", "doc_id_a", "sentence_id_a", "char_start_a", "char_end_a", "text_a",
          "doc_id_b", "sentence_id_b", "char_start_b", "char_end_b", "text_b",
          "artifact", "difference", "score", "method")
_pack = operator.itemgetter(*FIELDS)
_KIND, _DOC_A, _START_A, _END_A, _DOC_B, _START_B, _END_B = (FIELDS.index(k) for k in (
    "kind", "doc_id_a", "char_start_a", "char_end_a", "doc_id_b", "char_start_b", "char_end_b"))


def _order(row: tuple) -> tuple:
    return (KINDS.index(row[_KIND]), row[_DOC_A], row[_START_A], row[_END_A], row[_DOC_B],
            row[_START_B] if row[_START_B] is not None else -1, row[_END_B] if row[_END_B] is not None else -1)


def _match_order(m: tuple) -> tuple:
    """The order of :func:`_order` for a reuse match."""
    sa, sb, start_a, start_b, length = m
    a0, b0 = sa.char_start + start_a, sb.char_start + start_b
    return sa.doc_id, a0, a0 + length, sb.doc_id, b0, b0 + length


class Alignments:
    """The alignment rows of a corpus in their fixed order, held packed;
    iterating gives each row in full (with its id and events), made as it
    is read, so that the full rows are never all in memory at once.

    Reuse rows, most of a large corpus's, are held as the matches they are
    made from (two sentences the corpus holds anyway and three small
    numbers), the others as tuples of FIELDS. ``reuse`` comes last in
    KINDS, so the reuse rows follow the others."""

    def __init__(self, corpus: Corpus, packed: list[tuple], reused: list[tuple]):
        packed.sort(key=_order)
        reused.sort(key=_match_order)
        self.packed, self.reused = packed, reused
        self.events = {d.doc_id: d.event_id for d in corpus}

    def __len__(self) -> int:
        return len(self.packed) + len(self.reused)

    def __iter__(self) -> Iterator[dict]:
        events = self.events
        made = itertools.chain((dict(zip(FIELDS, t)) for t in self.packed), itertools.starmap(reuse.row, self.reused))
        for r in made:
            full = {"alignment_id": alignment_id(r), "kind": r["kind"], "op": r["op"],
                    "event_id_a": events[r["doc_id_a"]], "event_id_b": events[r["doc_id_b"]]}
            for k in FIELDS[2:]:
                full[k] = r[k]
            full["method_version"] = METHOD_VERSION
            yield full

    def reused_texts(self) -> set[str]:
        return {sa.text[start_a:start_a + length] for sa, _, start_a, _, length in self.reused}


def align(corpus: Corpus, max_postings: int = reuse.MAX_POSTINGS) -> tuple[Alignments, list[dict]]:
    """(alignments, formulation records with their occurrences packed, see
    :func:`formulations.packed`) in a fixed order, not yet verified:
    :func:`relate` verifies them whole, the release step row by row as it
    writes them."""
    lookup = search.Occurrences(corpus)  # one text search for reuse and formulations
    packed = list(map(_pack, itertools.chain(versions.align(corpus), paraphrase.align(corpus))))
    if any(t[_KIND] == "reuse" for t in packed):
        raise RelationError("a reuse row from the version or paraphrase step")
    alignments = Alignments(corpus, packed, list(reuse.matches(corpus, max_postings, lookup)))
    return alignments, formulations.packed(corpus, alignments.reused_texts(), lookup)


def relate(corpus: Corpus, max_postings: int = reuse.MAX_POSTINGS) -> tuple[list[dict], list[dict]]:
    """(alignment rows, formulation rows), verified, in a fixed order."""
    alignments, packed = align(corpus, max_postings)
    rows, forms = list(alignments), [formulations.full(f) for f in packed]
    verify(corpus, rows, forms)
    return rows, forms


def _check_span(corpus: Corpus, where: str, doc_id: str, sentence_id, start, end, text) -> None:
    raw = corpus[doc_id].raw
    if raw[start:end] != text:
        raise RelationError(f"{where}: {doc_id}[{start}:{end}] is {raw[start:end]!r}, the row says {text!r}")
    if sentence_id is not None:
        s = corpus[doc_id].sentence(sentence_id)
        if s is None:
            raise RelationError(f"{where}: no sentence {sentence_id}")
        if end > start and not (s.char_start <= start and end <= s.char_end) and not where.startswith("version"):
            raise RelationError(f"{where}: [{start}:{end}] is not inside {sentence_id}")


class Verifier:
    """The checks of :func:`verify`, one row at a time."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.seen: set[str] = set()
        self.formulation_ids: set[str] = set()

    def alignment(self, r: dict) -> None:
        where = f"{r['kind']} {r['alignment_id']}"
        if r["alignment_id"] in self.seen:
            raise RelationError(f"{where}: duplicate alignment_id")
        self.seen.add(r["alignment_id"])
        _check_span(self.corpus, where, r["doc_id_a"], r["sentence_id_a"], r["char_start_a"], r["char_end_a"],
                    r["text_a"])
        if r["char_start_b"] is not None:
            _check_span(self.corpus, where, r["doc_id_b"], r["sentence_id_b"], r["char_start_b"], r["char_end_b"],
                        r["text_b"])

    def formulations(self, forms: Iterable[dict]) -> None:
        ids = self.formulation_ids
        for f in forms:
            if f["formulation_id"] in ids:
                raise RelationError(f"formulation {f['formulation_id']}: duplicate id")
            ids.add(f["formulation_id"])
            for o in f["occurrences"]:
                _check_span(self.corpus, f"formulation {f['formulation_id']}", o["doc_id"], o["sentence_id"],
                            o["char_start"], o["char_end"], f["text"])


def verify(corpus: Corpus, alignments: Iterable[dict], forms: Iterable[dict]) -> None:
    """Raise RelationError unless every span slices its text out of its raw
    text and ids are unique."""
    check = Verifier(corpus)
    for r in alignments:
        check.alignment(r)
    check.formulations(forms)


def _dated(row: dict) -> dict:
    """The row with its occurrences' dates as dates (the sink converts only
    top-level date columns)."""
    if "occurrences" not in row:
        return row
    return {**row, "occurrences": [{**o, "date": dt.date.fromisoformat(o["date"])} for o in row["occurrences"]]}


# the relation rows made in full, checked, validated and written at a time
BATCH = 5_000


def write_relations(staging: Path, summary, inputs) -> None:
    """The alignments and formulations configs, from the staged sentences and
    documents; counts and sizes go into ``summary`` for the card. Raises
    RelationError on a row that does not verify or that its schema rejects
    (a builder bug)."""
    corpus_dir, schema_dir = inputs.corpus_dir, inputs.schema_dir
    corpus = read_staged(staging, corpus_dir)
    alignments, forms = align(corpus)
    gold_path = inputs.root / GOLD
    gold = score.held(score.read_gold(gold_path), corpus.docs) if gold_path.is_file() else None
    counts = score.can_count(gold or [])
    kinds = dict.fromkeys(KINDS, 0)
    cases: list = []  # only the rows the score reads
    check = Verifier(corpus)
    # rows are checked, validated and written a batch at a time, each made
    # in full only then: no list of every full row is ever built
    batch: list[dict] = []
    with _Writer(staging, schema_dir, "alignments", summary) as out:
        for row in alignments:
            check.alignment(row)
            kinds[row["kind"]] += 1
            batch.append(row)
            if len(batch) == BATCH:
                cases += filter(counts, score.cases(batch))
                out.add(batch)
                batch = []
        cases += filter(counts, score.cases(batch))
        out.add(batch)
    with _Writer(staging, schema_dir, "formulations", summary) as out:
        for i in range(0, len(forms), BATCH):
            batch = [formulations.full(f) for f in forms[i:i + BATCH]]
            check.formulations(batch)
            out.add(batch)
    (staging / layout.FORMULATIONS_FIGURE).parent.mkdir(parents=True, exist_ok=True)
    (staging / layout.FORMULATIONS_FIGURE).write_text(figure.svg(sorted({d.event_id for d in corpus}),
                                                  [(f["text"], f["event_ids"], f["boilerplate"]) for f in forms]),
                                       encoding="utf-8")
    # what the card shows, not the rows: counts, the scores, the figure's data
    summary.relations = {
        "kinds": kinds,
        "formulations": [(f["text"], f["event_ids"], f["boilerplate"]) for f in forms],
        "events": sorted({d.event_id for d in corpus}),
        "reused_share": reused_share(corpus, map(formulations.full, forms)),
        "scores": score.score(cases, gold, kinds) if gold is not None else None,
    }


class _Writer:
    """One relation config's sink: rows validated against the config's
    schema, written, and counted into the summary when it closes."""

    def __init__(self, staging: Path, schema_dir: Path, name: str, summary):
        from ..contract import fastcheck
        from ..contract.records import CONFIGS
        from ..release import write
        self.name, self.summary, self.config = name, summary, CONFIGS[name]
        self.path = str(schema_dir / self.config.schema_file)
        self.accepts = fastcheck.accepter(self.path)
        schema = self.config.arrow_schema.with_metadata(write.file_metadata(name))
        self.sink = write.ParquetSink(staging / layout.data_folder(name), schema)

    def add(self, rows: list[dict]) -> None:
        """Validate the rows (as records: dates as ISO strings), then write them."""
        from ..contract import validate
        for row in rows:
            if self.accepts is None or not self.accepts(row):
                errors = sorted(e.message for e in validate.validator(self.path).iter_errors(row))
                if errors:
                    raise RelationError(f"{self.name} row {row[self.config.key]}: {'; '.join(errors)}")
        self.sink.add([_dated(row) for row in rows])

    def __enter__(self) -> "_Writer":
        return self

    def __exit__(self, kind, *_) -> None:
        if kind is None:  # on an error the staging folder is discarded whole
            self.sink.close()
            self.summary.counts[self.name] = self.sink.count
            self.summary.nbytes[self.name] = self.sink.nbytes


CARD_DOCUMENTS = 20


def reused_share(corpus: Corpus, forms: Iterable[dict]) -> list[tuple[str, str, int, int, int, int]]:
    """(doc_id, event_id, characters of its sentences, of them in a formulation
    first attested at this talk and recurring later, in one recurring from
    an earlier talk, at this talk only), for the first CARD_DOCUMENTS
    documents. Formulations, boilerplate included, count in every document
    they occur in (so both versions of a report and both renderings of a
    talk), each character once."""
    later: dict[str, set] = {}
    earlier: dict[str, set] = {}
    for f in forms:
        first = min(f["event_ids"])
        for o in f["occurrences"]:
            event = corpus[o["doc_id"]].event_id
            chars = range(o["char_start"], o["char_end"])
            (earlier if event > first else later).setdefault(o["doc_id"], set()).update(chars)
    out = []
    for doc in list(corpus)[:CARD_DOCUMENTS]:
        inside = set()
        for sentence in doc.sentences:
            inside.update(range(sentence.char_start, sentence.char_end))
        back = earlier.get(doc.doc_id, set()) & inside
        ahead = (later.get(doc.doc_id, set()) & inside) - back
        out.append((doc.doc_id, doc.event_id, len(inside), len(ahead), len(back), len(inside) - len(ahead) - len(back)))
    return out


def _formulation_counts(n: int, boilerplate: int) -> str:
    """``38 formulations, of which 5 are the genre's boilerplate``, in the
    singular where a count is one."""
    return (f"{n} formulation{'' if n == 1 else 's'}, of which {boilerplate} "
            f"{'is' if boilerplate == 1 else 'are'} the genre's boilerplate")


def card_blocks(summary) -> dict[str, str]:
    """The card's generated alignment blocks, from what write_relations left
    in ``summary`` (empty blocks for a build without it)."""
    rel = getattr(summary, "relations", None) or {"kinds": {k: 0 for k in KINDS}, "formulations": [],
                                                  "events": [], "scores": None, "reused_share": []}
    shares = ["| doc_id | event | characters in sentences | first attested at this talk, recurring later | "
              "recurring from an earlier talk | at this talk only |", "|---|---|---|---|---|---|"]

    def share(n: int, chars: int) -> str:
        return f"{n} ({n / chars:.0%})" if chars else "0"
    for doc_id, event, chars, ahead, back, only in rel["reused_share"]:
        shares.append(f"| `{doc_id}` | {event} | {chars} | {share(ahead, chars)} | {share(back, chars)} | "
                      f"{share(only, chars)} |")
    counts = ", ".join(f"{n} `{k}`" for k, n in rel["kinds"].items())
    scores = (score.table(rel["scores"]) if rel["scores"] is not None else
              f"(no gold set at `{GOLD}` in the repository this release was built from: not scored)")
    return {
        "alignment_counts": counts,
        "formulation_counts": _formulation_counts(len(rel["formulations"]),
                                                  sum(b for _, _, b in rel["formulations"])),
        "alignment_scores": scores,
        "formulations_figure": f"![{figure.describe(rel['events'], rel['formulations'])}]({layout.FORMULATIONS_FIGURE})",
        "formulations_table": figure.table(rel["events"], rel["formulations"]),
        "reuse_table": "\n".join(shares),
    }
