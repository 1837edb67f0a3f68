"""The built-in rule pack, installed as `genelint.rules`: one module per hundred of codes.

    GL0xx  document.py     the file, its front matter and gene symbol; GL010 lookups not
                           answered, GL011 unused suppressions
    GL1xx  structure.py    sections and the mutation table's shape
    GL2xx  identifiers.py  external IDs, symbol, aliases, location (syntax and reference data)
    GL3xx  variants.py     the mutation list (HGVS, types, rsIDs; dbSNP and UniProt lookups)
    GL4xx  citations.py    related papers (DOI syntax, Crossref lookups, GL405's gene names)
    GL5xx  provenance.py   AI authorship and its review
    GL9xx  corpus.py       facts compared across pages

A rule's family is its module's name. Helpers that several modules share live in the
underscore modules, which the registry does not search for rules.
"""
