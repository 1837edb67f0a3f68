"""Lookups that could not be verified, said once per service and reason.

GL010 gives one finding per lookup (JSON and SARIF keep them all: tools want each place);
when a service is down that is one line per rsID, DOI and accession of the run. A console
report folds those findings into one line per service and reason instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from genelint.findings import Finding


@dataclass
class UnverifiedGroup:
    service: str  # "eutils"; "" when no service is to blame ("not asked: …")
    reason: str  # "unreachable (host name could not be resolved)"
    findings: list[Finding]

    @property
    def down(self) -> bool:
        """The whole service was out of reach, not one answer broken."""
        return self.reason.startswith(("unreachable", "no answer within its"))

    def sentence(self) -> str:
        """`eutils unreachable (…): 291 rsID lookups not verified; --offline skips them`."""
        who = (
            f"{self.service} {self.reason}"
            if self.down
            else f"{self.service}: {self.reason}"
            if self.service
            else self.reason
        )
        values = Counter((f.data.get("lookup", ""), f.data.get("value", "")) for f in self.findings)
        kinds = Counter(kind for kind, _ in values)
        count = len(values)
        if len(kinds) == 1:
            what = f"{count} {next(iter(kinds))} lookup{'s' if count != 1 else ''} not verified"
        else:
            what = f"{count} lookups not verified ({', '.join(f'{n} {kind}' for kind, n in kinds.most_common())})"
        if count == 1:
            first = self.findings[0]
            what += f" ({first.data.get('value', '')} at {first.path}:{first.line}:{first.column})"
        hint = "; --offline skips them" if self.down else ""
        return f"{who}: {what}{hint}"


def is_unverified(finding: Finding) -> bool:
    """A finding about a lookup that could not be answered (GL010 marks its findings so)."""
    return "reason" in finding.data and "lookup" in finding.data


def fold(findings: list[Finding]) -> tuple[list[Finding], list[UnverifiedGroup]]:
    """The other findings, and the unverified ones grouped by service and reason (largest first)."""
    kept: list[Finding] = []
    groups: dict[tuple[str, str], UnverifiedGroup] = {}
    for finding in findings:
        if not is_unverified(finding):
            kept.append(finding)
            continue
        key = (finding.data.get("service", ""), finding.data["reason"])
        groups.setdefault(key, UnverifiedGroup(*key, [])).findings.append(finding)
    return kept, sorted(groups.values(), key=lambda g: (-len(g.findings), g.service, g.reason))
