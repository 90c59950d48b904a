"""Speech rules shared between documents give each document the answers of
rules compiled for its own names."""
from __future__ import annotations

import itertools

import pytest

from acftu_talks.rules import speech
from acftu_talks.rules.speech import SpeechRules, _Shared

NAMES = ["习近平", "王东明", "王东", "东明", "李强", "赵乐际"]
SENTENCES = [
    "习近平强调，要坚持党的领导。", "王东明汇报了工会工作情况。", "王东明表示，工会要团结职工。",
    "王东指出，要做好服务。", "东明说：“我们一定努力。”", "“工人阶级是主力军。”习近平说。",
    "他强调，要维护职工权益。", "会上，李强指出，要稳就业。", "按照习近平总书记要求，做好工作。",
    "李强、赵乐际参加谈话。", "要加强思想政治引领。", "赵乐际在主持会议时强调，要守纪律。",
    "习近平新时代中国特色社会主义思想是行动指南。", "大家纷纷表示，深受鼓舞。",
]


def answers(rules: SpeechRules, last: str | None) -> tuple:
    found = tuple((s.start, s.end, s.speech_mode, s.speaker, s.cue, s.cue_start, s.cue_end)
                  for s in rules.sentences("".join(SENTENCES), last))
    each = tuple(tuple(vars(s).values()) for text in SENTENCES for s in rules.sentences(text, last))
    return found, each, tuple(tuple(rules.names_in(text)) for text in SENTENCES)


def test_shared_rules_answer_as_the_documents_own():
    wide = SpeechRules(NAMES)
    # The shared patterns see 王东明 where a document knows only 王东: the
    # exact rules must judge such a sentence.
    with pytest.raises(speech._Foreign):
        SpeechRules.sentences(_Shared(("王东",), wide), "王东明表示，工会要团结职工。", None)
    for size in (1, 2, 3):
        for names in itertools.combinations(NAMES, size):
            shared = _Shared(names, wide)
            for last in (None, names[0]):
                assert answers(shared, last) == answers(SpeechRules.exact(names), last), names


def test_the_vocabulary_compiles_once_for_documents_it_knows(monkeypatch):
    vocabulary = speech._Vocabulary()
    compiled = []

    class Counting(SpeechRules):
        def __init__(self, names):
            compiled.append(tuple(names))
            super().__init__(names)

    monkeypatch.setattr(speech, "SpeechRules", Counting)
    vocabulary.rules(("习近平", "王东明"))
    vocabulary.rules(("王东明",))
    vocabulary.rules(("习近平",))
    assert len(compiled) == 1
    vocabulary.rules(("习近平", "李强"))  # someone new: once more, with everyone
    assert len(compiled) == 2 and set(compiled[-1]) == {"习近平", "王东明", "李强"}
