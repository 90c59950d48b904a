import pytest

from acftu_talks.annotate import annotate
from acftu_talks.rules.front_matter import FrontMatter, segment_type
from acftu_talks.passage import Passage
from acftu_talks.rules.captions import caption_fields
from acftu_talks.segment import segment
from acftu_talks.rules.speech import SpeechRules


def notes_for(raw, doc_type="news_report", speaker="习近平", names=("王沪宁", "王东明", "李玉赋")):
    spans, _ = segment(raw)
    passages = [Passage(span) for span in spans]
    annotate(passages, doc_type, speaker, list(names))
    return spans, [p.annotation for p in passages]


def types(raw, **kw):
    spans, notes = notes_for(raw, **kw)
    return [(n.segment_type, n.speech_mode, n.speaker) for n in notes]


def test_speech_text_title_byline_body_caption_note():
    raw = ("组织动员亿万职工积极投身强国建设\n习近平\n\n"
           "\u3000\u3000我们要团结奋斗。这里，我再强调几点。\n"
           " 2024年4月22日至24日，习近平在重庆考察。这是22日下午，习近平在交流。 新华社记者 王晔 摄\n"
           "※这是习近平总书记2023年10月23日讲话的主要部分。\n")
    assert types(raw, doc_type="speech_text") == [
        ("title", "none", None),
        ("byline", "none", None),
        ("body", "direct", "习近平"),
        ("photo_caption", "none", None),
        ("editor_note", "none", None),
    ]


def test_byline_gives_the_author_of_a_speech_text():
    raw = "标题\n李四\n我们要努力。\n"
    assert types(raw, doc_type="speech_text", speaker="张三")[2] == ("body", "direct", "李四")


def test_caption_keeps_its_own_date_and_credit():
    text = "2024年4月22日至24日，习近平在重庆考察。这是22日下午，习近平在交流。 新华社记者 王晔 摄"
    assert caption_fields(text) == ("2024-04-22", "新华社记者 王晔 摄", ["王晔"])
    assert caption_fields("2023年10月23日，会见。（新华社记者 张三、李四 摄）") == (
        "2023-10-23", "新华社记者 张三、李四 摄", ["张三", "李四"])


@pytest.mark.parametrize("text", ["会议进行了拍摄。", "他进行拍摄", "大家合影留念，由专人拍摄"])
def test_text_merely_ending_in_she_is_not_a_caption(text):
    spans, _ = segment("正文第一段。\n" + text)
    front = FrontMatter([])
    assert segment_type(spans[0].text, front)[0] == "body"
    assert segment_type(spans[1].text, front)[0] == "body"


@pytest.mark.parametrize("line", ["新华社北京10月29日电", "新华社北京10月29日电（记者张三）", "人民网北京2023年5月1日电"])
def test_dateline_paragraph(line):
    raw = f"{line}\n习近平指出，要努力。\n"
    assert types(raw)[0] == ("dateline", "none", None)


def test_reported_speech_with_several_cue_verbs():
    raw = ("习近平指出，工会要努力。\n习近平强调，要坚持党的领导。要完善制度。\n"
           "习近平首先表示，大会胜利闭幕了。\n习近平在讲话中要求，要做好工作。\n")
    assert types(raw) == [("body", "reported", "习近平")] * 4


def test_lead_paragraph_mixes_narration_and_reported_speech():
    raw = ("中共中央总书记、国家主席习近平29日上午在中南海同全国总工会新一届领导班子成员集体谈话并发表重要讲话。"
           "习近平强调，我国工运事业是党的事业的重要组成部分。要坚持党对工会工作的领导。\n")
    spans, notes = notes_for(raw)
    assert (notes[0].speech_mode, notes[0].speaker) == ("mixed", "习近平")
    assert [(s.speech_mode, s.speaker, s.cue) for s in notes[0].sentences] == [
        ("narration", None, None), ("reported", "习近平", "强调"), ("reported", "习近平", None)]
    cue = notes[0].sentences[1]
    assert spans[0].text[cue.cue_start:cue.cue_end] == "强调"


