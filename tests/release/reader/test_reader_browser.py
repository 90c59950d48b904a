"""The reader in a real browser: Debian's Chromium, headless, from file://.

Without Chromium or Playwright (a newcomer's machine) these tests skip and
say why; on CI (CI=true) they fail instead, so that CI can never pass without
running them. Screenshots of the main views go to tests/artifacts/reader/.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import CORPUS, ROOT
from reader_fixture import A, B, C, write_fixture_release

from acftu_talks.release.reader import READER_FILE, render, write_reader
from acftu_talks.release.reader.model import build_model

CHROMIUM = Path("/usr/bin/chromium")
PAIRED = re.compile(r"\bpaired\b")
ARTIFACTS = ROOT / "tests" / "artifacts" / "reader"
# This machine's closed network refuses connections: no background services.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed: pip install -e '.[test]'"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}: apt-get install chromium"
    return None


def require_browser() -> None:
    """Skip where the browser is missing; on CI, fail."""
    reason = _unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run on CI: {reason}")
        pytest.skip(reason)


def test_a_missing_browser_skips_with_a_reason_but_fails_on_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium at .*apt-get install chromium"):
        require_browser()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="browser tests cannot run on CI"):
        require_browser()


def expect(locator):
    from playwright.sync_api import expect as playwright_expect
    return playwright_expect(locator)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright
    profile = tempfile.mkdtemp(prefix="reader-chromium-")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1366, "height": 800}, locale="en-GB")
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def open_page(browser):
    """open_page(path, fragment) -> page; fails the test on any console error."""
    pages, errors = [], []

    def opener(path: Path, fragment: str = ""):
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: errors.append(f"request {r.url}") if not r.url.startswith(("file:", "data:")) else None)
        page.goto(path.as_uri() + fragment)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
    assert errors == []


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def rows(release: Path, config: str) -> list[dict]:
    return [r for f in sorted((release / "data" / config).glob("*.parquet")) for r in pq.ParquetFile(f).read().to_pylist()]


@pytest.fixture(scope="module")
def fixture_reader(tmp_path_factory) -> Path:
    stage = write_fixture_release(tmp_path_factory.mktemp("reader") / "stage")
    write_reader(stage)
    return stage / READER_FILE


def test_every_paragraph_is_reachable_from_the_talks(release, open_page):
    page = open_page(release / READER_FILE)
    page.wait_for_selector(".event")
    shot(page, "talks")
    assert page.inner_text("main h1") == "The talks 三次集体谈话 3 talks, 5 documents"
    assert page.locator(".event").count() == 3
    reached = set()
    for doc_id in page.eval_on_selector_all("a[data-doc]", "els => els.map(e => e.dataset.doc)"):
        page.goto((release / READER_FILE).as_uri())
        page.click(f"a[data-doc='{doc_id}']")
        page.wait_for_selector("section.para")
        reached |= set(page.eval_on_selector_all("section.para", "els => els.map(e => e.id)"))
    assert reached == {r["paragraph_id"] for r in rows(release, "paragraphs")}


def test_a_document_marks_speech_modes_cues_and_captions(release, open_page):
    page = open_page(release / READER_FILE, "#2023-10-23-acftu-talk-qiushi")
    page.wait_for_selector("section.para")
    shot(page, "document-speech-text")
    caption = page.locator("section.seg-photo_caption").nth(1)
    assert "2024-04-22" in caption.inner_text() and "not the talk's date" in caption.inner_text()
    # Each speech mode is a label, not only a colour.
    assert "direct speech" in page.locator("section.mode-direct .mode-label").first.inner_text()
    page.goto((release / READER_FILE).as_uri() + "#2018-10-29-acftu-talk-xinhua")
    page.wait_for_selector("section.para")
    cues = page.eval_on_selector_all("mark.cue", "els => els.map(e => e.textContent)")
    expected = [s["reporting_cue"] for s in rows(release, "sentences")
                if s["doc_id"] == "2018-10-29-acftu-talk-xinhua" and s["reporting_cue"]]
    assert cues[-len(expected):] == expected  # the legend's sample comes first
    # The deciding rule appears on focus.
    page.focus("[id='2018-10-29-acftu-talk-xinhua.p003'] .rule-btn")
    tip = page.locator("[id='2018-10-29-acftu-talk-xinhua.p003'] .rule-tip")
    assert tip.is_visible() and "body-default/reporting-cue" in tip.inner_text()


def test_a_permalink_opens_its_sentence_highlighted_and_cites_it(release, open_page):
    sid = "2018-10-29-acftu-talk-xinhua.p003.s02"
    page = open_page(release / READER_FILE, "#" + sid)
    target = page.locator(f"[id='{sid}']")
    target.wait_for()
    assert "target" in target.get_attribute("class")
    assert page.evaluate("document.activeElement.id") == sid
    assert target.is_visible() and page.evaluate(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); "
        "return r.top >= 0 && r.bottom <= innerHeight; }", sid)
    page.click("#sel-cite")
    page.wait_for_function("document.getElementById('cite-out').textContent.length > 0")
    cited = page.inner_text("#cite-out")
    from acftu_talks import __version__
    from acftu_talks.release import cite
    assert sid in cited and __version__ in cited and cite.TITLE in cited
    shot(page, "permalink-sentence")
    page.goto((release / READER_FILE).as_uri() + "#2018-10-29-acftu-talk-xinhua.p003")
    page.wait_for_selector("section.para.target")
    assert page.locator("section.para.target").get_attribute("id") == "2018-10-29-acftu-talk-xinhua.p003"


def _raw_counts(phrase: str) -> dict[str, int]:
    # Counted in the raw texts of corpus/, not in the release's records.
    counts = {p.stem: p.read_text(encoding="utf-8").count(phrase) for p in sorted(CORPUS.glob("*.txt"))}
    return {doc: n for doc, n in counts.items() if n}


def _hits(page) -> list[str]:
    return page.eval_on_selector_all("#hits tr", "els => els.map(e => e.dataset.doc)")


@pytest.mark.parametrize("phrase", ["职工之家", "工会工作"])
def test_search_finds_every_occurrence_in_the_right_documents(release, open_page, phrase):
    page = open_page(release / READER_FILE, "#/search")
    page.fill("#q", phrase)
    expected = _raw_counts(phrase)
    found = {}
    for doc in _hits(page):
        found[doc] = found.get(doc, 0) + 1
    assert found == expected
    assert page.inner_text("#counts").startswith(f"{sum(expected.values())} hits")
    row = page.locator("#hits tr").first
    assert row.locator(".match").inner_text() == phrase
    shot(page, f"search-{len(phrase)}")


def test_each_search_filter_narrows_the_hits(release, open_page):
    # Expected counts per value come from the sentences config: 工会 never
    # spans two sentences, so its hits are its counts in sentence texts.
    phrase = "工会"
    sentences = rows(release, "sentences")
    docs = {d["doc_id"]: d for d in rows(release, "documents")}
    values = {"doc": lambda s: s["doc_id"], "event": lambda s: s.get("event_id") or str(docs[s["doc_id"]]["date"]),
              "seg": lambda s: s["segment_type"], "mode": lambda s: s["speech_mode"],
              "speaker": lambda s: s["speaker"] or "-"}
    page = open_page(release / READER_FILE, "#/search")
    page.fill("#q", phrase)
    total = len(_hits(page))
    assert total == sum(s["text"].count(phrase) for s in sentences)
    for facet, value_of in values.items():
        expected = {}
        for s in sentences:
            expected[value_of(s)] = expected.get(value_of(s), 0) + s["text"].count(phrase)
        narrower = sorted(v for v, n in expected.items() if 0 < n < total)
        assert narrower, facet
        value = narrower[0]
        page.select_option(f"#f-{facet}", value)
        assert len(_hits(page)) == expected[value] < total, (facet, value)
        assert f"({expected[value]})" in page.locator(f"#f-{facet} option:checked").inner_text()
        if facet == "seg":
            shot(page, "search-filtered")
        page.select_option(f"#f-{facet}", "")
        assert len(_hits(page)) == total


def test_the_2018_versions_mark_their_differences(release, open_page):
    page = open_page(release / READER_FILE, "#/")
    page.click("text=Compare the two versions")
    page.wait_for_selector("[data-diff-row]")
    assert page.locator("[data-diff-row]").count() == 3
    assert page.locator(".col .diff").count() >= 3
    shot(page, "versions-2018")


def test_side_by_side_of_the_2023_talk(release, open_page):
    event_id = next(d.get("event_id") or d["doc_id"][:10] for d in rows(release, "documents")
                    if d["doc_type"] == "speech_text")
    page = open_page(release / READER_FILE, "#/compare/" + event_id)
    page.wait_for_selector(".cols")
    assert page.locator(".col[data-col=readout] .cmp-sent").count() > 0
    assert page.locator(".col[data-col=speech] .cmp-sent").count() > 0
    if (release / "data" / "alignments").is_dir():
        assert page.locator(".cmp-sent.aligned").count() > 0
    else:
        assert "no alignments config" in page.inner_text("main")
    shot(page, "side-by-side-2023")


def test_side_by_side_links_an_aligned_pair(fixture_reader, open_page):
    page = open_page(fixture_reader, "#/compare/2023-01-02-test-talk")
    left = page.locator(f".col[data-col=readout] [data-sid='{A}.p001.s01']")
    right = page.locator(f".col[data-col=speech] [data-sid='{B}.p001.s01']")
    left.hover()
    expect(right).to_have_class(PAIRED)
    expect(left).to_have_class(PAIRED)
    expect(page.locator(f"[data-sid='{B}.p001.s02']")).not_to_have_class(PAIRED)
    right.focus()
    expect(left).to_have_class(PAIRED)
    omitted = page.locator(f"[data-sid='{B}.p001.s02']")
    assert "omitted" in omitted.get_attribute("class") and "Not in the readout" in page.evaluate(
        "el => getComputedStyle(el, '::before').content", omitted.element_handle())
    shot(page, "side-by-side-fixture")


def test_a_page_of_one_talk_is_headed_with_one(fixture_reader, open_page):
    page = open_page(fixture_reader)
    page.wait_for_selector(".event")
    assert page.inner_text("main h1") == "The talk 一次集体谈话 1 talk, 3 documents"


def test_fixture_versions_formulations_and_errata(fixture_reader, open_page):
    page = open_page(fixture_reader, f"#/versions/{C}/{A}")
    page.wait_for_selector("[data-diff-row]")
    assert page.locator("[data-diff-row]").count() == 1
    assert "no alignments config" not in page.inner_text("main")
    page.goto(fixture_reader.as_uri() + "#/formulations")
    links = page.eval_on_selector_all(".form li a", "els => els.map(e => e.getAttribute('href'))")
    assert links == [f"#{A}.p001.s01", f"#{B}.p001.s01"]  # date order
    shot(page, "formulations-fixture")
    page.fill("#form-filter", "服务大局")
    assert page.locator(".form:visible").count() == 0
    page.fill("#form-filter", "围绕")
    assert page.locator(".form:visible").count() == 1
    page.click(f"a[href='#{A}.p001.s01']")
    page.wait_for_selector(".sent.target")
    assert page.locator(".sent.target").get_attribute("id") == f"{A}.p001.s01"
    page.goto(fixture_reader.as_uri() + f"#{B}")
    erratum = page.locator("section.para .erratum").first
    assert erratum.inner_text() == "围绕" and "suspected" in erratum.get_attribute("title")
    assert "published 原文 围绕" in page.inner_text(".errata-list")
    shot(page, "document-errata-fixture")


def test_keyboard_moves_between_sentences_and_selects(release, open_page):
    page = open_page(release / READER_FILE, "#2018-10-29-acftu-talk-cctv")
    page.wait_for_selector(".sent")
    page.keyboard.press("j")
    first = page.evaluate("document.activeElement.id")
    page.keyboard.press("j")
    second = page.evaluate("document.activeElement.id")
    assert (first, second) == ("2018-10-29-acftu-talk-cctv.p001.s01", "2018-10-29-acftu-talk-cctv.p001.s02")
    page.keyboard.press("Enter")
    # the hash changes first, the highlight follows on hashchange
    page.wait_for_selector("[id='2018-10-29-acftu-talk-cctv.p001.s02'].target")
    assert page.evaluate("location.hash") == "#2018-10-29-acftu-talk-cctv.p001.s02"


# The real corpus's events, alignments and formulations: these run as soon as
# the release has the config (until then they skip, saying which is missing).
def _config(release: Path, name: str) -> list[dict]:
    if not (release / "data" / name).is_dir():
        pytest.skip(f"the release has no {name} config yet")
    return rows(release, name)


def test_real_events_list_their_documents(release, open_page):
    events = _config(release, "events")
    page = open_page(release / READER_FILE)
    page.wait_for_selector(".event")
    for ev in events:
        section = page.locator(f"section.event:has([id='ev-{ev['event_id']}'])")
        shown = section.evaluate("s => [...s.querySelectorAll('a[data-doc]')].map(a => a.dataset.doc)")
        assert sorted(shown) == sorted(m["doc_id"] for m in ev["documents"])
    # the rendered page, not its source (whose script holds the notice's template)
    assert "no events config" not in page.inner_text("body")


def test_real_side_by_side_links_its_aligned_pairs(release, open_page):
    alignments = _config(release, "alignments")
    paraphrases = [a for a in alignments if a["kind"] == "paraphrase" and a["sentence_id_a"] and a["sentence_id_b"]]
    assert paraphrases, "the alignments config has no paraphrase rows"
    first = paraphrases[0]
    docs = {d["doc_id"]: d for d in rows(release, "documents")}
    event_id = docs[first["doc_id_a"]].get("event_id") or first["doc_id_a"][:10]
    page = open_page(release / READER_FILE, f"#/compare/{event_id}")
    page.wait_for_selector(".cols")
    one = page.locator(f".cmp-sent[data-sid='{first['sentence_id_a']}']")
    other = page.locator(f".cmp-sent[data-sid='{first['sentence_id_b']}']")
    one.hover()
    expect(other).to_have_class(PAIRED)
    omitted = {a["sentence_id_a"] for a in alignments if a["kind"] == "omitted" and a["sentence_id_a"]
               and a["doc_id_a"] in {first["doc_id_a"], first["doc_id_b"]}}
    marked = set(page.eval_on_selector_all(".cmp-sent.omitted", "els => els.map(e => e.dataset.sid)"))
    assert marked == omitted
    shot(page, "side-by-side-2023-aligned")


def test_real_versions_show_every_version_row(release, open_page):
    alignments = _config(release, "alignments")
    versions = [a for a in alignments if a["kind"] == "version"]
    assert versions, "the alignments config has no version rows"
    a, b = sorted({versions[0]["doc_id_a"], versions[0]["doc_id_b"]})
    expected = sum(1 for v in versions if {v["doc_id_a"], v["doc_id_b"]} == {a, b})
    page = open_page(release / READER_FILE, f"#/versions/{a}/{b}")
    page.wait_for_selector("[data-diff-row]")
    assert page.locator("[data-diff-row]").count() == expected
    assert "reader's character diff" not in page.inner_text("main")


def test_real_formulations_link_their_occurrences_in_date_order(release, open_page):
    formulations = _config(release, "formulations")
    page = open_page(release / READER_FILE, "#/formulations")
    page.check("#show-boiler")
    assert page.locator(".form").count() == len(formulations)
    for f in formulations[:20]:
        links = page.locator(f".form[data-fid='{f['formulation_id']}'] li a").evaluate_all(
            "els => els.map(e => e.getAttribute('href'))")
        ordered = sorted(f["occurrences"], key=lambda o: (str(o["date"]), o["doc_id"], o["char_start"]))
        assert links == ["#" + o["sentence_id"] for o in ordered]
    shot(page, "formulations")


# A release above the page's limit: the real release with a limit of three
# documents, so that its page holds the 2013 and 2018 talks and not 2023.
SHOWN = ("2013-10-23-acftu-talk-cctv", "2018-10-29-acftu-talk-cctv", "2018-10-29-acftu-talk-xinhua")


@pytest.fixture(scope="module")
def excerpt_reader(release, tmp_path_factory) -> Path:
    stage = tmp_path_factory.mktemp("excerpt") / "stage"
    shutil.copytree(release / "data", stage / "data")
    (stage / READER_FILE).parent.mkdir()
    (stage / READER_FILE).write_text(render(build_model(stage, max_documents=3)), encoding="utf-8")
    return stage / READER_FILE


def test_above_the_limit_every_view_says_what_the_page_shows(excerpt_reader, open_page):
    page = open_page(excerpt_reader)
    page.wait_for_selector(".event")
    note = page.locator("#excerpt")
    assert note.is_visible() and "first 2 of 3 talks" in note.inner_text() and "3 of 5 documents" in note.inner_text()
    assert page.inner_text("main h1") == "The first 2 of 3 talks 三次集体谈话中的前两次 3 of 5 documents"
    assert page.locator(".event").count() == 2
    assert sorted(page.eval_on_selector_all("a[data-doc]", "els => els.map(e => e.dataset.doc)")) == sorted(SHOWN)
    shot(page, "excerpt-talks")
    for fragment in ("#/search", "#/formulations", "#/about", f"#{SHOWN[2]}.p003"):
        page.goto(excerpt_reader.as_uri() + fragment)
        expect(page.locator("#excerpt")).to_be_visible()
    assert page.locator("section.para.target").get_attribute("id") == f"{SHOWN[2]}.p003"


def test_above_the_limit_search_versions_and_formulations_work_for_what_is_shown(release, excerpt_reader,
                                                                                open_page):
    phrase = "工会"
    sentences = [s for s in rows(release, "sentences") if s["doc_id"] in SHOWN]
    page = open_page(excerpt_reader, "#/search")
    page.fill("#q", phrase)
    assert len(_hits(page)) == sum(s["text"].count(phrase) for s in sentences) > 0
    assert set(_hits(page)) == {s["doc_id"] for s in sentences if phrase in s["text"]}
    page.goto(excerpt_reader.as_uri() + "#/")
    page.click("text=Compare the two versions")
    page.wait_for_selector("[data-diff-row]")
    assert page.locator("[data-diff-row]").count() == 3
    page.goto(excerpt_reader.as_uri() + "#/formulations")
    page.check("#show-boiler")
    links = page.eval_on_selector_all(".form li a", "els => els.map(e => e.getAttribute('href'))")
    assert links and all(link[1:].startswith(SHOWN) for link in links)
    page.click(f".form li a[href='{links[0]}']")
    page.wait_for_selector(".sent.target")
    assert "#" + page.locator(".sent.target").get_attribute("id") == links[0]


def test_above_the_limit_an_id_left_out_says_where_its_records_are(excerpt_reader, open_page):
    page = open_page(excerpt_reader, "#2023-10-23-acftu-talk-qiushi")
    page.wait_for_selector("h1")
    text = page.inner_text("main")
    assert "Not on this page" in text and "../data/" in text and "3 documents this page shows" in text
    page.goto(excerpt_reader.as_uri() + "#/compare/2023-10-23-acftu-talk")
    page.wait_for_selector("h1")
    assert "Not on this page" in page.inner_text("main")
    shot(page, "excerpt-left-out")
