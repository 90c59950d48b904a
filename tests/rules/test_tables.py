"""The rule tables of docs/data-format.md and the card come from the registry."""
from __future__ import annotations

import json
import re

from acftu_talks import cli
from acftu_talks.rules import registry, tables

from conftest import ROOT

DOC = ROOT / "docs" / "data-format.md"


def test_data_format_rule_tables_are_current():
    text = DOC.read_text(encoding="utf-8")
    assert tables.update(text) == text, "run `acftu-talks docs` to regenerate the rule tables"


def test_every_registered_rule_is_in_the_docs_once():
    text = DOC.read_text(encoding="utf-8")
    for rule in registry.all_rules():
        assert text.count(f"| `{rule.name}` | {rule.version} |") == 1, rule.name


def test_a_stale_table_is_found_and_rewritten(tmp_path, capsys):
    stale = tmp_path / "data-format.md"
    text = DOC.read_text(encoding="utf-8").replace("| `narration-opener` | 1 |", "| `narration-opener` | 0 |")
    stale.write_text(text, encoding="utf-8")
    assert cli.main(["docs", "--file", str(stale), "--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert cli.main(["docs", "--file", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == DOC.read_text(encoding="utf-8")
    assert cli.main(["docs", "--file", str(stale), "--check"]) == 0


def test_card_and_manifest_name_every_rule_with_its_version(release):
    card = (release / "README.md").read_text(encoding="utf-8")
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    for rule in registry.all_rules():
        assert f"| `{rule.name}` | {rule.version} |" in card
        assert manifest["annotation_rules"][rule.name] == rule.version
    assert not re.search(r"\{\{\s*[a-z_]+\s*\}\}", card)


def test_rule_order_does_not_depend_on_import_order():
    import subprocess
    import sys
    code = ("import acftu_talks.rules.{} as m; from acftu_talks.rules import registry; "
            "print(','.join(r.name for r in registry.all_rules()))")
    runs = {subprocess.run([sys.executable, "-c", code.format(module)], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(ROOT / "build")}).stdout for module in ("dates", "participants")}
    assert len(runs) == 1 and runs.pop().startswith("caption-credit,editor-note-mark,")
