"""The record contract is stated three times; these tests keep them in step."""
import json
import typing

import pyarrow as pa
from jsonschema import Draft202012Validator
import pytest

from acftu_talks.contract.records import CONFIGS
from conftest import SCHEMA

JSON_TO_ARROW = {"string": pa.string(), "integer": (pa.int32(), pa.int64())}


def json_schema(file):
    return json.loads((SCHEMA / file).read_text(encoding="utf-8"))


@pytest.mark.parametrize("config", list(CONFIGS))
def test_same_fields_in_the_same_order(config):
    record_type, arrow_schema, file = CONFIGS[config]
    props = json_schema(file)["properties"]
    assert list(props) == arrow_schema.names == list(typing.get_type_hints(record_type))


@pytest.mark.parametrize("config", list(CONFIGS))
def test_nullability_and_types_agree(config):
    record_type, arrow_schema, file = CONFIGS[config]
    schema = json_schema(file)
    hints = typing.get_type_hints(record_type)
    for field in arrow_schema:
        prop = schema["properties"][field.name]
        types = prop["type"] if isinstance(prop["type"], list) else [prop["type"]]
        assert ("null" in types) == field.nullable, field.name
        assert (type(None) in typing.get_args(hints[field.name])) == field.nullable, field.name
        assert field.name in schema["required"]
        main = [t for t in types if t != "null"][0]
        if main == "string" and prop.get("format") == "date":
            assert field.type == pa.date32(), field.name
        elif main == "string":
            assert field.type == pa.string(), field.name
        elif main == "integer":
            assert field.type in (pa.int32(), pa.int64()), field.name
        elif main == "boolean":
            assert field.type == pa.bool_(), field.name
        elif main == "array":
            assert pa.types.is_list(field.type), field.name
            item = prop["items"]
            if item.get("type") == "object":
                assert [f.name for f in field.type.value_type] == list(item["properties"]), field.name


@pytest.mark.parametrize("file", sorted(p.name for p in SCHEMA.glob("*.schema.json")))
def test_schemas_are_strict_and_described(file):
    schema = json_schema(file)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
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


def _enums(node, found):
    if isinstance(node, dict):
        if "enum" in node:
            found.add(tuple(v for v in node["enum"] if v is not None))
        for value in node.values():
            _enums(value, found)
    elif isinstance(node, list):
        for value in node:
            _enums(value, found)
    return found


def test_the_vocabularies_in_python_are_the_schemas_enums():
    from acftu_talks.contract.records import EDIT_KINDS, PARTICIPANT_ROLES, SEGMENT_TYPES, SPEECH_MODES
    found = set()
    for file in ("paragraph.schema.json", "document.schema.json", "sentence.schema.json"):
        _enums(json_schema(file), found)
    for vocabulary in (SEGMENT_TYPES, SPEECH_MODES, EDIT_KINDS, PARTICIPANT_ROLES):
        assert vocabulary in found, vocabulary
