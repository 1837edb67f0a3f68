"""What the parser cannot read, by name: each is reported by the rule whose code it is.

The parser never raises; a problem is a `ParseProblem(code, message, span)` with one of
these codes, and the rule declaring that code (rules/document.py) reports it. Naming them
here keeps the parser from writing rule codes as literals and the rules from re-typing them.
"""

UNREADABLE_FILE = "GL001"  # not UTF-8, binary, too large, an I/O error
FRONT_MATTER_SYNTAX = "GL002"  # missing or unterminated front matter, YAML errors, repeated keys
