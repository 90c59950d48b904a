"""The reader's data: the staged release's records, read back, in one JSON-able dict.

Everything the reader shows comes from the Parquet configs of the staged
release, never from the corpus: what a user browses is what the release
holds. The configs that corpus-level steps add (``events``, ``alignments``,
``formulations``) are used when the release has them; without them the
model says so (``derived``/``absent``) and the reader tells the user. Of a
release with more than ``MAX_DOCUMENTS`` documents the model holds the first
talks up to that many, read without the rest (see ``build_model``).
"""
from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ... import DATASET_NAME, __version__
from ...contract import layout
from .. import cite
from .heading import talks_heading

ROLE_READOUT, ROLE_SPEECH = "readout", "speech_text"
# Shown beside an event's title when the events config has them.
EVENT_DETAILS = ("part_of_day", "venue", "venue_en", "congress", "congress_en", "congress_start", "congress_end")
# The reader links sentences of one talk; reuse across talks is shown through
# the formulations, so reuse rows stay out of the page.
SHOWN_ALIGNMENTS = ("paraphrase", "omitted")
# The page embeds every record it shows, so its size, the browser's time to
# draw it and the memory of the step that writes it grow with what it shows:
# about 75 KB a document with its sentences and formulations (69 MB for the
# 1,000 documents of a bench/synth.py corpus, which no browser opens). At 50
# documents the page is under 4 MB; headless Chromium on two CPUs opens it in
# 0.3 s, draws its formulations in under 3 s and answers a search in 0.5 s
# (at 100: 7 MB, 4.5 s for the formulations). A release with more documents
# has its first talks up to this many on the page, which says so; everything
# is in the Parquet configs.
MAX_DOCUMENTS = 50
# Rows read at a time: what the step holds of a config it filters is one
# batch (and the row group it comes from), whatever the config's size.
BATCH_ROWS = 8192
# The documents' columns that choose the talks shown (see _events), read for
# every document; the records themselves are read only for those shown.
DOCUMENT_KEYS = ("doc_id", "date", "event_id", "doc_type", "publisher", "publisher_en", "version_of",
                 "occasion", "occasion_en")


def read_config(staging: Path, config: str, columns: tuple[str, ...] | None = None,
                keep=None) -> list[dict] | None:
    """The rows of a staged config, in file order; None if the release has no
    such config. ``columns``: only those of them the config has. ``keep``: a
    function of a record batch giving the mask of the rows to keep, applied
    batch by batch, so that rows the page will not show are never held."""
    files = layout.data_files(staging, config)
    if not files:
        return None
    rows = []
    # ParquetFile, not read_table: read_table imports pyarrow.dataset (half a second).
    for f in files:
        parquet = pq.ParquetFile(f)
        names = None if columns is None else [c for c in columns if c in parquet.schema_arrow.names]
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=names):
            if keep is not None:
                batch = keep(batch)
            rows += batch.to_pylist()
    return rows


def _of_documents(shown: set[str] | None):
    """keep= for records of one document: those of the documents shown (all if None)."""
    if shown is None:
        return None
    value_set = pa.array(sorted(shown), pa.string())
    return lambda batch: batch.filter(pc.is_in(batch.column("doc_id"), value_set=value_set))


def _of_alignments(shown: set[str] | None):
    """keep= for alignments: the kinds the page uses, between documents it shows."""
    kinds = pa.array([*SHOWN_ALIGNMENTS, "version"], pa.string())
    value_set = None if shown is None else pa.array(sorted(shown), pa.string())

    def keep(batch):
        mask = pc.is_in(batch.column("kind"), value_set=kinds)
        if value_set is not None:
            for side in ("doc_id_a", "doc_id_b"):
                doc = batch.column(side)
                mask = pc.and_(mask, pc.or_(pc.is_null(doc), pc.is_in(doc, value_set=value_set)))
        return batch.filter(mask)
    return keep


def _of_formulations(shown: set[str] | None):
    """keep= for formulations: those with an occurrence in a document shown,
    with only those occurrences (a formulation of the genre may occur in every
    document of the release)."""
    if shown is None:
        return None
    value_set = pa.array(sorted(shown), pa.string())

    def keep(batch):
        occurrences = batch.column("occurrences")
        flat = pc.list_flatten(occurrences)
        parents = pc.list_parent_indices(occurrences)
        on_page = pc.fill_null(pc.is_in(pc.struct_field(flat, "doc_id"), value_set=value_set), False)
        flat, parents = flat.filter(on_page), parents.filter(on_page)
        counts = np.bincount(parents.to_numpy(zero_copy_only=False), minlength=len(batch))
        offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]), pa.int32())
        column = pa.ListArray.from_arrays(offsets, flat, type=occurrences.type)
        batch = batch.set_column(batch.schema.get_field_index("occurrences"), "occurrences", column)
        return batch.filter(pa.array(counts > 0))
    return keep


