"""`genelint server`: the language server (LSP over stdio) on the CLI's engine, config and fixes.

Kept light: the CLI imports this module to add the command's arguments; pygls and the
engine are imported only when the server runs.

  positions.py  genelint's places <-> LSP positions (UTF-16 code units)
  profiles.py   each page's config (found as the CLI finds it), its linters, remembered answers
  pages.py      checking one page's text; findings as diagnostics; the workspace's corpus facts
  actions.py    quick fixes, fix-all, suppression comments, hover
  app.py        the protocol: documents, debouncing, background lookups, config changes
"""

from __future__ import annotations


def add_arguments(subparsers) -> None:
    parser = subparsers.add_parser(
        "server",
        help="run the language server (LSP over stdio) for editors",
        description="Speak the Language Server Protocol on standard input and output: diagnostics as you type, "
        "quick fixes, fix-all and rule documentation on hover, with the config `genelint check` uses.",
    )
    # Some clients (vscode-languageclient) add --stdio when told the transport is stdio.
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="accepted for clients that pass it; stdio is the only transport",
    )


def run(args=None) -> int:
    from genelint.server.app import serve

    serve()
    return 0
