"""The lexicon: every vocabulary once, each entry with an example using it."""
from __future__ import annotations

import re

import pytest

from acftu_talks.rules import lexicon

VOCABULARIES = [v for v in vars(lexicon).values() if isinstance(v, lexicon.Vocabulary)]
VOCABULARIES += list(lexicon.ROLE_VERBS.values())


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.name)
def test_every_entry_comes_with_an_example_using_it(vocabulary):
    assert vocabulary.entries and len(set(vocabulary.words)) == len(vocabulary.words)
    for word, example in vocabulary.entries:
        assert word.strip("（）【】") in example, (vocabulary.name, word)


def test_a_pattern_tries_longer_words_first():
    spoke = lexicon.ROLE_VERBS["spoke"]
    assert re.search(spoke.pattern(), "李玉赋作了发言。").group() == "作了发言"


def test_tag_verbs_add_to_the_reporting_verbs_without_repeating_them():
    tags = lexicon.TAG_VERBS.words
    assert set(lexicon.REPORTING_VERBS.words) < set(tags) and {"感慨道", "笑着说"} <= set(tags)
    assert len(tags) == len(set(tags))


@pytest.mark.parametrize("text, is_name", [
    ("王沪宁", True), ("蔡奇", True), ("欧阳明高", True), ("阿不都热依木·阿不都热西提", True),
    ("习", False), ("中共中央政治局常委", False), ("王沪宁参加", False),
])
def test_person_name(text, is_name):
    assert bool(re.fullmatch(lexicon.PERSON_NAME, text)) is is_name


def test_character_classes():
    assert re.fullmatch(f"[{lexicon.HAN}]+", "习近平总书记") and not re.search(f"[{lexicon.HAN}]", "，。ab12")
    assert set(lexicon.TERMINALS) == set("。！？!?") and "\u3000" in lexicon.SPACES
