"""What a build produced, gathered document by document for the card, the
figure and the closing message."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..errors import Problem

# The document columns the card's per-document table shows: all a Summary
# keeps of a document.
CARD_FIELDS = ("doc_id", "event_id", "version_of", "doc_type", "date", "publication_date", "publisher_en",
               "n_paragraphs", "received_as", "original_url", "copy_repository", "copy_path", "copy_commit",
               "retrieved")
CARD_DOCUMENTS = 100  # documents listed one by one in the card


class Tally(NamedTuple):
    """What a :class:`Summary` keeps of one document."""

    row: dict  # CARD_FIELDS + body_paragraphs
    errata: list[dict]
    by_type: Counter
    by_doc: Counter
    overridden: list[str]
    sentences_by_doc: Counter
    chars_by_doc: Counter


def tally(built, listed: bool = True) -> Tally:
    """Count one document's records (an :class:`~acftu_talks.assemble.Built`);
    the per-document counts of the card's tables only if ``listed``."""
    row = {k: built.document[k] for k in CARD_FIELDS}
    row["body_paragraphs"] = 0
    doc_id = built.document["doc_id"]
    counted = Tally(row, [dict(e, doc_id=doc_id) for e in built.document["errata"]], Counter(), Counter(), [],
                    Counter(), Counter())
    for paragraph in built.paragraphs:
        counted.by_type[(paragraph["segment_type"], paragraph["speech_mode"])] += 1
        if listed:
            counted.by_doc[(paragraph["doc_id"], paragraph["segment_type"], paragraph["speech_mode"])] += 1
        row["body_paragraphs"] += paragraph["segment_type"] == "body"
        if paragraph["annotation_source"] == "override":
            counted.overridden.append(paragraph["paragraph_id"])
    for sentence in built.sentences if listed else ():
        counted.sentences_by_doc[(sentence["doc_id"], sentence["speech_mode"])] += 1
        counted.chars_by_doc[(sentence["doc_id"], sentence["speech_mode"])] += len(sentence["text"])
    return counted


@dataclass
class Summary:
    """Memory stays bounded as the corpus grows: counts, and for the first
    CARD_DOCUMENTS documents the short row of the card's per-document tables
    (a card listing thousands of documents would help no reader; the
    documents config has them all).
    """

    documents: list[dict] = field(default_factory=list)  # CARD_FIELDS + body_paragraphs
    counts: dict[str, int] = field(default_factory=Counter)
    nbytes: dict[str, int] = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)  # (segment_type, speech_mode) -> n
    by_doc: Counter = field(default_factory=Counter)  # (doc_id, segment_type, speech_mode) -> n
    sentences_by_doc: Counter = field(default_factory=Counter)  # (doc_id, speech_mode) -> n
    chars_by_doc: Counter = field(default_factory=Counter)  # (doc_id, speech_mode) -> characters of sentence text
    overridden: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    documents_not_listed: int = 0  # documents beyond CARD_DOCUMENTS
    previous: Path | None = None  # the release the release note compares with
    previous_given: bool = False  # named by the caller, not just the release being replaced
    errata: list[dict] = field(default_factory=list)  # every erratum, with its doc_id
    events: list[dict] = field(default_factory=list)  # the events config's rows, set by its release step
    # (doc_type, year of publication) of every document, listed or not: the card says when texts were published
    published: set = field(default_factory=set)
    persons_named: int | None = None  # registered people the texts name, set by the persons step

    def compare_with(self, previous: Path | None, out_dir: Path) -> None:
        """The release note compares with ``previous``, or by default with
        the release at ``out_dir`` when there is one."""
        from . import notes
        self.previous = previous if previous is not None else (out_dir if notes.is_release(out_dir) else None)
        self.previous_given = previous is not None

    def add(self, built) -> None:
        """Count one document's records (an :class:`~acftu_talks.assemble.Built`)."""
        self.add_tally(tally(built, listed=len(self.documents) < CARD_DOCUMENTS))

    def add_tally(self, counted: "Tally") -> None:
        """Count one document from its :func:`tally` (made where it was built,
        maybe in a worker process)."""
        self.errata += counted.errata
        self.published.add((counted.row["doc_type"], str(counted.row["publication_date"])[:4]))
        self.by_type.update(counted.by_type)
        self.overridden += counted.overridden
        if len(self.documents) < CARD_DOCUMENTS:
            self.by_doc.update(counted.by_doc)
            self.sentences_by_doc.update(counted.sentences_by_doc)
            self.chars_by_doc.update(counted.chars_by_doc)
            self.documents.append(counted.row)
        else:
            self.documents_not_listed += 1

    def close(self, sinks: dict, problems: list[Problem]) -> None:
        """The row counts and sizes of the written configs, and the warnings."""
        self.warnings = [p for p in problems if p.severity != "error"]
        self.counts = {name: sink.count for name, sink in sinks.items()}
        self.nbytes = {name: sink.nbytes for name, sink in sinks.items()}
        # the corpus-level configs (events, persons) add theirs in their release steps
