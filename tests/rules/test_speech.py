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


def test_rules_shared_between_documents_answer_as_their_own():
    """Patterns compiled for many documents' names give each document the
    answers of patterns compiled for its own names and aliases, also where
    the text names someone only another document lists (王东明 for a
    document that knows 王东)."""
    import itertools

    from acftu_talks.rules.speech import SpeechRules, _Shared

    names = ["习近平", "王东明", "王东", "东明", "李强", "赵乐际"]
    aliases = (("总书记", "习近平"), ("总理", "李强"))
    texts = ["习近平强调，要坚持党的领导。", "王东明表示，工会要团结职工。", "王东指出，要做好服务。",
             "东明说：“我们一定努力。”", "“工人阶级是主力军。”习近平说。", "他强调，要维护职工权益。",
             "会上，总书记指出，要团结奋斗。", "总理强调，要稳就业。", "按照习近平总书记要求，做好工作。",
             "李强、赵乐际参加谈话。", "赵乐际在主持会议时强调，要守纪律。", "习近平代表党中央，对大会表示祝贺。",
             "习近平新时代中国特色社会主义思想是行动指南。王东明汇报了工作。"]
    wide = SpeechRules(names, dict(aliases))

    def answers(rules):
        return ([[vars(s) for s in rules.sentences(t, last)] for t in texts for last in (None, "习近平")],
                [rules.names_in(t) for t in texts], [vars(s) for s in rules.sentences("".join(texts), None)])

    for size in (1, 2, 3):
        for known in itertools.combinations(names, size):
            for extra in ((), aliases[:1]):
                assert answers(_Shared(known, extra, wide)) == answers(SpeechRules.exact(known, extra)), known


def test_the_vocabulary_compiles_again_only_for_someone_new():
    from acftu_talks.rules import speech

    vocabulary = speech._Vocabulary()
    first = vocabulary.rules(("习近平", "王东明"), ())
    assert vocabulary.rules(("王东明",), ()).cue is first.cue  # the same compiled pattern
    assert vocabulary.rules(("习近平", "李强"), ()).cue is not first.cue  # 李强 is new
    assert set(vocabulary.wide.names) == {"习近平", "王东明", "李强"}
