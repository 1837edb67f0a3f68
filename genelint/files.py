"""Which files a run checks.

pre-commit and CI name files on the command line, and a curation repository also holds
Markdown that is not a gene page (README.md, CONTRIBUTING.md, a pull-request template), so
the same rules apply to named files as to the files found by walking a folder:
- `exclude` globs leave a file out, named or found;
- `include` globs, when the config has them, name the pages genelint owns: only those are checked;
- without `include`, a Markdown file that is plainly not a gene page (no gene-page front
  matter, no heading of a known section) is skipped, and the summary counts it, an empty one
  apart; so is a page template (a file under `templates/`, say), which has a page's shape
  with placeholders where the facts go.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from genelint.config import Settings
from genelint.sections import known_titles, slug

# The Markdown file names pre-commit passes to a `types: [markdown]` hook (identify's list), so
# that `genelint check DIR` and the hook see the same pages.
PAGE_SUFFIXES = (".md", ".markdown")
# Front matter that says "gene page": keys only a gene page has (schemas/gene-document.schema.json),
# or categories or tags that name genes. `title`, `layout`, `date`, `categories` and `tags`
# alone are any Jekyll post's (a lab's news in the same site, say), `title` an issue template's.
GENE_PAGE_KEYS = frozenset({"summary", "provenance"})
GENE_WORD_KEYS = frozenset({"categories", "tags"})
_GENE_WORD = re.compile(r"\bgenes?\b", re.IGNORECASE)  # `Gene`, not `general`
MAX_NAMED = 3  # skipped files named in the summary line
# Folders where sites keep the skeletons new pages are copied from (Hugo's archetypes/); a
# template there looks like a gene page, its placeholders fail every rule, and it is not one.
TEMPLATE_FOLDERS = frozenset({"templates", "_templates", "archetypes"})


class NotRegularFile(OSError):
    """A path that is a FIFO, a socket or a device: reading it could block or have effects."""

    def __init__(self, path: str, kind: str):
        super().__init__(f"{kind}, not a regular file")
        self.kind = kind
        self.strerror = f"{kind}, not a regular file"
        self.filename = path


def special_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is, or None for a regular file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


# O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one forever; O_NOCTTY:
# a terminal device never becomes ours. Neither changes how a regular file is read.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_regular(
    path: str | os.PathLike, limit: int | None = None, status: os.stat_result | None = None
) -> bytes:
    """The bytes of a regular file (at most `limit`), never blocking on what is not one.

    The kind is checked before opening (a socket cannot even be opened, and a device should
    not be) and again on the opened descriptor, so a file swapped for a FIFO between the two
    is still refused. `status`: the path's os.stat, when the caller has it already. Raises
    NotRegularFile, or OSError as open and read do.
    """
    kind = special_kind((status or os.stat(path)).st_mode)
    if kind:
        raise NotRegularFile(os.fspath(path), kind)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode_and_size = os.fstat(fd)
        kind = special_kind(mode_and_size.st_mode)
        if kind:
            raise NotRegularFile(os.fspath(path), kind)
        if stat.S_ISDIR(mode_and_size.st_mode):
            raise IsADirectoryError(21, "Is a directory", os.fspath(path))
        return _read_to_end(fd, mode_and_size.st_size + 1, limit)
    finally:
        os.close(fd)


def _read_to_end(fd: int, expected: int, limit: int | None) -> bytes:
    """What is left to read of `fd`, at most `limit` bytes. Read with os.read in pieces the
    size the file says it has (+1, to see its end): a file object reading up to `limit`
    would first set aside `limit` bytes (megabytes, for a page of a few kilobytes)."""
    pieces = []
    while limit is None or limit > 0:
        piece = os.read(fd, expected if limit is None else min(expected, limit))
        if not piece:
            break
        pieces.append(piece)
        if limit is not None:
            limit -= len(piece)
        expected = 1 << 16  # it grew since it was measured: the rest in pieces
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def read_regular_text(path: str | os.PathLike) -> str:
    """read_regular decoded as UTF-8 (UnicodeDecodeError when it is not)."""
    return read_regular(path).decode("utf-8")


class NoSuchPath(Exception):
    """Paths named on the command line that do not exist (a usage error, not a finding)."""

    def __init__(self, paths: list[str]):
        super().__init__(f"no such file or folder: {', '.join(paths)}")
        self.paths = paths


@dataclass
class Selection:
    files: list[str] = field(default_factory=list)  # to check, in a stable order
    excluded: list[str] = field(
        default_factory=list
    )  # named on the command line, left out by exclude or include
    not_pages: list[str] = field(
        default_factory=list
    )  # Markdown that is not a gene page (no include configured)
    empty: list[str] = field(default_factory=list)  # of those, the files of no bytes
    templates: list[str] = field(default_factory=list)  # under TEMPLATE_FOLDERS (no include)

    def leave_out(self, not_pages: list[str]) -> None:
        """Files found not to be gene pages, the empty ones apart (the summary says which)."""
        self.empty = [path for path in not_pages if _is_empty(path)]
        empty = set(self.empty)
        self.not_pages = [path for path in not_pages if path not in empty]

    def summary(self) -> dict:
        """The JSON summary's "skipped" entry (empty when nothing was skipped)."""
        if not (self.excluded or self.not_pages or self.empty or self.templates):
            return {}
        skipped = {"excluded": self.excluded, "not_gene_pages": self.not_pages}
        if self.empty:
            skipped["empty"] = self.empty
        if self.templates:
            skipped["templates"] = self.templates
        return {"skipped": skipped}


