"""The gene reference table: lookups by symbol, alias, previous symbol and identifier.

Backed by the SQLite index `build.py` writes. Opening it reads one row of metadata; genes are
read on demand and remembered, so a run that checks a few hundred pages touches a few hundred
rows, never the whole table.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from genelint.refdata.locations import (
    BUNDLED_INDEX,
    openable_index,
    set_aside,
    sqlite_damage,
    updated_index,
)
from genelint.refdata.schema import INDEX_FORMAT, NAME_KINDS

IDENTIFIER_KINDS = ("HGNC", "NCBI Entrez", "Ensembl", "OMIM", "UniProtKB")
# Names a page may use for a kind (the document model's Identifier.kind, HGNC's and NCBI's).
IDENTIFIER_KIND_ALIASES = {
    "hgnc": "HGNC",
    "ncbi entrez": "NCBI Entrez",
    "entrez": "NCBI Entrez",
    "ncbi gene": "NCBI Entrez",
    "ensembl": "Ensembl",
    "omim": "OMIM",
    "mim": "OMIM",
    "uniprotkb": "UniProtKB",
    "uniprot": "UniProtKB",
    "uniprotkb/swiss-prot": "UniProtKB",
}
_PREFIXES = re.compile(
    r"^(hgnc|geneid|ncbigene|entrez|omim|mim|uniprotkb|uniprot)\s*:\s*", re.IGNORECASE
)

GENE_COLUMNS = (
    "entrez_id, symbol, name, gene_type, chromosomes, cytobands, aliases, "
    "previous_symbols, hgnc_id, ensembl_ids, uniprot_ids, omim_ids"
)
RECENT_NAMES = 64  # answers of _by_name kept: a page's own lookups, a few pages back
# Genes made from rows and kept, the oldest dropped first: a worker checking tens of thousands
# of pages meets every gene, and keeping them all grew it by ~1.4 KB a gene (~27 MB).
RECENT_GENES = 256
# The genes of one name (kind, name), in no particular order: _gene_order sorts them.
_GENES_NAMED = (
    "SELECT "
    + ", ".join(f"genes.{column.strip()}" for column in GENE_COLUMNS.split(","))
    + " FROM names JOIN genes ON genes.entrez_id = names.entrez_id"
    + " WHERE names.kind = ? AND names.name = ?"
)


def _gene_order(row: tuple) -> tuple[bool, int]:
    """Protein-coding genes first (a page about HBD means the globin, not the 2022 phenotype
    record), then by Entrez ID; `row` is GENE_COLUMNS (entrez_id first, gene_type fourth)."""
    return row[3] != "protein-coding", row[0]


@dataclass(frozen=True)
class Gene:
    entrez_id: int
    symbol: str
    name: str
    gene_type: str  # NCBI's vocabulary: protein-coding, ncRNA, pseudo, …
    chromosomes: tuple[str, ...]
    cytobands: tuple[str, ...]
    aliases: tuple[str, ...]
    previous_symbols: tuple[str, ...]
    hgnc_id: str | None  # "HGNC:397"
    ensembl_ids: tuple[str, ...]
    uniprot_ids: tuple[str, ...]
    omim_ids: tuple[str, ...]  # NCBI mixes gene and phenotype MIM numbers


@dataclass(frozen=True)
class WithdrawnHgncEntry:
    """An HGNC ID that no longer names a gene; `name` says what replaced it ("see HGNC:396")."""

    hgnc_id: str
    symbol: str
    status: str  # Symbol Withdrawn or Entry Withdrawn
    name: str


class GeneTable:
    def __init__(self, path: Path, origin: str):
        self.path = path
        # immutable: the file is only ever replaced whole (os.replace), never written in place,
        # so SQLite can skip locking.
        self._connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._lock = threading.Lock()
        self._genes: dict[int, Gene] = {}
        self._symbols: frozenset[str] | None = None
        self._gene_names: dict[str, tuple[int, ...]] | None = None
        self._name_index = None
        self._named: dict[tuple[str, str], tuple[Gene, ...]] = {}
        # (the page asked about last, held weakly, and its gene): see gene_of_page
        self._page_gene: tuple[Callable[[], object], Gene | None] = (_NO_PAGE, None)
        try:
            stored = self._query("SELECT value FROM meta WHERE key = 'source'")
        except sqlite3.DatabaseError as error:
            raise ValueError(f"{path}: not a genelint gene index ({error})") from None
        self.source: dict = {**json.loads(stored[0][0]), "location": str(path), "origin": origin}
        if self.source.get("format") != INDEX_FORMAT:
            raise ValueError(
                f"{path}: gene index format {self.source.get('format')}, this genelint reads "
                f"format {INDEX_FORMAT}; run `genelint refdata update` or rebuild it"
            )

    def gene_of_page(self, page: object, find: Callable[[], Gene | None]) -> Gene | None:
        """The gene `find()` says `page` is about, remembered for the page asked about last:
        the reference rules of one page (GL202-GL206, GL405) each ask it in turn.

        The page is held weakly: holding it kept each page alive until the next page's first
        reference rule, which then paid for freeing it (and a worker held one page more)."""
        asked, gene = self._page_gene
        if asked() is not page:
            gene = find()
            self._page_gene = (weakref.ref(page), gene)
        return gene

    def by_symbol(self, symbol: str) -> list[Gene]:
        return self._by_name("symbol", symbol)

    def by_alias(self, symbol: str) -> list[Gene]:
        return self._by_name("alias", symbol)

    def by_previous_symbol(self, symbol: str) -> list[Gene]:
        return self._by_name("previous", symbol)

    def by_entrez_id(self, entrez_id: int) -> Gene | None:
        gene = self._genes.get(entrez_id)
        if gene is None:
            rows = self._query(
                f"SELECT {GENE_COLUMNS} FROM genes WHERE entrez_id = ?", (entrez_id,)
            )
            if not rows:
                return None
            gene = self._remember(rows)[0]
        return gene

    def by_identifier(self, kind: str, value: str) -> list[Gene]:
        """Genes carrying this identifier; `kind` is one of IDENTIFIER_KINDS (case-insensitive)."""
        canonical = IDENTIFIER_KIND_ALIASES.get(kind.strip().lower())
        if canonical is None:
            raise ValueError(
                f"unknown identifier kind {kind!r}; expected one of {', '.join(IDENTIFIER_KINDS)}"
            )
        value = _PREFIXES.sub("", value.strip())
        number = _id_number(value)
        if canonical == "NCBI Entrez":
            gene = self.by_entrez_id(number) if number is not None else None
            return [gene] if gene else []
        if canonical == "HGNC":
            return self._by_name("hgnc", str(number)) if number is not None else []
        if canonical == "Ensembl":
            return self._by_name("ensembl", value.split(".")[0].upper())  # ENSG….15 → ENSG…
        if canonical == "UniProtKB":
            return self._by_name(
                "uniprot", value.split("-")[0].upper()
            )  # isoform P22557-2 → P22557
        return self._by_name("omim", value)

    def withdrawn_hgnc(self, value: str) -> WithdrawnHgncEntry | None:
        """The withdrawn HGNC entry for "HGNC:398" / "398", if that ID was withdrawn."""
        number = _id_number(_PREFIXES.sub("", value.strip()))
        if number is None:
            return None
        rows = self._query(
            "SELECT hgnc_number, symbol, status, name FROM withdrawn_hgnc WHERE hgnc_number = ?",
            (number,),
        )
        return WithdrawnHgncEntry(f"HGNC:{rows[0][0]}", *rows[0][1:]) if rows else None

    def symbols(self) -> frozenset[str]:
        """Every approved symbol."""
        if self._symbols is None:
            rows = self._query("SELECT name FROM names WHERE kind = ?", (NAME_KINDS["symbol"],))
            self._symbols = frozenset(row[0] for row in rows)
        return self._symbols

    def gene_names(self) -> dict[str, tuple[int, ...]]:
        """Every approved symbol, alias and previous symbol → the Entrez IDs of its genes.

        For spotting gene mentions in free text (citation titles). Approved-symbol genes come
        first for a name that is both. Built on first call (about 0.3 s), then shared.
        """
        if self._gene_names is None:
            self._gene_names = self._read_gene_names()
        return self._gene_names

    def name_index(self):
        """Every name of every gene (symbols, aliases, previous symbols, full names) for finding
        genes named in free text: a `NameIndex`, loaded from its cache on first call (~30 ms;
        built and cached in ~1 s the first time this reference data is used)."""
        if self._name_index is None:
            from genelint.refdata.nameindex import load_name_index  # only GL405 needs it

            index = load_name_index(self)
            with self._lock:
                self._name_index = self._name_index or index
        return self._name_index

    def _read_gene_names(self) -> dict[str, tuple[int, ...]]:
        names: dict[str, tuple[int, ...]] = {}
        kinds = (NAME_KINDS["symbol"], NAME_KINDS["alias"], NAME_KINDS["previous"])
        # Streamed, not fetched whole, and one tuple per gene shared by all its names: this
        # mapping is the largest thing the table ever holds.
        single: dict[int, tuple[int]] = {}
        with self._lock:
            rows = self._connection.execute(
                "SELECT name, entrez_id FROM names WHERE kind IN (?, ?, ?) ORDER BY kind", kinds
            )
            for name, entrez_id in rows:
                found = names.get(name)
                if found is None:
                    names[name] = single.setdefault(entrez_id, (entrez_id,))
                elif entrez_id not in found:
                    names[name] = found + (entrez_id,)
        return names

    def _by_name(self, kind: str, name: str) -> list[Gene]:
        # The last few answers are remembered: every refdata rule of a page asks about the page's
        # symbol and IDs again. Only a few, so a run over many pages holds no more than a page's.
        found = self._named.get((kind, name))
        if found is None:
            # Sorted here when there are several, not by SQL: a name usually names one gene,
            # and an ORDER BY made SQLite build a temporary B-tree for every query.
            rows = self._query(_GENES_NAMED, (NAME_KINDS[kind], name))
            if len(rows) > 1:
                rows.sort(key=_gene_order)
            found = tuple(self._remember(rows))
            with self._lock:
                if len(self._named) >= RECENT_NAMES:
                    self._named.pop(next(iter(self._named)), None)
                self._named[kind, name] = found
        return list(found)

    def _remember(self, rows: list[tuple]) -> list[Gene]:
        genes = []
        for row in rows:
            gene = self._genes.get(row[0])
            if gene is None:
                gene = _gene(row)
                with self._lock:
                    if len(self._genes) >= RECENT_GENES:
                        self._genes.pop(next(iter(self._genes)), None)
                    self._genes[row[0]] = gene
            genes.append(gene)
        return genes

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()


def _NO_PAGE() -> None:
    """What a weak reference to a page gives once the page is gone: no page yet."""
    return None


def _gene(row: tuple) -> Gene:
    (
        entrez_id,
        symbol,
        name,
        gene_type,
        chromosomes,
        cytobands,
        aliases,
        previous,
        hgnc_id,
        ensembl,
        uniprot,
        omim,
    ) = row
    return Gene(
        entrez_id,
        symbol,
        name,
        gene_type,
        _split(chromosomes),
        _split(cytobands),
        _split(aliases),
        _split(previous),
        hgnc_id,
        _split(ensembl),
        _split(uniprot),
        _split(omim),
    )


def _id_number(text: str) -> int | None:
    """A numeric ID as SQLite can hold it: ASCII digits ('²' is a digit to str.isdigit, not to
    int) below 2**63 (a longer run of digits is no ID, and SQLite would overflow)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text)


