"""The rule API shared by the built-in pack, entry-point packs and local rule paths.

A rule is a small class: class attributes declare it, the docstring documents it
(`genelint explain` prints it), and `check(doc, ctx)` yields findings. Rules read
the parsed document and the context; they never open files or sockets.

The base class a rule derives from is its kind, which says when the engine runs it:
`Rule` per page, `NetworkRule` per page once its lookups are answered, `CorpusRule`
once over facts of every page, `SuppressionRule` on each page's suppression comments.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple, TypeVar

from genelint.config import Settings
from genelint.document import GeneDocument, Span
from genelint.findings import NO_DATA, Finding, Fix, Severity
from genelint.suppress import Suppressions

if TYPE_CHECKING:  # the table is loaded only when a rule asks for it
    from genelint.refdata import GeneTable

RuleKind = Literal["document", "network", "corpus", "suppression"]


class Lookup(NamedTuple):
    """A question a network rule asks of a service, e.g. ("doi", "10.3109/...")."""

    kind: str
    key: str


AnswerStatus = Literal["found", "not_found", "error"]


@dataclass(frozen=True)
class Answer:
    """What a service said about a Lookup.

    status: "found" (value holds the record), "not_found" (the service says it
    does not exist), or "error" (the lookup could not be answered; never read
    this as "does not exist").
    """

    status: AnswerStatus
    value: Any = None
    error: str = ""
    stale: bool = False  # served from cache because the service failed


_Value = TypeVar("_Value")
_MISSING = object()


def _no_page() -> None:
    """What a weak reference to a page gives once the page is gone: no page yet."""
    return None


class PageValues:
    """What several rules read of a page alike, worked out once per page: GL305-GL307 list
    the same rsIDs, GL402-GL404 the same DOIs, and GL010 both (offline, a run lists them
    only to count them). The engine gives one to the contexts of every rule of a run.

    Only the values of the page asked about last are kept, and the page is held weakly (as
    the reference table's page gene is): a run keeps no page alive for them."""

    __slots__ = ("_last",)

    def __init__(self) -> None:
        self._last: tuple[Callable[[], object], dict] = (_no_page, {})

    def get(self, page: object, make: Callable[[Any], _Value]) -> _Value:
        """`make(page)`, made once for this page. `make` must give the same for the same
        page whoever asks: it is the key."""
        held, values = self._last  # one tuple, swapped whole: a thread sees one page's values
        if held() is not page:
            values = {}
            self._last = (weakref.ref(page), values)
        value = values.get(make, _MISSING)
        if value is _MISSING:
            value = values[make] = make(page)
        return value


@dataclass
class Context:
    """What a rule may read besides the document."""

    options: dict[str, Any] = field(default_factory=dict)  # [tool.genelint.rules.<name>]
    settings: Settings = field(default_factory=Settings)  # the whole validated config
    offline: bool = False
    enabled: dict[str, str] = field(default_factory=dict)  # code -> name: selected this run
    registered: dict[str, str] = field(default_factory=dict)  # code -> name: every rule known
    answers: dict[Lookup, Answer] = field(default_factory=dict)
    # Codes of the rules that could not check this page in full (network rules offline, with
    # a lookup unanswered or interrupted): only the suppression phase sets it, per page.
    unchecked: frozenset[str] = frozenset()
    _refdata: GeneTable | None = None
    # Gives the reference table; called once, when a rule first reads `refdata`.
    refdata_loader: Callable[[], GeneTable] | None = None
    # Shared by the contexts of all the rules of a run (see page_value).
    page_values: PageValues = field(default_factory=PageValues)

    @property
    def refdata(self) -> GeneTable:
        if self._refdata is None:
            if self.refdata_loader is None:
                raise LookupError("this context has no reference data (no refdata_loader)")
            self._refdata = self.refdata_loader()
        return self._refdata

    def answer(self, lookup: Lookup) -> Answer | None:
        return self.answers.get(lookup)

    def page_value(self, doc: GeneDocument, make: Callable[[GeneDocument], _Value]) -> _Value:
        """`make(doc)`, worked out once for all the rules of a run that ask (PageValues)."""
        return self.page_values.get(doc, make)

    def option(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and `check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    # Set by the base classes below, never by a rule: the engine runs each kind in its phase.
    kind: ClassVar[RuleKind] = "document"
    # The module's name (`genelint.rules.variants` -> "variants"), so that a rule's family
    # and the file it lives in are one fact; a plugin may declare its own.
    family: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fixable: ClassVar[bool] = False
    # "refdata" (the reference gene table), "lookups" (network answers: NetworkRule),
    # "corpus" (all documents: CorpusRule); shown by `genelint rules`.
    needs: ClassVar[frozenset[str]] = frozenset()
    # Whether the rule reads the reference data's gene name index (a cold cache builds it in
    # ~10 s): a run with --jobs builds it once, before its workers start, when such a rule runs.
    reads_name_index: ClassVar[bool] = False
    # Whether the rule runs on a file that could not be read or decoded (GL001 does).
    reads_unreadable: ClassVar[bool] = False
    # What a user may set in [tool.genelint.rules.<name>]: option -> JSON Schema of its value,
    # with a "default" (what `ctx.option` gives when the config is silent) and a "description".
    # The config is validated against it, so a misspelt option is an error, not a no-op.
    options: ClassVar[dict[str, dict]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "family" not in cls.__dict__:
            cls.family = cls.__module__.rpartition(".")[2]

    def check(self, doc: GeneDocument, ctx: Context) -> Iterator[Finding]:
        return iter(())

    @classmethod
    def check_options(cls, options: dict) -> Iterator[str]:
        """What is wrong with configured options beyond what their schemas say, as
        `key: message` lines (e.g. a value that must name something the rule knows)."""
        return iter(())

    def finding(
        self,
        span: Span,
        message: str,
        fix: Fix | None = None,
        severity: Severity | None = None,
        **data: Any,
    ) -> Finding:
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity if severity is not None else self.severity,
            message=message,
            line=span.line,
            column=span.column,
            end_line=span.end_line,
            end_column=span.end_column,
            fix=fix,
            data=data or NO_DATA,  # (shared: most findings have none)
        )

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        doc = cls.documentation()
        return doc.splitlines()[0] if doc else ""


class NetworkRule(Rule):
    """A rule that checks a page's values against services.

    `lookups` lists the questions (`Lookup("doi", "10.3109/...")`) where the page was
    parsed; the engine asks those of every page at once, then calls `check` with the
    answers in `ctx.answers`. Offline, it does not run.
    """

    kind: ClassVar[RuleKind] = "network"
    needs: ClassVar[frozenset[str]] = frozenset({"lookups"})
    # Whether `lookups` asks more once it sees answers (ctx.answers): only such rules are
    # asked again in the engine's follow-up rounds (and maybe not about a page none of whose
    # lookups was answered: a follow-up rests on an answer).
    follow_ups: ClassVar[bool] = False
    # Whether `check` runs on a page none of whose lookups was answered. Other rules have
    # nothing to say then (a failed lookup is never "does not exist"); a rule that reports
    # the unanswered lookups themselves (GL010) does.
    reports_unanswered: ClassVar[bool] = False

    def lookups(self, doc: GeneDocument, ctx: Context) -> Iterable[Lookup]:
        """The lookups `check` will want answered."""
        return ()

    def lookup_facts(self, doc: GeneDocument, ctx: Context) -> Any:
        """For a rule that reports unanswered lookups (GL010): all it reads of the page, as
        small facts (tuples of strings and numbers). The engine collects them where the page
        is parsed and keeps them in the result cache, and runs `check_lookup_facts` instead
        of `check` on a page none of whose lookups was answered (a host down: every lookup
        answered at once), so such a page is not parsed again only to say so. A rule that
        does not define it is given the document."""
        return None

    def check_lookup_facts(self, facts: Any, ctx: Context) -> Iterator[Finding]:
        """What `check` says, from the facts `lookup_facts` returned."""
        return iter(())


class SuppressionRule(Rule):
    """A rule about a page's suppression comments; it runs after they are applied."""

    kind: ClassVar[RuleKind] = "suppression"

    def check_suppressions(self, suppressions: Suppressions, ctx: Context) -> Iterator[Finding]:
        return iter(())


class CorpusRule(Rule):
    """A rule that sees every document of a run.

    `collect` runs where the document was parsed (possibly a worker process) and
    returns small picklable facts; `check_corpus` runs once in the main process
    over the facts of all documents and yields findings with `path` set.
    """

    kind: ClassVar[RuleKind] = "corpus"
    needs: ClassVar[frozenset[str]] = frozenset({"corpus"})

    def collect(self, doc: GeneDocument, ctx: Context) -> Any:
        return None

    def check_corpus(self, facts: Sequence[tuple[str, Any]], ctx: Context) -> Iterator[Finding]:
        return iter(())

    def finding_at(self, path: str, span: Span, message: str, **kwargs: Any) -> Finding:
        return self.finding(span, message, **kwargs).with_(path=path)


# The base class of each kind, which sets it (genelint.registry checks that they agree).
KIND_BASES: dict[str, type[Rule]] = {
    "document": Rule,
    "network": NetworkRule,
    "corpus": CorpusRule,
    "suppression": SuppressionRule,
}
