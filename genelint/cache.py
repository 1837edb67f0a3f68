"""The result cache: what checking one page produced, kept for the next run of the same page.

A page's record is what the per-page phase left behind: its findings (before suppression
comments are applied), the facts corpus rules collected, its suppression comments, the
lookups its network rules want and the lookup facts of those that report on them (GL010:
where each lookup is asked, so that a page none of whose lookups is answered is not parsed
again). It is stored under a key made of the page's path, a digest
of its bytes and the run key: genelint's version and code, the selected rules with their
options and severities, the whole configuration and the reference data's version. A change
to any of them is another key, so a stale record is never read; it is only left to age out.

The store is one SQLite file in WAL mode in genelint's cache folder, beside the services'
HTTP cache (which keeps network answers; network rules always run on fresh answers). SQLite's
locking lets two processes (pre-commit beside an editor, CI jobs sharing a runner cache) read
and write it at once; a record is written whole in one transaction or not at all.

Records are JSON, never pickle: a cache folder may be shared, and reading it must not run code.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from genelint import __version__, cachefolder
from genelint.cachefolder import is_folder_fault
from genelint.document import Span
from genelint.findings import Edit, Finding, Fix, Severity
from genelint.refdata.locations import set_aside, sqlite_damage
from genelint.rule import Lookup, Rule
from genelint.suppress import Directive, Malformed, Suppressions

if TYPE_CHECKING:
    from genelint.engine import FileResult

CACHE_FILE = "results-v3.sqlite"  # the name carries the record layout: another layout is never read
OLD_CACHE_FILES = (
    "results-v1.sqlite",
    "results-v2.sqlite",
)  # layouts no longer read: `genelint cache clear` removes them
MAX_AGE_DAYS = (
    30  # records not written again for this long are dropped (a page's content changed long ago)
)
_BUSY_TIMEOUT_S = 30.0  # another process writing: wait for it rather than fail
_BATCH = 500  # keys per SELECT (SQLite's parameter limit is higher; this keeps statements small)
_RACY_NS = 10**9  # a file modified this close before it was hashed is hashed again next time


def cache_dir(settings) -> Path:
    """genelint's cache folder: $GENELINT_CACHE_DIR, else services.cache-path, else the user cache dir."""
    configured = os.environ.get("GENELINT_CACHE_DIR") or settings.services.get("cache-path")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("genelint"))


# The key of a record holding a whole run's corpus findings (engine._corpus_record_key) begins
# with this; every other record is one page's result.
CORPUS_KEY_PREFIX = "corpus:"