def _is_file(path: Path) -> bool:
    """A file is there; False also when a folder on the way may not be entered (the bundled
    snapshot is then unpacked for the run, and the run says the cache folder is unusable)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _split(cell: str) -> tuple[str, ...]:
    return tuple(cell.split("|")) if cell else ()


@functools.cache
def load_gene_table(path: str | None = None) -> GeneTable:
    """The reference table, opened once per process per path.

    `path` is a team's own index (config `refdata.path`, `.sqlite` or `.sqlite.xz`); without
    it, the copy `genelint refdata update` wrote to the cache dir, else the bundled snapshot.
    """
    if path:
        chosen, origin = Path(path).expanduser(), "configured"
        if not chosen.is_file():
            raise FileNotFoundError(
                f"refdata path {chosen} does not exist (config [tool.genelint.refdata] path)"
            )
        return GeneTable(
            openable_index(chosen), origin
        )  # a team's own file: an error names it, never moved
    updated = updated_index()
    if _is_file(updated):
        damage = sqlite_damage(updated)
        try:
            if damage is None:
                return GeneTable(updated, "updated")
        except ValueError as error:  # not a gene index, or another format
            damage = str(error).removeprefix(f"{updated}: ")
        set_aside(updated, damage, "the bundled snapshot is used until `genelint refdata update`")
    unpacked = openable_index(BUNDLED_INDEX)
    try:
        return GeneTable(unpacked, "bundled")
    except ValueError as error:  # a copy whose header is whole but whose content is not ours
        set_aside(unpacked, str(error).removeprefix(f"{unpacked}: "))
        return GeneTable(openable_index(BUNDLED_INDEX), "bundled")
