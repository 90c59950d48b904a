"""Patterns compiled the first time a rule needs them.

``re`` builds the map of a character class in Python, one entry per
character: a class of Han characters (``[一-鿿]``, 20,992 of them) takes
about a millisecond to compile, and a name pattern holds three. A rule that
a corpus never reaches (a reporter's byline, a photo credit) should not cost
its build that: its pattern is a :class:`LazyPattern`, compiled on first use.
"""
from __future__ import annotations

import re

# What callers use of a pattern; bound to the compiled pattern's own methods
# on first use, so later calls pay one instance-dict lookup.
_ATTRIBUTES = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
               "groups", "groupindex")


class LazyPattern:
    """A regular expression compiled the first time one of its methods is
    looked up; its ``pattern`` and ``flags`` are known without compiling."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern, self.flags = pattern, flags

    def __getattr__(self, name: str):
        # Reached only for what the instance does not hold yet.
        if name.startswith("__") or name not in _ATTRIBUTES + ("compiled",):
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        self.__dict__.update({a: getattr(compiled, a) for a in _ATTRIBUTES}, compiled=compiled)
        return getattr(self, name)

    @property
    def is_compiled(self) -> bool:
        return "compiled" in self.__dict__

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"
