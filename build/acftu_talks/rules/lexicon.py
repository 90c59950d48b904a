"""Every vocabulary the rules use, declared once, each entry with an example.

A linguist extends the rules here: add a reporting verb, an agency or an
adverb with the sentence that shows it in use, and every rule that needs the
vocabulary picks it up. The rules (``registry.py``) say *how* the words are
used; this module only says *which* words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of words, each with a sentence of the genre using it."""

    name: str
    description: str
    entries: tuple[tuple[str, str], ...]  # (word, example)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for word, _ in self.entries)

    def pattern(self) -> str:
        """An alternation of the words, longest first (so that 作了发言 wins over 发言)."""
        return "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))

    def __add__(self, other: "Vocabulary") -> "Vocabulary":
        return Vocabulary(f"{self.name}+{other.name}", self.description,
                          self.entries + tuple(e for e in other.entries if e[0] not in self.words))


# --- Characters -------------------------------------------------------------

# The CJK Unified Ideographs block: the characters of Chinese words and names.
HAN = "\u4e00-\u9fff"
# White space that sets words apart in Chinese web text: ASCII space and tab,
# the ideographic space U+3000 (paragraph indents) and NBSP (copied web pages).
SPACES = " \t\u3000\u00a0"
# Invisible characters: they draw nothing, so a line holding only them looks
# blank and one at a paragraph's edge would retype it (a leading U+200F hides
# a dateline). The zero-width space, non-joiner, joiner, word joiner and BOM;
# the bidi marks, embeddings and isolates (U+200E/F, U+202A-E, U+2066-9); the
# soft hyphen U+00AD, the combining grapheme joiner U+034F, the Mongolian
# vowel separator U+180E, the invisible operators U+2061-4; the Hangul
# fillers U+115F, U+1160, U+3164, U+FFA0; variation selectors U+FE00-F.
ZERO_WIDTH = ("\u200b\u200c\u200d\u2060\ufeff"
              "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
              "\u00ad\u034f\u180e\u2061\u2062\u2063\u2064"
              "\u115f\u1160\u3164\uffa0"
              "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07"
              "\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f")
# Sentence ends, full-width and ASCII: 。！？ and !?
TERMINALS = "。！？!?"
# Marks that end a clause inside a sentence: ， ； ： and their ASCII forms.
CLAUSE_MARKS = "，；：,;:"
COMMAS = "，,"
COLONS = "：:"
# Quotation marks (double and single, Chinese and Japanese-style corner brackets).
QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}
# Marks that may follow a sentence end and still belong to it: 。” 。） 。》 。】
CLOSERS = "”’」』）)》】"
OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
# A dash opening a subtitle: ——在……上的讲话
DASHES = ("——", "—", "－－")
CHINESE_NUMERALS = "一二三四五六七八九十"

# A Chinese personal name: two to four Han characters (张三, 王沪宁, 欧阳明高),
# or a transliterated name with interpuncts (阿不都热依木·阿不都热西提).
PERSON_NAME = rf"(?:[{HAN}]{{1,8}}(?:·[{HAN}]{{1,8}})+|[{HAN}]{{2,4}})"

# --- Speech -------------------------------------------------------------------