def discover(paths: list[str], settings: Settings) -> list[str]:
    """Files to check, in a stable order (see select_files)."""
    return select_files(paths, settings).files


def select_files(paths: list[str], settings: Settings, sift: bool = True) -> Selection:
    """Files to check, and those left out.

    A named file is checked unless `exclude` or `include` leaves it out, whatever its
    name, and even when it is hidden or not a regular file (pre-commit passes files that
    way); folders are walked for `*.md` and `*.markdown`, skipping hidden folders and `exclude` matches. Without
    `sift`, Markdown that is not a gene page stays among the files: the run that reads them
    anyway leaves it out (Linter.run's gene_pages_only), so no page is read twice. A
    folder whose name ends in `.md` (or `.markdown`) is listed too, so the run reports it rather than
    passing it by. A named path that does not exist at all raises NoSuchPath (a mistyped
    name); a broken symlink does exist, and is checked (GL001).
    """
    missing = [path for path in paths if not _exists(path)]
    if missing:
        raise NoSuchPath(missing)
    selection = Selection()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key in seen:
            return
        seen.add(key)
        if not settings.include and is_template(path, settings):
            selection.templates.append(path)
        elif sift and not settings.include and not looks_like_gene_page(path, settings):
            selection.not_pages.append(path)
        else:
            selection.files.append(path)

    for path in paths:
        if os.path.isdir(path) and not path.endswith(PAGE_SUFFIXES):
            for file in _walk(path, settings):
                add(file)
        elif settings.is_excluded(path) or not settings.is_included(path):
            selection.excluded.append(path)
        else:
            add(path)
    selection.leave_out(selection.not_pages)
    return selection


def is_template(path: str, settings: Settings) -> bool:
    """Is the file under one of TEMPLATE_FOLDERS, below the config's folder (or, for a file
    outside it, in the path as named)?"""
    # Told apart by their text first: nearly no path names such a folder at all, and the
    # Path arithmetic below took ~12 us a file (25 ms of a 2,000-page run, before any page).
    # The path as written after the working folder holds every folder name its absolute form
    # has (normalising only drops names), without abspath's work for each file.
    written = path if os.path.isabs(path) else f"{os.getcwd()}{os.sep}{path}"
    if not any(folder in written for folder in TEMPLATE_FOLDERS):
        return False
    absolute = os.path.abspath(path)
    full, root = Path(absolute), Path(os.path.abspath(settings.root))
    named = full.relative_to(root) if full.is_relative_to(root) else Path(path)
    return not named.is_absolute() and any(
        folder in TEMPLATE_FOLDERS for folder in named.parts[:-1]
    )


def _is_empty(path: str) -> bool:
    """A regular file of no bytes (told by its size: a run reads each file once)."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_size == 0


def _exists(path: str) -> bool:
    """There is something at `path` (a broken symlink too); also when a folder on the way may
    not be searched, so the run says it cannot read it (GL001) rather than that it is not there."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def _walk(root: str, settings: Settings) -> list[str]:
    """The pages under `root`. A folder that cannot be listed is returned among them, so the
    run reports it (GL001 "cannot list folder") instead of passing over its pages in silence."""
    files = []

    def unlistable(err: OSError) -> None:
        if err.filename is not None and not settings.is_excluded(os.fspath(err.filename)):
            files.append(os.path.normpath(os.fspath(err.filename)))

    for folder, dirnames, filenames in os.walk(root, onerror=unlistable):
        kept = []
        for name in sorted(dirnames):
            full = os.path.join(folder, name)
            if name.startswith(".") or settings.is_excluded(full):
                continue
            if name.endswith(PAGE_SUFFIXES) and settings.is_included(full):
                files.append(os.path.normpath(full))
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            full = os.path.join(folder, name)
            if (
                name.endswith(PAGE_SUFFIXES)
                and not name.startswith(".")
                and not settings.is_excluded(full)
                and settings.is_included(full)
            ):
                files.append(os.path.normpath(full))  # `genes/x.md`, not `./genes/x.md`
    return sorted(files)


# --- is it a gene page? -------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:")


def looks_like_gene_page(path: str, settings: Settings) -> bool:
    """False only for a readable Markdown file with neither gene-page front matter nor a
    heading that names a known section. Whatever cannot be read is left to the run, which
    reports why (GL001): a file is never skipped for being broken."""
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > settings.max_file_size:
            return True
        raw = read_regular(path, settings.max_file_size + 1)
    except OSError:
        return True
    return bytes_look_like_gene_page(raw, settings, path)


