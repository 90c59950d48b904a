"""croissant.json: valid Croissant 1.1 for mlcroissant, offline, and the
records it loads are the Parquet rows."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

mlc = pytest.importorskip("mlcroissant")

from acftu_talks import __version__
from acftu_talks.contract.records import CONFIGS
from conftest import SCHEMA  # noqa: E402


@pytest.fixture(scope="module")
def dataset(release):
    return mlc.Dataset(jsonld=release / "croissant.json")  # validates; raises mlc.ValidationError


@pytest.fixture(scope="module")
def doc(release) -> dict:
    return json.loads((release / "croissant.json").read_text(encoding="utf-8"))


def test_validates_without_errors_or_warnings(dataset):
    assert not dataset.metadata.ctx.issues.errors
    assert not dataset.metadata.ctx.issues.warnings  # only logged by mlcroissant, so checked here


def test_declares_croissant_1_1_and_this_version(doc):
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert doc["version"] == __version__


def test_a_record_set_per_config(doc):
    assert [r["@id"] for r in doc["recordSet"]] == list(CONFIGS)


def test_file_objects_cover_every_parquet_file_with_its_sha256(doc, release):
    objects = {d["contentUrl"]: d["sha256"] for d in doc["distribution"] if d["@type"] == "cr:FileObject"}
    on_disk = {p.relative_to(release).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in (release / "data").rglob("*.parquet")}
    assert objects == on_disk


def _descriptions(fields: list[dict]) -> dict[str, str]:
    out = {}
    for f in fields:
        out[f["@id"]] = f.get("description")
        out.update(_descriptions(f.get("subField", [])))
    return out


def _schema_descriptions(prefix: str, props: dict) -> dict[str, str]:
    out = {}
    for name, prop in props.items():
        out[f"{prefix}/{name}"] = prop["description"]
        out.update(_schema_descriptions(f"{prefix}/{name}", prop.get("items", prop).get("properties", {})))
    return out


def test_every_field_has_the_json_schema_description(doc):
    for record_set in doc["recordSet"]:
        schema_file = CONFIGS[record_set["@id"]].schema_file
        props = json.loads((SCHEMA / schema_file).read_text(encoding="utf-8"))["properties"]
        assert _descriptions(record_set["field"]) == _schema_descriptions(record_set["@id"], props)


def _plain(value):
    """mlcroissant's values as pyarrow gives them: text comes back as bytes,
    dates as pandas Timestamps, members keyed by their full @id."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k.rsplit("/", 1)[-1]: _plain(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("config", list(CONFIGS))
def test_records_equal_the_parquet_rows(dataset, release, config):
    got = [_plain(r) for r in dataset.records(record_set=config)]
    want = [row for f in sorted((release / "data" / config).glob("*.parquet")) for row in pq.read_table(f).to_pylist()]
    key = CONFIGS[config].key
    assert sorted(got, key=lambda r: r[key]) == sorted(want, key=lambda r: r[key])
    assert len(got) > 0
