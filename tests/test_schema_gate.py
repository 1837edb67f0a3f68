"""genelint.schema_gate: its quick yes never lets through what jsonschema rejects."""

from __future__ import annotations

import datetime
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genelint.parser import parse_bytes
from genelint.rules.document import _json_compatible, _schema
from genelint.schema_gate import certainty_check

REPO = Path(__file__).resolve().parent.parent
SCHEMA = _schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
GATE = certainty_check(SCHEMA)


def agrees(data) -> None:
    """The gate reads YAML's data as it is; jsonschema, as JSON (dates as ISO strings)."""
    errors = list(VALIDATOR.iter_errors(_json_compatible(data)))
    assert GATE(data) == (not errors), (data, [e.message for e in errors])


def test_the_front_matter_schema_gets_a_gate():
    assert GATE is not None


@pytest.mark.parametrize(
    "page",
    sorted(p for folder in ("tests", "examples") for p in (REPO / folder).rglob("*.md")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_gate_and_jsonschema_agree_on_every_page_the_project_has(page):
    doc = parse_bytes(page.read_bytes(), str(page))
    if doc.front_matter.loaded and isinstance(doc.front_matter.data, dict):
        agrees(doc.front_matter.data)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.sampled_from(
        ["", "ALAS2", "post", "Gene", "2023-05-10", "2023-13-01", "2023-05-10T10:00Z"]
    )
    | st.text(max_size=5)
    | st.dates().map(datetime.date.isoformat)
    # as YAML gives an unquoted date or timestamp
    | st.dates()
    | st.datetimes(timezones=st.none() | st.just(datetime.timezone.utc))
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(_SCALARS.filter(lambda v: isinstance(v, str)), inner, max_size=3)
    ),
    max_leaves=6,
)
_KEYS = st.sampled_from(
    ["title", "date", "layout", "categories", "summary", "tags", "provenance", "tittle"]
)
_PROVENANCE = st.dictionaries(
    st.sampled_from(["generated_by", "reviewed_by", "reviewed_on", "reviewer"]), _VALUES, max_size=4
)
_VALID = st.fixed_dictionaries(
    {
        "title": st.just("ALAS2"),
        "date": st.dates().map(datetime.date.isoformat) | st.dates() | st.datetimes(),
        "layout": st.just("post"),
        "categories": st.just("Gene") | st.lists(st.just("Gene"), min_size=1, max_size=2),
        "summary": st.text(max_size=5),
        "tags": st.lists(st.sampled_from(["ALAS2", "Heme", ""]), max_size=3),
    }
)


@settings(max_examples=400, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        _VALUES,
        st.dictionaries(_KEYS, _VALUES, max_size=8),
        _VALID,
        st.tuples(_VALID, _KEYS, _VALUES).map(lambda t: {**t[0], t[1]: t[2]}),
        st.tuples(_VALID, _PROVENANCE).map(lambda t: {**t[0], "provenance": t[1]}),
    )
)
def test_gate_and_jsonschema_agree_on_generated_front_matter(data):
    agrees(data)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "patternProperties": {"^x": {"type": "string"}}},
        {"type": "integer"},
        {"enum": ["a", "b"]},
        {"$ref": "https://elsewhere.invalid/schema.json"},
        {"properties": {"a": {"$ref": "#/$defs/missing"}}},
    ],
)
def test_a_schema_with_what_the_gate_does_not_know_gets_no_gate(schema):
    assert certainty_check(schema) is None


def test_a_recursive_reference_is_followed():
    tree = {
        "$defs": {"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}},
        "$ref": "#/$defs/node",
    }
    gate = certainty_check(tree)
    assert gate([[], [[]]]) is True
    assert gate([[], ["leaf"]]) is False