def _iso(value):
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def _first(row: dict, *names):
    for name in names:
        if row.get(name) is not None:
            return row[name]
    return None


def _erratum(e: dict, doc_start: int = 0) -> dict:
    # The errata fields are read by meaning, under the names a sidecar may use.
    start = _first(e, "char_start", "start")
    end = _first(e, "char_end", "end")
    return {
        "start": start, "end": end,
        "published": _first(e, "published", "published_text", "published_form", "text"),
        "corrected": _first(e, "corrected", "intended", "intended_form", "correction"),
        "status": _first(e, "status", "confidence"),
        "evidence": _first(e, "evidence", "source", "note"),
    }


def _errata(doc: dict, paragraphs: list[dict], sentences: list[dict], text: str) -> list[dict]:
    """Every erratum of a document once, with offsets into its raw text."""
    found = []
    for row in [doc, *paragraphs, *sentences]:
        for e in row.get("errata") or []:
            if isinstance(e, dict):  # paragraphs and sentences may list only erratum ids
                found.append(_erratum(e))
    out, seen = [], set()
    for e in found:
        if (e["start"] is None or e["end"] is None) and e["published"]:
            at = text.find(e["published"])  # no offsets given: the published characters locate it
            if at >= 0:
                e["start"], e["end"] = at, at + len(e["published"])
        key = (e["start"], e["end"], e["published"])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return sorted(out, key=lambda e: (e["start"] if e["start"] is not None else -1, e["published"] or ""))


def _doc_text(paragraphs: list[dict], length: int, edits: list[dict] | None) -> str:
    """The raw text rebuilt from the records: the paragraphs' texts, the
    characters the cleaning edits removed at their places, and a line end in
    any other gap (between paragraphs), so that document offsets index it."""
    chars = ["\n"] * length
    for e in edits or []:
        chars[e["char_start"]:e["char_end"]] = e["removed"]
    for p in paragraphs:
        chars[p["char_start"]:p["char_end"]] = p["text"]
    return "".join(chars)


def _events(documents: list[dict], events: list[dict] | None) -> tuple[list[dict], str]:
    """The talks with their documents, and where they come from: the events
    config, else the documents' event_id, else the date in each doc_id."""
    by_doc = {d["doc_id"]: d for d in documents}
    if events:
        out = []
        for ev in events:
            members = []
            for m in ev.get("documents") or []:
                m = m if isinstance(m, dict) else {"doc_id": m}
                members.append({"doc_id": m["doc_id"], "role": _first(m, "role", "text_kind") or "",
                                "outlet": _first(m, "outlet", "publisher_en", "publisher") or "",
                                "version_of": _first(m, "version_of")})
            if not members:
                members = [{"doc_id": d["doc_id"], "role": "", "outlet": "", "version_of": None}
                           for d in documents if d.get("event_id") == ev["event_id"]]
            out.append({"event_id": ev["event_id"], "date": _iso(ev.get("date")),
                        "occasion": ev.get("occasion") or "", "occasion_en": ev.get("occasion_en") or "",
                        **{k: _iso(ev.get(k)) for k in EVENT_DETAILS},
                        "documents": members})
        source = "events"
    else:
        groups: dict[str, list[dict]] = {}
        for d in documents:
            groups.setdefault(d.get("event_id") or d["doc_id"][:10], []).append(d)
        out = [{"event_id": eid, "date": docs[0]["date"], "occasion": docs[0]["occasion"],
                "occasion_en": docs[0]["occasion_en"], **{k: None for k in EVENT_DETAILS},
                "documents": [{"doc_id": d["doc_id"], "role": "", "outlet": "", "version_of": None}
                              for d in docs]} for eid, docs in groups.items()]
        source = "documents.event_id" if all(d.get("event_id") for d in documents) else "doc_id"
    for ev in out:
        for m in ev["documents"]:
            d = by_doc.get(m["doc_id"], {})
            m["role"] = m["role"] or (ROLE_SPEECH if d.get("doc_type") == "speech_text" else ROLE_READOUT)
            m["outlet"] = m["outlet"] or d.get("publisher_en") or d.get("publisher") or ""
            m["version_of"] = m["version_of"] or d.get("version_of")
        ev["documents"].sort(key=lambda m: (m["role"] != ROLE_READOUT, m["doc_id"]))
    out.sort(key=lambda ev: (ev["date"] or "", ev["event_id"]))
    return out, source


