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
    if jsonschema_rs is None:
        return None
    schema = schemas.load(schema_path)
    compiled = jsonschema_rs.validator_for(schema, validate_formats=True,
                                           registry=schemas.rs_registry(str(Path(schema_path).parent)))

    def accepts(instance: object) -> bool:
        try:
            return compiled.is_valid(instance) and not _doubtful(instance)
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
    unlike the exact one: a date-shaped string with no calendar day, or a
    float (2.0 is an integer to JSON Schema, not to the exact validator)."""
    if isinstance(value, float):
        return True
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
