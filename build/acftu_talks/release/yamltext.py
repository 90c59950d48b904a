"""YAML for the files the build writes (the card's front matter,
CITATION.cff), written by PyYAML's safe dumper: block style, keys in the
order given, Unicode as itself, strings quoted wherever YAML would read them
as another type (a version "1.10" stays a string, a date stays a string),
control characters escaped. The same value always gives the same bytes.

PyYAML's output is the definition. Its import and its emitter cost a small
build tens of milliseconds, so the values the build writes, mappings and
lists of printable one-line strings, integers, booleans and None, are
written by :func:`_fast`, which decides every scalar's style as PyYAML's
emitter does (tested against it on random values); anything else (a line
break, a control character, a float, a shared list) goes to PyYAML."""
from __future__ import annotations

import functools
import re


# Line breaks beyond \n: PyYAML writes them raw inside a single-quoted or
# plain scalar, and reading it back folds U+0085 into a space. In double
# quotes they are escaped (\N, \L, \P) and come back as themselves.
_OTHER_BREAKS = frozenset("\x85\u2028\u2029")


@functools.lru_cache(maxsize=None)
def _dumper():
    import yaml

    class Dumper(yaml.SafeDumper):
        """Indents a list inside a mapping, as the Hub's own cards do, and
        double-quotes a string holding a line break other than \\n."""

        def increase_indent(self, flow: bool = False, indentless: bool = False):
            return super().increase_indent(flow, False)

        def choose_scalar_style(self):
            value = getattr(self.event, "value", None)
            if isinstance(value, str) and self.event.tag == "tag:yaml.org,2002:str" and _OTHER_BREAKS & set(value):
                return '"'
            return super().choose_scalar_style()

    return yaml, Dumper


def dump(value) -> str:
    """``value`` as block-style YAML, without a final newline."""
    fast = _fast(value)
    if fast is not None:
        return fast
    yaml, dumper = _dumper()
    return yaml.dump(value, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=2**31 - 1).rstrip("\n")


# PyYAML's implicit resolvers (yaml/resolver.py): a plain scalar they match
# would be read as a bool, null, merge key, value, tag, float, int or
# timestamp, so a string that matches is quoted. The words are a set; the
# numbers and dates a pattern, compiled only for a string that could be one.
_WORDS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                   "~ null Null NULL << = ! & *".split())
_NUMBER_START = frozenset("-+.0123456789")


@functools.lru_cache(maxsize=None)
def _number_or_date():
    return re.compile(r"""^(?:
        [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
      | \.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
      | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | [-+]?\.(?:inf|Inf|INF)
      | \.(?:nan|NaN|NAN)
      | [-+]?0b[0-1_]+
      | [-+]?0[0-7_]+
      | [-+]?(?:0|[1-9][0-9_]*)
      | [-+]?0x[0-9a-fA-F_]+
      | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+
      | [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
      | [0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
        (?:[Tt]|[\ \t]+)[0-9][0-9]?
        :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
        (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    )$""", re.X)


def _not_a_string(value: str) -> bool:
    return value in _WORDS or (value[0] in _NUMBER_START and _number_or_date().match(value) is not None)


# What makes PyYAML's emitter refuse a plain block scalar (analyze_scalar):
# a document marker or an indicator at the start, ": " or a final ":", " #".
_BLOCK_INDICATOR = re.compile(r"^(?:---|\.\.\.|[#,\[\]{}&*!|>'\"%@`]|[?:-](?: |$))|:(?: |$)| #")


class _Other(Exception):
    """A value :func:`_fast` leaves to PyYAML."""


def _scalar(value, key: bool = False) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if type(value) is int:
        return str(value)
    # isprintable() excludes every line break, control and format character,
    # lone surrogate, private-use and unassigned code point and every space
    # but " ": what is left is what PyYAML writes plain or single-quoted.
    if type(value) is not str or not value.isprintable() or (key and not 0 < len(value) < 128):
        raise _Other
    if not value:
        return "''"
    if (value[0] != " " and value[-1] != " " and not _BLOCK_INDICATOR.search(value)
            and not _not_a_string(value)):
        return value
    return "'" + value.replace("'", "''") + "'"


def _container(value) -> bool:
    if not isinstance(value, (dict, list)):
        return False
    if type(value) not in (dict, list):
        raise _Other  # a subclass: PyYAML's safe dumper refuses it or tags it
    return True


def _mapping(value: dict, column: int, lines: list[str], seen: set[int], first: str | None = None) -> None:
    """Keys at ``column``; the first one after ``first`` (a list item's dash) if given."""
    for k, v in value.items():
        head = (first if first is not None else " " * column) + _scalar(k, key=True) + ":"
        first = None
        if not _container(v):
            lines.append(f"{head} {_scalar(v)}")
            continue
        if id(v) in seen:
            raise _Other  # PyYAML would write an anchor and an alias
        seen.add(id(v))
        if not v:
            lines.append(f"{head} {'{}' if type(v) is dict else '[]'}")
        elif type(v) is dict:
            lines.append(head)
            _mapping(v, column + 2, lines, seen)
        else:
            lines.append(head)
            for item in v:  # the list indented under its key
                dash = " " * (column + 2) + "- "
                if not _container(item):
                    lines.append(dash + _scalar(item))
                elif type(item) is list or not item or id(item) in seen:
                    raise _Other  # a list in a list, {} as an item, an alias
                else:
                    seen.add(id(item))
                    _mapping(item, column + 4, lines, seen, dash)


def _fast(value) -> str | None:
    """PyYAML's output for ``value``, or None when it is not a mapping of the
    kinds of value this writes."""
    if type(value) is not dict or not value:
        return None
    lines: list[str] = []
    try:
        _mapping(value, 0, lines, set())
    except _Other:
        return None
    return "\n".join(lines)
