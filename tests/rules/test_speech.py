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


def test_content_bounds_are_those_of_the_tail_pattern():
    """Cutting the closing stops from the end gives the bounds the search for
    the tail pattern gives, for every range within random texts (stops, closers,
    ellipses, spaces, line ends)."""
    import random

    from acftu_talks.rules import lexicon as L, speech

    def by_pattern(text, start, end):
        tail = speech._TERMINAL_TAIL.search(text, start, end)
        if tail and tail.start() > start:
            end = tail.start()
        while end > start and text[end - 1] in L.SPACES:
            end -= 1
        return start, end
    pick = random.Random(17)
    pool = list(L.TERMINALS + L.CLOSERS + L.SPACES) + ["…", "\n", "要", "团结", "“", "，"]
    for _ in range(1500):
        text = "".join(pick.choice(pool) for _ in range(pick.randint(0, 9)))
        for start in range(len(text) + 1):
            for end in range(len(text) + 1):
                assert content_bounds(text, start, end) == by_pattern(text, start, end), (text, start, end)


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


def _lookbehind_per_title(names, titles):
    """How ``who`` was written before the titles shared one lookbehind."""
    import re

    from acftu_talks.rules import lexicon as L
    return "|".join(rf"(?<![{L.HAN}]){re.escape(n)}" if n in titles else re.escape(n) for n in names)


def _corpus_sentences():
    from conftest import CORPUS
    from acftu_talks.rules import sentences
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            found += [line[s:e] for s, e in sentences.split(line)]
    return found


def test_titles_share_one_lookbehind():
    import re

    from acftu_talks.rules import lexicon as L
    from acftu_talks.rules.speech import _alternation
    who = _alternation(["国家主席", "习近平", "总书记", "蔡奇", "主席"], {"国家主席", "总书记", "主席"})
    assert who == rf"(?<![{L.HAN}])(?:国家主席|总书记|主席)|习近平|蔡奇"
    assert re.findall(who, "中共中央总书记、国家主席习近平，主席蔡奇") == ["国家主席", "习近平", "主席", "蔡奇"]
    # a title that begins a name it would jump keeps the old order and its own lookbehind
    assert _alternation(["总书记", "主席团", "主席"], {"总书记", "主席"}) == \
        _lookbehind_per_title(["总书记", "主席团", "主席"], {"总书记", "主席"})
    assert _alternation(["主席团", "总书记", "主席"], {"总书记", "主席"}) == \
        rf"主席团|(?<![{L.HAN}])(?:总书记|主席)"  # nothing jumped


def test_one_lookbehind_gives_the_matches_of_one_per_title(monkeypatch):
    """Every pattern of the rules, on random and real texts: the same matches,
    groups and substitutions as with a lookbehind before each title; and the
    same sentences and names found."""
    import random

    from acftu_talks.rules import lexicon as L, speech

    rng = random.Random(20231023)
    people = ["习近平", "王东明", "王东", "东明", "李强", "蔡奇", "主席团", "总书记习近平", "委员长李"]
    titles = list(L.TITLES.words)
    glue = list("，。：“”他她在时上要对会大家同志的了中共中央副国家") + ["强调", "指出", "表示", "说", "代表", "致以",
                                                                 "问候", "新华社北京10月23日电 ", "\n", " "]
    real = _corpus_sentences()
    attributes = ("cue", "tagged", "act", "subject", "fixed", "any_name")
    for trial in range(60):
        names = rng.sample(people, rng.randint(1, 5))
        aliases = {t: rng.choice(names) for t in rng.sample(titles, rng.randint(0, len(titles)))}
        if rng.random() < 0.3:
            aliases["习总书记"] = names[0]
        pool = names + list(aliases) + titles + glue
        texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 12))) for _ in range(40)]
        texts += rng.sample(real, 20)
        monkeypatch.setattr(speech, "_alternation", _lookbehind_per_title)
        old = speech.SpeechRules(names, aliases)
        monkeypatch.undo()
        new = speech.SpeechRules(names, aliases)
        for attribute in attributes:
            a, b = getattr(old, attribute), getattr(new, attribute)
            assert (a is None) == (b is None)
            if a is None:
                continue
            for text in texts:
                assert [(m.span(), m.groupdict()) for m in a.finditer(text)] == \
                       [(m.span(), m.groupdict()) for m in b.finditer(text)], (attribute, text)
                for pos in range(len(text)):
                    ma, mb = a.match(text, pos), b.match(text, pos)
                    assert (ma and (ma.span(), ma.groupdict())) == (mb and (mb.span(), mb.groupdict()))
                assert a.sub("#", text) == b.sub("#", text)
        for text in texts:
            for last in (None, names[0]):
                assert [vars(s) for s in old.sentences(text, last)] == [vars(s) for s in new.sentences(text, last)]
            assert old.names_in(text) == new.names_in(text)


