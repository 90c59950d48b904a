from acftu_talks import assemble
from acftu_talks.annotate import annotate
from acftu_talks.passage import Passage
from acftu_talks.rules.participants import participants
from acftu_talks.read import Source
from acftu_talks.segment import segment

PEOPLE = [
    {"name": "习近平", "name_en": "Xi Jinping"},
    {"name": "王沪宁", "name_en": "Wang Huning", "position_en": "PBSC member"},
    {"name": "王东明", "name_en": "Wang Dongming"},
    {"name": "李玉赋", "name_en": "Li Yufu"},
    {"name": "张工", "name_en": "Zhang Gong"},
]


def run(raw, people=PEOPLE, doc_type="news_report"):
    meta = {"date": {"value": "2018-10-29"}, "occasion": "集体谈话", "doc_type": doc_type}
    source = Source("2018-10-29-t-xinhua", "corpus/t.txt", "corpus/t.toml", raw, "0" * 64, meta)
    passages = [Passage(span) for span in segment(raw)[0]]
    annotate(passages, doc_type, "习近平", [p["name"] for p in people])
    rows = [assemble.paragraph(source, p, {}) for p in passages]
    return participants(rows, [p.annotation for p in passages], people, "corpus/t.txt", "corpus/t.toml")


def roles(found):
    return [(p["name"], p["role"], p["role_source"], p["evidence"][-4:] if p["evidence"] else None)
            for p in found]


def test_roles_are_read_off_the_text_in_order_of_mention():
    raw = ("习近平29日上午在中南海集体谈话并发表重要讲话。习近平强调，要团结。\n"
           "中共中央政治局常委、中央书记处书记王沪宁参加集体谈话。\n"
           "全国总工会主席王东明代表新一届领导班子汇报了工作。全国总工会副主席李玉赋、张工、巨晓林作了发言。\n")
    found, problems = run(raw)
    assert roles(found) == [
        ("习近平", "speaker", "text", "p001"),
        ("王沪宁", "attended", "text", "p002"),
        ("王东明", "reported", "text", "p003"),
        ("李玉赋", "spoke", "text", "p003"),
        ("张工", "spoke", "text", "p003"),
        ("巨晓林", "spoke", "text", "p003"),
    ]
    assert found[1]["name_en"] == "Wang Huning" and found[1]["position_en"] == "PBSC member"
    # 巨晓林 is not in the curated list: kept without an English name, and flagged
    assert found[5]["name_en"] is None
    assert [(p.code, p.severity) for p in problems] == [("meta.people-unknown", "warning")]


def test_an_attendance_list_of_bare_names():
    found, _ = run("习近平指出，要努力。\n王沪宁、张工参加集体谈话。\n")
    assert [(p["name"], p["role"]) for p in found] == [
        ("习近平", "speaker"), ("王沪宁", "attended"), ("张工", "attended")]


def test_photographers_come_from_caption_credits():
    raw = "标题\n习近平\n我们要努力。\n2024年4月22日，习近平考察。（新华社记者 王晔、李四 摄）\n"
    found, _ = run(raw, people=PEOPLE[:1] + [{"name": "王晔", "name_en": "Wang Ye"}], doc_type="speech_text")
    assert [(p["name"], p["role"], p["name_en"]) for p in found] == [
        ("习近平", "speaker", "Xi Jinping"), ("王晔", "photographer", "Wang Ye"), ("李四", "photographer", None)]


def test_a_role_the_text_does_not_state_comes_from_the_sidecar():
    people = PEOPLE[:1] + [{"name": "赵六", "name_en": "Zhao Liu", "role": "attended"}]
    found, problems = run("习近平指出，要努力。\n", people=people)
    assert roles(found)[-1] == ("赵六", "attended", "metadata", None)
    assert problems == []


def test_a_listed_person_the_text_never_names_is_reported():
    found, problems = run("习近平指出，要努力。\n", people=PEOPLE[:2])
    assert [(p.where, p.code) for p in problems] == [("people: 王沪宁", "meta.people-unused")]


def test_the_object_of_an_earlier_verb_is_not_a_participant():
    people = PEOPLE + [{"name": "蔡奇", "name_en": "Cai Qi"}]
    found, problems = run("习近平指出，要合作。\n蔡奇、王沪宁等参加会见，张工等陪同。\n", people=people)
    assert [(p["name"], p["role"]) for p in found] == [
        ("习近平", "speaker"), ("蔡奇", "attended"), ("王沪宁", "attended"), ("张工", "attended")]
    assert problems == [] or all(p.code == "meta.people-unused" for p in problems)


def test_who_presided():
    found, _ = run("习近平指出，要团结。\n大会由王东明主持。李玉赋致词。\n")
    assert [(p["name"], p["role"]) for p in found][1:] == [("王东明", "presided"), ("李玉赋", "spoke")]


def test_an_unknown_name_keeps_its_place_in_the_list():
    found, problems = run("习近平指出，要努力。\n王沪宁、赵六、张工参加集体谈话。\n")
    assert [p["name"] for p in found] == ["习近平", "王沪宁", "赵六", "张工"]
    assert [p.code for p in problems if p.code == "meta.people-unknown"] == ["meta.people-unknown"]
