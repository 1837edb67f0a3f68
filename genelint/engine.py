"""Runs rules over documents. The engine knows no rule by name.

One run is:
  1. per file (in worker processes with --jobs): read, parse once, run the
     per-document rules, collect corpus facts and the lookups network rules want;
  2. in the main process: the lookup rounds (genelint.lookups) answer every lookup
     (deduplicated, batched by the services layer; round one is asked as the pages come
     back from phase 1, while the others are still parsed) and the follow-ups rules list
     once they see those answers, then the network rules run on the documents that asked;
  3. run corpus rules once over the facts of every document;
  4. apply suppression comments, then rules that report on suppressions.
Each rule's kind (genelint.rule: document, network, corpus, suppression) says in which
phase it runs. Selection, per-file ignores and severity overrides are applied to every
phase alike, and a rule that crashes in any phase is reported the same way (genelint.guard.RuleGuard).
"""

from __future__ import annotations

import copy
import gc
import json
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from stat import S_ISDIR, S_ISREG
from typing import Any, cast

from genelint.cache import (
    CORPUS_KEY_PREFIX,
    content_digest,
    finding_from_row,
    findings_to_json,
    kept_suppressions,
    packed_facts,
    record_key,
    result_from_record,
    run_key,
    signature,
)
from genelint.compact import LookupTally, PagesFacts
from genelint.config import Settings, check_rule_options, check_selectors
from genelint.document import GeneDocument
from genelint.files import NotRegularFile, read_regular
from genelint.findings import Finding, Severity
from genelint.guard import RuleGuard, rule_crashed
from genelint.lookups import Asking, LookupRounds
from genelint.parser import parse_bytes, unreadable
from genelint.registry import Registry
from genelint.rule import (
    Context,
    CorpusRule,
    Lookup,
    NetworkRule,
    PageValues,
    Rule,
    RuleKind,
    SuppressionRule,
)
from genelint.suppress import Suppressions, parse_suppressions
from genelint.workers import check_pages


@dataclass(slots=True)  # a run keeps one per page until its report: ~100 bytes less each
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    suppressions: Suppressions = field(default_factory=Suppressions)
    # corpus rule code -> facts (a cache.PackedFacts for a page read from the result cache)
    facts: Mapping[str, Any] = field(default_factory=dict)
    lookups: list[Lookup] = field(default_factory=list)
    lookup_facts: dict[str, Any] = field(
        default_factory=dict
    )  # rule code -> NetworkRule.lookup_facts
    doc: GeneDocument | None = None  # kept only while network rules still have to run
    packed_doc: bytes | None = None  # or pickled by a worker: unpickled when a lookup is answered
    internal_errors: list[str] = field(default_factory=list)
    digest: str = ""  # of the bytes checked (genelint.cache.content_digest); "" when none were read


@dataclass
class RunResult:
    files: list[FileResult]
    lookups_skipped: int = 0  # --offline: lookups not asked
    lookups_made: int = 0
    lookups_verified: int = 0  # answered: the service said what the value is, or that it has none
    lookups_unverified: int = 0  # asked but not answered (GL010): down, slow, broken or interrupted
    interrupted: bool = (
        False  # Ctrl-C during the lookups: the network rules ran on what was answered
    )
    pages_unchecked: int = 0  # Ctrl-C while the pages were checked: those left unchecked
    service_stats: Any = None  # genelint.services.RunStats of the network phase, when it ran
    errors: list[str] = field(default_factory=list)  # internal errors outside any one file
    # A shard's lookups, each asked once and answered or not: shards ask some of the same,
    # so merge-reports counts the distinct ones from these (None: not a shard).
    lookups_asked: dict[Lookup, bool] | None = None
    not_pages: list[str] = field(default_factory=list)  # left out: not gene pages (gene_pages_only)

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for r in self.files for f in r.findings), key=Finding.sort_key)

    @property
    def internal_errors(self) -> list[str]:
        return self.errors + [e for r in self.files for e in r.internal_errors]


def read_document(path: str, settings: Settings) -> GeneDocument:
    """Read and parse one file; anything unreadable becomes a GL001 problem, never an exception."""
    raw = read_raw(path, settings)
    return (
        raw if isinstance(raw, GeneDocument) else parse_bytes(raw, path, settings.parser_options())
    )