REPORTING_VERBS = Vocabulary("reporting_verbs", "verbs that introduce a speaker's words", (
    ("指出", "习近平指出，工会要坚持党的领导。"),
    ("强调", "习近平强调，我国工运事业是党的事业的重要组成部分。"),
    ("表示", "李强表示，中方愿同各方加强合作。"),
    ("要求", "习近平要求，各级党委要加强对工会工作的领导。"),
    ("认为", "双方认为，中法关系具有独特战略意义。"),
    ("希望", "习近平希望，广大青年坚定理想信念。"),
    ("提出", "习近平提出，要加快建设农业强国。"),
    ("宣布", "习近平宣布，中方将采取以下举措。"),
    ("谈到", "习近平谈到，中非友好历久弥新。"),
    ("鼓励", "习近平鼓励，大家在新征程上再立新功。"),
    ("勉励", "习近平勉励，同学们要志存高远。"),
    ("寄语", "习近平寄语，新时代的中国青年要勇于担当。"),
    ("重申", "王毅重申，一个中国原则是国际共识。"),
    ("号召", "习近平号召，全国各族人民团结奋斗。"),
    ("呼吁", "习近平呼吁，国际社会共同应对挑战。"),
    ("告诫", "习近平告诫，领导干部要严以律己。"),
    ("提醒", "习近平提醒，要防范化解重大风险。"),
    ("说", "习近平说：“我们要一起向未来。”"),
))
# Extra verbs that tag a quotation after it closes: “……”习近平感慨道。
TAG_VERBS = REPORTING_VERBS + Vocabulary("tag_verbs", "verbs that tag a quotation after it", (
    ("感慨道", "“这是一个了不起的成就。”习近平感慨道。"),
    ("说道", "“大家辛苦了！”习近平说道。"),
    ("笑着说", "“你们是好样的。”习近平笑着说。"),
))
# Speech acts a readout reports without a comma after the verb: the act
# itself is the speaker's words (习近平代表党中央，对大会成功召开表示热烈祝贺).
SPEECH_ACT_VERBS = Vocabulary("speech_act_verbs", "verbs of a speech act reported as a whole", (
    ("表示", "习近平代表党中央，对大会成功召开表示热烈祝贺。"),
    ("致以", "向全国各族职工群众致以诚挚的问候。"),
    ("致", "习近平向大会致贺信。"),
))
SPEECH_ACT_OBJECTS = Vocabulary("speech_act_objects", "what a speech act conveys", (
    ("祝贺", "对新一届领导班子表示祝贺。"),
    ("感谢", "对各方支持表示衷心感谢。"),
    ("慰问", "向受灾群众表示慰问。"),
    ("问候", "向全国各族职工群众致以诚挚的问候。"),
    ("敬意", "向全国广大劳动模范致以崇高的敬意。"),
    ("欢迎", "对各位来宾表示热烈欢迎。"),
    ("哀悼", "对遇难者表示深切哀悼。"),
    ("祝福", "向全国人民致以新年的祝福。"),
    ("贺信", "习近平向大会致贺信。"),
))
# Who a speech act is addressed to: 对大会成功召开…… 向全国各族职工群众……
ADDRESSEE_MARKERS = Vocabulary("addressee_markers", "words before the addressee of a speech act", (
    ("对", "习近平对东道主的周到安排表示感谢。"),
    ("向", "习近平向全国广大劳动群众致以节日的问候。"),
))
# On whose behalf: 习近平代表党中央，
ON_BEHALF = Vocabulary("on_behalf", "on whose behalf a speaker acts", (
    ("代表", "习近平代表党中央，对大会成功召开表示热烈祝贺。"),
))
ADVERBS = Vocabulary("adverbs", "adverbs and phrases between a speaker and the verb", (
    ("首先", "习近平首先表示，大会胜利闭幕了。"),
    ("还", "习近平还指出，要加强基层组织建设。"),
    ("也", "王沪宁也强调，要抓好贯彻落实。"),
    ("又", "习近平又说，要把工作做细。"),
    ("进一步", "习近平进一步指出，要深化改革。"),
    ("特别", "习近平特别强调，安全生产是底线。"),
    ("最后", "习近平最后指出，要加强党的领导。"),
    ("再次", "习近平再次强调，要坚持人民至上。"),
    ("同时", "习近平同时指出，要防范风险。"),
    ("深刻", "习近平深刻指出，人民是历史的创造者。"),
    ("明确", "习近平明确要求，要压实责任。"),
    ("郑重", "习近平郑重宣布，中国将如期实现目标。"),
    ("充分", "习近平充分肯定，工会工作取得新成绩。"),
    ("高度", "习近平高度评价，中法关系具有战略意义。"),
    ("亲切", "习近平亲切勉励，大家再立新功。"),
    ("一再", "习近平一再强调，要以人民为中心。"),
    ("在讲话中", "习近平在讲话中要求，要做好工作。"),
))
# Titles written between a name and its verb: 习近平总书记强调，
TITLES_AFTER_NAME = Vocabulary("titles_after_name", "titles between a name and its verb", (
    ("同志", "习近平同志指出，要坚持党的领导。"),
    ("总书记", "习近平总书记强调，要团结奋斗。"),
    ("主席", "习近平主席表示，中方愿同各方合作。"),
))
# Titles that stand for their holder when the text has named him with them:
# 总书记指出， after 中共中央总书记、国家主席习近平 or 习近平总书记.
TITLES = Vocabulary("titles", "titles that name their holder alone", (
    ("总书记", "总书记强调，要坚持党的全面领导。"),
    ("国家主席", "国家主席指出，要坚持人民至上。"),
    ("主席", "主席表示，中方愿同各方加强合作。"),
    ("总理", "总理指出，要稳住经济大盘。"),
    ("委员长", "委员长强调，要加强人大工作。"),
))
# A title after these is another, lower office: 副主席 is not 主席.
DEPUTY_PREFIXES = Vocabulary("deputy_prefixes", "prefixes that make a title another office", (
    ("副", "全国总工会副主席徐留平作了发言。"),
    ("常务副", "常务副主席王东明主持。"),
))
PRONOUNS = Vocabulary("pronouns", "third-person pronouns that refer to the last speaker", (
    ("他", "他强调，要坚持党的领导。"),
    ("她", "她表示，要做好妇女工作。"),
))
# When a name is not the subject of the verb after it: 按照习近平总书记要求，
NOT_SUBJECT = Vocabulary("not_subject", "words before a name that make it not the subject", (
    ("按照", "按照习近平总书记要求，各地加强工作。"),
    ("根据", "根据习近平指示，有关部门全力搜救。"),
    ("遵照", "遵照习近平主席命令，部队紧急出动。"),
    ("依照", "依照习近平强调的原则，推进改革。"),
    ("正如", "正如习近平总书记所说，幸福是奋斗出来的。"),
    ("如同", "如同习近平所说，道路决定命运。"),
    ("诚如", "诚如习近平所言，实干兴邦。"),
    ("牢记", "牢记习近平总书记嘱托，奋力前进。"),
    ("落实", "落实习近平总书记要求，全面从严治党。"),
    ("贯彻", "贯彻习近平总书记指示，做好防汛工作。"),
    ("这是", "这是习近平总书记的殷切希望。"),
    ("是", "这些成绩的取得，是习近平总书记亲自部署的结果。"),
    ("对", "大家对习近平总书记的讲话表示拥护。"),
    ("向", "代表们向习近平总书记报告工作。"),
    ("给", "他们给习近平总书记写信。"),
    ("把", "把习近平总书记的关怀传达下去。"),
    ("将", "将习近平总书记的要求落到实处。"),
    ("为", "为习近平总书记的讲话热烈鼓掌。"),
))
# A cue whose subject is a group, not a person: it ends a running paraphrase.
GROUP_SUBJECTS = Vocabulary("group_subjects", "subjects of a cue that are groups, not a known person", (
    ("们", "与会代表们表示，要认真学习。"),
    ("大家", "大家纷纷表示，要把讲话精神带回去。"),
    ("双方", "双方一致认为，要加强合作。"),
    ("各方", "各方表示，愿共同努力。"),
    ("会议", "会议强调，要抓好落实。"),
    ("与会者", "与会者认为，讲话具有指导意义。"),
    ("代表", "劳模代表表示，要立足岗位作贡献。"),
    ("同志", "全总同志表示，要牢记嘱托。"),
    ("人士", "各界人士表示，讲话振奋人心。"),
))
GROUP_ADVERBS = Vocabulary("group_adverbs", "adverbs after a group subject", (
    ("纷纷", "大家纷纷表示，深受鼓舞。"),
    ("一致", "双方一致认为，要加强合作。"),
    ("都", "大家都表示，要不负嘱托。"),
    ("也", "代表们也表示，要努力工作。"),
    ("还", "会议还强调，要加强领导。"),
    ("均", "各方均表示，愿意合作。"),
    ("首先", "会议首先指出，要提高认识。"),
    ("进一步", "会议进一步要求，要压实责任。"),
))
# Openers after which a report narrates the event again.
NARRATION_OPENERS = Vocabulary("narration_openers", "openers after which the report narrates again", (
    ("随后", "随后，习近平参观了展览。"),
    ("之后", "之后，习近平同大家合影留念。"),
    ("此后", "此后，代表们进行了分组讨论。"),
    ("讲话结束后", "讲话结束后，全场响起热烈掌声。"),
    ("会前", "会前，习近平会见了全体代表。"),
    ("会后", "会后，习近平同代表们亲切交流。"),
    ("会上", "会上，王东明代表新一届领导班子汇报了工作。"),
    ("考察期间", "考察期间，习近平听取了工作汇报。"),
))
# Fixed phrases that name a person without being a mention of the speaker:
# 习近平新时代中国特色社会主义思想 inside his own paraphrase.
FIXED_PHRASE_SUFFIXES = Vocabulary("fixed_phrase_suffixes", "words after a name that make a fixed phrase", (
    ("新时代", "要深入学习贯彻习近平新时代中国特色社会主义思想。"),
    ("总书记重要", "要深入学习习近平总书记重要讲话精神。"),
    ("总书记关于", "要认真贯彻习近平总书记关于工人阶级和工会工作的重要论述。"),
    ("同志为核心", "要更加紧密地团结在以习近平同志为核心的党中央周围。"),
    ("同志关于", "要学习习近平同志关于劳动的论述。"),
    ("外交思想", "要坚持以习近平外交思想为指导。"),
    ("经济思想", "要坚持以习近平经济思想为指导。"),
    ("法治思想", "要深入贯彻习近平法治思想。"),
    ("生态文明思想", "要践行习近平生态文明思想。"),
    ("强军思想", "要贯彻习近平强军思想。"),
    ("文化思想", "要贯彻习近平文化思想。"),
))
# Verbs that narrate what people did at the event, not what was said.
NARRATION_VERBS = Vocabulary("narration_verbs", "verbs that narrate actions at the event", (
    ("参加", "丁薛祥参加集体谈话。"),
    ("出席", "蔡奇出席。"),
    ("主持", "座谈会由王东明主持。"),
    ("陪同", "王沪宁陪同考察。"),
    ("会见", "习近平会见了全体代表。"),
    ("汇报", "王东明代表新一届领导班子汇报了工作。"),
    ("作了发言", "李玉赋作了发言。"),
    ("发言", "劳模代表先后发言。"),
    ("考察", "习近平在重庆考察。"),
    ("调研", "习近平在湖南调研。"),
    ("视察", "习近平视察部队。"),
    ("合影", "习近平同大家合影留念。"),
))
# The modal of a leader's instructions, opening a paraphrase that runs on.
MODALS = Vocabulary("modals", "modals opening an instruction", (
    ("要", "要坚持党对工会工作的领导。"),
    ("必须", "必须坚持以人民为中心的发展思想。"),
    ("应当", "应当加强对职工的思想政治引领。"),
    ("应该", "应该把工作做深做实。"),
    ("务必", "务必保持谦虚谨慎的作风。"),
))

