"""Every name of every gene of the reference data, for finding genes named in free text.

Two parts, built once per reference-data version and cached beside the unpacked index:

- `exact`: symbols, aliases and previous symbols as written (`BRCA1`, `PD-L1`, `p53`) →
  ((Entrez ID, kind), …). A title's words are looked up whole, in their case.
- `phrases`: full names as normalised word sequences (`brain derived neurotrophic factor`,
  `catalase`) → Entrez IDs, with `prefixes` holding every name's first words short of the
  whole. Together they are a token trie flattened into two hash tables: a title is matched
  left to right in one pass, each position going down the words while they start some name
  and keeping the longest whole name found.

The cache file is named by a key made of this module's format number and the identity of the
reference index (its file name, size, modification time and build stamp), so `refdata update`
or a new bundled snapshot gets a new index and never reads an old one. It is a `marshal`
file (plain dicts, tuples, strings and ints), which loads several times faster than pickle
or re-reading SQLite; it is written to a temporary file and renamed, so a concurrent first
run never reads half a file, and a cache folder that cannot be written only costs the build.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from genelint import cachefolder
from genelint.cachefolder import write_whole
from genelint.designators import is_designator
from genelint.loosenames import loose_name_table
from genelint.refdata.families import FAMILIES, read_families
from genelint.refdata.isozymes import isozyme_forms
from genelint.refdata.locations import cache_dir
from genelint.refdata.peptides import CUT_PEPTIDES
from genelint.refdata.protein_names import PROTEIN_NAMES, read_protein_names
from genelint.refdata.schema import NAME_KINDS

NAME_INDEX_FORMAT = 79
KIND_NAMES = {
    NAME_KINDS["symbol"]: "symbol",
    NAME_KINDS["alias"]: "alias",
    NAME_KINDS["previous"]: "previous",
}

# Full names that describe no one gene, and gene types whose names never appear in titles.
_NAMELESS = re.compile(
    r"^(uncharacterized|putative uncharacterized|novel (protein|transcript)|"
    r"long intergenic non-protein coding|small nucleolar rna|microrna|"
    r"transfer rna|uncharacterised)",
    re.IGNORECASE,
)
_UNNAMED_TYPES = frozenset(
    {"pseudo", "biological-region", "unknown", "other", "tRNA", "rRNA", "snoRNA", "scRNA"}
)
_SYMBOL_ONLY_TYPES = frozenset({"biological-region", "unknown", "other"})
# A symbol NCBI gives a gene not yet named (LOC…, FLJ…, KIAA…).
PLACEHOLDER_SYMBOL = re.compile(r"^(LOC|FLJ|KIAA|DKFZ[pP]|MGC)[0-9]")

# Words and Greek letters, one token each (so `TGF-β1` gives tgf, beta, 1 and `NF-κB` nf, kappa, b).
# A word prefixed by "co-" is one word, as names write it ("co-transporter", "cotransporter").
_WORD = re.compile(r"[Cc]o-[a-z]{4,}|[A-Za-z\u00C0-\u024F]+|[0-9]+|[\u0370-\u03FF]")
_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "τ": "tau",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
}


def _roman_numerals() -> dict[str, str]:
    """Roman numerals 1-39 in lower case → their digits: "collagen XVIII", "factor XIII"."""
    ones = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
    return {"x" * (n // 10) + ones[n % 10]: str(n) for n in range(1, 40)}


_ROMAN = _roman_numerals()
_ROMAN_LETTERS = frozenset({"I", "V", "X", "i", "v", "x"})
# One Latin letter for a Greek one, only where it cannot be the article or a B cell:
# lower case, glued to a number ("HIF-1a") or before a hyphen ("b-catenin"); "u" is mu as the
# micro sign loses it in plain text ("opioid receptor u1", "u-opioid").
_LATIN_GREEK = {"a": "alpha", "b": "beta", "g": "gamma", "d": "delta", "k": "kappa", "u": "mu"}
_GLUED_GREEK = re.compile(r"^([A-Za-z]+?)(alpha|beta|gamma|delta|epsilon|kappa)$")
# British spellings as American ones, as the reference names are written.
_SPELLINGS = (
    ("tumour", "tumor"),
    ("haem", "hem"),
    ("aem", "em"),
    ("oestr", "estr"),
    ("colour", "color"),
    ("signall", "signal"),
    ("sulph", "sulf"),
    ("synthetase", "synthase"),
    ("metalloproteinase", "metalloprotease"),  # NCBI: "matrix metalloprotease 1"
    ("carbamyl", "carbamoyl"),  # the older name of the group: "carbamylphosphate synthetase"
)
# Whole words titles write for the ones the names use.
_SAME_WORDS = {
    "carboxyl": "carboxy",  # "ubiquitin carboxyl-terminal hydrolase", "carboxy-terminal"
    "noradrenaline": "norepinephrine",
    "noradrenalin": "norepinephrine",
    "adrenaline": "epinephrine",
    "hem": "heme",  # "haem oxygenase" as "heme oxygenase", after "haem" became "hem"
    "apoprotein": "apolipoprotein",  # "apoprotein E", an older name of apolipoprotein E
}


@functools.lru_cache(maxsize=1 << 16)
def normal_word(word: str) -> str:
    """A word as names are compared: lower case, no accents, American spelling, no plural s.
    Remembered: titles share most of their words."""
    word = word.lower().replace("-", "")
    if word in _GREEK:
        return _GREEK[word]
    if word in _ROMAN:
        return _ROMAN[word]
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if c.isascii())
    for british, american in _SPELLINGS:
        if british in word:
            word = word.replace(british, american)
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("somal") and len(word) > 8:
        # an organelle's adjective as its noun, names using both: "peroxisomal proliferator
        # activated receptor" as "peroxisome …", "lysosome-associated" as "lysosomal associated"
        word = word[:-2] + "e"
    return _SAME_WORDS.get(word, word)


@functools.lru_cache(maxsize=512)
def normal_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The normalised words of a text with the span each was read from. Remembered: GL405 reads
    a title's words once for its genes and again for families and acronyms."""
    return tuple(_normal_words(text))


def _normal_words(text: str) -> list[tuple[str, int, int]]:
    words = []
    for match in _WORD.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        if word in _ROMAN_LETTERS and (
            text[end : end + 1].isdigit() or text[start - 1 : start].isdigit()
        ):
            words.append((word.lower(), start, end))  # "I1307K", "V600E": a residue, no numeral
            continue
        if word in _LATIN_GREEK and (
            (start and text[start - 1].isdigit())
            or (text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha())
            or (text[end : end + 1].isdigit() and start and text[start - 1] == " ")
        ):
            words.append((_LATIN_GREEK[word], start, end))
            continue
        lettered = _roman_and_letter(word, start, end) if word[0] in "IVX" else None
        if lettered:
            words += lettered
            continue
        parts = _word_parts(word)
        if parts.__class__ is str:
            if parts:  # not "×" or "ϕ", letters of no Latin word
                words.append((parts, start, end))
        else:
            (first, cut), greek = parts
            stem = _roman_and_letter(word[:cut], start, start + cut)  # "Ibalpha"
            words += stem or [(first, start, start + cut)]
            words.append((greek, start + cut, end))
    return words