def read_raw(path: str, settings: Settings) -> bytes | GeneDocument:
    """A file's bytes, or the GL001 document saying why they cannot be read."""
    try:
        status = os.stat(path)
        if S_ISDIR(status.st_mode):
            return unreadable(path, b"", _folder_problem(path))
        size = status.st_size
        if size > settings.max_file_size:
            return unreadable(
                path,
                b"",
                f"file is {size:,} bytes, over the limit of {settings.max_file_size:,} (max-file-size)",
            )
        raw = read_regular(path, settings.max_file_size + 1, status)
    except NotRegularFile as err:
        return unreadable(path, b"", f"is {err.kind}, not a regular file")
    except FileNotFoundError:
        what = (
            "broken symlink"
            if os.path.islink(path)
            else "file not found (deleted while the run went on?)"
        )
        return unreadable(path, b"", what)
    except OSError as err:
        return unreadable(path, b"", f"cannot read file: {err.strerror or err}")
    if len(raw) > settings.max_file_size:
        return unreadable(
            path, b"", f"file is over the limit of {settings.max_file_size:,} bytes (max-file-size)"
        )
    return raw


def _folder_problem(path: str) -> str:
    """A folder among the files: one named like a page, or one the walk could not list."""
    try:
        os.scandir(path).close()
    except OSError as err:
        return f"cannot list folder: {err.strerror or err}"
    return "is a directory, not a file"