# --- Participants -------------------------------------------------------------

ROLE_VERBS = {
    "attended": Vocabulary("attended", "verbs of attending", (
        ("参加", "丁薛祥参加集体谈话。"),
        ("出席", "蔡奇出席会议。"),
        ("陪同", "王沪宁陪同考察。"),
    )),
    "reported": Vocabulary("reported", "verbs of reporting on work", (
        ("汇报", "王东明代表新一届领导班子汇报了工作。"),
    )),
    "spoke": Vocabulary("spoke", "verbs of speaking at the event", (
        ("作了发言", "李玉赋作了发言。"),
        ("发言", "劳模代表先后发言。"),
        ("致辞", "王东明致辞。"),
        ("致词", "王东明致词。"),
    )),
    "presided": Vocabulary("presided", "verbs of presiding", (
        ("主持", "座谈会由王东明主持。"),
    )),
}
# The agent of a passive clause: 大会由王东明主持
AGENT_MARKERS = Vocabulary("agent_markers", "words before the agent of a passive clause", (
    ("由", "座谈会由王东明主持。"),
))
LIST_SEPARATORS = Vocabulary("list_separators", "separators of names in a list", (
    ("、", "丁薛祥、杨晓渡参加集体谈话。"),
    ("和", "王东明和李玉赋参加。"),
    ("及", "王东明及李玉赋参加。"),
))
LIST_ENDINGS = Vocabulary("list_endings", "words closing a list of names", (
    ("等同志", "王东明、李玉赋等同志参加。"),
    ("同志", "王东明同志参加。"),
    ("等", "王东明、李玉赋等参加。"),
))

