"""A downloaded Parquet file explains itself: every column's description in
its Arrow field metadata, and dataset, version and schema in the file's
key-value metadata."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from acftu_talks import DATASET_NAME, __version__
from acftu_talks.contract.records import CONFIGS
from conftest import SCHEMA


@pytest.mark.parametrize("config", list(CONFIGS))
def test_every_column_carries_its_json_schema_description(release, config):
    props = json.loads((SCHEMA / CONFIGS[config].schema_file).read_text(encoding="utf-8"))["properties"]
    for path in sorted((release / "data" / config).glob("*.parquet")):
        schema = pq.read_schema(path)
        assert schema.names == CONFIGS[config].arrow_schema.names
        for field in schema:
            assert field.metadata is not None, f"{path.name}: {field.name} has no metadata"
            assert field.metadata[b"description"].decode("utf-8") == props[field.name]["description"]


@pytest.mark.parametrize("config", list(CONFIGS))
def test_file_metadata_names_dataset_version_and_schema(release, config):
    for path in sorted((release / "data" / config).glob("*.parquet")):
        meta = {k.decode(): v.decode() for k, v in pq.read_schema(path).metadata.items()}
        assert meta["dataset"] == DATASET_NAME
        assert meta["dataset_version"] == __version__
        assert meta["config"] == config
        assert meta["schema"] == CONFIGS[config].schema_file
        assert meta["schema_version"] == __version__
        assert (release / "schema" / meta["schema"]).is_file()
