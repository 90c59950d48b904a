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


def _pyyaml(value) -> str:
    _, dumper = yamltext._dumper()
    return yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=2**31 - 1).rstrip("\n")


# Strings near every decision of PyYAML's emitter: indicators, spaces,
# quotes, the resolvers' words and numbers, and any other character.
TRICKY = st.lists(st.sampled_from(list("-?:#,[]{}&*!|>'\"%@`~=<.+_ 0123456789eExXbTtZyYnNoOfFlLsauU")
                                 + ["---", "...", "null", "true", "off", ".inf", ".NaN", "0x1F", "2026-12-01",
                                    "1:30", "习近平", "：", "\xa0", "\t", "\n", "\x85", "\u2028", "\ufeff", "\x7f",
                                    "\ue000", "\U0001F600", "\U0010ffff", "\ufffe"]), max_size=8).map("".join)
PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Zs")), max_size=12)
FAST_SCALARS = TRICKY | PRINTABLE | ANY_TEXT | st.integers() | st.booleans() | st.none()
# The shapes the fast writer takes on (lists of scalars and of mappings),
# with the others now and then.
FAST_VALUES = st.recursive(FAST_SCALARS, lambda inner: st.lists(FAST_SCALARS | st.dictionaries(TRICKY | PRINTABLE, inner,
                                                                                             min_size=1, max_size=3),
                                                                 max_size=4)
                           | st.dictionaries(TRICKY | PRINTABLE | KEYS, inner, max_size=4)
                           | st.lists(inner, max_size=2), max_leaves=16)


@settings(max_examples=2000, deadline=None)
@given(st.dictionaries(TRICKY | PRINTABLE | KEYS, FAST_VALUES, min_size=1, max_size=5))
def test_the_fast_writer_writes_what_pyyaml_writes(value):
    fast = yamltext._fast(value)
    if fast is not None:
        assert fast == _pyyaml(value)


@pytest.mark.parametrize("text", ["a", "a b", "a: b", "a:b", "a :b", "a #b", "a#b", "- a", "-a", "-", "? a", "?a",
                                  ":", "a:", "#a", "'a'", "a'b", "--- a", "...", " a", "a ", "", "yes", "Off", "~",
                                  "1.5", "1.2.0", "0o7", "017", "0b2", "1_000", "12:30", "2026-12-01", "n<1K",
                                  "data/p/train-*.parquet", "text-classification", "<<", "=", "!", "&a", "*",
                                  "ACFTU Talks: Xi Jinping's talks", "中文: 标题", "中文：标题", "a,b", "[a]", "{a}"])
def test_the_fast_writer_quotes_as_pyyaml_does(text):
    value = {"k": text, "l": [text, {"m": text}], text or "e": 1}
    assert yamltext._fast(value) is not None
    assert yamltext._fast(value) == _pyyaml(value)


def test_what_the_fast_writer_leaves_to_pyyaml():
    shared = ["a"]
    for value in ({"a": 1.5}, {"a": "x\ny"}, {"a": "\x85"}, {"a": [[1]]}, {"a": [{}]}, {"a": shared, "b": shared},
                  {"": 1}, {"k" * 128: 1}, {"a": (1,)}, {}):
        assert yamltext._fast(value) is None, value
        if value != {"a": (1,)}:  # the safe dumper refuses a tuple
            assert yaml.safe_load(dump(value)) == value


PRINTABLE_TRICKY = TRICKY.filter(str.isprintable)
ONE_LINE = st.recursive(PRINTABLE_TRICKY | PRINTABLE | st.integers() | st.booleans() | st.none(),
                        lambda inner: st.lists(PRINTABLE_TRICKY | PRINTABLE | st.integers()
                                               | st.dictionaries(PRINTABLE_TRICKY, inner, min_size=1, max_size=3),
                                               max_size=4)
                        | st.dictionaries(PRINTABLE_TRICKY | PRINTABLE, inner, max_size=4), max_leaves=16)


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(PRINTABLE_TRICKY.filter(bool), ONE_LINE, min_size=1, max_size=5))
def test_the_fast_writer_takes_one_line_strings_and_writes_what_pyyaml_writes(value):
    fast = yamltext._fast(value)
    if fast is not None or not any(k == "" or len(k) >= 128 for k in _keys(value)):
        assert fast == _pyyaml(value)


def _keys(value):
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)
