"""A baseline: the findings a repository already had, so a gate fails only on new ones.

`genelint check --write-baseline FILE` records the run's findings; `--baseline FILE` hides
the findings recorded there and reports the rest. A finding is recorded by its path (relative
to the baseline file's folder), its code and its fingerprint (genelint/fingerprint.py), not its
line, so edits elsewhere in a page keep it matched. Identical findings are counted: a page
with the same problem twice matches an entry of count 2, and a third copy is new.

A run sees only part of a repository when pre-commit passes the changed files or `--select`
narrows the rules: the run's Scope says which paths and codes it looked at. Entries outside it
are neither stale nor replaced; inside it, an entry no finding matched any more is stale
(its problem was fixed), counted in the summary and dropped by `--baseline F --write-baseline F`.

The file is JSON described by schemas/baseline.schema.json: entries sorted by path, code and
fingerprint, one a line, so a review sees exactly which findings were accepted or dropped.

Version 1 files hold fingerprints of the whole message (fingerprint.message_fingerprint). They
are still read: their entries are kept as `v1:<fingerprint>` and matched by the findings'
message fingerprints, until a `--write-baseline` over their pages records them anew.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from genelint.files import read_regular_text
from genelint.findings import Finding

BASELINE_VERSION = 2
OLD_MARK = "v1:"  # an entry recorded by its message fingerprint (a version 1 file's)
MESSAGE_SHOWN = 200  # characters of the message kept for the reader; matching never uses it

Key = tuple[str, str, str]  # absolute normalized path, code, fingerprint


class BaselineError(Exception):
    """A baseline file that cannot be used; the CLI exits 2 with this message."""


@dataclass(frozen=True)
class Scope:
    """What one run looked at: these files, with these rules. A corpus rule (GL9xx) compares
    pages with each other, so its findings depend on which pages the run saw: its entries are
    in scope only for a run that saw every recorded page still there. A recorded page that is
    gone is in scope whatever the run: none of its findings can occur any more."""

    paths: frozenset[str]  # absolute, normalized
    codes: frozenset[str]
    corpus_codes: frozenset[str] = frozenset()
    vanished: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, files: Iterable[str], codes: Iterable[str], corpus_codes: Iterable[str] = ()
    ) -> Scope:
        return cls(
            frozenset(_absolute(f) for f in files), frozenset(codes), frozenset(corpus_codes)
        )

    def covers(self, key: Key) -> bool:
        return key[0] in self.vanished or (key[0] in self.paths and key[1] in self.codes)

    def seeing(self, baseline: Baseline) -> Scope:
        """This scope for `baseline`'s recorded pages."""
        recorded = {key[0] for key in baseline.counts}
        vanished = frozenset(path for path in recorded - self.paths if not os.path.lexists(path))
        codes = self.codes
        if not recorded <= self.paths | vanished:
            codes = codes - self.corpus_codes
        return Scope(self.paths, codes, self.corpus_codes, vanished)


@dataclass
class Baseline:
    """Recorded findings: key -> how many times, plus a message for each key (for the reader)."""

    counts: Counter = field(default_factory=Counter)
    messages: dict[Key, str] = field(default_factory=dict)

    @classmethod
    def record(cls, findings: Sequence[Finding], prints: Sequence[str]) -> Baseline:
        baseline = cls()
        for finding, value in zip(findings, prints):
            key = (_absolute(finding.path), finding.code, value)
            baseline.counts[key] += 1
            baseline.messages.setdefault(key, finding.message)
        return baseline

    def __len__(self) -> int:
        return sum(self.counts.values())

    @property
    def has_old_entries(self) -> bool:
        """Entries recorded by message fingerprint, which the findings' must be taken to match."""
        return any(key[2].startswith(OLD_MARK) for key in self.counts)

    def without_codes(self, codes: frozenset[str]) -> Baseline:
        """The entries of other rules than these."""
        kept = Counter({key: n for key, n in self.counts.items() if key[1] not in codes})
        return Baseline(kept, {key: self.messages[key] for key in kept})

    def outside(self, scope: Scope) -> Baseline:
        """The entries this run did not look at."""
        kept = Counter({key: n for key, n in self.counts.items() if not scope.covers(key)})
        return Baseline(kept, {key: self.messages[key] for key in kept})

    def merged(self, other: Baseline) -> Baseline:
        return Baseline(self.counts + other.counts, {**other.messages, **self.messages})

    def compare(
        self,
        findings: Sequence[Finding],
        prints: Sequence[str],
        scope: Scope,
        old_prints: Sequence[str] | None = None,
    ) -> Comparison:
        """Split the run's findings into recorded and new; the recorded entries in scope that
        nothing matched are stale. Findings are taken in order, so of three identical findings
        against a count of two, the last is the new one. `old_prints`: the findings' message
        fingerprints, which entries of a version 1 file are matched by."""
        left = Counter(self.counts)
        new, matched = [], []
        for n, (finding, value) in enumerate(zip(findings, prints)):
            path = _absolute(finding.path)
            keys = [(path, finding.code, value)]
            if old_prints is not None:
                keys.append((path, finding.code, OLD_MARK + old_prints[n]))
            key = next((key for key in keys if left[key] > 0), None)
            if key is not None:
                left[key] -= 1
                matched.append(finding)
            else:
                new.append(finding)
        stale = Counter({key: n for key, n in left.items() if n > 0 and scope.covers(key)})
        return Comparison(new, matched, stale, self)


