"""Sharding a run across machines: `check --shard i/n`, then `merge-reports`.

A shard checks the pages whose path, relative to the repository root, hashes to it: the
same split on every machine and in every run, each page in exactly one shard. Corpus rules
need every page, so a shard does not run them; nor the rules about suppression comments,
whose verdict depends on the corpus findings. Its JSON report carries, beside its findings,
each page's corpus facts and suppression comments (with whether each suppressed something).
`merge-reports` runs the corpus rules over the facts of all shards, applies each page's
suppressions to their findings, runs the suppression rules, and writes one report: the
findings of the same run unsharded.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

FACTS_VERSION = 1


class ShardError(Exception):
    """A --shard value or a set of reports that cannot be used; the CLI exits 2 with it."""


def parse_shard(text: str) -> tuple[int, int]:
    """ "2/5" -> (2, 5); shards are numbered from 1."""
    index, _, count = text.partition("/")
    try:
        i, n = int(index), int(count)
    except ValueError:
        raise ShardError(f"--shard {text}: expected i/n, e.g. 1/4") from None
    if not 1 <= i <= n:
        raise ShardError(f"--shard {text}: i must be from 1 to n")
    return i, n


def shard_of(path: str, count: int, root: str) -> int:
    """The shard (1..count) of a file: a hash of its path relative to `root`, with / separators."""
    relative = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    digest = hashlib.sha256(relative.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def select_shard(paths: list[str], index: int, count: int, root: str) -> list[str]:
    return [path for path in paths if shard_of(path, count, root) == index]


# --- what a shard's report carries ------------------------------------------------------------


def facts_of(
    run, linter, index: int, count: int, positions: dict[str, int], findings: list
) -> dict[str, Any]:
    """The `facts` part of a shard's JSON report of `findings`. `positions` numbers every
    file of the whole (unsharded) selection, so that the merged report lists them in the
    same order."""
    from genelint.cache import facts_to_json, suppressions_to_json

    pages = []
    for result in run.files:
        page_facts = facts_to_json(result.facts)
        if page_facts is None:
            raise ShardError(
                f"{result.path}: a corpus rule's facts have no JSON form; this run cannot be sharded"
            )
        pages.append(
            {
                "path": result.path,
                "position": positions[result.path],
                "facts": page_facts,
                "suppressions": suppressions_to_json(result.suppressions),
            }
        )
    facts = {
        "version": FACTS_VERSION,
        "shard": {"index": index, "count": count},
        "rules": list(linter.enabled_codes),
        "pages": pages,
    }
    if linter.offline:  # merge-reports' baseline then leaves the network rules' entries alone
        facts["offline"] = True
    if run.lookups_skipped:  # the summary counts distinct lookups: two shards may share some
        facts["lookups_skipped"] = sorted(
            {tuple(lookup) for r in run.files for lookup in r.lookups}
        )
    if run.lookups_asked:  # the same, for the lookups asked: [kind, key, answered]
        facts["lookups_asked"] = sorted(
            [*lookup, answered] for lookup, answered in run.lookups_asked.items()
        )
    # What a finding says beside its message (GL010: the lookup, its service and why it is
    # not verified), which the text report folds by: by the finding's place in `findings`.
    data = [[n, finding.data] for n, finding in enumerate(findings) if finding.data]
    if data:
        facts["finding_data"] = data
    return facts


# --- merging ------------------------------------------------------------------------------------


def merge(reports: list[dict], linter, counts: dict | None = None):
    """(the RunResult of the unsharded run, its files in order) from the shards' JSON reports;
    `counts` (merged_counts') tells the rules about suppression comments what the lookups
    came to."""
    from genelint.cache import facts_from_json, suppressions_from_json
    from genelint.engine import FileResult, RunResult

    results: dict[str, FileResult] = {}
    positions: dict[str, int] = {}
    for report in reports:
        for page in report["facts"]["pages"]:
            results[page["path"]] = FileResult(
                page["path"],
                facts=facts_from_json(page["facts"]),
                suppressions=suppressions_from_json(page["suppressions"]),
            )
            positions[page["path"]] = page["position"]
        data = dict(report["facts"].get("finding_data", ()))
        for n, finding in enumerate(report["findings"]):
            results[finding["path"]].findings.append(finding_from_json(finding, data.get(n, {})))
    files = sorted(results, key=positions.__getitem__)
    run = RunResult([results[path] for path in files])
    if counts:
        run.lookups_skipped = counts["lookups_skipped"]
        run.lookups_unverified = counts["lookups_unverified"]
    return linter.finish_merged(run), files


def finding_from_json(data: dict, extra: dict | None = None):
    """A finding of a JSON report, with what it said beside its message (`extra`) when known."""
    from genelint.findings import Edit, Finding, Fix, Severity

    fix = data["fix"]
    if fix is not None:
        fix = Fix(
            tuple(Edit(e["start"], e["end"], e["content"]) for e in fix["edits"]),
            fix["applicability"],
            fix["description"],
        )
    return Finding(
        data["code"],
        data["name"],
        Severity.parse(data["severity"]),
        data["message"],
        data["line"],
        data["column"],
        data["end_line"],
        data["end_column"],
        data["path"],
        fix,
        dict(extra or {}),
    )


def check_complete(reports: list[tuple[str, dict]]) -> list[str]:
    """The rule codes every shard ran; a ShardError when the reports are not one sharded run."""
    from genelint import __version__

    if not reports:
        raise ShardError("merge-reports: no reports given")
    seen: dict[int, str] = {}
    counts, rules = set(), set()
    for name, report in reports:
        facts = report.get("facts")
        if not isinstance(facts, dict) or facts.get("version") != FACTS_VERSION:
            raise ShardError(
                f"{name}: not the JSON report of a `genelint check --shard i/n --format json` run"
            )
        if report.get("tool", {}).get("version") != __version__:
            raise ShardError(
                f"{name}: written by genelint {report.get('tool', {}).get('version')}, "
                f"this is {__version__}: merge reports of one version"
            )
        index, count = facts["shard"]["index"], facts["shard"]["count"]
        if index in seen:
            raise ShardError(f"{name}: shard {index}/{count} is also {seen[index]}")
        seen[index] = name
        counts.add(count)
        rules.add(tuple(facts["rules"]))
    if len(counts) > 1:
        raise ShardError(
            f"merge-reports: the reports come from runs split {' and '.join(map(str, sorted(counts)))} ways"
        )
    (count,) = counts
    missing = [f"{i}/{count}" for i in range(1, count + 1) if i not in seen]
    if missing:
        raise ShardError(
            f"merge-reports: shard {', '.join(missing)} missing: every shard's report is needed"
        )
    if len(rules) > 1:
        raise ShardError(
            "merge-reports: the shards ran different rules (--select, --ignore or config differ)"
        )
    return list(next(iter(rules)))


_ADDED = ("lookups_skipped", "lookups_verified", "lookups_unverified", "fixed")


def merged_counts(reports: list[dict]) -> tuple[dict[str, int], dict]:
    """The summary counts added up over the shards, and the summary's other entries: the
    network phase's costs added up, what the file selection skipped (the same in every shard)."""
    counts = {key: sum(r["summary"].get(key, 0) for r in reports) for key in _ADDED}
    counts["lookups_skipped"] = len(
        {tuple(lookup) for r in reports for lookup in r["facts"].get("lookups_skipped", ())}
    )
    asked: dict[tuple, bool] = {}
    for report in reports:
        for *lookup, answered in report["facts"].get("lookups_asked", ()):
            asked[tuple(lookup)] = asked.get(tuple(lookup), False) or answered
    if asked:  # asked once in the unsharded run: answered if any shard had it answered
        counts["lookups_verified"] = sum(asked.values())
        counts["lookups_unverified"] = len(asked) - counts["lookups_verified"]
    extra: dict[str, Any] = {}
    lookups = [r["summary"]["lookups"] for r in reports if "lookups" in r["summary"]]
    if lookups:
        extra["lookups"] = _added(lookups)
    if "skipped" in reports[0]["summary"]:
        extra["skipped"] = reports[0]["summary"]["skipped"]
    return counts, extra


def _added(entries: list[dict]) -> dict:
    total: dict[str, Any] = {}
    for entry in entries:
        for key, value in entry.items():
            if isinstance(value, dict):
                total[key] = _added([total.get(key, {}), value])
            else:
                total[key] = total.get(key, 0) + value
    return total


# --- `genelint merge-reports` ----------------------------------------------------------------


def add_arguments(subparsers: Any) -> None:
    merge_reports = subparsers.add_parser(
        "merge-reports",
        help="merge the JSON reports of `check --shard i/n` runs, running the corpus rules over all pages",
    )
    merge_reports.add_argument(
        "reports", nargs="+", metavar="REPORT", help="JSON reports, one per shard"
    )
    from genelint.reporters import FORMATS

    merge_reports.add_argument(
        "--format",
        choices=tuple(FORMATS),
        help="report format (default: text; github inside GitHub Actions)",
    )
    merge_reports.add_argument(
        "--output", "-o", metavar="FILE", help="write the report to FILE instead of standard output"
    )
    merge_reports.add_argument(
        "--config", metavar="FILE", help="the config the shards ran with (default: found from here)"
    )
    merge_reports.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that fails (default: the config's)",
    )
    merge_reports.add_argument(
        "--fail-on-unverified",
        action="store_true",
        default=None,
        help="exit 1 when lookups of the shards could not be verified; also config fail-on-unverified",
    )
    merge_reports.add_argument(
        "--baseline",
        metavar="FILE",
        help="report (and fail on) only findings not recorded in this baseline file",
    )
    merge_reports.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the merged run's findings in FILE (with --baseline: drop the fixed ones from it, add nothing)",
    )
    merge_reports.add_argument("--statistics", action="store_true", help="count findings per rule")
    merge_reports.add_argument("--quiet", "-q", action="store_true", help="print only the summary")


