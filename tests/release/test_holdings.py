"""What the card says a release holds comes from the release's records: the
talks and their years, the documents and outlets, with their nouns in the
singular or plural; passages about particular documents are left out of a
release that does not hold them. Each small release is built from a subset
of corpus/ and its card checked against the records read back from it."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest

from acftu_talks.release import card, holdings
from acftu_talks.release.check import check_card_source

from conftest import CORPUS, ROOT, SCHEMA, subset_release

# Which texts of corpus/ each small release keeps.
SUBSETS = {
    "one-document": ("2013-10-23-acftu-talk-cctv",),
    "one-event": ("2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua"),
    "readout-and-speech-text": ("2023-10-23-acftu-talk-cctv", "2023-10-23-acftu-talk-qiushi"),
}
CORPUS_DOCS = sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def subsets(tmp_path_factory) -> dict:
    return {name: subset_release(tmp_path_factory.mktemp(name), docs) for name, docs in SUBSETS.items()}


@pytest.fixture(params=[*SUBSETS, "corpus"])
def built(request, subsets, release):
    """A release and what its records say it holds."""
    folder = release if request.param == "corpus" else subsets[request.param]
    def rows(config):
        return [r for f in sorted((folder / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]
    docs, events = rows("documents"), rows("events")
    held = {d["event_id"] for d in docs}
    text = (folder / "README.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return SimpleNamespace(name=request.param, folder=folder, text=text, flat=" ".join(text.split()), docs=docs,
                           events=events, held=held, sentences=rows("sentences"), paragraphs=rows("paragraphs"),
                           years=sorted({str(e["date"])[:4] for e in events if e["event_id"] in held}))


def n(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def test_the_summary_counts_the_talks_the_documents_belong_to(built):
    said = (f"{n(len(built.held), 'talk', 'talks')} ({', '.join(built.years)}) in "
            f"{n(len(built.docs), 'document', 'documents')}.")
    assert said in built.flat


def test_the_opening_line_counts_with_the_right_nouns(built):
    said = (f"{n(len(built.docs), 'document', 'documents')}, {n(len(built.paragraphs), 'paragraph', 'paragraphs')}, "
            f"{n(len(built.sentences), 'sentence', 'sentences')}.")
    assert re.search(r"Version \S+, released \S+\. " + re.escape(said), built.flat)


def test_the_kinds_of_text_and_outlets_are_those_of_the_documents(built):
    kinds, outlets = len({d["doc_type"] for d in built.docs}), len({d["publisher_en"] for d in built.docs})
    assert (f"from {n(kinds, 'kind', 'kinds')} of text and {n(outlets, 'outlet', 'outlets')}, and the `train`"
            in built.flat)
    assert (f"{n(len(built.docs), 'document', 'documents')} of {n(len(built.held), 'event', 'events')} of one kind, "
            f"from {n(outlets, 'outlet', 'outlets')}.") in built.flat
    named = re.search(r"All were published by Chinese state media \(([^)]*)\)", built.flat)[1].split(", ")
    assert len(named) == outlets


def _summary(built) -> str:
    return built.text.split("## Dataset summary", 1)[1].split("\n| | |", 1)[0]


def test_the_summary_names_only_years_of_the_releases_texts(built):
    """Every year the summary (English and Chinese) names is the year of a
    talk the release holds a document of, or of a document's publication."""
    published = {str(d["publication_date"])[:4] for d in built.docs}
    named = set(re.findall(r"(?<!\d)(20\d\d)(?!\d)", _summary(built)))
    assert named and named <= set(built.years) | published
    assert set(built.years) <= named


def test_the_summary_says_which_kinds_of_text_it_holds(built):
    summary = _summary(built)
    kinds = {d["doc_type"] for d in built.docs}
    assert ("news readout" in summary) == ("news_report" in kinds) == ("新闻通稿" in summary)
    assert ("*Qiushi*" in summary) == ("speech_text" in kinds) == ("讲话文本" in summary)
    both = any({d["doc_type"] for d in built.docs if d["event_id"] == e} == {"news_report", "speech_text"}
               for e in built.held)
    assert ("can be compared" in summary) == both


