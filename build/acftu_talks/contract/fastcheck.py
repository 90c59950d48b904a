"""A compiled validator that answers one question fast: is this record valid?

Validating every record with python-jsonschema costs more than everything else
in a build together. ``jsonschema-rs`` compiles the same schema and checks a
record in microseconds, but only its *yes* is trusted: a record it rejects is
checked again by python-jsonschema (see :mod:`acftu_talks.validate`), which
gives the messages and has the last word. So a build accepts and rejects
exactly what python-jsonschema does; ``tests/test_fastcheck.py`` shows that the
compiled validator never says yes where python-jsonschema says no, on the
project's schemas and on a table of bad records.
"""
from __future__ import annotations

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


def compile_schema(schema: dict, schema_dir: Path) -> Callable[[object], bool] | None:
    """:func:`accepter` for a schema given as a dict whose references
    resolve in ``schema_dir``."""
    if jsonschema_rs is None:
        return None
    compiled = jsonschema_rs.validator_for(schema, validate_formats=True,
                                           registry=schemas.rs_registry(str(schema_dir)))

    def accepts(instance: object) -> bool:
        try:
            return compiled.is_valid(instance)
        except Exception:
            # A value JSON has no type for (a date object, a set, a huge int):
            # not for the fast path to judge.
            return False
    return accepts