def bytes_look_like_gene_page(raw: bytes, settings: Settings, path: str = "") -> bool:
    """looks_like_gene_page over a file's bytes, read already; what is not UTF-8 is left to the
    run, which reports it (GL001)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return text_looks_like_gene_page(text, settings, path)


def text_looks_like_gene_page(text: str, settings: Settings, path: str = "") -> bool:
    """looks_like_gene_page over text already read (an editor's buffer). A repository's own
    document (`path` README.md, CONTRIBUTING.md, …) is a gene page only by its front matter: a
    README that describes the pages uses their section headings."""
    if "\x00" in text:
        return True
    # Lines as split, each freed of its CR only when read: most pages are decided by their
    # first few lines of front matter, and only the others are read to the end.
    lines = text.lstrip("\ufeff").split("\n")
    if len(lines) == 1 and "\r" in text:  # lone CR line ends: the run says what is wrong (GL001)
        lines = text.lstrip("\ufeff").split("\r")
    if _has_gene_front_matter(lines):
        return True
    return not is_repository_document(path) and _has_known_section(
        [line.rstrip("\r") for line in lines], known_titles(settings.sections)
    )


# The documents a repository keeps about itself, by their conventional names (GitHub's and
# GitLab's community files), never a gene's page.
REPOSITORY_DOCUMENTS = frozenset(
    """readme contributing changelog changes history code_of_conduct security support
    governance authors maintainers license licence pull_request_template issue_template
    """.split()
)


def is_repository_document(path: str) -> bool:
    """Whether the file is named as a repository's own document (README.md, CONTRIBUTING.md,
    docs/README.md), in any case and with any Markdown suffix."""
    name = os.path.basename(path)
    stem = name[: name.rfind(".")] if "." in name else name
    return stem.lower().replace("-", "_") in REPOSITORY_DOCUMENTS


def _has_gene_front_matter(lines: list[str]) -> bool:
    """Front matter with a key only a gene page has, or categories or tags that name genes
    (`categories: Gene`). Front matter that is broken (never closed, not YAML, not a mapping,
    empty) counts too: it is a page trying, and GL002 says what is wrong with it. `lines` may
    still end in CR."""
    if not lines or lines[0].rstrip() != "---":
        return False
    key = None
    for number in range(1, len(lines)):
        line = lines[number].rstrip("\r")
        if line.rstrip() in ("---", "..."):
            return not _is_yaml_mapping("\n".join(text.rstrip("\r") for text in lines[1:number]))
        top = _KEY.match(line)
        if top:
            key = top.group(1)
        if key in GENE_PAGE_KEYS or (
            key in GENE_WORD_KEYS and _GENE_WORD.search(line.split(":", 1)[-1] if top else line)
        ):
            return True
    return True  # never closed


def _is_yaml_mapping(text: str) -> bool:
    """Is the front matter well-formed YAML, a mapping? Read as parser events only: nothing is
    built, so no tag runs and no alias is expanded."""
    import yaml

    starts = (yaml.StreamStartEvent, yaml.DocumentStartEvent)
    kinds: list[type] = []
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if not kinds and not isinstance(event, starts):
                kinds.append(type(event))
    except yaml.YAMLError:  # read to the end: a syntax error further down is still one
        return False
    return kinds == [yaml.MappingStartEvent]


def _has_known_section(lines: list[str], known: dict[str, str]) -> bool:
    fence = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        heading = _ATX.match(line)
        if heading and slug(heading.group(1)) in known:
            return True
        underlined = number + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[number + 1])
        if underlined and line.strip() and slug(line) in known:
            return True
    return False


def skipped_sentences(skipped: dict) -> list[str]:
    """The summary line's words for the JSON summary's "skipped" entry."""
    sentences = []
    if skipped.get("not_gene_pages"):
        paths = skipped["not_gene_pages"]
        what = (
            "file that is not a gene page" if len(paths) == 1 else "files that are not gene pages"
        )
        sentences.append(f"Skipped {len(paths)} Markdown {what} ({_some(paths)}).")
    if skipped.get("empty"):
        paths = skipped["empty"]
        what = "file" if len(paths) == 1 else "files"
        sentences.append(f"Skipped {len(paths)} empty Markdown {what} ({_some(paths)}).")
    if skipped.get("templates"):
        paths = skipped["templates"]
        what = "template" if len(paths) == 1 else "templates"
        sentences.append(f"Skipped {len(paths)} page {what} ({_some(paths)}).")
    if skipped.get("excluded"):
        paths = skipped["excluded"]
        what = "file" if len(paths) == 1 else "files"
        sentences.append(
            f"Skipped {len(paths)} named {what} that exclude or include leaves out ({_some(paths)})."
        )
    return sentences


def _some(paths: list[str]) -> str:
    shown = ", ".join(paths[:MAX_NAMED])
    return shown + (f" and {len(paths) - MAX_NAMED} more" if len(paths) > MAX_NAMED else "")
