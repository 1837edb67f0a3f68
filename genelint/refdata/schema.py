"""The layout of the SQLite gene index, shared by the builder and the table."""

INDEX_FORMAT = 1

# The `names` table holds every way of finding a gene; `kind` says which one a row is.
NAME_KINDS = {
    "symbol": 0,
    "alias": 1,
    "previous": 2,
    "hgnc": 3,  # number only: "397"
    "ensembl": 4,
    "omim": 5,
    "uniprot": 6,
    "designation": 7,  # a protein or other name besides the full name (NCBI Other_designations, HGNC alias names)
}

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE genes (
    entrez_id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL,
    name TEXT NOT NULL,
    gene_type TEXT NOT NULL,
    chromosomes TEXT NOT NULL,
    cytobands TEXT NOT NULL,
    aliases TEXT NOT NULL,
    previous_symbols TEXT NOT NULL,
    hgnc_id TEXT,
    ensembl_ids TEXT NOT NULL,
    uniprot_ids TEXT NOT NULL,
    omim_ids TEXT NOT NULL
);
CREATE TABLE names (
    kind INTEGER NOT NULL,
    name TEXT NOT NULL,
    entrez_id INTEGER NOT NULL,
    PRIMARY KEY (kind, name, entrez_id)
) WITHOUT ROWID;
CREATE TABLE withdrawn_hgnc (
    hgnc_number INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL,
    status TEXT NOT NULL,
    name TEXT NOT NULL
);
"""
