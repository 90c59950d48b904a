"""Step 4: check sidecars and records against the JSON Schemas in ``schema/``.

Format checking is on, so an impossible date such as 2023-02-30 fails.
Every problem is returned, never only the first.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import fastcheck, schemas
from .. import sidecar as sidecar_lines
from ..errors import Problem
from .explain import explain

if TYPE_CHECKING:  # python-jsonschema is imported only when a sidecar or record fails
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SIDECAR_SCHEMA = "sidecar.schema.json"


load_schema = schemas.load


@lru_cache(maxsize=None)
def validator(schema_path: str) -> Draft202012Validator:
    """The python-jsonschema validator, built (and the schema checked, which
    takes a tenth of a second) only when a record needs its messages. Its
    references resolve to the schemas beside it (``defs.schema.json``).
    python-jsonschema itself is imported only then: a build whose records
    all pass never uses it, and importing it takes a tenth of a second."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = load_schema(schema_path)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker(),
                                registry=schemas.registry(str(Path(schema_path).parent)))


def _field(error: ValidationError) -> tuple[tuple, str]:
    """The path of the offending value, extended by the key a 'required' or
    'additionalProperties' error is about."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return path + (missing,), "missing required field"
    if error.validator == "additionalProperties":
        extra = error.message.split("'")[1] if "'" in error.message else ""
        return path + (extra,), error.message
    return path, error.message


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def check_sidecar(meta: dict, path: str, lines: dict, schema_dir: Path) -> list[Problem]:
    """Validate one sidecar; each problem names the line and the field and
    says how to fix it (see :mod:`acftu_talks.explain`)."""
    problems = []
    schema_path = str(schema_dir / SIDECAR_SCHEMA)
    fast = fastcheck.accepter(schema_path)
    if fast is not None and fast(meta):
        return problems
    described = schemas.resolved(SIDECAR_SCHEMA, str(schema_dir))
    for error in validator(schema_path).iter_errors(meta):
        for found in explain(error, f"schema/{SIDECAR_SCHEMA}", described):
            problems.append(Problem(path, sidecar_lines.line_of(lines, found.path), _dotted(found.path),
                                    found.message, found.code, found.hint))
    return problems


def check_file_name(doc_id: str, path: str, schema_dir: Path) -> list[Problem]:
    """A raw file's name is its doc_id: check it has the form the sidecar
    schema requires, before anything is named after it."""
    field = schemas.resolved(SIDECAR_SCHEMA, str(schema_dir))["properties"]["doc_id"]
    if re.fullmatch(field["pattern"], doc_id) and len(doc_id) <= field.get("maxLength", len(doc_id)):
        return []
    return [Problem(path, None, "file name", f"'{doc_id}' is not a valid doc_id: {field['description']}",
                    "corpus.file-name", "rename the raw file and its sidecar (lower-case letters, digits and "
                                        "dashes, e.g. 2018-10-29-acftu-talk-xinhua.txt and .toml)")]


def check_records(records, schema_file: Path, path: str, id_field: str) -> list[Problem]:
    """Validate records (dicts with ISO-string dates) against a record schema."""
    fast = fastcheck.accepter(str(schema_file))
    problems = []
    for record in records:
        if fast is not None and fast(record):
            continue  # only a "yes" from the fast validator is final
        # Built only when needed: checking the schema itself costs a start-up.
        for error in validator(str(schema_file)).iter_errors(record):
            field_path, message = _field(error)
            rid = record.get(id_field, "?") if isinstance(record, dict) else "?"
            problems.append(Problem(path, record.get("line_number") if isinstance(record, dict) else None,
                                    f"{rid}: {_dotted(field_path)}", message,
                                    f"record.{error.validator}"))
    return problems


class Checker:
    """``iter_errors`` of python-jsonschema for a schema given as a dict,
    asked only about instances the compiled validator rejects: a build whose
    inputs are all valid never imports python-jsonschema."""

    def __init__(self, schema: dict, schema_dir: Path):
        self.schema, self.schema_dir = schema, schema_dir
        self.accepts = fastcheck.compile_schema(schema, schema_dir)
        self._exact: Draft202012Validator | None = None

    def iter_errors(self, instance):
        if self.accepts is not None and self.accepts(instance):
            return iter(())
        if self._exact is None:
            from jsonschema import Draft202012Validator, FormatChecker
            self._exact = Draft202012Validator(self.schema, registry=schemas.registry(str(self.schema_dir)),
                                               format_checker=FormatChecker())
        return self._exact.iter_errors(instance)
