"""The `genelint` command: check, rules, explain, refdata, cache."""

from __future__ import annotations

import argparse
import functools
import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from genelint import __version__, cachefolder

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


def _format_help() -> str:
    from genelint.reporters import FORMATS

    each = "; ".join(f"{fmt.name}: {fmt.help}" for fmt in FORMATS.values())
    return f"report format (default: text, or github when GITHUB_ACTIONS=true). {each}".replace(
        "%", "%%"
    )


def _split_selectors(values: list[str] | None) -> list[str]:
    return [s.strip() for value in values or [] for s in value.split(",") if s.strip()]


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    from genelint.reporters import FORMATS

    parser = argparse.ArgumentParser(prog="genelint", description="Lint Markdown gene documents.")
    parser.add_argument("--version", action="version", version=f"genelint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="check gene pages (default: the current folder)")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or folders (folders are searched for *.md and *.markdown)",
    )
    check.add_argument("--format", choices=tuple(FORMATS), help=_format_help())
    check.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the report (with --diff: the diff) to FILE instead of standard output",
    )
    check.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: codes, names or prefixes, comma-separated",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="skip these rules (added to the config's ignore)",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that fails the run (default: warning)",
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="count findings per rule: with text and github in place of the "
        "findings, with json in the summary, with the other formats on standard error",
    )
    check.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print only the summary line (a format that writes a "
        "whole document, such as json, needs --output FILE with it)",
    )
    check.add_argument(
        "--config", metavar="FILE", help="use this config file instead of searching for one"
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="processes checking pages: this one and N-1 workers (default: 1 for a few files, CPU count for many)",
    )
    check.add_argument(
        "--offline",
        action="store_true",
        help="skip rules that ask network services (also GENELINT_OFFLINE=1)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="check every page and ask the services again: read and store nothing in the result or lookup caches",
    )
    check.add_argument(
        "--fail-on-unverified",
        action="store_true",
        default=None,
        help="exit 1 when lookups could not be verified (a service down or slow); also config fail-on-unverified",
    )
    check.add_argument(
        "--shard",
        metavar="I/N",
        help="check only part I of N of the files (by a hash of each path from the repository root); "
        "with --format json, for `genelint merge-reports`, which runs the corpus rules over all parts",
    )
    check.add_argument(
        "--fix", action="store_true", help="apply safe fixes to the files, then report what is left"
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply unsafe fixes (the report then counts them as fixable and marks them [*])",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of the report and change nothing (exit 1 if there are any); text only: not with --format json",
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="report (and fail on) only findings not recorded in this baseline file",
    )
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record this run's findings in FILE (with --baseline: drop the fixed ones from it, add nothing)",
    )

    rules = commands.add_parser(
        "rules", help="list every rule: code, name, severity, fixable, needs"
    )
    rules.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="markdown: the rule reference with each rule's documentation",
    )

    explain = commands.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("rule", metavar="RULE", help="a code (GL102) or a name (section-order)")

    # The refdata and cache modules pull in requests and friends; import them only when
    # their command runs, so `genelint check` on one file starts fast.
    argv = sys.argv[1:] if argv is None else argv
    wanted = next((a for a in argv if not a.startswith("-")), None)
    for command, (module_name, _, help_text) in _COMMAND_MODULES.items():
        if command == wanted:
            import importlib

            importlib.import_module(module_name).add_arguments(commands)
        else:
            commands.add_parser(command, help=help_text)
    return parser


