"""The card's series tables, from a summary: events, provenance, errata."""
from types import SimpleNamespace

from acftu_talks.release import card, series_card


def summary(errata=()):
    event = {"event_id": "2018-10-29-t", "date": "2018-10-29", "part_of_day": "morning", "venue_en": "Zhongnanhai",
             "congress_en": "17th Congress", "congress_start": "2018-10-22", "congress_end": "2018-10-26",
             "documents": [{"doc_id": "a", "text_kind": "readout", "publisher_en": "CCTV", "version_of": "b"},
                           {"doc_id": "b", "text_kind": "readout", "publisher_en": "Xinhua", "version_of": None}]}
    docs = [{"doc_id": "a", "received_as": "a.txt", "original_url": "http://x/a", "copy_repository": "o/r",
             "copy_path": "p.md", "copy_commit": "0123456789abcdef" * 2 + "01234567", "retrieved": "2026-12-01"},
            {"doc_id": "b", "received_as": "b.txt", "original_url": None, "copy_repository": None,
             "copy_path": None, "copy_commit": None, "retrieved": None}]
    return SimpleNamespace(events=[event], documents=docs, errata=list(errata), counts={"events": 1, "persons": 2})


def test_the_events_table_names_each_document_and_its_version():
    text = series_card.events_table(summary(), card._md_table)
    assert "| `2018-10-29-t` | 2018-10-29 | morning | Zhongnanhai | 17th Congress (2018-10-22 to 2018-10-26) |" in text
    assert "`a` (readout, CCTV, version of `b`); `b` (readout, Xinhua)" in text


def test_the_provenance_table_says_what_is_not_known():
    text = series_card.provenance_table(summary(), card._md_table)
    assert "| `a` | `a.txt` | http://x/a | o/r `p.md` at `0123456789ab` | 2026-12-01 |" in text
    assert "| `b` | `b.txt` | not known | not recorded | not recorded |" in text


def test_errata_table_or_none():
    assert series_card.errata_table(summary(), card._md_table) == "No errata are recorded."
    e = {"erratum_id": "a.e1", "line_number": 1, "char_start": 3, "char_end": 7, "published": "新形式下",
         "intended": None, "status": "suspected"}
    assert "| `a.e1` | 1:3-7 | 新形式下 | not known | suspected |" in series_card.errata_table(summary([e]), card._md_table)


def test_the_events_table_says_which_registered_talks_the_release_holds_no_document_of():
    held = summary()
    assert "holds no document" not in series_card.events_table(held, card._md_table)
    empty = {"event_id": "2023-10-23-t", "date": "2023-10-23", "part_of_day": None, "venue_en": "Zhongnanhai",
             "documents": []}
    held.events.append(empty)
    text = series_card.events_table(held, card._md_table)
    assert "| `2023-10-23-t` | 2023-10-23 | — | Zhongnanhai | — | — |" in text
    assert text.endswith("this release holds documents of 1 of its 2. It holds no document of `2023-10-23-t`: "
                         "its row has no documents.")