def test_attendance_lists_and_reports_are_narration():
    raw = ("中共中央政治局常委、中央书记处书记王沪宁参加集体谈话。\n"
           "全国总工会主席王东明代表新一届领导班子汇报了工作。全国总工会副主席李玉赋、张工作了发言。\n"
           "丁薛祥、杨晓渡参加集体谈话。\n")
    assert types(raw) == [("body", "narration", None)] * 3


def test_narration_after_reported_speech_in_one_paragraph_ends_the_paraphrase():
    raw = "习近平强调，要团结奋斗。王沪宁参加集体谈话。\n"
    spans, notes = notes_for(raw)
    assert notes[0].speech_mode == "mixed"
    assert [s.speech_mode for s in notes[0].sentences] == ["reported", "narration"]


def test_pronoun_cue_refers_to_the_current_speaker():
    rules = SpeechRules(["习近平"])
    found = rules.sentences("他强调，要努力。", last_speaker="习近平")
    assert [(s.speech_mode, s.speaker, s.cue) for s in found] == [("reported", "习近平", "强调")]


def test_unknown_subject_before_a_cue_is_not_a_speaker():
    # "会议强调" names no person: the rules do not invent a speaker.
    assert types("会议强调，要加强团结。\n") == [("body", "narration", None)]


def test_paraphrase_continued_in_a_new_paragraph_opening_with_a_modal():
    raw = "习近平强调，要坚持党的领导。\n要加强产业工人队伍建设。\n"
    assert types(raw)[1] == ("body", "reported", "习近平")
    spans, notes = notes_for(raw)
    assert notes[1].speech_rule == "reported-continuation"


def test_every_decision_names_its_rule():
    spans, notes = notes_for("标题\n习近平强调，要努力。\n")
    assert [n.rule for n in notes] == ["title-first-line/not-body", "body-default/reporting-cue"]


# --- front matter, headings and captions in the forms the genre uses ---------

def test_peoples_daily_speech_front_matter():
    raw = ("在全国劳动模范和先进工作者表彰大会上的讲话\n（2020年11月24日）\n习近平\n"
           "同志们，朋友们：\n今天，我们隆重召开大会。\n一、坚定不移走中国特色社会主义道路\n我们要努力。\n")
    got = [(n.segment_type, n.speech_mode, n.speaker) for n in notes_for(raw, doc_type="speech_text")[1]]
    assert got == [("title", "none", None), ("dateline", "none", None), ("byline", "none", None),
                   ("body", "direct", "习近平"), ("body", "direct", "习近平"),
                   ("heading", "none", None), ("body", "direct", "习近平")]


def test_subtitle_and_a_three_line_headline_are_title_lines():
    raw = "习近平同全国总工会新一届领导班子成员集体谈话\n团结动员亿万职工积极建功新时代\n王沪宁参加\n新华社北京10月29日电\n习近平强调，要团结。\n"
    assert [n.segment_type for n in notes_for(raw)[1]] == ["title", "title", "title", "dateline", "body"]
    raw = "组织动员亿万职工\n——在同全国总工会新一届领导班子成员集体谈话时的讲话\n习近平\n我们要努力。\n"
    assert [n.segment_rule for n in notes_for(raw, doc_type="speech_text")[1]] == [
        "title-first-line", "subtitle-dash", "byline-after-title", "body-default"]


def test_title_after_an_editors_note():
    raw = "编者按：本文是讲话的主要部分。\n组织动员亿万职工\n习近平\n我们要努力。\n"
    assert [n.segment_type for n in notes_for(raw, doc_type="speech_text")[1]] == [
        "editor_note", "title", "byline", "body"]


