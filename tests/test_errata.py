"""Locating a sidecar's errata in the raw text, never changing it."""
from acftu_talks import errata
from acftu_talks.read import Source
from acftu_talks.segment import segment

RAW = "第一行把做好新形式下职工群众工作。\n第二行研究解决工会共和国的重大问题。工会共和国\n"


def locate(entries):
    source = Source("2013-10-23-t-cctv", "corpus/t.txt", "corpus/t.toml", RAW, "0" * 64, {"errata": entries},
                    {("errata", i, "published"): 20 + i for i in range(len(entries))})
    spans, _ = segment(RAW)
    return errata.locate(source, spans)


def test_an_erratum_is_found_with_its_offsets_and_paragraph():
    found, problems = locate([{"published": "新形式下", "intended": "新形势下", "status": "suspected", "evidence": "e"}])
    assert problems == []
    (e,) = found
    assert (e["erratum_id"], e["line_number"], e["paragraph_number"]) == ("2013-10-23-t-cctv.e1", 1, 1)
    assert RAW[e["char_start"]:e["char_end"]] == "新形式下"


def test_ambiguous_and_missing_forms_are_errors_and_line_disambiguates():
    found, problems = locate([{"published": "工会共和国", "status": "suspected", "evidence": "e"},
                              {"published": "新形势下", "status": "suspected", "evidence": "e"}])
    assert found == []
    assert [(p.code, p.line) for p in problems] == [("meta.erratum-ambiguous", 20), ("meta.erratum-not-found", 21)]
    assert "occurs 2 times" in problems[0].message
    found, problems = locate([{"published": "共和国的", "line": 2, "status": "suspected", "evidence": "e"}])
    assert problems == [] and found[0]["line_number"] == 2


def test_errata_are_numbered_in_text_order_and_found_within_a_range():
    found, _ = locate([{"published": "共和国的", "status": "suspected", "evidence": "e"},
                       {"published": "新形式下", "status": "suspected", "evidence": "e"}])
    assert [e["published"] for e in found] == ["新形式下", "共和国的"]
    first = found[0]
    assert errata.within(found, first["char_start"], first["char_end"]) == ["2013-10-23-t-cctv.e1"]
    assert errata.within(found, 0, first["char_start"]) == []