# Sub-commands that live beside the code they drive: command -> (module, settings table, help).
_COMMAND_MODULES = {
    "refdata": (
        "genelint.refdata.cli",
        "refdata",
        "show or update the reference gene data (NCBI Gene, HGNC)",
    ),
    "cache": (
        "genelint.cache",
        None,
        "inspect or clear genelint's caches (page results, service lookups)",
    ),
    "merge-reports": (
        "genelint.shard",
        None,
        "merge the JSON reports of `check --shard i/n` runs, corpus rules included",
    ),
    "server": ("genelint.server", None, "run the language server (LSP over stdio) for editors"),
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "explain":
            return _explain(args)
        if (
            args.command == "server"
        ):  # each page finds its own config; a bad one must not stop the server
            from genelint.server import run

            gc.enable()  # a process that lives on (the console script turns it off: see `run`)
            return run(args)
        if args.command in _COMMAND_MODULES:
            import importlib

            module_name, table, _ = _COMMAND_MODULES[args.command]
            settings = _load_settings(getattr(args, "config", None), [])
            return importlib.import_module(module_name).run(
                args, getattr(settings, table) if table else settings
            )
    except _UsageError as err:
        print(f"genelint: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as interrupt:
        written = getattr(interrupt, "written", None)  # fixer.FixInterrupted
        if written is not None:
            pages = "1 page was" if written == 1 else f"{written} pages were"
            print(
                f"genelint: interrupted (Ctrl-C) while fixing: {pages} fixed and written whole, "
                "the others left as they were; nothing was reported",
                file=sys.stderr,
            )
        else:
            print("genelint: interrupted (Ctrl-C); nothing was reported", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `genelint explain GL102 | head`: the reader left; that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    finally:
        cachefolder.warn()  # a cache folder no part of the command could use, said once
        cachefolder.on_first_build(None)  # a caller's later builds (main called in-process)
    parser.print_help(sys.stderr)
    return EXIT_ERROR


class _UsageError(Exception):
    pass


def _load_settings(config: str | None, paths: list[str]):
    from genelint.config import ConfigError, load_settings

    try:
        if config:
            if not os.path.lexists(config):
                raise _UsageError(f"--config {config}: no such file")
            settings = load_settings(Path(config))
        else:
            settings = load_settings(None, Path(paths[0]) if paths else Path.cwd())
    except ConfigError as err:
        raise _UsageError(str(err)) from None
    cachefolder.use_config(settings)
    return settings


def _registry(settings):
    from genelint.registry import RegistryError, load_registry

    try:
        return load_registry(settings.rule_paths)
    except RegistryError as err:
        raise _UsageError(str(err)) from None


def _check_refdata(settings) -> None:
    """Open the reference table before any page: a missing or unreadable one is one clear
    error naming where it was configured, not a crash of every reference-data rule on every page."""
    import lzma

    from genelint.refdata import load_gene_table

    path = settings.refdata.get("path")
    try:
        load_gene_table(path)
    except (OSError, ValueError, lzma.LZMAError) as err:
        where = f"{settings.source}: key refdata.path: " if path else "reference data: "
        raise _UsageError(f"{where}{err}") from None


# Said once before a cold cache's name index is built: the run is otherwise silent for ~10 s
# and looks hung. Where the progress line shows, and only there: a terminal, without --quiet.
# A CI log or a pre-commit hook's captured output gets no such line, as it gets no progress
# line: what those read on stderr (warnings, the outage summary) stays the same whether the
# cache was cold or warm.
FIRST_BUILD_NOTE = (
    "genelint: first run with this reference data: building the gene name index (once; about 10 s)"
)


def _note_first_build(show: bool) -> None:
    """Have a cold name index build say so, in this process only: forked workers inherit the
    callback, and each building its own index must not print the note again."""
    if not show:
        cachefolder.on_first_build(None)
        return
    main_process = os.getpid()
    said: list[bool] = []

    def note() -> None:
        if os.getpid() == main_process and not said:
            said.append(True)
            print(FIRST_BUILD_NOTE, file=sys.stderr, flush=True)

    cachefolder.on_first_build(note)


def _build_name_index_before_workers(settings) -> None:
    """On a cold cache, build the gene name index (which GL405 reads) in this process before the
    workers start.

    Each process otherwise builds it for itself on first use: with --jobs 2, two builds at
    once (~21 s of CPU instead of ~10), and the note said only if this process happened to
    need it too. Forked workers inherit it; a spawned one reads it from the cache. A warm cache
    is left to each process to load when it first needs it (~30 ms each, at the same time)."""
    from genelint.refdata import load_gene_table
    from genelint.refdata.nameindex import is_built

    table = load_gene_table(settings.refdata.get("path"))
    if not is_built(table):
        table.name_index()


def _check_fix_options(args) -> None:
    """--diff replaces the report with a unified diff, which has no JSON (or other tool's) form."""
    if args.diff and args.format not in (None, "text"):
        why = (
            " (the JSON report already gives each finding's fix as edits)"
            if args.format == "json"
            else ""
        )
        raise _UsageError(
            f"--diff prints a unified diff, not a report: it cannot be combined with --format {args.format}{why}"
        )


def _report_format(args) -> str:
    """--format, else github inside GitHub Actions (its annotations), else text."""
    return args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def _check_report_options(args, fmt: str) -> None:
    """--quiet is honoured or refused, never ignored."""
    from genelint.reporters import FORMATS

    if args.quiet and args.statistics:
        raise _UsageError(
            "--quiet prints only the summary line and --statistics a count per rule: choose one"
        )
    if args.quiet and not FORMATS[fmt].console and not args.output:
        raise _UsageError(
            f"--quiet prints only the summary line, but --format {fmt} writes its whole report to "
            f"standard output: add --output FILE (the summary line then goes to standard error)"
        )


def _check(args) -> int:
    from genelint.config import ConfigError
    from genelint.engine import Linter, read_document
    from genelint.files import NoSuchPath, select_files
    from genelint.findings import Severity
    from genelint.reporters import Report, ci_environment, find_repository_root

    _check_fix_options(args)
    fmt = _report_format(args)
    _check_report_options(args, fmt)
    baseline = _baseline_plan(args)
    paths = args.paths or ["."]
    settings = _load_settings(args.config, paths)
    registry = _registry(settings)
    select, ignore = _split_selectors(args.select), _split_selectors(args.ignore)
    offline = args.offline or os.environ.get("GENELINT_OFFLINE", "") not in ("", "0")
    progress = sys.stderr.isatty() and not args.quiet
    _note_first_build(show=progress)
    try:  # the Linter refuses rule options and selectors that name nothing
        linter = Linter(
            settings,
            registry,
            select=select or None,
            ignore=ignore,
            offline=offline,
            progress=progress,
            use_cache=not args.no_cache,
            result_cache=_result_cache(args, settings),
        )
    except ConfigError as err:
        raise _UsageError(str(err)) from None
    if any("refdata" in rule.needs for rule in linter.rules):
        _check_refdata(settings)
    # Which Markdown files are gene pages is decided as each is read to be checked, not by
    # reading every file first; a shard decides first, since its report lists the whole
    # selection's files that are not (as every shard's report does).
    sift_first = bool(args.shard)
    try:
        selection = select_files(paths, settings, sift=sift_first)
    except NoSuchPath as err:
        raise _UsageError(str(err)) from None
    files = selection.files
    if (
        not files and not selection.summary()
    ):  # not an error (a hook may run on a commit without pages), but worth a word
        print(f"genelint: warning: no Markdown files found in {', '.join(paths)}", file=sys.stderr)
    shard = _shard(args, fmt, baseline)
    if shard:
        from genelint.shard import select_shard

        positions = {path: n for n, path in enumerate(files)}
        files = select_shard(files, *shard, find_repository_root(paths[0]))
    jobs = args.jobs if args.jobs is not None else (1 if len(files) < 64 else (os.cpu_count() or 1))
    if jobs < 1:
        raise _UsageError("--jobs must be at least 1")
    if jobs > 1 and len(files) > 1 and any(rule.reads_name_index for rule in linter.rules):
        _build_name_index_before_workers(settings)
    try:
        run = linter.run(files, jobs=jobs, shard=bool(shard), gene_pages_only=not sift_first)
    finally:
        _close_result_cache(linter)
        cachefolder.warn()  # before the report: what this run went without
    if run.not_pages:
        left_out = set(run.not_pages)
        files = [path for path in files if path not in left_out]
        selection.leave_out(run.not_pages)
    if run.pages_unchecked:  # Ctrl-C while the pages were checked: a report of those checked
        if args.fix or args.diff or shard or baseline is not None:
            raise KeyboardInterrupt  # no fixes, shard or baseline made from a part of the pages
        checked = {result.path for result in run.files}
        files = [path for path in files if path in checked]
    fixed, fix_errors = 0, []
    if args.fix or args.diff:
        from genelint.fixer import fix_paths, wanted

        targets = {f.path for f in run.findings if wanted(f, args.unsafe_fixes)}
        outcome = fix_paths(
            [p for p in files if p in targets], linter, args.unsafe_fixes, write=not args.diff
        )
        for error in outcome.errors:
            print(f"genelint: {error}", file=sys.stderr)
        if args.diff:
            _write(args.output, outcome.diff())
            return EXIT_ERROR if outcome.errors else (EXIT_FINDINGS if outcome.changed else EXIT_OK)
        if outcome.changed:
            run = linter.run(
                files, jobs=jobs, shard=bool(shard)
            )  # report what is left, corpus rules included
        fixed, fix_errors = outcome.fixed, outcome.errors
    findings, baseline_summary = _apply_baseline(baseline, run.findings, files, linter)
    fail_on = Severity.parse(args.fail_on) if args.fail_on else settings.fail_on
    report = Report(
        findings,
        len(files),
        fail_on,
        lookups_skipped=run.lookups_skipped,
        fixed=fixed,
        lookups_verified=run.lookups_verified,
        lookups_unverified=run.lookups_unverified,
        extra={**_lookup_summary(run), **selection.summary(), **baseline_summary},
        unsafe_fixes=args.unsafe_fixes,
        files=files,
        rules={rule.code: rule for rule in registry},
        root=find_repository_root(paths[0]),
        internal_errors=[*run.internal_errors, *fix_errors],
        interrupted=run.interrupted,
        environ=ci_environment(),
        document_of=functools.partial(read_document, settings=settings),
    )
    if shard:
        from genelint.shard import facts_of

        report.facts = facts_of(run, linter, *shard, positions, report.findings)
    _emit(args, fmt, report)
    for error in run.internal_errors:
        print(f"genelint: internal error: {error}", file=sys.stderr)
    strict = (
        settings.fail_on_unverified if args.fail_on_unverified is None else args.fail_on_unverified
    )
    _say_unverified(run, strict)
    if run.interrupted:
        return EXIT_INTERRUPTED
    if run.internal_errors or fix_errors:
        return EXIT_ERROR
    if strict and run.lookups_unverified:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if report.failed else EXIT_OK


def _shard(args, fmt: str, baseline) -> tuple[int, int] | None:
    """--shard I/N as (I, N), checked against the options it cannot go with."""
    if not args.shard:
        return None
    from genelint.shard import ShardError, parse_shard

    try:
        shard = parse_shard(args.shard)
    except ShardError as err:
        raise _UsageError(str(err)) from None
    if fmt != "json":
        raise _UsageError(
            "--shard writes a part of a run for `genelint merge-reports`: use --format json "
            "(merge-reports then writes the report in any format)"
        )
    if baseline is not None:
        raise _UsageError(
            "--baseline and --write-baseline apply to a whole run: give them to merge-reports "
            "(`genelint merge-reports --baseline FILE shard-*.json`), not to --shard"
        )
    return shard


def _say_unverified(run, strict: bool, down: Iterable[str] | None = None) -> None:
    """On stderr too, so a hook or a CI log shows it even when the report goes to a file:
    a run that verified nothing, one made to fail by unverified lookups, and an interrupted one.
    `down`: the services found down, when the run did not ask them itself (merged shards)."""
    down = (getattr(run.service_stats, "down", {}) or {}) if down is None else set(down)
    why = f" (down: {', '.join(sorted(down))})" if down else ""
    if run.pages_unchecked:
        checked = len(run.files)
        print(
            f"genelint: interrupted (Ctrl-C) while checking the pages: the report shows what was "
            f"found in the {checked} checked so far ({run.pages_unchecked} left unchecked; the "
            "rules across pages and unused-suppression did not run)",
            file=sys.stderr,
        )
    elif run.interrupted:
        print(
            "genelint: interrupted (Ctrl-C) during the lookups: the report shows what was found so far",
            file=sys.stderr,
        )
    elif run.lookups_unverified and not run.lookups_verified:
        print(
            f"genelint: warning: none of the {run.lookups_unverified} lookups could be verified{why}; "
            f"the network rules checked nothing{'' if strict else ' (--fail-on-unverified makes this fail)'}",
            file=sys.stderr,
        )
    elif strict and run.lookups_unverified:
        print(
            f"genelint: {run.lookups_unverified} of {run.lookups_made} lookups could not be verified{why} "
            "(--fail-on-unverified)",
            file=sys.stderr,
        )


def _baseline_plan(args):
    """--baseline / --write-baseline, with the baseline read before any page: a broken one
    stops the run at once."""
    if args.write_baseline and getattr(args, "diff", False):  # (merge-reports has no --diff)
        raise _UsageError(
            "--write-baseline records findings; --diff reports none: use one or the other"
        )
    if not (args.baseline or args.write_baseline):
        return None
    from genelint.baseline import BaselineError, Plan

    try:
        return Plan.from_options(args.baseline, args.write_baseline)
    except BaselineError as err:
        raise _UsageError(str(err)) from None


def _apply_baseline(
    plan, findings: list, files: list[str], linter, offline: bool | None = None
) -> tuple[list, dict]:
    """The findings to report and the summary's extra "baseline" entry. `offline`: whether the
    pages were checked offline, when not by `linter` (merged shards)."""
    if plan is None:
        return findings, {}
    from genelint.baseline import BaselineError, Scope
    from genelint.fingerprint import fingerprints, message_fingerprint
    from genelint.rule import CorpusRule

    offline = linter.offline if offline is None else offline
    # A rule that did not run (not selected, or a network rule offline) leaves its entries alone.
    ran = [rule.code for rule in linter.rules if not (offline and "lookups" in rule.needs)]
    corpus = [rule.code for rule in linter.rules if issubclass(rule, CorpusRule)]
    try:
        old_prints = None  # a version 1 file's entries are matched by message fingerprint
        if plan.previous.has_old_entries:
            old_prints = fingerprints(findings, scheme=message_fingerprint)
        # Lookups the network did not answer (GL010) are about the run, not the pages: every
        # registered rule that reports them, selected in this run or not (an old file's entries
        # of theirs are dropped by any run that writes it).
        passing = frozenset(
            rule.code for rule in linter.registry if getattr(rule, "reports_unanswered", False)
        )
        reported, summary = plan.apply(
            findings, fingerprints(findings), Scope.of(files, ran, corpus), old_prints, passing
        )
    except BaselineError as err:
        raise _UsageError(str(err)) from None
    return reported, {"baseline": summary}


def _result_cache(args, settings):
    """The result cache of this run, unless --no-cache."""
    if args.no_cache:
        return None
    from genelint.cache import ResultCache

    return ResultCache.for_settings(settings)


def _close_result_cache(linter) -> None:
    if linter.result_cache is None:
        return
    linter.result_cache.close()
    if linter.result_cache.problem and not linter.result_cache.folder_fault:
        print(f"genelint: warning: {linter.result_cache.problem}", file=sys.stderr)


def _lookup_summary(run) -> dict:
    """What the network phase cost, for the JSON summary (absent when no lookup was asked)."""
    stats = run.service_stats
    if stats is None:
        return {}
    return {
        "lookups": {
            "asked": stats.lookups,
            "cache_hits": stats.cache_hits,
            "requests": sum(stats.requests.values()),
            "requests_by_service": dict(stats.requests),
            "stale": stats.stale,
            "errors": stats.errors,
        }
    }


def _emit(args, fmt: str, report) -> None:
    """The report to standard output or --output's file; the console always gets the summary
    line: on standard error when the report went to a file (a failing CI step never has an
    empty log), with the counts per rule before it when --statistics asked for them of a
    format that has no place for them in its document."""
    from genelint.reporters import FORMATS, render
    from genelint.reporters.text import statistics_lines, summary_line

    color = (
        not args.output and sys.stdout.isatty() and "NO_COLOR" not in os.environ and fmt == "text"
    )
    _write(
        args.output, render(report, fmt, color=color, statistics=args.statistics, quiet=args.quiet)
    )
    console = []
    if args.statistics and not FORMATS[fmt].console and fmt != "json":
        console = statistics_lines(report)
    if args.output or console:
        print("\n".join([*console, summary_line(report)]), file=sys.stderr)
    if fmt == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_step_summary(os.environ["GITHUB_STEP_SUMMARY"], report)


def _append_step_summary(path: str, report) -> None:
    """GitHub shows the Markdown appended to this file on the run's summary page."""
    from genelint.reporters.github import step_summary

    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(step_summary(report))
    except OSError as err:
        print(
            f"genelint: warning: GITHUB_STEP_SUMMARY {path}: {err.strerror or err}", file=sys.stderr
        )


def _write(output: str | None, text: str) -> None:
    """The report or the diff: to --output's file when given, else to standard output."""
    if not output:
        sys.stdout.write(text)
        return
    try:
        # surrogateescape: a diff line holds a page's bytes as read, whatever they are
        Path(output).write_text(text, encoding="utf-8", errors="surrogateescape")
    except OSError as err:
        raise _UsageError(f"--output {output}: {err.strerror or err}") from None


def _rules(args) -> int:
    settings = _load_settings(None, [])
    registry = _registry(settings)
    if args.format == "markdown":
        from genelint.docs import rules_markdown

        sys.stdout.write(rules_markdown(registry))
        return EXIT_OK
    rows = [("CODE", "NAME", "SEVERITY", "FIXABLE", "NEEDS")]
    for rule in registry:
        rows.append(
            (
                rule.code,
                rule.name,
                str(rule.severity),
                "yes" if rule.fixable else "",
                ",".join(sorted(rule.needs)) or "-",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return EXIT_OK


def _explain(args) -> int:
    settings = _load_settings(None, [])
    rule = _registry(settings).get(args.rule)
    if rule is None:
        raise _UsageError(f"no rule {args.rule!r} (see `genelint rules`)")
    from genelint.docs import explain_text

    print(explain_text(rule))
    return EXIT_OK


def run() -> None:
    """The console script: `main`, then an exit that skips tearing the interpreter down.

    A run over thousands of pages ends holding their results, the rules' reference indexes and
    ~150 modules; freeing them one by one at exit took 0.09-0.14 s of a 2,000-page run (as
    long as starting up). The process ends anyway, so after the exit handlers (temporary
    folders, a coverage run's data) and the standard streams are flushed, it ends at once, as
    mypy's command does. `main` itself returns normally: tests and library users call it.

    For the same reason the cycle collector is off from the start (but in the language server,
    which lives on): a run's objects are freed by reference counting (pages, documents and
    results hold no cycles), and each collection only walked the objects the run keeps, again
    and again: ~15 collections while importing genelint and its rules, then, once the pages
    were checked, one over every result they left (~11 ms at 2,000 pages). The engine turns
    it off for its phases anyway (and its forked workers inherit that), so a run gathers no
    more garbage than it did."""
    gc.disable()
    code = main()
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that left, or a stream closed already
            pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
