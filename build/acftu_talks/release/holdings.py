"""What a release holds, in the card's words: counts with their nouns, the
talks it holds documents of and their years, their outlets, and which
passages of the template apply.

The corpus grows and is built from subsets, so nothing the card says about
what the release holds is typed into the template: it comes from the
release's records (the ``events`` rows with their documents, and each
document's publication date). A talk is an event of the registry
(``corpus/events.toml``) that the release holds a document of; the events
config also lists the registry's other talks, and the card says so.
"""
from __future__ import annotations

from dataclasses import dataclass

# How the card's prose names an outlet (publisher_en), in English, in
# Chinese and for short, in the order it lists them: the readouts are
# Xinhua's report as the outlets published it, so Xinhua comes first.
# An outlet not listed is named by its publisher_en and publisher.
# Example: "Xinhua and CCTV's *Xinwen Lianbo*", "新华社、中央电视台《新闻联播》".
OUTLETS = (
    ("Xinhua News Agency", "Xinhua", "新华社", "Xinhua"),
    ("CCTV Xinwen Lianbo", "CCTV's *Xinwen Lianbo*", "中央电视台《新闻联播》", "CCTV"),
    ("Qiushi Journal (journal of the CPC Central Committee)", "the Party journal *Qiushi*", "《求是》杂志", "*Qiushi*"),
)
_ORDER = {row[0]: index for index, row in enumerate(OUTLETS)}
_NAMES = {row[0]: row[1:] for row in OUTLETS}

# The plural of each noun the card counts. Example: 1 document, 2 documents;
# 1 kind of text, 2 kinds of text. Counter-example: "1 documents".
PLURALS = {"document": "documents", "paragraph": "paragraphs", "sentence": "sentences", "talk": "talks",
           "event": "events", "outlet": "outlets", "kind of text": "kinds of text", "person": "persons"}

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_HANZI = "〇一二三四五六七八九"

READOUT, SPEECH = "news_report", "speech_text"
SPEAKER_EN, SPEAKER_ZH = "Xi Jinping", "习近平"  # the series is this speaker's talks (see the card's title)
YEARS_LISTED = 5  # more distinct years than this are given as a range


def count(n: int, noun: str) -> str:
    """``1 document``, ``5 documents``, ``98,416 paragraphs``."""
    return f"{n:,} {noun if n == 1 else PLURALS[noun]}"


def word(n: int) -> str:
    """A small count in words (``three``), a larger one in figures."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def hanzi(n: int) -> str:
    """A count before a measure word in Chinese numerals up to 99 (两, 三,
    十二), in figures beyond. Counter-example: 二次."""
    if n == 2:
        return "两"
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ((_HANZI[tens] if tens > 1 else "") + "十" if tens else "") + (_HANZI[ones] if ones else "")


def and_list(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


@dataclass(frozen=True)
class Talk:
    event_id: str
    year: str
    doc_ids: tuple[str, ...]
    doc_types: frozenset
    versions: int  # documents that are another held document's version


def talks(summary) -> list[Talk]:
    """The events the release holds a document of, in the events config's order."""
    found = []
    for event in getattr(summary, "events", None) or []:
        docs = event.get("documents") or []
        if not docs:
            continue
        held = {d["doc_id"] for d in docs}
        found.append(Talk(event["event_id"], str(event["date"])[:4], tuple(d["doc_id"] for d in docs),
                          frozenset(d["doc_type"] for d in docs),
                          sum(1 for d in docs if d.get("version_of") in held)))
    return found


def _documents(summary, doc_type: str | None = None) -> list[dict]:
    return [d for e in getattr(summary, "events", None) or [] for d in e.get("documents") or []
            if doc_type is None or d["doc_type"] == doc_type]


def outlets(summary, doc_type: str | None = None) -> list[str]:
    """The publisher_en of the documents held (of ``doc_type``), in the card's order."""
    return sorted({d["publisher_en"] for d in _documents(summary, doc_type)}, key=lambda p: (_ORDER.get(p, len(_ORDER)), p))


def _name(summary, publisher_en: str, column: int) -> str:
    if publisher_en in _NAMES:
        return _NAMES[publisher_en][column]
    if column == 1:  # Chinese: the document's own publisher
        return next(d["publisher"] for d in _documents(summary) if d["publisher_en"] == publisher_en)
    return publisher_en


def years(held: list[Talk]) -> list[str]:
    return sorted({t.year for t in held})


def _years_en(held: list[Talk]) -> str:
    found = years(held)
    return ", ".join(found) if len(found) <= YEARS_LISTED else f"{found[0]} to {found[-1]}"