def _prose(text: str) -> str:
    """The card without its code blocks (examples that name ids)."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def test_the_card_names_no_document_the_release_does_not_hold(built):
    held = {d["doc_id"] for d in built.docs}
    named = {doc for doc in CORPUS_DOCS if re.search(re.escape(doc) + r"(?![.\w-])", _prose(built.text))}
    assert named == held


def test_the_events_table_says_which_registered_talks_have_no_document(built):
    missing = sorted(e["event_id"] for e in built.events if e["event_id"] not in built.held)
    note = re.search(r"this release holds documents of (\d+) of its (\d+)\. It holds no document of ([^:]*):",
                     built.flat)
    if not missing:
        assert note is None and "holds no document" not in built.text
    else:
        assert (int(note[1]), int(note[2])) == (len(built.held), len(built.events))
        assert re.findall(r"`([^`]+)`", note[3]) == missing


# The real corpus's statements, as the card says them (line breaks aside).
CORPUS_STATEMENTS = (
    "Version 0.2.0, released 2026-12-01. 5 documents, 38 paragraphs, 185 sentences.",
    "held after each national congress of Chinese trade unions: 3 talks (2013, 2018, 2023) in 5 documents. For "
    "each talk it holds the news readout (Xinhua's report, as Xinhua and CCTV's *Xinwen Lianbo* published it), and "
    "for 2023 also the text of the talk as published under Xi Jinping's name in the Party journal *Qiushi* in 2024, "
    "so the readout and the speaker's own text of one event can be compared. Each text is split",
    "2013年、2018年、2023年三次谈话的新闻通稿（新华社、中央电视台《新闻联播》），以及2023年谈话以习近平署名",
    "(29 persons, the `persons` config)",
    "The documents are two kinds of text, and the difference matters for almost any analysis:",
    "from 2 kinds of text and 3 outlets, and the `train`",
    "- **Very few texts.** 5 documents of 3 events of one kind, from 3 outlets. Readouts of all three talks allow "
    "comparisons over time within one genre, and the 2023 readout and speech text comparisons within one event; "
    "but one talk each five years is a small sample, and the two 2018 documents are one report, not two.",
    "All were published by Chinese state media (Xinhua, CCTV, *Qiushi*).",
    "**Which document to use for what.** The 2018 Xinhua and CCTV documents are one report",
    "To follow a formulation (提法) from 2013 to 2023, use the three readouts: same genre, one per talk.",
    "published, which for the *Qiushi* text is months later.",
    "(the 2013 and 2023 Xinwen Lianbo items)",
    "- **One-line transcripts.** The 2013 and 2023 Xinwen Lianbo files",
    "in the 2023 speech text one caption shows another event, months after the talk.",
    "the two versions of the 2018 report with their differences;",
)


def test_the_corpus_card_says_what_it_said(release):
    text = (release / "README.md").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    for statement in CORPUS_STATEMENTS:
        assert statement in flat, statement
    assert "发表于《求是》杂志的讲话文本。" in text


def test_counts_take_their_nouns_in_the_singular_or_plural():
    assert [holdings.count(k, "document") for k in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
    assert holdings.count(1, "kind of text") == "1 kind of text"
    assert holdings.count(3, "kind of text") == "3 kinds of text"
    assert [holdings.hanzi(k) for k in (1, 2, 3, 10, 12, 20, 35, 100)] == \
        ["一", "两", "三", "十", "十二", "二十", "三十五", "100"]
    assert [holdings.word(k) for k in (2, 3, 11)] == ["two", "three", "11"]


def _talks(*events) -> SimpleNamespace:
    """A summary of events given as (event_id, [(doc_type, publisher_en, publisher)])."""
    rows = [{"event_id": e, "date": e[:10], "documents": [
        {"doc_id": f"{e}-{i}", "doc_type": t, "publisher_en": p, "publisher": z, "version_of": None}
        for i, (t, p, z) in enumerate(docs)]} for e, docs in events]
    n_docs = sum(len(r["documents"]) for r in rows)
    return SimpleNamespace(events=rows, counts={"documents": n_docs}, published={("speech_text", "2024")})


XINHUA = ("news_report", "Xinhua News Agency", "新华社")
QIUSHI = ("speech_text", "Qiushi Journal (journal of the CPC Central Committee)", "求是")
OTHER = ("news_report", "People's Daily", "人民日报")


def test_the_summary_of_a_speech_text_alone_says_no_readout():
    summary = _talks(("2023-10-23-t", [QIUSHI]))
    assert holdings.summary_en(summary) == ("It holds the text of the 2023 talk as published under Xi Jinping's "
                                            "name in the Party journal *Qiushi* in 2024.")
    assert holdings.summary_zh(summary) == "2023年谈话以习近平署名发表于《求是》杂志的讲话文本。"


def test_the_summary_names_an_outlet_it_has_no_prose_name_for_by_its_record():
    summary = _talks(("2013-10-23-t", [XINHUA]), ("2018-10-29-t", [OTHER]), ("2023-10-23-t", [QIUSHI]))
    assert holdings.summary_en(summary).startswith(
        "For the 2013 and 2018 talks it holds the news readout (Xinhua's report, as Xinhua and People's Daily "
        "published it), and for 2023 the text of the talk")
    assert holdings.summary_zh(summary).startswith("2013年、2018年两次谈话的新闻通稿（新华社、人民日报），以及2023年")
    assert holdings.talks_in_documents(summary) == "3 talks (2013, 2018, 2023) in 3 documents"
    assert holdings.comparisons(summary) == ("Readouts of the 2013 and 2018 talks allow comparisons over time within "
                                             "one genre; but one talk each five years is a small sample.")


def test_an_empty_summary_holds_nothing():
    from acftu_talks.release.summary import Summary
    blocks = holdings.blocks(Summary())
    assert blocks["talks_in_documents"] == "0 talks in 0 documents"
    assert blocks["summary_en"] == blocks["summary_zh"] == blocks["comparisons"] == ""


TEMPLATE = ("Intro.\n\n{{ if holds: a b|c or d }}**P.**{{ if holds: a }} About a.{{ end if }}"
            "{{ if holds: e }} About e.{{ end if }}{{ end if }}\n\n- one\n{{ if holds: e }}- two\n  more{{ end if }}\n"
            "- three{{ if holds: c }}, c{{ end if }}.\n")


@pytest.mark.parametrize("held, shown", [
    ({"a", "b"}, "Intro.\n\n**P.** About a.\n\n- one\n- three.\n"),
    ({"a", "c", "e"}, "Intro.\n\n**P.** About a. About e.\n\n- one\n- two\n  more\n- three, c.\n"),
    ({"d"}, "Intro.\n\n**P.**\n\n- one\n- three.\n"),
    (set(), "Intro.\n\n- one\n- three.\n"),
])
def test_a_passage_is_shown_only_when_the_release_holds_what_it_names(held, shown):
    assert card.select(TEMPLATE, held) == shown


@pytest.mark.parametrize("condition, held, shown", [
    ("!a", set(), True), ("!a", {"a"}, False), ("b !a", {"b"}, True), ("b !a", {"a", "b"}, False),
    ("!a|b", {"a"}, False), ("!a|b", {"a", "b"}, True), ("!a or b", {"a", "b"}, True),
])
def test_a_name_after_an_exclamation_mark_is_one_the_release_does_not_hold(condition, held, shown):
    assert card.holds(condition, held) is shown


@pytest.mark.parametrize("template, line", [("x\n{{ if holds: a }}y", 2), ("x\n\ny{{ end if }}", 3)])
def test_an_unbalanced_passage_is_a_template_error(tmp_path, template, line):
    with pytest.raises(ValueError, match=f"line {line}: "):
        card.conditions(template)
    path = tmp_path / "card.md"
    path.write_text("{{ version }} {{ count_paragraphs }} {{ fields_tables }}\n" + template, encoding="utf-8")
    for name in ("RIGHTS.md", "LICENSE", "CHANGELOG.md"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    problems = check_card_source(path, SCHEMA, tmp_path)
    assert [(p.line, p.code) for p in problems] == [(line + 1, "card.unbalanced-if")]


def test_every_passage_of_the_card_names_a_text_of_the_corpus():
    """A passage whose condition names no document, event or kind of text of
    corpus/, nor anything the relation step finds (a typo), would never be
    shown (or, after !, always)."""
    template = (ROOT / "dataset_card.md").read_text(encoding="utf-8")
    known = (set(CORPUS_DOCS) | {d.rsplit("-", 1)[0] for d in CORPUS_DOCS} | {"news_report", "speech_text"}
             | set(holdings.FOUND))
    for line, condition in card.conditions(template):
        tokens = {alt.removeprefix("!") for group in condition.split(" or ") for token in group.split()
                  for alt in token.split("|")}
        assert tokens <= known, (line, tokens - known)


def _rows(folder, config: str) -> list[dict]:
    return [r for f in sorted((folder / "data" / config).glob("*.parquet")) for r in pq.read_table(f).to_pylist()]


def _found(built) -> dict:
    forms = _rows(built.folder, "formulations")
    return {"alignments": len(_rows(built.folder, "alignments")), "formulations": len(forms),
            "substantive": sum(not f["boilerplate"] for f in forms)}


def _section(built) -> str:
    return built.text.split("## Alignments and formulations", 1)[1].split("### Querying the alignments", 1)[0]


def test_a_release_without_formulations_says_none_recurs_and_shows_no_table(built):
    """The corpus's subsets of one talk have no formulations: the card says so
    in words, with no count of 0 and no empty figure or tables; a release that
    has some gives their count, figure and tables."""
    found, section = _found(built), _section(built)
    flat = " ".join(section.split())
    none = "(none in this release: no passage of one of its talks recurs at another)"
    if found["formulations"]:
        assert f"({found['formulations']} formulations, of which " in flat and none not in flat
        assert "How much of each document recurs" in section and "| formulation |" in section
        assert "(images/formulations.svg)" in section
    else:
        assert none in flat
        assert "0 formulations" not in flat and "of which 0" not in flat
        assert "| formulation |" not in section and "How much of each document recurs" not in section
        assert "formulations.svg" not in section and "| doc_id | event |" not in section
    if built.name in ("one-document", "one-event", "readout-and-speech-text"):
        assert not found["formulations"]  # else this test would not see the case it is for
    if built.name == "corpus":
        assert found["substantive"]


def test_a_release_without_alignments_says_so_and_scores_nothing(built):
    found, section = _found(built), _section(built)
    flat = " ".join(section.split())
    if found["alignments"]:
        assert "aligned pair of spans (none in this release)" not in flat
        assert "| kind | gold cases |" in section and "nothing to measure" not in flat
    else:
        assert "aligned pair of spans (none in this release);" in flat
        assert "0 `version`" not in flat and "| kind | gold cases |" not in section
        assert "With no alignment rows, this release has nothing to measure against the gold set" in flat
    assert bool(found["alignments"]) == (built.name != "one-document")


def test_formulations_that_are_all_boilerplate_get_no_figure_but_a_sentence():
    template = (ROOT / "dataset_card.md").read_text(encoding="utf-8")
    section = template.split("## Alignments and formulations", 1)[1].split("### Querying", 1)[0]
    held = {holdings.ALIGNMENTS, holdings.FORMULATIONS}
    shown = card.select(section, held)
    assert "Every formulation of this release is the genre's boilerplate" in shown
    assert "{{ formulations_figure }}" not in shown and "{{ formulations_table }}" not in shown
    assert "{{ reuse_table }}" in shown and "{{ formulation_counts }}" in shown
    full = card.select(section, held | {holdings.SUBSTANTIVE})
    assert "{{ formulations_figure }}" in full and "genre's boilerplate: there is no figure" not in full


def test_what_the_relation_step_found_comes_from_its_counts_and_rows():
    def summary(alignments, forms):
        return SimpleNamespace(counts={"alignments": alignments, "formulations": len(forms)},
                               relations={"formulations": forms})
    assert holdings.found(summary(0, [])) == set()
    assert holdings.found(summary(3, [])) == {"alignments"}
    assert holdings.found(summary(3, [("x", [], True)])) == {"alignments", "formulations"}
    assert holdings.found(summary(3, [("x", [], True), ("y", [], False)])) == set(holdings.FOUND)
    assert holdings.found(SimpleNamespace(counts={})) == set()


def test_the_card_counts_the_registry_and_the_people_the_texts_name(built):
    """The persons config lists the whole registry: a release of part of the
    corpus says how many of those people its texts name (by name or alias),
    the whole corpus that it names them all."""
    persons = _rows(built.folder, "persons")
    text = "\n".join(p["text"] for p in built.paragraphs)
    named = {p["person_id"] for p in persons if any(form in text for form in [p["name"], *p["aliases"]])}
    # everyone the documents' participants name is among them
    assert {x["person_id"] for d in built.docs for x in d["participants"] or []} <= named
    said = re.search(r"The people the texts name are one registry \(([^)]*)\)", built.flat)[1]
    if len(named) == len(persons):
        assert said == f"{len(persons)} persons, the `persons` config"
    else:
        assert said == (f"the `persons` config, which lists all {len(persons)} persons of `corpus/persons.toml`; "
                        f"this release's texts name {len(named)} of them")
    assert (len(named) < len(persons)) == (built.name != "corpus")


@pytest.mark.parametrize("registered, named, said", [
    (29, 29, "29 persons, the `persons` config"),
    (29, None, "29 persons, the `persons` config"),
    (29, 12, "the `persons` config, which lists all 29 persons of `corpus/persons.toml`; "
             "this release's texts name 12 of them"),
    (1, 0, "the `persons` config, which lists the 1 person of `corpus/persons.toml`; "
           "this release's texts name none of them"),
])
def test_the_persons_block_says_what_the_release_holds(registered, named, said):
    summary = SimpleNamespace(counts={"persons": registered}, persons_named=named)
    assert holdings.persons_held(summary) == said
