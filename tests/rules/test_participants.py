"""Participants read off the text and resolved against the people registry."""
from pathlib import Path

from acftu_talks import assemble, errata as errata_step
from acftu_talks.annotate import annotate
from acftu_talks.passage import Passage
from acftu_talks.read import Source
from acftu_talks.people import read_registry
from acftu_talks.rules.participants import participants
from acftu_talks.segment import segment

from conftest import SCHEMA

REGISTRY = '''
[[person]]
person_id = "xi-jinping"
name = "习近平"
name_en = "Xi Jinping"
pinyin = "Xí Jìnpíng"
aliases = ["习近平同志"]
title_aliases = ["总书记"]
kind = "leader"
[[person.positions]]
title = "中共中央总书记"
title_en = "General Secretary"
start = "2012-11-15"
source = "a test"

[[person]]
person_id = "wang-huning"
name = "王沪宁"
name_en = "Wang Huning"
pinyin = "Wáng Hùníng"
kind = "leader"
[[person.positions]]
title = "第十九届中共中央政治局常委"
title_en = "PBSC member (19th)"
start = "2017-10-25"
end = "2022-10-23"
source = "a test"
[[person.positions]]
title = "全国政协主席"
title_en = "CPPCC chairman"
start = "2023-03"
source = "a test"

[[person]]
person_id = "wang-dongming"
name = "王东明"
name_en = "Wang Dongming"
pinyin = "Wáng Dōngmíng"
kind = "union_official"

[[person]]
person_id = "zhang-gong"
name = "张工"
name_en = "Zhang Gong"
pinyin = "Zhāng Gōng"
kind = "union_official"

[[person]]
person_id = "ju-peng"
name = "鞠鹏"
name_en = "Ju Peng"
pinyin = "Jū Péng"
kind = "photographer"
[[person.positions]]
title = "新华社记者"
title_en = "Xinhua photographer"
source = "a test"
'''
EVENT = {"event_id": "2018-10-29-t", "date": "2018-10-29", "occasion": "集体谈话"}


def registry(tmp_path: Path, text: str = REGISTRY):
    (tmp_path / "persons.toml").write_text(text, encoding="utf-8")
    found, problems = read_registry(tmp_path, SCHEMA, tmp_path)
    return found, problems


def run(tmp_path, raw, doc_type="news_report", errata=(), undated=False):
    """Participants and problems; the small registry dates few posts, so the
    warnings about undated posts are left out unless ``undated``."""
    people, problems = registry(tmp_path)
    assert problems == []
    meta = {"date": {"value": "2018-10-29"}, "doc_type": doc_type, "errata": list(errata)}
    source = Source("2018-10-29-t-xinhua", "corpus/t.txt", "corpus/t.toml", raw, "0" * 64, meta)
    spans, _ = segment(raw)
    forms = people.surface_forms("习近平")
    passages = [Passage(span) for span in spans]
    annotate(passages, doc_type, "习近平", list(forms))
    located, _ = errata_step.locate(source, spans)
    rows = [assemble.paragraph(source, p, {}, EVENT, located) for p in passages]
    found, problems = participants(rows, [p.annotation for p in passages], spans, raw, people, EVENT, "习近平",
                                   "corpus/t.txt", located)
    return found, [p for p in problems if undated or p.code != "people.no-position"]


def roles(found):
    return [(p["person_id"], p["role"], p["evidence"][-4:]) for p in found]


def test_roles_are_read_off_the_text_with_the_position_on_the_event_date(tmp_path):
    raw = ("习近平29日上午在中南海集体谈话并发表重要讲话。习近平强调，要团结。\n"
           "中共中央政治局常委、中央书记处书记王沪宁参加集体谈话。\n"
           "全国总工会主席王东明代表新一届领导班子汇报了工作。全国总工会副主席张工作了发言。\n")
    found, problems = run(tmp_path, raw, undated=True)
    assert roles(found) == [
        ("xi-jinping", "speaker", "p001"),
        ("wang-huning", "attended", "p002"),
        ("wang-dongming", "reported", "p003"),
        ("zhang-gong", "spoke", "p003"),
    ]
    # the 2023 post had not begun on 2018-10-29; the 19th-term post had
    assert (found[1]["name_en"], found[1]["position_en"], found[1]["position"]) == (
        "Wang Huning", "PBSC member (19th)", "第十九届中共中央政治局常委")
    assert found[2]["position_en"] is None  # the registry dates no post of his
    # a human decides: add the post with its source, or leave it unknown
    assert [(p.code, p.severity, p.where, p.line) for p in problems] == [
        ("people.no-position", "warning", "person wang-dongming", 35),
        ("people.no-position", "warning", "person zhang-gong", 42)]


def test_an_attendance_list_of_bare_names(tmp_path):
    found, problems = run(tmp_path, "习近平指出，要努力。\n王沪宁、张工参加集体谈话。\n")
    assert problems == []
    assert [(p["name"], p["role"]) for p in found] == [
        ("习近平", "speaker"), ("王沪宁", "attended"), ("张工", "attended")]


