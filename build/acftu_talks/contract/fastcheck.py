"""A compiled validator that answers one question fast: is this record valid?

Validating every record with python-jsonschema costs more than everything else
in a build together. ``jsonschema-rs`` compiles the same schema and checks a
record in microseconds, but only its *yes* is trusted: a record it rejects is
checked again by python-jsonschema (see :mod:`acftu_talks.validate`), which
gives the messages and has the last word. So a build accepts and rejects
exactly what python-jsonschema does; ``tests/test_fastcheck.py`` shows that the
compiled validator never says yes where python-jsonschema says no, on the
project's schemas and on a table of bad records. Where the two are known to
differ (jsonschema-rs takes the date 0000-01-01, and 2.0 as an integer), the
fast path declines.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from . import schemas

try:
    import jsonschema_rs
except ImportError:  # no wheel for this platform: every record goes the slow, exact way
    jsonschema_rs = None


@lru_cache(maxsize=None)
def accepter(schema_path: str) -> Callable[[object], bool] | None:
    """A function that returns True only for instances valid against the
    schema at ``schema_path`` (format checks on), or None without jsonschema-rs."""
    return compile_schema(schemas.load(schema_path), Path(schema_path).parent)


@lru_cache(maxsize=None)
def list_accepter(schema_path: str) -> Callable[[object], bool] | None:
    """A function that returns True only for a list whose every item
    :func:`accepter` accepts (or None without jsonschema-rs): the compiled
    validator asked once about the list, as an array of items of that
    schema. A build asks it about each document's rows of a config: one
    call where there were a hundred cost a fifth of validating them."""
    schema = schemas.load(schema_path)
    if "$id" not in schema:
        return None
    array = {"$schema": schema.get("$schema", "https://json-schema.org/draft/2020-12/schema"),
             "type": "array", "items": {"$ref": schema["$id"]}}
    return compile_schema(array, Path(schema_path).parent)


def compile_schema(schema: dict, schema_dir: Path) -> Callable[[object], bool] | None:
    """:func:`accepter` for a schema given as a dict whose references
    resolve in ``schema_dir``."""
    if jsonschema_rs is None:
        return None
    compiled = jsonschema_rs.validator_for(schema, validate_formats=True,
                                           registry=schemas.rs_registry(str(schema_dir)))

    def accepts(instance: object) -> bool:
        try:
            if not compiled.is_valid(instance):
                return False
            if _plain(instance):
                return True  # what the two walks below answer for it, in one pass that builds nothing
            if _doubtful(instance):
                return False
            # 2.0 is an integer to JSON Schema, not to the exact validator:
            # nudged off the integer, a whole float still passes only where
            # the schema wants a number.
            nudged = _nudge(instance)
            return nudged is None or compiled.is_valid(nudged)
        except Exception:
            # A value JSON has no type for (a date object, a set, a huge int):
            # not for the fast path to judge.
            return False
    return accepts


# A string shaped like a date that Python's calendar has no day for: the
# compiled validator takes year 0000 as a date, python-jsonschema (and
# ``datetime.date``, which the build converts dates with) does not. A record
# holding one is never decided here, nor one holding a float.
_DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _doubtful(value: object) -> bool:
    """Whether ``value`` holds what the compiled validator is known to judge
    unlike the exact one: a date-shaped string with no calendar day."""
    if isinstance(value, str):
        if len(value) == 10 and _DATE_SHAPE.fullmatch(value):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return True
        return False
    if isinstance(value, dict):
        return any(_doubtful(v) for v in value.values())
    if isinstance(value, list):
        return any(_doubtful(v) for v in value)
    return False


def _plain(value: object) -> bool:
    """Whether ``value`` is plain JSON (dicts, lists, str, int, bool, None of
    exactly those types) with no float and no date-shaped string that lacks a
    calendar day: then :func:`_doubtful` is False and :func:`_nudge` None.
    False also where unsure (a float, another type): the two walks decide.

    Every record passes here, so it is one loop over a record's values
    (nested ones by recursion: records nest a level or two; a nesting deeper
    than Python's recursion limit raises, which ``accepts`` declines), and a
    day once found in the calendar is not looked up again."""
    kind = type(value)
    if kind is dict:
        values = value.values()
    elif kind is list:
        values = value
    else:
        return _plain([value])
    for v in values:
        kind = type(v)
        if kind is str:
            if len(v) == 10 and v not in _DAYS and _DATE_SHAPE.fullmatch(v):
                try:
                    dt.date.fromisoformat(v)
                except ValueError:
                    return False
                if len(_DAYS) < 4096:
                    _DAYS.add(v)
        elif kind is int or v is None or kind is bool:
            continue
        elif kind is dict or kind is list:
            if not _plain(v):
                return False
        else:
            return False
    return True


# Date-shaped strings found to be calendar days (a build's records repeat a few).
_DAYS: set[str] = set()


def _nudge(value):
    """``value`` with every whole float moved to the next float toward zero
    (0.0 up), so that it is no integer but stays within the same bounds; None
    when there is no whole float."""
    found = [False]

    def walk(v):
        if isinstance(v, float) and v.is_integer():
            found[0] = True
            return math.nextafter(v, 1.0 if v == 0 else 0.0)
        if isinstance(v, dict):
            return {k: walk(x) for k, x in v.items()}
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v
    nudged = walk(value)
    return nudged if found[0] else None
