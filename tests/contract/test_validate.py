"""validate.py: sidecars and records against the schemas, references to the
shared definitions resolved, problems located and described."""
from __future__ import annotations

import pytest

from acftu_talks.contract import validate
from conftest import SCHEMA
from test_assemble import META, built, source


def test_a_valid_sidecar_has_no_problem():
    assert validate.check_sidecar(META, "corpus/t.toml", {}, SCHEMA) == []


def test_a_pattern_error_is_described_by_the_propertys_own_description():
    lines = {("doc_id",): 1, ("doc_type",): 5, ("date", "value"): 9}
    problems = validate.check_sidecar({**META, "doc_id": "Talk 1", "doc_type": "speech",
                                       "date": {**META["date"], "value": "2018-02-30"}}, "corpus/t.toml", lines, SCHEMA)
    by_field = {p.where: p for p in problems}
    assert set(by_field) == {"doc_id", "doc_type", "date.value"}
    assert by_field["doc_id"].line == 1 and by_field["doc_id"].code == "meta.pattern"
    # the sidecar's description of doc_id, not the shared definition's
    assert by_field["doc_id"].message.startswith("'Talk 1' is not in the required form: Readable, stable, sortable")
    assert by_field["doc_type"].code == "meta.enum"
    assert by_field["doc_type"].hint == "use one of: speech_text, news_report, commentary, transcript"
    assert by_field["date.value"].message == "'2018-02-30' is not a real calendar date: February 2018 has 28 days"


def test_a_missing_table_is_asked_for_as_a_table():
    meta = {k: v for k, v in META.items() if k != "date"}
    [problem] = validate.check_sidecar(meta, "corpus/t.toml", {}, SCHEMA)
    assert (problem.where, problem.code) == ("date", "meta.required")
    assert problem.hint == "add a [date] table (see schema/sidecar.schema.json)"


@pytest.mark.parametrize("name, ok", [("2018-10-29-acftu-talk-xinhua", True), ("Talk 1", False),
                                      ("2018-10-29-" + "a" * 80, False)])
def test_file_name(name, ok):
    problems = validate.check_file_name(name, f"corpus/{name}.txt", SCHEMA)
    assert (problems == []) == ok
    if not ok:
        assert problems[0].code == "corpus.file-name"


def test_file_names_are_checked_against_the_doc_id_of_the_schema_folder_given(tmp_path):
    """The doc_id field is resolved once per schema folder: another folder's
    schema (a longer maxLength) is its own."""
    import json
    import shutil
    other = tmp_path / "schema"
    shutil.copytree(SCHEMA, other)
    sidecar = json.loads((other / "sidecar.schema.json").read_text(encoding="utf-8"))
    defs = json.loads((other / "defs.schema.json").read_text(encoding="utf-8"))
    assert validate._doc_id_field(str(SCHEMA)) == \
        validate.schemas.resolved("sidecar.schema.json", str(SCHEMA))["properties"]["doc_id"]
    name = "2018-10-29-" + "a" * 80
    assert validate.check_file_name(name, "x.txt", SCHEMA) != []
    limit = validate._doc_id_field(str(SCHEMA)).get("maxLength")
    assert limit is not None and limit < len(name)
    for document in (sidecar, defs):
        text = json.dumps(document).replace(f'"maxLength": {limit}', '"maxLength": 200')
        (other / ("sidecar" if document is sidecar else "defs")).with_suffix(".schema.json").write_text(text)
    assert validate.check_file_name(name, "x.txt", other) == []
    assert validate.check_file_name(name, "x.txt", SCHEMA) != []


def test_records_are_checked_with_their_id_and_field():
    result, _, _ = built(source())
    paragraphs = result.paragraphs
    assert validate.check_records(paragraphs, SCHEMA / "paragraph.schema.json", "corpus/t.txt", "paragraph_id") == []
    bad = [{**paragraphs[0], "speech_mode": "mixed?", "caption_date": "2018-02-30"}]
    problems = validate.check_records(bad, SCHEMA / "paragraph.schema.json", "corpus/t.txt", "paragraph_id")
    assert sorted(p.where for p in problems) == ["2018-10-29-t-xinhua.p001: caption_date",
                                                 "2018-10-29-t-xinhua.p001: speech_mode"]
    assert all(p.line == 1 for p in problems)
    sentence = {**result.sentences[0], "speech_mode": "mixed"}  # a paragraph's mode, never a sentence's
    [problem] = validate.check_records([sentence], SCHEMA / "sentence.schema.json", "corpus/t.txt", "sentence_id")
    assert problem.where.endswith(": speech_mode") and problem.code == "record.not"


def test_a_checker_explains_only_what_the_compiled_validator_rejects(tmp_path):
    from acftu_talks.contract.validate import Checker
    schema = {"type": "object", "required": ["date"], "additionalProperties": False,
              "properties": {"date": {"type": "string", "format": "date"}}}
    check = Checker(schema, SCHEMA)
    assert list(check.iter_errors({"date": "2023-10-23"})) == []
    assert check._exact is None  # nothing to explain: python-jsonschema was not needed
    messages = sorted(e.message for e in check.iter_errors({"date": "2023-02-30", "x": 1}))
    assert messages == ["'2023-02-30' is not a 'date'",
                        "Additional properties are not allowed ('x' was unexpected)"]
