"""An example third-party rule module for genelint.

Load it by naming its folder in the config of the repository you lint:

    [tool.genelint]
    rule-paths = ["examples/plugin"]

Every `*.py` file in a rule path is imported and each Rule subclass it defines
with a `code` is registered. The default selection (ALL) runs it with the built-in
rules; a narrower `select` (or `--select XY001`) must name it to keep it on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from genelint.document import GeneDocument
from genelint.findings import Finding, Severity
from genelint.rule import Context, Rule

# Words a writer leaves where a fact still has to go.
_PLACEHOLDER = re.compile(r"\b(?:TODO|TBD|FIXME|XXX)\b|\?\?\?|\[citation needed\]", re.I)


class PlaceholderText(Rule):
    """A section still holds placeholder text (TODO, TBD, FIXME, ???).

    Why: a placeholder is a fact nobody has written yet; published, it reads
    as if the page were complete.

    Bad:
        ## Drug Response

        TODO: add pharmacogenomics.
    Good:
        ## Drug Response

        There is currently no known drug response specific to this gene.
    """

    code = "XY001"
    name = "placeholder-text"
    family = "example"
    severity = Severity.WARNING

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for section in doc.sections:
            for line in range(section.body.line, section.body.end_line + 1):
                text = doc.lines.line_text(line)
                for match in _PLACEHOLDER.finditer(text):
                    span = doc.lines.span_at(line, match.start() + 1, len(match.group(0)))
                    yield self.finding(
                        span, f"placeholder '{match.group(0)}' left in section '{section.title}'"
                    )