def _talks_en(held: list[Talk]) -> str:
    """``2013 and 2018 talks``; ``12 talks of 2013 to 2040`` when the years are many."""
    found = years(held)
    if len(found) <= YEARS_LISTED:
        return f"{and_list(found)} {'talk' if len(held) == 1 else 'talks'}"
    return f"{count(len(held), 'talk')} of {found[0]} to {found[-1]}"


def _when_en(found: list[str]) -> str:
    """``2013 and 2018``; ``2013 to 2040`` when the years are many."""
    return and_list(found) if len(found) <= YEARS_LISTED else f"{found[0]} to {found[-1]}"


def _years_zh(held: list[Talk]) -> str:
    found = years(held)
    return "、".join(f"{y}年" for y in found) if len(found) <= YEARS_LISTED else f"{found[0]}年至{found[-1]}年"


def talks_in_documents(summary) -> str:
    """``3 talks (2013, 2018, 2023) in 5 documents``."""
    held = talks(summary)
    n_docs = summary.counts.get("documents", 0)
    when = f" ({_years_en(held)})" if held else ""
    return f"{count(len(held), 'talk')}{when} in {count(n_docs, 'document')}"


def _published(summary, doc_type: str) -> list[str]:
    return sorted({y for (kind, y) in getattr(summary, "published", ()) if kind == doc_type})


def summary_en(summary) -> str:
    """What the release holds of each talk, in English: the readouts and
    their outlets, the speech texts and where and when they were published."""
    held = talks(summary)
    readout = [t for t in held if READOUT in t.doc_types]
    speech = [t for t in held if SPEECH in t.doc_types]
    clauses = []
    if readout:
        which = ("each talk" if len(held) > 1 else "the talk") if len(readout) == len(held) else \
            f"the {_talks_en(readout)}"
        names = and_list([_name(summary, p, 0) for p in outlets(summary, READOUT)])
        clauses.append(f"For {which} it holds the news readout (Xinhua's report, as {names} published it)")
    if speech:
        journals = and_list([_name(summary, p, 0) for p in outlets(summary, SPEECH)])
        texts = "the text of the talk" if len(speech) == 1 else "the texts of the talks"
        when = _published(summary, SPEECH)
        published = "" if not when else f" in {and_list(when)}" if len(when) <= YEARS_LISTED else \
            f" between {when[0]} and {when[-1]}"
        tail = f"as published under {SPEAKER_EN}'s name in {journals}{published}"
        if readout:
            also = " also" if all(READOUT in t.doc_types for t in speech) else ""
            which = _when_en(years(speech)) if len(years(speech)) <= YEARS_LISTED else _talks_en(speech)
            clauses.append(f"and for {which}{also} {texts} {tail}")
        else:
            texts = f"the text{'' if len(speech) == 1 else 's'} of the {_talks_en(speech)}"
            clauses.append(f"It holds {texts} {tail}")
    if any({READOUT, SPEECH} <= t.doc_types for t in held):
        clauses.append("so the readout and the speaker's own text of one event can be compared")
    return ", ".join(clauses) + "." if clauses else ""


def summary_zh(summary) -> str:
    """The same in Chinese: 2013年、2018年、2023年三次谈话的新闻通稿（……），以及……。"""
    held = talks(summary)
    readout = [t for t in held if READOUT in t.doc_types]
    speech = [t for t in held if SPEECH in t.doc_types]
    clauses = []
    if readout:
        times = f"{hanzi(len(readout))}次" if len(readout) > 1 else ""
        names = "、".join(_name(summary, p, 1) for p in outlets(summary, READOUT))
        clauses.append(f"{_years_zh(readout)}{times}谈话的新闻通稿（{names}）")
    if speech:
        journals = "、".join(_name(summary, p, 1) for p in outlets(summary, SPEECH))
        times = f"{hanzi(len(speech))}次" if len(speech) > 1 else ""
        clauses.append(f"{'以及' if readout else ''}{_years_zh(speech)}{times}谈话以{SPEAKER_ZH}署名发表于{journals}的讲话文本")
    return "，".join(clauses) + "。" if clauses else ""


