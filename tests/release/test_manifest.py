"""manifest.py: the inputs a release was built from, by repository path."""
from __future__ import annotations

import hashlib

from acftu_talks.contract.layout import Inputs
from acftu_talks.release import manifest


def test_inputs_are_keyed_by_repository_path(tmp_path):
    root = tmp_path
    for rel, text in (("corpus/a.txt", "文"), ("corpus/a.toml", "x"), ("schema/defs.schema.json", "{}"),
                      ("LICENSE", "MIT"), ("RIGHTS.md", "r"), ("dataset_card.md", "# c")):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    found = manifest.inputs(Inputs(root, root / "corpus", root / "schema", root / "dataset_card.md"))
    assert found == {rel: hashlib.sha256(text.encode()).hexdigest() for rel, text in (
        ("LICENSE", "MIT"), ("RIGHTS.md", "r"), ("corpus/a.toml", "x"), ("corpus/a.txt", "文"),
        ("dataset_card.md", "# c"), ("schema/defs.schema.json", "{}"))}
    assert list(found) == sorted(found)
    without_card = manifest.inputs(Inputs(root, root / "corpus", root / "schema"))
    assert "dataset_card.md" not in without_card and "LICENSE" in without_card


def test_tool_versions_are_importlib_metadata_s():
    import importlib.metadata
    for name in ("pyarrow", "jsonschema", "jsonschema_rs", "pytest"):
        assert manifest.version(name) == importlib.metadata.version(name)


def test_a_tool_without_a_dist_info_beside_it_is_asked_of_importlib_metadata(monkeypatch):
    import importlib.metadata
    monkeypatch.setattr(manifest.importlib.util, "find_spec", lambda name: None)
    assert manifest.version("pyarrow") == importlib.metadata.version("pyarrow")
