"""Photo credits and the photo's own date."""
from __future__ import annotations

import pytest

from acftu_talks.rules.captions import caption_fields, find_credit


@pytest.mark.parametrize("text, credit", [
    ("习近平同代表们握手。 新华社记者 鞠鹏 摄", "新华社记者 鞠鹏 摄"),
    ("习近平同代表们握手。（本报记者张三摄）", "本报记者张三摄"),
    ("习近平在展览现场。新华社发（李响 摄）", "新华社发（李响 摄"),
    ("习近平在展览现场。人民网发（王五 摄）", "人民网发（王五 摄"),
    ("会议进行了拍摄。", None),
])
def test_find_credit(text, credit):
    match = find_credit(text)
    assert (match["credit"].strip() if match else None) == credit


def test_rules_that_decided_a_caption_are_reported():
    fired = []
    assert caption_fields("2024年4月22日至24日，习近平在重庆考察。这是22日下午。 新华社记者 王晔 摄", fired) == (
        "2024-04-22", "新华社记者 王晔 摄", ["王晔"])
    assert fired == ["caption-photographers", "caption-photo-date", "caption-photo-day"]