def comparisons(summary) -> str:
    """What the talks held allow to compare, and what they do not."""
    held = talks(summary)
    readout = [t for t in held if READOUT in t.doc_types]
    both = [t for t in held if {READOUT, SPEECH} <= t.doc_types]
    plural = len(both) > 1
    within = (f"the {_when_en(years(both))} readout{'s' if plural else ''} and speech text{'s' if plural else ''}"
              if both else "")
    said = []
    if len(readout) > 1:
        which = ("both talks" if len(readout) == 2 else f"all {word(len(readout))} talks") if len(readout) == len(held) else f"the {_talks_en(readout)}"
        said.append(f"Readouts of {which} allow comparisons over time within one genre")
        if within:
            said[-1] += f", and {within} comparisons within one event"
    elif within:
        said.append(f"{within[0].upper()}{within[1:]} allow comparisons within one event")
    gaps = {int(b) - int(a) for a, b in zip(years(held), years(held)[1:])}
    if len(held) > 1 and len(years(held)) == len(held) and all(g % 5 == 0 for g in gaps):
        limit = "one talk each five years is a small sample"  # the congresses' cadence
    elif len(held) > 1:
        limit = f"{word(len(held))} talks are a small sample"
    elif held:
        limit = "one talk allows no comparison over time"
    else:
        limit = ""
    versions = [f"the {word(t.versions + 1)} {t.year} documents are one report, not {word(t.versions + 1)}"
                for t in held if t.versions]
    if limit:
        limit = ", and ".join([limit] + versions)
    if said and limit:
        return f"{said[0]}; but {limit}."
    if said or limit:
        text = (said or [limit])[0]
        return f"{text[0].upper()}{text[1:]}."
    return ""


def persons_held(summary) -> str:
    """The people registry as the release holds it: ``29 persons, the
    `persons` config`` when its texts name every registered person; else the
    registry's size (the config lists it whole, as the events config lists
    every talk) and how many of them the release's texts name."""
    registered, named = summary.counts.get("persons", 0), getattr(summary, "persons_named", None)
    if named is None or named >= registered:
        return f"{count(registered, 'person')}, the `persons` config"
    whole = "the" if registered == 1 else "all"
    return (f"the `persons` config, which lists {whole} {count(registered, 'person')} of `corpus/persons.toml`; "
            f"this release's texts name {named or 'none'} of them")


def blocks(summary) -> dict[str, str]:
    """The card's blocks about what the release holds."""
    counts = summary.counts
    held = talks(summary)
    kinds = len({d["doc_type"] for d in _documents(summary)})
    n_docs = counts.get("documents", 0)
    if kinds > 1:
        kinds_intro = f"The documents are {word(kinds)} kinds of text, and the difference matters for almost\nany analysis:"
    elif kinds:
        kinds_intro = f"The {'document is' if n_docs == 1 else 'documents are'} of one kind of text:"
    else:
        kinds_intro = ""
    return {
        "count_documents": count(n_docs, "document"),
        "count_paragraphs": count(counts.get("paragraphs", 0), "paragraph"),
        "count_sentences": count(counts.get("sentences", 0), "sentence"),
        "count_persons": count(counts.get("persons", 0), "person"),
        "persons_held": persons_held(summary),
        "count_events": count(len(held), "event"),
        "count_outlets": count(len(outlets(summary)), "outlet"),
        "count_kinds": count(kinds, "kind of text"),
        "talks_in_documents": talks_in_documents(summary),
        "summary_en": summary_en(summary),
        "summary_zh": summary_zh(summary),
        "comparisons": comparisons(summary),
        "kinds_intro": kinds_intro,
        "outlets_short": ", ".join(_name(summary, p, 2) for p in outlets(summary)),
    }


# What a template's conditions can name besides documents, talks and kinds
# of text: whether the relation step found any alignment and any recurring
# formulation (substantive, or boilerplate only), so that the card of a small
# release says there is none instead of giving a count of 0 and an empty
# table. Example: {{ if holds: !formulations }}no passage recurs{{ end if }}.
ALIGNMENTS, FORMULATIONS, SUBSTANTIVE = "alignments", "formulations", "substantive-formulations"
FOUND = (ALIGNMENTS, FORMULATIONS, SUBSTANTIVE)


def found(summary) -> set[str]:
    """The names of FOUND that hold for the release of ``summary``."""
    counts = summary.counts
    forms = (getattr(summary, "relations", None) or {}).get("formulations") or []
    return ({ALIGNMENTS} if counts.get("alignments", 0) else set()) | \
        ({FORMULATIONS} if counts.get("formulations", 0) else set()) | \
        ({SUBSTANTIVE} if any(not boilerplate for _, _, boilerplate in forms) else set())


def held_ids(summary) -> set[str]:
    """What a template's ``{{ if holds: ... }}`` can name: the doc_ids, the
    event_ids and the doc_types the release holds documents of, and what of
    FOUND it has."""
    docs = _documents(summary)
    return ({d["doc_id"] for d in docs} | {t.event_id for t in talks(summary)} | {d["doc_type"] for d in docs}
            | found(summary))