def _version_pairs(events: list[dict], events_derived: bool) -> list[dict]:
    """Pairs of documents that are versions of one text: from ``version_of``,
    or, without it, two readouts of one talk (said to be an assumption)."""
    pairs = []
    for ev in events:
        declared = [(m["version_of"], m["doc_id"]) for m in ev["documents"] if m["version_of"]]
        if declared:
            pairs += [{"a": min(a, b), "b": max(a, b), "declared": True} for a, b in declared]
        elif events_derived:
            readouts = [m["doc_id"] for m in ev["documents"] if m["role"] == ROLE_READOUT]
            pairs += [{"a": a, "b": b, "declared": False}
                      for i, a in enumerate(readouts) for b in readouts[i + 1:]]
    unique = {(p["a"], p["b"]): p for p in pairs}
    return [unique[k] for k in sorted(unique)]


def _char_diff(a: str, b: str) -> list[list[int]]:
    """[start_a, end_a, start_b, end_b] of every difference between two texts."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [[i1, i2, j1, j2] for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _alignment(row: dict) -> dict:
    return {"id": row.get("alignment_id"), "kind": row["kind"],
            "a": [row.get("doc_id_a"), row.get("sentence_id_a"), row.get("char_start_a"), row.get("char_end_a")],
            "b": [row.get("doc_id_b"), row.get("sentence_id_b"), row.get("char_start_b"), row.get("char_end_b")],
            "score": row.get("score"), "method": row.get("method")}


def _formulation(row: dict) -> dict:
    occurrences = [[o["doc_id"], o.get("sentence_id"), o.get("char_start"), o.get("char_end"), _iso(o.get("date")),
                    o.get("speech_mode"), o.get("speaker")] for o in row.get("occurrences") or []]
    occurrences.sort(key=lambda o: (o[4] or "", o[0], o[2] if o[2] is not None else -1))
    return {"id": row["formulation_id"], "text": row["text"], "boilerplate": bool(row.get("boilerplate")),
            "rule": row.get("boilerplate_rule"), "first": _iso(row.get("first_date")),
            "last": _iso(row.get("last_date")), "n_events": row.get("n_events"),
            "n_documents": row.get("n_documents"), "occurrences": occurrences}


def _sentence(s: dict) -> dict:
    cue = None
    if s.get("reporting_cue") and s.get("cue_start") is not None:
        local = s["cue_start"] - s["char_start"], s["cue_end"] - s["char_start"]
        if s["text"][local[0]:local[1]] != s["reporting_cue"]:
            raise ValueError(f"{s['sentence_id']}: cue offsets {s['cue_start']}-{s['cue_end']} do not slice "
                             f"{s['reporting_cue']!r} out of the sentence")
        cue = list(local)
    return {"id": s["sentence_id"], "n": s["sentence_number"], "text": s["text"], "start": s["char_start"],
            "mode": s["speech_mode"], "seg": s["segment_type"], "speaker": s.get("speaker"),
            "speaker_en": s.get("speaker_en"), "cue": cue, "cue_text": s.get("reporting_cue")}


def _shown(events: list[dict], in_release: set[str], limit: int) -> tuple[list[dict], set[str] | None]:
    """The talks the page shows and their documents (None: all of them): the
    first talks in the reader's order, each with all its documents, as long as
    they come to at most ``limit`` documents; a first talk larger than that
    alone is shown with its first ``limit`` documents."""
    if len(in_release) <= limit:
        return events, None
    kept, shown = [], set()
    for ev in events:
        members = [m["doc_id"] for m in ev["documents"] if m["doc_id"] in in_release - shown]
        if len(shown) + len(members) > limit:
            if not kept:
                members = members[:limit]
                kept.append({**ev, "documents": [m for m in ev["documents"] if m["doc_id"] in members]})
                shown.update(members)
            break
        kept.append(ev)
        shown.update(members)
    return kept, shown


def build_model(staging: Path, max_documents: int | None = None) -> dict:
    """The reader's data from the staged release (see the module docstring):
    all of it, or, when the release has more than ``max_documents`` documents,
    the first talks up to that many and the records among them, with an
    ``excerpt`` entry that says what the page shows and what it leaves out."""
    max_documents = MAX_DOCUMENTS if max_documents is None else max_documents
    # What the choice of talks needs first: the documents' metadata, not their records.
    listed = read_config(staging, "documents", DOCUMENT_KEYS) or []
    all_events, events_source = _events([{k: _iso(v) for k, v in d.items()} for d in listed],
                                        read_config(staging, "events"))
    # The events config lists every talk of the registry, also those a
    # release of part of the corpus holds no document of: the page shows the
    # release's talks, and counts only them.
    all_events = [ev for ev in all_events if ev["documents"]]
    events, shown = _shown(all_events, {d["doc_id"] for d in listed}, max_documents)
    documents = read_config(staging, "documents", keep=_of_documents(shown)) or []
    paragraphs = read_config(staging, "paragraphs", keep=_of_documents(shown)) or []
    sentences = read_config(staging, "sentences", keep=_of_documents(shown)) or []
    alignments = read_config(staging, "alignments", keep=_of_alignments(shown))
    formulations = read_config(staging, "formulations", keep=_of_formulations(shown))
    event_of = {m["doc_id"]: (ev["event_id"], m) for ev in events for m in ev["documents"]}

    by_para: dict[str, list[dict]] = {}
    for s in sentences:
        by_para.setdefault(s["paragraph_id"], []).append(s)
    by_doc: dict[str, list[dict]] = {}
    for p in paragraphs:
        by_doc.setdefault(p["doc_id"], []).append(p)

    docs, texts = [], {}
    for d in sorted(documents, key=lambda d: (_iso(d["date"]), d["doc_id"])):
        paras = sorted(by_doc.get(d["doc_id"], []), key=lambda p: p["paragraph_number"])
        sents = [s for p in paras for s in sorted(by_para.get(p["paragraph_id"], []),
                                                   key=lambda s: s["sentence_number"])]
        texts[d["doc_id"]] = text = _doc_text(paras, d["source_chars"], d.get("edits"))
        event_id, member = event_of.get(d["doc_id"], (d["doc_id"][:10], {}))
        docs.append({
            "doc_id": d["doc_id"], "title": d["title"], "title_en": d.get("title_en"),
            "doc_type": d["doc_type"], "publisher": d["publisher"], "publisher_en": d.get("publisher_en"),
            "date": _iso(d["date"]), "publication_date": _iso(d.get("publication_date")),
            "speaker": d.get("speaker"), "speaker_en": d.get("speaker_en"),
            "event_id": event_id, "role": member.get("role"), "outlet": member.get("outlet"),
            "errata": _errata(d, paras, sents, text),
            "paragraphs": [{
                "id": p["paragraph_id"], "n": p["paragraph_number"], "seg": p["segment_type"],
                "mode": p["speech_mode"], "speaker": p.get("speaker"), "speaker_en": p.get("speaker_en"),
                "rule": p["annotation_rule"], "source": p["annotation_source"], "start": p["char_start"],
                "text": p["text"], "caption_date": _iso(p.get("caption_date")), "credit": p.get("photo_credit"),
                "sentences": [_sentence(s) for s in sorted(by_para.get(p["paragraph_id"], []),
                                                           key=lambda s: s["sentence_number"])],
            } for p in paras],
        })

    versions = _version_pairs(events, events_source != "events")
    if shown is not None:  # a version in a talk the page leaves out
        versions = [v for v in versions if {v["a"], v["b"]} <= shown]
    version_rows = [a for a in alignments or [] if a["kind"] == "version"]
    for pair in versions:
        rows = [a for a in version_rows if {a["doc_id_a"], a["doc_id_b"]} == {pair["a"], pair["b"]}]
        if alignments is not None:
            pair["source"] = "alignments"
            pair["diffs"] = sorted(
                ([a["char_start_a"], a["char_end_a"], a["char_start_b"], a["char_end_b"], a["text_a"], a["text_b"]]
                 if a["doc_id_a"] == pair["a"] else
                 [a["char_start_b"], a["char_end_b"], a["char_start_a"], a["char_end_a"], a["text_b"], a["text_a"]])
                for a in rows)
        else:
            pair["source"] = "reader-diff"
            ta, tb = texts.get(pair["a"], ""), texts.get(pair["b"], "")
            pair["diffs"] = [[sa, ea, sb, eb, ta[sa:ea], tb[sb:eb]] for sa, ea, sb, eb in _char_diff(ta, tb)]

    model = {
        "name": DATASET_NAME, "version": __version__, "citation": cite.apa().strip(),
        "bibtex": cite.bibtex().strip(),
        "events_source": events_source, "events": events, "documents": docs, "versions": versions,
        "alignments": None if alignments is None else sorted(
            (_alignment(a) for a in alignments if a["kind"] in SHOWN_ALIGNMENTS),
            key=lambda a: (a["kind"], str(a["a"]), str(a["b"]))),
        "formulations": None if formulations is None else sorted(
            # those used by most talks first
            (_formulation(f) for f in formulations),
            key=lambda f: (-(f["n_events"] or 0), f["first"] or "", f["text"], f["id"])),
    }
    if shown is not None:
        model["excerpt"] = {"limit": max_documents, "documents": len(docs), "documents_total": len(listed),
                            "events": len(events), "events_total": len(all_events),
                            "first": events[0]["date"] if events else None,
                            "last": events[-1]["date"] if events else None}
    model["heading"] = talks_heading(all_events, len(docs), model.get("excerpt"))
    return model
