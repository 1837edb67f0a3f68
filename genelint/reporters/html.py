"""The HTML report: one self-contained page a curator opens in a browser.

Everything is in the file: the stylesheet and the script are inline and allowed by a
Content-Security-Policy that names their SHA-256 hashes and forbids everything else (no
request to any host, no other script, no inline event handler, no image), so a page whose
text smuggles markup into the report can at worst show up as text.

The page content reaches the report three ways, each escaped: text (paths, messages, the
lines around a finding, the diff of its fix) through `_text`, which also makes control and
bidirectional-override characters visible; a section rendered as the page shows it, through
mistune with raw HTML escaped, unsafe URLs replaced and images shown as their alt text and
address; and attribute values through `html.escape(..., quote=True)`.

The rows are rendered here, so the report is readable with scripts off; the script only
filters, sorts and folds them, and puts a shared rendered section or rule documentation
(kept once in `<template>`s) beside each finding that is opened.
"""

from __future__ import annotations

import base64
import bisect
import dataclasses
import difflib
import functools
import hashlib
import html
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

import mistune

from genelint import __version__
from genelint.document import GeneDocument, Section
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.fixer import apply_fixes
from genelint.reporters import RenderOptions, Report, fix_applicability, shown_message
from genelint.reporters.text import _plural, summary_line
from genelint.rule import Rule

CONTEXT_LINES = 2  # lines shown above and below a finding's span
MAX_SPAN_LINES = 8  # a longer span shows its first and last lines around a note
MAX_LINE = 240  # characters of one shown line; a longer one is cut around the highlight
MAX_DIFF_LINES = 60
MAX_RENDERED = (
    50_000  # characters of a section rendered as the page shows it; a longer one is not rendered
)

# C0/C1 controls (tab aside), the line and paragraph separators, and the characters that
# reorder text on screen (the "trojan source" overrides and isolates, the marks): shown as a
# visible code, never acted upon.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def _text(value: str) -> str:
    """`value` as HTML text: escaped, its invisible characters shown as codes."""
    return _shown_invisible(html.escape(value, quote=True))


def _shown_invisible(escaped: str) -> str:
    """Escaped text with each invisible character replaced by a visible code (text only)."""
    return _INVISIBLE.sub(lambda m: f'<span class="ctl">U+{ord(m.group()):04X}</span>', escaped)


def _attr(value: object) -> str:
    """`value` as an attribute value: escaped, its invisible characters written as codes."""
    return _coded_invisible(html.escape(str(value), quote=True))


def _coded_invisible(markup: str) -> str:
    """Invisible characters written as plain `U+202E`: safe inside attribute values as well."""
    return _INVISIBLE.sub(lambda m: f"U+{ord(m.group()):04X}", markup)


