"""The one guard around every call into a rule (check, lookups, collect, check_corpus,
check_suppressions), in every phase: a crashing rule must not stop the run, and is reported
one way, as an internal error naming the page, the rule and what it was doing."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from genelint.rule import Rule


class RuleGuard:
    """Around any call into a rule: a crash is recorded in `errors` (once: a follow-up round
    may repeat it) and the run goes on; exit 2 says it happened."""

    __slots__ = ("rule", "errors", "place", "doing")

    def __init__(self, rule: Rule, errors: list[str], place: str, doing: str = "") -> None:
        self.rule, self.errors, self.place, self.doing = rule, errors, place, doing

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool:
        if kind is None or not issubclass(kind, Exception):
            return False  # KeyboardInterrupt and SystemExit are the run's, not the rule's
        _record(self.rule, self.errors, self.place, self.doing, kind, error, trace)
        return True


def rule_crashed(rule: Rule, errors: list[str], place: str, doing: str = "") -> None:
    """What RuleGuard does, for a call made in a plain `try` (`except Exception:` calls this):
    the per-page phase calls some 30 rules a page, where a guard object each cost ~5% of the
    check, and a `try` costs nothing until something is raised."""
    _record(rule, errors, place, doing, *sys.exc_info())


def _record(rule, errors, place, doing, kind, error, trace) -> None:
    said = "".join(traceback.format_exception(kind, error, trace))
    message = f"{place}rule {rule.code} ({rule.name}) crashed{doing}:\n{said}"
    if message not in errors:
        errors.append(message)
