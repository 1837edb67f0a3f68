"""The lookup rounds of a run: what the network rules want asked, and the answers.

Round one asks what every page listed when it was parsed, each distinct lookup once (pages
ask the same rsID or DOI many times), and starts while the pages are parsed: the engine
hands each page's lookups to `stream` as the page comes back, and the services batch them
(genelint.services.stream). A rule's lookups may depend on answers already known
(ask Variation Services about an rs only once E-utilities has said it lies in several
genes), so the rules marked `follow_ups` list theirs again with the answers so far and what
is new is asked in the next round, until nothing new is wanted or MAX_LOOKUP_ROUNDS have
been asked. A lookup still wanted then, or left when Ctrl-C stopped the lookups, gets an
error answer saying why: none goes unanswered silently. The engine runs the network rules
over the answers; this module runs no rule's `check`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from genelint.guard import RuleGuard
from genelint.rule import Answer, Context, Lookup, NetworkRule

MAX_LOOKUP_ROUNDS = 3  # lookups that depend on answers, that depend on answers; no deeper
_UNASKED = Answer("error")


@dataclass
class Asking:
    """A page whose network rules list lookups: its path, its document and where a crash
    of one of its rules is reported (said once, not once per round)."""

    path: str
    doc: Any  # GeneDocument
    internal_errors: list[str]


@dataclass
class LookupRounds:
    """Answers a run's lookups, round by round, through the services (or a given provider).

    `network_rules(path)` gives the network rules that run on a page and `context(rule,
    answers)` each rule's context over the growing answers. After `answer`, `answers`
    holds every lookup asked, `stats` what the services did (genelint.services.RunStats),
    `errors` internal errors outside any page, and `interrupted` whether Ctrl-C stopped
    the lookups.
    """

    network_rules: Callable[[str], list[NetworkRule]]
    context: Callable[[NetworkRule, dict], Context]
    services: dict = field(default_factory=dict)  # [tool.genelint.services]
    answers_provider: Callable[[set[Lookup]], dict[Lookup, Answer]] | None = None
    progress: bool = False
    use_cache: bool = True
    answers: dict[Lookup, Answer] = field(default_factory=dict)
    stats: Any = None
    errors: list[str] = field(default_factory=list)
    interrupted: bool = False
    _stream: Any = None  # genelint.services.LookupStream of round one, while pages are parsed
    _progress: Any = None  # the run's one progress bar (genelint.services.progress)
    _streaming: bool = True  # until Ctrl-C, or a stream that failed

    def stream(self, lookups: Iterable[Lookup]) -> None:
        """Round one while the pages are still parsed: ask these now (the services send a
        batch when it is full). With a given answers provider nothing is asked before `ask`."""
        if not lookups or not self._streaming or self.answers_provider is not None:
            return
        try:
            if self._stream is None:
                from genelint.services import LookupStream

                self._stream = LookupStream(
                    self.services,
                    progress=self._bar(),
                    use_cache=self.use_cache,
                    stats=self._stats(),
                )
            # (Pages taken from the result cache had theirs asked before any page was parsed.)
            self._stream.add(lookup for lookup in lookups if lookup not in self.answers)
        except Exception:  # asked again when the pages are parsed, where a failure is reported
            self._stream, self._streaming = None, False

    def parsed(self) -> None:
        """Every page is parsed: the services send what they hold back for a fuller batch."""
        if self._stream is not None:
            self._stream.close()

    def stop(self) -> None:
        """Ctrl-C while the pages are parsed: the streamed lookups stop at once."""
        self.interrupted, self._streaming = True, False
        if self._stream is not None:
            self._stream.stop()
            self._end_stream()
        if self._progress is not None:
            self._progress.close()

    def ask(self, lookups: set[Lookup]) -> None:
        """Part of round one now, before the rest is known (the engine asks the lookups of
        pages taken from the result cache before it parses the others), or the rest of it
        (what was streamed is waited for first)."""
        self._end_stream()
        self._ask(lookups - self.answers.keys())

    def _end_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is None:
            return
        try:
            self.answers.update(stream.finish())
        except Exception as err:  # a service client that crashed: its lookups are unverified
            self.errors.append(f"service lookups failed:\n{traceback.format_exc()}")
            failed = Answer("error", error=f"lookups failed: {err}")
            self.answers.update(dict.fromkeys(stream.lookups(), failed))
        self.interrupted = self.interrupted or bool(getattr(self.stats, "interrupted", False))

    def answer(
        self, wanted: set[Lookup], asking: Iterable[Asking], rules: Iterable[NetworkRule]
    ) -> None:
        """Ask `wanted` (what `ask` did not), then the follow-ups the pages in `asking` list
        with the answers."""
        asking = list(asking)
        contexts = self.contexts(rules)
        try:
            self._end_stream()
            wanted = wanted - self.answers.keys()
            for _ in range(MAX_LOOKUP_ROUNDS):
                self._ask(wanted)
                wanted = self._follow_ups(asking, contexts) - self.answers.keys()
                if not wanted or self.interrupted:
                    break
        except KeyboardInterrupt:  # Ctrl-C outside the lookups proper (which stop by themselves)
            self.interrupted = True
        finally:
            if self._progress is not None:
                self._progress.close()  # the run's lookups are over
        why = (
            "the run was interrupted (Ctrl-C)"
            if self.interrupted
            else f"it depends on lookups more than {MAX_LOOKUP_ROUNDS} deep"
        )
        for lookup in wanted - self.answers.keys():  # still wanted: said, not silently dropped
            self.answers[lookup] = Answer("error", error=f"not asked: {why}")

    def _ask(self, lookups: set[Lookup]) -> None:
        if lookups and not self.interrupted:
            self.answers.update(self._resolve(lookups))
            self.interrupted = bool(getattr(self.stats, "interrupted", False))

    def answered(self, lookups: Iterable[Lookup]) -> bool:
        """Whether any of these lookups has an answer (found or not found), not an error."""
        return any(self.answers.get(lookup, _UNASKED).status != "error" for lookup in lookups)

    def contexts(self, rules: Iterable[NetworkRule]) -> dict[str, Context]:
        """One context per network rule, over the answers as they grow."""
        return {rule.code: self.context(rule, self.answers) for rule in rules}

    @property
    def unverified(self) -> int:
        return sum(1 for answer in self.answers.values() if answer.status == "error")

    def verified(self) -> dict[Lookup, bool]:
        """Each lookup asked, and whether it was answered (found or not found)."""
        return {lookup: answer.status != "error" for lookup, answer in self.answers.items()}

    def _follow_ups(self, asking: list[Asking], contexts: dict[str, Context]) -> set[Lookup]:
        wanted: set[Lookup] = set()
        for page in asking:
            for rule in self.network_rules(page.path):
                if not rule.follow_ups:
                    continue  # its lookups do not change with answers: listed once, per file
                # A crash is said once, not once per round (RuleGuard keeps no copies).
                with RuleGuard(rule, page.internal_errors, f"{page.path}: ", " listing lookups"):
                    wanted.update(rule.lookups(page.doc, contexts[rule.code]))
        return wanted

    def _resolve(self, lookups: set[Lookup]) -> dict[Lookup, Answer]:
        if self.answers_provider is not None:
            return self.answers_provider(lookups)
        from genelint.services import resolve  # imported only when a network rule runs

        try:
            return resolve(
                lookups,
                self.services,
                progress=self._bar(),
                use_cache=self.use_cache,
                stats=self._stats(),
            )
        except (
            Exception
        ) as err:  # e.g. an unusable cache file: every lookup unverified, none unknown
            self.errors.append(f"service lookups failed:\n{traceback.format_exc()}")
            return {lookup: Answer("error", error=f"lookups failed: {err}") for lookup in lookups}

    def _stats(self):
        if self.stats is None:
            from genelint.services import RunStats

            self.stats = RunStats()  # one for the run, added to by each round
        return self.stats

    def _bar(self):
        if self._progress is None:
            from genelint.services.progress import LookupProgress

            self._progress = LookupProgress(self.progress)
        return self._progress
