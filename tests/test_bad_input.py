"""Files that are not gene pages, or not text at all.

Each case puts one bad file beside a good page that has one known finding, runs
`genelint check` over the folder, and asserts: the bad file's exact findings, the
good page still reported, exit 1, and nothing on stderr (no traceback).
"""

import json
import os
from pathlib import Path

import pytest

import genelint.files
from genelint.cli import main

PAGES = Path(__file__).parent / "rules" / "fixtures" / "structure"
SCOPE = 'select = ["GL0", "GL1"]\n'
# The good neighbour: genes/HBB.md with one empty section.
NEIGHBOUR = "genes/HBB.md:43:1: GL104"
ALL_MISSING = "none of the 9 required sections is present (first: '## Gene Position')"


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # The config names its pages, so each bad file is checked as a page whatever is in it
    # (without `include`, a file with nothing of a gene page in it, an empty one say, is
    # skipped: tests/test_files.py).
    (tmp_path / "genelint.toml").write_text(SCOPE + 'include = ["genes/*.md"]\n')
    (tmp_path / "genes").mkdir()
    (tmp_path / "genes" / "HBB.md").write_text(
        (PAGES / "empty_section.md").read_text().replace("ALAS2", "HBB")
    )
    return tmp_path


def check(capsys, *args):
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def findings_of(out: str, path: str) -> list[tuple[str, str]]:
    """(position and code, message) of each finding of `path` in text output."""
    found = []
    for line in out.splitlines():
        if line.startswith(path + ":"):
            where, rest = line.split(" [", 1)
            message = rest.split("] ", 1)[1].rsplit(" (", 1)[0]
            found.append((where[len(path) + 1 :], message))
    return found


def assert_bad_file(capsys, path: str, expected: list[tuple[str, str]], *args):
    code, out, err = check(capsys, *args, ".")
    assert (code, err) == (1, "")
    assert findings_of(out, path) == expected
    assert NEIGHBOUR in out, "the good page beside the bad one was not checked"


def write(tree: Path, name: str, data: bytes) -> str:
    (tree / "genes" / name).write_bytes(data)
    return f"genes/{name}"


# --- text that is not a gene page ---------------------------------------------------------


def test_empty_file(tree, capsys):
    path = write(tree, "empty.md", b"")
    assert_bad_file(
        capsys,
        path,
        [
            ("1:1: GL002", "no front matter: the page must start with a '---' line"),
            ("1:1: GL101", ALL_MISSING),
        ],
    )


def test_no_front_matter(tree, capsys):
    path = write(tree, "plain.md", b"# Gene Information for HBA1\n\nSome text.\n")
    assert_bad_file(
        capsys,
        path,
        [
            ("1:1: GL002", "no front matter: the page must start with a '---' line"),
            ("1:3: GL101", ALL_MISSING),
        ],
    )


def test_unterminated_front_matter(tree, capsys):
    path = write(tree, "open.md", b'---\ntitle: "HBA1"\n\n# Gene Information for HBA1\n')
    assert_bad_file(
        capsys,
        path,
        [
            ("1:1: GL002", "front matter is not terminated: no closing '---' line"),
            ("4:3: GL101", ALL_MISSING),
        ],
    )


def test_unclosed_flow_sequence_is_reported_where_it_opens(tree, capsys):
    path = write(tree, "yaml.md", b'---\ntitle: "HBA1"\nlayout: post\ntags: [HBA1, anemia\n---\n')
    code, out, _ = check(capsys, ".")
    assert [f[0] for f in findings_of(out, path) if f[0].endswith("GL002")] == ["4:7: GL002"]


def test_unterminated_quote_is_reported_where_it_opens(tree, capsys):
    # The very example of GL002's documentation.
    path = write(tree, "yaml.md", b'---\ntitle: "HBA1\nlayout: post\n---\n')
    code, out, _ = check(capsys, ".")
    assert [f[0] for f in findings_of(out, path) if f[0].endswith("GL002")] == ["2:8: GL002"]


def test_yaml_syntax_error_position_exact(tree, capsys):
    path = write(tree, "yaml.md", b'---\ntitle: "HBA1"\nlayout: post: x\n---\n')
    assert_bad_file(
        capsys,
        path,
        [
            ("1:1: GL101", ALL_MISSING),
            (
                "3:13: GL002",
                "YAML error in front matter: mapping values are not allowed in this context",
            ),
        ],
    )


