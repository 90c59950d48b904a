"""Schema errors explained in curators' terms (explain.py), table-driven."""
from __future__ import annotations

import datetime as dt

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from acftu_talks.contract.explain import explain

SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["doc_id", "kind"],
    "properties": {
        "doc_id": {"type": "string", "pattern": "^[a-z]+$", "description": "An id."},
        "kind": {"type": "string", "enum": ["speech", "report"], "description": "The kind."},
        "date": {"type": "string", "format": "date", "description": "A day."},
        "count": {"type": "integer", "description": "How many."},
        "table": {"type": "object", "description": "A table."},
    },
}


def explained(instance):
    errors = Draft202012Validator(SCHEMA, format_checker=FormatChecker()).iter_errors(instance)
    return sorted((e.path, e.message, e.code, e.hint) for error in errors for e in explain(error, "s.json"))


@pytest.mark.parametrize("instance, expected", [
    ({"doc_id": "a", "kind": "speech", "date": "2023-13-01"},
     [(("date",), "'2023-13-01' is not a real calendar date: there is no month 13", "meta.format-date",
       "use a real calendar date, YYYY-MM-DD")]),
    ({"doc_id": "a", "kind": "speech", "date": "2024-02-30"},
     [(("date",), "'2024-02-30' is not a real calendar date: February 2024 has 29 days", "meta.format-date",
       "use a real calendar date, YYYY-MM-DD")]),
    ({"doc_id": "a", "kind": "talk"},
     [(("kind",), "'talk' is not an allowed value", "meta.enum", "use one of: speech, report")]),
    ({"doc_id": "A1", "kind": "speech"},
     [(("doc_id",), "'A1' is not in the required form: An id.", "meta.pattern",
       "write it in the form described (pattern ^[a-z]+$)")]),
    ({"doc_id": "C:x", "kind": "speech"},
     [(("doc_id",), "'C:x' is a file path, not an id: records and files named after it could land outside "
       "the release folder", "meta.doc-id-path",
       "use the file name without .txt (lower-case letters, digits and dashes, e.g. 2018-10-29-acftu-talk-xinhua)")]),
    ({"doc_id": "a", "kind": "speech", "count": "3"},
     [(("count",), "'3' is text, but this field takes a whole number", "meta.type",
       "write a whole number without quotes, e.g. count = 3")]),
    ({"doc_id": "a", "kind": "speech", "date": dt.datetime(2023, 1, 2, 3, 4)},
     [(("date",), "2023-01-02T03:04:00 is a TOML date-time, but this field takes text", "meta.type",
       'put it in double quotes: date = "2023-01-02T03:04:00"')]),
    ({"doc_id": "a"},
     [(("kind",), "missing required field: The kind.", "meta.required", "add a kind = ... line (see s.json)")]),
    ({},
     [(("doc_id",), "missing required field: An id.", "meta.required", "add a doc_id = ... line (see s.json)"),
      (("kind",), "missing required field: The kind.", "meta.required", "add a kind = ... line (see s.json)")]),
])
def test_explained(instance, expected):
    assert explained(instance) == expected


def test_each_unknown_field_is_its_own_problem_with_a_suggestion_when_close():
    found = explained({"doc_id": "a", "kind": "speech", "cuont": 1, "zzz": 2})
    assert [(p, m) for p, m, _, _ in found] == [
        (("cuont",), "unknown field 'cuont'; did you mean 'count'?"), (("zzz",), "unknown field 'zzz'")]
    assert found[1][3] == ("remove it or correct its spelling; the fields allowed here are doc_id, kind, date, "
                           "count, table (s.json)")
