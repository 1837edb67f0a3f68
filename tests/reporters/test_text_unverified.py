"""The text report folds GL010 findings per service and reason and counts lookups, not problems."""

from genelint.findings import Finding, Severity
from genelint.reporters import Report
from genelint.reporters.text import render_text


def unverified(path, line, lookup, value, service, reason):
    error = f"{service}: {reason}" if service else reason
    return Finding(
        "GL010",
        "lookup-unverified",
        Severity.INFO,
        f"could not verify {lookup} {value}: {error}",
        line,
        3,
        line,
        9,
        path,
        data={"service": service, "reason": reason, "lookup": lookup, "value": value},
    )


def warning(path, line):
    return Finding(
        "GL302", "hgvs-legacy-notation", Severity.WARNING, "legacy notation", line, 3, line, 8, path
    )


def report(findings, verified, not_verified):
    return Report(
        findings, 2, Severity.WARNING, lookups_verified=verified, lookups_unverified=not_verified
    )


def test_groups_by_service_and_reason_largest_first():
    findings = [
        unverified("a.md", 4, "DOI", "10.1/x", "crossref", "HTTP 500"),
        unverified(
            "a.md", 5, "rsID", "rs1", "eutils", "unreachable (host name could not be resolved)"
        ),
        unverified(
            "b.md", 5, "rsID", "rs2", "eutils", "unreachable (host name could not be resolved)"
        ),
        unverified(
            "b.md", 6, "RefSNP", "rs2", "eutils", "unreachable (host name could not be resolved)"
        ),
        unverified(
            "b.md", 7, "rsID", "rs1", "eutils", "unreachable (host name could not be resolved)"
        ),  # rs1 again
        warning("a.md", 2),
    ]
    assert render_text(report(findings, 3, 4)).splitlines() == [
        "a.md:2:3: GL302 [warning] legacy notation (hgvs-legacy-notation)",
        "GL010 [info] eutils unreachable (host name could not be resolved): 3 lookups not verified "
        "(2 rsID, 1 RefSNP); --offline skips them",
        "GL010 [info] crossref: HTTP 500: 1 DOI lookup not verified (10.1/x at a.md:4:3)",
        "Found 1 problem (1 warning) in 1 of 2 files. 7 lookups: 3 verified, 4 not verified.",
    ]


def test_error_without_a_service_is_its_own_group():
    findings = [
        unverified("a.md", 4, "rsID", "rs1", "", "not asked: the run was interrupted (Ctrl-C)")
    ]
    assert render_text(report(findings, 0, 1)).splitlines() == [
        "GL010 [info] not asked: the run was interrupted (Ctrl-C): 1 rsID lookup not verified (rs1 at a.md:4:3)",
        "No problems in 2 files. Nothing could be verified: 1 lookup not verified.",
    ]


def test_quiet_keeps_only_the_summary_and_statistics_count_every_finding():
    findings = [unverified("a.md", 4, "rsID", "rs1", "eutils", "HTTP 500")]
    assert render_text(report(findings, 0, 1), quiet=True) == (
        "No problems in 2 files. Nothing could be verified: 1 lookup not verified.\n"
    )
    assert (
        render_text(report(findings, 0, 1), statistics=True).splitlines()[0]
        == "     1  GL010  lookup-unverified"
    )