@pytest.mark.parametrize(
    "yaml, kind",
    [(b"- HBA1\n- gene\n", "list"), (b"HBA1 gene page\n", "scalar"), (b"42\n", "scalar")],
)
def test_front_matter_that_is_not_a_mapping(tree, capsys, yaml, kind):
    path = write(tree, "notmap.md", b"---\n" + yaml + b"---\n")
    assert_bad_file(
        capsys,
        path,
        [
            ("1:1: GL101", ALL_MISSING),
            ("2:1: GL002", f"front matter must be a mapping of keys to values, not a {kind}"),
        ],
    )


# --- bytes that are not UTF-8 text -----------------------------------------------------------


def test_binary_file(tree, capsys):
    path = write(tree, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_bad_file(capsys, path, [("3:1: GL001", "binary file (NUL byte at byte offset 8)")])


def test_latin1_bytes(tree, capsys):
    path = write(tree, "latin1.md", b'---\ntitle: "HBA1"\n---\n\nH\xe9moglobine\n')
    assert_bad_file(
        capsys,
        path,
        [("5:2: GL001", "not valid UTF-8: byte 0xe9 at line 5 (save the file as UTF-8)")],
    )


@pytest.mark.parametrize(
    "encoding, mark",
    [
        ("utf-16-le", "FF FE"),  # Windows Notepad's "Unicode"
        ("utf-16-be", "FE FF"),
        ("utf-32-le", "FF FE 00 00"),
        ("utf-32-be", "00 00 FE FF"),
    ],
)
def test_text_in_another_unicode_encoding_says_which(tree, capsys, encoding, mark):
    text = (PAGES / "complete_page.md").read_text()
    bom = bytes.fromhex(mark.replace(" ", ""))
    path = write(tree, "unicode.md", bom + text.encode(encoding))
    width = encoding[:6].upper()
    assert_bad_file(
        capsys,
        path,
        [
            (
                "1:1: GL001",
                f"{width} text (byte order mark {mark}), not UTF-8 (save the file as UTF-8)",
            )
        ],
    )


def test_nul_byte_in_otherwise_good_text(tree, capsys):
    good = (PAGES / "complete_page.md").read_bytes()
    path = write(tree, "nul.md", good.replace(b"Xp11.21.", b"Xp11.21.\x00"))
    offset = good.index(b"Xp11.21.") + len(b"Xp11.21.")
    assert_bad_file(
        capsys, path, [("14:67: GL001", f"binary file (NUL byte at byte offset {offset})")]
    )


# --- files that cannot be read ----------------------------------------------------------------


def test_file_over_the_configured_size_limit(tree, capsys):
    (tree / "genelint.toml").write_text(SCOPE + "max-file-size = 3000\n")
    path = write(tree, "big.md", b"---\n" + b"x" * 3000 + b"\n---\n")
    assert_bad_file(
        capsys,
        path,
        [("1:1: GL001", "file is 3,009 bytes, over the limit of 3,000 (max-file-size)")],
    )


def test_a_real_50_mb_file_against_the_default_limit(tree, capsys):
    big = tree / "genes" / "huge.md"
    with open(big, "wb") as handle:  # sparse where the file system allows: quick to make
        handle.truncate(50 * 1024 * 1024)
    assert_bad_file(
        capsys,
        "genes/huge.md",
        [
            ("1:1: GL001", "file is 52,428,800 bytes, over the limit of 5,242,880 (max-file-size)"),
        ],
    )


def test_directory_named_like_a_page(tree, capsys):
    (tree / "genes" / "x.md").mkdir()
    (tree / "genes" / "x.md" / "inner.txt").write_text("not a page")
    assert_bad_file(capsys, "genes/x.md", [("1:1: GL001", "is a directory, not a file")])


def test_directory_named_like_a_page_given_explicitly(tree, capsys):
    (tree / "genes" / "x.md").mkdir()
    code, out, err = check(capsys, "genes/x.md", "genes/HBB.md")
    assert (code, err) == (1, "")
    assert findings_of(out, "genes/x.md") == [("1:1: GL001", "is a directory, not a file")]
    assert "genes/HBB.md:43:1: GL104" in out


def test_broken_symlink(tree, capsys):
    (tree / "genes" / "gone.md").symlink_to(tree / "genes" / "nowhere.md")
    assert_bad_file(capsys, "genes/gone.md", [("1:1: GL001", "broken symlink")])


def test_file_deleted_between_listing_and_reading(tree, capsys, monkeypatch):
    write(tree, "fleeting.md", (PAGES / "complete_page.md").read_bytes())
    listed = genelint.files.select_files

    def discover_then_delete(paths, settings, **options):
        found = listed(paths, settings, **options)
        os.remove("genes/fleeting.md")  # another process wins the race
        return found

    monkeypatch.setattr(genelint.files, "select_files", discover_then_delete)
    assert_bad_file(
        capsys,
        "genes/fleeting.md",
        [("1:1: GL001", "file not found (deleted while the run went on?)")],
    )


# --- YAML that asks for code to run ---------------------------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!!python/name:os.system",
        "!!python/object:builtins.object",
    ],
)
def test_python_tags_are_refused_and_not_executed(tree, capsys, tag):
    marker = tree / "executed"
    yaml = f'---\ntitle: "HBA1"\nsummary: {tag} ["touch {marker}"]\n---\n'
    path = write(tree, "evil.md", yaml.encode())
    code, out, err = check(capsys, ".")
    assert (code, err) == (1, "")
    assert not marker.exists()
    (gl002,) = [f for f in findings_of(out, path) if f[0].endswith("GL002")]
    assert gl002[0] == "3:10: GL002"
    assert gl002[1].startswith(
        "YAML error in front matter: could not determine a constructor for the tag 'tag:yaml.org,2002:python/"
    )


