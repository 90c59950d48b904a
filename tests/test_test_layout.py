"""The test tree mirrors the package: build/acftu_talks/<pkg>/<module>.py is
tested in tests/<pkg>/test_<module>.py."""
from __future__ import annotations

import pytest

from conftest import ROOT

PACKAGE = ROOT / "build" / "acftu_talks"
# The annotator applies a genre's rule set: it is tested with the rules, in
# tests/rules/test_annotate.py.
RULES = {"annotate.py"}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if path.name.startswith("__") or rel.as_posix() in RULES:
            continue
        yield rel.as_posix()


@pytest.mark.parametrize("module", list(modules()))
def test_every_module_has_its_test_file(module):
    *folders, name = module.split("/")
    expected = ROOT.joinpath("tests", *folders, f"test_{name}")
    assert expected.is_file(), f"{module} has no {expected.relative_to(ROOT)}"


def test_test_files_have_unique_names():
    """Test folders are not packages: two test files of one name would clash."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert len(names) == len(set(names))
