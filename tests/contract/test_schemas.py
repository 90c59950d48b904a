"""The JSON Schemas: shared definitions written once, references that resolve
with the shipped files alone, and the mapping to Arrow."""
import json
import shutil

import jsonschema
import pyarrow as pa
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from acftu_talks.contract import schemas
from acftu_talks.contract.records import CONFIGS
from conftest import SCHEMA

FILES = sorted(p.name for p in SCHEMA.glob("*.schema.json"))


def json_schema(file):
    return json.loads((SCHEMA / file).read_text(encoding="utf-8"))


@pytest.mark.parametrize("file", FILES)
def test_schemas_are_strict_and_described(file):
    schema = json_schema(file)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:acftu-talks:schema:")
    Draft202012Validator.check_schema(schema)  # raises on an invalid schema

    def walk(node, path):
        if node.get("type") == "object" or "properties" in node:
            assert node.get("additionalProperties") is False, path
            for name, prop in node["properties"].items():
                assert prop.get("description"), f"{path}.{name} has no description"
                walk(prop, f"{path}.{name}")
        if "items" in node:
            walk(node["items"], path + "[]")
    walk(schema, file)


def _constraints(node, path, found):
    if isinstance(node, dict):
        for keyword in ("pattern", "enum"):
            if keyword in node:
                found.append((keyword, json.dumps(node[keyword]), path))
        for key, value in node.items():
            _constraints(value, f"{path}/{key}", found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            _constraints(value, f"{path}/{index}", found)
    return found


def test_no_pattern_or_enum_is_written_twice():
    found = []
    for file in FILES:
        _constraints(json_schema(file), file, found)
    seen = {}
    for keyword, value, path in found:
        assert (keyword, value) not in seen, f"{path} repeats {seen[(keyword, value)]}"
        seen[(keyword, value)] = path
    # the ids, dates and vocabularies live in defs.schema.json
    assert sum(path.startswith("defs.schema.json") for _, _, path in found) >= 10


def test_every_column_is_required():
    for config in CONFIGS.values():
        schema = json_schema(config.schema_file)
        assert schema["required"] == list(schema["properties"]), config.schema_file


def _shipped_validator(folder, file):
    """What the documentation tells users to do with the release's schema/."""
    loaded = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.schema.json"))]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in loaded)
    schema = json.loads((folder / file).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def test_rows_validate_with_the_shipped_schema_files_alone(release, tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(release / "schema", folder)  # nothing from the source tree
    rows = json.loads(json.dumps(_first_rows(release), default=str))
    for name, row in rows.items():
        validator = _shipped_validator(folder, CONFIGS[name].schema_file)
        assert list(validator.iter_errors(row)) == []
        assert not validator.is_valid({**row, "doc_id": "Not An Id"})
    assert not _shipped_validator(folder, "sentence.schema.json").is_valid({**rows["sentences"], "speech_mode": "mixed"})
    assert not _shipped_validator(folder, "paragraph.schema.json").is_valid({**rows["paragraphs"],
                                                                            "caption_date": "2023-02-30"})


def test_jsonschema_rs_resolves_the_same_references(release):
    jsonschema_rs = pytest.importorskip("jsonschema_rs")
    rows = json.loads(json.dumps(_first_rows(release), default=str))
    registry = jsonschema_rs.Registry([(s["$id"], s) for s in map(json_schema, FILES)])
    for name, row in rows.items():
        compiled = jsonschema_rs.validator_for(json_schema(CONFIGS[name].schema_file), registry=registry,
                                               validate_formats=True)
        assert compiled.is_valid(row) and not compiled.is_valid({**row, "doc_id": "Not An Id"})


def _first_rows(release):
    import pyarrow.parquet as pq
    return {name: pq.read_table(sorted((release / "data" / name).glob("*.parquet"))[0]).slice(0, 1).to_pylist()[0]
            for name in CONFIGS}


def test_a_missing_shared_definition_is_an_error_not_a_pass(tmp_path):
    (tmp_path / "one.schema.json").write_text(json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:x:one", "$ref": "urn:acftu-talks:schema:defs#/$defs/doc_id"}))
    with pytest.raises(jsonschema.exceptions._WrappedReferencingError):
        _shipped_validator(tmp_path, "one.schema.json").is_valid("x")


@pytest.mark.parametrize("node, expected", [
    ({"type": "string"}, (pa.string(), False)),
    ({"type": ["string", "null"]}, (pa.string(), True)),
    ({"type": "string", "format": "date"}, (pa.date32(), False)),
    ({"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}, (pa.date32(), True)),
    ({"type": "integer"}, (pa.int32(), False)),
    ({"type": "integer", "format": "int64"}, (pa.int64(), False)),
    ({"type": ["integer", "null"]}, (pa.int32(), True)),
    ({"type": "number"}, (pa.float64(), False)),
    ({"type": "boolean"}, (pa.bool_(), False)),
    ({"type": "array", "items": {"type": "string"}}, (pa.list_(pa.string()), False)),
    ({"type": "object", "properties": {"b": {"type": "integer"}, "a": {"type": ["string", "null"]}}},
     (pa.struct([pa.field("b", pa.int32(), nullable=False), pa.field("a", pa.string())]), False)),
])
def test_json_schema_to_arrow(node, expected):
    assert schemas.arrow_type(node) == expected


@pytest.mark.parametrize("node", [{}, {"type": ["string", "integer"]}, {"type": "what"},
                                  {"anyOf": [{"type": "string"}, {"type": "integer"}]}])
def test_no_arrow_type_for_an_ambiguous_property(node):
    with pytest.raises(ValueError, match="no Arrow type"):
        schemas.arrow_type(node)


def test_resolve_merges_the_reference_under_the_propertys_own_keywords():
    base = {"$defs": {"mode": {"type": "string", "enum": ["a", "b", "c"], "description": "shared"}}}
    got = schemas.resolve({"$ref": "#/$defs/mode", "not": {"const": "b"}, "description": "own"}, base)
    assert got == {"type": "string", "enum": ["a", "c"], "description": "own"}


def _python_block(text: str, after: str) -> str:
    return text.split(after, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("where, after, cwd", [
    ("README.md", "load every file of `schema/` into one registry", "release"),  # the card, in the release
    ("docs/data-format.md", "### Validating rows with the shipped schemas", "parent"),
])
def test_the_documented_validation_works_on_the_shipped_files(release, monkeypatch, where, after, cwd):
    from conftest import ROOT
    text = (release / where if where == "README.md" else ROOT / where).read_text(encoding="utf-8")
    code = _python_block(text, after)
    monkeypatch.chdir(release if cwd == "release" else release.parent)
    row = json.loads(json.dumps(_first_rows(release)["paragraphs"], default=str))
    exec(code, {"row": row})  # raises if the row does not validate
    with pytest.raises(jsonschema.ValidationError):
        exec(code, {"row": {**row, "speech_mode": "sung"}})


def test_the_jsonschema_rs_registry_is_built_once_per_folder():
    from acftu_talks.contract import schemas
    first = schemas.rs_registry(str(SCHEMA))
    if first is None:
        pytest.skip("no jsonschema-rs wheel here")
    assert schemas.rs_registry(str(SCHEMA)) is first