# --- every bad input at once ---------------------------------------------------------------------


def _zoo(tree: Path) -> None:
    write(tree, "empty.md", b"")
    write(tree, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tree, "latin1.md", b"---\ntitle: \xe9\n---\n")
    write(tree, "list.md", b"---\n- a\n---\n")
    write(tree, "yaml.md", b"---\ntitle: [\n---\n")
    write(tree, "evil.md", b"---\ntitle: !!python/object/apply:os.getcwd []\n---\n")
    (tree / "genes" / "dir.md").mkdir()
    (tree / "genes" / "gone.md").symlink_to(tree / "genes" / "nowhere.md")


def test_every_bad_input_in_one_run_with_jobs(tree, capsys):
    _zoo(tree)
    one = check(capsys, "--jobs", "1", "--format", "json", ".")
    two = check(capsys, "--jobs", "2", "--format", "json", ".")
    assert one[0] == two[0] == 1
    assert one[2] == two[2] == ""
    assert json.loads(one[1])["findings"] == json.loads(two[1])["findings"]
    report = json.loads(one[1])
    assert report["summary"]["files"] == 9
    assert {f["path"] for f in report["findings"]} == {
        f"genes/{name}"
        for name in (
            "empty.md",
            "image.md",
            "latin1.md",
            "list.md",
            "yaml.md",
            "evil.md",
            "dir.md",
            "gone.md",
            "HBB.md",
        )
    }


def test_yaml_alias_bomb_is_refused(tree, capsys):
    # Only 3 levels here (1,000 items), so the test is quick whichever way it goes.
    lines = ["---", 'title: "HBA1"', "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in (1, 2)]
    lines += ["tags: *a2", "---", ""]
    path = write(tree, "bomb.md", "\n".join(lines).encode())
    code, out, err = check(capsys, "--select", "GL0", ".")
    assert (code, err) == (1, "")
    assert [f[0].split(": ")[1] for f in findings_of(out, path)] == ["GL002"]


def test_control_characters_of_a_page_are_escaped_in_text_output(tmp_path, monkeypatch, capsys):
    # A page can carry terminal escapes; repeated in a message they must not act on a terminal or CI log.
    monkeypatch.chdir(tmp_path)
    page = Path(__file__).parents[1] / "examples" / "ALAS2.md"
    (tmp_path / "ALAS2.md").write_text(
        page.read_text().replace("| G139V |", "| G139V\x1b[2J\x9b31m |")
    )
    code, out, _ = check(capsys, "--offline", "--select", "GL301", "ALAS2.md")
    assert code == 1
    assert "\x1b" not in out and "\x9b" not in out
    assert "G139V\\x1b[2J\\x9b31m" in out


def test_a_folder_without_pages_passes_with_a_warning(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "notes.txt").write_text("not a page")
    code, out, err = check(capsys, "--offline", "content")
    assert (code, out) == (0, "No problems in 0 files.\n")
    assert err == "genelint: warning: no Markdown files found in content\n"


def test_control_characters_are_escaped_in_the_json_report_too(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    page = Path(__file__).parents[1] / "examples" / "ALAS2.md"
    (tmp_path / "ALAS2.md").write_text(
        page.read_text().replace("| G139V |", "| G139V\x1b[2J\x9b31m |")
    )
    code, out, _ = check(capsys, "--offline", "--select", "GL301", "--format", "json", "ALAS2.md")
    assert code == 1 and "\x1b" not in out and "\x9b" not in out
    (finding,) = json.loads(out)["findings"]
    assert (
        "G139V\x1b[2J\x9b31m" in finding["message"]
    )  # escaped on the wire, the same text once read
