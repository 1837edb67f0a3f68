"""genelint: a curation validator and linter for Markdown gene documents."""

__version__ = "0.1.0"