@dataclass
class Comparison:
    new: list[Finding]
    matched: list[Finding]
    stale: Counter  # key -> how many recorded findings are gone
    baseline: Baseline

    def pruned(self) -> Baseline:
        """The baseline without its stale entries (new findings are not added)."""
        counts = self.baseline.counts - self.stale
        return Baseline(counts, {key: self.baseline.messages[key] for key in counts})

    @property
    def stale_count(self) -> int:
        return sum(self.stale.values())


# --- one run ------------------------------------------------------------------------


@dataclass
class Plan:
    """What --baseline and --write-baseline ask of a run:
    compare (--baseline F): hide the recorded findings, count the stale entries;
    record (--write-baseline F): record the findings (entries outside the run's scope kept), report
    none but the lookups not answered (GL010, see `apply`);
    prune (--baseline F --write-baseline G): compare, and write F without its stale entries to G."""

    mode: str
    file: str  # the baseline read (compare, prune) or written (record)
    previous: Baseline
    write_to: str | None = None

    @classmethod
    def from_options(cls, baseline: str | None, write_baseline: str | None) -> Plan | None:
        """The plan, with the baseline read (and validated) before any page is checked."""
        if baseline:
            return cls(
                "prune" if write_baseline else "compare", baseline, load(baseline), write_baseline
            )
        if write_baseline:
            return cls("record", write_baseline, load_if_present(write_baseline), write_baseline)
        return None

    def apply(
        self,
        findings: Sequence[Finding],
        prints: Sequence[str],
        scope: Scope,
        old_prints: Sequence[str] | None = None,
        passing: frozenset[str] = frozenset(),
    ) -> tuple[list[Finding], dict]:
        """The findings to report, and the summary's "baseline" entry; writes the file if asked.
        `old_prints`: the findings' message fingerprints, when the baseline has old entries.
        `passing`: codes of findings about the run, not the pages (GL010, a lookup the network
        did not answer): never recorded nor hidden, and an entry of theirs in an older file is
        neither matched nor stale. A baseline written while a service was down would otherwise
        hide its outage notices in every later run, and call them fixed once it is back."""
        everything = list(findings)
        if passing:
            kept = [n for n, finding in enumerate(everything) if finding.code not in passing]
            findings = [everything[n] for n in kept]
            prints = [prints[n] for n in kept]
            old_prints = None if old_prints is None else [old_prints[n] for n in kept]
        reported, summary = self._apply(findings, prints, scope, old_prints, passing)
        if passing:  # in the run's order, as without a baseline; recording too hides none of them
            shown = {id(finding) for finding in reported}
            reported = [f for f in everything if f.code in passing or id(f) in shown]
        return reported, summary

    def _apply(
        self,
        findings: Sequence[Finding],
        prints: Sequence[str],
        scope: Scope,
        old_prints: Sequence[str] | None,
        passing: frozenset[str],
    ) -> tuple[list[Finding], dict]:
        previous = self.previous.without_codes(passing) if passing else self.previous
        scope = scope.seeing(previous)
        comparison = previous.compare(findings, prints, scope, old_prints)
        summary = {
            "mode": self.mode,
            "file": self.file,
            "hidden": len(comparison.matched),
            "stale": comparison.stale_count,
        }
        if self.mode == "record":
            written = previous.outside(scope).merged(Baseline.record(findings, prints))
            summary["hidden"] = len(findings)
        elif self.mode == "prune":
            written = (
                comparison.pruned()
            )  # only drops: a new finding is accepted by --write-baseline alone
        if self.write_to:
            write(written, self.write_to)
            summary.update(written=len(written), written_to=self.write_to)
        return ([] if self.mode == "record" else comparison.new), summary