# --- Sources, datelines and captions ----------------------------------------

AGENCIES = Vocabulary("agencies", "news agencies and outlets that sign datelines and source tags", (
    ("新华社", "新华社北京10月23日电"),
    ("新华网", "新华网北京10月23日电"),
    ("中新社", "中新社北京10月23日电"),
    ("人民网", "人民网北京10月23日电"),
    ("央视网", "央视网消息（新闻联播）："),
    ("本报", "本报北京10月23日讯"),
    ("人民日报", "人民日报记者 张三"),
))
# The dispatch mark after a dateline's day: 电 (wire) or 讯 (newspaper).
DISPATCH_MARKS = Vocabulary("dispatch_marks", "marks closing a dateline", (
    ("电", "新华社北京10月23日电"),
    ("讯", "本报北京10月23日讯"),
))
CREDIT_KEYWORDS = Vocabulary("credit_keywords", "words of a photo credit's agency part", (
    ("记者", "新华社记者 鞠鹏 摄"),
    ("通讯员", "通讯员 张三 摄"),
    ("摄影", "本报摄影 张三 摄"),
))
PHOTO_MARKS = Vocabulary("photo_marks", "the verb closing a photo credit", (
    ("摄", "新华社记者 鞠鹏 摄"),
    ("摄影", "张三 摄影"),
))
# A caption names its photo's day after a range: 这是22日下午，图为23日
PHOTO_DAY_MARKERS = Vocabulary("photo_day_markers", "words naming the day of a photo", (
    ("这是", "这是22日下午，习近平在交流。"),
    ("图为", "图为23日，习近平在考察。"),
))
EDITOR_NOTE_MARKS = Vocabulary("editor_note_marks", "marks opening an editor's note", (
    ("※", "※这是习近平总书记2023年10月23日讲话的主要部分。"),
    ("编者按", "编者按：本文是习近平总书记的讲话。"),
))
# Stage directions a speech transcript inserts: （掌声） （笑声）
STAGE_DIRECTIONS = Vocabulary("stage_directions", "stage directions in brackets", (
    ("掌声", "我们的目标一定能够实现！（掌声）"),
    ("热烈掌声", "（热烈掌声）"),
    ("长时间热烈掌声", "（长时间热烈掌声）"),
    ("笑声", "我也是从基层干起来的。（笑声）"),
    ("全场鼓掌", "（全场鼓掌）"),
))
# Web boilerplate around an article: （完） 责任编辑：张三 【纠错】
BOILERPLATE_MARKS = Vocabulary("boilerplate_marks", "web page boilerplate that is not the article", (
    ("（完）", "（完）"),
    ("责任编辑", "责任编辑：张三"),
    ("编辑", "编辑：李四"),
    ("【纠错】", "【纠错】"),
    ("【打印】", "【打印】"),
    ("分享到", "分享到："),
    ("来源", "来源：新华社"),
))