class Linter:
    def __init__(
        self,
        settings: Settings,
        registry: Registry,
        *,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] = (),
        offline: bool = False,
        answers_provider=None,
        progress: bool = False,
        use_cache: bool = True,
        result_cache=None,
    ) -> None:
        self.settings = settings
        self.registry = registry
        self.offline = offline or settings.offline
        self._services_import: Any = None  # the thread importing the HTTP stack meanwhile
        select, ignore = list(select or ()), list(ignore)
        # The config's rule tables and every selector (the config's and these) must name
        # rules: ConfigError otherwise, for a library user as for the CLI.
        check_rule_options(settings, registry)
        check_selectors(settings, registry, select + ignore)
        selected = select or list(settings.select)
        self.rules: list[type[Rule]] = registry.select(selected, [*settings.ignore, *ignore])
        self.enabled_codes = tuple(r.code for r in self.rules)
        self._enabled = {r.code: r.name for r in self.rules}
        self._registered = {r.code: r.name for r in registry}
        self._instances = {rule.code: rule() for rule in self.rules}
        self._severity = {rule.code: self._severity_for(rule) for rule in self.rules}
        self._refdata_loader = _refdata_loader(settings)
        # answers_provider(lookups) -> {Lookup: Answer}; the services layer by default.
        self._answers_provider = answers_provider
        self.progress = progress  # a progress bar on stderr while lookups run
        self.use_cache = use_cache
        self.result_cache = (
            result_cache  # genelint.cache.ResultCache: pages checked before are not checked again
        )
        self._ignored_by: dict[tuple[str, ...], frozenset[str]] = {}
        self._last_run_key = ""  # the result cache's key of this run's settings (_check_all)
        self._rules_by_kind: dict[tuple[frozenset[str], RuleKind], list[Rule]] = {}
        self._calls_by_kind: dict[tuple[frozenset[str], RuleKind], list] = {}
        self._contexts: dict[str, Context] = {}
        self._page_values = PageValues()  # what the rules read of a page alike, once a page

    # --- configuration applied to findings ---------------------------------------------

    def _severity_for(self, rule: type[Rule]) -> Severity | None:
        """The configured override for this rule (most specific selector wins), or None."""
        best: tuple[int, Severity] | None = None
        for selector, severity in self.settings.severity:
            if self.registry.matches(rule, selector):
                rank = 1000 if selector in (rule.code, rule.name) else len(selector)
                if best is None or rank > best[0]:
                    best = (rank, severity)
        return best[1] if best else None

    def _ignored_codes(self, path: str) -> frozenset[str]:
        """The codes of the selected rules that per-file-ignores turn off for this page."""
        selectors = self.settings.ignored_for(path)
        codes = self._ignored_by.get(selectors)
        if codes is None:  # most pages share one set: per-file ignores name few patterns
            codes = self._ignored_by[selectors] = frozenset(
                rule.code
                for rule in self.rules
                if any(self.registry.matches(rule, s) for s in selectors)
            )
        return codes

    def _rules_for(self, path: str | None, kind: RuleKind) -> list[Rule]:
        """The selected rules of a kind that run on this page (None: on the run as a whole,
        where no per-file ignores apply)."""
        ignored = self._ignored_codes(path) if path is not None else frozenset()
        return self._rules_of(ignored, kind)

    def _rules_of(self, ignored: frozenset[str], kind: RuleKind) -> list[Rule]:
        rules = self._rules_by_kind.get((ignored, kind))
        if rules is None:
            rules = self._rules_by_kind[ignored, kind] = [
                self._instances[rule.code]
                for rule in self.rules
                if rule.kind == kind and rule.code not in ignored
            ]
        return rules

    # The registry made sure a rule's kind is its base class's (genelint.registry._validate).
    def _network_rules(self, path: str | None) -> list[NetworkRule]:
        return cast("list[NetworkRule]", self._rules_for(path, "network"))

    def _corpus_rules(self, path: str | None) -> list[CorpusRule]:
        return cast("list[CorpusRule]", self._rules_for(path, "corpus"))

    def _suppression_rules(self, path: str | None) -> list[SuppressionRule]:
        return cast("list[SuppressionRule]", self._rules_for(path, "suppression"))

    def context(self, rule: Rule, answers: dict | None = None) -> Context:
        """The rule's context: one per rule for the run; with answers, a new one over them."""
        ctx = self._contexts.get(rule.code)
        if ctx is None:
            ctx = self._contexts[rule.code] = Context(
                options=self._options_of(rule),
                settings=self.settings,
                offline=self.offline,
                refdata_loader=self._refdata_loader,
                enabled=self._enabled,
                registered=self._registered,
                page_values=self._page_values,
            )
        return ctx if answers is None else replace(ctx, answers=answers)

    def _options_of(self, rule: Rule) -> dict:
        """The declared defaults, overridden by the rule's [tool.genelint.rules.<name>] table."""
        # Copied: a rule that changes a list or table option must not change its class's default.
        defaults = {
            key: copy.deepcopy(schema["default"])
            for key, schema in rule.options.items()
            if "default" in schema
        }
        return {**defaults, **self.settings.rule_options(rule.name)}

    def _calls(self, ignored: frozenset[str], kind: RuleKind) -> list[tuple[Any, Context]]:
        """(rule, its context) of the selected rules of a kind, but the `ignored` codes."""
        calls = self._calls_by_kind.get((ignored, kind))
        if calls is None:
            rules = self._rules_of(ignored, kind)
            calls = self._calls_by_kind[ignored, kind] = [(r, self.context(r)) for r in rules]
        return calls

    def _finish(self, findings: Iterable[Finding], path: str, rule: Rule) -> list[Finding]:
        severity = self._severity[rule.code]
        out = []
        for finding in findings:
            changes: dict[str, Any] = {}
            if not finding.path:
                changes["path"] = path
            if severity is not None and finding.severity != severity:
                changes["severity"] = severity
            out.append(finding.with_(**changes) if changes else finding)
        return out

    def _run_rule(self, rule: Rule, result: FileResult, check, *args) -> None:
        """A rule's findings about one page (check or check_suppressions), added to its result.
        In a plain `try`, as check_document's calls: the suppression phase calls a rule for
        every page of the run after the last page is checked, where a RuleGuard object each
        took ~2 ms at 2,000 pages (see guard.rule_crashed)."""
        try:
            found = self._finish(list(check(*args)), result.path, rule)
        except Exception:
            rule_crashed(rule, result.internal_errors, f"{result.path}: ")
            return
        result.findings.extend(found)

    # --- phase 1: one file ----------------------------------------------------------------

    def check_path(self, path: str) -> FileResult:
        raw = read_raw(path, self.settings)
        if isinstance(raw, GeneDocument):
            return self.check_document(raw)
        result = self.check_document(parse_bytes(raw, path, self.settings.parser_options()))
        result.digest = content_digest(raw)
        return result

    def check_document(self, doc: GeneDocument) -> FileResult:
        result = FileResult(doc.path)
        path, errors, ignored = doc.path, result.internal_errors, self._ignored_codes(doc.path)
        # Each call into a rule in a plain `try` (see guard.rule_crashed), with its context
        # found once for the run: the same few steps for every rule of every page.
        for rule, ctx in self._calls(ignored, "document"):
            if doc.readable or rule.reads_unreadable:
                try:
                    found = list(rule.check(doc, ctx))
                except Exception:
                    rule_crashed(rule, errors, f"{path}: ")
                    continue
                if found:
                    result.findings.extend(self._finish(found, path, rule))
        if doc.readable:
            facts: dict[str, Any] = {}
            for rule, ctx in self._calls(ignored, "corpus"):
                try:
                    facts[rule.code] = rule.collect(doc, ctx)
                except Exception:
                    rule_crashed(rule, errors, f"{path}: ", " collecting facts")
            result.facts = facts
            for rule, ctx in self._calls(ignored, "network"):
                try:
                    result.lookups.extend(rule.lookups(doc, ctx))
                except Exception:
                    rule_crashed(rule, errors, f"{path}: ", " listing lookups")
            if result.lookups and not self.offline:
                result.doc = doc
                self._collect_lookup_facts(doc, result)
        # Blank lines only matter to a directive comment (disable-next-line skips them).
        blank = (
            {n for n in range(1, doc.lines.line_count + 1) if not doc.lines.line_text(n).strip()}
            if doc.comments
            else set()
        )
        result.suppressions = parse_suppressions(doc.comments, doc.lines.line_count, blank)
        return result

    def _collect_lookup_facts(self, doc: GeneDocument, result: FileResult) -> None:
        for rule in self._network_rules(doc.path):
            if _reads_lookup_facts(rule):
                with RuleGuard(rule, result.internal_errors, f"{doc.path}: ", " collecting facts"):
                    result.lookup_facts[rule.code] = rule.lookup_facts(doc, self.context(rule))

    # --- phases 2-4: the whole run ----------------------------------------------------------

    def run(
        self, paths: list[str], jobs: int = 1, shard: bool = False, gene_pages_only: bool = False
    ) -> RunResult:
        """A whole run; a shard (`check --shard i/n`) leaves the corpus rules and the rules
        about suppression comments to `finish_merged`, which sees every shard's pages. With
        `gene_pages_only`, Markdown among `paths` that is not a gene page (genelint.files) is
        left out, decided from the bytes read to check it, and listed in `not_pages`."""
        # Offline, a page's lookups are only counted; a shard lists them for merge-reports.
        tally = LookupTally() if self.offline and not shard else None
        rounds = self._lookup_rounds()
        not_pages: list[str] = []
        try:
            results, complete = self._check_all(
                paths, jobs, rounds, tally, not_pages if gene_pages_only else None
            )
        except BaseException:  # the lookups asked meanwhile stop too
            rounds.stop()
            raise
        if complete:
            run = self.finish(results, corpus=not shard, skipped=tally, rounds=rounds)
            run.not_pages = not_pages
            return run
        if not results:  # Ctrl-C before any page was checked: nothing to report
            raise KeyboardInterrupt
        # Ctrl-C while the pages were checked (and their lookups asked): what the pages
        # checked so far found, their network rules on what was answered by then; not the
        # corpus rules nor the rules about suppression comments, which need every page.
        run = self.finish(results, corpus=False, skipped=tally, rounds=rounds)
        run.not_pages = not_pages
        unchecked = len(paths) - len(results) - len(not_pages)
        run.interrupted, run.pages_unchecked = True, unchecked
        return run

    def run_documents(self, docs: Iterable[GeneDocument]) -> RunResult:
        """A whole run over documents parsed already (tests, editors)."""
        return self.finish([self.check_document(doc) for doc in docs])

    def finish(
        self,
        results: list[FileResult],
        corpus: bool = True,
        skipped: LookupTally | None = None,
        rounds: LookupRounds | None = None,
    ) -> RunResult:
        """Phases 2-4 over the per-file results (without corpus: a shard's part of them);
        `skipped` counts the lookups of pages whose results no longer list them (offline);
        `rounds`, the run's lookup rounds when some lookups were asked already."""
        run = RunResult(results)
        rounds = rounds or self._lookup_rounds()
        self._network_phase(run, rounds, skipped)
        if not corpus:
            run.lookups_asked = rounds.verified()
            self._apply_suppressions(run)
            return run
        return self.finish_merged(run)

    def finish_merged(self, run: RunResult) -> RunResult:
        """Phases 3-4: corpus rules over every page's facts, then suppressions. Findings
        suppressed already (by a shard) are gone, and suppressing the rest again changes nothing."""
        # The corpus rules index every page's facts at once: many small containers, no cycles.
        with _no_cycle_collection():
            self._corpus_phase(run)
            self._suppression_phase(run)
        return run

    def _check_all(
        self,
        paths: list[str],
        jobs: int,
        rounds: LookupRounds,
        tally: LookupTally | None = None,
        not_pages: list[str] | None = None,
    ) -> tuple[list[FileResult], bool]:
        """Phase 1 over every path: pages whose record is in the result cache are taken from
        it, the others checked (see genelint.workers) and their records stored. With a
        `tally`, each page's lookups are counted in it instead of kept on its result; with
        `not_pages`, the files that are not gene pages are left out and listed there.
        The results, and False when Ctrl-C stopped the checking (those of the pages checked
        by then; nothing is stored, and the lookups asked meanwhile are stopped)."""
        cache = self.result_cache
        run_key = self._run_key() if cache is not None else ""  # keys only the cache's records
        self._last_run_key = run_key
        results: list[FileResult | None] = [None] * len(paths)
        # Results are trees of tuples, strings and small objects with no cycles (documents are
        # freed by reference counting): thousands of them kept for the later phases would only
        # make the cycle collector walk them all again and again.
        with _no_cycle_collection():
            # Pages ask the same questions (an rsID, a DOI) many times over: one Lookup each
            # for the run instead of one per page that lists it.
            shared: dict[Lookup, Lookup] = {}
            signatures: dict[str, tuple[str, str, int, int]] = {}
            if cache is not None:
                signatures, known = self._known_results(paths, run_key)
                for index in self._needing_documents(known, rounds):
                    del known[index]
                for index, result in known.items():
                    results[index] = _kept(result, shared, tally)
                cache.close()  # never a connection shared with forked workers: each opens its own
            todo = [index for index, result in enumerate(results) if result is None]
            stored, hashed = [], []
            skipped: set[int] = set()
            pages = check_pages(
                self,
                [paths[i] for i in todo],
                jobs,
                cache,
                run_key,
                self._import_services_meanwhile,
                sift=not_pages is not None,
                count_lookups=tally is not None,
            )
            try:
                for outcome in pages:
                    index = todo[outcome.position]
                    if outcome.not_a_page:
                        skipped.add(index)
                        continue
                    path = paths[index]
                    result = outcome.file_result(path)
                    if result.path == path:  # a worker's copy: this process's own is kept
                        result.path = path
                    result.digest = outcome.digest if cache is not None else ""
                    result.packed_doc = outcome.document
                    if not self.offline:  # round one of the lookups: asked while pages are parsed
                        self._services_imported()
                        rounds.stream(result.lookups)
                    if outcome.lookup_hashes is not None and tally is not None:
                        tally.add_hashes(outcome.lookup_hashes)
                    results[index] = _kept(result, shared, tally)
                    if cache is None or not outcome.digest:
                        continue
                    if outcome.record is not None and not outcome.cached:
                        stored.append((record_key(run_key, path, outcome.digest), outcome.record))
                    if path in signatures:
                        absolute, sig, _, stat_ns = signatures[path]
                        hashed.append((absolute, sig, outcome.digest, stat_ns))
            except KeyboardInterrupt:
                pages.close()  # the workers are stopped now, not when the generator is collected
                rounds.stop()
                if not_pages is not None:
                    not_pages.extend(paths[index] for index in sorted(skipped))
                return [result for result in results if result is not None], False
        rounds.parsed()
        if cache is not None:
            cache.put_many(stored)
            cache.remember_digests(hashed)
        if not_pages is not None:
            not_pages.extend(paths[index] for index in sorted(skipped))
        return [result for result in results if result is not None], True  # (each one is)

    def _run_key(self) -> str:
        refdata = ""
        if any("refdata" in rule.needs for rule in self.rules):
            refdata = json.dumps(self._refdata_loader().source, sort_keys=True, default=str)
        options = {rule.code: self._options_of(self._instances[rule.code]) for rule in self.rules}
        return run_key(self.settings, self.rules, options, self._severity, self.offline, refdata)

    def _known_results(self, paths: list[str], run_key: str) -> tuple[dict, dict[int, FileResult]]:
        """The stat signatures of the regular files among `paths` (path -> (absolute path,
        signature, mtime, when stat-ed in ns)), and the results of the pages known unchanged
        since they were hashed (by the cache's file index) whose record is in the cache."""
        signatures: dict[str, tuple[str, str, int, int]] = {}
        for path in paths:
            try:
                stat = os.stat(path)
            except OSError:
                continue  # checked (and reported) as it is
            if S_ISREG(stat.st_mode) and stat.st_size <= self.settings.max_file_size:
                signatures[path] = (
                    os.path.abspath(path),
                    signature(stat),
                    stat.st_mtime_ns,
                    time.time_ns(),
                )
        digests = self.result_cache.known_digests(
            {entry[0]: (entry[1], entry[2]) for entry in signatures.values()}
        )
        keys = {
            index: record_key(run_key, path, digests[signatures[path][0]])
            for index, path in enumerate(paths)
            if path in signatures and signatures[path][0] in digests
        }
        records = self.result_cache.get_many(list(keys.values()))
        known = {}
        for index, key in keys.items():
            if key in records:
                result = result_from_record(paths[index], records[key])
                result.digest = digests[signatures[paths[index]][0]]
                # The network rules need the document itself: such a page is checked again,
                # unless its lookups go unanswered (see _needing_documents).
                if not result.lookups or self.offline or self.runs_without_document(result):
                    known[index] = result
        return signatures, known

    def runs_without_document(self, result: FileResult) -> bool:
        """Whether the network rules of a page taken from the result cache can run without its
        document when none of its lookups is answered: those that ask lookups have nothing
        to say then, and every other one has its lookup facts in the record. (The network
        phase reads a page with an answered lookup again.)"""
        return all(
            not rule.reports_unanswered or rule.code in result.lookup_facts
            for rule in self._network_rules(result.path)
        )

    def _needing_documents(self, known: dict[int, FileResult], rounds: LookupRounds) -> list[int]:
        """Which of the pages taken from the result cache must be parsed again after all: those
        with a lookup answered, whose network rules read the document. Their lookups are asked
        now, before any page is parsed: when a host is down (or the HTTP cache holds the
        answers) that takes no time, and a page none of whose lookups is answered is then not
        parsed again only for its lookups to be reported unverified."""
        waiting = {
            index: result for index, result in known.items() if result.lookups and not self.offline
        }
        if not waiting:
            return []
        rounds.ask({lookup for result in waiting.values() for lookup in result.lookups})
        if rounds.interrupted:  # Ctrl-C before any page was parsed: nothing to report yet
            raise KeyboardInterrupt
        return [index for index, result in waiting.items() if rounds.answered(result.lookups)]

    def _import_services_meanwhile(self) -> None:
        """While the workers parse, the main process only waits: import the HTTP stack the
        network phase will need (~0.1 s) then, not after. Started only once the workers are
        forked, so no child can inherit a half-held import lock."""
        if (
            self.offline
            or self._answers_provider is not None
            or not any(rule.kind == "network" for rule in self.rules)
        ):
            return
        import importlib
        import threading

        self._services_import = threading.Thread(
            target=importlib.import_module, args=("genelint.services",), daemon=True
        )
        self._services_import.start()

    def _services_imported(self) -> None:
        """Wait for the HTTP stack imported meanwhile before the main thread imports any of it
        (the first page's lookups are streamed as soon as it is checked). Ctrl-C while waiting
        here stops the run; while waiting on the import's module lock, it could land in
        importlib's lock clean-up, where Python only prints it, and the run went on to wait on
        the services (tests/services/test_interrupt.py, once pages are parsed faster than the
        ~0.3 s the import takes)."""
        importing, self._services_import = self._services_import, None
        if importing is not None:
            importing.join()

    def _lookup_rounds(self) -> LookupRounds:
        return LookupRounds(
            network_rules=self._network_rules,
            context=self.context,
            services=self.settings.services,
            answers_provider=self._answers_provider,
            progress=self.progress,
            use_cache=self.use_cache,
        )

    def _network_phase(
        self, run: RunResult, rounds: LookupRounds, skipped: LookupTally | None = None
    ) -> None:
        wanted = {lookup for r in run.files for lookup in r.lookups}
        self._services_imported()
        if self.offline and skipped is not None:
            skipped.add(wanted)
            run.lookups_skipped = skipped.count()
            return
        if self.offline or not wanted:
            run.lookups_skipped = len(wanted) if self.offline else 0
            return
        # Every page's document stays alive until its network rules have run, so the cycle
        # collector would walk them again and again while thousands of answers are made;
        # reference counting still frees what this phase drops.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._lookups_and_checks(run, wanted, rounds)
        except KeyboardInterrupt:  # while the network rules ran: the findings so far stand
            run.interrupted = True
        finally:
            if collecting:
                gc.enable()

    def _lookups_and_checks(
        self, run: RunResult, wanted: set[Lookup], rounds: LookupRounds
    ) -> None:
        try:
            rounds.ask(wanted)  # round one: what the pages listed when they were parsed
            # A page taken from the result cache comes without its document (see
            # runs_without_document), and a worker's pickled: one with an answered lookup
            # gets its document now, the others' network rules run from the lookup facts in
            # their records (when a service is down, that is most pages).
            for result in run.files:
                if result.doc is None and result.lookups and self._needs_document(result, rounds):
                    self._read_again(result)
            asking = [result for result in run.files if result.doc is not None]
            unanswered = [r for r in run.files if r.doc is None and r.lookups]
            rounds.answer(
                wanted,
                [Asking(r.path, r.doc, r.internal_errors) for r in asking],
                self._network_rules(None),
            )
        finally:
            run.service_stats = rounds.stats
            run.errors.extend(rounds.errors)
        run.interrupted = rounds.interrupted
        contexts = rounds.contexts(self._network_rules(None))
        run.lookups_made = len(rounds.answers)
        run.lookups_unverified = rounds.unverified
        run.lookups_verified = run.lookups_made - run.lookups_unverified
        for result in asking:
            doc = result.doc
            if doc is None:  # (every page asking keeps its document until here)
                continue
            # A rule has nothing to say about values none of whose lookups were answered (a
            # failed lookup is never "does not exist"); only those that report on the lookups
            # themselves (GL010, which asks none) run then: a whole outage costs no more. After
            # Ctrl-C not even those: the run ends with what was found, and the summary counts
            # the lookups left unanswered.
            answered = rounds.answered(result.lookups)
            for rule in self._network_rules(doc.path):
                if answered or (rule.reports_unanswered and not run.interrupted):
                    self._run_rule(rule, result, rule.check, doc, contexts[rule.code])
            result.doc = None
        for result in unanswered:
            result.packed_doc = None
        for result in [] if run.interrupted else unanswered:
            for rule in self._network_rules(result.path):
                if rule.reports_unanswered and rule.code in result.lookup_facts:
                    facts = result.lookup_facts[rule.code]
                    self._run_rule(
                        rule, result, rule.check_lookup_facts, facts, contexts[rule.code]
                    )

    def _needs_document(self, result: FileResult, rounds: LookupRounds) -> bool:
        return rounds.answered(result.lookups) or not self.runs_without_document(result)

    def _read_again(self, result: FileResult) -> None:
        if result.packed_doc is not None:  # sent by a worker
            result.doc, result.packed_doc = pickle.loads(result.packed_doc), None
            return
        doc = read_document(result.path, self.settings)
        if doc.readable:  # else gone or changed since: its network rules say nothing this run
            result.doc = doc

    def _corpus_phase(self, run: RunResult) -> None:
        by_path = {r.path: r for r in run.files}
        key = self._corpus_record_key(run)
        if key is not None and self.result_cache is not None:
            record = self.result_cache.get_many([key]).get(key)
            if record is not None:  # the same pages as a run before: its corpus findings
                for path, row in json.loads(record):
                    by_path[path].findings.append(finding_from_row(row, path))
                return
        said: list[tuple[str, Finding]] = []  # what the corpus rules said, in order
        errors = len(run.errors)
        for rule in self._corpus_rules(None):
            facts = PagesFacts([r for r in run.files if rule.code in r.facts], rule.code)
            findings: list[Finding] = []
            with RuleGuard(rule, run.errors, "corpus "):
                findings = list(rule.check_corpus(facts, self.context(rule)))
            del facts  # each page's facts are made when read (see compact.PagesFacts)
            for finding in findings:
                target = by_path.get(finding.path)
                # The rule sees the facts of the pages it was not turned off for; what it says
                # about a page it was turned off for is dropped.
                if target is None or rule.code in self._ignored_codes(target.path):
                    continue
                finished = self._finish([finding], target.path, rule)
                target.findings.extend(finished)
                said.extend((target.path, one) for one in finished)
        # (Finding.data has no place in a record: findings that carry it are not kept.)
        kept = len(run.errors) == errors and not any(one.data for _, one in said)
        if key is not None and self.result_cache is not None and kept:
            rows = [[path, findings_to_json([one], path)[0]] for path, one in said]
            # ASCII: a path that is not UTF-8 (a lone surrogate) is escaped, as SQLite needs.
            self.result_cache.put_many([(key, json.dumps(rows))])

    def _corpus_record_key(self, run: RunResult) -> str | None:
        """The result cache's key of the corpus rules' findings over these pages, when every
        page's record is known (by the digest of its bytes) and none had an internal error.

        The corpus rules read only the pages' facts, and a page's facts are a function of its
        bytes and of what the run key holds (genelint's version, the rules and their options,
        the config, the reference data), so the same pages at the same paths give the same
        corpus findings. A warm re-run with nothing changed then reads them back instead of
        comparing every page's facts again (~0.4 s of a 20,000-page run's ~1.4 s)."""
        if self.result_cache is None or not self._last_run_key or not run.files:
            return None
        parts = [self._last_run_key]
        for result in run.files:
            if not result.digest or result.internal_errors:
                return None
            parts.append(f"{result.path}\0{result.digest}")
        return CORPUS_KEY_PREFIX + content_digest(
            "\0".join(parts).encode("utf-8", "surrogateescape")
        )

    def _apply_suppressions(self, run: RunResult) -> None:
        def names(finding: Finding, selector: str) -> bool:
            return self.registry.matches(finding, selector)

        for result in run.files:
            if result.suppressions.directives:  # (most pages have none: no list made again)
                result.findings = result.suppressions.filter(result.findings, names)

    def _suppression_phase(self, run: RunResult) -> None:
        unverified = self._pages_not_verified(run)
        self._apply_suppressions(run)
        for result in run.files:
            unchecked = unverified(result)
            for rule in self._suppression_rules(result.path):
                ctx = self.context(rule)
                if unchecked and result.suppressions.directives:
                    ctx = replace(ctx, unchecked=self._network_codes(result.path))
                self._run_rule(rule, result, rule.check_suppressions, result.suppressions, ctx)

    def _pages_not_verified(self, run: RunResult) -> Callable[[FileResult], bool]:
        """Which pages' network rules did not check them in full: every page when lookups
        were skipped (offline) or Ctrl-C stopped them, else the pages with a lookup left
        unanswered (the findings of the rule that reports those, read before suppressions
        drop any). A suppression of such a rule may be needed when the services answer, so
        it is not called unused then.
        (merge-reports' linter is offline only not to ask: it goes by the shards' counts.)"""
        if run.lookups_skipped or run.interrupted:
            return lambda result: True
        if not run.lookups_unverified:
            return lambda result: False
        reporting = {rule.code for rule in self.rules if getattr(rule, "reports_unanswered", False)}
        if not reporting:  # unanswered lookups leave no mark per page
            return lambda result: bool(result.lookups) or bool(result.lookup_facts)
        paths = {r.path for r in run.files if any(f.code in reporting for f in r.findings)}
        return lambda result: result.path in paths

    def _network_codes(self, path: str | None) -> frozenset[str]:
        return frozenset(rule.code for rule in self._network_rules(path))


