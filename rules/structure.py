"""Structure rules: the sections of the reference page, their order, and the mutation table."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from genelint.document import GeneDocument, Section, Span
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.rule import Context, Rule

_COMMENTS = re.compile(r"<!--.*?-->", re.S)


def _titles(ctx: Context) -> dict[str, str]:
    return dict(ctx.settings.sections) if ctx.settings else {}


@functools.lru_cache(maxsize=8)
def _places(sections: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """Each known section's place in the canonical order (once per run, not per page)."""
    return {key: i for i, (key, _) in enumerate(sections)}


def _empty(body: str) -> bool:
    """Nothing in a section's body but blanks and HTML comments (which readers do not see)."""
    if "<!--" not in body:  # most bodies: no comment to take out
        return not body.strip()
    return not _COMMENTS.sub("", body).strip()


def _anchor(doc: GeneDocument) -> Span:
    """Where a finding about the whole page points: the H1, else line 1."""
    if doc.title is not None:
        return doc.title.span
    return doc.lines.span(0, 0)


class MissingSection(Rule):
    """A required section is absent.

    Why: every page carries the same sections so curators and tools find the
    same facts in the same place. Required sections are the reference page's,
    configurable with `required-sections`.

    Bad:  a page without `## Related Papers`.
    Good: a page with every section, `There are no known ...` where empty.
    """

    code = "GL101"
    name = "missing-section"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        present = {s.key for s in doc.sections}
        if present.issuperset(ctx.settings.required_sections):
            return  # the common case: every required section is there
        titles = _titles(ctx)
        missing = [key for key in ctx.settings.required_sections if key not in present]
        if missing and len(missing) == len(ctx.settings.required_sections) and len(missing) > 1:
            # One finding, not one per section, for a page that is not a gene page at all.
            yield self.finding(
                _anchor(doc),
                f"none of the {len(missing)} required sections is present (first: '## {titles.get(missing[0], missing[0])}')",
            )
            return
        for key in missing:
            yield self.finding(_anchor(doc), f"missing section '## {titles.get(key, key)}'")


class SectionOrder(Rule):
    """Sections are out of the canonical order.

    Why: the fixed order (Gene Position, Pathology and Function, External IDs and
    Aliases, AA Mutation List, Somatic SNVs/InDels, Related Disease, Treatment
    and Prognosis, Drug Response, Related Papers) makes pages comparable.

    Bad:  `## Related Papers` before `## Drug Response`.
    Good: `## Drug Response` then `## Related Papers`.
    """

    code = "GL102"
    name = "section-order"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        order = _places(ctx.settings.sections)
        places = [order[s.key] for s in doc.sections if s.key in order]
        if all(a < b for a, b in zip(places, places[1:])):
            return  # nearly every page: its known sections in order, none twice
        seen: list[tuple[int, Section]] = []  # (place in the canonical order, section)
        keys: set[str | None] = set()
        furthest = -1  # the latest place seen: only a section placed before it is out of order
        for section in doc.sections:
            place = order.get(section.key) if section.key is not None else None
            if place is None or section.key in keys:
                continue
            if place < furthest:
                later = [(p, s) for p, s in seen if p > place]
                first = min(later, key=lambda pair: pair[0])[1]
                yield self.finding(
                    section.heading,
                    f"section '{section.title}' should come before '{first.title}' (line {first.heading.line})",
                )
            seen.append((place, section))
            keys.add(section.key)
            furthest = max(furthest, place)


class DuplicateSection(Rule):
    """A section appears twice.

    Why: two `## Related Papers` sections split facts and tools read only one.

    Bad:  `## Drug Response` at line 40 and again at line 70.
    Good: one `## Drug Response` holding both parts.
    """

    code = "GL103"
    name = "duplicate-section"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        first: dict[str, Section] = {}
        for section in doc.sections:
            if section.key is None:
                continue
            if section.key in first:
                yield self.finding(
                    section.heading,
                    f"section '{section.title}' already appears at line {first[section.key].heading.line}",
                )
            else:
                first[section.key] = section


class EmptySection(Rule):
    """A section has no content.

    Why: an empty section reads as "not researched"; say so explicitly.

    Bad:
        ## Drug Response

        ## Related Papers
    Good:
        ## Drug Response

        There is currently no known drug response specific to this gene.
    """

    code = "GL104"
    name = "empty-section"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            if _empty(section.body_text):
                yield self.finding(section.heading, f"section '{section.title}' is empty")


