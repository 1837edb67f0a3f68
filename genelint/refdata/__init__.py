"""Reference gene data (NCBI Gene joined with HGNC): a bundled snapshot, `refdata update`.

Importing this package reads no data; `load_gene_table()` opens the index on first use.
"""

from genelint.refdata.table import Gene, GeneTable, WithdrawnHgncEntry, load_gene_table

__all__ = ["Gene", "GeneTable", "WithdrawnHgncEntry", "load_gene_table"]
