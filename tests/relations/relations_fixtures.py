"""Tiny documents for the relation tests, built from inline strings: one
sentence per text ending in 。, offsets into the raw text."""
from __future__ import annotations

from pathlib import Path

from acftu_talks.relations.corpus import Corpus, Doc, Sentence, read_staged

ROOT = Path(__file__).resolve().parents[2]


def doc(doc_id: str, raw: str, doc_type: str = "news_report", mode: str = "reported",
        artifacts: tuple = (), event_id: str | None = None) -> Doc:
    """A document whose sentences end at each 。 (a line break also ends one)."""
    sentences, start, number = [], 0, 0
    for i, ch in enumerate(raw):
        if ch in "。\n":
            end = i + 1 if ch == "。" else i
            while start < end and raw[start] in "\n ":
                start += 1
            if start < end:
                number += 1
                sentences.append(Sentence(f"{doc_id}.p001.s{number:02d}", doc_id, start, end, raw[start:end],
                                          "body", mode, "习近平" if mode in ("direct", "reported") else None,
                                          doc_id[:10]))
            start = i + 1
    return Doc(doc_id, event_id or doc_id[:10], doc_type, doc_id[:10], raw, sentences, artifacts)


def corpus(*docs: Doc) -> Corpus:
    return Corpus(docs)


def real_corpus(release: Path) -> Corpus:
    return read_staged(release, ROOT / "corpus")