def test_a_misspelt_name_before_a_role_verb_is_an_error_with_line_and_characters(tmp_path):
    raw = "习近平强调，要团结。\n中华全国总工会主席王冬明代表新一届领导班子汇报了工作。\n"
    found, problems = run(tmp_path, raw)
    assert [p["person_id"] for p in found] == ["xi-jinping"]  # nobody silently gains a role
    (problem,) = problems
    assert (problem.path, problem.line, problem.code, problem.severity) == (
        "corpus/t.txt", 2, "people.unregistered", "error")
    assert "'王冬明' (characters 10-12 of the line) is in a participant position (before 汇报)" in problem.message
    assert 'misspelling of 王东明' in problem.hint and '[[errata]] published = "王冬明"' in problem.hint


def test_an_erratum_naming_a_registered_person_resolves_the_misspelling(tmp_path):
    raw = "习近平强调，要团结。\n中华全国总工会主席王冬明代表新一届领导班子汇报了工作。\n"
    erratum = {"published": "王冬明", "intended": "王东明", "status": "suspected", "evidence": "a test"}
    found, problems = run(tmp_path, raw, errata=[erratum])
    assert problems == []
    assert roles(found)[1] == ("wang-dongming", "reported", "p002")


def test_an_unknown_name_in_a_bare_list_is_an_error(tmp_path):
    found, problems = run(tmp_path, "习近平指出，要努力。\n王沪宁、李四、张工参加集体谈话。\n")
    assert [p.message.split(" (")[0] for p in problems] == ["'李四'"]
    assert "characters 5-6 of the line" in problems[0].message
    assert [p["name"] for p in found] == ["习近平", "王沪宁", "张工"]


def test_words_that_are_not_names_are_not_reported(tmp_path):
    raw = ("习近平强调，要团结。\n中华全国总工会第十六届领导班子成员分别作了发言。在听取了他们的发言后，"
           "习近平发表了重要讲话。\n")
    found, problems = run(tmp_path, raw)
    assert problems == []


def test_a_photographer_of_the_event_day_takes_part_a_photo_of_another_day_does_not(tmp_path):
    raw = ("标题\n习近平\n我们要努力。\n"
           "2018年10月29日，习近平在中南海集体谈话。 新华社记者 鞠鹏 摄\n"
           "2019年5月1日，习近平在北京考察。 新华社记者 鞠鹏 摄\n")
    found, problems = run(tmp_path, raw, doc_type="speech_text")
    assert problems == []
    assert roles(found) == [("xi-jinping", "speaker", "p003"), ("ju-peng", "photographer", "p004")]


def test_only_a_photo_of_another_day_means_no_photographer(tmp_path):
    raw = "标题\n习近平\n我们要努力。\n2019年5月1日，习近平在北京考察。 新华社记者 鞠鹏 摄\n"
    found, problems = run(tmp_path, raw, doc_type="speech_text")
    assert [p["role"] for p in found] == ["speaker"]


def test_an_unregistered_photographer_is_an_error(tmp_path):
    raw = "标题\n习近平\n我们要努力。\n2018年10月29日，习近平讲话。（新华社记者 王晔 摄）\n"
    _, problems = run(tmp_path, raw, doc_type="speech_text")
    (problem,) = problems
    assert problem.line == 4 and "'王晔'" in problem.message and "credited for a photo" in problem.message


def test_the_object_of_an_earlier_verb_is_not_a_participant(tmp_path):
    found, _ = run(tmp_path, "习近平强调，要团结。\n王沪宁参加会见，张工等陪同。\n")
    assert [(p["name"], p["role"]) for p in found][1:] == [("王沪宁", "attended"), ("张工", "attended")]


def test_who_presided(tmp_path):
    found, _ = run(tmp_path, "习近平强调，要团结。\n会议由王东明主持。\n")
    assert [(p["name"], p["role"]) for p in found][1:] == [("王东明", "presided")]


def test_role_verbs_are_those_the_grouped_pattern_finds_everywhere():
    """Starting at the first role verb finds the verbs, roles and offsets
    that scanning the whole text does, on random and real texts."""
    import random

    from acftu_talks.rules import lexicon as L, participants as P
    from conftest import CORPUS

    words = [w for vocab in L.ROLE_VERBS.values() for w in vocab.words]
    pool = words + ["作了", "发", "言", "主", "持", "参", "加", "王东明", "，", "。", "、"]
    rng = random.Random(29)
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 12))) for _ in range(2000)]
    texts += [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    for text in texts:
        assert [(m.span(), m.lastgroup) for m in P._verbs(text)] == \
               [(m.span(), m.lastgroup) for m in P._VERB.finditer(text)], text


def test_the_pattern_of_forms_finds_what_the_longest_first_alternation_finds():
    import random
    import re

    from acftu_talks.rules import participants as P

    pick = random.Random(31)
    people = ["习近平", "习近", "近平", "王东明", "王东", "李强", "李", "总书记", "习总书记", "a.b", ""]
    for _ in range(300):
        forms = {f: "x" for f in pick.sample(people, pick.randint(0, len(people)))}
        ordered = sorted({f for f in forms if f}, key=len, reverse=True)
        old = re.compile("|".join(re.escape(f) for f in ordered)) if ordered else None
        new = P._pattern(forms)
        assert (old is None) == (new is None)
        for _ in range(10):
            text = "".join(pick.choice(people + ["，", "参加"]) for _ in range(pick.randint(0, 10)))
            if old is not None:
                assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