def _roman_and_letter(word: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """A member's numeral and its Greek letter as a Latin one, "IIb", "VIIa" ("glycoprotein IIb",
    "factor VIIa"), as two words: its number and the letter; else []. HGNC writes the letter as
    a capital ("myosin VIIA"), titles often not: both read alike. Not "VIA", the word."""
    if _ROMAN_AND_LETTER.match(word) and word[:-1].lower() in _ROMAN and word != "VIA":
        return [
            (_ROMAN[word[:-1].lower()], start, end - 1),
            (_LATIN_GREEK[word[-1].lower()], end - 1, end),
        ]
    return []


@functools.lru_cache(maxsize=1 << 16)
def _word_parts(word: str):
    """A word normalised; or, for a Greek letter glued on ("Calpha", "IL1beta"), the word before it
    with the offset of the cut, and the letter as a word of its own, as names write it."""
    glued = _GLUED_GREEK.match(word)
    if glued:
        return (normal_word(glued.group(1)), glued.end(1)), glued.group(2).lower()
    lettered = _GREEK_THEN_LETTER.match(word)
    if lettered:  # "kappaB" of NF-kappaB, as "kappa B"
        return (lettered.group(1).lower(), lettered.end(1)), lettered.group(2).lower()
    numbered = _GREEK_THEN_ROMAN.match(word)
    if numbered:  # "betaIV spectrin", "betaIII-tubulin" as "beta 4", "beta 3"
        return (numbered.group(1).lower(), numbered.end(1)), _ROMAN[numbered.group(2).lower()]
    return normal_word(word)


_ROMAN_AND_LETTER = re.compile(r"^[IVX]+[abAB]$")
_GREEK_THEN_LETTER = re.compile(r"^(alpha|beta|gamma|delta|kappa)([A-Z])$", re.IGNORECASE)
_GREEK_THEN_ROMAN = re.compile(
    r"^(alpha|beta|gamma|delta)(II|III|IV|VI|VII|VIII|IX)$", re.IGNORECASE
)


def phrase_of(text: str) -> str:
    return " ".join(word for word, _, _ in _normal_words(text))


@dataclass(frozen=True)
class NameIndex:
    # Values are one int or a tuple of ints, not tuples of pairs: a third of the objects, so the
    # cache loads in ~30 ms instead of ~140 ms.
    exact: dict  # name as written -> code or (code, ...); code = entrez_id * 4 + kind (NAME_KINDS)
    phrases: dict  # normalised full name -> entrez_id or (entrez_id, ...)
    prefixes: (
        frozenset  # every phrase's first words, short of the whole: "brain", "brain derived", …
    )
    # Protein names several genes share ("collagen receptor", "sulfonylurea receptor"): a title
    # using one names one of them, not which, so they only ever show that a title may name the
    # page's gene. With their own first words, as `prefixes` for `phrases`.
    families: dict = field(default_factory=dict)
    family_prefixes: frozenset = frozenset()
    # A ligand's name → the genes of its receptors ("angiotensin 2" → AGTR1, AGTR2), from every
    # name with "receptor" in it: "angiotensin II type 1 receptor" names one of them.
    receptors: dict = field(default_factory=dict)
    # Aliases written in lower case that may name their gene in lower case too ("parkin"), beside a
    # word that says gene: alias → Entrez ID.
    lower_aliases: dict = field(default_factory=dict)
    # Names of one gene by their head and first word, genes per word and genes in all, for names
    # a title writes loosely (`genelint.loosenames`).
    loose_names: tuple = ()
    # Names of peptides cut from a precursor ("angiotensin 2") → the precursor's gene or genes
    # (AGT), which they do not name; kept as names, since "angiotensin II type 1 receptor" is
    # read through them.
    cut_peptides: dict = field(default_factory=dict)
    # Aliases in capitals, of one gene, that abbreviate one of its names ("FMRP", "VEGF"): a
    # title may write them with no word for a gene beside them (`spelled_aliases`).
    spelled_aliases: frozenset = frozenset()
    # Genes whose own name is a receptor's ("sortilin related receptor 1", "MET proto-oncogene,
    # receptor tyrosine kinase"): an alias of theirs before "receptor" is the receptor itself
    # ("the SORLA receptor"), not a ligand's receptor ("EGF receptor" is EGFR).
    receptor_genes: frozenset = frozenset()

    def names(self, name: str) -> tuple[tuple[int, str], ...]:
        """((entrez_id, "symbol" | "alias" | "previous"), …) for a name as written."""
        codes = self.exact.get(name, ())
        return tuple(
            (code >> 2, KIND_NAMES[code & 3])
            for code in (codes if isinstance(codes, tuple) else (codes,))
        )

    def phrase_matches(self, words: list[str]) -> list[tuple[int, int, tuple[int, ...]]]:
        """(first word, end word, genes) of the full names among `words`, left to right, longest first,
        never overlapping."""
        return _trie_matches(words, self.phrases, self.prefixes)

    def family_matches(self, words: list[str]) -> list[tuple[int, int, tuple[int, ...]]]:
        """(first word, end word, genes) of the names several genes share, as `phrase_matches`."""
        return _trie_matches(words, self.families, self.family_prefixes)


def _trie_matches(words: list[str], phrases: dict, prefixes: frozenset) -> list:
    found, at, count = [], 0, len(words)
    while at < count:
        key, end, best = words[at], at + 1, None
        while True:  # down the trie while the words so far start some name
            genes = phrases.get(key)
            if genes:
                best = (end, genes)
            if end == count or key not in prefixes:
                break
            key, end = f"{key} {words[end]}", end + 1
        if best:
            found.append((at, best[0], best[1] if best[1].__class__ is tuple else (best[1],)))
            at = best[0]
        else:
            at += 1
    return found


def index_key(table) -> str:
    """Names the reference index this name index was built from: which file (the first part)
    and which version of it and of this module's format (the second)."""
    path = Path(table.path).resolve()
    stat = path.stat()
    # A copy unpacked from the bundled snapshot is named by the snapshot's digest: its content
    # is its name's, whenever and wherever it was written. Two first runs sharing a new cache
    # folder may each unpack it; keyed by its time, the second copy would cost a third run a build.
    # Its place does not matter either: a CI cache restored under another path (GitLab's
    # /builds/<runner>/<n>/…) finds the index built for it.
    named = bool(_CONTENT_NAMED.match(path.name))
    written = "" if named else stat.st_mtime_ns
    version = f"{NAME_INDEX_FORMAT}|{stat.st_size}|{written}|{table.source.get('built')}"
    for bundled in (PROTEIN_NAMES, FAMILIES):  # read into the index too
        version += f"|{_content_digest(bundled)}"
    return f"{_digest(path.name if named else str(path))}-{_digest(version)}"


# The name of a reference index unpacked from a packed snapshot: the snapshot's digest in it
# (`genelint.refdata.locations.openable_index`).
_CONTENT_NAMED = re.compile(r"^[\w.]+-[0-9a-f]{16}\.sqlite$")


def _content_digest(path: Path) -> str:
    """The bundled file's content, not its time: two installs of one genelint (a project's
    virtualenv and pre-commit's own) write the same files at different times, and share the
    user's cache folder; keyed by time, each would take the other's index for another version
    and build its own again, run after run. (Half a megabyte: about a millisecond.)"""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def cached_path(table) -> Path:
    return cache_dir() / f"names-{index_key(table)}.marshal"


def is_built(table) -> bool:
    """Whether this table's name index is in the cache (else its first load builds it, ~10 s)."""
    try:
        return cached_path(table).is_file()
    except OSError:
        return False


def load_name_index(table) -> NameIndex:
    """The name index for this table: read from the cache, else built and cached."""
    path = cached_path(table)
    try:
        return NameIndex(*marshal.loads(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not built yet for this reference data, or damaged: build it again
    cachefolder.first_build()  # ~10 s: the command may say so (this module prints nothing)
    index = build_name_index(table)
    try:
        write_whole(
            path,
            marshal.dumps(
                (
                    index.exact,
                    index.phrases,
                    index.prefixes,
                    index.families,
                    index.family_prefixes,
                    index.receptors,
                    index.lower_aliases,
                    index.loose_names,
                    index.cut_peptides,
                    index.spelled_aliases,
                    index.receptor_genes,
                )
            ),
        )
        _forget_older_versions(path)
    except OSError as error:  # this process keeps its own copy
        cachefolder.unusable(path.parent.parent, error, "gene name index")
    return index


# Name indexes of other versions of one reference file kept beside the newest. Two genelint
# versions may take turns on one cache folder (pre-commit's pinned one and a project's
# virtualenv's), and each would otherwise remove the other's index and build its own again.
KEPT_OTHER_VERSIONS = 2


def _forget_older_versions(path: Path) -> None:
    """Remove the indexes of earlier versions of the same reference file (`refdata update`
    rewrites it in place) but the KEPT_OTHER_VERSIONS most recently built, so the cache holds a
    few per file, not one per update."""
    same_file = path.name.split("-")[1]
    others = []
    for other in path.parent.glob(f"names-{same_file}-*.marshal"):
        try:
            if other != path:
                others.append((other.stat().st_mtime_ns, other))
        except OSError:
            pass  # removed meanwhile by another run
    for _, older in sorted(others, reverse=True)[KEPT_OTHER_VERSIONS:]:
        try:
            older.unlink()
        except OSError:
            pass  # another process may be reading it; it is only space


def build_name_index(table) -> NameIndex:
    query = table._query  # the table's own locked reader: the index is read once, whole
    types = dict(query("SELECT entrez_id, gene_type FROM genes"))
    exact: dict[str, list[int]] = {}
    kinds = tuple(KIND_NAMES)
    rows = query(
        f"SELECT name, entrez_id, kind FROM names WHERE kind IN ({', '.join('?' * len(kinds))}) "
        "ORDER BY kind, entrez_id",
        kinds,
    )
    for name, entrez_id, kind in rows:
        if (
            types.get(entrez_id) in _SYMBOL_ONLY_TYPES
            or PLACEHOLDER_SYMBOL.match(name)
            or len(name) < 2
            or not any(c.isalpha() for c in name)
        ):
            continue
        codes = exact.setdefault(name, [])
        if all(entrez_id != code >> 2 for code in codes):
            codes.append(entrez_id * 4 + kind)
    phrases: dict[str, list[int]] = {}
    heads_of: dict[str, set[int]] = {}
    members_named: dict[str, set[int]] = {}  # full names without "family member"
    tails_of: dict[str, set[int]] = {}  # "thrombin" of "coagulation factor II, thrombin"
    for entrez_id, symbol, name, gene_type in query(
        "SELECT entrez_id, symbol, name, gene_type FROM genes ORDER BY gene_type != 'protein-coding', entrez_id"
    ):
        if gene_type in _UNNAMED_TYPES or PLACEHOLDER_SYMBOL.match(symbol) or _NAMELESS.match(name):
            continue
        for form in name_forms(name) | full_name_without_remark(name):
            genes = phrases.setdefault(form, [])
            if entrez_id not in genes:
                genes.append(entrez_id)
        head = comma_head(name)
        if head:
            heads_of.setdefault(head, set()).add(entrez_id)
        protein = _COMMA_TAIL.search(name)
        if protein:
            tails_of.setdefault(phrase_of(protein.group(1)), set()).add(entrez_id)
        member = without_family_member(name) or head_with_member(name)
        if member:
            members_named.setdefault(member, set()).add(entrez_id)
    for member, named in members_named.items():
        if len(named) == 1 and member not in phrases:  # after every gene's own full name
            phrases[member] = list(named)
    # A head shared by several genes ("lectin") or starting another gene's name ("protein kinase",
    # from "protein kinase, DNA-activated, catalytic subunit") names none of them.
    starts: dict[str, set[int]] = {}
    for phrase, genes in phrases.items():
        coding = [
            g for g in genes if types.get(g) == "protein-coding"
        ]  # not "dicer 1 antisense RNA 1"
        words = phrase.split(" ")
        for end in range(1, len(words)):
            starts.setdefault(" ".join(words[:end]), set()).update(coding)
    for head, named in heads_of.items():
        if len(named) == 1 and head not in phrases and not starts.get(head, set()) - named:
            phrases[head] = list(named)
    for alias, entrez_id in protein_aliases(query, phrases):
        phrases[alias] = [entrez_id]
    designations, described, glued = designation_forms(query, types, phrases, exact.keys())
    word_genes = _word_genes(phrases, designations)
    for tail, named in tails_of.items():
        if (
            len(named) == 1
            and word_genes.get(tail, 0) <= _TAIL_WORD_GENES
            and tail not in phrases
            and tail not in designations
        ):
            phrases[tail] = list(named)  # "separase", "nephrin"; not "endonuclease", a class
    code_genes = _code_genes(phrases, designations, glued)
    families: dict[str, list[int]] = {}
    members = _members_by_start(phrases, designations)
    family_names = read_families()  # read once: FamPlex's forms and its written names use it
    famplex = famplex_forms(query, family_names)
    history = _symbol_history(query)
    for form, named_by in designations.items():
        if form in phrases:
            continue
        if (
            len(named_by) == 1
            and len(members.get(form, named_by) | named_by) > 2
            and not _first_of_numbered(form, named_by, members[form], history, famplex)
        ):
            named_by = members[form] | named_by  # "alcohol dehydrogenase": ADH1A, ADH4, …
        if len(named_by) == 1 and (
            not _generic(form, word_genes, code_genes)
            or _spells_own_symbol(form, next(iter(named_by)), exact)
        ):
            phrases[form] = list(named_by)
        elif 1 < len(named_by) <= _FAMILY_SIZE:
            families[form] = sorted(named_by)
    # What a family's members do, as NCBI describes a member's family ("sodium iodide symporter"
    # of SLC5A5): a protein's name when one gene has it and it has a word of few genes' names,
    # else a class ("glutamate transporter" of SLC1A7 only, though SLC1A1-6 are too).
    for form, named_by in described.items():
        if form in phrases or form in designations:
            continue
        if len(named_by) == 1 and _rarest_word_genes(form, word_genes) <= _STEM_WORD_GENES:
            phrases[form] = list(named_by)
        elif 1 < len(named_by) <= _FAMILY_SIZE:
            families[form] = sorted(named_by)
    for word, entrez_id in protein_words(phrases, designations):
        if word not in phrases:
            phrases[word] = [entrez_id]
    for stem, entrez_id in numberless_names(phrases, designations, families, word_genes):
        phrases[stem] = [entrez_id]
    receptors = _receptors((phrases, designations), types)
    named_member = ligands_named_for_a_member(exact, famplex, receptors, history, family_names)
    for form, entrez_id in spelled_out_ligands(famplex, named_member).items():
        named_member[form] = entrez_id
        phrases.setdefault(form, [entrez_id])
    for form, grouped in famplex.items():
        if form not in phrases and form not in named_member:
            families[form] = sorted(set(families.get(form, ())) | grouped)
    for stem, entrez_id in first_of_two_paralogs(phrases, families, history):
        phrases[stem] = [entrez_id]  # after FamPlex's families: "cofilin" stays a family
    for form, entrez_id in joined_and_bare_forms(phrases, word_genes):
        phrases.setdefault(form, [entrez_id])
    # Names of more than ten words ("solute carrier family 25 mitochondrial carrier phosphate
    # carrier member 3") are not written whole in titles; with their first words they would be
    # a tenth of what the cache loads.
    classes = {name: phrases[name] for name in _CLASS_NAMES if name in phrases}
    phrases = {
        name: genes
        for name, genes in phrases.items()
        if name.count(" ") < _MOST_WORDS and name not in _CLASS_NAMES and not _names_trait(name)
    }
    for form, genes in lettered_after_numbers(phrases).items():
        phrases.setdefault(form, genes)
    cut_peptides = _leave_out_cut_peptides(query, exact)
    return NameIndex(
        _packed(exact),
        _packed(phrases),
        _prefixes(phrases),
        _packed(families),
        _prefixes(families),
        _packed(receptors),
        lower_case_aliases(exact, phrases, families, word_genes),
        loose_name_table(phrases, classes),
        cut_peptides,
        spelled_aliases(exact, phrases),
        receptor_genes(phrases),
    )


def _names_trait(phrase: str) -> bool:
    """Whether a name NCBI gives a gene is a cell's or a person's trait the gene was found by
    ("doxorubicin resistance" and "colchicin sensitivity" of ABCB1, "IgE responsiveness"), which
    titles write of the trait, not the gene."""
    return phrase.rsplit(" ", 1)[-1] in _TRAIT_WORDS and " protein" not in phrase


_TRAIT_WORDS = frozenset(normal_word(w) for w in ("resistance", "sensitivity", "responsiveness"))


# Words for a class of proteins that NCBI gives one gene as a designation ("hormone receptor" of
# NR4A1, "cell surface antigen" of CD53, "proteoglycan core protein" of decorin): a title using
# them names the class ("hormone receptor-positive breast cancer"). Their words are each in many
# genes' names but not rare enough together for `_generic` to tell.
_CLASS_NAMES = frozenset(
    phrase_of(name)
    for name in (
        "hormone receptor",
        "nuclear hormone receptor",
        "orphan nuclear receptor",
        "orphan nuclear hormone receptor",
        "cell surface antigen",
        "cell surface receptor",
        "proteoglycan core protein",
        "motor protein",
        "proton pump",  # "proton pump inhibitors": a class of drugs, not ATP4A's
        "transcriptase",  # "reverse transcriptase": of retroviruses and introns, not TERT
        "spliceosome protein",
    )
)


def _leave_out_cut_peptides(query, exact: dict) -> dict:
    """Leave out the names written as symbols are (`ACTH`) of the peptides a precursor is cut
    into (`peptides.CUT_PEPTIDES`) for that precursor's gene; return their full names' forms →
    the genes, packed, for the reader to leave out (the names stay among the full names, for the
    receptors named after them; "met-enkephalin" is POMC's and PENK's)."""
    ids = dict(query("SELECT symbol, entrez_id FROM genes"))
    cut: dict[str, list[int]] = {}
    for symbol, names in CUT_PEPTIDES.items():
        entrez_id = ids.get(symbol)
        if entrez_id is None:
            continue
        for name in names:
            if name in exact:
                exact[name] = [code for code in exact[name] if code >> 2 != entrez_id]
                if not exact[name]:
                    del exact[name]
            for form in name_forms(name) | {phrase_of(name)}:
                genes = cut.setdefault(form, [])  # also when only the loose reading reaches it
                if entrez_id not in genes:
                    genes.append(entrez_id)
    return _packed(cut)


def joined_and_bare_forms(phrases: dict, word_genes: dict[str, int]) -> list[tuple[str, int]]:
    """Forms of one gene's names as titles also write them: "anti" joined to its word
    ("antimullerian hormone" of "anti-Mullerian hormone"), and a name of "protein", a word of at
    most two genes' names and a designator without "protein" ("Brick1" of "protein BRICK1": the
    word is the protein's name, "protein" only says it is one)."""
    found = []
    for phrase, genes in phrases.items():
        if len(genes) != 1:
            continue
        if phrase.startswith("anti ") or " anti " in phrase:
            found.append((_ANTI.sub("anti", phrase), genes[0]))
        words = phrase.split(" ")
        if (
            len(words) == 3
            and words[0] == "protein"
            and words[1].isalpha()
            and len(words[1]) >= 4
            and word_genes.get(words[1], 0) <= 2
            and _member_number(words[2])
        ):
            found.append((f"{words[1]} {words[2]}", genes[0]))
    return found


_ANTI = re.compile(r"\banti ")


def receptor_genes(phrases: dict) -> frozenset:
    """The genes one of whose names ends in "receptor", before its designators ("sortilin related
    receptor 1", "neurotrophic receptor tyrosine kinase 1"; not "receptor activator of nuclear
    factor kappa b ligand", a ligand)."""
    found = set()
    for phrase, genes in phrases.items():
        if len(genes) != 1 or "receptor" not in phrase:
            continue
        words = phrase.split()
        while words and (is_designator(words[-1]) or words[-1] in _RECEPTOR_TAIL):
            words.pop()
        if (
            words[-1:] == ["receptor"]
            or words[-2:] == ["receptor", "kinase"]
            or words[-3:-1] == ["receptor", "tyrosine"]
        ):
            found.add(genes[0])
    return frozenset(found)


def lettered_after_numbers(phrases: dict) -> dict:
    """A name's Greek letter after its number also as the Latin letter, capital or not, as titles
    that capitalise their words write it ("Bone Morphogenetic Protein-8B", "Factor-1A"): the
    capital reads as a letter, the small one as the Greek ("8b" as "8 beta"). Only where no
    other gene's name is written so."""
    latin = {greek: letter for letter, greek in _LATIN_GREEK.items() if letter != "u"}
    found: dict = {}
    for phrase, genes in phrases.items():
        words = phrase.split()
        for at in range(1, len(words)):
            if words[at] in latin and words[at - 1].isdigit():
                form = " ".join([*words[:at], latin[words[at]], *words[at + 1 :]])
                if form not in phrases:
                    found.setdefault(form, list(genes))
    return found


def spelled_aliases(exact: dict, phrases: dict) -> frozenset:
    """Aliases in capital letters, of one gene and not its symbol, that abbreviate one of the
    gene's own names (`_abbreviates`: "VEGF", vascular endothelial growth factor; "BRIL", bone
    restricted IFITM like; "TWIST"): the gene's name shortened, as titles write it bare ("drugs
    that bind VEGF"). An alias no name of its gene spells is some other field's acronym that the
    sources gave the gene ("LPS" of IRF6, from lip pit syndrome; "SERS"; "TNM", whose letters
    "teneurin transmembrane" only holds scattered), and needs a word for a gene beside it."""
    names_of: dict[int, list[list[str]]] = {}
    for phrase, genes in phrases.items():
        if len(genes) == 1:
            words = [w for w in phrase.split() if not w.isdigit()]
            names_of.setdefault(genes[0], []).append(words)
    symbol = NAME_KINDS["symbol"]
    found = set()
    for name, codes in exact.items():
        if not (_SPELLED_ALIAS.fullmatch(name) and len({code >> 2 for code in codes}) == 1):
            continue
        if any(code & 3 == symbol for code in codes):
            continue
        letters = name.lower()
        if any(_abbreviates(letters, " ".join(words)) for words in names_of.get(codes[0] >> 2, ())):
            found.add(name)
    return frozenset(found)


def _abbreviates(letters: str, name: str, at: int = 0, after: int = -1) -> bool:
    """Whether the letters are taken from the name in order, each the first letter of a word or
    the letter right after the one taken before ("pxr": "pregnane x receptor"; "twist" of
    "twist family bhlh transcription factor"). `after`: where the letter taken before was."""
    if not letters:
        return True
    letter = letters[0]
    found = name.find(letter, at)
    while found >= 0:
        if (found == 0 or name[found - 1] == " " or found == after + 1) and _abbreviates(
            letters[1:], name, found + 1, found
        ):
            return True
        found = name.find(letter, found + 1)
    return False


_SPELLED_ALIAS = re.compile(r"[A-Z]{3,8}")


def lower_case_aliases(exact: dict, phrases: dict, families: dict, word_genes: dict) -> dict:
    """Aliases in lower case letters, of one gene, that a title may write in lower case ("parkin
    mutations"): a protein's name by its ending (-in, -an: not "spatial", "flower", "homodimer"),
    five letters or more, no protein name already, no family's ("glypican", with "glypican 3" of
    another gene) nor a class's ("lymphokine", "homeobox": words of many genes' names)."""
    found = {}
    for name, codes in exact.items():
        if (
            len(codes) == 1
            and len(name) >= 5
            and name.endswith(("in", "an"))
            and name.isalpha()
            and name.islower()
            and name not in phrases
            and name not in families
            and word_genes.get(name, 0) <= _LOWER_ALIAS_WORD_GENES
            and codes[0] & 3 != NAME_KINDS["symbol"]
        ):
            entrez_id = codes[0] >> 2
            members = (phrases.get(f"{name} {n}", ()) for n in "123456")
            if all(set(genes) <= {entrez_id} for genes in members):
                found[name] = entrez_id
    return found


_LOWER_ALIAS_WORD_GENES = 20


def _receptors(names: tuple[dict, ...], types: dict[int, str]) -> dict[str, list[int]]:
    """Ligand name → the protein-coding genes whose names say they are its receptors: the words
    before "receptor", with and without the designators that end them ("tumor necrosis factor"
    of "tumor necrosis factor receptor superfamily member 1A")."""
    found: dict[str, set[int]] = {}
    for phrases in names:
        for phrase, genes in phrases.items():
            words = phrase.split(" ")
            if "receptor" not in words[1:]:
                continue
            at = words.index("receptor")
            if not all(is_designator(w) or w in _RECEPTOR_TAIL for w in words[at + 1 :]):
                continue  # "receptor associated protein", "receptor like 1": named after one
            ligand = [w for w in words[:at] if w not in _SUBTYPE_WORDS]
            subtype = [w for w in words[at + 1 :] if is_designator(w)]
            keys = set()
            named = [i for i, word in enumerate(ligand[:-1]) if is_designator(word)]
            if named and " ".join(ligand[named[-1] + 1 :]) in names[0]:
                # "coagulation factor II thrombin receptor": thrombin's, a ligand's own name
                keys.add(" ".join(ligand[named[-1] + 1 :]))
            while ligand:
                keys.add(" ".join(ligand))
                # "angiotensin 2|1": the ligand's receptor of subtype 1 (and of "1 a", "1")
                keys.update(
                    f"{' '.join(ligand)}|{' '.join(subtype[:end])}"
                    for end in range(1, len(subtype) + 1)
                )
                if not is_designator(ligand[-1]):
                    break
                subtype.insert(0, ligand.pop())
            coding = {g for g in genes if types.get(g) == "protein-coding"}
            for key in keys:
                if key and not key.startswith("|"):
                    found.setdefault(key, set()).update(coding)
    return {key: sorted(genes) for key, genes in found.items() if genes}


_SUBTYPE_WORDS = frozenset({"type", "subtype", "class"})
_RECEPTOR_TAIL = _SUBTYPE_WORDS | {"superfamily", "family", "member", "subunit", "isoform"}


def famplex_forms(query, named: list[tuple[str, tuple[str, ...]]]) -> dict[str, set[int]]:
    """FamPlex's names of families and complexes ("RAS", "NF-kappaB", "mTORC1") as phrases →
    their member genes, for the genes the reference data has by those symbols (`named`: the
    bundled table's rows, `read_families()`)."""
    if not named:
        return {}
    symbols = {s for _, members in named for s in members}
    entrez = dict(
        query(
            f"SELECT symbol, entrez_id FROM genes WHERE symbol IN ({', '.join('?' * len(symbols))})",
            tuple(symbols),
        )
    )
    forms: dict[str, set[int]] = {}
    for name, members in named:
        genes = {entrez[s] for s in members if s in entrez}
        form = phrase_of(name)
        if genes and len(form.replace(" ", "")) >= 2:
            forms.setdefault(form, set()).update(genes)
    return forms


def _members_by_start(phrases: dict, designations: dict[str, set[int]]) -> dict[str, set[int]]:
    """Each one gene's protein name → the genes whose names are it and a member's designator
    ("alcohol dehydrogenase" → ADH1A, ADH4, … of "alcohol dehydrogenase 1A", "… 4"): a name
    that two other genes' names or more go on from so names their class, whoever has it as a
    name of its own."""
    wanted = {form for form, genes in designations.items() if len(genes) == 1}
    found: dict[str, set[int]] = {}
    for names in (phrases, designations):
        for phrase, genes in names.items():
            words = phrase.split(" ")
            for end in range(1, len(words)):
                start = " ".join(words[:end])
                if (
                    start in wanted
                    and (is_designator(words[end]) or words[end] == "class")
                    and words[-1] != "receptor"  # "bradykinin 1 receptor": named after it
                ):
                    found.setdefault(start, set()).update(genes)  # "… 1A", "… class 3"
    return found


_MOST_WORDS = 10
# A name of more genes than this is a class of proteins ("zinc finger protein"), no family.
_FAMILY_SIZE = 12


def _prefixes(phrases: dict) -> frozenset:
    prefixes: set[str] = set()
    for phrase in phrases:
        words = phrase.split(" ")
        prefixes.update(" ".join(words[:end]) for end in range(1, len(words)))
    return frozenset(prefixes)


def numberless_names(phrases: dict, designations: dict, families: dict, word_genes: dict):
    """One gene's names without the member's designator that ends them, when no other gene has a
    name with that stem in it ("serotonin transporter 1" → `serotonin transporter`, "psoriasin 1"
    → `psoriasin`, "microsomal epoxide hydrolase 1"; not "claudin" of "claudin 1", "claudin 2",
    …, nor "calmodulin dependent protein kinase" of one gene, a part of other genes' names): titles
    name a protein without its number when it has no siblings. The stem must end in a protein's
    word (`-in`, `-ase`, transporter, receptor, …): "mitochondrial fission" of "mitochondrial
    fission 1 protein" names a process."""
    owners: dict[str, set[int]] = {}
    for names in (phrases, designations):
        for phrase, genes in names.items():
            if not is_designator(phrase[phrase.rfind(" ") + 1 :]):
                continue  # most names: no designator ends them
            words = phrase.split(" ")
            end = len(words)
            while end > 1 and _member_number(words[end - 1]):
                end -= 1
            head = words[end - 1]  # not a Greek letter: "… channel beta 2" is a subunit's name
            if head not in _PROTEIN_HEADS and (
                head in _NOT_PROTEIN_HEADS or not _PROTEIN_ENDING.match(head)
            ):
                continue
            owners.setdefault(" ".join(words[:end]), set()).update(
                genes if genes.__class__ is not int else (genes,)
            )
    candidates = {}
    for stem, genes in owners.items():
        if (
            len(genes) == 1
            and stem not in phrases
            and stem not in families
            and (" " in stem or _own_word(stem, word_genes))
            and (
                _rarest_word_genes(stem, word_genes) <= _STEM_WORD_GENES
                or _LETTER_FIRST.match(
                    stem
                )  # "E-cadherin" of "E-cadherin 1": the letter says which
            )
        ):
            candidates[stem] = next(iter(genes))
    # A stem inside another gene's name ("calmodulin dependent protein kinase" of "calcium
    # calmodulin dependent protein kinase 2 delta") is a part of that name too.
    # Looked for through its rarest word, which few names have.
    by_word: dict[str, list[str]] = {}
    for stem in candidates:
        if " " in stem:
            rarest = min(stem.split(" "), key=lambda w: word_genes.get(w, 0) or 1 << 30)
            by_word.setdefault(rarest, []).append(stem)
    shared = set()
    for names in (phrases, designations):
        for phrase, genes in names.items():
            words = phrase.split(" ")
            if by_word.keys().isdisjoint(words):
                continue
            padded = f" {phrase} "
            for word in set(words):
                for stem in by_word.get(word, ()):
                    owner = candidates[stem]
                    if f" {stem} " in padded and genes != owner and not _named_after(padded, stem):
                        if genes.__class__ is int or set(genes) != {owner}:
                            shared.add(stem)
    for stem, entrez_id in sorted(candidates.items()):
        if stem not in shared:
            yield stem, entrez_id


def first_of_two_paralogs(phrases: dict, families: dict, history: dict[int, tuple[str, set[str]]]):
    """A protein's one-word name that two paralogs number ("talin" of "talin 1" and "talin 2"),
    for the one that once had the symbol alone (TLN1, whose previous symbol is TLN; TLN2 came
    later): the name is that gene's, as titles written before the second was found, and most
    since, mean it ("cofilin" CFL1, "prohibitin" PHB1). A name of three or more ("tensin",
    "laminin") or of several words ("tryptophan hydroxylase") stays a class."""
    owners: dict[str, set[int]] = {}
    for phrase, genes in phrases.items():
        words = phrase.split(" ")
        if len(words) == 2 and _member_number(words[1]) and _PROTEIN_ENDING.match(words[0]):
            owners.setdefault(words[0], set()).update(genes)
    for stem, genes in sorted(owners.items()):
        if len(genes) != 2 or stem in phrases or stem in families:
            continue
        bases = {re.sub(r"[0-9]+$", "", history.get(g, ("", ()))[0]) for g in genes}
        base = bases.pop() if len(bases) == 1 else ""
        first = [g for g in genes if base and base in history[g][1]]
        if len(first) == 1:
            yield stem, first[0]


# The most members a ligand family may have for its short name to mean one of them: TGF-beta's
# three and VEGF's five do; the sixteen type I interferons' "IFN" names the class ("type I IFN").
_FEW_LIGANDS = 6


def ligands_named_for_a_member(
    exact: dict[str, list[int]],
    famplex: dict[str, set[int]],
    receptors: dict,
    history: dict,
    family_names: list[tuple[str, tuple[str, ...]]],
) -> dict[str, int]:
    """FamPlex's names of a ligand's family that HGNC gives as one member's alias ("TGFbeta" of
    TGFB1, "VEGF" of VEGFA, "GnRH" of GNRH1): a title writing it means that member, the first
    found, as the curators read it, so it is the member's alias and no family. A ligand's family
    is one whose name some gene's name holds before "receptor", and whose members are mostly
    that member's paralogs (the symbol without its number or letter begins theirs); a complex of
    other genes' chains ("IL-23" of IL23A and IL12B), a name several members have as an alias
    (AP-1, NF-kappaB and p38 name no ligand either) and a large family's name ("IFN") stay
    families. Returns those names → the member."""
    aliases: dict[str, set[int]] = {}
    for name, _ in family_names:
        form = phrase_of(name)
        if form in receptors and form in famplex:
            codes = exact.get(name, ())
            aliases.setdefault(form, set()).update(
                code >> 2 for code in codes if code & 3 != NAME_KINDS["symbol"]
            )
    named: dict[str, int] = {}
    for form, genes in aliases.items():
        if len(genes) != 1 or not genes <= famplex[form]:
            continue
        stem = re.sub(r"(?:[0-9]+|[A-Z])$", "", history.get(next(iter(genes)), ("",))[0])
        paralogs = [g for g in famplex[form] if history.get(g, ("",))[0].startswith(stem)]
        if stem and 2 * len(paralogs) > len(famplex[form]) and len(famplex[form]) <= _FEW_LIGANDS:
            named[form] = next(iter(genes))
    return named


def spelled_out_ligands(famplex: dict[str, set[int]], named: dict[str, int]) -> dict[str, int]:
    """FamPlex's spelled-out names of the ligand families named for a member (`named`): the words'
    initials and the designators after them make the short name ("transforming growth factor
    beta" of "TGF-beta", "vascular endothelial growth factor" of "VEGF"), and the family is the
    same; a title writing it means the member too → the member."""
    spelled = {}
    for form, genes in famplex.items():
        words = form.split(" ")
        letters = [w for w in words if not is_designator(w)]
        if len(letters) < 2:
            continue
        designators = words[len(letters) :]
        short = " ".join(["".join(w[0] for w in letters), *designators])
        if words[: len(letters)] == letters and short in named and famplex.get(short) == genes:
            spelled[form] = named[short]
    return spelled


def _first_of_numbered(
    form: str, named_by: set[int], members: set[int], history: dict, famplex: dict
) -> bool:
    """Whether a one-word protein name NCBI gives one gene, which its paralogs' names go on from
    with their numbers ("fascin" of FSCN1; "fascin 2", "fascin 3" of FSCN2, FSCN3), is that gene's:
    it is the first of them (its symbol ends in 1, theirs are the same symbol with other numbers)
    and FamPlex has no family of that name. "alcohol dehydrogenase" (ADH1A, ADH4, …) stays a
    class."""
    holder = history.get(next(iter(named_by)), ("",))[0]
    if (
        " " in form
        or not _PROTEIN_ENDING.match(form)
        or form in famplex
        or not holder.endswith("1")
    ):
        return False
    base = holder[:-1]
    return all(re.fullmatch(re.escape(base) + "[0-9]+", history.get(g, ("",))[0]) for g in members)


def _symbol_history(query) -> dict[int, tuple[str, set[str]]]:
    """Entrez ID → (approved symbol, previous symbols)."""
    history: dict[int, tuple[str, set[str]]] = {
        entrez_id: (symbol, set())
        for entrez_id, symbol in query("SELECT entrez_id, symbol FROM genes")
    }
    for name, entrez_id in query(
        "SELECT name, entrez_id FROM names WHERE kind = ?", (NAME_KINDS["previous"],)
    ):
        if entrez_id in history:
            history[entrez_id][1].add(name)
    return history


def _named_after(padded: str, stem: str) -> bool:
    """Whether a name holds the stem only as what it is named after ("E-cadherin binding protein
    E7" holds "E-cadherin"), which makes the stem no part of it."""
    at = padded.find(f" {stem} ") + len(stem) + 2
    return padded[at:].split(" ", 1)[0] in _NAMED_AFTER


_NOT_PROTEIN_HEADS = frozenset({"disease", "protein"})
_LETTER_FIRST = re.compile(r"^[a-z] [a-z]{4,}$")


def _member_number(word: str) -> bool:
    """A member's number or letter ("1", "3" of III, "b"), not a size ("endocytic receptor 180")."""
    return (word.isdigit() and len(word) <= 2) or (len(word) == 1 and word.isalpha())


def _own_word(word: str, word_genes: dict[str, int]) -> bool:
    """Whether a word of seven letters or more is one gene's name only, and not another protein's
    name with a prefix ("antithrombin", "procaspase", "leuserpin" name relatives of thrombin,
    the caspases, the serpins)."""
    return (
        len(word) >= 7
        and word_genes.get(word) == 1
        and not any(word_genes.get(word[at:], 0) >= 2 for at in range(2, len(word) - 4))
    )


# A stem says which protein only with a word of few genes' names in it ("serotonin", "epoxide"):
# "inflammatory cytokine", "lysosomal phospholipase" of one gene's "… 1" describe classes.
_STEM_WORD_GENES = 20


def _rarest_word_genes(phrase: str, word_genes: dict[str, int]) -> int:
    return min(
        (word_genes.get(w, 0) for w in phrase.split(" ") if not is_designator(w)),
        default=_GENERIC_WORD_GENES,
    )


# Head words of protein names that do not end as enzymes and structural proteins do.
_PROTEIN_HEADS = frozenset(
    "transporter cotransporter symporter antiporter exchanger receptor channel carrier".split()
)


def protein_words(phrases: dict, designations: dict[str, set[int]]):
    """Head words of protein names that are a protein's name on their own (`lactoferrin` of LTF's
    "neutrophil lactoferrin"): the last word, seven letters or more with a protein's ending, and a
    word of one gene's names only, not counting the genes named after it ("lactoferrin receptor").
    Never a word before the head ("serotonin" of "serotonin transporter" names a chemical)."""
    genes_of: dict[str, set[int]] = {}
    for names in (phrases, designations):
        for phrase, genes in names.items():
            words = phrase.split(" ")
            for word, following in zip(words, words[1:] + [""]):
                if following not in _NAMED_AFTER and len(word) >= 7:
                    genes_of.setdefault(word, set()).update(genes)
    heads = {
        form.rsplit(" ", 1)[-1]
        for names in (phrases, designations)
        for form, genes in names.items()
        if len(genes) == 1 and " " in form
    }
    for word in sorted(heads):
        genes = genes_of.get(word, ())
        if len(genes) == 1 and _PROTEIN_ENDING.match(word):
            yield word, next(iter(genes))


_PROTEIN_ENDING = re.compile(r"^[A-Za-z][a-z]{2,}(in|ase|ine|yn|can)$")  # "-can": proteoglycans
_NAMED_AFTER = frozenset(
    {
        "receptor",
        "binding",
        "interacting",
        "associated",
        "related",
        "like",
        "regulator",
        "inhibitor",
        "activator",
    }
)


def protein_aliases(query, phrases: dict) -> list[tuple[str, int]]:
    """Aliases that are protein names (`adiponectin`, `securin`, `Langerin`): letters in lower case
    after the first, six letters or more, with a protein's ending, the alias of one gene only, and no word
    of other genes' full names (`helicase`, `myosin`, `cadherin` name families)."""
    family_words: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split(" ")
        # "adiponectin receptor 1" is another gene named after adiponectin, no family member
        for word in {
            w for w, following in zip(words, words[1:] + [""]) if following not in _NAMED_AFTER
        }:
            family_words[word] = family_words.get(word, 0) + 1
    owners: dict[str, set[int]] = {}
    for name, entrez_id in query(
        "SELECT name, entrez_id FROM names WHERE kind IN (?, ?)",
        (NAME_KINDS["alias"], NAME_KINDS["previous"]),
    ):
        if len(name) >= 6 and _PROTEIN_ENDING.match(name) and not name.endswith("kine"):
            owners.setdefault(name, set()).add(entrez_id)  # "lymphokine", "adipokine": classes
    found = []
    for name, genes in sorted(owners.items()):
        word = normal_word(name)
        if len(genes) == 1 and family_words.get(word, 0) <= 1 and word not in phrases:
            found.append((word, genes.pop()))
    return found


_ALTERED_FORM = re.compile(r"^(?:mutant|truncated) (\S.{5,})$")


def designation_forms(
    query, types: dict[int, str], full_names=(), aliases=frozenset()
) -> tuple[dict[str, set[int]], dict[str, set[int]], set[str]]:
    """Protein and other names (NCBI Other_designations, HGNC alias names: `glucocorticoid
    receptor`) as phrases → their genes, and apart, the descriptions of their families that NCBI
    puts in parentheses ("solute carrier family 5 (sodium iodide symporter), member 5"); only one
    gene's are kept by the caller, since NCBI gives hundreds of genes generic ones ("epididymis
    secretory sperm binding protein"). They come from
    the reference data when it was built from the official files, and from the protein names
    bundled with genelint (`protein_names.py`) for genes the reference data knows. Third, the codes
    the names write as one word, letters glued to a number ("cd 77" of "CD77 synthase")."""
    forms: dict[str, set[int]] = {}
    glued: set[str] = set()
    shortened: dict[str, set[int]] = {}
    homologs: dict[str, set[int]] = {}
    described: dict[str, set[int]] = {}
    sources: dict[str, set[str]] = {}  # a shortened name → the forms of what it was cut from
    rows = query("SELECT name, entrez_id FROM names WHERE kind = ?", (NAME_KINDS["designation"],))
    bundled = (
        (name, entrez_id)
        for entrez_id, names in read_protein_names().items()
        if entrez_id in types
        for name in names
    )
    full = query("SELECT name, entrez_id FROM genes")
    designated = [*rows, *bundled]
    # "liver pyruvate kinase" of "pyruvate kinase, liver and RBC", "R-type" of "… L/R"
    by_tissue: dict[str, set[int]] = {}
    for form, genes in isozyme_forms(
        (name, entrez_id)
        for name, entrez_id in (*full, *designated)
        if types.get(entrez_id) not in _UNNAMED_TYPES and not _NAMELESS.match(name)
    ).items():
        by_tissue.setdefault(phrase_of(form), set()).update(genes)
    for name, entrez_id in designated:
        if types.get(entrez_id) in _UNNAMED_TYPES or _NAMELESS.match(name):
            continue
        if (_NOT_A_PROTEIN.search(name) and len(_WORD.findall(name)) <= 3) or _ordinary_word(name):
            continue  # "B-cell activation", "antiangiogenic agent", "neurohypophyseal": no names
        for form in name_forms(name):
            forms.setdefault(form, set()).add(entrez_id)
        glued.update(phrase_of(code) for code in _GLUED_CODE.findall(name))
        member = without_family_member(name)
        if member and member not in full_names:  # DSC1's "cadherin family member 1" is no CDH1
            forms.setdefault(member, set()).add(entrez_id)
        metal = _METAL_COFACTOR.match(name)
        if metal:  # "superoxide dismutase [Mn], mitochondrial" → "manganese superoxide dismutase"
            elements = " ".join(_METALS.get(e, "") for e in metal.group(2).split("-"))
            if all(_METALS.get(e) for e in metal.group(2).split("-")):
                for form in name_forms(f"{elements} {metal.group(1)}"):
                    forms.setdefault(form, set()).add(entrez_id)
        altered = _ALTERED_FORM.match(name)
        if altered and not altered.group(1).endswith(" protein"):
            # "mutant anaplastic lymphoma kinase", "truncated dystrophin": the protein's name is
            # what follows (NCBI records the altered form of some genes only); not a description
            # ending in "protein" ("truncated DNA repair-associated protein" of BRCA2)
            for form in name_forms(altered.group(1)):
                forms.setdefault(form, set()).add(entrez_id)
        hormone = name.removesuffix(_PROHORMONE)
        if hormone != name and " " in hormone:  # "atrial natriuretic factor prohormone": the
            # hormone's gene; not PPY's "pancreatic prohormone", an adjective alone
            for form in name_forms(hormone):
                forms.setdefault(form, set()).add(entrez_id)
        qualified = _numbered_qualifier_first(name)
        if qualified:  # "fibroblast growth factor 1 (acidic)" → "acidic fibroblast growth factor"
            forms.setdefault(qualified, set()).add(entrez_id)
        remark = _PROTEIN_REMARK.search(name)
        if remark and _PROTEIN_ENDING.match(remark.group(1)) and remark.group(1) not in aliases:
            # "secreted protein, acidic, cysteine-rich (osteonectin)": the protein's own name; an
            # alias ("parkin") is left to the rules for aliases
            forms.setdefault(normal_word(remark.group(1)), set()).add(entrez_id)
        for form in _without_remark(name):
            shortened.setdefault(form, set()).add(entrez_id)
            sources.setdefault(form, set()).update(name_forms(name))
        for form in _without_homolog(name):
            homologs.setdefault(form, set()).add(entrez_id)
        for form in _without_ion_dependence(name):
            forms.setdefault(form, set()).add(entrez_id)
        description = _FAMILY_DESCRIPTION.search(name)
        if description:  # "solute carrier family 5 (sodium iodide symporter), member 5"
            for form in name_forms(description.group(1)):
                described.setdefault(form, set()).add(entrez_id)
    # "alcohol dehydrogenase (NADP+)" → "alcohol dehydrogenase" would name the class of the
    # ADH genes: a shortened name is kept only when it starts no other name. "crooked neck" of
    # "protein crooked neck homolog" is kept unless another gene has that name or one starting
    # with it. Only names whose first word starts one of these are looked at.
    starts: set[str] = set()  # the shortened names that start another designation
    begun_by: dict[str, set[int]] = {}  # a homolog's name → the genes of names starting with it
    firsts = {form.split(" ", 1)[0] for form in (*shortened, *homologs)}
    for named in (forms, full_names):
        for form, genes in named.items():
            if form.split(" ", 1)[0] not in firsts:
                continue
            words = form.split(" ")
            for end in range(1, len(words)):
                start = " ".join(words[:end])
                if start in shortened and form not in sources[start]:
                    starts.add(start)  # not the name it was cut from ("… 3 (stromelysin 1)")
                if start in homologs:
                    begun_by.setdefault(start, set()).update(
                        genes if genes.__class__ is not int else (genes,)
                    )
    for form, genes in shortened.items():
        if form not in starts:
            forms.setdefault(form, set()).update(genes)
    for form, genes in homologs.items():
        if form not in forms and form not in full_names and begun_by.get(form, genes) <= genes:
            forms[form] = genes
    for form, genes in by_tissue.items():
        if form not in forms and form not in full_names:
            forms[form] = genes  # two genes' ("muscle pyruvate kinase") make a family
    return forms, described, glued


# The last word of a short designation that names a process or a use, not a protein ("B-cell
# activation", "neuronal migration", "antiangiogenic agent": NCBI lists them among its names).
_ADJECTIVE = re.compile(r"^[a-z]{6,}(?:al|ic|ous)$")
# A designation of one word written as prose writes words, without a protein's or hormone's
# ending: a nickname after a fly mutant's ("penumbra", "seahorse", "archipelago", "stardust"),
# a disease ("protoporphyria"), a drug ("filgrastim") or an adjective ("neurohypophyseal").
# Titles use such words for other things (the ischaemic penumbra, a Seahorse analyser, the
# Zhoushan Archipelago); the gene keeps them as aliases, which count beside a word for a gene.
_ONE_WORD = re.compile(r"^[A-Za-z][a-z]+$")
_NAME_ENDING = re.compile(r"(?:in|an|ase|ine|yn|gen|one)s?$")


def _ordinary_word(name: str) -> bool:
    return bool(_ONE_WORD.match(name)) and not _NAME_ENDING.search(name)


_NOT_A_PROTEIN = re.compile(r"(?:\b[a-z]{2,}(?:tion|sion|ment)|\bagent)$")
# What a family's members do, in parentheses before the member: "solute carrier family 6
# (neurotransmitter transporter), member 4".
_FAMILY_DESCRIPTION = re.compile(r"family \S+ \(([^()]{6,})\),? member")
_REMARK = re.compile(r"\s(?:\([^()]+\)|\[[^\[\]]+\])$")  # "(hyperinsulinemia)", "[Cu-Zn]"


_FAMILY_MEMBER = " family member "


def without_family_member(name: str) -> str:
    """A member's name without the words "family member" before its number or letter, as titles
    name it ("T-cell immunoglobulin mucin family member 1" → `t cell immunoglobulin mucin 1`,
    "kinesin family member 5B" → `kinesin 5b`); "" for other names. Not "superfamily member":
    "TNF superfamily member 10" is no "TNF 10"; nor an acronym's family ("PEAK family member 3",
    whose `peak 3` would be read in "the peak 3 days after")."""
    family = name.split(_FAMILY_MEMBER, 1)[0]
    if family == name or _ACRONYM.search(family):
        return ""  # "PEAK family member 3" is no "peak 3", "SSX family member 1" no "SSX 1"
    whole = f" {phrase_of(name)} "
    at = whole.find(_FAMILY_MEMBER)
    after = at + len(_FAMILY_MEMBER)  # the member's number or letter, and what follows it
    if at < 1 or whole[:at].endswith(" super") or not is_designator(whole[after:].split(" ")[0]):
        return ""
    return f"{whole[:at]} {whole[after:]}".strip()


# A word of two or more capitals: an acronym, which titles write with its member's number as a
# symbol, not as words ("PEAK3", "SSX1").
_ACRONYM = re.compile(r"\b[A-Z]{2,}")


# A designation's closing remark that is one word of six letters or more: maybe the protein's name.
_PROTEIN_REMARK = re.compile(r"\(([A-Za-z][a-z]{5,})\)$")


def _without_remark(name: str) -> tuple[str, ...]:
    """A designation without the remark in parentheses at its end: "sulfonylurea receptor
    (hyperinsulinemia)" → "sulfonylurea receptor"."""
    bare = _REMARK.sub("", name)
    return tuple(name_forms(bare)) if bare != name and " " in bare.strip() else ()


def full_name_without_remark(name: str) -> set[str]:
    """A nomenclature name without the remark that closes it, which no title writes ("prion
    protein (Kanno blood group)", "caspase 12 (gene/pseudogene)", "… (putative)", "… (inactive)").
    Only for the full names, each one gene's own: a designation's remark may be what tells it
    from a class ("endocytic receptor (macrophage mannose receptor family)")."""
    bare = _REMARK.sub("", name)
    return name_forms(bare) if bare != name else set()


def _word_genes(phrases: dict, designations: dict[str, set[int]]) -> dict[str, int]:
    """How many genes have each word in one of their names: a word of hundreds of genes' names
    (`protein`, `factor`, `tumor`) says nothing of which gene a phrase means."""
    genes_of: dict[str, set[int]] = {}
    for names in (phrases, designations):
        for phrase, genes in names.items():
            genes = genes if isinstance(genes, (set, list, tuple)) else (genes,)
            for word in set(phrase.split(" ")):
                genes_of.setdefault(word, set()).update(genes)
    return {word: len(genes) for word, genes in genes_of.items()}


_GENERIC_WORD_GENES = 150
# A full name's protein after its comma, one word ("coagulation factor II, thrombin", "extra
# spindle pole bodies like 1, separase"): the protein's own name when few genes' names use it.
_COMMA_TAIL = re.compile(
    r", ((?![a-z-]*(?:transferase|hydrolase|oxidase|reductase|synthase|dehydrogenase|oxygenase"
    r"|esterase|isomerase|mutase|ligase|lyase|nuclease|peptidase|phosphatase|lipase)$)"
    r"[a-z][a-z-]{4,}(?:in|ase|ogen))$"
)  # not an enzyme's class ("coenzyme Q2, polyprenyltransferase")
_TAIL_WORD_GENES = 10
# A code of a few letters glued to a number, as a name writes it ("CD77 synthase", "E48 antigen",
# "C1-inhibitor"): one word to a reader, which says which protein when few genes' names have it,
# however common its letters and its number are apart.
_GLUED_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,3}[0-9]+(?![A-Za-z0-9])")
_CODE_GENES = 3


def _code_genes(
    phrases: dict, designations: dict[str, set[int]], codes: set[str]
) -> dict[str, int]:
    """How many genes have each glued code ("cd 77") in one of their names, glued or not."""
    genes_of: dict[str, set[int]] = {}
    for names in (phrases, designations):
        for phrase, genes in names.items():
            words = phrase.split(" ")
            for pair in {f"{a} {b}" for a, b in zip(words, words[1:]) if b.isdigit()}:
                if pair in codes:
                    genes_of.setdefault(pair, set()).update(
                        genes if isinstance(genes, (set, list, tuple)) else (genes,)
                    )
    return {code: len(genes) for code, genes in genes_of.items()}


def _spells_own_symbol(phrase: str, entrez_id: int, exact: dict[str, list[int]]) -> bool:
    """Whether a name of common words is what one of its gene's own symbols or aliases
    abbreviates: its words' initials and its designators ("T-cell factor 4" of TCF7L2, whose
    alias is TCF4), so that it names that gene however common its words are."""
    words = phrase.split(" ")
    if len(words) < 3 or not is_designator(words[-1]):
        return False
    initials = "".join(w if is_designator(w) and not w.isalpha() else w[0] for w in words).upper()
    return any(entrez_id == code >> 2 for code in exact.get(initials, ()))


_COMPLEMENT_INHIBITOR = re.compile(r"c [1-9] (?:esterase )?inhibitor")


def _generic(phrase: str, word_genes: dict[str, int], code_genes: dict[str, int]) -> bool:
    """Whether a protein name has no word of its own, only words common in gene names and
    designators ("tumor suppressor", "complex I", "DNA binding protein"): a title using it need not
    mean the one gene that happens to have it as a name. A rare glued code with a word beside it
    is its own ("CD77 synthase"); a code alone ("p460") is no name."""
    words = phrase.split(" ")
    if sum(is_designator(w) for w in words) >= 3:
        return False  # "cytochrome P450 2D6": its designators say which
    if _COMPLEMENT_INHIBITOR.fullmatch(phrase):
        return False  # "C1 inhibitor", "C1-esterase inhibitor": the one serpin named so
    if len(words) >= 3 and any(
        code_genes.get(f"{a} {b}", _CODE_GENES + 1) <= _CODE_GENES for a, b in zip(words, words[1:])
    ):
        return False
    return not any(
        not word.isdigit()
        and len(word) > 1
        and word not in _GREEK_WORDS
        and word_genes.get(word, 0) <= _GENERIC_WORD_GENES
        for word in words
    )


def _packed(values: dict[str, list[int]]) -> dict:
    return {key: found[0] if len(found) == 1 else tuple(found) for key, found in values.items()}


_GREEK_WORDS = frozenset(_GREEK.values())


def name_forms(name: str) -> set[str]:
    """A full name as titles write it: whole (`catalase`), without "subunit", without what ends
    it after its designator (`fibrinogen gamma chain` → `fibrinogen gamma`), and with a trailing Greek letter put first or before the last word (`catenin beta 1` →
    `beta catenin`, `thyroid hormone receptor beta` → `thyroid hormone beta receptor`)."""
    whole = phrase_of(name)
    if not whole or (" " not in whole and len(whole) < 5):
        return set()
    # "hypoxia inducible factor 1 (subunit) alpha", "ubiquitin carboxyl terminal hydrolase (isozyme) L1"
    cores = {whole, whole.replace(" subunit ", " ").replace(" isozyme ", " ")}
    forms = set(cores)
    for core in _without_class_word(whole):
        forms.add(core)
        words = core.split(" ")
        if len(words) == 2 and words[1] in _GREEK_WORDS:
            forms.add(f"{words[1]} {words[0]}")  # "fibrinogen gamma" → "gamma fibrinogen"
    bare = (
        phrase_of(re.sub(r"\([^)]*\)", " ", name)) if "(" in name and not name.endswith(")") else ""
    )
    if (
        " " in bare
    ):  # "p21 (RAC1) activated kinase 2" → "p21 activated kinase 2"; not "lipoprotein(a)"
        forms.add(bare)
    for core in cores:
        words = core.split(" ")
        greek_at = len(words) - 2 if words[-1].isdigit() else len(words) - 1
        if len(words) >= 3 and words[greek_at] in _GREEK_WORDS:
            rest = words[:greek_at]
            forms.add(" ".join([words[greek_at], *rest]))  # "beta catenin"
            forms.add(
                " ".join([*rest[:-1], words[greek_at], rest[-1]])
            )  # "thyroid hormone beta receptor"
        elif len(words) == 2 and words[1] in _GREEK_WORDS:
            forms.add(f"{words[1]} {words[0]}")  # "synuclein alpha" → "alpha synuclein"
        if len(words) >= 3 and words[-1].isdigit() and words[-2] in _GREEK_WORDS:
            # the Greek letter with its number first: "integrin beta 3" → "beta 3 integrin"
            forms.add(" ".join([*words[-2:], *words[:-2]]))
        forms.update(_receptor_subtype_first(words))
    latin = _LETTER_AFTER_NUMBER.search(whole)
    if latin:  # "transcription 5B" as titles write it, "5b", which reads as "5 beta" (HIF-1a)
        forms.add(whole[: latin.start(1)] + _LATIN_GREEK[latin.group(1)])
    qualified = _qualifier_first(name)
    if qualified:
        forms.add(qualified)
    forms.update(_as_titles_write(whole))
    words = whole.split(" ")
    if "type" in words[2:-1]:  # "phosphatidylinositol 4 kinase type 2 beta" as "… kinase 2 beta"
        at = words.index("type", 2)
        if words[at + 1].isdigit() and all(is_designator(w) for w in words[at + 1 :]):
            forms.add(" ".join(words[:at] + words[at + 1 :]))
    if whole.startswith("coagulation factor "):  # "factor VII" of "coagulation factor VII"
        forms.add(whole.removeprefix("coagulation "))
    unlocated = _LOCANT.sub(" ", whole)
    if unlocated != whole:  # "choline O-acetyltransferase" as "choline acetyltransferase"
        forms.add(unlocated)
    two_ligands = _TWO_LIGANDS_RECEPTOR.fullmatch(name)
    if two_ligands:  # "luteinizing hormone/choriogonadotropin receptor": either ligand's receptor
        forms.update(phrase_of(f"{ligand} receptor") for ligand in two_ligands.groups())
    abbreviated = _ACRONYM_RECEPTOR.search(name)
    if abbreviated:  # "TNF receptor associated factor 2" as "TNFR-associated factor 2"
        forms.add(
            phrase_of(
                name[: abbreviated.start()] + abbreviated.group(1) + "R" + name[abbreviated.end() :]
            )
        )
    forms.update(_wordings_titles_use(name, words))
    return forms


def _wordings_titles_use(name: str, words: list[str]) -> set[str]:
    """Other wordings of a name that titles use for the same protein: words moved or dropped
    ("aurora kinase A" as "aurora A kinase", "tachykinin precursor 1" as "tachykinin 1",
    "neuroligin 4 X-linked" as "neuroligin 4X", "UDP glucuronosyltransferase family 1 member A1"
    as "… 1A1"), one product of two ("lamin A/C": "lamin A", "lamin C"), a locus by its chain or
    antigen ("immunoglobulin heavy chain", "human leukocyte antigen B"), a class by its letter
    ("glutathione S-transferase M1"), acronyms spelled out or used ("tumor necrosis factor
    receptor associated factor 6", "FGF receptor 4"), and older names' words ("C-X-C motif
    chemokine 12", "programmed death ligand 1")."""
    forms = set()
    if len(words) == 3 and words[1] == "kinase" and len(words[2]) == 1 and words[2].isalpha():
        forms.add(f"{words[0]} {words[2]} kinase")
    if "precursor" in words[1:-1]:
        at = words.index("precursor")
        if all(is_designator(w) for w in words[at + 1 :]):
            forms.add(" ".join(words[:at] + words[at + 1 :]))
    linked = _SEX_LINKED.search(name)
    if linked:
        forms.add(phrase_of(name[: linked.start()] + linked.group(1) + linked.group(2)))
    alternatives = _TWO_MEMBERS.fullmatch(name)
    if alternatives:
        head, first, second = alternatives.groups()
        if second.isdigit() and first[0].isalpha():
            second = first[0] + second  # "pyruvate kinase M1/2": M1 and M2
        forms.update(phrase_of(f"{head} {member}") for member in (first, second))
    whole = " ".join(words)
    for short, spelled_out in _SPELLED_ACRONYMS.items():
        if f"{spelled_out} receptor" in whole:  # "fibroblast growth factor receptor 4": "FGF
            forms.add(whole.replace(spelled_out, short))  # receptor 4", as titles write it
    if whole.endswith(" locus") and whole.startswith(_CHAIN_LOCI):
        # "immunoglobulin heavy locus" as "immunoglobulin heavy chain (locus, gene)"
        forms.add(whole.removesuffix(" locus") + " chain")
    leukocyte = _HLA_CLASS.fullmatch(whole)
    if leukocyte:  # "major histocompatibility complex, class I, B": "human leukocyte antigen B"
        forms.add(f"human leukocyte antigen {leukocyte.group(1)}")
    if whole.startswith("glutathione s transferase ") and len(words) == 5:
        letter = _GST_CLASS_LETTERS.get(words[3])
        if letter and words[4].isdigit():  # "glutathione S-transferase mu 1" as "… M1"
            forms.add(f"glutathione s transferase {letter} {words[4]}")
    after_family = words[words.index("family") + 1 :] if "family" in words else []
    # "family 1 member A1"; not "family A member 2" (PDIA2), whose head names the class
    numbered = bool(after_family) and after_family[0].isdigit()
    members = [
        word
        for at, word in enumerate(words)
        if not (word in _MEMBER_WORDS and at + 1 < len(words) and is_designator(words[at + 1]))
    ]
    if numbered and "member" in words and "family" not in members and "member" not in members:
        # "UDP glucuronosyltransferase family 1 member A1" as "UDP-glucuronosyltransferase 1A1",
        # "cytochrome P450 family 2 subfamily D member 6" as "cytochrome P450 2D6"
        forms.add(" ".join(members))
    spelled = [_SPELLED_ACRONYMS.get(word, word) for word in words]
    if spelled != words:  # "TNF receptor associated factor 6" as "tumor necrosis factor …"
        forms.add(" ".join(spelled))
    if "chemokine ligand" in whole:  # "C-X-C motif chemokine ligand 12" as "… chemokine 12"
        forms.add(whole.replace("chemokine ligand", "chemokine"))
    if "programmed cell death" in whole:
        shorter = whole.replace("programmed cell death", "programmed death")
        forms.add(shorter)
        forms.add(shorter.replace("programmed death 1 ligand", "programmed death ligand"))
    return forms


_MEMBER_WORDS = frozenset({"family", "subfamily", "member"})
# Loci of an antigen receptor's chains, which titles name by the chain.
_CHAIN_LOCI = ("immunoglobulin ", "t cell receptor ")
# An HLA gene's nomenclature name, and the locus after its class: a letter ("class I, B") or a
# class II locus's letters, chain and number ("class II, DR beta 1"); not MR1's "class I-related"
# nor YBX1's "class II, Y box-binding protein I".
_HLA_CLASS = re.compile(
    r"major histocompatibility complex class (?:1|2) ([a-z]|d[a-z] (?:alpha|beta)(?: [0-9])?)"
)
# Acronyms of growth factors and cytokines that the nomenclature's names use and older titles
# spell out ("TNF receptor superfamily member 1A": "tumor necrosis factor receptor …").
_SPELLED_ACRONYMS = {
    "tnf": "tumor necrosis factor",
    "tgf": "transforming growth factor",
    "egf": "epidermal growth factor",
    "fgf": "fibroblast growth factor",
    "igf": "insulin like growth factor",
}
# The Greek letters of glutathione S-transferases' classes and the Latin letters that their
# members' short names use ("GST mu 1", "GSTM1": "glutathione S-transferase M1").
_GST_CLASS_LETTERS = {
    "alpha": "a",
    "mu": "m",
    "pi": "p",
    "theta": "t",
    "omega": "o",
    "zeta": "z",
    "kappa": "k",
}
# A member's number and the sex chromosome of its copy ("neuroligin 4 X-linked": "neuroligin 4X").
_SEX_LINKED = re.compile(r"(?<= )([0-9]+) ([XY])-linked$")
# Two members' letters or numbers with a slash between them ("lamin A/C"): one gene's two products.
_TWO_MEMBERS = re.compile(r"([A-Za-z][\w -]*[a-z]) ([A-Z0-9]{1,2})/([A-Z0-9]{1,2})")


# A ligand's acronym and "receptor" inside a longer name, which titles abbreviate as the
# receptor's acronym ("TNF receptor associated factor" as "TNFR-associated factor", "EGF receptor
# pathway substrate 8" as "EGFR pathway substrate 8").
_ACRONYM_RECEPTOR = re.compile(r"\b([A-Z]{2,5}) receptor(?= [a-z])")
# A receptor of two ligands written with a slash between them, as the nomenclature names it.
_TWO_LIGANDS_RECEPTOR = re.compile(r"([A-Za-z][\w -]*[a-z])/([a-z][\w-]*[a-z]) receptor")


# A chemical locant before an enzyme's word, which titles often leave out ("choline
# O-acetyltransferase", "glutathione S-transferase"); not the first word ("N-acetyltransferase 2").
_LOCANT = re.compile(r"(?<=[a-z]) [nos] (?=[a-z]+ase\b)")


_LETTER_AFTER_NUMBER = re.compile(r"[0-9] ([abgdk])$")
# Words that end a name after its member's designator and that titles leave out: "fibrinogen
# gamma chain", "disrupted in schizophrenia 1 protein", "hemoglobin beta subunit".
_CLASS_WORDS = frozenset({"chain", "polypeptide", "subunit", "protein"})


def _without_class_word(whole: str) -> tuple[str, ...]:
    """The name without a class word ending it, when a designator is left to say which
    ("fibrinogen gamma", "beta globin" of "beta globin chain"; not "c reactive"), or before the
    designator that ends it ("14-3-3 epsilon" of "14-3-3 protein epsilon")."""
    words = whole.split(" ")
    found = []
    if len(words) >= 3 and words[-1] in _CLASS_WORDS:
        rest = words[:-1]
        if any(is_designator(w) for w in rest) and not (len(rest[0]) == 1 or rest[0].isdigit()):
            found.append(" ".join(rest))
    end = len(words)
    while end > 2 and is_designator(words[end - 1]):
        end -= 1
    if end < len(words) and words[end - 1] == "protein":  # "14-3-3 protein epsilon"
        found.append(" ".join(words[: end - 1] + words[end:]))
    return tuple(found)


def _without_ion_dependence(name: str) -> tuple[str, ...]:
    """A transporter's name without the ions it depends on, as titles name it: "sodium- and
    chloride-dependent glycine transporter 1" → "glycine transporter 1", "sodium-dependent
    noradrenaline transporter" → "noradrenaline transporter"."""
    if "dependent" not in name and "coupled" not in name:
        return ()
    words = phrase_of(name).split(" ")
    at = 0
    while at < len(words) and (words[at] in _IONS or words[at] == "and"):
        at += 1
    if 0 < at < len(words) - 2 and words[at] in _DEPENDENT:
        return (" ".join(words[at + 1 :]),)
    return ()


_IONS = frozenset("sodium chloride potassium calcium proton na cl k ca h".split())
_DEPENDENT = frozenset({"dependent", "independent", "coupled"})


def _without_homolog(name: str) -> tuple[str, ...]:
    """A designation without "homolog" (and a "protein" starting it), as titles name proteins
    first found in other species ("protein crooked neck homolog" → "crooked neck"); kept by the
    caller only when no other gene has that name ("angiotensin converting enzyme homolog" is
    ACE2, a paralog of ACE)."""
    if "homolog" not in name:
        return ()
    written = [w for w in _REMARK.sub("", name).split() if w.lower() != "homolog"]
    if len(written) == len(name.split()):
        return ()  # "homologous", "homolog-like"
    if written and written[0].lower() == "protein":
        written = written[1:]
    rest = phrase_of(" ".join(written))
    # Two words or more as written, or a protein's word: not "SHP1 homolog", another species'
    # symbol, which titles write as the symbol
    if len(written) >= 2 or (
        len(written) == 1 and _PROTEIN_ENDING.match(rest) and rest != "protein"
    ):
        return (rest,)
    return ()


# Descriptors that the nomenclature put into older names and titles leave out: "delta like
# canonical Notch ligand 4" is "Delta-like 4", "sonic hedgehog signaling molecule" "Sonic hedgehog".
_DESCRIPTOR = re.compile(
    r" (?:non )?canonical notch ligand(?= [0-9a-z]+$)| signaling molecule$| splicing regulator"
    r"(?= [0-9]+$)| homologous recombination repair factor$"
)
# The motif as normalised ("X" read as a roman numeral) → as titles also write it, in one word.
_MOTIFS = {"c 10 c": "cxc", "c c": "cc", "c 10 3 c": "cx3c", "10 c": "xc"}
_CHEMOKINE_MOTIF = re.compile(r"^(c 10 c|c c|c 10 3 c|10 c) motif (chemokine .*)$")
_COLLAGEN_CHAIN = re.compile(r"^collagen type ([0-9]+) alpha [0-9]+ chain$")
_LIPOXYGENASE = re.compile(r"^arachidonate ([0-9]+ lipoxygenase)$")
# An ABC transporter by its subfamily's letter and its number, as titles name it.
_ABC_MEMBER = re.compile(r"^atp binding cassette sub ?family ([a-g]) member ([0-9]+)$")


def _as_titles_write(whole: str) -> set[str]:
    """Short forms of a normalised full name that titles use: without a descriptor, a chemokine's
    motif as "CXC"/"C-X-C" ("CXC chemokine receptor 4"), a collagen's type ("type VII collagen",
    "collagen XVIII"), a lipoxygenase by its position ("15-lipoxygenase")."""
    forms = set()
    bare = _DESCRIPTOR.sub("", whole)
    if bare != whole and " " in bare:
        forms.add(bare)
    motif = _CHEMOKINE_MOTIF.match(whole)
    if motif:
        written, rest = motif.groups()
        forms.update({f"{written} {rest}", f"{_MOTIFS[written]} {rest}"})
    collagen = _COLLAGEN_CHAIN.match(whole)
    if collagen:
        number = collagen.group(1)
        forms.update({f"collagen type {number}", f"type {number} collagen", f"collagen {number}"})
    lipoxygenase = _LIPOXYGENASE.match(whole)
    if lipoxygenase:
        forms.add(lipoxygenase.group(1))
    cassette = _ABC_MEMBER.match(whole)
    if cassette:  # "ATP-binding cassette transporter G1", "ATP-binding cassette G1"
        member = " ".join(cassette.groups())
        forms.update(
            {f"atp binding cassette transporter {member}", f"atp binding cassette {member}"}
        )
    return forms


def _qualifier_first(name: str) -> str:
    """A name whose one comma puts a qualifier of a few words last, with it first, as prose
    writes it: "nitric oxide synthase, inducible" → "inducible nitric oxide synthase"; "" for
    other names (a number or letter in the qualifier makes it a member's designator)."""
    if name.count(", ") != 1:
        return ""
    head, qualifier = name.split(", ")
    words = phrase_of(_REMARK.sub("", qualifier)).split(" ")  # "microsomal (xenobiotic)"
    if not 1 <= len(words) <= 3 or any(is_designator(w) or not w for w in words):
        return ""
    return f"{' '.join(words)} {phrase_of(head)}"


_PROHORMONE = " prohormone"
# A metalloenzyme's metal in brackets after its name, as UniProt and NCBI write it ("superoxide
# dismutase [Mn]", "… [Cu-Zn]"), which titles put first by its name ("manganese superoxide
# dismutase", "copper zinc superoxide dismutase").
_METAL_COFACTOR = re.compile(r"^([^\[\],]+) \[([A-Z][a-z]?(?:-[A-Z][a-z]?)*)\](?:,.*)?$")
_METALS = {
    "Mn": "manganese",
    "Cu": "copper",
    "Zn": "zinc",
    "Fe": "iron",
    "Ni": "nickel",
    "Co": "cobalt",
    "Mo": "molybdenum",
    "Mg": "magnesium",
}
# A numbered name and, in parentheses, one word that tells the member as prose does ("fibroblast
# growth factor 1 (acidic)", "colony stimulating factor 1 (macrophage)", "cofilin 2 (muscle)").
_NUMBERED_QUALIFIER = re.compile(r"^([^(),]+ [0-9]+[A-Za-z]?) \(([a-z]{4,})\)$")


def _numbered_qualifier_first(name: str) -> str:
    """A designation's qualifier in parentheses put first in place of the member's number, as
    titles write it: "acidic fibroblast growth factor", "macrophage colony stimulating factor",
    "muscle cofilin"; "" for other names."""
    numbered = _NUMBERED_QUALIFIER.match(name)
    if not numbered:
        return ""
    words = phrase_of(numbered.group(1)).split(" ")
    while words and is_designator(words[-1]):
        words.pop()
    if not words or not (_PROTEIN_ENDING.match(words[-1]) or words[-1] in _QUALIFIED_HEADS):
        return ""  # a disease's name numbered as a locus ("nephronophthisis 1 (juvenile)")
    return f"{numbered.group(2)} {' '.join(words)}"


_QUALIFIED_HEADS = _PROTEIN_HEADS | {"factor", "protein", "polypeptide", "antigen"}


def _receptor_subtype_first(words: list[str]) -> tuple[str, ...]:
    """A receptor named with its subtype before "receptor", as pharmacology writes it:
    "histamine H3 receptor" and "dopamine receptor D2" → "h 3 histamine receptor", "d 2 dopamine
    receptor"; "serotonin receptor 6" → also "serotonin 6 receptor"; "interleukin 1 receptor type 2"
    → "interleukin 1 type 2 receptor"; () for other names."""
    if "receptor" not in words:
        return ()
    at = words.index("receptor")
    before, after = words[:at], words[at + 1 :]
    if after[:1] == ["type"] and 2 <= len(after) <= 3 and all(is_designator(w) for w in after[1:]):
        # "interleukin 1 receptor type 2" as "interleukin-1 type II receptor"
        return (" ".join([*before, *after, "receptor"]),)
    if before[:1] and before[0].isdigit() and len(before) == 2:
        before = [" ".join(before)]  # "5-hydroxytryptamine receptor 2A": a ligand with a locant
    if after and len(after) <= 3 and all(is_designator(w) for w in after) and len(before) == 1:
        return (
            " ".join([*after, before[0], "receptor"]),
            " ".join([before[0], *after, "receptor"]),
        )
    subtype: list[str] = []
    while before and is_designator(before[-1]) and len(subtype) < 3:
        subtype.insert(0, before.pop())
    if subtype and len(before) == 1 and not after:
        return (" ".join([*subtype, before[0], "receptor"]),)
    return ()


def head_with_member(name: str) -> str:
    """A full name's part before its comma with the member's letter or number that ends the rest
    ("aldolase, fructose-bisphosphate B" → `aldolase b`, as titles write the isozymes), or ""."""
    if name.count(", ") != 1:
        return ""
    head, rest = name.split(", ")
    member = _LAST_MEMBER.search(rest)
    if not member or " " not in rest or not re.fullmatch(r"[A-Za-z-]{4,}", head):
        return ""
    return f"{phrase_of(head)} {phrase_of(member.group(1))}"


_LAST_MEMBER = re.compile(r" ([A-Z]|[0-9]{1,2})$")


def comma_head(name: str) -> str:
    """The part of a full name before a comma when the rest only qualifies it (`dicer 1,
    ribonuclease III` → `dicer 1`; not `nuclear factor, erythroid 2`, whose number is in the
    rest), of two words or one of six letters or more; ""."""
    if ", " not in name:
        return ""
    head, rest = name.split(", ", 1)
    words = phrase_of(head)
    if " and " in rest:
        return ""  # "RNA transcription, translation and transport factor": a list, not a qualifier
    if re.search(r"[0-9]|\b[A-Z]\b", rest) or not (" " in words or len(words) >= 6):
        return ""
    if _ADJECTIVE.match(words):
        return ""  # "odontogenic, ameloblast associated": an adjective alone names nothing
    return words