def _kept(result: FileResult, shared: dict, tally: LookupTally | None) -> FileResult:
    """A page's result as the run keeps it until the report: its facts packed, no empty
    suppressions of its own, its lookups shared with the other pages' or only counted."""
    result.facts = packed_facts(result.facts)
    result.suppressions = kept_suppressions(result.suppressions)
    result.lookups = _kept_lookups(result.lookups, shared, tally)
    return result


def _kept_lookups(lookups: list[Lookup], shared: dict, tally: LookupTally | None) -> list[Lookup]:
    """What a page's result keeps of its lookups: nothing when they are only counted."""
    if tally is not None:
        tally.add(lookups)
        return ()  # type: ignore[return-value]  # an empty tuple: shared, and never added to
    return [shared.get(lookup) or _shared(shared, lookup) for lookup in lookups]


def _shared(shared: dict, lookup: Lookup) -> Lookup:
    """The run's one copy of a lookup, its kind a string shared by all of that kind."""
    shared[lookup] = one = Lookup(sys.intern(lookup.kind), lookup.key)
    return one


@contextmanager
def _no_cycle_collection():
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _reads_lookup_facts(rule: NetworkRule) -> bool:
    return type(rule).lookup_facts is not NetworkRule.lookup_facts


def _refdata_loader(settings: Settings):
    from genelint import cachefolder

    cachefolder.use_config(settings)  # in a worker process or the language server too

    def load():
        from genelint.refdata import load_gene_table

        return load_gene_table(settings.refdata.get("path"))

    return load
