"""yamltext.py: block YAML that any YAML reader reads back as given."""
import pytest
import yaml

from acftu_talks.release.yamltext import dump


def test_exact_output():
    assert dump({"a": "1.10", "b": [1, {"c": None, "d": True}], "e": [], "f": {}}) == (
        'a: "1.10"\n'
        "b:\n"
        "  - 1\n"
        "  - c: null\n"
        "    d: true\n"
        "e: []\n"
        "f: {}")


@pytest.mark.parametrize("value", [
    {"version": "1.10", "date": "2026-11-22", "answer": "yes", "switch": "off", "n": 3, "x": 1.5, "none": None},
    {"configs": [{"config_name": "paragraphs", "data_files": [{"split": "train", "path": "data/p/*.parquet"}]}]},
    {"nested": [[1, 2], ["a: b", "- c", "#d"]], "zh": "习近平“强调”：团结\n奋斗"},
])
def test_round_trip(value):
    assert yaml.safe_load(dump(value)) == value
