"""YAML for the files the build writes (the card's front matter,
CITATION.cff), written by PyYAML's safe dumper: block style, keys in the
order given, Unicode as itself, strings quoted wherever YAML would read them
as another type (a version "1.10" stays a string, a date stays a string),
control characters escaped. The same value always gives the same bytes."""
from __future__ import annotations

import yaml


# Line breaks beyond \n: PyYAML writes them raw inside a single-quoted or
# plain scalar, and reading it back folds U+0085 into a space. In double
# quotes they are escaped (\N, \L, \P) and come back as themselves.
_OTHER_BREAKS = frozenset("\x85\u2028\u2029")


class _Dumper(yaml.SafeDumper):
    """Indents a list inside a mapping, as the Hub's own cards do, and
    double-quotes a string holding a line break other than \\n."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def choose_scalar_style(self):
        value = getattr(self.event, "value", None)
        if isinstance(value, str) and self.event.tag == "tag:yaml.org,2002:str" and _OTHER_BREAKS & set(value):
            return '"'
        return super().choose_scalar_style()


def dump(value) -> str:
    """``value`` as block-style YAML, without a final newline."""
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=2**31 - 1).rstrip("\n")
