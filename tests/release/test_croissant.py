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
    assert doc["conformsTo"][0] == "http://mlcommons.org/croissant/1.1"
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


RAI_FIELDS = {  # mlcroissant's attribute, and whether it holds several texts
    "rai:dataCollection": ("data_collection", False),
    "rai:dataAnnotationProtocol": ("data_annotation_protocol", True),
    "rai:annotationsPerItem": ("annotations_per_item", False),
    "rai:machineAnnotationTools": ("machine_annotation_tools", True),
    "rai:dataBiases": ("data_biases", True),
    "rai:dataLimitations": ("data_limitations", True),
    "rai:dataUseCases": ("data_use_cases", True),
    "rai:dataReleaseMaintenancePlan": ("data_release_maintenance_plan", False),
    "rai:personalSensitiveInformation": ("personal_sensitive_information", True),
    "rai:dataSocialImpact": ("data_social_impact", False),
    "rai:annotatorDemographics": ("annotator_demographics", True),
    "rai:dataAnnotationAnalysis": ("data_annotation_analysis", True),
}


def test_declares_the_rai_vocabulary(doc):
    assert doc["conformsTo"] == ["http://mlcommons.org/croissant/1.1", "http://mlcommons.org/croissant/RAI/1.0"]
    assert doc["@context"]["rai"] == "http://mlcommons.org/croissant/RAI/"


@pytest.mark.parametrize("term", sorted(RAI_FIELDS))
def test_every_rai_field_is_filled_and_read_by_mlcroissant(dataset, doc, term):
    attribute, several = RAI_FIELDS[term]
    value = doc[term]
    assert isinstance(value, list) is several
    texts = value if several else [value]
    assert texts and all(isinstance(t, str) and len(t) > 40 for t in texts)
    # read back through the RAI namespace: a misspelt term would come back empty
    read = getattr(dataset.metadata, attribute)
    assert (sorted(read) if several else read) == (sorted(texts) if several else value)


def test_rai_counts_are_the_release_counts(doc, release):
    n = sum(pq.read_metadata(p).num_rows for p in (release / "data" / "sentences").glob("*.parquet"))
    assert f"The {n} sentences also have two independent human annotations" in doc["rai:annotationsPerItem"]
    assert f"builder {__version__}" in doc["rai:machineAnnotationTools"][0]


def test_annotation_analysis_gives_the_kappa_of_the_card(doc, capsys, monkeypatch):
    from acftu_talks import cli
    from conftest import ROOT
    monkeypatch.chdir(ROOT)
    assert cli.main(["agreement"]) == 0
    for line in capsys.readouterr().out.splitlines():
        parts = line.split()
        if parts and parts[0] in ("segment_type", "speech_mode", "speaker"):
            label, n, _, observed, kappa = parts
            assert any(a.startswith(f"{label}: Cohen's kappa {kappa}, observed agreement {observed}, n = {n} ")
                       for a in doc["rai:dataAnnotationAnalysis"])
