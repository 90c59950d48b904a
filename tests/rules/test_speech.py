"""Speech attribution helpers: title holders, content spans, paragraph modes."""
from __future__ import annotations

import pytest

from acftu_talks.rules.speech import Sentence, SpeechRules, content_bounds, paragraph_mode, title_holders


@pytest.mark.parametrize("text, names, expected", [
    ("中共中央总书记、国家主席、中央军委主席习近平23日下午……", ["习近平"],
     {"总书记": "习近平", "主席": "习近平", "国家主席": "习近平"}),
    ("习近平总书记来到车间。", ["习近平"], {"总书记": "习近平"}),
    ("国家主席习近平、全国总工会主席王东明出席。", ["习近平", "王东明"], {"国家主席": "习近平"}),  # 主席: two holders
    ("全国总工会副主席徐留平作了发言。", ["徐留平"], {}),  # 副主席 is another office
])
def test_title_holders(text, names, expected):
    assert title_holders(text, names) == expected


def test_content_stops_before_the_closing_stop():
    text = "他强调，要团结奋斗。”"
    assert text[slice(*content_bounds(text, 4, len(text)))] == "要团结奋斗"


def test_a_stage_direction_does_not_make_a_paragraph_mixed():
    found = [Sentence(0, 5, "reported", "习近平"), Sentence(5, 9, "none", None)]
    assert paragraph_mode(found) == ("reported", "习近平", "reporting-cue")


def test_names_in_gives_canonical_names():
    rules = SpeechRules(["习近平"], {"习总书记": "习近平"})
    assert rules.names_in("习总书记和习近平") == ["习近平", "习近平"]
