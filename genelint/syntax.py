"""How identifiers and citations are written: the one home of each pattern.

Rules decide what a malformed value means; services refuse to ask about one. Both read
the syntax here, so a fix to a pattern reaches every place that checks it. Each pattern
is meant for `fullmatch` on a stripped value unless its comment says otherwise.
"""

from __future__ import annotations

import re

# dbSNP reference SNP: `rs` and a number without leading zeros.
RSID = re.compile(r"rs[1-9][0-9]*")

# A DOI: the directory `10.`, a registrant code of 4-9 digits, `/`, any suffix.
DOI = re.compile(r"10\.[0-9]{4,9}/\S+")
# The `10.<registrant>` part alone (before the first `/`).
DOI_PREFIX = re.compile(r"10\.[0-9]{4,9}")
# Wrappers people put around a DOI (for `sub(..., count=1)` at the start); the DOI
# itself starts at "10.".
DOI_WRAPPER = re.compile(r"^(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/|doi\.org/)", re.I)
# Punctuation that ends a sentence after a DOI rather than belonging to it.
DOI_TRAILING = ".,;:"

# UniProt's documented accession pattern, optionally with an isoform suffix (P22557-2).
UNIPROT_ACCESSION = re.compile(
    r"(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})(?:-[0-9]+)?"
)

# Gene identifiers as a page's Identifiers section writes them.
HGNC_ID = re.compile(r"(?:HGNC:)?[1-9][0-9]*")  # HGNC:398 or 398
ENTREZ_GENE_ID = re.compile(r"[1-9][0-9]*")  # NCBI Gene: a positive integer
ENSEMBL_GENE_ID = re.compile(r"ENSG[0-9]{11}(?:\.[0-9]+)?")  # human gene, optionally versioned
OMIM_NUMBER = re.compile(r"[0-9]{6}")