@pytest.mark.parametrize("disabled", ["", "cue-after-pronoun", "cue-after-title"])
def test_a_sentence_without_a_mention_gets_what_every_pattern_gives(monkeypatch, disabled):
    """Sentences that hold no known name, title or pronoun are not asked the
    name patterns: the sentences and names found are those of rules that ask
    every pattern of every sentence, on random and real texts, with the
    document's own rules and with rules sharing a wider vocabulary's
    patterns."""
    import random
    import re

    from acftu_talks.rules import lexicon as L, speech

    monkeypatch.setenv("ACFTU_TALKS_DISABLE_RULES", disabled)
    rng = random.Random(1023)
    people = ["习近平", "王东明", "王东", "东明", "李强", "蔡奇", "主席团", "总书记习近平", "委员长李"]
    titles = list(L.TITLES.words)
    glue = list("，。：“”他她其们人在时上要对会大家同志的了中共中央副国家") + [
        "强调", "指出", "表示", "说", "代表", "致以", "问候", "新华社北京10月23日电 ", "（掌声）", "随后，", "\n", " ",
        # whole sentences: a paraphrase, and what goes on with it or ends it
        "习近平强调，要团结奋斗。", "要坚持党的领导。", "大家纷纷表示，要牢记嘱托。", "随后，大家参观了展览。",
        "他指出，要深化改革。", "会议强调，要团结。", "要学习贯彻习近平新时代中国特色社会主义思想。"]
    real = _corpus_sentences()
    for trial in range(40):
        names = rng.sample(people, rng.randint(1, 4))
        aliases = {t: rng.choice(names) for t in rng.sample(titles, rng.randint(0, len(titles)))}
        pool = names + list(aliases) + titles + glue
        texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 16))) for _ in range(40)]
        texts += rng.sample(real, 20)
        every = speech.SpeechRules(names, aliases)
        every.__dict__["mention"] = re.compile("")  # every sentence is asked every pattern
        vocabulary = speech._Vocabulary()
        vocabulary.rules(tuple(rng.sample(people, 3)), ())  # others' names first: a wider vocabulary
        for rules in (speech.SpeechRules(names, aliases), vocabulary.rules(tuple(names), tuple(sorted(aliases.items())))):
            for text in texts:
                for last in (None, names[0]):
                    assert [vars(s) for s in rules.sentences(text, last)] == \
                           [vars(s) for s in every.sentences(text, last)], (names, aliases, text)
                assert rules.names_in(text) == every.names_in(text), text


def test_title_holders_skip_only_titles_the_text_does_not_hold():
    """A title's pattern is compiled only for a text that holds the title:
    the holders are those every pattern finds, on random and real texts."""
    import random
    import re

    from acftu_talks.rules import lexicon as L, speech

    def every_pattern(text, names):
        holders = {}
        for title, source in speech._title_patterns(tuple(sorted(set(names)))):
            for match in re.compile(source).finditer(text):
                holders.setdefault(title, set()).add(match["a"] or match["b"])
        return {t: p.pop() for t, p in holders.items() if len(p) == 1}

    rng = random.Random(1018)
    pool = ["习近平", "王东明", "李强", "同志", "、", "，", "中共中央", "副", "常务", "全国总工会", *L.TITLES.words]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 10))) for _ in range(300)]
    texts += _corpus_sentences()
    for text in texts:
        for names in (["习近平"], ["习近平", "王东明"], ["李强", "王东明"]):
            assert title_holders(text, names) == every_pattern(text, names), text


def test_title_matches_are_those_finditer_finds():
    """Trying a title's pattern only near the title finds the matches that
    scanning every position does, in order and with the same groups: on
    random texts (names that begin one another, titles as aliases, 同志,
    deputies, lists joined by 、, one title right after another) and on the
    real texts, whole and sentence by sentence."""
    import random
    import re

    from conftest import CORPUS
    from acftu_talks.rules import lexicon as L, speech

    rng = random.Random(2024)
    people = ["习近平", "习近", "王东明", "王东", "李强", "徐留平", "习近平总书记", "习总书记", "总书记", "主席"]
    pool = people + ["同志", "、", "，", "。", "中共中央", "副", "常务", "全国总工会", "来到", "出席", *L.TITLES.words] * 2
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(600)]
    real = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    texts += real + _corpus_sentences()
    for trial in range(12):
        names = tuple(sorted(set(rng.sample(people, rng.randint(1, 6)))))
        reach = max(map(len, names)) + len("同志")
        for title, source in speech._title_patterns(names):
            pattern = re.compile(source)
            for text in texts:
                expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
                got = [(m.span(), m.groupdict()) for m in speech._title_matches(pattern, text, title, reach)]
                assert got == expected, (names, title, text)


def test_patterns_are_compiled_when_first_used():
    from acftu_talks.rules import speech

    rules = SpeechRules(["习近平"], {"总书记": "习近平"})
    assert not {"cue", "tagged", "act", "subject", "fixed", "any_name"} & set(vars(rules))
    assert rules.names_in("总书记指出") == ["习近平"]
    assert "any_name" in vars(rules) and "cue" not in vars(rules)
    vocabulary = speech._Vocabulary()
    shared = vocabulary.rules(("习近平",), ())
    assert "cue" not in vars(vocabulary.wide)
    assert shared.cue is vocabulary.wide.cue  # compiled once, on the wide rules


def test_a_tagged_quotation_pattern_is_compiled_only_for_a_sentence_opening_a_quote():
    rules = SpeechRules(["习近平"])
    rules.sentences("习近平强调，要团结奋斗。大家表示赞同。", None)
    assert "tagged" not in vars(rules)
    found = rules.sentences("“我们要一起向未来。”习近平说。", None)
    assert "tagged" in vars(rules) and [(s.speech_mode, s.speaker) for s in found] == [("direct", "习近平")]