def render(report: Report, options: RenderOptions) -> str:
    """The report as one HTML document (options such as --quiet do not shorten a document).

    The pages come from `report.document_of(path)`, asked once per file in path order, so
    a large run holds one page at a time; the rules' documentation from `report.rules`.
    """
    findings = sorted(report.findings, key=Finding.sort_key)
    templates = _Templates()
    rows: list[str] = []
    for path, group in _by_path(findings):
        doc = report.document_of(path) if report.document_of else None
        if doc is not None and not doc.readable:
            doc = None
        for finding in group:
            rows.append(_finding_rows(len(rows), finding, doc, report, templates))
    css, js = _asset("report.css"), _asset("report.js")
    body = "\n".join(
        [
            _header(report),
            _summary(findings, report),
            _findings_table(findings, rows),
            _rules_reference(findings, report.rules),
            templates.html(),
            f"<footer>genelint {_attr(__version__)} · every value from the pages is shown as text; "
            f"this file loads nothing from anywhere.</footer>",
        ]
    )
    policy = "; ".join(
        [
            "default-src 'none'",
            f"style-src '{_sha256(css)}'",
            f"script-src '{_sha256(_EARLY_SCRIPT)}' '{_sha256(js)}'",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta http-equiv="x-dns-prefetch-control" content="off">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>genelint report: {_text(_title_counts(report))}</title>\n"
        f"<style>{css}</style>\n<script>{_EARLY_SCRIPT}</script>\n</head>\n<body>\n{body}\n<script>{js}</script>\n</body>\n</html>\n"
    )


# Marks the page as scripted before the body is laid out, so the stylesheet folds the
# findings' panels from the start: laying out thousands of open panels first and folding
# them when the main script runs at the end costs a large report many seconds.
_EARLY_SCRIPT = 'document.documentElement.classList.add("js");'


def _asset(name: str) -> str:
    return (
        resources.files("genelint.reporters").joinpath("assets", name).read_text(encoding="utf-8")
    )


def _sha256(source: str) -> str:
    """The CSP source expression allowing exactly this inline element's content."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _by_path(findings: list[Finding]) -> Iterable[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.path].append(finding)
    return groups.items()


def _title_counts(report: Report) -> str:
    counts = ", ".join(_severity_count(n, severity) for severity, n in report.counts.items() if n)
    return (
        f"{_plural(len(report.findings), 'finding')} ({counts})"
        if report.findings
        else "no findings"
    )


def _severity_count(n: int, severity: str) -> str:
    return f"{n} info" if severity == "info" else _plural(n, severity)


# --- header and summary ------------------------------------------------------------------


def _header(report: Report) -> str:
    verdict = (
        ("fails", f"something reached {report.fail_on}")
        if report.failed
        else ("passes", f"nothing reached {report.fail_on}")
    )
    badges = "".join(
        f'<span class="badge sev-{s}{"" if n else " zero"}">{_severity_count(n, s)}</span>'
        for s, n in report.counts.items()
    )
    return (
        "<header>\n<h1>genelint report</h1>\n"
        f'<p class="verdict {verdict[0]}"><strong>The run {verdict[0]}</strong>: {_text(verdict[1])}.</p>\n'
        f'<p class="badges">{badges}</p>\n'
        f'<p class="summary-line">{_text(summary_line(report))}</p>\n{_internal_errors(report)}</header>'
    )


def _internal_errors(report: Report) -> str:
    """Rules that crashed and fixes that failed: the findings shown may be incomplete."""
    if not report.internal_errors:
        return ""
    items = "".join(f"<li>{_text(error)}</li>" for error in report.internal_errors)
    return f'<div class="internal-errors"><strong>Internal errors: this report may be incomplete.</strong><ul>{items}</ul></div>\n'


def _summary(findings: list[Finding], report: Report) -> str:
    by_rule: Counter = Counter((f.code, f.name) for f in findings)
    worst: dict[str, Severity] = {}
    fixable: Counter = Counter()
    for finding in findings:
        worst[finding.code] = max(worst.get(finding.code, finding.severity), finding.severity)
        if report.fixable_now(finding):
            fixable[finding.code] += 1
    rule_rows = "".join(
        f'<tr><td><button type="button" class="link" data-filter="rule" data-value="{_attr(code)}">{_text(code)}</button></td>'
        f'<td>{_text(name)}</td><td><span class="sev sev-{worst[code]}">{worst[code]}</span></td>'
        f'<td class="num">{n}</td><td class="num">{fixable[code] or ""}</td></tr>'
        for (code, name), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    per_file: dict[str, Counter] = defaultdict(Counter)
    for finding in findings:
        per_file[finding.path][str(finding.severity)] += 1
    file_rows = "".join(
        f'<tr><td><button type="button" class="link path" data-filter="file" data-value="{_attr(path)}">{_text(path)}</button></td>'
        + "".join(f'<td class="num">{counts[s] or ""}</td>' for s in ("error", "warning", "info"))
        + f'<td class="num">{sum(counts.values())}</td></tr>'
        for path, counts in sorted(
            per_file.items(), key=lambda kv: (-kv[1]["error"], -sum(kv[1].values()), kv[0])
        )
    )
    if not findings:
        return '<section id="summary"><h2>Summary</h2><p>No findings.</p></section>'
    return (
        '<section id="summary">\n<h2>Summary</h2>\n<div class="summary-tables">\n'
        '<div class="scroll"><table class="by-rule"><caption>By rule</caption><thead><tr><th>Rule</th><th>Name</th>'
        '<th>Severity</th><th class="num">Findings</th><th class="num">Fixable</th></tr></thead>'
        f"<tbody>{rule_rows}</tbody></table></div>\n"
        '<div class="scroll"><table class="by-file"><caption>By file</caption><thead><tr><th>File</th><th class="num">Errors</th>'
        '<th class="num">Warnings</th><th class="num">Info</th><th class="num">Total</th></tr></thead>'
        f"<tbody>{file_rows}</tbody></table></div>\n</div>\n</section>"
    )


# --- the findings table ----------------------------------------------------------------


_COLUMNS = (
    ("severity", "Severity"),
    ("file", "File"),
    ("line", "Line"),
    ("rule", "Rule"),
    ("message", "Message"),
    ("fix", "Fix"),
)


def _findings_table(findings: list[Finding], rows: list[str]) -> str:
    if not findings:
        return ""
    severities = [str(s) for s in sorted(Severity, reverse=True)]
    counts = {
        "severity": Counter(str(f.severity) for f in findings),
        "rule": Counter(f.code for f in findings),
        "file": Counter(f.path for f in findings),
    }
    names = {f.code: f.name for f in findings}
    choices = {
        "severity": [(s, s) for s in severities if counts["severity"][s]],
        "rule": [(code, f"{code} {names[code]}") for code in sorted(counts["rule"])],
        "file": [(path, path) for path in sorted(counts["file"])],
    }
    selects = "".join(
        f'<label>{label} <select id="filter-{key}" data-filter-key="{key}"><option value="">all</option>'
        + "".join(
            f'<option value="{_attr(value)}">{_text(text)} ({counts[key][value]})</option>'
            for value, text in choices[key]
        )
        + "</select></label>"
        for key, label in (("severity", "Severity"), ("rule", "Rule"), ("file", "File"))
    )
    headers = "".join(
        f'<th scope="col" data-key="{key}"><button type="button" class="sort" data-sort="{key}">{label}</button></th>'
        for key, label in _COLUMNS
    )
    return (
        '<section id="findings-section">\n<h2>Findings</h2>\n'
        f'<form class="filters" id="filters">{selects}'
        '<label>Text <input type="search" id="filter-text" placeholder="in messages"></label>'
        '<button type="reset" id="filter-reset">Show all</button>'
        f'<span id="shown" aria-live="polite">{len(findings)} of {len(findings)} shown</span>'
        '<button type="button" id="expand-all">Open shown</button></form>\n'
        f'<table id="findings"><thead><tr><th class="toggle-col"><span class="sr">details</span></th>{headers}</tr></thead>\n'
        + "\n".join(rows)
        + "\n</table>\n</section>"
    )


def _finding_rows(
    index: int, finding: Finding, doc: GeneDocument | None, report: Report, templates: _Templates
) -> str:
    applicability = fix_applicability(finding)
    fix_label = {"safe": "safe fix", "unsafe": "unsafe fix"}.get(applicability or "", "")
    if applicability and report.fixable_now(finding):
        fix_label += " [*]"
    data = {
        "index": index,
        "severity": finding.severity,
        "rank": int(finding.severity),
        "file": finding.path,
        "line": finding.line,
        "column": finding.column,
        "rule": finding.code,
        "message": shown_message(finding.message),
        "fix": fix_label,
    }
    attrs = " ".join(f'data-{key}="{_attr(value)}"' for key, value in data.items())
    detail_id = f"detail-{index}"
    main = (
        f'<tr class="finding">'
        f'<td class="toggle-col"><button type="button" class="toggle" aria-expanded="false" aria-controls="{detail_id}" '
        f'title="show the page around it" aria-label="details">▸</button></td>'
        f'<td><span class="sev sev-{finding.severity}">{finding.severity}</span></td>'
        f'<td class="path">{_text(finding.path)}</td>'
        f'<td class="num">{finding.line}:{finding.column}</td>'
        f'<td class="rule"><a href="#rule-{_attr(finding.code)}">{_text(finding.code)}</a> <span class="name">{_text(finding.name)}</span></td>'
        f'<td class="message">{_text(shown_message(finding.message))}</td>'
        f'<td class="fix">{_text(fix_label)}</td></tr>'
    )
    return (
        f'<tbody class="group" {attrs}>\n{main}\n'
        f'<tr class="detail" id="{detail_id}"><td></td><td colspan="{len(_COLUMNS)}">{_detail(finding, doc, templates)}</td></tr>\n'
        "</tbody>"
    )


def _detail(finding: Finding, doc: GeneDocument | None, templates: _Templates) -> str:
    parts = []
    if doc is None:
        parts.append(
            '<div class="panel"><h3>On the page</h3><p class="note">The file could not be read, so no lines are shown.</p></div>'
        )
    else:
        parts.append(
            f'<div class="panel"><h3>On the page, line {finding.line}</h3>{_context(doc, finding)}</div>'
        )
        if finding.fix is not None and fix_applicability(finding):
            parts.append(
                f'<div class="panel"><h3>The fix ({_text(finding.fix.applicability)}){_fix_description(finding.fix)}</h3>{_fix_diff(doc, finding.fix)}</div>'
            )
        block = templates.block(doc, finding.line)
        if block:
            template_id, title = block
            parts.append(
                f'<div class="panel"><h3>{_text(title)}, as the page shows it</h3>'
                f'<div class="rendered" data-template="{template_id}"><p class="note">(shown with scripts on)</p></div></div>'
            )
    parts.append(
        f'<div class="panel doc"><h3>About {_text(finding.code)} {_text(finding.name)}</h3>'
        f'<div data-template="doc-{_attr(finding.code)}"><p><a href="#rule-{_attr(finding.code)}">its documentation</a></p></div></div>'
    )
    return '<div class="detail-panels">' + "".join(parts) + "</div>"


def _fix_description(fix: Fix) -> str:
    return f": {_text(fix.description)}" if fix.description else ""


# --- the page around a finding ----------------------------------------------------------


def _context(doc: GeneDocument, finding: Finding) -> str:
    last = doc.lines.line_count
    start, end = max(1, min(finding.line, last)), max(1, min(finding.end_line, last))
    end = max(start, end)
    numbers = list(range(max(1, start - CONTEXT_LINES), min(last, end + CONTEXT_LINES) + 1))
    if end - start + 1 > MAX_SPAN_LINES:
        keep = MAX_SPAN_LINES // 2
        numbers = [n for n in numbers if n < start + keep or n > end - keep]
    rows, previous = [], None
    for number in numbers:
        if previous is not None and number != previous + 1:
            rows.append(
                f'<tr class="gap"><td class="ln"></td><td class="code">… {number - previous - 1} lines …</td></tr>'
            )
        previous = number
        text = doc.lines.line_text(number)
        hit, mark = start <= number <= end, None
        if hit:
            mark_from = finding.column - 1 if number == finding.line else 0
            mark_to = finding.end_column - 1 if number == finding.end_line else len(text)
            mark = (max(0, min(mark_from, len(text))), max(0, min(mark_to, len(text))))
            if (
                mark[0] == mark[1] and start != end
            ):  # an empty line inside a longer span: nothing to point at
                mark = None
        css = ' class="hit"' if hit else ""
        rows.append(
            f'<tr{css}><td class="ln">{number}</td><td class="code">{_marked_line(text, mark)}</td></tr>'
        )
    return '<table class="context">' + "".join(rows) + "</table>"


def _marked_line(text: str, mark: tuple[int, int] | None) -> str:
    """One line as HTML, the `mark` range of code points highlighted; a long line is cut
    around the highlight, saying how much was left out."""
    if mark is None:
        return _cut(text, 0, MAX_LINE)
    start, end = mark
    before, marked, after = text[:start], text[start:end], text[end:]
    room = max(40, (MAX_LINE - min(len(marked), MAX_LINE)) // 2)
    shown_mark = (
        '<mark class="point" title="here"></mark>'
        if start == end
        else f"<mark>{_cut(marked, 0, MAX_LINE)}</mark>"
    )
    return _cut(before, max(0, len(before) - room), len(before)) + shown_mark + _cut(after, 0, room)


def _cut(text: str, start: int, end: int) -> str:
    """text[start:end] as HTML, with a note of what was cut on either side."""
    if len(text) <= MAX_LINE and start == 0 and end >= len(text):
        return _text(text)
    end = min(end, len(text))
    if end - start > MAX_LINE:  # a long middle piece (the highlight itself): its two ends
        half = MAX_LINE // 2
        return (
            _text(text[start : start + half])
            + _gap(end - start - 2 * half)
            + _text(text[end - half : end])
        )
    head = _gap(start) if start > 0 else ""
    tail = _gap(len(text) - end) if end < len(text) else ""
    return head + _text(text[start:end]) + tail


def _gap(characters: int) -> str:
    return f'<span class="cut">…{characters} characters…</span>'


def _fix_diff(doc: GeneDocument, fix: Fix) -> str:
    window, first_line = _fix_window(doc.raw, fix)
    fixed, applied = apply_fixes(window, [_shifted(fix, -_window_start(doc.raw, first_line))])
    if not applied:
        return '<p class="note">This fix no longer applies to the file as it is now.</p>'
    # Lines end at LF alone, as the parser counts them (splitlines would also end one at a
    # U+2028 or a form feed inside it); a CRLF page's CR is its line ending, not content.
    before, after = (
        data.decode("utf-8", "surrogateescape").split("\n") for data in (window, fixed)
    )
    diff = difflib.unified_diff(before, after, lineterm="")
    lines = [
        _hunk_in_file(line.removesuffix("\r"), first_line)
        for line in itertools.islice(diff, 2, None)
    ]  # without the ---/+++ lines
    shown = lines[:MAX_DIFF_LINES]
    rows: list[str] = []
    for line in shown:
        kind = {"+": "add", "-": "del", "@": "hunk", "\\": "hunk"}.get(line[:1], "same")
        rows.append(f'<span class="{kind}">{_cut(line, 0, MAX_LINE)}</span>')
    if len(lines) > len(shown):
        rows.append(f'<span class="hunk">… {len(lines) - len(shown)} more diff lines …</span>')
    return '<pre class="diff">' + "".join(rows) + "</pre>"  # each line a block: no newlines between


# A fix's diff is made from the lines around its edits, not from the whole page: diffing a
# page of megabytes once for each of its thousands of fixes took minutes. The lines kept reach
# one past unified_diff's context on each side, so the hunks are those of the whole page.
_CONTEXT = 3  # difflib.unified_diff's default
_HUNK = re.compile(r"@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


@functools.lru_cache(maxsize=2)
def _newlines(raw: bytes) -> list[int]:
    """The byte offsets of a page's LFs, found once a page (bytes cache their hash)."""
    return [match.start() for match in re.finditer(b"\n", raw)]


def _window_start(raw: bytes, first_line: int) -> int:
    return _newlines(raw)[first_line - 1] + 1 if first_line else 0


def _fix_window(raw: bytes, fix: Fix) -> tuple[bytes, int]:
    """The bytes of the lines a fix's diff shows (its edits' lines and the context around
    them), and how many lines come before them."""
    newlines = _newlines(raw)
    low = min((edit.start for edit in fix.edits), default=0)
    high = max((edit.end for edit in fix.edits), default=0)
    first = max(0, bisect.bisect_left(newlines, low) - _CONTEXT - 1)
    last = bisect.bisect_left(newlines, high) + _CONTEXT + 1
    end = newlines[last] if last < len(newlines) else len(raw)
    return raw[_window_start(raw, first) : end], first


def _shifted(fix: Fix, by: int) -> Fix:
    edits = tuple(Edit(edit.start + by, edit.end + by, edit.content) for edit in fix.edits)
    return dataclasses.replace(fix, edits=edits)


def _hunk_in_file(line: str, first_line: int) -> str:
    """A hunk header of the window's diff, numbered as the whole page's lines."""
    match = _HUNK.fullmatch(line)
    if match is None or not first_line:
        return line
    old, old_length, new, new_length = match.groups()
    return (
        f"@@ -{int(old) + first_line}{old_length or ''} "
        f"+{int(new) + first_line}{new_length or ''} @@"
    )


# --- sections rendered as the page shows them -----------------------------------------


class _PageRenderer(mistune.HTMLRenderer):
    """mistune's HTML with nothing that runs or loads: raw HTML as visible text (a comment is
    hidden, as a browser hides it), images as their alt text and address, links that open
    apart and send no referrer (mistune already turns javascript: and data: URLs into '#')."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def text(self, text: str) -> str:
        return _shown_invisible(super().text(text))

    def codespan(self, text: str) -> str:
        return _shown_invisible(super().codespan(text))

    def block_code(self, code: str, info: str | None = None) -> str:
        # The info string becomes a class attribute: its invisible characters as plain codes first.
        return _shown_invisible(super().block_code(code, _coded_invisible(info) if info else info))

    def block_html(self, html_text: str) -> str:
        if _is_comment(html_text):
            return ""
        return f'<p class="raw-html">{self.escape_raw(html_text.strip())}</p>\n'

    def inline_html(self, html_text: str) -> str:
        if _is_comment(html_text):
            return ""
        return f'<code class="raw-html">{self.escape_raw(html_text)}</code>'

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return f'<span class="image">[image: {text}] <code>{self.safe_url(url)}</code></span>'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        title_attr = f' title="{_attr(title)}"' if title else ""
        return f'<a href="{self.safe_url(url)}"{title_attr} rel="noopener noreferrer nofollow" target="_blank">{text}</a>'


def _is_comment(html_text: str) -> bool:
    stripped = html_text.strip()
    return stripped.startswith("<!--") and stripped.endswith("-->")


@dataclass(frozen=True)
class _Block:
    """The part of a page a line belongs to: a section, the front matter or the text before the first section."""

    key: tuple
    title: str
    start: int  # byte offsets into the page
    end: int
    is_front_matter: bool = False


def _block_of(doc: GeneDocument, line: int) -> _Block | None:
    front = doc.front_matter.span
    if front and line <= front.end_line:
        return _Block(
            ("front", doc.path), "The front matter", front.start, front.end, is_front_matter=True
        )
    containing: Section | None = None
    for section in doc.sections:
        if section.heading.line <= line <= max(section.body.end_line, section.heading.line):
            containing = section
    if containing is not None:
        end = max(containing.body.end, containing.heading.end)
        return _Block(
            ("section", doc.path, containing.heading.line),
            f"Section '{containing.title}'",
            containing.heading.start,
            end,
        )
    first = doc.sections[0].heading.start if doc.sections else len(doc.raw)
    start = front.end if front else 0
    if start >= first:
        return None
    return _Block(("preamble", doc.path), "The top of the page", start, first)


class _Templates:
    """Rendered sections, each kept once however many findings open it."""

    def __init__(self) -> None:
        self._ids: dict[tuple, str] = {}
        self._html: list[str] = []
        self._markdown = mistune.create_markdown(
            renderer=_PageRenderer(), plugins=["table", "strikethrough", "url"]
        )

    def block(self, doc: GeneDocument, line: int) -> tuple[str, str] | None:
        """(template id, title) of the rendered block that holds `line`."""
        block = _block_of(doc, line)
        if block is None:
            return None
        template_id = self._ids.get(block.key)
        if template_id is None:
            template_id = self._ids[block.key] = f"block-{len(self._ids)}"
            source = doc.raw[block.start : block.end].decode("utf-8", "replace")
            if len(source) > MAX_RENDERED:
                rendered = f'<p class="note">{_plural(len(source), "character")}: too long to render here.</p>'
            elif block.is_front_matter:
                rendered = f'<pre class="front-matter">{_text(source)}</pre>'
            else:
                html_text = self._markdown(source)  # (an HTML renderer gives a string)
                rendered = _coded_invisible(  # those left are in attributes (a URL)
                    html_text if isinstance(html_text, str) else ""
                )
            self._html.append(f'<template id="{template_id}">{rendered}</template>')
        return template_id, block.title

    def html(self) -> str:
        return '<div id="templates">' + "\n".join(self._html) + "</div>"


# --- rule documentation -------------------------------------------------------------------


def _rules_reference(findings: list[Finding], rules: Mapping[str, type[Rule]]) -> str:
    codes = sorted({f.code for f in findings})
    if not codes:
        return ""
    names = {f.code: f.name for f in findings}
    articles = []
    for code in codes:
        rule = rules.get(code)
        if rule is None:
            doc = f'<p class="note">No documentation: {_text(code)} is not a rule of this installation.</p>'
            heading = f"{_text(code)} {_text(names[code])}"
        else:
            doc = _documentation(rule)
            heading = (
                f'{_text(rule.code)} {_text(rule.name)} <span class="meta">family {_text(rule.family)}, '
                f"default severity {_text(str(rule.severity))}{', fixable' if rule.fixable else ''}</span>"
            )
        articles.append(
            f'<article id="rule-{_attr(code)}"><h3>{heading}</h3><div class="rule-doc" id="doc-{_attr(code)}">{doc}</div></article>'
        )
    return (
        '<section id="rules">\n<h2>The rules that reported</h2>\n'
        + "\n".join(articles)
        + "\n</section>"
    )


def _documentation(rule: type[Rule]) -> str:
    """A rule's docstring as HTML: paragraphs, its indented examples as code blocks, and
    `backticks` as code; then its options."""
    from genelint.docs import options_text

    blocks: list[str] = []
    prose: list[str] = []
    code: list[str] = []

    def flush() -> None:
        if prose:
            blocks.append("<p>" + _inline_code(" ".join(prose)) + "</p>")
            prose.clear()
        if code:
            blocks.append('<pre class="example">' + _text("\n".join(code)) + "</pre>")
            code.clear()

    for line in rule.documentation().splitlines():
        if line.startswith("    "):
            if prose:
                flush()
            code.append(line[4:])
        elif not line.strip():
            flush()
        else:
            if code:
                flush()
            prose.append(line.strip())
    flush()
    options = getattr(rule, "options", None)
    if options:
        blocks.append(
            f"<p>Options (<code>[tool.genelint.rules.{_text(rule.name)}]</code>):</p>"
            f'<pre class="example">{_text(chr(10).join(line.strip() for line in options_text(rule)))}</pre>'
        )
    return "".join(blocks)


def _inline_code(text: str) -> str:
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an unpaired backtick: no code spans
        return _text(text)
    return "".join(
        f"<code>{_text(piece)}</code>" if i % 2 else _text(piece) for i, piece in enumerate(pieces)
    )
