"""Reading and rewriting rule case files (see genelint.testing) without losing their layout.

Update mode rewrites one key of one case (its `findings`, `fixed` or `unsafe_fixed`) in the
file's text: the lines that key spans are replaced, everything else (comments, order, quoting,
the other cases) is left byte for byte. PyYAML's node marks say where each key and value are.
"""

from __future__ import annotations

import yaml

CASE_KEYS_ORDER = ("findings", "fixed", "unsafe_fixed")  # where update mode adds a missing key


class CaseFileError(ValueError):
    """A case file that cannot be read as one: names the file, the line and what is wrong."""


def case_nodes(text: str, path: str) -> list[yaml.MappingNode]:
    """The mapping node of each case under the file's `cases` key, in order."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        raise CaseFileError(f"{path}: not YAML: {err}") from None
    if not isinstance(root, yaml.MappingNode):
        raise CaseFileError(f"{path}: expected a mapping with a `cases` list")
    for key, value in root.value:
        if key.value == "cases":
            if not isinstance(value, yaml.SequenceNode) or not all(
                isinstance(item, yaml.MappingNode) for item in value.value
            ):
                raise CaseFileError(
                    f"{path}:{value.start_mark.line + 1}: `cases` must be a list of mappings"
                )
            return list(value.value)
    raise CaseFileError(f"{path}: no `cases` key")


def set_case_key(text: str, path: str, index: int, key: str, value) -> str:
    """The file's text with `key` of case `index` set to `value` (None: the key removed)."""
    case = case_nodes(text, path)[index]
    lines = text.splitlines(keepends=True)
    indent = case.value[0][0].start_mark.column if case.value else case.start_mark.column
    new = _emit(key, value, indent) if value is not None else []
    for key_node, value_node in case.value:
        if key_node.value == key:
            first, last = key_node.start_mark.line, _last_line(lines, value_node)
            return "".join(lines[:first] + new + lines[last + 1 :])
    if value is None:
        return text
    # A missing key goes after the keys it follows in CASE_KEYS_ORDER, else after the case's last key.
    after = case.value[-1][1]
    for key_node, value_node in case.value:
        if key_node.value in CASE_KEYS_ORDER[: CASE_KEYS_ORDER.index(key)]:
            after = value_node
    last = _last_line(lines, after)
    if last >= 0 and not lines[last].endswith("\n"):
        lines[last] += "\n"
    return "".join(lines[: last + 1] + new + lines[last + 1 :])


def _last_line(lines: list[str], node: yaml.Node) -> int:
    """The index of the last line that holds part of `node`. A block's end mark is where the
    next token starts: the blank lines and comments before it belong to what follows."""
    text = "".join(lines)
    held = text[node.start_mark.index : node.end_mark.index].split("\n")
    block_scalar = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
    while len(held) > 1:
        stripped = held[-1].strip()
        if stripped and (block_scalar or not stripped.startswith("#")):
            break
        held.pop()
    return node.start_mark.line + len(held) - 1


def _emit(key: str, value, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, list):
        if not value:
            return [f"{pad}{key}: []\n"]
        return [f"{pad}{key}:\n"] + [f"{pad}  - {scalar(item)}\n" for item in value]
    if isinstance(value, str) and value.endswith("\n") and _literal_ok(value):
        return [f"{pad}{key}: |\n"] + [f"{pad}  {line}\n" for line in value[:-1].split("\n")]
    return [f"{pad}{key}: {scalar(value)}\n"]


def _literal_ok(text: str) -> bool:
    """Whether a block literal (`|`) gives back exactly `text`."""
    body = "".join(f"  {line}\n" for line in text[:-1].split("\n"))
    try:
        return yaml.safe_load(f"k: |\n{body}") == {"k": text}
    except yaml.YAMLError:
        return False


def scalar(text: str) -> str:
    """`text` as a one-line YAML scalar: plain where YAML reads it back unchanged, else in
    double quotes (messages quote values in single quotes), else as PyYAML writes it."""
    for candidate in (text, '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'):
        try:
            if "\n" not in candidate and yaml.safe_load(f"- {candidate}") == [text]:
                return candidate
        except yaml.YAMLError:
            pass
    return yaml.safe_dump(text, default_style='"', width=float("inf")).rstrip("\n")
