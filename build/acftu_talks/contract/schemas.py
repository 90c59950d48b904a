"""The JSON Schemas in ``schema/``, loaded once, and what is derived from them.

The schemas are the one statement of the record contract. Shared pieces (ids,
dates, every vocabulary) are ``$defs`` of ``defs.schema.json``, which the
other files name by its ``$id``, ``urn:acftu-talks:schema:defs``; a validator
resolves those references through a registry holding every file of the
folder (:func:`registry` for python-jsonschema, :func:`rs_registry` for
jsonschema-rs), never over the network.

From the schemas this module derives, at import, the Arrow type of a
property (:func:`arrow_schema`), the vocabularies (:func:`vocabulary`) and the
column descriptions. Mapping of JSON Schema to Arrow:

- ``string`` -> string, or date32 with ``format: date``;
- ``integer`` -> int32, or int64 with ``format: int64``; ``number`` ->
  float64; ``boolean`` -> bool;
- ``object`` -> struct of its ``properties`` in order; ``array`` -> list of
  its ``items``;
- nullable when ``type`` lists ``null`` or an ``anyOf`` branch is ``null``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

DEFS_ID = "urn:acftu-talks:schema:defs"
DEFS_FILE = "defs.schema.json"  # the file whose $id that is


def _schema_dir() -> Path:
    """``schema/`` of the source tree, or its copy inside an installed wheel."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "schema", here.parent.parent / "schema"):
        if (candidate / DEFS_FILE).is_file():
            return candidate
    raise FileNotFoundError(f"no schema/defs.schema.json beside {here} or in the source tree")


SCHEMA_DIR = _schema_dir()


@lru_cache(maxsize=None)
def load(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def folder(schema_dir: str) -> dict[str, dict]:
    """Every schema of the folder, by its ``$id``."""
    found = {}
    for path in sorted(Path(schema_dir).glob("*.schema.json")):
        schema = load(str(path))
        found[schema.get("$id", path.resolve().as_uri())] = schema
    return found


@lru_cache(maxsize=None)
def registry(schema_dir: str):
    """A python-jsonschema (``referencing``) registry of the folder's schemas,
    imported only when python-jsonschema is needed."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [(uri, Resource.from_contents(schema, default_specification=DRAFT202012))
                 for uri, schema in folder(schema_dir).items()]
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def rs_registry(schema_dir: str):
    """The same registry for jsonschema-rs (``None`` without it), built once
    per folder like the schemas it holds: a build compiles eight validators."""
    try:
        import jsonschema_rs
    except ImportError:
        return None
    return jsonschema_rs.Registry(list(folder(schema_dir).items()))


def _lookup(ref: str, base: dict, schema_dir: str) -> tuple[dict, dict]:
    """The schema node ``ref`` names and the document it is in."""
    uri, _, pointer = ref.partition("#")
    document = folder(schema_dir)[uri] if uri else base
    node = document
    for part in filter(None, pointer.split("/")):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node, document


def resolve(node: dict, base: dict, schema_dir: str = str(SCHEMA_DIR)) -> dict:
    """``node`` with every ``$ref`` replaced by what it names (the node's own
    keywords win), recursively through ``properties``, ``items`` and ``anyOf``.
    A ``not: {const: x}`` beside an ``enum`` takes ``x`` out of the enum."""
    node = dict(node)
    while "$ref" in node:
        target, base = _lookup(node.pop("$ref"), base, schema_dir)
        node = {**target, **node}
    if "enum" in node and "const" in node.get("not", {}):
        node["enum"] = [v for v in node["enum"] if v != node["not"]["const"]]
        del node["not"]
    if "properties" in node:
        node["properties"] = {k: resolve(v, base, schema_dir) for k, v in node["properties"].items()}
    if "items" in node:
        node["items"] = resolve(node["items"], base, schema_dir)
    if "anyOf" in node:
        node["anyOf"] = [resolve(v, base, schema_dir) for v in node["anyOf"]]
    return node


def resolved(schema_file: str, schema_dir: str = str(SCHEMA_DIR)) -> dict:
    """A schema file with its references resolved (for reading, not validating)."""
    schema = load(str(Path(schema_dir) / schema_file))
    return resolve(schema, schema, schema_dir)


def _types(node: dict) -> tuple[dict, bool]:
    """The non-null form of a property and whether it may be null."""
    if "anyOf" in node:
        branches = [b for b in node["anyOf"] if b.get("type") != "null"]
        if len(branches) != 1:
            raise ValueError(f"no Arrow type for anyOf {node['anyOf']}")
        inner, _ = _types(branches[0])
        return inner, len(branches) < len(node["anyOf"])
    kinds = node.get("type")
    kinds = [kinds] if isinstance(kinds, str) else list(kinds or [])
    nullable = "null" in kinds
    kinds = [k for k in kinds if k != "null"]
    if len(kinds) != 1:
        raise ValueError(f"no Arrow type for JSON type {node.get('type')!r}")
    return {**node, "type": kinds[0]}, nullable


def arrow_type(node: dict) -> tuple[pa.DataType, bool]:
    """The Arrow type of a resolved property, and whether it is nullable."""
    node, nullable = _types(node)
    kind, fmt = node["type"], node.get("format")
    if kind == "string":
        return (pa.date32() if fmt == "date" else pa.string()), nullable
    if kind == "integer":
        return (pa.int64() if fmt == "int64" else pa.int32()), nullable
    if kind == "number":
        return pa.float64(), nullable
    if kind == "boolean":
        return pa.bool_(), nullable
    if kind == "object":
        return pa.struct(_fields(node, describe=False)), nullable
    if kind == "array":
        return pa.list_(arrow_type(node["items"])[0]), nullable
    raise ValueError(f"no Arrow type for JSON type {kind!r}")


def _fields(node: dict, describe: bool) -> list[pa.Field]:
    fields = []
    for name, prop in node["properties"].items():
        type_, nullable = arrow_type(prop)
        meta = {"description": prop["description"]} if describe and prop.get("description") else None
        fields.append(pa.field(name, type_, nullable=nullable, metadata=meta))
    return fields


def arrow_schema(schema: dict) -> pa.Schema:
    """The Arrow schema of a resolved record schema: one column per property,
    in order, each top-level column carrying its description."""
    return pa.schema(_fields(schema, describe=True))


def vocabulary(name: str, schema_dir: str = str(SCHEMA_DIR)) -> tuple[str, ...]:
    """The values of the shared enum ``$defs/<name>``."""
    return tuple(folder(schema_dir)[DEFS_ID]["$defs"][name]["enum"])