class UnknownSection(Rule):
    """A section heading the reference format does not know, or a known one not at `##`.

    Why: an unknown heading is usually a misspelt known one (`## Gene Location`)
    or generated filler; tools looking for the known section miss it. Known
    sections are configurable with `sections`. Every section of the reference
    page is a level-2 heading: `# Drug Response` reads as a second page title,
    `### Drug Response` as a subsection of the section above it. genelint still
    reads them as the section, and the fix writes `## `; so it does for a title
    underlined with `---` or `===` (a setext heading). A `###` subsection whose
    title is not a known section's is allowed.

    Bad:  `## Gene Location`, `### Drug Response`
    Good: `## Gene Position`, `## Drug Response`
    """

    code = "GL105"
    name = "unknown-section"
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            if section.key is None:
                known = ", ".join(title for _, title in ctx.settings.sections)
                yield self.finding(
                    section.heading, f"unknown section '{section.title}'; known sections: {known}"
                )
                continue
            line = doc.lines.line_text(section.heading.line)
            if section.level == 2 and line.startswith("## "):
                continue  # nearly every section: `## Title`, what _ATX_MARKER would find
            if (marker := _ATX_MARKER.match(line)) is None:
                yield self._setext(doc, section)
            elif section.level != 2:
                yield self._wrong_level(doc, section, marker)

    def _setext(self, doc: GeneDocument, section: Section) -> Finding:
        """A known title underlined with `---` or `===`: one `## ` line instead of both."""
        title = " ".join(doc.lines.text_of(section.heading).split())  # a title may run over lines
        if (
            section.heading.end_line >= doc.lines.line_count
        ):  # a heading after a lone CR (a break to mistune, not to lines)
            return self.finding(
                section.heading,
                f"write the section heading as '## {section.title}' on a line of its own",
            )
        underline = doc.lines.line_span(section.heading.end_line + 1)
        fix = Fix(
            (Edit(section.heading.start, underline.end, f"## {title}"),),
            "safe",
            f"write '## {title}'",
        )
        level = "" if section.level == 2 else f"level-{section.level} "
        return self.finding(
            section.heading,
            f"section '{section.title}' is a {level}setext heading (underlined on line {underline.line}); "
            f"write the section heading as '## {section.title}'",
            fix=fix,
        )

    def _wrong_level(self, doc: GeneDocument, section: Section, marker: re.Match[str]) -> Finding:
        line = doc.lines.line_text(section.heading.line)
        start = section.heading.start + len(
            marker.group(1)
        )  # the indent is ASCII spaces: bytes = code points
        # Only the opening marker changes (a closing `###` may stay: it is optional in Markdown).
        fix = Fix(
            (Edit(start, start + len(marker.group(2)), "##"),),
            "safe",
            f"change '{marker.group(2)}' to '##'",
        )
        written = line.strip()
        return self.finding(
            section.heading,
            f"section '{section.title}' is a level-{section.level} heading ('{written}'); sections are level 2: "
            f"write it with '##'",
            fix=fix,
        )


_ATX_MARKER = re.compile(r"^( {0,3})(#{1,6})(?:[ \t]|$)")


_NO_MUTATIONS = re.compile(r"\b(no|none)\b", re.I)


class MalformedTable(Rule):
    """The mutation table's header, delimiter row or columns are wrong.

    Why: tools read the table by its columns (change | type | dbSNP ID); a
    missing column, a missing `|---|` row or a ragged row shifts every cell.
    A comment line between rows (`<!-- genelint-disable-next-line ... -->`)
    ends the table where the page is rendered, and the rows below it show as
    plain text; genelint still checks them as rows (and the comment still
    suppresses the next row), but the table itself is reported at the comment.
    Put suppressions for table rows above and below the whole table instead
    (`genelint-disable GL302` ... `genelint-enable GL302`).

    Bad:
        | AA Mutation | Type |
        | V122I | Missense | rs137852769 |
    Good:
        | AA Mutation | Type | dbSNP ID |
        | ----------- | ---- | -------- |
        | p.Val122Ile | Missense | rs137852769 |
    """

    code = "GL106"
    name = "malformed-table"
    severity = Severity.ERROR

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        section = doc.section("aa-mutation-list")
        table = doc.mutation_table
        if section is None:
            return
        if table is None:
            body = _COMMENTS.sub("", section.body_text)
            if body.strip() and not _NO_MUTATIONS.search(body):
                yield self.finding(
                    section.heading,
                    "the AA Mutation List has no table (expected | AA Mutation | Type | dbSNP ID |)",
                )
            return
        header_span = table.header[0].span if table.header else table.span
        if table.delimiter is None:
            yield self.finding(
                doc.lines.line_span(header_span.line),
                "mutation table has no delimiter row (| --- | --- | --- |) under its header",
            )
        names = {"change": "AA Mutation", "type": "Type", "rsid": "dbSNP ID"}
        for role, label in names.items():
            if role not in table.columns:
                found = " | ".join(c.value for c in table.header)
                yield self.finding(
                    doc.lines.line_span(header_span.line),
                    f"mutation table has no '{label}' column (header is | {found} |)",
                )
        for comment in table.comments:
            below = [row.span.line for row in table.rows if row.span.line > comment.line]
            shown = f"line {below[0]}" if len(below) == 1 else f"lines {below[0]}-{below[-1]}"
            yield self.finding(
                comment,
                f"a comment line inside the mutation table ends it where the page is rendered "
                f"(its rows on {shown} show as plain text); put the comment above the table",
            )
        for cut in table.breaks:
            below = [r.span.line for r in table.rows if r.span.line >= cut.line]
            yield self.finding(
                cut,
                f"this line ends the mutation table where the page is rendered (a row starts and ends "
                f"with |); it and the rows below it (lines {below[0]}-{below[-1]}) show as plain text",
            )
        width = len(table.header)
        breaks = {row.line for row in table.breaks}
        ragged = [
            row for row in table.rows if len(row.cells) != width and row.span.line not in breaks
        ]
        for row in ragged:
            yield self.finding(
                row.span, f"table row has {len(row.cells)} cells, the header has {width}"
            )
        if not table.rendered and table.delimiter is not None and not ragged:
            # Nothing above explains it: a line before the header (a link definition, a
            # paragraph that takes the header in) keeps the table from rendering.
            yield self.finding(
                doc.lines.line_span(header_span.line),
                "mutation table does not render as a table: its lines "
                "show as plain text where the page is rendered; check its header line and the line above it",
            )
