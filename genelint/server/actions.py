"""Code actions and hover over a page's last check: a quick fix per fixable finding, all safe
fixes at once (`source.fixAll.genelint`, the fixer's own passes), a suppression comment per
finding, and the rule's documentation as `genelint explain` prints it."""

from __future__ import annotations

from lsprotocol import types

from genelint.docs import explain_text
from genelint.findings import Finding
from genelint.fixer import fix_bytes
from genelint.server.pages import Checked
from genelint.server.positions import PageText
from genelint.server.profiles import Profile

FIX_ALL = "source.fixAll.genelint"


def quick_fixes(uri: str, checked: Checked, wanted: types.Range) -> list[types.CodeAction]:
    actions = []
    for finding, diagnostic in _in_range(checked, wanted):
        fix = finding.fix
        if fix is None or not fix.edits:
            continue
        title = fix.description or f"Fix {finding.code}"
        if fix.applicability != "safe":
            title += " (unsafe)"
        edits = [
            types.TextEdit(range=checked.page.byte_range(e.start, e.end), new_text=e.content)
            for e in fix.edits
        ]
        actions.append(
            types.CodeAction(
                title=f"{title} ({finding.code})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                is_preferred=fix.applicability == "safe",
                edit=_workspace_edit(uri, edits),
            )
        )
    return actions


def suppressions(uri: str, checked: Checked, wanted: types.Range) -> list[types.CodeAction]:
    """'Disable GLxxx for this line', or where a comment line cannot go on the line above (a
    table row: it would end the table, GL106; front matter: YAML has no HTML comments) the
    nearest place it can, with the title saying so."""
    actions, seen = [], set()
    for finding, diagnostic in _in_range(checked, wanted):
        key = (finding.code, finding.line)
        if key in seen:
            continue
        seen.add(key)
        title, edits = _suppression(checked, finding)
        actions.append(
            types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=_workspace_edit(uri, edits),
            )
        )
    return actions


def _suppression(checked: Checked, finding: Finding) -> tuple[str, list[types.TextEdit]]:
    code, page = finding.code, checked.page
    if checked.front_matter_end and finding.line <= checked.front_matter_end:
        at = page.line_start(checked.front_matter_end + 1)
        return (
            f"Disable {code} for this file (front matter cannot hold a comment)",
            [_insert(at, f"<!-- genelint-disable-file {code} -->\n")],
        )
    for first, last in checked.tables:
        if first <= finding.line <= last:
            return (
                f"Disable {code} for this table (a comment between its rows would end it)",
                [
                    _insert(page.line_start(first), f"<!-- genelint-disable {code} -->\n"),
                    _insert(
                        page.line_start(last + 1),
                        f"\n<!-- genelint-enable {code} -->\n"
                        if last + 1 <= checked.line_count
                        else f"\n\n<!-- genelint-enable {code} -->\n",
                    ),
                ],
            )
    line = page.text.split("\n")[finding.line - 1] if finding.line <= checked.line_count else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return (
        f"Disable {code} for this line",
        [
            _insert(
                page.line_start(finding.line),
                f"{indent}<!-- genelint-disable-next-line {code} -->\n",
            )
        ],
    )


def fix_all(uri: str, path: str, checked: Checked, profile: Profile) -> types.CodeAction | None:
    """Every safe fix, applied as `genelint check --fix` would (pass after pass), as one edit."""
    fixed, count = fix_bytes(checked.page.raw, path, profile.typing)
    if not count or fixed == checked.page.raw:
        return None
    after = fixed.decode("utf-8", "surrogateescape")
    return types.CodeAction(
        title=f"Fix all safe genelint problems ({count})",
        kind=FIX_ALL,
        edit=_workspace_edit(uri, [minimal_edit(checked.page, after)]),
    )


def minimal_edit(page: PageText, after: str) -> types.TextEdit:
    """One edit turning the page into `after`: the span between their common head and tail."""
    before = page.text
    head = 0
    limit = min(len(before), len(after))
    while head < limit and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < limit - head and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]:
        tail += 1
    rng = types.Range(start=page.position(head), end=page.position(len(before) - tail))
    return types.TextEdit(range=rng, new_text=after[head : len(after) - tail])


def hover(checked: Checked, position: types.Position, profile: Profile) -> types.Hover | None:
    """The documentation of each rule with a finding under the cursor."""
    codes: dict[str, types.Range] = {}
    for diagnostic in checked.diagnostics:
        if contains(diagnostic.range, position):
            codes.setdefault(str(diagnostic.code), diagnostic.range)
    rules = [profile.registry.get(code) for code in codes]
    texts = [explain_text(rule, markdown=True) for rule in rules if rule is not None]
    if not texts:
        return None
    return types.Hover(
        contents=types.MarkupContent(
            kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)
        ),
        range=next(iter(codes.values())),
    )


def contains(rng: types.Range, position: types.Position) -> bool:
    point = (position.line, position.character)
    return (rng.start.line, rng.start.character) <= point <= (rng.end.line, rng.end.character)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        b.start.line,
        b.start.character,
    ) <= (a.end.line, a.end.character)


def _in_range(checked: Checked, wanted: types.Range):
    for finding, diagnostic in zip(checked.findings, checked.diagnostics):
        if _overlaps(diagnostic.range, wanted):
            yield finding, diagnostic


def _insert(at: types.Position, text: str) -> types.TextEdit:
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=text)


def _workspace_edit(uri: str, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: edits})
