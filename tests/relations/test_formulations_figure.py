"""The formulations figure: the same facts as its table, readable without colour."""
import re
import xml.etree.ElementTree as ET

from acftu_talks.relations import formulations_figure as figure

EVENTS = ["2013-10-23", "2018-10-29", "2023-10-23"]
FORMS = [("全心全意依靠工人阶级", EVENTS, False), ("工会是职工之家，工会干部是", EVENTS[1:], False),
         ("中共中央总书记、国家主席、中央军委主席习近平", EVENTS, True)]
NS = "{http://www.w3.org/2000/svg}"


def test_one_mark_per_talk_a_formulation_is_used_in_filled_where_it_is_new():
    root = ET.fromstring(figure.svg(EVENTS, FORMS))
    marks = root.findall(f"{NS}circle")[2:]  # the legend's two first
    assert len(marks) == 3 + 2  # boilerplate left out
    assert [m.get("fill") for m in marks] == [figure.FIRST, "none", "none", figure.FIRST, "none"]


def test_the_figure_has_a_title_and_a_text_alternative():
    root = ET.fromstring(figure.svg(EVENTS, FORMS))
    assert root.get("role") == "img" and root.find(f"{NS}title").text == figure.TITLE
    desc = root.find(f"{NS}desc").text
    assert desc.startswith("2 substantive formulations recur across 3 talks (1 boilerplate")
    assert "2018-10-29: 1 first attested, 1 recurring" in desc


def test_the_table_says_what_the_figure_shows():
    rows = figure.table(EVENTS, FORMS).splitlines()[2:]
    assert rows == ["| 全心全意依靠工人阶级 | first | again | again |", "| 工会是职工之家，工会干部是 |  | first | again |"]


def test_okabe_ito_colours_and_the_same_bytes_every_time():
    assert {figure.FIRST, figure.AGAIN} <= {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                                            "#CC79A7", "#000000"}
    assert figure.svg(EVENTS, FORMS) == figure.svg(EVENTS, list(FORMS))
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", figure.svg(EVENTS, FORMS))  # no timestamp


def test_a_corpus_of_many_talks_shows_the_first_talks_only():
    """Thousands of talks would make a figure thousands of columns wide and a
    description with a sentence per talk: the first MAX_EVENTS are shown."""
    from acftu_talks.relations import formulations_figure as ff
    events = [f"20{10 + i // 12:02d}-{1 + i % 12:02d}-01-talk" for i in range(30)]
    forms = [(f"第{i}种提法的文字", [events[i], events[i + 1]], False) for i in range(29)] + [("套话", events, True)]
    described = ff.describe(events, forms)
    assert described.startswith("29 substantive formulations recur across 30 talks (1 boilerplate one is left out).")
    assert f"The first {ff.MAX_EVENTS} talks:" in described
    assert described.count("first attested") == ff.MAX_EVENTS
    assert f"{events[0]}: 1 first attested, 0 recurring" in described
    assert f"{events[1]}: 1 first attested, 1 recurring" in described and events[ff.MAX_EVENTS] + ":" not in described
    header = ff.table(events, forms).splitlines()[0]
    assert header.count("|") == ff.MAX_EVENTS + 2
    assert len(ff.table(events, forms).splitlines()) == 2 + ff.MAX_EVENTS  # rows first attested at the shown talks
    drawn = ff.svg(events, forms)
    assert drawn.count("<title>") == ff.MAX_EVENTS and described in drawn


def test_the_figure_says_when_it_shows_only_the_first_talks():
    from acftu_talks.relations import formulations_figure as ff
    many = [f"20{10 + i // 12:02d}-{1 + i % 12:02d}-01-talk" for i in range(ff.MAX_EVENTS + 1)]
    forms = [("把广大职工群众紧紧团结起来", many[:2], False)]
    assert f"The first {ff.MAX_EVENTS} of {ff.MAX_EVENTS + 1} talks" in ff.svg(many, forms)
    assert "The first" not in ff.svg(many[:ff.MAX_EVENTS], forms)


def test_the_description_counts_in_english():
    one = figure.describe(["2013-10-23"], [("工会是职工之家", ["2013-10-23"], False)])
    assert one.startswith("1 substantive formulation recurs across 1 talk (0 boilerplate ones are left out).")
    two = figure.describe(["2013-10-23", "2018-10-29"], [("甲乙丙丁戊己", ["2013-10-23", "2018-10-29"], False)] * 2 +
                      [("习近平强调", ["2013-10-23", "2018-10-29"], True)] * 2)
    assert two.startswith("2 substantive formulations recur across 2 talks (2 boilerplate ones are left out).")
