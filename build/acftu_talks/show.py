"""``acftu-talks show <doc_id>``: a document's paragraphs and sentences as a
table a curator reviews in a terminal: segment type, speech mode, speaker,
cue and rule, with the start of the text. Chinese characters take two
columns, so widths are counted as the terminal counts them."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from . import read
from .errors import InputError, Problem, raise_if_errors
from .registries import read_registries

COLUMNS = ("id", "segment", "mode", "speaker", "cue", "rule", "text")


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` terminal columns, with … if cut."""
    if width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        w = width(char)
        if used + w > limit - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def pad(text: str, size: int) -> str:
    return text + " " * (size - width(text))


def rows(built) -> list[tuple[str, ...]]:
    """One row per paragraph, followed by its sentences (ids indented)."""
    by_paragraph: dict[str, list[dict]] = {}
    for s in built.sentences:
        by_paragraph.setdefault(s["paragraph_id"], []).append(s)
    out = []
    for p in built.paragraphs:
        out.append((p["paragraph_id"].rsplit(".", 1)[1], p["segment_type"], p["speech_mode"], p["speaker"] or "",
                    "", p["annotation_rule"] + (" (override)" if p["annotation_source"] == "override" else ""),
                    p["text"]))
        for s in by_paragraph.get(p["paragraph_id"], []):
            out.append(("  " + s["sentence_id"].rsplit(".", 1)[1], "", s["speech_mode"], s["speaker"] or "",
                        s["reporting_cue"] or "", "", s["text"]))
    return out


def table(built, total_width: int = 160) -> str:
    """The document as an aligned text table no wider than ``total_width``."""
    body = rows(built)
    sizes = [max([width(c)] + [width(r[i]) for r in body]) for i, c in enumerate(COLUMNS[:-1])]
    used = sum(sizes) + 2 * len(sizes)
    text_width = max(8, total_width - used)  # the labels first: they are what a curator reviews
    lines = ["  ".join(pad(c, s) for c, s in zip(COLUMNS[:-1], sizes)) + "  text",
             "  ".join("-" * s for s in sizes) + "  " + "-" * min(text_width, 40)]
    for r in body:
        lines.append("  ".join(pad(c, s) for c, s in zip(r[:-1], sizes)) + "  " + clip(r[-1], text_width))
    doc = built.document
    head = (f"{doc['doc_id']}  {doc['doc_type']}  event {doc['event_id']} ({doc['date']})  "
            f"{doc['n_paragraphs']} paragraphs, {doc['n_sentences']} sentences")
    people = ", ".join(f"{p['name']} {p['role']}" for p in doc["participants"])
    errata = ", ".join(f"{e['erratum_id']} {e['published']}->{e['intended'] or '?'}" for e in doc["errata"])
    tail = [f"participants: {people or 'none'}"] + ([f"errata: {errata}"] if errata else [])
    return "\n".join([head, ""] + lines + [""] + tail) + "\n"


def built_document(doc_id: str, corpus_dir: Path, schema_dir: Path, root: Path):
    """One document's records, built as a build would; raises InputError."""
    from . import pipeline
    text_file, meta_file = corpus_dir / f"{doc_id}.txt", corpus_dir / f"{doc_id}.toml"
    if not (text_file.is_file() and meta_file.is_file()):
        raise InputError([Problem(read.display(corpus_dir, root), None, doc_id,
                                  f"no {doc_id}.txt with its {doc_id}.toml in this folder", "corpus.unknown-doc",
                                  "give a doc_id (the file name without .txt); `ls corpus/*.txt` lists them")])
    registries, problems = read_registries(corpus_dir, schema_dir, root)
    outcome = pipeline.process(text_file, meta_file, schema_dir, root, registries)
    raise_if_errors(problems + outcome.problems)
    return outcome.built
