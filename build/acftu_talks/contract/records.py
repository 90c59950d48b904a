"""The configs of the release and the vocabularies, derived from the schemas.

A config is registered by one entry (its name, its JSON Schema, its key); its
Arrow schema, column descriptions and resolved properties come from that
schema at import. Records themselves are plain dicts (cheap to build,
validate and write) checked against the schema by the validate step; dates
are ISO strings until they are written as Arrow ``date32``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from . import schemas

# Records are dicts that follow the schema of their config.
Paragraph = Sentence = Document = Edit = Participant = dict[str, Any]

SEGMENT_TYPES = schemas.vocabulary("segment_type")
SPEECH_MODES = schemas.vocabulary("speech_mode")
PARTICIPANT_ROLES = schemas.vocabulary("participant_role")
EDIT_KINDS = schemas.vocabulary("edit_kind")


@dataclass(frozen=True)
class Config:
    """One config of the release: ``data/<name>/`` holds its rows."""

    name: str
    schema_file: str  # in schema/
    key: str  # the column that identifies a row
    schema_dir: str = field(default=str(schemas.SCHEMA_DIR), repr=False, compare=False)
    schema: dict = field(init=False, repr=False, compare=False)  # resolved JSON Schema
    arrow_schema: pa.Schema = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        resolved = schemas.resolved(self.schema_file, self.schema_dir)
        object.__setattr__(self, "schema", resolved)
        object.__setattr__(self, "arrow_schema", schemas.arrow_schema(resolved))
        if self.key not in resolved["properties"]:
            raise ValueError(f"config {self.name}: key {self.key} is not a field of {self.schema_file}")

    @property
    def properties(self) -> dict[str, dict]:
        return self.schema["properties"]

    @property
    def description(self) -> str:
        return self.schema["description"]

    @property
    def descriptions(self) -> dict[str, str]:
        return {name: prop["description"] for name, prop in self.properties.items()}


CONFIGS = {c.name: c for c in (
    Config("paragraphs", "paragraph.schema.json", "paragraph_id"),
    Config("sentences", "sentence.schema.json", "sentence_id"),
    Config("documents", "document.schema.json", "doc_id"),
    Config("events", "event.schema.json", "event_id"),
    Config("persons", "person.schema.json", "person_id"),
    Config("alignments", "alignment.schema.json", "alignment_id"),
    Config("formulations", "formulation.schema.json", "formulation_id"),
)}
# Configs derived from the staged records of the whole corpus by a release
# step (release/finish.py), not written document by document.
CORPUS_CONFIGS = ("events", "persons", "alignments", "formulations")
DEFAULT_CONFIG = "paragraphs"
# The configs streamed document by document by the pipeline.
DOCUMENT_CONFIGS = tuple(name for name in CONFIGS if name not in CORPUS_CONFIGS)
