"""Step 4: check sidecars and records against the JSON Schemas in ``schema/``.

Format checking is on, so an impossible date such as 2023-02-30 fails.
Every problem is returned, never only the first.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import fastcheck, schemas
from .. import sidecar as sidecar_lines
from ..errors import Problem, snippet
from .explain import explain

if TYPE_CHECKING:  # python-jsonschema is imported only when a sidecar or record fails
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SIDECAR_SCHEMA = "sidecar.schema.json"
DEFS_FILE = "defs.schema.json"  # the shared $defs the other schemas refer to


load_schema = schemas.load


@lru_cache(maxsize=None)
def exact_class():
    """python-jsonschema's draft 2020-12 validator, but for one thing: JSON
    Schema counts 2.0 as an integer; TOML and Python do not, and a
    paragraph_number of 2.0 cannot index anything. The exact validator takes
    only whole numbers written without a decimal point."""
    from jsonschema import Draft202012Validator, validators
    types = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda checker, value: isinstance(value, int) and not isinstance(value, bool))
    return validators.extend(Draft202012Validator, type_checker=types)


@lru_cache(maxsize=None)
def validator(schema_path: str) -> Draft202012Validator:
    """The exact validator (python-jsonschema, draft 2020-12, formats on,
    integers without a decimal point), which has the last word on every
    record; built (and the schema checked, which takes a tenth of a second)
    only when a record needs it. Its references resolve to the schemas
    beside it (``defs.schema.json``). python-jsonschema itself is imported
    only then: a build whose records all pass never uses it."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = load_schema(schema_path)
    Draft202012Validator.check_schema(schema)
    return exact_class()(schema, format_checker=FormatChecker(),
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


# Control characters (an ANSI escape colours a terminal, a NUL ends a C
# string) have no place in metadata a reader sees; tab and line end may be
# in a multi-line note.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _strings(value, path: tuple = ()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def check_control_characters(meta: dict, path: str, lines: dict) -> list[Problem]:
    """A problem for every sidecar string holding a control character."""
    problems = []
    for field_path, value in _strings(meta):
        match = _CONTROL.search(value)
        if match:
            problems.append(Problem(path, sidecar_lines.line_of(lines, field_path), _dotted(field_path),
                f"control character U+{ord(match.group()):04X} at character {match.start() + 1} of "
                f"{snippet(value)}", "meta.control-character",
                "delete it (an escape sequence or a NUL is never part of metadata); "
                "in TOML write a tab as \\t and a line end as \\n only in notes"))
    return problems


def check_sidecar(meta: dict, path: str, lines: dict, schema_dir: Path) -> list[Problem]:
    """Validate one sidecar; each problem names the line and the field and
    says how to fix it (see :mod:`acftu_talks.explain`)."""
    problems = check_control_characters(meta, path, lines)
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


@lru_cache(maxsize=None)
def _doc_id_field(schema_dir: str) -> dict:
    """The sidecar schema's doc_id property, resolved once per folder (the
    schemas are loaded once): resolving the whole schema for every document
    cost more than reading its sidecar's name."""
    return schemas.resolved(SIDECAR_SCHEMA, schema_dir)["properties"]["doc_id"]


def check_file_name(doc_id: str, path: str, schema_dir: Path) -> list[Problem]:
    """A raw file's name is its doc_id: check it has the form the sidecar
    schema requires, before anything is named after it."""
    field = _doc_id_field(str(schema_dir))
    if re.fullmatch(field["pattern"], doc_id) and len(doc_id) <= field.get("maxLength", len(doc_id)):
        return []
    return [Problem(path, None, "file name", f"'{doc_id}' is not a valid doc_id: {field['description']}",
                    "corpus.file-name", "rename the raw file and its sidecar (lower-case letters, digits and "
                                        "dashes, e.g. 2018-10-29-acftu-talk-xinhua.txt and .toml)")]


def check_records(records, schema_file: Path, path: str, id_field: str) -> list[Problem]:
    """Validate records (dicts with ISO-string dates) against a record schema."""
    every = fastcheck.list_accepter(str(schema_file)) if isinstance(records, list) and records else None
    if every is not None and every(records):
        return []  # each would pass alone: the yes of one question about all of them
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


def check_schemas(schema_dir: Path, root: Path) -> list[Problem]:
    """Every schema the build needs is a regular file holding a valid JSON
    Schema: a missing or broken one is reported, never a traceback."""
    from ..read import decode, display, kind_of, read_regular
    from .records import CONFIGS
    problems = []
    fix = "restore it from version control (`git checkout -- schema/`), or pass --schema the folder that holds it"
    for name in [DEFS_FILE, SIDECAR_SCHEMA] + [config.schema_file for config in CONFIGS.values()]:
        path = schema_dir / name
        shown = display(path, root, follow=False)
        try:
            data = read_regular(path)
        except FileNotFoundError:
            problems.append(Problem(shown, None, "file", "the schema is missing", "schema.missing", fix))
            continue
        except OSError as exc:
            kind = kind_of(path.lstat().st_mode) if path.is_symlink() or path.exists() else None
            problems.append(Problem(shown, None, "file", f"cannot be read: {kind or exc.strerror or exc}",
                                    "schema.unreadable", fix))
            continue
        text, found = decode(data, shown)
        if found:
            problems += found
            continue
        try:
            schema = json.loads(text)
        except ValueError as exc:
            problems.append(Problem(shown, getattr(exc, "lineno", None), "json",
                                    f"not valid JSON: {getattr(exc, 'msg', 'cannot be parsed')}", "schema.json", fix))
            continue
        try:
            # the compiled meta-schema check takes a millisecond, python's a
            # tenth of a second: only its "no" is asked for the message
            if not _meta_valid(schema):
                from jsonschema import Draft202012Validator
                Draft202012Validator.check_schema(schema)
        except Exception as exc:  # jsonschema.exceptions.SchemaError, imported only on failure
            if type(exc).__name__ != "SchemaError":
                raise
            where = ".".join(map(str, exc.absolute_path)) or "(schema)"
            problems.append(Problem(shown, None, where, f"not a valid JSON Schema: {exc.message[:200]}",
                                    "schema.invalid", fix))
            continue
        if name != DEFS_FILE and not isinstance(schema.get("properties"), dict):
            problems.append(Problem(shown, None, "properties", "the schema declares no properties",
                                    "schema.invalid", fix))
    return problems


def _meta_valid(schema) -> bool:
    meta = getattr(fastcheck.jsonschema_rs, "meta", None)
    if meta is None:
        return False
    try:
        return bool(meta.is_valid(schema))
    except Exception:
        return False


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
            from jsonschema import FormatChecker
            self._exact = exact_class()(self.schema, registry=schemas.registry(str(self.schema_dir)),
                                               format_checker=FormatChecker())
        return self._exact.iter_errors(instance)


def check_built(records: dict, meta_path: str, text_path: str, schema_dir: Path) -> list[Problem]:
    """Validate one document's records of every per-document config; a
    document row's problems are reported at its sidecar, the others at its text."""
    from .records import CONFIGS, DOCUMENT_CONFIGS
    problems: list[Problem] = []
    for name in DOCUMENT_CONFIGS:
        config = CONFIGS[name]
        where = meta_path if name == "documents" else text_path
        problems += check_records(records[name], schema_dir / config.schema_file, where, config.key)
    return problems
