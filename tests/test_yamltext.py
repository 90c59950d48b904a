"""The YAML the build writes (card front matter, CITATION.cff) reads back
as the same values, whatever the strings hold (yamltext.py)."""
from __future__ import annotations

import yaml
from hypothesis import given, settings, strategies as st

from acftu_talks.release import yamltext

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
