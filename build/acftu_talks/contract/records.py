"""The record contract in Python: typed dicts and the explicit Arrow schemas.

The JSON Schemas in ``schema/`` are the canonical contract; these types mirror
them field for field, and ``tests/test_records.py`` fails if the three drift.
Records are plain dicts (cheap to build, validate and write); dates are ISO
strings until they are written as Arrow ``date32``.
"""
from __future__ import annotations

from typing import Optional, TypedDict

import pyarrow as pa

SEGMENT_TYPES = ("title", "byline", "dateline", "heading", "body", "photo_caption", "editor_note")
SPEECH_MODES = ("direct", "reported", "mixed", "narration", "none")
PARTICIPANT_ROLES = ("speaker", "attended", "reported", "spoke", "presided", "photographer")
EDIT_KINDS = ("edge_whitespace", "carriage_return", "zero_width", "artifact", "blank_line")


class Edit(TypedDict):
    edit_number: int
    kind: str
    line_number: int
    char_start: int
    char_end: int
    removed: str
    paragraph_id: Optional[str]


class Participant(TypedDict):
    name: str
    name_en: Optional[str]
    role: str
    role_source: str
    evidence: Optional[str]
    position_en: Optional[str]


class Paragraph(TypedDict):
    paragraph_id: str
    doc_id: str
    paragraph_number: int
    line_number: int
    text: str
    segment_type: str
    speech_mode: str
    speaker: Optional[str]
    speaker_en: Optional[str]
    date: str
    occasion: str
    doc_type: str
    char_start: int
    char_end: int
    caption_date: Optional[str]
    photo_credit: Optional[str]
    annotation_source: str
    annotation_rule: str


class Sentence(TypedDict):
    sentence_id: str
    paragraph_id: str
    doc_id: str
    sentence_number: int
    text: str
    char_start: int
    char_end: int
    segment_type: str
    speech_mode: str
    speaker: Optional[str]
    speaker_en: Optional[str]
    reporting_cue: Optional[str]
    cue_start: Optional[int]
    cue_end: Optional[int]
    date: str


class Document(TypedDict):
    doc_id: str
    doc_type: str
    title: str
    title_source: str
    title_en: str
    title_en_source: str
    language: str
    speaker: str
    speaker_en: str
    occasion: str
    occasion_en: str
    venue: str
    venue_en: str
    context_en: Optional[str]
    date: str
    date_precision: str
    date_part_of_day: Optional[str]
    date_source: str
    date_source_detail: str
    date_evidence: Optional[str]
    publication_date: str
    publication_date_precision: str
    publication_date_source: str
    publication_date_source_detail: str
    publication_date_evidence: Optional[str]
    publisher: str
    publisher_en: str
    publication_issue: Optional[str]
    publication_issue_en: Optional[str]
    source_file: str
    received_as: str
    provenance_en: Optional[str]
    source_sha256: str
    source_chars: int
    n_paragraphs: int
    n_overridden: int
    n_sentences: int
    edits: list[Edit]
    participants: list[Participant]


def _f(name: str, type_: pa.DataType, nullable: bool = False) -> pa.Field:
    return pa.field(name, type_, nullable=nullable)


_S, _I, _D = pa.string(), pa.int32(), pa.date32()

EDIT_TYPE = pa.struct([
    _f("edit_number", _I), _f("kind", _S), _f("line_number", _I),
    _f("char_start", _I), _f("char_end", _I), _f("removed", _S),
    _f("paragraph_id", _S, True),
])

PARTICIPANT_TYPE = pa.struct([
    _f("name", _S), _f("name_en", _S, True), _f("role", _S), _f("role_source", _S),
    _f("evidence", _S, True), _f("position_en", _S, True),
])

PARAGRAPH_SCHEMA = pa.schema([
    _f("paragraph_id", _S), _f("doc_id", _S), _f("paragraph_number", _I),
    _f("line_number", _I), _f("text", _S), _f("segment_type", _S),
    _f("speech_mode", _S), _f("speaker", _S, True), _f("speaker_en", _S, True),
    _f("date", _D), _f("occasion", _S), _f("doc_type", _S),
    _f("char_start", _I), _f("char_end", _I), _f("caption_date", _D, True),
    _f("photo_credit", _S, True), _f("annotation_source", _S),
    _f("annotation_rule", _S),
])

SENTENCE_SCHEMA = pa.schema([
    _f("sentence_id", _S), _f("paragraph_id", _S), _f("doc_id", _S),
    _f("sentence_number", _I), _f("text", _S), _f("char_start", _I), _f("char_end", _I),
    _f("segment_type", _S), _f("speech_mode", _S), _f("speaker", _S, True),
    _f("speaker_en", _S, True), _f("reporting_cue", _S, True), _f("cue_start", _I, True),
    _f("cue_end", _I, True), _f("date", _D),
])

