"""The configs: one entry each, everything else derived from its schema."""
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from acftu_talks.contract import records
from acftu_talks.contract.records import CONFIGS, Config


def test_the_configs_and_their_keys():
    assert {name: (c.schema_file, c.key) for name, c in CONFIGS.items()} == {
        "paragraphs": ("paragraph.schema.json", "paragraph_id"),
        "sentences": ("sentence.schema.json", "sentence_id"),
        "documents": ("document.schema.json", "doc_id"),
        "events": ("event.schema.json", "event_id"),
        "persons": ("person.schema.json", "person_id"),
        "alignments": ("alignment.schema.json", "alignment_id"),
        "formulations": ("formulation.schema.json", "formulation_id"),
    }
    assert records.DEFAULT_CONFIG in CONFIGS


@pytest.mark.parametrize("config", list(CONFIGS))
def test_the_derived_arrow_schema_is_what_a_build_writes(release, config):
    """Columns, types, nullability, order and descriptions of the shipped
    Parquet files are the derived schema (the file-level metadata aside)."""
    paths = sorted((release / "data" / config).glob("*.parquet"))
    assert paths
    for path in paths:
        written = pq.read_schema(path)
        assert written.remove_metadata().equals(CONFIGS[config].arrow_schema.remove_metadata())
        # (Parquet names a list's item 'element' on reading back; types compare equal)
        assert [f.metadata for f in written] == [f.metadata for f in CONFIGS[config].arrow_schema]


# Written down independently of the schemas: what a reader of the release
# relies on for a few columns.
EXPECTED = {
    ("paragraphs", "paragraph_id"): (pa.string(), False),
    ("paragraphs", "paragraph_number"): (pa.int32(), False),
    ("paragraphs", "date"): (pa.date32(), False),
    ("paragraphs", "caption_date"): (pa.date32(), True),
    ("paragraphs", "speaker"): (pa.string(), True),
    ("sentences", "cue_start"): (pa.int32(), True),
    ("documents", "source_chars"): (pa.int64(), False),
    ("documents", "date_part_of_day"): (pa.string(), True),
    ("documents", "edits"): (pa.list_(pa.struct([
        pa.field("edit_number", pa.int32(), nullable=False), pa.field("kind", pa.string(), nullable=False),
        pa.field("line_number", pa.int32(), nullable=False), pa.field("char_start", pa.int32(), nullable=False),
        pa.field("char_end", pa.int32(), nullable=False), pa.field("removed", pa.string(), nullable=False),
        pa.field("paragraph_id", pa.string())])), False),
}


@pytest.mark.parametrize("config, column", sorted(EXPECTED))
def test_a_few_columns_have_the_expected_arrow_type(config, column):
    field = CONFIGS[config].arrow_schema.field(column)
    assert (field.type, field.nullable) == EXPECTED[(config, column)]


def test_column_order_is_the_schema_property_order():
    assert CONFIGS["sentences"].arrow_schema.names[:5] == ["sentence_id", "paragraph_id", "doc_id", "event_id",
                                                           "sentence_number"]
    assert CONFIGS["documents"].arrow_schema.names[-3:] == ["edits", "errata", "participants"]


def test_descriptions_are_the_properties_own_not_the_shared_definitions():
    described = CONFIGS["sentences"].descriptions
    assert described["doc_id"] == "Document id."
    assert CONFIGS["paragraphs"].arrow_schema.field("doc_id").metadata[b"description"].startswith(b"Document id: ")


def test_vocabularies():
    assert records.SEGMENT_TYPES == ("title", "byline", "dateline", "heading", "body", "photo_caption",
                                     "editor_note", "stage_direction", "boilerplate")
    assert records.SPEECH_MODES == ("direct", "reported", "mixed", "narration", "none")
    assert records.EDIT_KINDS == ("edge_whitespace", "carriage_return", "zero_width", "artifact", "blank_line")
    assert "photographer" in records.PARTICIPANT_ROLES
    # a sentence is never 'mixed'
    assert CONFIGS["sentences"].properties["speech_mode"]["enum"] == ["direct", "reported", "narration", "none"]


def test_a_key_must_be_a_field():
    with pytest.raises(ValueError, match="key nope"):
        Config("paragraphs", "paragraph.schema.json", "nope")


def test_a_config_is_registered_by_one_entry(tmp_path):
    (tmp_path / "defs.schema.json").write_text(json.dumps(
        {"$id": "urn:acftu-talks:schema:defs", "$defs": {"day": {"type": "string", "format": "date"}}}))
    (tmp_path / "event.schema.json").write_text(json.dumps(
        {"$id": "urn:x:event", "description": "One event.", "type": "object", "properties": {
            "event_id": {"type": "string", "description": "Id."},
            "day": {"anyOf": [{"$ref": "urn:acftu-talks:schema:defs#/$defs/day"}, {"type": "null"}],
                    "description": "Day."}}}))
    config = Config("events", "event.schema.json", "event_id", schema_dir=str(tmp_path))
    assert config.arrow_schema.remove_metadata().equals(pa.schema([
        pa.field("event_id", pa.string(), nullable=False), pa.field("day", pa.date32())]))
    assert config.descriptions == {"event_id": "Id.", "day": "Day."}


def test_the_data_format_lists_the_registered_configs():
    from conftest import ROOT
    text = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8").split("## Configs", 1)[1]
    rows = [line.split("|")[1:-1] for line in text.split("\n\n", 2)[1].splitlines()[2:]]
    listed = {cells[0].strip().split()[0].strip("`"): cells[2].strip().strip("`") for cells in rows}
    assert listed == {name: c.key for name, c in CONFIGS.items()}
    assert f"`{records.DEFAULT_CONFIG}` (default)" in text.split("\n\n", 2)[1]
