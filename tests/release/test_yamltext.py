"""yamltext.py: block YAML that any YAML reader reads back as given."""
import pytest
import yaml
from hypothesis import given, settings, strategies as st

from acftu_talks.release import yamltext
from acftu_talks.release.yamltext import dump


def test_exact_output():
    assert dump({"a": "1.10", "b": [1, {"c": None, "d": True}], "e": [], "f": {}}) == (
        "a: '1.10'\n"
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


# Every code point but lone surrogates (which no UTF-8 file can hold):
# control characters, NEL, line and paragraph separators, BOM included.
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
KEYS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
SCALARS = ANY_TEXT | st.integers() | st.booleans() | st.none()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=5))
def test_any_mapping_round_trips_through_pyyaml(value):
    text = yamltext.dump(value)
    assert yaml.safe_load(text) == value
    assert yamltext.dump(value) == text  # the same value, the same bytes


def test_the_strings_a_hand_made_emitter_got_wrong():
    for value in ("\x7f", "\x85", "a\x85b", "\u2028", "\u2029", "\ufeff", "\x1b[31m", "1.10", "2023-10-23",
                  "yes", "null", "~", "- x", "a: b", "#", "'", '"', " lead", "trail ", "\t", "\n", ""):
        assert yaml.safe_load(yamltext.dump({"a": value})) == {"a": value}, repr(value)


def test_the_block_layout_is_fixed():
    assert yamltext.dump({"configs": [{"config_name": "paragraphs", "default": True,
                                       "data_files": [{"split": "train", "path": "data/p/train-*.parquet"}]}],
                          "version": "1.10", "language": ["zh"], "title": "中文: 标题", "n": 3}) == (
        "configs:\n"
        "  - config_name: paragraphs\n"
        "    default: true\n"
        "    data_files:\n"
        "      - split: train\n"
        "        path: data/p/train-*.parquet\n"
        "version: '1.10'\n"
        "language:\n"
        "  - zh\n"
        "title: '中文: 标题'\n"
        "n: 3")
