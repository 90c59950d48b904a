"""``croissant.json``: Croissant 1.1 metadata for dataset search engines and
ML tools, generated from CONFIGS, the Arrow schemas and the JSON Schemas'
descriptions, with the sha256 of every Parquet file.

Built as plain JSON (no mlcroissant import at build time); the tests validate
it with mlcroissant and compare the records it loads with the Parquet rows.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from .. import DATASET_NAME, __version__
from . import cite
from .checksums import sha256
from ..contract import layout
from ..contract.records import CONFIGS

CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
PARQUET = "application/x-parquet"
LICENSE = ("No open licence is claimed for the texts, which were published by Chinese state media; "
           "see RIGHTS.md in this release. The project's metadata, annotations and schemas: MIT.")

# mlcroissant 1.1.1's context for conformsTo 1.1, word for word: a missing
# term is not reported, it silently falls back to schema.org and loses its
# meaning, so every term is spelled out.
CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject", "fileSet": "cr:fileSet", "format": "cr:format",
    "includes": "cr:includes", "isArray": "cr:isArray", "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField", "path": "cr:path", "recordSet": "cr:recordSet",
    "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "samplingRate": "cr:samplingRate", "sc": "https://schema.org/",
    "separator": "cr:separator", "source": "cr:source", "subField": "cr:subField",
    "transform": "cr:transform",
}


def data_type(type_: pa.DataType) -> str:
    if pa.types.is_boolean(type_):
        return "sc:Boolean"
    if pa.types.is_integer(type_):
        return "sc:Integer"
    if pa.types.is_floating(type_):
        return "sc:Float"
    if pa.types.is_string(type_) or pa.types.is_large_string(type_):
        return "sc:Text"
    if pa.types.is_date(type_):
        return "sc:Date"
    if pa.types.is_timestamp(type_):
        return "sc:DateTime"
    raise NotImplementedError(f"no Croissant data type for Arrow {type_}")


def member_schemas(prop: dict) -> dict:
    """The JSON Schema properties of a struct column, or of a list of structs'
    items."""
    return prop.get("items", prop).get("properties", {})


def field(parent: str, column: str, type_: pa.DataType, prop: dict, source: dict,
          member: str | None = None) -> dict:
    """One cr:Field for a Parquet column, or (with ``member``) for a member of
    its struct, read back with a jsonPath transform."""
    name = member or column
    node = {"@type": "cr:Field", "@id": f"{parent}/{name}", "name": name,
            "description": prop["description"]}
    if pa.types.is_list(type_) or pa.types.is_large_list(type_):
        node["isArray"] = True
        type_ = type_.value_type
    if pa.types.is_struct(type_):
        members = member_schemas(prop)
        node["subField"] = [field(node["@id"], column, m.type, members[m.name], source, m.name) for m in type_]
        return node
    node["dataType"] = data_type(type_)
    node["source"] = {**source, "extract": {"column": column}}
    if member:
        node["source"]["transform"] = {"jsonPath": member}
    return node


def metadata(release: Path) -> dict:
    """The Croissant document for the Parquet files under ``release/data``."""
    distribution, record_sets = [], []
    for config, registered in CONFIGS.items():
        arrow_schema = registered.arrow_schema
        files = sorted(p.relative_to(release).as_posix() for p in layout.data_files(release, config))
        for rel in files:
            distribution.append({"@type": "cr:FileObject", "@id": rel, "name": rel, "contentUrl": rel,
                                 "encodingFormat": PARQUET, "sha256": sha256(release / rel)})
        if len(files) == 1:
            # mlcroissant checks a FileObject's sha256 when it reads records.
            source = {"fileObject": {"@id": files[0]}}
        else:
            # A field names one source; several shards need a FileSet (whose
            # files mlcroissant does not hash: SHA256SUMS still covers them).
            fileset = f"{config}-parquet-files"
            distribution.append({"@type": "cr:FileSet", "@id": fileset, "name": fileset,
                                 "encodingFormat": PARQUET, "includes": files})
            source = {"fileSet": {"@id": fileset}}
        props = registered.properties
        record_set = {"@type": "cr:RecordSet", "@id": config, "name": config,
                      "description": registered.description,
                      "field": [field(config, f.name, f.type, props[f.name], source) for f in arrow_schema]}
        if arrow_schema.names[0].endswith("_id"):  # records lead with their id
            record_set["key"] = {"@id": f"{config}/{arrow_schema.names[0]}"}
        record_sets.append(record_set)
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": DATASET_NAME,
        "alternateName": cite.TITLE,
        "description": cite.ABSTRACT,
        "version": __version__,
        "datePublished": cite.RELEASE_DATE,
        "citeAs": cite.bibtex(),
        "creator": {"@type": "sc:Organization", "name": cite.AUTHOR},
        "license": LICENSE,
        "inLanguage": "zh",
        "keywords": list(cite.KEYWORDS),
        "distribution": distribution,
        "recordSet": record_sets,
    }


def write(release: Path) -> None:
    text = json.dumps(metadata(release), ensure_ascii=False, indent=2, sort_keys=True)
    (release / layout.CROISSANT).write_text(text + "\n", encoding="utf-8")
