"""Peptides cut from a precursor whose gene is named otherwise: "angiotensin II" of AGT.

NCBI and HGNC list the peptides a precursor is cut into among its gene's names and aliases, so
the name index would read a title on angiotensin II, beta-endorphin or substance P as naming AGT,
POMC or TAC1. A title naming such a peptide is about the peptide (a hormone, a transmitter, a
complement fragment), not the gene, as a curator reads it (docs/gl405.md, the criterion: a peptide
cut from a precursor is a peptide); the gene's own name ("angiotensinogen", "proopiomelanocortin")
and a peptide that gives its gene its name ("insulin", "glucagon") still name the gene. Complement
fragments (C5a) are left as they are: their written names are also the receptors' aliases in
another case ("C5A" of C5AR1), which a title's "C5a" would then be read as. The name
index leaves these names out for these genes only: "GLP-1" stays an alias of GLP1R.

Facts (UniProt's chains of each precursor, as NCBI's designations spell them), not a list of
words to look for.
"""

from __future__ import annotations

CUT_PEPTIDES: dict[str, tuple[str, ...]] = {
    "AGT": (
        "angiotensin I",
        "angiotensin II",
        "angiotensin III",
        "angiotensin IV",
        "angiotensin 1-7",
    ),
    "POMC": (
        "ACTH",
        "adrenocorticotropic hormone",
        "adrenocorticotropin",
        "corticotropin",
        "MSH",
        "alpha-MSH",
        "beta-MSH",
        "gamma-MSH",
        "melanocyte-stimulating hormone",
        "alpha-melanocyte-stimulating hormone",
        "beta-melanocyte-stimulating hormone",
        "gamma-melanocyte-stimulating hormone",
        "melanotropin alpha",
        "melanotropin beta",
        "melanotropin gamma",
        "beta-endorphin",
        "endorphin",
        "LPH",
        "beta-LPH",
        "gamma-LPH",
        "lipotropin beta",
        "lipotropin gamma",
        "met-enkephalin",
        "CLIP",
        "corticotropin-like intermediary peptide",
        "corticotropin-lipotropin",
    ),
    "TAC1": (
        "substance P",
        "substance K",
        "neurokinin A",
        "neurokinin alpha",
        "neuropeptide K",
        "neuropeptide gamma",
        "neuromedin L",
        "NPK",
        "NKNA",
    ),
    "KNG1": ("bradykinin", "BK"),
    "GCG": (
        "glucagon-like peptide 1",
        "glucagon-like peptide 2",
        "GLP-1",
        "GLP1",
        "GLP2",
        "GRPP",
        "glicentin-related polypeptide",
    ),
    "PENK": ("met-enkephalin", "leu-enkephalin"),
    "PDYN": ("dynorphin", "dynorphin A", "dynorphin B"),
    "FNDC5": ("irisin",),  # the myokine cut from FNDC5's ectodomain
    "APP": (
        "beta-amyloid peptide",
        "amyloid beta-peptide",
        "amyloid beta peptide",
        "cerebral vascular amyloid peptide",
    ),
}