def content_digest(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


# --- the run key -------------------------------------------------------------------------


def run_key(
    settings,
    rules: Iterable[type[Rule]],
    options: dict[str, dict],
    severities: dict[str, Any],
    offline: bool,
    refdata_version: str,
) -> str:
    """What every record of this run depends on besides the page itself."""
    parts = {
        "version": __version__,
        "code": code_fingerprint(rules),
        "rules": sorted(rule.code for rule in rules),
        "options": options,
        "severities": {
            code: str(severity) for code, severity in severities.items() if severity is not None
        },
        "settings": dataclasses.asdict(settings),
        "offline": offline,
        "refdata": refdata_version,
    }
    text = json.dumps(parts, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def code_fingerprint(rules: Iterable[type[Rule]]) -> str:
    """Size and modification time of genelint's own source files and the rule modules: a
    development install or a plugin changed in place gets new keys, without a version bump."""
    import importlib.util

    import genelint

    files: set[str] = set()
    # The rule pack and the schemas are packages of their own in a development install
    # (rules/, schemas/ beside genelint/); found without importing them.
    folders = [*genelint.__path__]
    for package in ("genelint.rules", "genelint.schemas"):
        spec = importlib.util.find_spec(package)
        folders.extend(spec.submodule_search_locations or [] if spec else [])
    for folder in folders:
        for root, _, names in os.walk(folder):
            files.update(
                os.path.join(root, name) for name in names if name.endswith((".py", ".json"))
            )
    for rule in rules:
        source = getattr(sys.modules.get(rule.__module__), "__file__", None)
        if source:
            files.add(source)
    digest = hashlib.blake2b(digest_size=20)
    for name in sorted(files):
        try:
            stat = os.stat(name)
        except OSError:
            continue
        digest.update(
            f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape")
        )
    return digest.hexdigest()


def signature(stat: os.stat_result) -> str:
    """What says a file is unchanged without reading it (as git's index does)."""
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{stat.st_ctime_ns}"


def _storable(path: str) -> str:
    """A path as SQLite can store it: a name that is not UTF-8 (kept by Python as surrogate
    escapes) is written with backslash escapes. A clash with a file really named so would
    still need the same stat signature, inode included, to be taken for it."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def record_key(run: str, path: str, digest: str) -> str:
    return hashlib.blake2b(
        f"{run}\0{path}\0{digest}".encode("utf-8", "surrogateescape"), digest_size=20
    ).hexdigest()


# --- records: a page's results as JSON ------------------------------------------------------


def findings_to_json(findings: list[Finding], path: str) -> list:
    return [_finding_row(f, path) for f in findings]


def _finding_row(f: Finding, path: str) -> list:
    fix = None
    if f.fix is not None:
        fix = [
            f.fix.applicability,
            f.fix.description,
            [[e.start, e.end, e.content] for e in f.fix.edits],
        ]
    return [
        f.code,
        f.name,
        int(f.severity),
        f.message,
        f.line,
        f.column,
        f.end_line,
        f.end_column,
        "" if f.path == path else f.path,
        fix,
    ]


def finding_from_row(row: list, path: str) -> Finding:
    code, name, severity, message, line, column, end_line, end_column, own_path, fix = row
    if fix is not None:
        applicability, description, edits = fix
        fix = Fix(tuple(Edit(*edit) for edit in edits), applicability, description)
    return Finding(
        code,
        name,
        Severity(severity),
        message,
        line,
        column,
        end_line,
        end_column,
        own_path or path,
        fix,
    )


def _span_row(span: Span) -> list:
    return [span.line, span.column, span.end_line, span.end_column, span.start, span.end]


def suppressions_to_json(suppressions: Suppressions) -> dict:
    return {
        "directives": [
            [d.kind, list(d.selectors), _span_row(d.span), d.first_line, d.last_line, d.used]
            for d in suppressions.directives
        ],
        "malformed": [[_span_row(m.span), m.message] for m in suppressions.malformed],
    }


def suppressions_from_json(data: dict) -> Suppressions:
    return Suppressions(
        [
            Directive(kind, tuple(selectors), Span(*span), first, last, used)
            for kind, selectors, span, first, last, used in data["directives"]
        ],
        [Malformed(Span(*span), message) for span, message in data["malformed"]],
    )


_SCALARS = (str, int, float, bool, type(None))


def facts_to_json(facts: dict[str, Any]) -> dict[str, list] | None:
    """Each rule's facts as [shape, value], or None when some have no exact JSON form.

    Facts are tuples, dicts with string keys, strings, numbers, booleans and None; JSON
    gives arrays back as lists, so the shape says how to make tuples of them again: a tuple
    of tuples of scalars (nearly all facts, made back in one C-level call), a tuple of
    scalars, a scalar, or anything else (made back element by element).
    """
    out = {}
    for code, value in facts.items():
        if not _exact(value):
            return None
        out[code] = [_shape(value), value]
    return out


def facts_from_json(data: dict[str, list]) -> dict[str, Any]:
    return {code: _FROM_SHAPE[shape](value) for code, (shape, value) in data.items()}


def _exact(value: Any) -> bool:
    kind = type(value)
    if kind is tuple:
        return all(_exact(item) for item in value)
    if kind is dict:
        return all(type(key) is str and _exact(item) for key, item in value.items())
    if kind is float:
        return value == value and value not in (float("inf"), float("-inf"))
    return kind in _SCALARS


def _shape(value: Any) -> int:
    if type(value) is tuple:
        if all(type(item) is tuple and all(type(x) in _SCALARS for x in item) for item in value):
            return 2
        if all(type(item) in _SCALARS for item in value):
            return 1
    elif type(value) in _SCALARS:
        return 0
    return -1


def _tuples(value: Any) -> Any:
    if type(value) is list:
        return tuple(_tuples(item) for item in value)
    if type(value) is dict:
        return {key: _tuples(item) for key, item in value.items()}
    return value


_FROM_SHAPE: dict[int, Callable[[Any], Any]] = {
    2: lambda value: tuple(map(tuple, value)),
    1: tuple,
    0: lambda value: value,
    -1: _tuples,
}


def record_of(result) -> str | None:
    """The JSON record of a FileResult, or None when it must not be kept (a rule crashed, or
    a rule's facts have no exact JSON form)."""
    if result.internal_errors:
        return None
    facts = facts_to_json(result.facts)
    lookup_facts = facts_to_json(result.lookup_facts)
    if facts is None or lookup_facts is None:
        return None
    suppressions = suppressions_to_json(result.suppressions) if _any(result.suppressions) else 0
    record = [
        findings_to_json(result.findings, result.path),
        _texts(facts),
        suppressions,
        [list(lookup) for lookup in result.lookups],
        lookup_facts,
    ]
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _texts(facts: dict[str, list]) -> dict[str, str]:
    """Each rule's facts as a JSON text of their own, which a record keeps as a string: a page
    read back holds them so (PackedFacts) until its corpus rule reads them."""
    return {
        code: json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        for code, value in facts.items()
    }


def packed_facts(facts: Mapping[str, Any]) -> Mapping[str, Any]:
    """A page's facts as the run keeps them until the corpus phase: packed (a few hundred
    bytes in place of tuples of strings) unless they are already, or some are objects of a
    class of their own. Packed by marshal, which writes tuples, strings and numbers back as
    they were in one C call each way, ~10 times faster than checking their shape for JSON
    (records) and writing it; what marshal packs is never stored, only kept by this run
    and sent by its workers."""
    if isinstance(facts, PackedFacts) or not facts:
        return facts
    try:
        return PackedFacts(facts.keys(), marshal.dumps(tuple(map(marshal.dumps, facts.values()))))
    except ValueError:  # an object marshal cannot write: the facts stay as they are
        return facts


NO_SUPPRESSIONS = Suppressions((), ())  # type: ignore[arg-type]  # shared: tuples, never added to


def kept_suppressions(suppressions: Suppressions) -> Suppressions:
    """A page's suppression comments as the run keeps them: most pages have none."""
    return suppressions if _any(suppressions) else NO_SUPPRESSIONS


def _any(suppressions: Suppressions) -> bool:
    return bool(suppressions.directives or suppressions.malformed)


def result_from_record(path: str, text: str) -> FileResult:
    from genelint.engine import FileResult

    findings, facts, suppressions, lookups, *rest = json.loads(text)
    lookup_facts = rest[0] if rest else None  # a record made by hand may leave them out
    return FileResult(
        path,
        findings=[finding_from_row(row, path) for row in findings],
        suppressions=suppressions_from_json(suppressions) if suppressions else NO_SUPPRESSIONS,
        facts=PackedFacts.from_texts(facts),
        lookups=_lookups_from_rows(lookups),
        lookup_facts=facts_from_json(lookup_facts) if lookup_facts else {},
    )


# Lookup._make is a Python call for each of a page's ~23 lookups, the largest part of reading
# back a warm run's records; tuple.__new__ over the class makes the same objects in C.
_new_lookup = functools.partial(tuple.__new__, Lookup)
_LOOKUP_FIELDS = len(Lookup._fields)


def _lookups_from_rows(rows: list[list[str]]) -> list[Lookup]:
    if not set(map(len, rows)) <= {_LOOKUP_FIELDS}:
        raise TypeError(f"a lookup has {_LOOKUP_FIELDS} fields")  # as Lookup._make says
    return list(map(_new_lookup, rows))


class PackedFacts(Mapping):
    """A page's corpus facts, each rule's packed until the rule reads them: JSON texts as a
    record has them, or marshal's bytes (packed_facts). The corpus phase reads one rule's facts
    of every page at a time, so a large run holds the packed forms and one rule's facts, not
    every rule's facts as objects.

    Marshal's form is one bytes object for all the page's rules (marshal's bytes of each, in
    the order of the codes, marshalled together): a dict of a bytes object per rule cost ~300
    bytes more a page, ~30 MB of a 100,000-page run. The tuple of codes is shared by every
    page with the same rules' facts."""

    __slots__ = ("_codes", "_packed")

    def __init__(self, codes: Iterable[str], packed: bytes | tuple[str, ...]):
        codes = tuple(codes)
        self._codes = _SHARED_CODES.setdefault(codes, codes)
        self._packed = packed  # marshal's bytes, or a JSON text per code

    @classmethod
    def from_texts(cls, texts: dict[str, str]) -> PackedFacts:
        """A record's facts: each rule's JSON text, by code."""
        return cls(texts.keys(), tuple(texts.values()))

    def __getitem__(self, code: str) -> Any:
        try:
            at = self._codes.index(code)
        except ValueError:
            raise KeyError(code) from None
        packed = self._packed
        if isinstance(packed, bytes):
            return marshal.loads(marshal.loads(packed)[at])
        shape, value = json.loads(packed[at])
        return _FROM_SHAPE[shape](value)

    def __reduce__(self):  # from a worker: its tuple of codes is shared here as well
        return PackedFacts, (self._codes, self._packed)

    def __contains__(self, code: object) -> bool:  # Mapping's would decode the facts to say so
        return code in self._codes

    def __iter__(self):
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


_SHARED_CODES: dict[tuple[str, ...], tuple[str, ...]] = {}


# --- the store ------------------------------------------------------------------------------


class ResultCache:
    """Records by key in one SQLite file; every failure to use it is a miss, never an error."""

    def __init__(self, path: Path):
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self.problem: str | None = None  # why the cache could not be used, if it could not
        self.folder_fault = False  # the folder, not the file, was the problem: the run says so once

    @classmethod
    def for_settings(cls, settings) -> ResultCache:
        return cls(cache_dir(settings) / CACHE_FILE)

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is None and self.problem is None:
            try:
                try:
                    self._connection = self._open()
                except sqlite3.DatabaseError as error:
                    if is_folder_fault(error):
                        raise
                    # Not SQLite, or damaged: kept aside for a look, and the cache starts again.
                    set_aside(self.path, sqlite_damage(self.path) or str(error), "started again")
                    self._connection = self._open()
            except (sqlite3.Error, OSError) as error:
                self._failed(error, "unusable")
        return self._connection

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL keeps the file whole on a crash
            connection.execute(
                "CREATE TABLE IF NOT EXISTS records "
                "(key TEXT PRIMARY KEY, record TEXT NOT NULL, written REAL NOT NULL)"
            )
            connection.execute(
                "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, signature TEXT NOT NULL, "
                "digest TEXT NOT NULL, hashed_ns INTEGER NOT NULL)"
            )
        except BaseException:
            connection.close()
            raise
        return connection

    def _failed(self, error: BaseException, what: str) -> None:
        self.problem = f"result cache {self.path} {what} ({error}); checking without it"
        if is_folder_fault(error):
            self.folder_fault = True
            cachefolder.unusable(self.path.parent, error, "page results")

    def get_many(self, keys: list[str]) -> dict[str, str]:
        connection = self._connect()
        found: dict[str, str] = {}
        if connection is None:
            return found
        try:
            for at in range(0, len(keys), _BATCH):
                chunk = keys[at : at + _BATCH]
                rows = connection.execute(
                    f"SELECT key, record FROM records WHERE key IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                found.update(rows)
        except sqlite3.Error as error:
            self._failed(error, "unreadable")
            return {}
        return found

    def put_many(self, records: list[tuple[str, str]]) -> None:
        connection = self._connect()
        if connection is None or not records:
            return
        now = time.time()
        try:
            with _transaction(connection):
                connection.executemany(
                    "INSERT OR REPLACE INTO records (key, record, written) VALUES (?, ?, ?)",
                    [(key, record, now) for key, record in records],
                )
                connection.execute(
                    "DELETE FROM records WHERE written < ?", (now - MAX_AGE_DAYS * 86400,)
                )
        except sqlite3.Error as error:  # a full disk, a read-only folder: the run's results stand
            self._failed(error, "not written")

    def known_digests(self, signatures: dict[str, tuple[str, int]]) -> dict[str, str]:
        """Digests of files hashed before and unchanged since: absolute path -> digest.

        `signatures` maps each absolute path to (its stat signature, its mtime in ns). Like
        git's index, an entry is trusted only if the file was last modified more than a second
        before it was hashed: a file changed again within its timestamp's resolution, right
        after being hashed, could otherwise keep its signature with other bytes.
        """
        connection = self._connect()
        known: dict[str, str] = {}
        if connection is None:
            return known
        by_key = {_storable(path): path for path in signatures}
        keys = list(by_key)
        try:
            for at in range(0, len(keys), _BATCH):
                chunk = keys[at : at + _BATCH]
                rows = connection.execute(
                    f"SELECT path, signature, digest, hashed_ns FROM files "
                    f"WHERE path IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                for key, signature, digest, hashed_ns in rows:
                    path = by_key[key]
                    now, mtime_ns = signatures[path]
                    if signature == now and mtime_ns + _RACY_NS < hashed_ns:
                        known[path] = digest
        except sqlite3.Error:
            return {}
        return known

    def remember_digests(self, rows: list[tuple[str, str, str, int]]) -> None:
        """(absolute path, stat signature, digest, when hashed in ns) of files just hashed."""
        connection = self._connect()
        if connection is None or not rows:
            return
        try:
            with _transaction(connection):
                connection.executemany(
                    "INSERT OR REPLACE INTO files (path, signature, digest, hashed_ns) "
                    "VALUES (?, ?, ?, ?)",
                    [(_storable(row[0]), *row[1:]) for row in rows],
                )
                connection.execute(
                    "DELETE FROM files WHERE hashed_ns < ?",
                    (time.time_ns() - MAX_AGE_DAYS * 86400 * 10**9,),
                )
        except sqlite3.Error as error:
            self._failed(error, "not written")

    def count(self) -> int:
        connection = self._connect()
        if connection is None:
            return 0
        return connection.execute(
            "SELECT count(*) FROM records WHERE key NOT LIKE ?", (CORPUS_KEY_PREFIX + "%",)
        ).fetchone()[0]

    def clear(self) -> int:
        connection = self._connect()
        if connection is None:
            return 0
        removed = self.count()  # the pages' results (a run's corpus findings go with them)
        with _transaction(connection):
            connection.execute("DELETE FROM records")
            connection.execute("DELETE FROM files")
        connection.execute("VACUUM")
        for old in OLD_CACHE_FILES:  # written by an earlier genelint, in a layout no longer read
            for leftover in self.path.parent.glob(old + "*"):  # with SQLite's -wal and -shm files
                leftover.unlink(missing_ok=True)
        return removed

    def size(self) -> int:
        return sum(
            p.stat().st_size for p in self.path.parent.glob(self.path.name + "*")
        )  # with -wal, -shm

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class _transaction:
    """BEGIN IMMEDIATE … COMMIT (ROLLBACK on error): the writer takes the lock up front, so two
    writers queue on the busy timeout instead of one failing halfway."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self):
        self.connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, trace):
        self.connection.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


# --- `genelint cache info|clear` -----------------------------------------------------------


def add_arguments(subparsers: Any) -> None:
    cache = subparsers.add_parser(
        "cache", help="inspect or clear genelint's caches (page results, service lookups)"
    )
    cache.add_argument(
        "--config", metavar="FILE", help="use this config file (its services.cache-path)"
    )
    actions = cache.add_subparsers(dest="cache_action", required=True)
    actions.add_parser(
        "info", help="where the caches are, their entries and size, the last run's lookup hit rate"
    )
    actions.add_parser("clear", help="delete every cached page result and lookup")


def run(args, settings) -> int:
    store = ResultCache.for_settings(settings)
    try:
        if args.cache_action == "clear":
            removed = store.clear() if store.path.exists() else 0
            print(f"cleared {removed} cached page results from {store.path}")
        else:
            from genelint.services.cli import print_section

            present = store.path.exists()
            print_section(
                "page results",
                store.path,
                store.count() if present else None,
                store.size() if present else None,
            )
    finally:
        store.close()
    if store.problem:
        print(f"genelint: {store.problem}", file=sys.stderr)
        return 2
    from genelint.services import cli as services_cli

    return services_cli.run(args, settings.services)
