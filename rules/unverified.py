"""GL010: a lookup was tried and could not be answered; said, never silent, never "does not exist"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from genelint.document import GeneDocument
from genelint.findings import Finding, Severity
from genelint.rule import Context, Rule
from genelint.rules._lookups import describe, every_lookup

# "eutils: HTTP 500": the service that failed, then why. Other errors ("not asked: …") name none.
_SERVICE_ERROR = re.compile(r"([a-z][a-z0-9-]*): (.+)", re.S)
# What a folded line counts (the text report says "291 rsID lookups not verified").
LOOKUP_LABELS = {
    "rsid": "rsID",
    "refsnp": "RefSNP",
    "doi": "DOI",
    "doi-updates": "retraction-notice",
    "uniprot": "UniProtKB",
}


class LookupUnverified(Rule):
    """A value could not be verified because its service did not answer.

    A timeout, a refused connection, a 5xx or 429 reply that outlasted the retries,
    or a malformed body: the network rules (GL305-GL308, GL402-GL404) then say
    nothing about the value, and this finding names it and the service's error,
    so a flaky service never fails a build and never goes unnoticed. With
    `--offline` no lookup is tried; the summary counts the skipped ones instead.

    Why: "could not check" and "checked and wrong" are different facts; an rsID
    is not unknown because dbSNP timed out.

    A host that cannot be reached (its name does not resolve, the connection is
    refused) or that has used up its deadline for the run is down for the rest of it:
    its remaining lookups are answered at once with the same reason. The JSON and SARIF
    reports keep one finding per lookup; the text report folds them into one line per
    service and reason, and its summary counts verified and unverified lookups apart
    from the problems. `--fail-on-unverified` makes such a run fail.

    Bad (E-utilities down):
        page.md:42:28: GL010 [info] could not verify rsID rs268: eutils: HTTP 500
    Good: the same run once the service answers, or from a warm cache.
    """

    code = "GL010"
    name = "lookup-unverified"
    family = "services"
    severity = Severity.INFO
    # It asks nothing itself: it reports on the lookups the other network rules asked.
    needs = frozenset({"lookups"})

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        for asked in every_lookup(doc, ctx):
            answer = ctx.answer(asked.lookup)
            if answer is not None and answer.status == "error":
                error = answer.error or "the service did not answer"
                message = f"could not verify {describe(asked.lookup)}: {error}"
                said = _SERVICE_ERROR.fullmatch(error)
                service, reason = (said.group(1), said.group(2)) if said else ("", error)
                yield self.finding(
                    asked.field.span,
                    message,
                    service=service,
                    reason=reason,
                    lookup=LOOKUP_LABELS.get(asked.lookup.kind, asked.lookup.kind),
                    value=asked.lookup.key,
                )