DOCUMENT_SCHEMA = pa.schema([
    _f("doc_id", _S), _f("doc_type", _S), _f("title", _S), _f("title_source", _S),
    _f("title_en", _S), _f("title_en_source", _S), _f("language", _S),
    _f("speaker", _S), _f("speaker_en", _S), _f("occasion", _S),
    _f("occasion_en", _S), _f("venue", _S), _f("venue_en", _S),
    _f("context_en", _S, True), _f("date", _D), _f("date_precision", _S),
    _f("date_part_of_day", _S, True), _f("date_source", _S),
    _f("date_source_detail", _S), _f("date_evidence", _S, True),
    _f("publication_date", _D), _f("publication_date_precision", _S),
    _f("publication_date_source", _S), _f("publication_date_source_detail", _S),
    _f("publication_date_evidence", _S, True), _f("publisher", _S),
    _f("publisher_en", _S), _f("publication_issue", _S, True),
    _f("publication_issue_en", _S, True), _f("source_file", _S),
    _f("received_as", _S), _f("provenance_en", _S, True), _f("source_sha256", _S), _f("source_chars", pa.int64()),
    _f("n_paragraphs", _I), _f("n_overridden", _I), _f("n_sentences", _I),
    _f("edits", pa.list_(EDIT_TYPE)), _f("participants", pa.list_(PARTICIPANT_TYPE)),
])

class Alignment(TypedDict):
    alignment_id: str
    kind: str
    op: Optional[str]
    event_id_a: str
    event_id_b: str
    doc_id_a: str
    sentence_id_a: Optional[str]
    char_start_a: int
    char_end_a: int
    text_a: str
    doc_id_b: str
    sentence_id_b: Optional[str]
    char_start_b: Optional[int]
    char_end_b: Optional[int]
    text_b: Optional[str]
    artifact: Optional[bool]
    score: Optional[float]
    method: str
    method_version: str


class Occurrence(TypedDict):
    doc_id: str
    sentence_id: str
    char_start: int
    char_end: int
    date: str
    speech_mode: str
    speaker: Optional[str]


class Formulation(TypedDict):
    formulation_id: str
    text: str
    boilerplate: bool
    boilerplate_rule: str
    occurrences: list[Occurrence]
    event_ids: list[str]
    first_date: str
    last_date: str
    n_events: int
    n_documents: int


ALIGNMENT_SCHEMA = pa.schema([
    _f("alignment_id", _S), _f("kind", _S), _f("op", _S, True), _f("event_id_a", _S), _f("event_id_b", _S),
    _f("doc_id_a", _S), _f("sentence_id_a", _S, True), _f("char_start_a", _I), _f("char_end_a", _I),
    _f("text_a", _S), _f("doc_id_b", _S), _f("sentence_id_b", _S, True), _f("char_start_b", _I, True),
    _f("char_end_b", _I, True), _f("text_b", _S, True), _f("artifact", pa.bool_(), True),
    _f("score", pa.float64(), True), _f("method", _S), _f("method_version", _S),
])

OCCURRENCE_TYPE = pa.struct([
    _f("doc_id", _S), _f("sentence_id", _S), _f("char_start", _I), _f("char_end", _I), _f("date", _D),
    _f("speech_mode", _S), _f("speaker", _S, True),
])

FORMULATION_SCHEMA = pa.schema([
    _f("formulation_id", _S), _f("text", _S), _f("boilerplate", pa.bool_()), _f("boilerplate_rule", _S),
    _f("occurrences", pa.list_(OCCURRENCE_TYPE)), _f("event_ids", pa.list_(_S)), _f("first_date", _D),
    _f("last_date", _D), _f("n_events", _I), _f("n_documents", _I),
])

# config name -> (record type, Arrow schema, JSON Schema file name)
CONFIGS = {
    "paragraphs": (Paragraph, PARAGRAPH_SCHEMA, "paragraph.schema.json"),
    "sentences": (Sentence, SENTENCE_SCHEMA, "sentence.schema.json"),
    "documents": (Document, DOCUMENT_SCHEMA, "document.schema.json"),
    "alignments": (Alignment, ALIGNMENT_SCHEMA, "alignment.schema.json"),
    "formulations": (Formulation, FORMULATION_SCHEMA, "formulation.schema.json"),
}
# Configs derived from the staged records of the whole corpus by a release
# step (release/finish.py), not written document by document.
CORPUS_CONFIGS = ("alignments", "formulations")
DEFAULT_CONFIG = "paragraphs"
