import pytest

from acftu_talks.rules.sentences import split


def sentences(text):
    return [text[a:b] for a, b in split(text)]


@pytest.mark.parametrize("text, expected", [
    ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
    ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    # a quotation spanning a sentence end stays whole with its introduction
    ("他说：“我们要努力。我们要奋斗。”大家鼓掌。", ["他说：“我们要努力。我们要奋斗。”", "大家鼓掌。"]),
    # a quotation without a stop inside does not end anything
    ("要牢记“国之大者”，找准结合点。要加强。", ["要牢记“国之大者”，找准结合点。", "要加强。"]),
    ("他问：“行吗？”她答：“行。”", ["他问：“行吗？”", "她答：“行。”"]),
    ("（注释。）正文。", ["（注释。）", "正文。"]),
    ("等等……", ["等等……"]),
    ("开始……中间。", ["开始……中间。"]),
    ("没有句号的标题", ["没有句号的标题"]),
    ("  甲。  乙。 ", ["甲。", "乙。"]),
])
def test_split(text, expected):
    assert sentences(text) == expected


def test_offsets_cover_the_text_in_order_without_overlap():
    text = "他说：“好。”我们走吧！然后……结束。"
    bounds = split(text)
    assert all(a < b for a, b in bounds)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(bounds, bounds[1:]))
    assert "".join(text[a:b] for a, b in bounds) == text


def test_a_quotation_tagged_after_it_stays_one_sentence():
    assert sentences("“工会是职工之家。”习近平说。大家鼓掌。") == ["“工会是职工之家。”习近平说。", "大家鼓掌。"]


def test_an_unclosed_quotation_does_not_swallow_the_paragraph():
    assert sentences("习近平说：“我们要努力。要奋斗。") == ["习近平说：“我们要努力。", "要奋斗。"]
    assert sentences("增强“四个意识，坚定“四个自信”。要努力。") == ["增强“四个意识，坚定“四个自信”。", "要努力。"]


from hypothesis import given, settings, strategies as st

_ALPHABET = st.sampled_from(list("甲乙丙丁。！？…“”‘’「」（）《》，：  \u3000ab"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_sentences_are_ordered_disjoint_trimmed_and_lose_only_white_space(text):
    bounds = split(text)
    assert all(0 <= a < b <= len(text) for a, b in bounds)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(bounds, bounds[1:]))
    assert all(text[a] not in " \u3000" and text[b - 1] not in " \u3000" for a, b in bounds)
    covered = set()
    for a, b in bounds:
        covered |= set(range(a, b))
    assert all(text[i] in " \u3000" for i in range(len(text)) if i not in covered)


@pytest.mark.parametrize("text, expected", [
    ("我们的目标一定能够实现！（热烈掌声）要坚持党的领导。", ["我们的目标一定能够实现！", "（热烈掌声）", "要坚持党的领导。"]),
    ("我也是从基层干起来的。（笑声）", ["我也是从基层干起来的。", "（笑声）"]),
    ("会议指出。（一）要加强领导。", ["会议指出。", "（一）要加强领导。"]),  # a numbered point is not a stage direction
])
def test_a_stage_direction_after_a_sentence_is_its_own_sentence(text, expected):
    assert [text[s:e] for s, e in split(text)] == expected