# --- the file -------------------------------------------------------------------------


def load(path: str | Path) -> Baseline:
    """Read and validate a baseline file; any problem is a BaselineError naming the file."""
    path = Path(path)
    try:
        text = read_regular_text(path)
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline file (write one with --write-baseline {path})"
        ) from None
    except OSError as err:
        raise BaselineError(f"{path}: cannot read baseline: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: baseline is not UTF-8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BaselineError(
            f"{path}:{err.lineno}:{err.colno}: baseline is not valid JSON: {err.msg}"
        ) from None
    _validate(data, path)
    folder = _folder_of(path)
    mark = OLD_MARK if data["version"] == 1 else ""
    baseline = Baseline()
    for entry in data["findings"]:
        key = (
            os.path.normpath(os.path.join(folder, entry["path"])),
            entry["code"],
            mark + entry["fingerprint"],
        )
        baseline.counts[key] += entry.get("count", 1)
        baseline.messages.setdefault(key, entry.get("message", ""))
    return baseline


def load_if_present(path: str | Path) -> Baseline:
    return load(path) if Path(path).exists() else Baseline()


def dumps(baseline: Baseline, path: str | Path) -> str:
    """The file's text: paths relative to its folder, entries sorted, one a line."""
    folder = _folder_of(Path(path))
    entries = []
    for key, count in baseline.counts.items():
        if count <= 0:
            continue
        entry = {"path": _relative(key[0], folder), "code": key[1], "fingerprint": key[2]}
        if count > 1:
            entry["count"] = count
        entry["message"] = _short(baseline.messages.get(key, ""))
        entries.append(entry)
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    lines = ",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entries)
    body = f"[\n{lines}\n  ]" if entries else "[]"
    return f'{{\n  "version": {BASELINE_VERSION},\n  "findings": {body}\n}}\n'


def write(baseline: Baseline, path: str | Path) -> None:
    """Write atomically: a gate reading the baseline never sees half a file."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.genelint-tmp")
    try:
        temporary.write_text(dumps(baseline, path), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as err:
        temporary.unlink(missing_ok=True)
        raise BaselineError(f"{path}: cannot write baseline: {err.strerror or err}") from None


def _validate(data, path: Path) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise BaselineError(
            f"{path}: not a genelint baseline: at {where}: {error.message}{more} "
            f"(see schemas/baseline.schema.json)"
        )


def _schema() -> dict:
    from importlib import resources

    return json.loads(
        resources.files("genelint.schemas")
        .joinpath("baseline.schema.json")
        .read_text(encoding="utf-8")
    )


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= MESSAGE_SHOWN else message[: MESSAGE_SHOWN - 1] + "…"


def _absolute(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _folder_of(path: Path) -> str:
    return os.path.dirname(_absolute(str(path)))


def _relative(path: str, folder: str) -> str:
    try:
        return os.path.relpath(path, folder).replace(os.sep, "/")
    except ValueError:  # another drive on Windows: keep it absolute
        return path.replace(os.sep, "/")


def summary_sentences(summary: dict) -> list[str]:
    """What the baseline did, for a report's summary (the "baseline" entry of the JSON summary)."""
    file, hidden, stale = summary["file"], summary["hidden"], summary["stale"]
    if summary["mode"] == "record":
        dropped = f" ({_count(stale, 'fixed finding')} dropped)" if stale else ""
        return [
            f"Recorded {_count(summary['written'], 'finding')} in the baseline {file}{dropped}."
        ]
    sentences = (
        [f"{_count(hidden, 'recorded finding')} hidden by the baseline {file}."] if hidden else []
    )
    if stale and summary["mode"] == "prune":
        sentences.append(
            f"Dropped {_count(stale, 'fixed finding')} from the baseline ({summary['written_to']})."
        )
    elif stale:
        sentences.append(
            f"{_count(stale, 'baseline entry', 'baseline entries')} stale (fixed): "
            f"drop with --baseline {file} --write-baseline {file}."
        )
    return sentences


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"
