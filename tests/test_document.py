"""The line index's spans, made by arithmetic on its tables: the fields a direct reading of the text gives."""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import MISSING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genelint import document
from genelint.document import LineIndex
from genelint.parser.blocks import Block

# Line breaks the index does and does not break at, characters of 1 to 4 UTF-8 bytes, a surrogate.
TEXT = st.text(
    alphabet=st.sampled_from(list("ab \n\r\té€🧬\u2028\x85|#-") + ["\ud800"]), max_size=60
)


def fields_of(text: str, start: int, end: int) -> tuple[int, int, int, int, int, int]:
    """A span's fields read off the text directly: lines broken at LF only, columns in code
    points, offsets in UTF-8 bytes."""

    def place(offset: int) -> tuple[int, int]:
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1

    def byte(offset: int) -> int:
        return len(text[:offset].encode("utf-8", "surrogatepass"))

    return (*place(start), *place(end), byte(start), byte(end))


def line_start(text: str, line: int) -> int:
    return sum(len(piece) + 1 for piece in text.split("\n")[: line - 1])


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_a_span_of_offsets_has_the_fields_the_text_gives(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = LineIndex(text).span(start, end)
    assert tuple(span) == fields_of(text, start, end)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_a_span_at_a_line_and_column_has_the_fields_the_text_gives(text, data):
    lines = text.split("\n")
    line = data.draw(st.integers(1, len(lines)))
    first = line_start(text, line)
    # From the line's start (column 1) or a character before it (column 0, as a value
    # stripped of its leading markup can be), to its end or past it onto later lines.
    column = data.draw(st.integers(0 if first else 1, len(lines[line - 1]) + 1))
    length = data.draw(st.integers(0, len(text) - (first + column - 1)))
    span = LineIndex(text).span_at(line, column, length)
    start = first + column - 1
    assert tuple(span) == fields_of(text, start, start + length)


PARTS = [
    cls
    for cls in vars(document).values()
    if isinstance(cls, type)
    and dataclasses.is_dataclass(cls)
    and cls.__module__ == document.__name__
]


@pytest.mark.parametrize("cls", PARTS, ids=lambda cls: cls.__name__)
def test_a_part_is_made_from_its_fields_as_its_dataclass_makes_it(cls):
    parts = dataclasses.fields(cls)
    given = {part.name: object() for part in parts}
    made = cls(*given.values())
    assert vars(made) == given and made == cls(**given) and repr(made) == repr(cls(**given))
    # Only what has no default given: the defaults, each factory's value new for each part.
    required = {p.name: given[p.name] for p in parts if p.default is p.default_factory is MISSING}
    first, second = cls(**required), cls(**required)
    for part in parts:
        if part.default is not MISSING:
            assert getattr(first, part.name) is part.default
        elif part.default_factory is not MISSING:
            assert getattr(first, part.name) == part.default_factory()
            assert getattr(first, part.name) is not getattr(second, part.name)
    assert list(inspect.signature(cls).parameters) == [part.name for part in parts]
    if cls.__dataclass_params__.frozen:
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.__setattr__(parts[0].name, None)


NAMED_TUPLES = [
    cls
    for cls in vars(document).values()
    if isinstance(cls, type) and issubclass(cls, tuple) and cls.__module__ == document.__name__
] + [Block]


@pytest.mark.parametrize("cls", NAMED_TUPLES, ids=lambda cls: cls.__name__)
def test_a_named_tuple_part_reads_compares_and_stays_as_its_fields(cls):
    # Span and Field (and the kinds of Field) are named tuples, for speed: read by name,
    # equal and hashed by their fields, printed with their class's name, never changed.
    assert {document.Span, document.Field, document.Alias} <= set(NAMED_TUPLES)
    given = {name: object() for name in cls._fields}
    made = cls(*given.values())
    assert {name: getattr(made, name) for name in cls._fields} == given
    assert made == cls(**given) and hash(made) == hash(cls(**given))
    assert repr(made).startswith(f"{cls.__name__}({cls._fields[0]}=")
    assert not hasattr(made, "__dict__")  # no per-part dictionary: a subclass keeps __slots__
    with pytest.raises(AttributeError):
        setattr(made, cls._fields[0], None)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.data())
def test_a_span_of_whole_lines_has_the_fields_the_text_gives(text, data):
    lines = text.split("\n")
    first = data.draw(st.integers(1, len(lines)))
    last = data.draw(st.integers(first, len(lines)))
    start = line_start(text, first)
    end = line_start(text, last) + len(lines[last - 1].rstrip("\r"))
    span = LineIndex(text).lines_span(first, last)
    assert tuple(span) == fields_of(text, start, end)
