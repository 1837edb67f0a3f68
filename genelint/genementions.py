"""Spotting gene names in free text (a cited paper's title), with care for false alarms.

Two questions, answered with opposite biases:

- `names_gene(title, gene)`: does the title name *this* gene? Generous: its symbol, an alias
  or a previous symbol (mouse-style case `Alas2` for names with a digit), or its full name
  with or without the trailing designator ("aminolevulinate synthase").
- `other_gene_mentions(title, index)`: which genes does the title name for sure? Every name
  of every gene is looked up in one pass over the title (`NameIndex`: words looked up whole,
  full names through a token trie over normalised words), then each candidate is decided by
  its kind and the words around it:

  - full names and protein names ("brain-derived neurotrophic factor", "catalase") count;
  - an approved symbol counts in its exact case; an alias or previous symbol with a digit
    counts; an alias made only of letters counts only beside a word that says "gene"
    (gene, protein, mutation, variant, expression, receptor, …), since such aliases are as
    often abbreviations of diseases and methods (`XLMR`, `MDS`); so does a symbol or alias
    written in title or mixed case (`Btk inhibition`, `mutation in Osterix`, `ApoE-/-`),
    unless the title capitalises all its words;
  - no name counts when the words around it say it is something else: a trial, guideline,
    database, regimen or mouse strain ("the SPRINT trial", "R-CHOP chemotherapy", "NOD
    mice"), a disease ("NISCH syndrome"), an acronym the title spells out ("long QT syndrome
    (LQTS)"), a common abbreviation (`CD`, `MS`, `AML`, `DNA`, roman numerals), a cell marker
    (`CD4+`), a disease's abbreviation ("DMD patients", "LQT3 families", "spinal cerebellar
    ataxia 3 (SCA3)"), a cell line ("C6 glioma cells", "THP-1 monocytes", "MDA-MB-231 cells"), a
    hypersensitive site ("HS2"), a lipid anchor ("GPI-anchored"), a fluorescent protein or a tag
    ("CFP fusions", "MBP-tagged"), a place ("the CA1 region"), a drug class ("ACE inhibitors"),
    a domain, a sequence or a mobile element ("SET domain", "C2 domain", "GAA repeats", "CR1
    retrotransposon"), a virus's protein ("HCV NS3", "hepatitis C virus NS2"), a prostaglandin
    ("prostaglandin F2 alpha"), a chemical formula ("CCl4"), a clinical term ("insulin
    resistance"), a class in the plural ("metastasis-associated proteins"), a disease NCBI gives
    as a designation ("protoporphyria"), or, in an all-capitals title, any name without a digit;
  - "EGF receptor" names the receptor (EGFR), not the ligand; a hyphenated name is read whole
    before its parts (`PD-L1`, not `PD`), and a suspended hyphen keeps its name ("ROS1- and
    ALK-rearranged").
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from genelint.designators import is_designator
from genelint.loosenames import loose_matches
from genelint.refdata.nameindex import NameIndex, normal_word, normal_words, phrase_of

# Words of biomedical titles that are also gene symbols or aliases but, in a title, nearly
# always mean something else.
ABBREVIATIONS = frozenset(
    """
    AD ADP ALL ALS AMP AML ATP BMI CAD CD CF CHD CKD CLL CML CNS COPD CT DM DNA ECG EEG ER ES
    GTP HCC HD HIV HIV-1 HIV-2 HPV HBV HCV EBV CMV ICU II III IV VI VII VIII IX XI XII
    MDS MI MRI MS NHL NK NO NSCLC PCR PD PET RA RNA ROS SCLC SLE SNP TB UV WHO
    HLA MHC GWAS QTL CNV SNV UTR ORF CDS LTR kDa kb bp cDNA mRNA miRNA lncRNA siRNA shRNA
    ES IPS iPS EMT ECM NMR ESR SPR FRET FISH ELISA m6A m1A m5C m7G cAMP cGMP CO2 miR MiR
    DAG CART BLAST MAP RPE SDS PAM MCC T2D eGFR PAH DBP HR TG PCa
    Th0 Th1 Th2 Th3 Th9 Th17 Th22 Tfh Treg Tregs Tr1 Tc1 Tc2 Tc17
""".split()
)
# Words that make a name before them a disease, a study, a guideline, a database, a regimen or
# an animal strain rather than a gene ("NISCH syndrome", "SPRINT trial", "NOD mice").
_NOT_GENE_AFTER = frozenset(
    normal_word(w)
    for w in """
    syndrome disease disorder trial trials study studies investigators group consortium
    guideline guidelines recommendations consensus criteria score scale questionnaire
    registry cohort database databank project programme program network survey
    regimen chemotherapy protocol mice mouse rats strain classification staging anchor
""".split()
)
# Words that make a name beside them a gene (or its product).
_GENE_WORDS = frozenset(
    normal_word(w)
    for w in """
    gene genes protein proteins mutation mutations mutant mutants variant variants expression
    expressed receptor receptors polymorphism polymorphisms allele alleles promoter mRNA
    transcript transcripts isoform isoforms knockout deficiency deficient null locus oncogene
    oncogenes protooncogene protooncogenes oncoprotein oncoproteins protooncoprotein
    protooncoproteins
    haplotype haplotypes overexpression knockdown silencing phosphorylation methylation kinase
    deletion deletions duplication duplications microdeletion microduplication amplification
    rearrangement rearrangements translocation translocations codon codons exon exons intron
    introns
""".split()
)
# Words beside a name written in title or mixed case (`Akt`, `Osterix`, `ApoE`) that make it the
# gene's product: what a title says of a gene, and what it does to or with one.
_CASED_CONTEXT = _GENE_WORDS | frozenset(
    normal_word(w)
    for w in """
    inhibition inhibitor inhibitors inhibiting activation activity signaling signalling pathway
    pathways soluble targeted splice tyrosine proteintyrosine
""".split()
)
# Words for a kind of protein right before an alias, which name it as one ("the transcriptional
# regulator CBP", "the tumour suppressor PTEN").
_PROTEIN_CLASS_BEFORE = frozenset(
    normal_word(w)
    for w in """
    regulator coactivator corepressor suppressor oncogene oncoprotein kinase phosphatase
    protease enzyme ligase chaperone adaptor adapter transporter
""".split()
)
# Words after a name that make it a disease's, even with a digit ("DMD patients", "LQT3
# families", "MEN1 syndrome"): many symbols and aliases are also the disease's abbreviation.
_DISEASE_AFTER = frozenset(
    normal_word(w)
    for w in "syndrome disease disorder patients families kindreds pedigrees phenotype".split()
)
# Words after a name that make it a place in the brain or body ("the CA1 region").
_PLACE_AFTER = frozenset(normal_word(w) for w in "region area subfield neurons pyramidal".split())
# Words after a name of letters that make it a part of a protein or a sequence (a repeat, a
# mobile element: "CR1 retrotransposon", not CR1), not a gene.
_PART_AFTER = frozenset(
    normal_word(w)
    for w in """
    domain domains repeat repeats motif motifs triplet transposon transposons retrotransposon
    retrotransposons retroelement retroelements
""".split()
)
# A run of nucleotides' letters, and the words after it that make it a DNA sequence ("the GC
# box", "GC-rich", "GC content", "a CAT box", "TG dinucleotides").
_NUCLEOTIDES = re.compile(r"^(?:[ACGTU][0-9]{0,2}){2,}$")  # "GC", "TTAGGG", "C4A2" (CCCCAA)
_SEQUENCE_AFTER = frozenset(
    normal_word(w)
    for w in """
    box boxes rich content dinucleotide dinucleotides trinucleotide tract tracts repeat repeats
    biased bias
""".split()
)
# Words after a name that make it a mobile element's, whatever its number ("Tel-1 transposon").
_MOBILE_AFTER = frozenset(normal_word(w) for w in "transposon retrotransposon retroelement".split())
# Words joined to a name by a hyphen that make it an agent, a method or a lipid anchor
# ("DES-exposed", "SCX-based", "GPI-anchored": glycosylphosphatidylinositol, not GPI).
_AGENT_HYPHENED = frozenset({"based", "exposed", "anchored"})
# Words joined to a name by a hyphen that make the two a modifier of the word after ("CFTR-related
# disorders", "KRAS-mutant tumours"), where the name is still the gene's.
_COMPOUND_PARTICIPLES = frozenset(
    normal_word(w)
    for w in """
    related associated mediated dependent driven induced mutant mutated positive deficient null
    knockout transgenic targeted
