"""Turn a JSON Schema validation error into a message a curator can act on.

``jsonschema``'s own messages are written for programmers ("datetime.date(2018,
10, 29) is not of type 'string'", "'2018-02-30' is not a 'date'"). Curators
edit TOML by hand; they need to know which field, what is wrong with it in
their terms, and what to type instead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError


@dataclass(frozen=True)
class Explained:
    path: tuple  # the offending field, e.g. ("date", "value")
    message: str
    code: str
    hint: str


_TOML_TYPES = ((dt.datetime, "a TOML date-time"), (dt.date, "a TOML date"), (dt.time, "a TOML time"),
               (bool, "true/false"), (int, "a number"), (float, "a number"), (str, "text"),
               (list, "a list"), (dict, "a table"))
_WANTED = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
           "array": "a list", "object": "a table", "null": "nothing"}


def _kind(value) -> str:
    for type_, name in _TOML_TYPES:
        if isinstance(value, type_):
            return name
    return type(value).__name__


def _key(path: tuple) -> str:
    return str(path[-1]) if path else "value"


def _type_hint(value, wanted, path: tuple) -> str:
    key = _key(path)
    if wanted == "string":
        shown = value.isoformat() if isinstance(value, (dt.date, dt.time)) else str(value)
        return f'put it in double quotes: {key} = "{shown}"'
    if wanted == "integer":
        return f"write a whole number without quotes, e.g. {key} = 3"
    return f"write {_WANTED.get(wanted, wanted)} here"


def _calendar_note(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return "it is not written YYYY-MM-DD"
    year, month, day = (int(x) for x in match.groups())
    if year == 0:
        return "there is no year 0000 (years start at 0001)"
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{dt.date(year, month, 1):%B %Y} has {days} days"
    return "it is not a calendar date"


def _looks_like_path(value) -> bool:
    return isinstance(value, str) and ("/" in value or "\\" in value or value.startswith(".")
                                       or re.match(r"^[A-Za-z]:", value) is not None)


def _described(error: ValidationError, described: dict | None) -> dict:
    """The schema node ``error`` is about, from the schema with its references
    resolved (``described``): a property's own description, not that of the
    shared definition it refers to."""
    node = error.schema if isinstance(error.schema, dict) else {}
    if described is None:
        return node
    found = described
    for part in list(error.absolute_schema_path)[:-1]:
        try:
            found = found[part]
        except (KeyError, IndexError, TypeError):
            return node
    return found if isinstance(found, dict) else node


def explain(error: ValidationError, schema_name: str, described: dict | None = None) -> list[Explained]:
    """One or more explained problems for ``error`` (an ``additionalProperties``
    error naming several unknown fields becomes one per field); ``described``
    is the schema with its references resolved, for descriptions."""
    path = tuple(error.absolute_path)
    schema = _described(error, described)
    description = schema.get("description", "")
    kind = error.validator
    if kind == "required":
        # One error per missing field; jsonschema names it only in its message.
        name = error.message.split("'")[1] if "'" in error.message else "?"
        about = schema.get("properties", {}).get(name, {})
        wanted = "[" + name + "] table" if about.get("type") == "object" else f"{name} = ... line"
        return [Explained(path + (name,), f"missing required field: {about.get('description', name)}",
                          "meta.required", f"add a {wanted} (see {schema_name})")]
    if kind == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        out = []
        for extra in sorted(k for k in error.instance if k not in allowed):
            close = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            message = f"unknown field '{extra}'" + (f"; did you mean '{close[0]}'?" if close else "")
            hint = (f"rename it to {close[0]} (fields are described in {schema_name})" if close else
                    f"remove it or correct its spelling; the fields allowed here are {', '.join(allowed)} "
                    f"({schema_name})")
            out.append(Explained(path + (extra,), message, "meta.unknown-field", hint))
        return out
    if kind == "format" and error.validator_value == "date":
        return [Explained(path, f"'{error.instance}' is not a real calendar date: {_calendar_note(error.instance)}",
                          "meta.format-date", "use a real calendar date, YYYY-MM-DD")]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        shown = error.instance.isoformat() if isinstance(error.instance, (dt.date, dt.time)) else repr(error.instance)
        return [Explained(path, f"{shown} is {_kind(error.instance)}, but this field takes {_WANTED.get(wanted, wanted)}",
                          "meta.type", _type_hint(error.instance, wanted, path))]
    if kind == "pattern" and path == ("doc_id",) and _looks_like_path(error.instance):
        return [Explained(path, f"'{error.instance}' is a file path, not an id: records and files named after it "
                                "could land outside the release folder",
                          "meta.doc-id-path", "use the file name without .txt (lower-case letters, digits and "
                                              "dashes, e.g. 2018-10-29-acftu-talk-xinhua)")]
    if kind == "pattern":
        return [Explained(path, f"'{error.instance}' is not in the required form: {description}",
                          "meta.pattern", f"write it in the form described (pattern {error.validator_value})")]
    if kind == "enum":
        return [Explained(path, f"{error.instance!r} is not an allowed value",
                          "meta.enum", "use one of: " + ", ".join(map(str, error.validator_value)))]
    return [Explained(path, error.message, f"meta.{kind}",
                      f"see {schema_name}: {description}" if description else f"see {schema_name}")]
