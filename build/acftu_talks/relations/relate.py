"""The relation step: read the staged records, align, verify, write.

:func:`relate` is a pure function of a :class:`~.corpus.Corpus`;
:func:`write_relations` is the release step (see ``release/finish.py``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

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


def _order(row: dict) -> tuple:
    return (KINDS.index(row["kind"]), row["doc_id_a"], row["char_start_a"], row["char_end_a"],
            row["doc_id_b"], row["char_start_b"] if row["char_start_b"] is not None else -1,
            row["char_end_b"] if row["char_end_b"] is not None else -1)


def relate(corpus: Corpus, max_postings: int = reuse.MAX_POSTINGS) -> tuple[list[dict], list[dict]]:
    """(alignment rows, formulation rows), verified, in a fixed order."""
    rows = list(versions.align(corpus)) + list(paraphrase.align(corpus))
    lookup = search.Occurrences(corpus)  # one text search for reuse and formulations
    rows += reuse.align(corpus, max_postings, lookup)
    rows.sort(key=_order)
    events = {d.doc_id: d.event_id for d in corpus}
    # each row is replaced by its full form as it is made, so that the rows
    # (one per pair of events a passage recurs in) are held once, not twice
    out = rows
    for i, r in enumerate(rows):
        full = {"alignment_id": alignment_id(r), "kind": r["kind"], "op": r["op"],
                "event_id_a": events[r["doc_id_a"]], "event_id_b": events[r["doc_id_b"]]}
        for k in ("doc_id_a", "sentence_id_a", "char_start_a", "char_end_a", "text_a",
                  "doc_id_b", "sentence_id_b", "char_start_b", "char_end_b", "text_b",
                  "artifact", "difference", "score", "method"):
            full[k] = r[k]
        full["method_version"] = METHOD_VERSION
        out[i] = full
    # the full rows carry the reuse rows' texts, all formulations reads of them
    forms = formulations.group(corpus, [r for r in out if r["kind"] == "reuse"], lookup)
    verify(corpus, out, forms)
    return out, forms


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


def verify(corpus: Corpus, alignments: list[dict], forms: list[dict]) -> None:
    """Raise RelationError unless every span slices its text out of its raw
    text and ids are unique."""
    seen = set()
    for r in alignments:
        where = f"{r['kind']} {r['alignment_id']}"
        if r["alignment_id"] in seen:
            raise RelationError(f"{where}: duplicate alignment_id")
        seen.add(r["alignment_id"])
        _check_span(corpus, where, r["doc_id_a"], r["sentence_id_a"], r["char_start_a"], r["char_end_a"], r["text_a"])
        if r["char_start_b"] is not None:
            _check_span(corpus, where, r["doc_id_b"], r["sentence_id_b"], r["char_start_b"], r["char_end_b"],
                        r["text_b"])
    ids = set()
    for f in forms:
        if f["formulation_id"] in ids:
            raise RelationError(f"formulation {f['formulation_id']}: duplicate id")
        ids.add(f["formulation_id"])
        for o in f["occurrences"]:
            _check_span(corpus, f"formulation {f['formulation_id']}", o["doc_id"], o["sentence_id"],
                        o["char_start"], o["char_end"], f["text"])


def _dated(row: dict) -> dict:
    """The row with its occurrences' dates as dates (the sink converts only
    top-level date columns)."""
    if "occurrences" not in row:
        return row
    return {**row, "occurrences": [{**o, "date": dt.date.fromisoformat(o["date"])} for o in row["occurrences"]]}


def write_relations(staging: Path, summary, inputs) -> None:
    """The alignments and formulations configs, from the staged sentences and
    documents; counts and sizes go into ``summary`` for the card. Raises
    RelationError on a row its schema rejects (a builder bug, like a span
    that does not verify)."""
    from ..contract import fastcheck, validate
    from ..contract.records import CONFIGS
    from ..release import write
    corpus_dir, schema_dir = inputs.corpus_dir, inputs.schema_dir
    corpus = read_staged(staging, corpus_dir)
    alignments, forms = relate(corpus)
    for name, rows in (("alignments", alignments), ("formulations", forms)):
        config = CONFIGS[name]
        path = str(schema_dir / config.schema_file)
        accepts = fastcheck.accepter(path)
        for row in rows:
            if accepts is None or not accepts(row):
                errors = sorted(e.message for e in validate.validator(path).iter_errors(row))
                if errors:
                    raise RelationError(f"{name} row {row[config.key]}: {'; '.join(errors)}")
        schema = config.arrow_schema.with_metadata(write.file_metadata(name))
        sink = write.ParquetSink(staging / layout.data_folder(name), schema)
        sink.add([_dated(row) for row in rows])
        sink.close()
        summary.counts[name] = sink.count
        summary.nbytes[name] = sink.nbytes
    (staging / layout.FORMULATIONS_FIGURE).parent.mkdir(parents=True, exist_ok=True)
    (staging / layout.FORMULATIONS_FIGURE).write_text(figure.svg(sorted({d.event_id for d in corpus}),
                                                  [(f["text"], f["event_ids"], f["boilerplate"]) for f in forms]),
                                       encoding="utf-8")
    # what the card shows, not the rows: counts, the scores, the figure's data
    gold = inputs.root / GOLD
    summary.relations = {
        "kinds": {k: sum(r["kind"] == k for r in alignments) for k in KINDS},
        "formulations": [(f["text"], f["event_ids"], f["boilerplate"]) for f in forms],
        "events": sorted({d.event_id for d in corpus}),
        "reused_share": reused_share(corpus, forms),
        "scores": score.score(score.cases(alignments), score.read_gold(gold)) if gold.is_file() else None,
    }


CARD_DOCUMENTS = 20


def reused_share(corpus: Corpus, forms: list[dict]) -> list[tuple[str, str, int, int, int, int]]:
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
        "n_formulations": str(len(rel["formulations"])),
        "n_boilerplate": str(sum(b for _, _, b in rel["formulations"])),
        "alignment_scores": scores,
        "formulations_figure": f"![{figure.describe(rel['events'], rel['formulations'])}]({layout.FORMULATIONS_FIGURE})",
        "formulations_table": figure.table(rel["events"], rel["formulations"]),
        "reuse_table": "\n".join(shares),
    }