""".split()
)
# Words joined to a name by a hyphen that say what was done to the gene or aimed at its product
# ("ApoE-deficient mice", "Nrf2-null", "VEGF-targeted therapy"): the name is the gene's, even of
# letters only and before "mice".
_GENE_STATE_HYPHENED = frozenset(
    normal_word(w) for w in "deficient null knockout transgenic targeted".split()
)
_RECEPTOR = frozenset({"receptor"})
# A word after a protein's name that makes it a drug class ("ACE inhibitors"); normal_word drops
# the plural s.
_DRUG_AFTER = frozenset({"inhibitor"})
_DIGIT = re.compile(r"[0-9]")
# A symbol with a Greek letter glued on, spelled out: a stem with a capital, then the letter.
_GREEK_SUFFIX = re.compile(
    r"^([A-Za-z]*[A-Z][A-Za-z0-9-]*?[A-Za-z0-9])-?(alpha|beta|gamma|delta|epsilon|kappa)$"
)
# A Greek letter written as itself at the end of a symbol ("PPARγ", "HIF-1α"), spelled out.
_GREEK_LETTERS = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "κ": "kappa",
}


# A Greek letter written as its Latin letter in lower case after a symbol's capitals or digits
# ("TNFa", "GSK3b", "IFN-g", "HIF-1a"), as titles lose them: the stem must have two capitals.
_LATIN_GREEK_END = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9-]*[A-Z0-9]-?([abgdk])$")
_LATIN_GREEK = {"a": "alpha", "b": "beta", "g": "gamma", "d": "delta", "k": "kappa"}


def _spelled(piece: str) -> str:
    letter = _GREEK_LETTERS.get(piece[-1:])
    if letter:
        return piece[:-1] + letter
    latin = _LATIN_GREEK_END.match(piece)
    return piece[:-1] + _LATIN_GREEK[latin.group(1)] if latin else piece


# The words titles write for a microRNA before its number ("miR-21", "MicroRNA 143", "miRNA-106b").
_MIR_WORD = r"(?:miR|MiR|mir|miRNA|MiRNA|microRNA|MicroRNA)"
_MICRO_RNA = re.compile(
    rf"^(?:{_MIR_WORD}|hsa-miR)[- ]?([0-9]+[a-z]?(?:-[0-9])?)(?:-[35]p)?$"  # the arm: "-5p"
)
# A microRNA's word and its number after a space ("MicroRNA 29b"), read as one name.
_MICRO_RNA_WORDS = frozenset({"miR", "MiR", "miRNA", "microRNA", "MicroRNA"})
_MICRO_RNA_NUMBER = re.compile(r"[0-9]+[a-z]?(?:-[0-9])?(?:-[35]p)?")
# A mouse's or a rat's letter before a symbol with a number ("mCRY1", "rPER2"), read without it
# only as an approved symbol: "mTORC1" is the complex, not TORC1 (an alias of CRTC1).
_SPECIES_LETTERS = frozenset("mr")
_LOWER_THEN_CAPITALS = re.compile(r"^[a-z][A-Z]{3,}[0-9]*[A-Z]?$")
_ONCOGENE_PREFIX = re.compile(r"^[cvNL]-([A-Za-z]{3,})$")
# An apolipoprotein by its letter and number ("apoA-I", "apo-CIII", "ApoB-100", "apoE4").
_APOLIPOPROTEIN = re.compile(r"^[Aa]po-?([A-Ma-m])-?([IVX]{1,4}|[0-9]{1,3})?$")
_ROMAN_NUMBERS = {"I": "1", "II": "2", "III": "3", "IV": "4", "V": "5"}
# The Kirsten and Harvey rat sarcoma viruses' letter before "ras" ("K-ras", "Ki-ras", "Ha-ras").
_RAS_PREFIX = re.compile(r"^(Ki|Ha|K|H)-(ras|Ras|RAS)$")
_CYTOCHROME_P450 = re.compile(r"^[Pp]450-?([0-9]{1,2}[A-Za-z][0-9]{0,2})$")
_DELETION_ALLELE = re.compile(r"^([A-Z][A-Z0-9]*[0-9])(?:delta|Δ)[0-9]+$")
_ISOFORM_LETTER = re.compile(r"^[A-Z]{2,}[0-9]+[A-Z]$")
_HYDROXYSTEROID = re.compile(r"^([0-9]{1,2})(?:b|β|beta)-?HSD-?([0-9]{1,2})$", re.IGNORECASE)
_LETTERS_DASH_NUMBER = re.compile(r"^h?[A-Za-z]{2,}-[0-9]+[A-Za-z]?$")
_PARENTHESISED = re.compile(r"\(([A-Za-z][A-Za-z0-9-]{1,11})\)")
_LINKS = frozenset({"in", "of", "for", "the", "by"})
# Words joined to a name by a hyphen that make the whole another protein ("GATA-binding").
_BOUND_HYPHENED = frozenset({"binding", "interacting", "like"})
# A Greek letter's name and a number: a designator ("the I alpha1 promoter", "beta-2 receptor").
_GREEK_AND_NUMBER = re.compile(
    r"^(?:alpha|beta|gamma|delta|epsilon|kappa|lambda|sigma|omega)-?[0-9]+[a-z]?$", re.IGNORECASE
)
# A capital and digits (A23, B8, E1): HLA antigens, vitamins, viral proteins as often as aliases (p53 counts).
_LETTER_DIGITS = re.compile(r"^[A-Z][0-9]+$")
# Vitamins so written, which titles put before "deficiency" ("vitamin B12 deficiency", "coenzyme Q10
# deficiency"): aliases of NDUFB3 and TNFAIP1, and of AGO2, too.
_VITAMINS = frozenset({"B12", "Q10"})
# A symbol of capitals and a member's letter, written with a dash before the letter ("CENP-T").
_DASHED_MEMBER = re.compile(r"^([A-Z]{3,})-([A-Z])$")
# A symbol's stem, a Greek letter spelled out and a member's number ("PLCgamma2", "PKCbeta1").
_GREEK_BEFORE_NUMBER = re.compile(
    r"^([A-Z][A-Za-z]*[A-Z])(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|kappa)([0-9]{1,2})$"
)
_MEMBER_CODE = re.compile(r"^[0-9]+[A-Z][0-9]+$")
# How an enzyme family's name before such a code ends ("glucuronosyltransferase", "P450").
_FAMILY_ENDS = ("ase", "450")

# A run of characters between separators, without the quote and stop marks at its ends.
_STRIPPED_CHUNK = re.compile(
    r"['`*.!?…]*([^\s,;:()\[\]{}\"“”‘’/'`*.!?…](?:[^\s,;:()\[\]{}\"“”‘’/]*"
    r"[^\s,;:()\[\]{}\"“”‘’/'`*.!?…])?)"
)
_DASHES = re.compile(r"[-‐‑–—]")
_SUSPENDED = frozenset({"and", "or", "to", "versus", "vs", "and/or"})
# A name and a hyphen before one of these is a compound split by a space ("EPOR- regulated").
_COMPOUND_ENDINGS = ("ed", "dependent", "specific", "deficient", "null")
_GREEK_NAMES = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu sigma omega".split()
)
_ROMAN_OR_GREEK = frozenset(
    "i ii iii iv v vi alpha beta gamma delta epsilon zeta eta theta kappa lambda sigma omega".split()
)


@dataclass(frozen=True)
class Mention:
    text: str  # as written in the title
    name: str  # the gene name it matched
    start: int  # offset of `text` in the title
    genes: tuple[int, ...]  # Entrez IDs of the genes with that name
    kind: str = "symbol"  # symbol, alias, previous or full name


def tokens(title: str, markers: bool = False) -> Iterator[tuple[str, int]]:
    """Whole tokens of a title with their offsets; a cell marker such as `CD4+` or `CD28-` is no
    token (with `markers`, a marker's names are: "CD4+IFN-g+" gives CD4 and IFN-g), but a
    suspended hyphen ("ROS1- and ALK-positive") keeps its name."""
    found = _raw_tokens(title)
    for i, (text, start) in enumerate(found):
        if "+" in text:
            if markers:
                at = start
                for part in text.split("+"):
                    if part:
                        yield part, at
                    at += len(part) + 1
            continue
        if text.endswith(("-", "−")):
            following = found[i + 1][0].lower() if i + 1 < len(found) else ""
            if following not in _SUSPENDED and not following.endswith(_COMPOUND_ENDINGS):
                continue
            text = text.rstrip("-−")
        if text:
            yield text, start


def _raw_tokens(title: str) -> list[tuple[str, int]]:
    found = []
    for match in _STRIPPED_CHUNK.finditer(title):
        text = match.group(1)
        found.append((text[:-2] if text.endswith(("'s", "’s")) else text, match.start(1)))
    return found


# A voltage-gated channel by its ion and subfamily ("Nav1.8", "NaV1.8", "Kv1.3", "KV1.3"), the
# "v" in either case.
_CHANNEL_NAME = re.compile(r"^([A-Z][a-z]?)[vV]([0-9]{1,2}\.[0-9]{1,2})$")
# A hyphenated symbol with an allele written onto it: HLA-A2, HLA-A*0201, HLA-B*5703.
_ALLELE_STEM = re.compile(
    r"^([A-Za-z0-9]+-[A-Za-z]+)(?:\*[0-9][0-9:]*|[0-9]+(?:\.[0-9]+)?)$"
    r"|^([A-Za-z][A-Za-z0-9]+)\*[A-Z]?[0-9][0-9A-Z:.]*$"  # a star allele: ALDH2*2, CYP2D6*4,
    # the microsatellite alleles of MICA (MICA*A5.1)
)


def _pieces(text: str, start: int) -> list[tuple[str, int, int, int]]:
    """Every run of dash-separated parts of a token (`HLA-A-restricted` → `HLA-A`, `HLA`, …),
    as (text, offset, first part, last part)."""
    parts, at = [], 0
    for piece in _DASHES.split(text):
        parts.append((piece, at))
        at += len(piece) + 1
    runs = []
    for i in range(len(parts)):
        for j in range(i, len(parts)):
            begin = parts[i][1]
            end = parts[j][1] + len(parts[j][0])
            piece = text[begin:end]
            if piece and not _DASHES.match(piece[0]):
                runs.append((piece, start + begin, i, j))
    return runs


def _variants(piece: str) -> tuple[str, ...]:
    """The names a piece may be written for: itself, upper case for mouse-style `Upf3b`, and
    without the letter for human (`hPER2`, `hTERT`; not `mTORC1`: an `m` is as often a word's)."""
    if "/" in piece or "(" in piece:  # "C/EBPα" for CEBPA, "5-HT(2C)" for the alias 5-HT2C
        return (piece, *_variants(piece.replace("/", "").replace("(", "").replace(")", "")))
    steroid = _HYDROXYSTEROID.match(piece)
    if steroid:  # "11b-HSD1", "17beta-HSD3" for HSD11B1, HSD17B3
        return (piece, f"HSD{steroid.group(1)}B{steroid.group(2)}")
    cytochrome = _CYTOCHROME_P450.match(piece)
    if cytochrome:  # "P4501A1", "P450-2D6" for CYP1A1, CYP2D6
        return (piece, "CYP" + cytochrome.group(1).upper())
    micro = _MICRO_RNA.match(piece)
    if micro:  # "miR-155", "microRNA-20a", "miR-124-2" for MIR155, MIR20A, MIR124-2; a name
        # two paralogs share is the first's, as HGNC gives it ("miR-29b" of MIR29B1, not MIR29B2)
        number = micro.group(1).upper()
        return (piece, f"MIR{number}", f"MIR{number}A", f"MIR{number}-1", f"MIR{number}1")
    channel = _CHANNEL_NAME.match(piece)
    if channel:  # "NaV1.8", "KV1.3": a voltage-gated channel's name, HGNC writing "Nav1.8"
        return tuple(
            dict.fromkeys((piece, f"{channel[1]}v{channel[2]}", f"{channel[1]}V{channel[2]}"))
        )
    weighed = _WEIGHT_PREFIXED.match(piece)
    if weighed:  # "p50csk", "p60c-src": a protein by its mass in kDa, then its gene's symbol
        return (piece, weighed.group(1).upper())
    if _LOWER_THEN_CAPITALS.match(piece):  # "mTOR", "eIF4E" as MTOR, EIF4E; "hTERT" as TERT
        if piece[0] == "h" or (piece[0] in _SPECIES_LETTERS and _DIGIT.search(piece)):
            return (piece, piece.upper(), piece[1:])  # "mCRY1", "rPER2": a mouse's, a rat's
        return (piece, piece.upper())
    apo = _APOLIPOPROTEIN.match(piece)
    if apo:  # "apoA-I", "apoC-III", "ApoB-100", "apoE4" for APOA1, APOC3, APOB, APOE
        letter, number = apo.group(1).upper(), apo.group(2) or ""
        number = _ROMAN_NUMBERS.get(number.upper(), number)
        numbered = (f"APO{letter}{number}",) if number and len(number) == 1 else ()
        return (*numbered, f"APO{letter}", piece)  # the symbol first: "ApoC-III" is also an
        # alias of APOC3 as written, which alone would need a word for a gene beside it
    ras = _RAS_PREFIX.match(piece)
    if ras:  # "K-ras", "Ki-ras", "Ha-ras" for KRAS, HRAS: the letter of the rat sarcoma virus
        return (piece, ras.group(1)[0] + ras.group(2).upper(), piece.upper())
    if piece.startswith("C-") and piece[2:].islower() and len(piece) >= 5:
        piece = "c" + piece[1:]  # "C-kit inhibition": c-kit written with a capital, as titles do
    oncogene = _ONCOGENE_PREFIX.match(piece)
    if oncogene:  # "c-Myc", "v-Src" for MYC, SRC; "N-Myc" for MYCN (alias N-myc), not MYC
        written = (piece, piece[0] + "-" + piece[2:].lower(), piece.upper())
        return written + ((oncogene.group(1).upper(),) if piece[0] in "cv" else ())
    spelled = _spelled(piece)
    greek = _GREEK_SUFFIX.match(spelled)
    if greek:  # "TNFalpha", "PPARγ", "HIF-1α": TNF, PPAR, HIF1, then TNFA, PPARG, HIF1A
        stem = greek.group(1).upper()
        bare = stem.replace("-", "")
        letter = greek.group(2)[0].upper()
        # The letter's gene first: "PPARγ" is PPARG, though "PPAR" alone is an alias of PPARA;
        # "ERβ" is ER-beta (ESR2), not ERB.
        named = f"{stem}-{greek.group(2)}"
        # A stem of one or two letters alone ("Ib" of "glycoprotein Ibalpha") is no name, nor a
        # stem of letters before a Latin letter read as Greek that names nothing with it ("RFId":
        # an RFID tag, not RFI; "TNFa" is TNFA's, found above); after a number the letter is an
        # isoform's ("CACNB2b", "Pitx2c"), of the stem's gene.
        latin = spelled != piece and piece[-1] in _LATIN_GREEK and not bare[-1:].isdigit()
        stems = (stem, bare) if len(bare) >= 3 and not latin else ()
        return tuple(dict.fromkeys((piece, spelled, named, stem + letter, bare + letter, *stems)))
    has_digit = bool(_DIGIT.search(piece))
    if not has_digit and piece[0] != "h":
        return (piece,)
    member = _GREEK_BEFORE_NUMBER.match(spelled)
    if member:  # "PLCgamma2", "PKCbeta1" for PLCG2, PRKCB1's alias PKCB1: the letter's initial
        return (piece, member.group(1).upper() + member.group(2)[0].upper() + member.group(3))
    deleted = _DELETION_ALLELE.match(piece)
    if deleted:  # "CCR5delta32", "CCR5Δ32": the gene's deletion allele
        return (piece, deleted.group(1))
    changed = _GLUED_CHANGE.match(piece)
    if changed:  # "BRAFV600E", "KRASG12C", "EGFRex20ins": the gene and its variant, glued
        return (piece, changed.group(1))
    variants = [piece]
    if (
        has_digit
        and piece != piece.upper()
        and not _POSITION.match(piece)
        and not _FORMULA.match(piece)
    ):
        variants.append(piece.upper())
    if has_digit and _LETTERS_DASH_NUMBER.match(piece):  # "IL-6", "Bcl-2" for IL6, BCL2
        joined = piece.replace("-", "")
        variants += [joined, joined.upper()]
    if has_digit and "ORF" in piece:  # "C10ORF97" for C10orf97
        variants.append(piece.replace("ORF", "orf"))
    if has_digit and piece[0] == "H" and piece.isupper() and len(piece) >= 4:
        variants.append("h" + piece[1:])  # "HMSH2" for the alias hMSH2
    if _ISOFORM_LETTER.match(piece):  # "OCT4A", an isoform of OCT4 (POU5F1), when no name itself
        variants.append(piece[:-1])
    if (
        len(piece) >= 4
        and piece[0] == "h"
        and piece[1].isupper()
        and (has_digit or piece[1:].isupper())
    ):
        variants += [v[1:] for v in variants if v[0] == "h"]
    return tuple(dict.fromkeys(variants))


# A symbol with its protein change or exon glued on ("BRAFV600E", "IDH1R132H", "PIK3CAH1047R",
# "EGFRex20ins", "METex14"): three characters of the symbol at least, so no cell line's code
# ("HEK293T", "MCF7") and no strain's.
_GLUED_CHANGE = re.compile(
    r"^([A-Z][A-Z0-9]{2,9}?)(?:[ACDEFGHIKLMNPQRSTVWY][0-9]{1,4}[ACDEFGHIKLMNPQRSTVWY*]"
    r"|ex[0-9]{1,2}(?:ins|del|skip(?:ping)?)?)$"
)
# A protein's mass before its gene's symbol in lower case, as older titles name proteins
# ("p50csk", "p56lck", "p60c-src", "p185neu"): three letters at least, so not "p16a".
_WEIGHT_PREFIXED = re.compile(r"^p[0-9]{2,3}(?:[cv]-)?([a-z]{3,}[0-9]?)$")
# A lower-case letter and a number name a place, not a protein by its mass as `p53` does: a
# chromosome band (`i(7)(q10)`), a globin's helix position (`g18`), an exon (`e4`). Such a piece
# is only the name written so, not an upper-case alias (`Q10`, `G18`).
_POSITION = re.compile(r"^[a-oq-z][0-9]+$")
_LOWER = re.compile(r"[a-z]")
_UPPER = re.compile(r"[A-Z]")
# A chemical formula ending in a two-letter element and its count ("CCl4", "CHCl3", "CdCl2"; not
# "PLCb1", a Latin letter for beta): its case is the chemistry's, not a mouse-style symbol's, so
# it is not read in capitals (CCL4).
_FORMULA = re.compile(
    r"^(?:[A-Z][a-z]?){1,2}(?:Cl|Br|Cd|Hg|Zn|Fe|Co|Ni|Cu|Mn|Mg|Ca|Na|Al|Pb|Sn|Cr)[0-9]$"
)


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]{3,}\b")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


def _title_case(title: str) -> bool:
    """Whether the title capitalises its words ("Artery Tertiary Lymphoid Organs Control …"), so
    that a capital says nothing of a name."""
    capitalised = len(_CAPITALISED_WORD.findall(title))
    return capitalised >= 3 and capitalised > len(_LOWER_WORD.findall(title))


def _shouting(title: str) -> bool:
    upper = len(_UPPER.findall(title))
    return upper >= 12 and upper >= 0.7 * (upper + len(_LOWER.findall(title)))


class _Token(NamedTuple):
    text: str
    start: int
    before: str  # the normalised word before the token ("mutation in X": the word before "in"), "" at the start
    after: str  # the normalised word after it
    hyphened: frozenset  # normalised words joined to the name by a hyphen ("XLMR-deficient")
    receptor_follows: bool = False  # "receptor" follows, after at most a subtype ("type II")


def _title_tokens(title: str) -> list[_Token]:
    """The tokens that may be gene names, with the words around them. A token with neither a
    capital nor a digit is none (lower-case aliases count only in capitals, symbols have one)
    unless an oncogene's `c-` marks it (`c-myb`), nor is a cell marker; a suspended hyphen is
    dropped as `tokens` does, a knockout's `-/-` says "gene" (`ApoE-/- mice`)."""
    found = _raw_tokens(title)
    if "/" in title or "(" in title or "RNA " in title or "miR " in title:
        found = _joined(title, found)
    last = len(found) - 1
    result = []
    receptors = "eceptor" in title  # only then can a token be a receptor's ligand
    for i, (text, start) in enumerate(found):
        if (
            text.islower() and not _DIGIT.search(text) and not _ONCOGENE_PREFIX.match(text)
        ) or "+" in text:
            continue
        after = found[i + 1][0] if i < last else ""
        if len(after) == 1 and after.isupper() and text.lower().endswith(_GREEK_ENDINGS):
            continue  # "NF-kappa B": the name goes on
        if (
            text[-1] in "-−"
            and _CD_MARKER.match(text[:-1])
            and title[start + len(text) : start + len(text) + 2] not in ("/-", "/−")
            and _MARKED_AFTER.match(title, start + len(text))
        ):
            continue  # "CD14- myeloid-derived suppressor cells": a marker's sign, as "CD8+"; not
            # "CD40- and CD28-deficient mice" (a suspended hyphen), "CD36-/- mice" (a knockout)
        if text[-1] in "-−":
            end = start + len(text)
            knockout = title[end : end + 2] == "/-"
            following = after.lower()
            if (
                not knockout
                and following not in _SUSPENDED
                and not following.endswith(_COMPOUND_ENDINGS)
            ):
                continue
            text = text.rstrip("-−")
            if not text:
                continue
            if knockout:
                after = "knockout"
        elif after in _ARTICLES and _APPOSITION.match(title, start + len(text)):
            after = "protein"  # "XCE, a new member of the … family": a protein introduced
        receptor_glued = text.endswith(_RECEPTOR_GLUED) and len(text) > 10
        if receptor_glued:  # "EGF-receptor signalling" as "EGF receptor"
            text, after = text[: text.rindex("-")], "receptor"
        if _VARIANT_NOTATION.match(after):
            after = "variant"  # "TNFA -308G>A", "IL6 rs1800795", "ATTR Val30Met", "HERG R176W":
            # a variant of the gene
        before = normal_word(found[i - 1][0]) if i else ""
        if before in _LINKS and i >= 2:
            before = normal_word(found[i - 2][0])
        if "-" in text or "‐" in text or "‑" in text or "–" in text or "—" in text:
            hyphened = frozenset(normal_word(p) for p in _DASHES.split(text)[1:] if p)
        else:
            hyphened = _NO_WORDS
        receptor = bool(receptor_glued) or (
            receptors
            and _receptor_after(
                [w for chunk, _ in found[i + 1 : i + 4] for w, _, _ in normal_words(chunk)], 0
            )
        )
        result.append(
            _Token(
                text,
                start,
                before,
                normal_word(after) if after else "",
                hyphened,
                bool(receptor),
            )
        )
    return result


_NO_WORDS: frozenset = frozenset()


# What a title says of genes and their products, anywhere in it ("… drugs that bind VEGF",
# "TWIST and FGFR mutations"): with such a word, an alias that abbreviates its gene's name counts
# though no word for a gene stands beside it; without one ("FISH in childhood leukemia", "the
# TNM staging manual", "REM sleep") a bare acronym is more likely another field's.
@functools.lru_cache(maxsize=256)
def _on_genes(title: str) -> bool:
    """Whether the title speaks of genes or their products (_MOLECULAR_TITLE); asked only for a
    title with an alias that abbreviates its gene's name, once a title."""
    return bool(_MOLECULAR_TITLE.search(title))


_MOLECULAR_TITLE = re.compile(
    r"\b(?:genes?|proteins?|mutations?|mutants?|variants?|receptors?|kinases?|promoters?|mRNAs?"
    r"|(?:hyper)?phosphorylat\w*|signall?ing|pathways?|bind(?:s|ing)?|interact\w*|ubiquitin\w*"
    r"|aggregat\w*|antibod\w*|knock(?:down|out)|deficien\w*|transcription\w*|express\w*"
    r"|inhibit\w*|activat\w*|regulat\w*|degradation)\b",
    re.IGNORECASE,
)
_RECEPTOR_GLUED = ("-receptor", "-receptors")
_VARIANT_NOTATION = re.compile(
    r"^(?:[-−]?[0-9]+[ACGT]>[ACGT]|rs[0-9]{3,}|[cgp]\.[0-9A-Z].*"
    r"|(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val)[0-9]{1,4}"
    r"(?:Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Ter)"
    r"|[ACDEFGHIKLMNPQRSTVWY][0-9]{2,4}[ACDEFGHIKLMNPQRSTVWY*X])$"
)
_ARTICLES = frozenset({"a", "an"})
# A name introduced by an apposition, as titles announce a protein found.
_APPOSITION = re.compile(
    r", an? (?:(?:novel|new|candidate|putative) |(?:[\w/-]+ ){0,4}(?:protein|kinase|enzyme)\b)"
)
_GREEK_ENDINGS = ("alpha", "beta", "gamma", "delta", "kappa")
# What may follow a name in parentheses without a space, as part of it: a subtype ("5-HT(2C)").
_GLUED_SUBTYPE = re.compile(r"\(([0-9][0-9A-Za-z]{0,2})\)(?![0-9A-Za-z])")


def _joined(title: str, found: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Tokens with a name that a slash, parentheses or a space split joined again: a single
    capital before a slash (`C/EBPα`, `C/EBPbeta`), a subtype in parentheses (`5-HT(2C)`) and a
    microRNA's number after its word (`MicroRNA 29b`)."""
    joined: list[tuple[str, int]] = []
    skip = False
    for (text, start), (following, at) in zip(found, [*found[1:], ("", -1)]):
        if skip:
            skip = False
            continue
        end = start + len(text)
        if len(text) == 1 and text.isupper() and at == end + 1 and title[end] == "/":
            joined.append((title[start : at + len(following)], start))
            skip = True
            continue
        if (
            text in _MICRO_RNA_WORDS
            and at == end + 1
            and title[end] == " "
            and _MICRO_RNA_NUMBER.fullmatch(following)
        ):
            joined.append((title[start : at + len(following)], start))
            skip = True
            continue
        glued = _GLUED_SUBTYPE.match(title, end) if at == end + 1 else None
        if glued and following == glued.group(1) and not text.islower():
            joined.append((title[start : glued.end()], start))
            skip = True
            continue
        joined.append((text, start))
    return joined


def _spelled_out(
    title: str, title_words: Sequence[tuple[str, int, int]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Acronyms the title defines in parentheses: `long QT syndrome (LQTS)` → {LQTS: "long qt syndrome"}.
    An acronym counts as defined when the initials of the words before it spell it; apart, those
    whose letters the words before it only hold in order ("polycystic ovary syndrome (PCOS)")."""
    defined: dict[str, str] = {}
    loosely: dict[str, str] = {}
    for match in _PARENTHESISED.finditer(title):
        acronym = match.group(1)
        letters = [c.lower() for c in acronym if c.isalpha()]
        words = [w for w, _, end in title_words if end <= match.start() and not w.isdigit()]
        if (
            len(words) >= len(letters)
            and [w[0] for w in words[len(words) - len(letters) :]] == letters
        ):
            defined[acronym] = " ".join(words[len(words) - len(letters) :])
        elif len(letters) >= 2:
            loose = _letters_in_order(letters, words)
            if loose:
                loosely[acronym] = loose
    # and the other way round: `PAH (pulmonary arterial hypertension)`
    for match in _SPELLED_AFTER.finditer(title):
        acronym = match.group(1)
        letters = [c.lower() for c in acronym if c.isalpha()]
        words = [w for w, _, _ in normal_words(match.group(2)) if not w.isdigit()]
        if len(letters) >= 2 and [w[0] for w in words] == letters:
            defined[acronym] = " ".join(words)
    return defined, loosely


def _letters_in_order(letters: list[str], words: list[str]) -> str:
    """The shortest run of words right before an acronym that holds its letters in order, the
    first starting the run ("polycystic ovary syndrome" for PCOS, "cyclophosphamide" for CYP,
    "electroencephalography" for EEG), as Schwartz and Hearst's algorithm for abbreviation
    definitions finds them; "" when none does within as many words as it has letters and a few."""
    run = words[max(0, len(words) - min(len(letters) + 5, 2 * len(letters))) :]
    text = " ".join(run)
    at = len(text) - 1
    for i in range(len(letters) - 1, -1, -1):
        letter = letters[i]
        while at >= 0 and (text[at] != letter or (i == 0 and at > 0 and text[at - 1] != " ")):
            at -= 1
        if at < 0:
            return ""
        at -= 1
    return text[at + 1 :]


_SPELLED_AFTER = re.compile(r"\b([A-Za-z][A-Za-z0-9-]{1,11}) \(([A-Za-z][^()]{4,80})\)")


def _counts(
    piece: str, kinds: set[str], token: _Token, shouting: bool, spelled: bool = False
) -> bool:
    """Whether a piece matching a gene name of these kinds is surely that gene, here. `spelled`:
    the piece is an alias that abbreviates its gene's name (`NameIndex.spelled_aliases`), in a
    title on genes or proteins (`_on_genes`)."""
    if "/" in piece or "(" in piece:  # "C/EBPα", "5-HT(2C)": judged as the name they write
        piece = piece.replace("/", "").replace("(", "").replace(")", "")
    # A Greek letter glued on ("TNFalpha") marks a gene product as surely as a number does.
    # So does an oncogene's prefix ("N-Myc", "c-myb").
    has_digit = (
        any(c.isdigit() for c in piece)
        or bool(_GREEK_SUFFIX.match(_spelled(piece)))
        or bool(_ONCOGENE_PREFIX.match(piece) or _RAS_PREFIX.match(piece))
    )
    if len(piece) < 2 or not any(c.isalpha() for c in piece):
        return False
    if piece in ABBREVIATIONS and not (
        "symbol" in kinds and piece.isupper() and token.after in _GENE_WORDS
    ):
        return False  # "CAD patients", "SPR imaging"; but an approved symbol right before a word
        # for a gene is the gene ("CAD mutations", "SPR mutations"; not "mutations in CAD")
    if _BOUND_HYPHENED & token.hyphened:
        return False  # "GATA-binding proteins", "TRAF-interacting": another protein, named after it
    if _GREEK_AND_NUMBER.match(piece):
        return False  # "alpha1", "beta-2": a subunit's or a class's designator, not a gene
    if "symbol" not in kinds and _MEMBER_CODE.match(piece) and token.before.endswith(_FAMILY_ENDS):
        return False  # "1A1" of "UDP-glucuronosyltransferase 1A1", "2D6": a member's code after
        # its family's name, not the alias (of SLC45A2) that a clone's name made
    if shouting and not has_digit:
        return False
    # "CFTR-related disorders", "ALK-positive lymphoma": the word after is the compound's head,
    # said of the gene named, not what makes the name a disease's or a strain's.
    compound = bool(_COMPOUND_PARTICIPLES & token.hyphened)
    if (
        (token.after in _NOT_GENE_AFTER and not compound) or _AGENT_HYPHENED & token.hyphened
    ) and not has_digit:
        return False  # "NOD mice", "SCX-based approach"
    if token.after in _FAMILY_WORDS:
        return False  # "the Bcl-2 family", "TGFb superfamily": a family named after it
    if token.after.removesuffix("like") in _MOBILE_AFTER and "symbol" not in kinds:
        return False  # "Tel-1 transposon-like elements": a mobile element, not TEL1 (ATM)
    if (token.after in _PART_AFTER or _PART_AFTER & token.hyphened) and (
        not has_digit or len(piece) <= 3
    ):
        return False  # "SET domain", "C2 domain", "GAA repeats": a protein's domain, a DNA
        # sequence (a domain's type with a number is as short: C1, C2, PB1)
    if _NUCLEOTIDES.match(piece) and (
        token.after in _SEQUENCE_AFTER or _SEQUENCE_AFTER & token.hyphened
    ):
        return False  # "the GC box", "GC-rich", "TG dinucleotide": bases, not GC or TG
    if token.after in _PLACE_AFTER:
        return False  # "the CA1 region", "V1 area": a brain's or a body's place
    if token.after in _DISEASE_AFTER and not compound:
        return False  # "DMD patients", "LQT3 families", "MEN1 syndrome": the disease
    if "symbol" in kinds:
        return True
    if token.after in _DRUG_AFTER and not has_digit:
        return False  # "PKC inhibitors": an alias of letters only before "inhibitor" may be a
        # class's; one with a number ("COX-2 inhibitors", "the VEGFR-2 inhibitor") names the
        # drugs' one target, as the criterion reads them, and so does a symbol's ("EGFR")
    if has_digit:
        # "A23", "H2": an antigen's or a histone's letter and number, no name; but beside a
        # word for a gene it is one: "P53 mutations" (p53 capitalised, a protein named by its
        # mass), "A20 deficiency" (TNFAIP3); "P300 amplitude" is not
        if _LETTER_DIGITS.match(piece):
            return len(piece) >= 3 and piece not in _VITAMINS and _beside_gene_word(token)
        return len(piece) >= 3
    # An alias of letters only: in capitals (`Met` is no alias use), beside a word that says gene;
    # or one that abbreviates its gene's name, standing alone in a title on genes and proteins.
    if spelled and piece == token.text:
        return True
    return (
        len(piece) >= 3
        and sum(c.isupper() for c in piece) >= 2
        and bool(
            {token.before, token.after, *token.hyphened} & _GENE_WORDS
            or _GENE_STATE_HYPHENED & token.hyphened
            or token.before in _PROTEIN_CLASS_BEFORE
        )
    )


def _is_symbol(text: str, index: NameIndex) -> bool:
    """Whether the text is an approved symbol as written ("glucose phosphate isomerase (GPI)":
    an enzyme spelled out before its own symbol, in a wording the names lack)."""
    return any(kind == "symbol" for _, kind in index.names(text))


def _beside_gene_word(token: _Token) -> bool:
    return bool({token.before, token.after, *token.hyphened} & _GENE_WORDS)


# Words that make a phrase a protein's name though the index lacks it ("secreted protein acidic
# and rich in cysteine (SPARC)"): a protein's head word, or an enzyme's ending.
_PROTEIN_HEAD_WORDS = _GENE_WORDS | frozenset(
    normal_word(w)
    for w in """
    factor enzyme channel transporter antigen ligand homolog hormone peptide receptor
    """.split()
)
# English words with an enzyme's ending.
_NOT_ENZYMES = frozenset("disease release increase decrease database phase base case".split())


def _names_a_protein(phrase: str) -> bool:
    return any(
        w in _PROTEIN_HEAD_WORDS or (w.endswith("ase") and w not in _NOT_ENZYMES)
        for w in phrase.split()
    )


def _names_an_event(phrase: str, token: _Token) -> bool:
    """Whether an acronym's definition names what befalls genes, not a gene: its last word is
    such an event ("repeat-induced point mutation (RIP)": the word for a gene beside the acronym
    is its own), and no word for a gene follows the acronym."""
    return phrase.split()[-1] in _GENE_EVENTS and token.after not in _GENE_WORDS


# What befalls a gene, as the last word of a process's name.
_GENE_EVENTS = frozenset(
    normal_word(w)
    for w in """
    mutation deletion duplication amplification rearrangement polymorphism expression
    methylation phosphorylation silencing knockdown overexpression
""".split()
)


def other_gene_mentions(title: str, index: NameIndex) -> list[Mention]:
    """Genes the title surely names, left to right: full names, then symbols and aliases
    outside them; the longest name wins inside a token."""
    if "<" in title:
        title = blank_markup(title)
    words = normal_words(title)
    mentions = _full_name_mentions(title, words, index)
    if "ubunit" in title:
        mentions += _subunit_mentions(title, words, index)
    if "gene" in title:
        mentions += _named_for_disease(title, words, index, mentions)
    if ")" in title:
        mentions += _acronym_before_number(title, words, index, mentions)
    covered = [(m.start, m.start + len(m.text)) for m in mentions]
    shouting = _shouting(title)
    defined, loosely = _spelled_out(title, words) if "(" in title else ({}, {})
    prostanoids = "staglandin" in title or "STAGLANDIN" in title
    for token in _title_tokens(title):
        if any(begin <= token.start < end for begin, end in covered):
            continue
        spelled = defined.get(token.text)
        loose = loosely.get(token.text, "")
        if (
            not spelled
            and loose
            and (
                _names_an_event(loose, token)
                or (not _beside_gene_word(token) and not _names_a_protein(loose))
            )
        ):
            spelled = loose  # "the CLD gene": a gene whatever its name spells
        if (
            spelled
            and not _DIGIT.search(token.text)
            and token.after not in _SAYS_GENE
            and not (index.phrase_matches(spelled.split()) or index.family_matches(spelled.split()))
            and not (_names_a_protein(spelled) and _is_symbol(token.text, index))
        ):
            continue  # an acronym the title spells out, and not as a gene's name; before a word
            # for a gene it is the gene named after what it spells ("Duchenne muscular dystrophy
            # (DMD) gene")
        mention = _token_mention(token, index, shouting, title)
        if (
            mention
            and mention.kind != "symbol"
            and not _beside_gene_word(token)
            and (
                (spelled and _names_disease([w for w in spelled.split() if w != "type"]))
                or (
                    token.before in _MODEL_OF
                    and _LOCUS_SHAPED.match(mention.text)
                    and _PHRASE_ENDS.match(title, token.start + len(token.text))
                )
                or _locus_of_named_disease(mention.text, mention.start, words)
            )
        ):
            continue  # "spinal cerebellar ataxia 3 (SCA3)", "a heart model of LQT3", "hereditary
            # spastic paraplegia SPG4": the disease's locus, not ATXN3, SCN5A or SPAST (aliases);
            # an approved symbol stays the gene ("Bardet-Biedl syndrome 1 (BBS1)")
        if (
            mention
            and (
                mention.text == token.text
                or (
                    _LINE_NUMBER.fullmatch(
                        token.text, mention.start - token.start + len(mention.text)
                    )
                    and not mention.text.islower()  # "spt16-18 cells": a yeast gene's allele
                )
            )
            and (
                _CELL_LINE.match(title, token.start + len(token.text))
                or (
                    _LINE_NAME.match(token.text)
                    and _CANCER_CELL_LINE.match(title, token.start + len(token.text))
                )
            )
        ):
            continue  # "C6 glioma cells", "CT-26 cells", "MDA-MB-231 cells", "MDA-MB-231 Breast
            # Cancer Cells": a cell line named like a gene, whole or as a part before the line's
            # number (MB, myoglobin)
        if mention and _TAG_AFTER.match(title, mention.start + len(mention.text)):
            continue  # "MBP-tagged proteins", "the MBP tag": maltose-binding protein, a tag, not
            # MBP; the protein tagged ("Flag-tagged-TIGAR") is named
        if mention and prostanoids and _PROSTANOID_BEFORE.search(title, 0, mention.start):
            continue  # "prostaglandin F2 alpha", "prostaglandin D2, E2 or F2": a prostanoid's
            # series letter and number, not F2 (prothrombin)
        if mention and _VIRUS_BEFORE.search(title, max(0, mention.start - 20), mention.start):
            continue  # "HCV NS3", "HIV-1 Tat", "influenza virus NS1": the virus's protein
        if mention and _COMPARED_WITH.search(title, max(0, mention.start - 40), mention.start):
            continue  # "a new paralogue of XRCC4", "a protein homologous to p65": what a new
            # protein is compared with, not named (the criterion's comparators); "the mouse
            # homologue of BRCA1" is BRCA1 in the mouse, named
        if mention and _HYPERSENSITIVE_SITE.match(mention.text) and not _beside_gene_word(token):
            continue  # "the HS2 enhancer", "3'HS1": a DNase I hypersensitive site, not HS2 (SPTB)
        if (
            mention
            and _FLUORESCENT.match(mention.text)
            and not {token.before, token.after, *token.hyphened} & _GENE_NOT_PRODUCT
        ):
            continue  # "CFP fusion proteins", "RFP-tagged": a fluorescent protein, not CFP
            # (properdin) or RFP (TRIM27); "CFP deficiency" is the gene
        if mention and mention.kind == "alias":
            mention = _as_family(mention, index)
        if mention:
            mentions.append(mention)
    if not index.lower_aliases.keys().isdisjoint([w for w, _, _ in words]):
        mentions += _lower_case_mentions(title, index, mentions)
    if ("tau" in title or "Tau" in title or "TAU" in title) and _NEURODEGENERATION.search(title):
        mentions += _tau_mentions(title, index, mentions)
    if ")" in title and _GLOBIN_POSITION.search(title):
        globins = _globin_chain_mentions(title, index, mentions)
        places = [(g.start, g.start + len(g.text)) for g in globins]
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in places)]
        mentions += globins  # the helix's place ("(C5)", "(F8)") is no gene's name
    if " and " in title or "," in title or "/" in title or " or " in title:
        mentions += _coordinated_members(title, mentions, index)
    if "iso" in title or "Iso" in title or "ISO" in title:  # "Isozymes" in a title-case title
        mentions += _numbered_isoforms(title, words, index, mentions)
    if "RNP" in title:
        mentions += _spaced_members(title, index, mentions)
    return _without_appositions(title, sorted(mentions, key=lambda m: m.start))


def _numbered_isoforms(
    title: str, words: Sequence[tuple[str, int, int]], index: NameIndex, found: list[Mention]
) -> list[Mention]:
    """Members named as an enzyme's numbered isoforms ("isocitrate dehydrogenase isoforms 1 and
    2", "carbonic anhydrase isozymes II and IX", "protein kinase C isoforms alpha and epsilon"):
    each number with the name before the word, when every number makes a name of one gene's."""
    mentions: list[Mention] = []
    plain = [w for w, _, _ in words]
    for at, word in enumerate(plain):
        if word not in _ISOFORM_WORDS:
            continue
        numbers = []
        for after in range(at + 1, len(plain)):
            if plain[after].isdigit() or plain[after] in _GREEK_MEMBERS:
                numbers.append(after)
            elif plain[after] not in ("and", "or") or not numbers:
                break
        if not numbers:
            continue
        end = at - 1 if at and plain[at - 1] == "enzyme" else at
        for first in range(max(0, end - _LONGEST_STEM), end):
            stem = " ".join(plain[first:end])
            named = [index.phrases.get(f"{stem} {plain[n]}") for n in numbers]
            genes = [gene for gene in named if isinstance(gene, int)]  # one gene's name each
            if len(genes) < len(numbers):
                continue
            if _inside(found, words[first][1]):
                break
            for count, (number, gene) in enumerate(zip(numbers, genes)):
                begin = words[first][1] if count == 0 else words[number][1]
                mentions.append(
                    Mention(title[begin : words[number][2]], stem, begin, (gene,), "full name")
                )
            break
    return mentions


def _spaced_members(title: str, index: NameIndex, found: list[Mention]) -> list[Mention]:
    """A ribonucleoprotein's family letters and its member's letter written apart ("hnRNP K",
    "hnRNP A2B1"): the gene whose approved symbol the two make."""
    mentions = []
    for spaced in _SPACED_RNP.finditer(title):
        symbol = (spaced.group(1) + spaced.group(2)).upper()
        genes = tuple(e for e, kind in index.names(symbol) if kind == "symbol")
        if genes and not _inside(found, spaced.start()):
            mentions.append(Mention(spaced.group(), symbol, spaced.start(), genes, "symbol"))
    return mentions


_SPACED_RNP = re.compile(r"\b((?:hn|sn)RNP)[ \-‐‑–]([A-Z][0-9]?(?:[A-Z][0-9])?)\b")


# Words for the numbered forms of one enzyme that genes of their own make, and the Greek letters
# that number some ("protein kinase C isoforms alpha and epsilon").
_ISOFORM_WORDS = frozenset({"isoform", "isozyme", "isoenzyme"})
_GREEK_MEMBERS = frozenset(
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu".split()
)


def _locus_of_named_disease(text: str, start: int, words: Sequence[tuple[str, int, int]]) -> bool:
    """Whether a locus-shaped name abbreviates a disease the title names ("SPG15" and "hereditary
    spastic paraplegia", "DYT1" and "primary dystonia", "CMT2A" and "Charcot-Marie-Tooth
    disease"): its letters lie in order in the disease's name, the first starting a word; the
    name's own words are not the disease's ("JNK1 mediates apoptosis")."""
    locus = _LOCUS_LETTERS.match(text)
    if not locus:
        return False
    letters = list(locus.group(1).lower())
    end = start + len(text)
    plain = [w if not (begin < end and start < finish) else "" for w, begin, finish in words]
    for at, word in enumerate(plain):
        if _DISEASE_NAME_END.search(word) and _letters_in_order(
            letters, plain[max(0, at - 3) : at + 1]
        ):
            return True
    return False


# A disease locus's name: letters and the locus's number ("SPG4", "DYT1", "CMT2A", "LQT3").
_LOCUS_LETTERS = re.compile(r"^([A-Z][A-Za-z]{1,5})[0-9]{1,2}[A-Z]?$")
# The last word of a disease's name, for the loci named after it.
_DISEASE_NAME_END = re.compile(
    r"(?:plegia|tonia|parkinsonism|trophy|pathy|syndrome|disease|ataxia|dystrophy|neuropathy)$"
)


def _coordinated_members(title: str, found: list[Mention], index: NameIndex) -> list[Mention]:
    """Members named by their number alone after a name and "and", "or", a comma or a slash, the
    rest of the name understood ("collagens I and II", "MMP-2 and -9", "TLR3, 7 and 9",
    "interleukins 4 and 13"): each number with the name's stem, when that is a name too."""
    extra: list[Mention] = []
    for plural in _PLURAL_STEM.finditer(title):  # "Smads 2, 3, and 4": the first member too
        stem, number = plural.group(1), plural.group(2)
        for written in (stem + number, stem.upper() + number):
            named = index.names(written)
            if named and any(kind == "symbol" for _, kind in named):
                start = plural.start()
                if not any(m.start <= start < m.start + len(m.text) for m in found):
                    found = [
                        *found,
                        Mention(plural.group(), written, start, (named[0][0],), "symbol"),
                    ]
                    extra.append(found[-1])
                break
    for mention in found:
        stem, numbered = _member_stem(mention, index)
        if not stem:
            continue
        at = mention.start + len(mention.text)
        listed = False  # a member already read after this name: the list goes on
        while True:
            coordinated = _COORDINATED.match(title, at)
            if not coordinated:
                break
            number, dash = coordinated.group(2), coordinated.group(1)
            roman = not number[0].isdigit()
            if roman and mention.kind not in ("full name", "family"):
                break  # "TLR3 and II": no member of a symbol is written in roman numerals
            if (
                not dash
                and not roman
                and not listed
                and "/" not in coordinated.group()
                and not _ENDS_A_NAME.match(title, coordinated.end())
            ):
                break  # "IL-6 and 8 patients": a count, not a member
            genes = numbered(number)
            if not genes:
                break
            start = coordinated.start(1) if dash else coordinated.start(2)
            if all(other.start != start for other in extra):  # a name read twice, once here
                extra.append(
                    Mention(title[start : coordinated.end()], stem, start, genes, mention.kind)
                )
            at = coordinated.end()
            listed = True
    return extra


# After a name ending in a member's number: another member's number alone, after "and", "or", a
# comma or a slash, maybe with the dash the name had ("MMP-2 and -9").
_COORDINATED = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|\s*/\s*)([-‐]?)([0-9]{1,3}[a-z]?|[IVX]{1,5})(?![\w-])"
)
# A symbol's letters in the plural and a member's number, a list of members to follow ("Smads 2,
# 3, and 4", "TLRs 2 and 4").
_PLURAL_STEM = re.compile(r"\b([A-Z][A-Za-z]{1,6}?)s ([0-9]{1,2})(?=,| and | or )")
# A symbol or alias ending in its member's number, and its stem ("TLR3": "TLR"; "MMP-2": "MMP-").
_SYMBOL_NUMBER = re.compile(r"^(.*?[A-Za-z-])([0-9]+[A-Za-z]?)$")
# What may follow a bare number that is a member's, not a count ("IL-6 and 8 patients").
_ENDS_A_NAME = re.compile(
    r"\s*(?:$|[,.;:)\]/]|(?:genes?|proteins?|expression|receptors?|signal\w*|activit\w*|"
    r"polymorphisms?|mutations?|variants?|levels?|in|and|or|are|is|were|was|as|by|on|of|with|"
    r"from|to|inhibitors?|pathways?)\b)"
)


def _member_stem(mention: Mention, index: NameIndex):
    """(the name without its member's number, a function from another number to that member's
    genes), or ("", None) when the mention ends in no number."""
    if mention.kind in ("symbol", "alias", "previous"):
        numbered = _SYMBOL_NUMBER.match(mention.name)
        if not numbered or len(numbered.group(1).rstrip("-")) < 2:
            return "", None
        stem = numbered.group(1)

        def symbol_genes(number: str) -> tuple[int, ...]:
            for written in (stem + number, stem.rstrip("-") + number):
                named = index.names(written)
                if named:
                    return tuple(dict.fromkeys(e for e, _ in named))
            return ()

        return stem, symbol_genes
    words = mention.name.split(" ")
    if len(words) < 2 or not words[-1].isdigit():
        return "", None
    stem = " ".join(words[:-1])

    def phrase_genes(number: str) -> tuple[int, ...]:
        genes = index.phrases.get(f"{stem} {normal_word(number)}")
        if genes is None:
            return ()
        return genes if genes.__class__ is tuple else (genes,)

    return stem, phrase_genes


# Words after an alias in lower case that make it the gene or its product ("parkin mutations").
_SAYS_GENE = frozenset(
    normal_word(w)
    for w in """
    gene genes protein proteins mutation mutations mutant variant variants polymorphism
    polymorphisms allele alleles promoter mRNA transcript transcripts knockout expression
""".split()
)


def _inside(found: Sequence[Mention], at: int) -> bool:
    """Whether offset `at` lies inside a mention already found."""
    return any(m.start <= at < m.start + len(m.text) for m in found)


def _tau_mentions(title: str, index: NameIndex, found: list[Mention]) -> list[Mention]:
    """Tau, the protein of MAPT, by the name every title on neurodegeneration uses ("tau
    hyperphosphorylation", "plasma p-tau181", "Amyloid-β and Tau Pathologies", "tau-PET"), in a
    title on neurodegeneration; not a Greek letter of another name ("14-3-3 tau", "GST tau",
    "Kendall's tau")."""
    genes = tuple(e for e, _ in index.names("tau"))
    if len(genes) != 1:
        return []
    return [
        Mention(match.group(1), "tau", match.start(1), genes, "alias")
        for match in _TAU.finditer(title)
        if not _TAU_OF_ANOTHER.search(title, max(0, match.start() - 12), match.start())
        and not _inside(found, match.start(1))
    ]


def _globin_chain_mentions(title: str, index: NameIndex, found: list[Mention]) -> list[Mention]:
    """A hemoglobin chain named by a residue's place in the globin fold ("Hb Matera [beta 55(D6)
    Met-->Lys]", "beta 140 (H18)", "alpha 2 beta (2)67(E11)"): the variant is in that chain's
    gene, as hemoglobin variants are named (alpha HBA1, beta HBB, gamma HBG1, delta HBD)."""
    mentions = []
    for match in _GLOBIN_POSITION.finditer(title):
        if _inside(found, match.start()):
            continue
        symbol = _GLOBIN_CHAINS[normal_word(match.group(1))]
        genes = tuple(e for e, kind in index.names(symbol) if kind == "symbol")
        if genes:
            mentions.append(Mention(match.group(), symbol, match.start(), genes, "protein name"))
    return mentions


# A globin residue by its chain, number and helix place: "beta 55(D6)", "alpha62(E11)".
_GLOBIN_POSITION = re.compile(
    r"\b(alpha|beta|gamma|delta|α|β|γ|δ)\s?(?:\(?[12]\)?\s?)?[0-9]{1,3}\s?\([A-H]{1,2}[0-9]{1,2}\)"
)
_GLOBIN_CHAINS = {"alpha": "HBA1", "beta": "HBB", "gamma": "HBG1", "delta": "HBD"}


_NEURODEGENERATION = re.compile(
    r"alzheimer|amyloid|\bA(?:β|beta)|neurodegenerat|dementia|tauopath|neurofibrillary|tangle"
    r"|\bPET\b|cognitive|cognition|hyperphosphorylat|aggregat|parkinson|frontotemporal",
    re.IGNORECASE,
)
_TAU = re.compile(
    r"(?<![\w-])(?:p-)?((?:[Tt]au|TAU)(?:[0-9]{3})?)(?![\w])"
    r"(?![\s-]+(?:protein[\s-]+|tubulin[\s-]+)?kinase)"
)  # not "tau protein kinase II", a kinase named after its substrate (CDK5)
_TAU_OF_ANOTHER = re.compile(r"(?:14-3-3|GST|Kendall(?:['’]s)?|kinase)\s*$", re.I)


def _lower_case_mentions(title: str, index: NameIndex, found: list[Mention]) -> list[Mention]:
    """Aliases written in lower case ("parkin"), before a word that says gene."""
    mentions = []
    words = _raw_tokens(title)
    for (text, start), (following, _) in zip(words, words[1:]):
        entrez_id = index.lower_aliases.get(text)
        if entrez_id and normal_word(following) in _SAYS_GENE:
            if not _inside(found, start):
                mentions.append(Mention(text, text, start, (entrez_id,), "alias"))
    return mentions


# What follows a cell line's name: "cells", a line, a clone or a xenograft, a cell's kind ("THP-1
# monocytes") or a tumour's ("C6 glioma", "EL4 thymoma"), maybe after other lines of a list.
_CELL_LINE = re.compile(
    # other lines in a list before the word ("MT-2 and C8166 lines")
    r"(?:(?:,|,?\s+(?:and|or))\s+[A-Z0-9][\w.-]*[0-9][\w.-]*){0,3}"
    r"[\s-]+(?i:(?:(?:[a-z]+oma|leuka?emia)[\s-]+)?"  # any case: "C6 Glioma Cells"
    r"(?:cells?|(?:cell[\s-]+)?(?:sub)?lines?|clones?|transfectants?|xenografts?"
    r"|[a-z]*(?:cytes?|blasts?|phages?)|[a-z]+oma|leuka?emia))\b"
)
# A cell line's name with a dash and a number before a cancer's name and "cells" ("MDA-MB-231
# Breast Cancer Cells"); not a gene's symbol before them ("BRCA1 breast cancer cells").
_CANCER_CELL_LINE = re.compile(r"[\s-]+(?:[a-z]+[\s-]+)?cancer[\s-]+cells?\b", re.I)
_LINE_NAME = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)*-[0-9]+[A-Za-z]?$")
# Words after a name that make it a carbohydrate's ("Lewis(x) oligosaccharides", "the Lewis X
# glycan"); normal_word drops the plural s.
_SUGAR_AFTER = frozenset(
    normal_word(w)
    for w in """
    oligosaccharide polysaccharide trisaccharide tetrasaccharide glycan glycolipid carbohydrate
""".split()
)
# A word after a hormone's or protein's name that makes the two a clinical term or a trait
# ("insulin resistance" and its measure's counterpart, "insulin sensitivity"; "lactase
# persistence", the trait of adults digesting milk).
_CLINICAL_AFTER = frozenset({"resistance", "sensitivity", "persistence"})
# A syndrome named by what goes wrong with a hormone ("syndrome of inappropriate antidiuretic
# hormone secretion", "… of inappropriate secretion of antidiuretic hormone").
_SYNDROME_OF = re.compile(r"\bsyndrome of\b")
# What a disease's locus symbol among a gene's aliases follows ("a heart model of LQT3").
_MODEL_OF = frozenset({"model", "models"})
# A disease locus's symbol: capitals and a number, maybe a letter ("LQT3", "SCA3", "CMT1A").
_LOCUS_SHAPED = re.compile(r"[A-Z]{2,}[0-9]+[A-Z]?$")
# The end of a noun phrase: punctuation, the title's end or a preposition or conjunction (not
# "a model of p53 activation").
_PHRASE_ENDS = re.compile(r"\s*(?:[.,;:)\]]|$|\s(?:in|and|or|with|by|of|for|to)\b)")
# The number that ends a cell line's code after a part named like a gene ("MDA-MB-231", "GT1-7").
_LINE_NUMBER = re.compile(r"[-‐][0-9]+[A-Za-z]?")
# A DNase I hypersensitive site's designation ("HS2", "HS-40"), which aliases (SPTB's HS2,
# HCLS1's HS1) share.
_HYPERSENSITIVE_SITE = re.compile(r"^HS-?[0-9]+$")
# A fluorescent protein reporter, named by its colour's initial (green, yellow, cyan, red, blue)
# and FP, maybe enhanced or monomeric ("CFP", "EYFP", "mRFP"): CFP is also properdin's symbol,
# RFP an alias of TRIM27.
_FLUORESCENT = re.compile(r"^(?:E|e|m|d|sf|Td|td)?[GYCRB]FPs?$")
# Words for a gene that a fluorescent protein is not beside: it is a protein, expressed.
_GENE_NOT_PRODUCT = _GENE_WORDS - {normal_word(w) for w in ("protein", "expression", "expressed")}
# What follows a purification tag's name: "-tagged", "tag(s)"; not a genetic study's tag SNPs
# ("IL6 tag SNPs" are the gene's).
_TAG_AFTER = re.compile(
    r"[\s-]tag(?:ged|s)?\b(?![\s-]+(?:SNPs?|single|polymorphisms?|variants?|haplotypes?)\b)"
)
# A prostaglandin's name before a series letter and number, maybe after others of a list
# ("prostaglandin D2, E2, or F2 alpha").
_PROSTANOID_BEFORE = re.compile(
    r"\bprostaglandins?[\s-]+(?:[A-J][1-3](?:[\s-]?(?:alpha|beta|α|β))?(?:,?\s+(?:and|or)\s+|,\s*))*$",
    re.IGNORECASE,
)
# A virus's name right before a protein's: its abbreviation ("HCV NS3", "HIV-1 Tat", "HCV-NS5b",
# and any of two to five capitals ending in V, "WNV NS1", "HCMV IE2", but not a roman numeral, nor
# AAV, a vector that carries the gene named: "AAV TFEB", nor a genetic variant's or effect's
# abbreviation, which names the gene after it: "CNV SHANK3", "SNV KRAS", "PEV"),
# or the word itself ("Hepatitis C virus NS2 protein", "influenza virus NS1", "virus type 1 Tat").
_VIRUS_BEFORE = re.compile(
    r"(?:\b(?:HIV|HCV|HBV|EBV|CMV|HPV|HSV|KSHV|HTLV|SIV|(?![IVXLC]+V\b|(?:AA|CN|SN|MN|S|PE)V\b)[A-Z]{2,5}V)(?:-?[0-9])?"
    r"|\bvirus(?:es)?(?:\s+type)?(?:\s+[0-9]+)?)[\s-]$"
)
# What a new protein is said to be like, right before the name compared with (a paralogue is
# another gene; a homologue is the same gene in another species, which names it).
_COMPARED_WITH = re.compile(
    r"\b(?:paralog(?:ue)?s?|homologous|similar)\s+(?:to|of)"
    r"\s+(?:(?:the|a|an|human|mouse|yeast|budding|fission|murine|rat|Drosophila)\s+){0,2}$",
    re.IGNORECASE,
)
# Between a protein's description and the symbol it describes ("the collagen receptor DDR1").
_APPOSITION_GAP = re.compile(r"[\s,(]*")


def _as_family(mention: Mention, index: NameIndex) -> Mention:
    """An alias that is also the name of a family or complex with other members ("AP-1",
    "NF-kappaB", "C/EBP", "GATA", "Rho"): the family, as the name says no more than that."""
    words = [w for w, _, _ in normal_words(mention.text)]
    whole = index.family_matches(words)
    if (
        whole
        and whole[0][0] == 0
        and whole[0][1] == len(words)
        and set(whole[0][2]) - set(mention.genes)
        and not (len(mention.genes) == 1 and len(whole[0][2]) <= _FEW_PARALOGS)
    ):
        return dataclasses.replace(mention, genes=whole[0][2], kind="family")
    return mention


# A family this small named by one member's alias ("Akt" of AKT1, of AKT1-3) is that member.
_FEW_PARALOGS = 3


def _without_appositions(title: str, mentions: list[Mention]) -> list[Mention]:
    """Drop a protein name that only describes the symbol after it: in "the collagen receptor DDR1"
    or "chemokine (CCL5)" the gene meant is the symbol's, whatever other gene the description is
    also a name of."""
    kept = []
    for mention, following in zip(mentions, [*mentions[1:], None]):
        if (
            following is not None
            and mention.kind == "full name"
            and following.kind != "full name"
            and not set(mention.genes) & set(following.genes)
            and _APPOSITION_GAP.fullmatch(title, mention.start + len(mention.text), following.start)
        ):
            continue
        kept.append(mention)
    return kept


def names_family_of(title: str, entrez_id: int, index: NameIndex) -> bool:
    """Whether the title uses a protein name that several genes share, this one among them
    ("sulfonylurea receptor" for ABCC8 and ABCC9): then it may well be about this gene."""
    spans = normal_words(title)
    words = [w for w, _, _ in spans]
    return any(
        entrez_id in genes and not _word_not_family(title, spans, first, end)
        for first, end, genes in index.family_matches(words)
    )


def names_peptide_of(title: str, entrez_id: int, index: NameIndex) -> bool:
    """Whether the title names a peptide cut from this gene's product ("bradykinin" of KNG1,
    "angiotensin II" of AGT), which names no other gene and says the paper is about this one."""
    if not index.cut_peptides:
        return False
    words = [w for w, _, _ in normal_words(title)]
    for first, end, _ in index.phrase_matches(words):
        cut = index.cut_peptides.get(" ".join(words[first:end]))
        if cut is not None and entrez_id in (cut if cut.__class__ is tuple else (cut,)):
            return True
    return False


def _word_not_family(
    title: str, spans: Sequence[tuple[str, int, int]], first: int, end: int
) -> bool:
    """Whether a family's one-word name is written as something else: a short one as an English
    word, in lower case or title case ("BRCA1 or BRCA2": not the olfactory receptors, OR;
    "mutations can": not calcineurin, CAN), or a member with its number glued on ("HER2",
    "HER-2": ERBB2, not the HER family). "Calcineurin" is the family's, however written."""
    if end - first != 1:
        return False
    _, begin, finish = spans[first]
    written = title[begin:finish]
    if _NUMBER_GLUED.match(title, finish):
        return True
    return len(written) <= 4 and written.isalpha() and sum(c.isupper() for c in written) < 2


_NUMBER_GLUED = re.compile(r"[-‐]?[0-9]")


def _full_name_mentions(
    title: str, words: Sequence[tuple[str, int, int]], index: NameIndex
) -> list[Mention]:
    mentions = []
    plain = [w for w, _, _ in words]
    found = index.phrase_matches(plain)
    # A family's name the phrase lies inside ("thyroid hormone receptor" of THRA and THRB holds
    # "hormone receptor", a designation of NR4A1): the longer name is the one written.
    if "type" in plain:
        found += _typed_members(title, words, index)
    families = [(f, e) for f, e, _ in index.family_matches(plain)]
    found += _lettered_members(title, words, families, index)
    if index.loose_names:
        found += loose_matches(title, words, index.loose_names, index.phrases, found)
    for at, (first, end, genes) in enumerate(found):
        begin, finish = words[first][1], words[end - 1][2]
        if title[finish : finish + 1] == "+":
            continue  # a cell marker: "CD8+ T cells"
        if _between_letters(title, begin) or (
            _between_letters(title, finish) and not _GREEK_GLUED_AT.match(title, finish)
        ):
            continue  # cut out of a run of letters: "glycoprotein II" and "b/IIIa" of
            # "glycoprotein IIb/IIIa", whose numerals' letters are read as words of their own;
            # not "1 imidazoline receptor" of "I1-imidazoline", where a digit ends a word
        if title[finish : finish + 2].isdigit() and title[finish - 1 : finish].isalpha():
            continue  # a member's letter cut off an antigen's code: "human leukocyte antigens
            # A" of "A23"; not "apolipoprotein E" of "E4", an allele of the gene named
        if any(f == first and e == end for f, e, _ in found[:at]):
            continue  # read twice (as written and loosely, or as a lettered member)
        if any(f <= first and end <= e and e - f > end - first for f, e in families):
            continue
        if title[finish - 2 : finish + 1] == "(s)":
            continue  # "protein(s)": a plural, not protein S
        next_at = end  # the word after the name
        aside = _ASIDE_AFTER.match(title, finish)
        if aside:  # "… (TPO) antibodies": the word after the abbreviation
            next_at = next((i for i in range(end, len(plain)) if words[i][1] >= aside.end()), end)
        following = plain[next_at] if next_at < len(plain) else ""
        if following in _NOT_GENE_AFTER - {"mice", "mouse", "rat"}:
            continue  # a name before "syndrome", "trial", "study", … names that, not the gene
        if (
            plain[end - 1] in _CLASS_NOUNS
            and title[finish - 1 : finish] == "s"
            and not _ligands_receptor(plain[first:end], genes)
        ):
            continue  # "metastasis-associated proteins", "cell surface receptors": a class
        if _MARKER_STATUS.match(title, finish):
            continue  # "estrogen receptor-negative breast cancer": a tumour class by a marker
        if _SYSTEM_AFTER.match(title, finish) or plain[end - 2 : end] == ["blood", "group"]:
            continue  # "the renin-angiotensin system": a physiological system named after it;
            # "the ABO blood group" (a name NCBI gives ABO): a blood-group system
        if _names_disease(plain[first:end]):
            continue  # "erythropoietic protoporphyria": a gene's name that is its disease's
        if (
            following in _PART_AFTER
            and title[words[next_at][2] - 1] in "sS"
            and not _GENE_WORDS.intersection(plain[next_at + 1 : next_at + 2])
        ):
            continue  # "epidermal growth factor repeats": a domain named after the protein, in
            # the plural as many proteins have it; not "huntingtin repeat expansion", "androgen
            # receptor repeat length" nor "heme oxygenase-1 repeat polymorphism": the gene's repeat
        if following in _SUGAR_AFTER:
            continue  # "Lewis(x) oligosaccharides": a carbohydrate antigen NCBI gives its enzyme
            # (FUT4's "Lewis X") as a name, not the enzyme
        if following in _CLINICAL_AFTER or (
            _SYNDROME_OF.search(" ".join(plain[max(0, first - 5) : first]))
            and following not in _GENE_WORDS
        ):
            continue  # "insulin resistance", "activated protein C resistance", "the syndrome of
            # inappropriate antidiuretic hormone secretion": clinical terms built on a hormone's
            # or protein's name, which name no gene (as the audits read them)
        if following in _NAMED_AFTER and not _said_of(title, words, end):
            continue  # "parathyroid hormone-related peptide", "insulin-like": another protein;
            # not "the beta1-adrenergic receptor associated with survival", a verb's participle
        if following in _FAMILY_WORDS:
            continue  # "the TGF-beta superfamily", "steroid receptor coactivator 2": not this one
        if following in _DOMAIN_AFTER:
            continue  # "epidermal growth factor domains": a domain named after the protein, in
            # other proteins too; not "heme oxygenase-1 repeat polymorphism", the gene's repeat
        if (
            _MEMBER_NUMBER.match(following)
            and title[finish : words[end][1]] in _NUMBER_JOINS
            and not _RECEPTOR_WORDS & set(plain[end + 1 : end + 4])
            and not (end + 1 < len(plain) and plain[end + 1].isdigit())  # "haptoglobin 2-2"
            and not (end + 1 < len(plain) and plain[end + 1] in _UNITS)  # "19-base pair deletion"
            and title[words[end][2] : words[end][2] + 1] != "/"  # "I/D polymorphism", "4/4"
        ):
            continue  # "steroid receptor coactivator-2": a numbered member the index lacks
        name = " ".join(plain[first:end])
        receptor_end = _receptor_after(plain, end) or (
            end if first >= 2 and plain[first - 2 : first] in _RECEPTOR_OF else 0
        )
        if receptor_end:  # "angiotensin II type 1 receptor": a receptor of it, not it
            receptors = _receptors_of(name, plain, first, end, receptor_end, index)
            if receptors:
                finish = words[receptor_end - 1][2]
                kind = "full name" if len(receptors) == 1 else "family"
                mentions.append(Mention(title[begin:finish], name, begin, receptors, kind))
            continue
        if following in _CLASS_DRUG_AFTER and len(set(genes)) > 1:
            continue  # "beta-adrenoceptor blocker therapy": a drug class named by a family of
            # targets (a drug named by one target names it: "ACE inhibitors")
        if (
            plain[end - 1] in _DRUG_AFTER
            and following not in _GENE_WORDS
            and _names_protein(" ".join(plain[first : end - 1]), index)
        ):
            continue  # "calpain inhibitor", "calcineurin inhibitor": NCBI's names, and drugs'
        cut = index.cut_peptides.get(name)
        if cut is not None:
            cut = cut if cut.__class__ is tuple else (cut,)
            genes = tuple(gene for gene in genes if gene not in cut)
            if not genes:
                continue  # "angiotensin II", "substance P": a peptide, not its precursor's gene
        mentions.append(Mention(title[begin:finish], name, begin, genes, "full name"))
    return mentions


# Words after a target's name that make it a drug's ("beta-adrenoceptor blockers").
_CLASS_DRUG_AFTER = frozenset(normal_word(w) for w in "blocker antagonist agonist".split())


def _ligands_receptor(name: Sequence[str], genes: tuple[int, ...]) -> bool:
    """Whether a name is one gene's receptor named after its ligand ("progesterone receptor"), whose
    plural ("progesterone receptors") is that receptor's molecules, not a class."""
    return (
        len(genes) == 1
        and len(name) >= 2
        and name[-1] == "receptor"
        and not _DESCRIBING.intersection(name)
    )


# Words after a protein's full name that make the two a domain named after it.
_DOMAIN_AFTER = frozenset(normal_word(w) for w in "domain domains motif motifs module".split())
# Words of a name that describe a protein by what it goes with, not by its ligand.
_DESCRIBING = frozenset({"associated", "related", "like", "binding", "interacting", "surface"})


# An abbreviation in parentheses right after a name ("thyroid peroxidase (TPO) antibodies"): the
# word after it is the one that says what is named.
_ASIDE_AFTER = re.compile(r"\s*\([^()\s]{1,15}\)")


def blank_markup(title: str) -> str:
    """The title without its inline HTML tags, as PubMed and publishers' feeds give titles: a
    superscript or subscript joined to what it follows ("CD11b<sup>+</sup>" as "CD11b+", a
    marker), the tags as spaces after it; other tags as spaces ("<em>EGFR</em>"). The title
    keeps its length, so what follows keeps its offsets."""
    title = _SCRIPT.sub(
        lambda tag: tag.group(2) + " " * (len(tag.group()) - len(tag.group(2))), title
    )
    return _INLINE_TAG.sub(lambda tag: " " * len(tag.group()), title)


_SCRIPT = re.compile(r"<(sup|sub)>([^<>]*)</\1>", re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?>")  # "<i>", "<scp>", "</em>"


# A Greek letter glued on after a name's last word ("DNA ligase IIIalpha"): an isoform of it, the
# name whole before it.
_GREEK_GLUED_AT = re.compile(r"(?:alpha|beta|gamma|delta|epsilon|kappa)\b", re.IGNORECASE)


def _between_letters(title: str, at: int) -> bool:
    """Whether offset `at` falls between two letters, inside a word."""
    return 0 < at < len(title) and title[at - 1].isalpha() and title[at].isalpha()


def _lettered_members(
    title: str,
    words: Sequence[tuple[str, int, int]],
    families: list[tuple[int, int]],
    index: NameIndex,
) -> list:
    """A family's name and a member's Greek letter written as its Latin one, as titles that lost
    the letter write it ("thyroid hormone receptor a mutation"): the member, when a name has it."""
    found = []
    for first, end in families:
        if end < len(words) and title[words[end][1] : words[end][2]] in _LATIN_LETTERS:
            letter = _LATIN_LETTERS[title[words[end][1] : words[end][2]]]
            genes = index.phrases.get(" ".join([*(w for w, _, _ in words[first:end]), letter]))
            if genes:
                found.append((first, end + 1, genes if genes.__class__ is tuple else (genes,)))
    return found


_LATIN_LETTERS = {"a": "alpha", "b": "beta"}


def _names_protein(words: str, index: NameIndex) -> bool:
    return words in index.phrases or words in index.families


def _typed_members(title: str, words: Sequence[tuple[str, int, int]], index: NameIndex) -> list:
    """A name, "type" and a member's number ("plasminogen activator inhibitor type 1", "steroid
    5-alpha-reductase type 2"), read as the member's name the index has ("plasminogen activator
    inhibitor 1"); not across punctuation ("the sulfonylurea receptor, type 2 diabetes")."""
    found = []
    plain = [w for w, _, _ in words]
    for at in range(1, len(plain) - 1):
        if (
            plain[at] != "type"
            or not is_designator(plain[at + 1])
            or title[words[at - 1][2] : words[at][1]] != " "
        ):
            continue
        for first in range(max(0, at - _LONGEST_NAME), at):
            genes = index.phrases.get(" ".join([*plain[first:at], plain[at + 1]]))
            if genes:
                found.append((first, at + 2, genes if genes.__class__ is tuple else (genes,)))
                break
    return found


_LONGEST_NAME = 8


def _subunit_mentions(
    title: str, words: Sequence[tuple[str, int, int]], index: NameIndex
) -> list[Mention]:
    """A subunit named before its protein ("the beta-subunit of the human electron-transfer
    flavoprotein", "the catalytic subunit of DNA polymerase epsilon"), read as the names write it
    ("electron transfer flavoprotein beta", "DNA polymerase epsilon, catalytic subunit")."""
    plain = [w for w, _, _ in words]
    found = []
    for at in range(1, len(plain) - 2):
        which = plain[at - 1]
        if plain[at] != "subunit" or plain[at + 1] != "of":
            continue
        if not (is_designator(which) or which in _SUBUNIT_KINDS) or _ARTICLE.fullmatch(
            title, words[at - 1][1], words[at - 1][2]
        ):
            continue  # "a subunit of the CCT" names no subunit A
        start = at + 2
        while start < len(plain) and plain[start] in _BEFORE_PROTEIN:
            start += 1
        for end in range(min(len(plain), start + 8), start, -1):
            name = " ".join(plain[start:end])
            keys = (f"{name} {which}", f"{name} {which} subunit", f"{name} subunit {which}")
            genes = next((index.phrases[k] for k in keys if k in index.phrases), None)
            if genes:
                begin = words[at - 1][1]
                found.append(
                    Mention(
                        title[begin : words[end - 1][2]],
                        name,
                        begin,
                        genes if genes.__class__ is tuple else (genes,),
                        "full name",
                    )
                )
                break
    return found


def _named_for_disease(
    title: str, words: Sequence[tuple[str, int, int]], index: NameIndex, found: list[Mention]
) -> list[Mention]:
    """A gene named by the disease or trait it was found for, before "gene" or after "gene for"
    ("the retinoblastoma gene", "the von Hippel-Lindau gene", "the gene for Norrie disease"),
    read as its names write it: the name with "protein" or "tumor suppressor" after it
    ("Norrie disease protein", "von Hippel-Lindau tumor suppressor"), or a disease's name with
    the number of one gene only ("retinoblastoma 1"; not "tuberous sclerosis", TSC1 and TSC2)."""
    plain = [w for w, _, _ in words]
    mentions = []
    cased = not _title_case(title) and not _shouting(title)  # a capital says a name
    for at, word in enumerate(plain):
        if word not in _GENE_NOUNS:
            continue
        runs = [(first, at) for first in range(max(0, at - _LONGEST_STEM), at)]
        if plain[at + 1 : at + 2] == ["for"]:
            after = at + 2
            runs += [
                (after, end) for end in range(min(len(plain), after + _LONGEST_STEM), after, -1)
            ]
        for first, end in runs:
            begin, finish = words[first][1], words[end - 1][2]
            capital = cased and bool(_UPPER.search(title, begin, finish))
            genes = _disease_named_gene(plain[first:end], capital, index)
            if genes and not any(m.start < finish and begin < m.start + len(m.text) for m in found):
                mentions.append(
                    Mention(
                        title[begin:finish],
                        " ".join(plain[first:end]),
                        begin,
                        (genes,),
                        "full name",
                    )
                )
                break
    return mentions


def _acronym_before_number(
    title: str, words: Sequence[tuple[str, int, int]], index: NameIndex, found: list[Mention]
) -> list[Mention]:
    """A name whose member's number follows the acronym in parentheses ("plasminogen activator
    inhibitor (PAI)-1", "interleukin (IL)-6", "transforming growth factor (TGF)-beta1"), read as
    the name and its number."""
    plain = [w for w, _, _ in words]
    mentions = []
    for match in _ACRONYM_THEN_NUMBER.finditer(title):
        before = [i for i, (_, _, end) in enumerate(words) if end <= match.start()]
        number = [w for w, _, _ in normal_words(match.group(1))]
        if not before or title[words[before[-1]][2] : match.start()].strip():
            continue  # the acronym must follow the name's last word
        last = before[-1] + 1
        for first in range(max(0, last - _LONGEST_NAME), last):
            genes = index.phrases.get(" ".join([*plain[first:last], *number]))
            begin = words[first][1]
            if genes and not any(
                m.start < match.end() and begin < m.start + len(m.text) for m in found
            ):
                mentions.append(
                    Mention(
                        title[begin : match.end()],
                        " ".join([*plain[first:last], *number]),
                        begin,
                        genes if genes.__class__ is tuple else (genes,),
                        "full name",
                    )
                )
                break
    return mentions


# An acronym in parentheses and a member's number or Greek letter glued after it: "(PAI)-1",
# "(IL)-6", "(TGF)-beta1".
_ACRONYM_THEN_NUMBER = re.compile(
    r"\s\([A-Z][A-Za-z]{1,7}\)[-‐ ]?((?:alpha|beta|gamma|delta|kappa|[αβγδκ])?[0-9]{0,2}[A-Za-z]?)"
    r"(?<=[0-9a-zαβγδκ])\b"
)
# Words for a gene, not for a disease's locus mapped before its gene was known ("the hereditary
# hemochromatosis locus").
_GENE_NOUNS = frozenset({"gene", "transgene"})
_LONGEST_STEM = 5
_NAMED_FOR_SUFFIXES = (
    "protein",
    "tumor suppressor",
    "mutated",  # "ataxia telangiectasia mutated" (ATM)
    "transmembrane conductance regulator",  # "cystic fibrosis transmembrane conductance regulator"
)


def _disease_named_gene(run: Sequence[str], capital: bool, index: NameIndex) -> int:
    """The one gene whose names are a disease's words and "protein", "tumor suppressor" or a
    number no other gene has; 0 when none is. The words are a disease's when they end as one
    does ("Norrie disease", "retinoblastoma") or are a name, with a capital ("von Hippel-Lindau",
    "Wilms tumor"); not a class of proteins ("the HIV-2 transactivator gene")."""
    name = " ".join(run)
    if not name or name in index.phrases or name not in index.prefixes:
        return 0
    disease = _names_disease(run)
    if not (disease or capital):
        return 0
    for suffix in _NAMED_FOR_SUFFIXES:
        genes = index.phrases.get(f"{name} {suffix}")
        if genes.__class__ is int:
            return genes
    numbered = index.phrases.get(f"{name} 1")
    if numbered.__class__ is int and f"{name} 2" not in index.phrases and disease:
        return numbered
    return 0


_SUBUNIT_KINDS = frozenset({"catalytic", "regulatory"})
_ARTICLE = re.compile(r"an?")
_BEFORE_PROTEIN = frozenset({"the", "a", "human", "mammalian", "mouse", "rat", "bovine"})

# Head words that, in the plural, make a protein's name a class of proteins.
_CLASS_NOUNS = frozenset(
    normal_word(w) for w in "protein receptor factor agent molecule antigen enzyme".split()
)
# What makes a name the first of a physiological system's ("renin-angiotensin-aldosterone system").
_SYSTEM_AFTER = re.compile(r"(?:[-–/][A-Za-z]+)+\s+(?:system|axis)\b")
# The last word of a disease's name ("protoporphyria", "intrahepatic cholestasis", "Stickler
# syndrome"); NCBI gives some genes their disease's name as a designation.
_DISEASE_WORD = re.compile(
    r"(?:porphyria|stasis|emia|uria|pathy|trophy|plasia|itis|syndrome|disease|ataxia|deficiency|fever"
    r"|amyloidosis|glycogenosis|sclerosis|chromatosis|fibromatosis|petrosis|carcinoma|sarcoma"
    r"|lymphoma|melanoma|myeloma|blastoma|ectasia|fibrosis|degeneration|pigmenti)$"
)
# Words of a protein's name that says what it does to or in a disease ("inhibitor of apoptosis",
# "deleted in velocardiofacial syndrome", "myeloid cell leukemia 1" has a number).
_LINK_WORDS = frozenset("of for in with on by from deleted associated related like".split())
_ATTRIBUTIVE_LINKS = frozenset({"associated", "related"})


def _names_disease(words: Sequence[str]) -> bool:
    """Whether a name is a disease's: its last word (before a type) is a disease's word, and it is
    not numbered as a gene is ("Bardet-Biedl syndrome 1" is BBS1; "… cholestasis type 1" the
    disease) nor a protein's name about the disease."""
    words = list(words)
    if words and is_designator(words[-1]):
        if len(words) < 3 or words[-2] != "type":
            return False
        words = words[:-2]
    last = words[-1] if words else ""
    links = _LINK_WORDS.intersection(words)
    if links and links <= _ATTRIBUTIVE_LINKS and len(words) > 2 and words[-2] in links:
        links = frozenset()  # "pantothenate kinase-associated neurodegeneration": named by what it
        # is associated with, a disease still; not "protein associated with … disease"
    return len(last) >= 5 and bool(_DISEASE_WORD.search(last)) and not links


def _receptors_of(name, words, first, end, receptor_end, index) -> tuple[int, ...]:
    """The receptor genes a ligand's name before "receptor" means: of the subtype the title gives
    ("angiotensin II type 1a receptor", "type 1 TNF receptor") when the names have one, narrowing
    "1 a" to "1", else all the ligand's receptors."""
    subtype = [w for w in words[end : receptor_end - 1] if w not in _SUBTYPE_WORDS]
    if first >= 2 and words[first - 2] == "type" and is_designator(words[first - 1]):
        subtype = [words[first - 1], *subtype]
    while subtype:
        found = index.receptors.get(f"{name}|{' '.join(subtype)}")
        if found:
            return found if found.__class__ is tuple else (found,)
        subtype.pop()
    found = index.receptors.get(name, ())
    return found if found.__class__ is tuple else (found,)


# Words after a protein's name that make the phrase another protein named after it.
_NAMED_AFTER = frozenset(
    normal_word(w) for w in "related like binding interacting associated converting".split()
)
# Prepositions after "associated", "related", "binding" that make them a verb's, said of the
# protein named before ("associated with survival", "binding to DNA"), not a compound's head.
_VERB_PREPOSITIONS = frozenset({"with", "to"})
# Words after a gerund written apart from the name before it ("basic fibroblast growth factor
# binding and processing", "… binding by glioma cells"): the name's protein does the binding.
_GERUND_NEXT = _VERB_PREPOSITIONS | frozenset(
    "and or by in of at on for from during within between".split()
)


def _said_of(title: str, words: Sequence[tuple[str, int, int]], end: int) -> bool:
    """Whether the word after a name ("binding", "associated") is said of the name's protein, a
    verb's or a gerund's, not the head of a compound naming another protein: before "with" or
    "to"; or apart from the name (no hyphen) and before a link word or the title's end."""
    following_end = words[end][2]
    after = words[end + 1][0] if end + 1 < len(words) else ""
    if after in _VERB_PREPOSITIONS:
        return True
    apart = title[words[end - 1][2] : words[end][1]].isspace()
    return apart and (after in _GERUND_NEXT or not title[following_end:].strip(" .;:"))


_MEMBER_NUMBER = re.compile(r"^[0-9]{1,2}$")
# Words after a number that make it a measure, not a member's number ("a 19-base pair deletion").
_UNITS = frozenset(
    normal_word(w) for w in "base bp kb kbp nucleotide nt amino residue kda fold year".split()
)
_NUMBER_JOINS = frozenset({"-", " ", "‐", "‑", "–"})
_RECEPTOR_OF = [["receptor", "for"], ["receptor", "of"], ["receptors", "for"]]
_FAMILY_WORDS = frozenset({"family", "superfamily", "subfamily"})
_RECEPTOR_WORDS = frozenset({"receptor"})  # normal_word drops the plural s
_SUBTYPE_WORDS = frozenset({"type", "subtype", "class", "isoform", "family"})


def _receptor_after(words: list[str], end: int) -> int:
    """The end of "receptor" when it follows a name after at most a subtype ("type 1a",
    "subtype 2", "beta"), else 0."""
    for at in range(end, min(end + 5, len(words))):
        word = words[at]
        if word in _RECEPTOR_WORDS:
            return at + 1
        if not (word in _SUBTYPE_WORDS or is_designator(word)):
            return 0
    return 0


# What follows a name that makes it a blood group's, a chromosome's or a sugar's ("ABO blood
# group", "Ph1 chromosome", "the HNK-1 carbohydrate epitope").
_GROUP_OR_CHROMOSOME_AFTER = re.compile(
    r"[\s-]+(?:blood[\s-]+(?:groups?|types?)|chromosomes?|carbohydrates?|glycans?|oligosaccharides?)\b",
    re.I,
)
# A marker's status before a tumour, a disease, people or cells ("ALK-positive non-small-cell
# lung cancer", "estrogen-receptor-negative breast cancer", "HER2-positive patients",
# "Pdx1-expressing cells", "NKX2.1-positive neural progenitors").
# The words after the status: at most six words (other statuses in a list, a tissue, a stage:
# "HER2-negative invasive breast cancer", "non-small-cell lung cancer", "CD5-positive primary
# cutaneous diffuse large B-cell lymphoma"), none a process's
# ("negative feedback on JAK signalling in cancer cells" is no marker's status).
_MARKED = (
    r"(?:,?[\s-]+(?!(?:regulat\w*|feedback|control\w*|selection|effects?|correlat\w*"
    r"|associat\w*|charge[ds]?|and|or|of|in|on|to|with|by|for)\b)[A-Za-z0-9/]+(?:[-‐](?:positive"
    r"|negative))?){0,6}?[\s-]+(?:cancers?|carcinomas?|tumou?rs?|lymphomas?|leuka?emias?|NSCLC"
    r"|malignanc(?:y|ies)|neoplasms?|diseases?|patients|women|men|cells?|progenitors?|precursors?"
    r"|neurons?|lymphocytes?|monocytes?|macrophages?|fibroblasts?|populations?|subsets?)\b"
)
_MARKER_STATUS = re.compile(rf"[\s-]*(?:positive|negative|expressing|detected){_MARKED}", re.I)
_MARKED_AFTER = re.compile(_MARKED, re.I)
# The same after the rest of the marker's name ("p75 neurotrophin receptor-expressing progenitor
# cells"), not after the gene's alteration ("EGFR mutation-positive"; `_ALTERED`).
_NAMED_MARKER_STATUS = re.compile(
    rf"(?:\s+(?!\w*(?:fusion|mutat|rearrang|amplif|translocat))[A-Za-z]+){{1,2}}[\s-]*"
    rf"(?:positive|negative|expressing){_MARKED}",
    re.I,
)
_STATUS_HYPHENED = re.compile(r"[-‐](?:positive|negative|expressing|detected)$", re.I)
# What makes a status the gene's ("RET-fusion-positive", "EGFR-mutation-positive"): the gene altered.
_ALTERED = re.compile(r"fusion|mutat|rearrang|amplif|translocat", re.I)
_CD_MARKER = re.compile(r"^CD[0-9]+[a-z]?$")
_SYMMETRY_HYPHENED = frozenset({normal_word("symmetric"), normal_word("symmetrical")})
_CORONAVIRUS = re.compile(r"[-‐‑–—]CoV\b|^HCoV")  # any dash _DASHES splits a token at
# A microbe named by an enzyme it makes ("KPC-2-producing Klebsiella pneumoniae", "NDM-1-producing
# Enterobacterales", "OXA-48-producing isolates"): a genus and its species, a genus, family or
# order of bacteria by its ending, or a word for bacteria, after it. Not a capitalised word alone:
# cells a cytokine's producers are ("IL-10-producing Tregs", "INSL3-producing Leydig cells"), and
# every word of a title-case title ("IL-10-Producing Regulatory B Cells"), are capitalised too.
_PRODUCING_MICROBE = re.compile(
    r"\s+(?:(?![TB]regs?\b)[A-Z][a-z]+\s+(?!(?:cells?|and|or|from|with|via|during|after|are|is)\b)"
    r"[a-z]{3,}\b|[A-Z][a-z]*(?:bacter[a-z]*|aceae|ales)\b|(?:bacteri\w*|isolates?|strains?"
    r"|organisms?)\b)"
)
# Cells named by CD markers, maybe several, before the cells' kind ("CD68 and CD83 immune
# populations", "CD4 T cells"); not "CD36 expression in macrophages".
_CD_POPULATION_AFTER = re.compile(
    r"(?:(?:,|,?\s+and|\s+or)\s+CD[0-9]+[a-z]?)*"
    r"(?:\s+(?:immune|T|B|NK|NKT|stem|myeloid|lymphoid|dendritic|regulatory|memory|effector))*"
    r"[\s-]+(?:cells?|populations?|subsets?|lymphocytes?|macrophages?|monocytes?)\b"
)
_CELL_COUNT_AFTER = re.compile(
    r"[\s+-]+(?:cell[\s-]+)?(?:counts?|trajector(?:y|ies)|nadir)\b", re.I
)
# A society's guideline series named by its acronym ("ACR Appropriateness Criteria", "NCCN
# Guidelines").
_SERIES_AFTER = re.compile(
    r"[®\s]+(?:(?!Testing|Mutation|Screening|Analysis)[A-Z][a-z]+\s+){0,3}?"
    r"(?:Criteria|Guidelines?|Recommendations|Consensus|Updates?|Statements?|Guidance"
    r"|Registry|Consortium)\b"
    r"|\s+[A-Z]{1,3}-RADS\b"  # a reporting and data system: "ACR TI-RADS"
)  # capitalised, as a series' name is: not "KRAS testing guidelines"
# A tool named at a title's start and described after a colon, or before its kind of tool ("STAR:
# ultrafast universal RNA-seq aligner", "The GEM mapper").
_TOOL_WORDS = r"(?:aligner|mapper|software|toolkit|toolbox|pipeline|web ?server|package|algorithm)"
# A title naming a resource before its colon, introduced after it ("MINT: a Molecular INTeraction
# database"); not a gene's data in one ("TP53: mutations in the IARC database", "the IARC TP53
# database").
_TOOL_TITLE = re.compile(
    rf":(?:[^.;]*?\b{_TOOL_WORDS}|\s+(?:an?|the)\s[^.;]*?\b(?:database|knowledgebase|portal))\b",
    re.I,
)
_TOOL_AFTER = re.compile(rf"\s+{_TOOL_WORDS}\b", re.I)
# A ribosomal RNA by its sedimentation coefficient ("16S rRNA", "18S", "5.8S"): a bacterium's or
# any cell's; HGNC's "16S" of MT-RNR2 is the mitochondrion's, which a title then says.
_SVEDBERG = re.compile(r"^[0-9]{1,2}(?:\.[0-9])?S$")
# A token in a list right after "cell lines" ("the cell lines DLD-1, HCT-15, and HCT-8").
_LISTED_CELL_LINE = re.compile(
    r"\bcell[\s-]+lines?,?\s+(?:[A-Za-z0-9][\w./-]*(?:,\s*(?:and\s+)?|\s+and\s+))*$", re.I
)
_CELL_LINES = re.compile(r"\bcell[\s-]+lines?\b", re.I)


@functools.lru_cache(maxsize=512)
def _names_cell_lines(title: str) -> bool:
    """Whether the title says "cell lines" at all: once a title, not the list's search for each
    of its tokens."""
    return bool(_CELL_LINES.search(title))


# A receptor kinase's class after its own name ("the MET receptor tyrosine kinase").
_RECEPTOR_KINASE_AFTER = re.compile(r"[\s-]+receptor[\s-]+(?:tyrosine[\s-]+)?kinase\b", re.I)
# A chemical's systematic name, by its locants and endings ("tridec-4-en-1-yl", "but-2-ene").
_CHEMICAL_NAME = re.compile(r"-[0-9]+(?:,[0-9]+)*-(?:en|yn|yl|ene|yne|ol|one|al|oyl)\b|[a-z]-yl\b")
# A language model's name: "GPT-4", "GPT-3.5", "GPT-4o".
_LANGUAGE_MODEL = re.compile(r"^GPT-[0-9][0-9.]*[a-z]?$")
# Outbred stocks of laboratory mice named like genes, before "mice" ("CD-1 mice", "CD1 mice").
_OUTBRED_STOCKS = frozenset({"CD-1", "CD1", "ICR"})
_RODENTS_AFTER = re.compile(r"\s+(?:mice|mouse)\b", re.I)
# A kinase's abbreviation written before "kinase" instead of its "K" ("PI-3 kinase", "PI3 kinase").
_KINASE_STEM = re.compile(r"^[A-Z]{2,4}-?[0-9]?$")


def _token_mention(
    token: _Token, index: NameIndex, shouting: bool, title: str = ""
) -> Mention | None:
    """The gene a title token names, if any: the whole token first, then an allele's stem,
    then its dash-separated parts, longest first."""
    if token.after in _GREEK_NAMES and len(token.text) >= 2 and title:
        lettered = _with_greek_after(token, index, shouting, title)
        if lettered:
            return lettered
    if token.after.isdigit() and title:
        spaced = _with_number_after(token, index, title)
        if spaced:
            return spaced
    if token.after == "kinase" and _KINASE_STEM.match(token.text):
        abbreviated = token.text.replace("-", "") + "K"
        if index.family_matches([phrase_of(abbreviated)]):
            return None  # "PI-3 kinase", "PI3 kinase": PI3K, not PI3 (peptidase inhibitor 3); a
            # family's name only ("TEC kinase" is TEC, though TECK is an alias of CCL25)
    end = token.start + len(token.text)
    if title and (
        _GROUP_OR_CHROMOSOME_AFTER.match(title, end)
        or (_names_cell_lines(title) and _LISTED_CELL_LINE.search(title, 0, token.start))
        or _MARKER_STATUS.match(title, end)
        or ("xpressing" in title and _NAMED_MARKER_STATUS.match(title, end))
        or (
            _STATUS_HYPHENED.search(token.text)
            and not _ALTERED.search(token.text)
            and _MARKED_AFTER.match(title, end)
        )
        or (
            _CD_MARKER.match(token.text)
            and (_CELL_COUNT_AFTER.match(title, end) or _CD_POPULATION_AFTER.match(title, end))
        )
        or (not _DIGIT.search(token.text) and _SERIES_AFTER.match(title, end))
        or (token.start <= 4 and _TOOL_TITLE.match(title, end))
        or (_SVEDBERG.match(token.text) and "itochondri" not in title)
        or _TOOL_AFTER.match(title, end)
        or (token.text in _OUTBRED_STOCKS and _RODENTS_AFTER.match(title, end))
        or _LANGUAGE_MODEL.match(token.text)
        or ("CoV" in token.text and _CORONAVIRUS.search(token.text))
        or (token.text == "MIA" and token.after.startswith("paca"))
        or bool(_SYMMETRY_HYPHENED & token.hyphened)
        or ("producing" in token.hyphened and _PRODUCING_MICROBE.match(title, end))
    ):
        return None  # "ABO blood-group system", "the Ph1 chromosome"; "the cell lines DLD-1,
        # HCT-15 and HCT-8": a blood group, a chromosome, a cell line named after or like a
        # gene; "ALK-positive lung cancer", a tumour class named by a marker (the criterion's
        # cell population named by a marker); "CD4 count"; "ACR Appropriateness Criteria", a
        # society's guideline series; "STAR: ultrafast RNA-seq aligner", "the GEM mapper": tools;
        # "CD-1 mice", an outbred stock of mice (CD1 is an alias of CD1A, CD1B and CD1C); "GPT-4",
        # a language model (GPT is a symbol); "SARS-CoV-2", a virus; "KPC-2-producing
        # Klebsiella pneumoniae", a bacterial enzyme named by a gene's alias; "MIA PaCa-2", a
        # cell line; "C3-symmetric amides", a symmetry group
    candidates = [(token.text, token.start, 0, 0)]
    allele = _ALLELE_STEM.match(token.text) if "*" in token.text else None
    if allele:
        candidates.append((allele.group(1) or allele.group(2), token.start, 0, 0))
    if (token.hyphened or _DASHES.search(token.text)) and not _CHEMICAL_NAME.search(token.text):
        # not the parts of a chemical's systematic name ("Tridec-4-en-1-yl": no EN1)
        allele = _ALLELE_STEM.match(token.text)
        if allele and allele.group(1):
            candidates.append((allele.group(1), token.start, 0, 0))
        pieces = sorted(
            (p for p in _pieces(token.text, token.start) if p[0] != token.text),
            key=lambda p: (p[2] - p[3], p[2]),
        )
        for run, at, first, last in pieces:
            candidates.append((run, at, first, last))
            allele = _ALLELE_STEM.match(run) if "*" in run else None
            if allele:  # "HLA-A*1101" of "HLA-A*1101-restricted"
                candidates.append((allele.group(1) or allele.group(2), at, first, last))
    exact = index.exact
    known = False
    initial = token.text[0]
    if (initial in "pq" and (_in_band_pair(title, token.start) or token.before in _BAND_WORDS)) or (
        initial in _BAND_FIRST and _BANDS.fullmatch(token.text)
    ):
        candidates = [c for c in candidates if not _ARM_BAND.fullmatch(c[0])]
    for piece, start, *_ in candidates:
        micro = _MICRO_RNA.match(piece) if "i" in piece else None
        # not before "receptor", read below as the receptor's ligand ("the VEGF-C receptor")
        dashed = None if token.receptor_follows else _DASHED_MEMBER.match(piece)
        joined = dashed[1] + dashed[2] if dashed else ""
        owners = tuple(e for e, kind in index.names(joined) if kind == "symbol") if joined else ()
        if owners:  # "CENP-T": the approved symbol CENPT written with a dash, read as that symbol
            if not _counts(piece, {"symbol"}, token, shouting):
                return None
            return Mention(piece, joined, start, owners, "symbol")
        for variant in _variants(piece):
            if variant not in exact or (variant != piece and variant in ABBREVIATIONS):
                continue  # "ERβ" is not ER (an abbreviation) written with a letter
            named = index.names(variant)
            if micro and variant != piece and all(kind != "symbol" for _, kind in named):
                continue  # "miR-1" is MIR1-1's: "MIR1" is an alias of FSD1, no microRNA gene
            if (
                variant == piece[1:]
                and piece[0] in _SPECIES_LETTERS
                and all(kind != "symbol" for _, kind in named)
            ):
                continue  # "mTORC1" is no TORC1
            if (
                token.receptor_follows
                and not _RECEPTOR_KINASE_AFTER.match(title, end)
                and not (
                    token.after in _RECEPTOR and any(e in index.receptor_genes for e, _ in named)
                )
            ):
                # "EGF receptor" is EGFR; "BMP type II receptor" no BMP; but "the MET receptor
                # tyrosine kinase" and "the SORLA receptor" are MET and SORL1, receptors named
                # as ones
                receptor = _receptor_of(variant, index) if token.after in _RECEPTOR else ()
                if receptor:
                    return Mention(f"{piece} receptor", variant + "R", start, receptor, "alias")
                if not _DIGIT.search(piece):
                    return None
            kinds = {kind for _, kind in named}
            spelled = variant == piece and piece in index.spelled_aliases and _on_genes(title)
            if _counts(piece, kinds, token, shouting, spelled):
                return Mention(
                    piece,
                    variant,
                    start,
                    tuple(dict.fromkeys(e for e, _ in named)),
                    "symbol" if "symbol" in kinds else "alias",
                )
            if piece == token.text and _CASED.match(piece) and not _DIGIT.search(piece):
                break  # "a nucleolar protein, Nrap": an alias as written, read as a cased name
            known = True
            break  # a known name that does not count here: its parts do not either
        if known:
            return None
    return None if known or shouting or not title else _cased_mention(token, index, title)


def _with_greek_after(token: _Token, index: NameIndex, shouting: bool, title: str):
    """The gene a symbol and the Greek letter after it name ("CD3 gamma", "HIF-1 alpha", "IL-1
    beta" as CD3G, HIF1A, IL1B), when some name has the letter; else None."""
    end = token.start + len(token.text)
    greek = _SPACED_GREEK.match(title, end)
    if not greek or not _UPPER.search(token.text):
        return None
    joined = token.text + greek.group(1).lower()
    plain = {token.text, token.text.upper(), _DASHES.sub("", token.text.upper())}
    for variant in _variants(joined):
        if variant in plain or variant not in index.exact or variant in ABBREVIATIONS:
            continue
        named = index.names(variant)
        kinds = {kind for _, kind in named}
        if not _counts(joined, kinds, token, shouting):
            return None
        return Mention(
            title[token.start : greek.end()],
            variant,
            token.start,
            tuple(dict.fromkeys(e for e, _ in named)),
            "symbol" if "symbol" in kinds else "alias",
        )
    return None


def _with_number_after(token: _Token, index: NameIndex, title: str) -> Mention | None:
    """An approved symbol of capitals and a number written with a space between ("IFI 16",
    "MMP 9"), as names_gene reads the page's gene ("Twist 1"); not an alias so written."""
    end = token.start + len(token.text)
    number = _SPACED_NUMBER.match(title, end)
    if not number or not _CAPITALS_ONLY.fullmatch(token.text):
        return None
    joined = token.text + number.group(1)
    named = index.names(joined) if joined in index.exact else ()
    genes = tuple(dict.fromkeys(e for e, kind in named if kind == "symbol"))
    following = _NEXT_WORD.match(title, number.end())
    after = normal_word(following.group(1)) if following else ""
    if not genes or not _counts(joined, {"symbol"}, token._replace(after=after), False):
        return None  # "MEN 1 syndrome": the disease
    return Mention(title[token.start : number.end()], joined, token.start, genes, "symbol")


_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")
_SPACED_NUMBER = re.compile(r" ([0-9]{1,2})\b(?![.,][0-9])")
_CAPITALS_ONLY = re.compile(r"[A-Z]{3,}")


# A chromosome arm's band ("p16" of "2p13-p16", "p25" of "(p25;q11.2)"), told by the bands
# around it, is no protein named by its mass (`p53`).
_ARM_BAND = re.compile(r"[pq][0-9]{1,2}(?:\.[0-9]+)?")
_BANDS = re.compile(r"[0-9XY]{1,2}[pq][0-9]{1,2}(?:\.[0-9]+)?-[pq]?[0-9]{1,2}(?:\.[0-9]+)?")
_BAND_FIRST = frozenset("0123456789XY")


def _in_band_pair(title: str, start: int) -> bool:
    return bool(
        _BAND_PAIR.match(title, start) or _BAND_BEFORE.search(title, max(0, start - 9), start)
    )


# A chromosome band named as such ("chromosome 11 band p15"; `p15` is an alias of CDKN2B).
_BAND_WORDS = frozenset({"band", "bands"})
_BAND_PAIR = re.compile(r"[pq][0-9]{1,2}(?:\.[0-9]+)?;[pq][0-9]")
_BAND_BEFORE = re.compile(r"[pq][0-9]{1,2}(?:\.[0-9]+)?;$")
_SPACED_GREEK = re.compile(
    r"[ -](alpha|beta|gamma|delta|epsilon|kappa|α|β|γ|δ|ε|κ)\b", re.IGNORECASE
)


# Three-letter words written like a symbol in title case that are amino acids as often.
_AMINO_ACIDS = frozenset(
    "Ala Arg Asn Asp Cys Gln Glu Gly His Ile Leu Lys Met Phe Pro Ser Thr Trp Tyr Val".split()
)
_CASED = re.compile(r"^[A-Z][A-Za-z]*[a-z][A-Za-z]*(?:-[A-Za-z0-9]+)?$")  # "Btk", "Bcl-G"


def _cased_mention(token: _Token, index: NameIndex, title: str) -> Mention | None:
    """A symbol or alias of letters written in title or mixed case (`Akt`, `Btk`, `Osterix`,
    `ApoE`), as titles write genes of other species and proteins: only beside a word that says
    gene or what a gene does (`Btk inhibition`, `mutation in Osterix`; not `Myc enhances`)."""
    text = token.text
    if token.hyphened and _GENE_STATE_HYPHENED & token.hyphened:
        text = _DASHES.split(text)[0]  # "ApoE-deficient mice": the name before what was done to it
    if len(text) < 3 or text in _AMINO_ACIDS or text in ABBREVIATIONS or not _CASED.match(text):
        return None
    if not {token.before, token.after, *token.hyphened} & _CASED_CONTEXT and not (
        token.before in _PROTEIN_CLASS_BEFORE
        and _word_right_before(title, token.start) in _PROTEIN_CLASS_BEFORE
    ):
        return None  # but "the ubiquitin ligase Itch", "the kinase Akt": named as a protein by
        # its class right before it (not across a link: "an enzyme for Cell wall synthesis")
    if token.after != "knockout" and _title_case(title):
        return None  # a capital says nothing in "Btk Inhibition Restores …"; "ApoE-/- Mice" does
    if (
        (token.start == 0 or title.endswith(": ", 0, token.start))
        and len(text) <= 4
        and text[1:].islower()
        and not title.startswith(",", token.start + len(text))
    ):
        return None  # nor a short word opening the title or its part after a colon ("Fast
        # protein motions", "GeneMANIA: Fast gene network …"): an English word's capital
    for variant in (text, text.upper(), text.lower()):
        named = index.names(variant) if variant in index.exact else ()
        if named and variant not in ABBREVIATIONS:
            kinds = {kind for _, kind in named}
            return Mention(
                text,
                variant,
                token.start,
                tuple(dict.fromkeys(e for e, _ in named)),
                "symbol" if "symbol" in kinds else "alias",
            )
    return None


def _word_right_before(title: str, at: int) -> str:
    """The word right before offset `at`, normalised, no link word skipped ("ligase" of "the
    ubiquitin ligase Itch"; "for" of "an enzyme for Cell")."""
    before = title[:at].split()
    return normal_word(before[-1]) if before else ""


def _receptor_of(name: str, index: NameIndex) -> tuple[int, ...]:
    """The genes "NAME receptor" is a name of: `EGF receptor` → EGFR, `IL-6 receptor` → IL6R."""
    bare = name.replace("-", "")
    for candidate in (name + "R", bare + "R", name + "-R", bare + "R1"):
        named = index.names(candidate)
        if named:
            return tuple(dict.fromkeys(e for e, _ in named))
    return ()


def _normal(text: str) -> str:
    text = (
        unicodedata.normalize("NFKD", text).lower().replace("haem", "hem").replace("oestr", "estr")
    )
    return " ".join(re.findall(r"[a-z0-9]+", text))


@functools.lru_cache(maxsize=1024)
def _name_forms(name: str) -> frozenset[str]:
    """The full name, and without designators at its ends (`5'-aminolevulinate synthase 2`
    → `aminolevulinate synthase`, `claudin 1` → `claudin`)."""
    words = _normal(name).split()
    forms = {" ".join(words)} if words else set()
    trimmed = list(words)
    while trimmed and _is_member_mark(trimmed[-1]):
        trimmed.pop()
    while trimmed and _is_member_mark(trimmed[0]):
        trimmed.pop(0)
    if len(trimmed) >= 2 or (trimmed and len(trimmed[0]) >= 6 and len(words) > 1):
        forms.add(" ".join(trimmed))  # "claudin 1" → "claudin": a family name is not another gene
    if len(words) >= 3 and _is_member_mark(words[-2]) and not _is_member_mark(words[-1]):
        forms.add(" ".join(words[:-1]))  # "glycoprotein V platelet" → "glycoprotein V"
    if len(words) >= 3 and words[-1].isdigit() and _OWN_WORD.match(words[0]):
        forms.add(f"{words[0]} {words[-1]}")  # "makorin ring finger protein 2" → "makorin 2"
    _, comma, rest = name.partition(",")
    rest = _normal(rest)
    if comma and _PROTEIN_WORD.match(rest):
        forms.add(rest)  # "coagulation factor II, thrombin" → "thrombin"
    if len(words) == 2 and _PROTEIN_WORD.match(words[1]):
        forms.add(words[1])  # "arginine vasopressin" → "vasopressin"
    return frozenset(forms)


def _is_member_mark(word: str) -> bool:
    """A member's number, letter, Roman numeral or Greek letter in a page gene's name as
    `_normal` writes it (numerals are not turned into numbers there, as in the name index)."""
    return word.isdigit() or len(word) == 1 or word in _ROMAN_OR_GREEK


# A name's first word that is its own, not a class's ("makorin", "sprouty"; not "protein",
# "solute", "potassium"), and a protein's one-word name ("thrombin").
_OWN_WORD = re.compile(
    r"^(?!(?:protein|solute|potassium|sodium|calcium|chloride|transmembrane|coiled|nuclear"
    r"|small|family|member|glutamate|cholinergic|adrenergic|serine|tyrosine|zinc|leucine"
    r"|proline|cysteine|ankyrin|armadillo|ring|rho|ras|ubiquitin|ribosomal|mitochondrial"
    r"|dual|tripartite|kelch|olfactory|taste|keratin|histone|cytochrome|chromosome|open)$)"
    r"[a-z]{5,}$"
)
_PROTEIN_WORD = re.compile(r"^(?!protein$)[a-z]{4,}in$")


_FAMILY_MEMBER = re.compile(r"^([0-9]+-[0-9-]*[0-9])[A-Z]$")
_ALLELE = re.compile(r"^\*?[0-9][0-9:.]*")


def _allele_of(text: str, stems: Sequence[str]) -> bool:
    """An allele written onto a hyphenated symbol: `HLA-A2`, `HLA-A*0201`, `HLA-A*24-restricted`."""
    return any(text.startswith(stem) and _ALLELE.match(text[len(stem) :]) for stem in stems)


def names_gene(title: str, symbol: str, aliases: Iterable[str] = (), name: str = "") -> bool:
    """Whether the title names this gene by symbol, alias, previous symbol or full name."""
    if "<" in title:
        title = blank_markup(title)
    names, folded, stems, upper_names, dashless = _gene_names(symbol, tuple(aliases))
    # Every match below is a piece of the title equal to a name (up to case and dashes), so a
    # title that contains none of the names needs no tokenising.
    upper = title.upper()
    if _contains_any(upper, upper_names) or _contains_any(_DASHES.sub("", upper), dashless):
        for text, start in tokens(title, markers=True):
            token = text.upper()
            if not (
                _contains_any(token, upper_names) or _contains_any(_DASHES.sub("", token), dashless)
            ):
                continue  # no piece of this token can be a name either
            if stems and _allele_of(text, stems):
                return True
            for piece, *_ in _pieces(text, start):
                if piece in names or (piece.upper() in folded and any(c.isdigit() for c in piece)):
                    return True
                if _same_but_spelling(piece, dashless) or _written_otherwise(
                    piece, upper_names, dashless
                ):
                    return True
                changed = _CHANGE_GLUED.match(piece)
                if changed and changed.group(1).upper() in upper_names:
                    return True  # "KrasG12D", "BrafV600E": the gene with a change written on
                weighed = _WEIGHT_PREFIXED.match(piece)
                if weighed and weighed.group(1).upper() in upper_names:
                    return True  # "p50csk": the protein by its mass, then the symbol
                transcribed = _RNA_PREFIXED.match(piece)
                if transcribed and transcribed.group(1).upper() in upper_names:
                    return True  # "CircSMARCA5": a circular RNA of the gene's own transcript
    if symbol.startswith("MIR") and _names_micro_rna(title, symbol):
        return True
    padded = f" {_normal(title)} "
    spaced = _SPACED_SYMBOL.match(symbol)  # "Twist 1" for TWIST1
    if spaced and f" {spaced.group(1).lower()} {spaced.group(2).lower()} " in padded:
        return True
    for family, member in _lettered_member(symbol):  # "hnRNP K" for HNRNPK
        if f" {family} {member} " in padded:
            return True
    if name and any(f" {form} " in padded for form in _name_forms(name)):
        return True
    return _spelled_by_initials(title, (symbol, *aliases))


def _names_micro_rna(title: str, symbol: str) -> bool:
    """Whether the title names the microRNA a MIR gene makes, as titles write it: "miR-1" and
    "microRNA-1-3p" of MIR1-1 and MIR1-2 (each copy makes it), "miRNA-106b" of MIR106B."""
    gene = _MIR_GENE.match(symbol)
    if not gene:
        return False
    wanted = gene.group(1).lower()
    return any(found.group(1).lower() == wanted for found in _MIR_WRITTEN.finditer(title))


_MIR_GENE = re.compile(r"^MIR([0-9]+[A-Z]?)(?:-[0-9])?$")
_MIR_WRITTEN = re.compile(rf"\b(?:hsa-)?{_MIR_WORD}[- ]?([0-9]+[a-z]?)(?![0-9a-z])")


# A circular RNA named by the gene it is spliced from ("circSMARCA5", "CircHIPK3").
_RNA_PREFIXED = re.compile(r"^[Cc]irc-?([A-Z][A-Z0-9-]+)$")


def _spelled_by_initials(title: str, names: Sequence[str]) -> bool:
    """Whether words of the title spell one of the gene's symbols or aliases as the symbol
    abbreviates them: each word by its initial, a code in capitals or a number standing for
    itself ("Activation Transcription Factor-2" for ATF2, "pancreatic lipase RP1" for PLRP1), and
    for a name with a number, more of a word's letters in order ("Pleomorphic adenoma gene
    like-2" for PLAGL2, "p75 neurotrophin receptor" for p75NTR)."""
    names_spelled = _spellable(tuple(names))
    if not names_spelled:
        return False
    digits = frozenset(c for c in title if c.isdigit())
    possible = [(target, first) for target, first, needs in names_spelled if needs <= digits]
    if not possible:
        return False  # each name has a number the title lacks: most titles
    starts = {m.group().lower() for m in _WORD_START.finditer(title)}
    targets = [target for target, first in possible if first in starts]
    if not targets:
        return False
    written = [title[start:end] for _, start, end in normal_words(title)]
    for target in targets:
        spelling = _Spelling(written, target)  # its states are the same from any first word
        if any(
            spelling.spells(first, 0, 0)
            for first, word in enumerate(written)
            if word[0].lower() == target[0]
        ):
            return True
    return False


_WORD_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]")


@functools.lru_cache(maxsize=1024)
def _spellable(names: tuple[str, ...]) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """A gene's symbols and aliases a title may spell, each with its first letter and its digits,
    worked out once per gene: of four characters or more, two letters or more, no punctuation."""
    targets = {
        _DASHES.sub("", n).lower()
        for n in names
        if len(n) >= 4 and sum(c.isalpha() for c in n) >= 2 and n.replace("-", "").isalnum()
    }
    return tuple(
        (target, target[0], frozenset(c for c in target if c.isdigit())) for target in targets
    )


class _Spelling:
    """A title's words read as the spelling of one name. Each state (word, letters spelled,
    whether two initials were given) is tried once: a word that may give one letter or several
    would otherwise make the ways to try grow exponentially with the name's length."""

    def __init__(self, written: list[str], target: str):
        self.written, self.target = written, target
        self.tried: dict[tuple[int, int, int], bool] = {}

    def spells(self, at: int, done: int, initials: int) -> bool:
        """Whether the words from `at` on spell the rest of the name after its first `done`
        letters, two words or more giving their initials (one word alone is the alias itself,
        read above)."""
        state = (at, done, min(initials, 2))
        if state not in self.tried:
            self.tried[state] = self._spells(at, done, initials)
        return self.tried[state]

    def _spells(self, at: int, done: int, initials: int) -> bool:
        written, target = self.written, self.target
        if done == len(target):
            return initials >= 2
        if at == len(written):
            return False
        word = written[at]
        if (
            word.isdigit()
            or (word.isupper() and len(word) > 1)
            or _letter_before_number(written, at)
        ):
            code = word.lower()  # "RP1", "p75": the code is the symbol's own
            return target.startswith(code, done) and self.spells(at + 1, done + len(code), initials)
        if (len(word) <= 3 and word.islower()) or word[0].lower() != target[done]:
            # "of the catalytic domain" spells no OTCD: a name's words are no particles
            return False
        if self.spells(at + 1, done + 1, initials + 1):
            return True
        if not any(c.isdigit() for c in target):
            return False  # inner letters only with a number to anchor them: "Haplotypes
            # extending across" would spell HEXA
        reach = done + 1
        for letter in word[1:].lower():  # more of the word's letters, in order
            if reach < len(target) and letter == target[reach]:
                reach += 1
                if self.spells(at + 1, reach, initials + 1):
                    return True
        return False


def _letter_before_number(written: list[str], at: int) -> bool:
    """A letter the title glues to the number after it ("p75", read as "p" and "75")."""
    return len(written[at]) == 1 and at + 1 < len(written) and written[at + 1].isdigit()


# A symbol with a protein change glued on, as mouse models are named ("KrasG12D", "BrafV600E").
_CHANGE_GLUED = re.compile(r"^([A-Za-z][A-Za-z0-9]*?[A-Za-z0-9])[A-Z][0-9]{1,4}[A-Z]$")
_SPACED_SYMBOL = re.compile(r"^([A-Z]{3,})([0-9]+[A-Z]?)$")
# A member's letter, maybe with a number, at a symbol's end ("K", "H1", "A2B1").
_MEMBER_LETTER = re.compile(r"[A-Z][0-9]?(?:[A-Z][0-9])?")


def _lettered_member(symbol: str) -> list[tuple[str, str]]:
    """A symbol as a family's letters (four or more) and a member's letter that titles write apart
    ("hnRNP K" for HNRNPK, "hnRNP H1", "hnRNP A2B1"), in lower case; every such split."""
    splits = []
    for size in range(1, 5):
        family, member = symbol[:-size], symbol[-size:]
        if len(family) >= 4 and family.isalpha() and _MEMBER_LETTER.fullmatch(member):
            splits.append((family.lower(), member.lower()))
    return splits


# What a title may put before a symbol: the species ("hTERT", "mPer2", "rGH"), "rh" for a
# recombinant human protein ("rhBMP-2"), "c-" for the cellular copy of an oncogene ("c-rel").
_WRITTEN_BEFORE = re.compile(r"^(?:[rR]h|[hmrz]|[cC]-)(?=[A-Za-z]{2})")


def _written_otherwise(piece: str, upper_names: tuple[str, ...], dashless: tuple[str, ...]) -> bool:
    """Whether a piece is one of the page gene's names written as titles write gene names: in
    another case when it has a capital ("RhoA", "Daxx", "mTOR" for RHOA, DAXX, MTOR), or after
    a species, recombinant or cellular prefix."""
    upper = piece.upper()
    if len(piece) >= 3 and piece != piece.lower() and upper in upper_names:
        return True
    bare = _WRITTEN_BEFORE.sub("", piece, count=1)
    return (
        bare != piece
        and len(bare) >= 3
        and (bare.upper() in upper_names or _same_but_spelling(bare, dashless))
    )


def _contains_any(text: str, names: tuple[str, ...]) -> bool:
    return any(name in text for name in names)


@functools.lru_cache(maxsize=1024)
def _gene_names(
    symbol: str, aliases: tuple[str, ...]
) -> tuple[frozenset, frozenset, tuple, tuple[str, ...], tuple[str, ...]]:
    """A gene's names as names_gene compares them, worked out once per gene, not per title."""
    names = {symbol, *aliases} - {""}
    # A family written without the member's letter: 14-3-3E (YWHAE) → "14-3-3 proteins".
    names |= {m.group(1) for n in names if (m := _FAMILY_MEMBER.match(n))}
    folded = frozenset(n.upper() for n in names if any(c.isdigit() for c in n))
    stems = tuple(n for n in names if "-" in n and n[-1].isalpha())
    # Each name in upper case, for substring tests: a gene has a handful of names, and a page
    # is about one gene, so a regex alternation compiled per gene (~250 us) cost more than
    # the few `in` tests it would save on that page's titles.
    upper_names = tuple(sorted({n.upper() for n in names}))
    # Names with a digit as titles also write them: without a dash ("AP4" for AP-4), with a
    # Greek letter spelled ("TNFalpha") or as its Latin letter ("TNFa" for TNFA).
    dashless = tuple(
        sorted(
            {_DASHES.sub("", n).upper() for n in folded}
            | {n.upper() for n in names if len(n) >= 4 and n[-1] in "AaBbGgDdKk"}
        )
    )
    return frozenset(names), folded, stems, upper_names, dashless


def _same_but_spelling(piece: str, dashless: tuple[str, ...]) -> bool:
    """Whether a piece is a name with a digit written without its dash, or a name ending in a
    Greek letter's initial written with the letter spelled, as a symbol, or as a Latin letter."""
    if _DIGIT.search(piece) and _DASHES.sub("", piece).upper() in dashless:
        return True
    spelled = _GREEK_SUFFIX.match(_spelled(piece))
    if not spelled:
        return False
    stem = _DASHES.sub("", spelled.group(1)).upper()
    return stem + spelled.group(2)[0].upper() in dashless