def run(args: argparse.Namespace, settings) -> int:
    from genelint.cli import (
        EXIT_ERROR,
        EXIT_FINDINGS,
        EXIT_OK,
        _apply_baseline,
        _baseline_plan,
        _emit,
        _registry,
        _report_format,
        _say_unverified,
    )
    from genelint.engine import Linter, read_document
    from genelint.findings import Severity
    from genelint.reporters import Report, ci_environment, find_repository_root
    from genelint.reporters.unverified import fold

    baseline = _baseline_plan(args)  # read before the reports: a broken one stops at once
    try:
        reports = [(name, _read_report(name)) for name in args.reports]
        codes = check_complete(reports)
    except ShardError as error:
        print(f"genelint: {error}", file=sys.stderr)
        return EXIT_ERROR
    registry = _registry(settings)
    linter = Linter(settings, registry, select=codes, offline=True)
    counts, extra = merged_counts([report for _, report in reports])
    run, files = merge([report for _, report in reports], linter, counts)
    offline = any(report["facts"].get("offline") for _, report in reports)
    findings, baseline_summary = _apply_baseline(baseline, run.findings, files, linter, offline)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    report = Report(
        findings,
        len(files),
        fail_on,
        extra={**extra, **baseline_summary},
        files=files,
        rules={rule.code: rule for rule in registry},
        root=find_repository_root(files[0] if files else "."),
        environ=ci_environment(),
        internal_errors=run.internal_errors,
        document_of=functools.partial(read_document, settings=settings),
        lookups_skipped=counts["lookups_skipped"],
        lookups_verified=counts["lookups_verified"],
        lookups_unverified=counts["lookups_unverified"],
        fixed=counts["fixed"],
    )
    _emit(args, _report_format(args), report)
    for message in run.internal_errors:
        print(f"genelint: internal error: {message}", file=sys.stderr)
    # What the unsharded run would say of its lookups, and fail on when it is strict.
    run.lookups_verified = counts["lookups_verified"]
    run.lookups_unverified = counts["lookups_unverified"]
    run.lookups_made = run.lookups_verified + run.lookups_unverified
    strict = (
        settings.fail_on_unverified if args.fail_on_unverified is None else args.fail_on_unverified
    )
    down = {group.service for group in fold(run.findings)[1] if group.down}
    _say_unverified(run, strict, down)
    if run.internal_errors:
        return EXIT_ERROR
    if strict and run.lookups_unverified:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _read_report(name: str) -> dict:
    try:
        return json.loads(Path(name).read_text(encoding="utf-8"))
    except OSError as error:
        raise ShardError(f"{name}: {error.strerror or error}") from None
    except ValueError as error:
        raise ShardError(f"{name}: not JSON ({error})") from None