@pytest.mark.parametrize("text, expected", [
    ("2023年10月9日，大会开幕。 新华社记者 鞠鹏 谢环驰 摄", ("2023-10-09", "新华社记者 鞠鹏 谢环驰 摄", ["鞠鹏", "谢环驰"])),
    ("2023年10月9日，大会开幕。新华社发（李响 摄）", ("2023-10-09", "新华社发（李响 摄）", ["李响"])),
    # a trip across a month end: the photo's own day names its month
    ("2024年3月29日至4月1日，习近平在湖南考察。这是3月30日下午，习近平交流。 新华社记者 谢环驰 摄",
     ("2024-03-30", "新华社记者 谢环驰 摄", ["谢环驰"])),
])
def test_caption_credit_forms(text, expected):
    assert caption_fields(text) == expected


# --- attribution in news reports ---------------------------------------------

NAMES = ["习近平", "王东明", "李强", "王沪宁"]


def modes(text, last=None):
    return [(s.speech_mode, s.speaker, s.cue) for s in SpeechRules(NAMES).sentences(text, last)]


@pytest.mark.parametrize("text, expected", [
    # a pronoun refers to the last named subject, also after narration
    ("座谈会上，习近平发表重要讲话。他指出，要坚持党的领导。",
     [("narration", None, None), ("reported", "习近平", "指出")]),
    ("全国总工会主席王东明汇报了工作。他表示，全国总工会将认真贯彻落实。",
     [("narration", None, None), ("reported", "王东明", "表示")]),
    # 他们 and 其他 are not pronoun subjects of a cue
    ("习近平指出，要加快发展。其他同志表示，要认真落实。", [("reported", "习近平", "指出"), ("narration", None, None)]),
    ("职工代表们纷纷表示，要努力工作。他们表示，要奋斗。", [("narration", None, None), ("narration", None, None)]),
    # an opening adverbial, and a long setting between name and cue
    ("会上，习近平强调，工会要忠诚党的事业。要加强团结。",
     [("reported", "习近平", "强调"), ("reported", "习近平", None)]),
    ("习近平在主持中共中央政治局第十次集体学习时强调，要加强领导。", [("reported", "习近平", "强调")]),
    # the paraphrase ends at another speaker's cue, at a narration opener, or where the report names its speaker
    ("习近平指出，中方愿加强合作。马克龙表示，法方愿意深化合作。",
     [("reported", "习近平", "指出"), ("narration", None, None)]),
    ("习近平强调，要深化改革。讲话结束后，习近平同大家合影留念。",
     [("reported", "习近平", "强调"), ("narration", None, None)]),
    ("习近平强调，要团结。大家纷纷表示，一定牢记嘱托。", [("reported", "习近平", "强调"), ("narration", None, None)]),
    # the name is not the subject
    ("正如习近平总书记所说，工会是职工之家。各级工会积极行动。", [("narration", None, None), ("narration", None, None)]),
    ("按照习近平总书记要求，各地加强了产业工人队伍建设。", [("narration", None, None)]),
    ("这是习近平总书记对工会工作的殷切希望，也是努力方向。", [("narration", None, None)]),
    # quotations are the speaker's own words; quoted phrases inside a paraphrase are not
    ("习近平说：“我们要努力。大家要奋斗！”", [("direct", "习近平", "说")]),
    ("习近平对大家说：“幸福都是奋斗出来的。”", [("direct", "习近平", "说")]),
    ("“工会是职工之家。”习近平说。", [("direct", "习近平", "说")]),
    ("习近平强调，要增强“四个意识”。", [("reported", "习近平", "强调")]),
    ("习近平总书记强调，要努力。", [("reported", "习近平", "强调")]),
])
def test_attribution_in_news_reports(text, expected):
    assert modes(text) == expected


def test_a_quotation_after_narration_makes_a_mixed_paragraph_of_direct_speech():
    spans, notes = notes_for("习近平来到车间。习近平说：“你们辛苦了！”\n", names=NAMES)
    assert (notes[0].speech_mode, notes[0].speaker, notes[0].speech_rule) == ("mixed", "习近平", "several-modes")
    spans, notes = notes_for("习近平说：“你们辛苦了！”\n", names=NAMES)
    assert (notes[0].speech_mode, notes[0].speech_rule) == ("direct", "quoted-speech")
