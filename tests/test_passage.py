"""passage.py: one object per paragraph, filled by each step in turn."""
from acftu_talks import annotate, segment
from acftu_talks.passage import Passage


def test_each_step_fills_the_same_passage():
    spans, _ = segment.segment("标题\n习近平强调，要团结。\n")
    passages = [Passage(span) for span in spans]
    assert [(p.paragraph_number, p.annotation, p.record, p.sentences) for p in passages] == \
        [(1, None, None, []), (2, None, None, [])]
    annotate.annotate(passages, "news_report", "习近平", [])
    assert [(p.annotation.segment_type, p.annotation.speaker) for p in passages] == [("title", None),
                                                                                     ("body", "习近平")]
    assert passages[1].span is spans[1]
