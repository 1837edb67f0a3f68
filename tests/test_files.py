"""Which files a run checks: without `include`, Markdown that is plainly not a gene page is
skipped and counted; whatever is broken is still checked, so the run can say why."""

import json
import os
from pathlib import Path

import pytest

from genelint.cli import main
from genelint.config import Settings, settings_from_table
from genelint.files import looks_like_gene_page, select_files

PAGE = Path(__file__).parent / "rules" / "fixtures" / "structure" / "empty_section.md"

NOT_PAGES = {
    "README.md": "# Curated gene pages\n\n## Install\n\n```markdown\n## Gene Position\n```\n\n## Related\n",
    "CONTRIBUTING.md": "Contributing\n============\n\nOpen a pull request.\n",
    ".github/PULL_REQUEST_TEMPLATE.md": "## What changed\n\n- [ ] I ran genelint\n",
    ".github/ISSUE_TEMPLATE/wrong-id.md": "---\nname: Wrong ID\nabout: An ID names another gene\ntitle: ''\nlabels: data\n---\n\n## Page\n",
    "about.md": "---\ntitle: About\nlayout: page\npermalink: /about/\n---\n\nWho we are.\n",
    "empty.md": "",
    "indented.md": "Not a heading:\n\n    ## Gene Position\n\n~~~\n## Drug Response\n~~~\n",
    # The gene pages are Jekyll posts; the lab's news in the same site is too.
    "_posts/2024-01-05-retreat.md": "---\nlayout: post\ntitle: Lab retreat\ndate: 2024-01-05\ncategories: news\ntags: [general, lab]\n---\n\nWe met.\n",
    "title_and_date.md": "---\ntitle: HBB\ndate: 2023-05-10\n---\n\nText.\n",
    # A repository's own documents describe the pages with their headings: their name decides.
    "docs/README.md": "# Gene pages curation\n\n## Gene Position\n\nWrite the cytoband.\n",
    "Contributing.markdown": "# Contributing\n\n## Related Papers\n\nCite with a DOI.\n",
}
# What walking a tree of NOT_PAGES skips, in order (hidden folders are not walked).
NOT_PAGES_FOUND = [
    "CONTRIBUTING.md",
    "Contributing.markdown",
    "README.md",
    "_posts/2024-01-05-retreat.md",
    "about.md",
    "docs/README.md",
    "empty.md",
    "indented.md",
    "title_and_date.md",
]
GENES = ("HBB", "KRAS", "TP53")
PAGES = {
    "category_gene.md": "---\ntitle: HBB\nlayout: post\ncategories: Gene\n---\n\nText.\n",
    "tags_gene_list.md": "---\ntitle: HBB\ntags:\n  - hemoglobin\n  - genes\n---\n",
    "summary.md": '---\ntitle: "HBB\nsummary: "# Gene Information for HBB"\n---\n',  # broken YAML, a page's key
    "provenance.md": "---\nprovenance:\n  generated_by: GPT-3\n---\n",
    "unterminated.md": "---\nname: x\n\nText\n",
    "not_a_mapping.md": "---\n- HBB\n- gene\n---\n",
    "empty_front_matter.md": "---\n---\n\nText.\n",
    "section_only.md": "# HBB\n\n## Gene Position\n\nXp11.21\n",
    "emphasised_other_spelling.md": "Text\n\n## **External IDs & Aliases** ##\n",
    "setext.md": "Intro\n\nDrug Response\n-------------\n\nNone.\n",
    "broken_yaml.md": "---\ntitle: [\n---\n",
    "unclosed_quote.md": '---\ntitle: "HBB\nlayout: post\n---\n',
    "crlf_bom.md": "\ufeff---\r\ncategories: Gene\r\n---\r\n",
    "crlf_section_after_front_matter.md": "---\r\ntitle: HBB\r\n---\r\n\r\n## Gene Position\r\n",
    # Classic Mac line ends: a page all the same, which GL001 reports (not skipped as one line).
    "lone_cr.md": "---\rtitle: HBB\r---\r\r## Gene Position\rXp11.21\r",
    "lone_cr_section.md": "# HBB\r\r## Gene Position\r",
    # a page named like a repository's document is one all the same by its front matter
    "readme_with_front_matter/README.md": "---\ncategories: Gene\n---\n\n## Gene Position\n",
}


def settings(**table) -> Settings:
    return settings_from_table(table)


def make(folder: Path, files: dict) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize("name", NOT_PAGES)
def test_plainly_not_a_gene_page(tmp_path, name):
    make(tmp_path, {name: NOT_PAGES[name]})
    assert looks_like_gene_page(str(tmp_path / name), settings()) is False


@pytest.mark.parametrize("name", PAGES)
def test_a_page_or_a_page_trying(tmp_path, name):
    make(tmp_path, {name: PAGES[name]})
    assert looks_like_gene_page(str(tmp_path / name), settings()) is True


def test_configured_sections_count(tmp_path):
    make(tmp_path, {"x.md": "# HBB\n\n## Expression\n\nBlood.\n"})
    assert looks_like_gene_page(str(tmp_path / "x.md"), settings()) is False
    assert (
        looks_like_gene_page(
            str(tmp_path / "x.md"), settings(sections=["Gene Position", "Expression"])
        )
        is True
    )


def test_what_cannot_be_read_is_left_to_the_run(tmp_path):
    # GL001 says why; skipping would hide it.
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin1.md").write_bytes(b"H\xe9moglobine\n")
    (tmp_path / "dir.md").mkdir()
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "huge.md").write_text("x" * 200)
    small = settings(**{"max-file-size": 100})
    for name in ("binary.md", "latin1.md", "dir.md", "gone.md", "huge.md"):
        assert looks_like_gene_page(str(tmp_path / name), small), name


def test_include_checks_every_file_it_names_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, {**NOT_PAGES, "content/empty.md": "", "content/HBB.md": PAGE.read_text()})
    selection = select_files(["."], settings(include=["content/**/*.md"]))
    assert (selection.files, selection.not_pages) == (["content/HBB.md", "content/empty.md"], [])
    selection = select_files(["."], settings())
    assert selection.files == ["content/HBB.md"]
    # The empty page in content/ too, now no include names it, as empty; hidden folders are
    # not walked.
    assert sorted(selection.not_pages) == sorted(
        n for n in NOT_PAGES if not n.startswith(".") and n != "empty.md"
    )
    assert selection.empty == ["content/empty.md", "empty.md"]
    named = select_files(list(NOT_PAGES), settings())
    assert (named.files, named.not_pages + named.empty) == (
        [],
        [n for n in NOT_PAGES if n != "empty.md"] + ["empty.md"],
    )


def test_folders_give_the_markdown_files_pre_commit_would(tmp_path, monkeypatch):
    # pre-commit's `markdown` type is *.md and *.markdown: `check DIR` in CI must see the
    # pages the hook sees, and nothing else.
    monkeypatch.chdir(tmp_path)
    page = PAGE.read_text()
    names = ["genes/HBB.md", "genes/KRAS.markdown", "genes/TP53.mdx", "genes/notes.txt"]
    make(tmp_path, dict.fromkeys(names, page))
    assert select_files(["genes"], settings()).files == ["genes/HBB.md", "genes/KRAS.markdown"]


def test_summary_counts_and_names_the_skipped_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    make(
        tmp_path,
        {
            **NOT_PAGES,
            "genelint.toml": 'select = ["GL0", "GL1"]\n',
            "content/HBB.md": PAGE.read_text().replace("ALAS2", "HBB"),
        },
    )
    code = main(["check", "README.md", "CONTRIBUTING.md", ".github/PULL_REQUEST_TEMPLATE.md"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == (
        "No problems in 0 files. Skipped 3 Markdown files that are not gene pages "
        "(README.md, CONTRIBUTING.md, .github/PULL_REQUEST_TEMPLATE.md).\n"
    )
    code = main(["check", "--format", "json", "."])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["summary"]["files"] == 1
    assert report["summary"]["skipped"] == {
        "excluded": [],
        "not_gene_pages": [name for name in NOT_PAGES_FOUND if name != "empty.md"],
        "empty": ["empty.md"],
    }
    main(["check", "."])
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .endswith(
            "Skipped 8 Markdown files that are not gene pages (CONTRIBUTING.md, "
            "Contributing.markdown, README.md and 5 more). Skipped 1 empty Markdown file (empty.md)."
        )
    )


TEMPLATE = PAGE.read_text().replace("ALAS2", "SYMBOL")  # a page's shape, placeholders for facts


@pytest.mark.parametrize(
    "folder", ["templates", "_templates", "archetypes", "site/templates/genes"]
)
def test_a_page_template_is_skipped_and_said_to_be_one(tmp_path, monkeypatch, capsys, folder):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, {f"{folder}/gene.md": TEMPLATE, "content/HBB.md": PAGE.read_text()})
    template = f"{folder}/gene.md"
    assert select_files(["."], settings()).templates == [template]
    code = main(["check", "--offline", "--select", "GL0,GL1", template])  # as pre-commit names it
    assert (code, capsys.readouterr().out) == (
        0,
        f"No problems in 0 files. Skipped 1 page template ({template}).\n",
    )
    main(["check", "--offline", "--format", "json", "."])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["files"] == 1 and summary["skipped"]["templates"] == [template]


def test_a_template_that_include_names_is_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, {"templates/gene.md": TEMPLATE})
    selection = select_files(["."], settings(include=["**/*.md"]))
    assert (selection.files, selection.templates) == (["templates/gene.md"], [])


def test_a_templates_folder_above_the_config_is_not_a_template_folder(tmp_path, monkeypatch):
    repository = tmp_path / "templates" / "lab-pages"  # a clone kept under ~/templates, say
    make(repository, {"content/HBB.md": PAGE.read_text(), "genelint.toml": ""})
    monkeypatch.chdir(repository)
    selection = select_files(["content"], settings_from_table({}, root=str(repository)))
    assert (selection.files, selection.templates) == (["content/HBB.md"], [])


def test_a_template_named_from_inside_its_folder_is_a_template(tmp_path, monkeypatch):
    # The path as named says nothing of the folder: the working folder does.
    make(tmp_path, {"templates/gene.md": TEMPLATE, "genelint.toml": ""})
    monkeypatch.chdir(tmp_path / "templates")
    selection = select_files(["gene.md"], settings_from_table({}, root=str(tmp_path)))
    assert (selection.files, selection.templates) == ([], ["gene.md"])


def test_a_file_of_no_bytes_is_said_to_be_empty(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    make(tmp_path, {"content/NEW.md": "", "content/draft.md": "Started.\n"})
    assert main(["check", "--offline", "content"]) == 0
    assert capsys.readouterr().out == (
        "No problems in 0 files. Skipped 1 Markdown file that is not a gene page "
        "(content/draft.md). Skipped 1 empty Markdown file (content/NEW.md).\n"
    )


def test_a_skipped_name_is_printed_without_its_control_characters(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "note\x1b[2J.md"
    (tmp_path / name).write_text("# Notes\n")
    assert main(["check", name]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "note\\x1b[2J.md" in out
    assert os.path.exists(name)


def test_crlf_front_matter_without_gene_keys_is_not_a_page(tmp_path):
    # Each line freed of its CR as it is read: the closing fence still closes, and the
    # front matter is still read as YAML.
    make(tmp_path, {"about.md": "---\r\ntitle: About\r\nlayout: page\r\n---\r\n\r\nWho.\r\n"})
    assert looks_like_gene_page(str(tmp_path / "about.md"), settings()) is False


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_pages_are_told_apart_as_they_are_checked_and_from_the_result_cache(
    tmp_path, monkeypatch, capsys, jobs
):
    # The run decides which files are gene pages from the bytes it reads to check them, in
    # whichever process checks them; a run from the result cache reports the same.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    pages = {f"content/{gene}.md": PAGE.read_text().replace("ALAS2", gene) for gene in GENES}
    make(tmp_path, {**NOT_PAGES, **pages, "genelint.toml": 'select = ["GL0", "GL1"]\n'})
    reports = []
    for _ in ("cold", "warm"):
        main(["check", "--format", "json", "--jobs", jobs, "."])
        reports.append(json.loads(capsys.readouterr().out))
    assert reports[0] == reports[1]
    assert reports[0]["summary"]["files"] == len(pages)
    assert {finding["path"] for finding in reports[0]["findings"]} == set(pages)
    assert reports[0]["summary"]["skipped"]["not_gene_pages"] == [
        name for name in NOT_PAGES_FOUND if name != "empty.md"
    ]
    assert reports[0]["summary"]["skipped"]["empty"] == ["empty.md"]


def test_a_run_reads_each_file_once(tmp_path, monkeypatch, capsys):
    import genelint.engine
    import genelint.files

    monkeypatch.chdir(tmp_path)
    make(tmp_path, {**NOT_PAGES, "content/HBB.md": PAGE.read_text().replace("ALAS2", "HBB")})
    reads: list[str] = []
    read_regular = genelint.files.read_regular

    def counted(path, *limit_and_status):
        reads.append(os.fspath(path))
        return read_regular(path, *limit_and_status)

    monkeypatch.setattr(genelint.files, "read_regular", counted)  # deciding before the run
    monkeypatch.setattr(genelint.engine, "read_regular", counted)  # checking
    main(["check", "--no-cache", "--jobs", "1", "."])
    assert "Skipped 8 Markdown files that are not gene pages" in capsys.readouterr().out
    assert sorted(reads) == sorted(
        ["content/HBB.md", *(name for name in NOT_PAGES if not name.startswith("."))]
    )


def test_the_language_server_leaves_a_template_alone_as_check_does(tmp_path, monkeypatch):
    from genelint.server.pages import is_checked

    monkeypatch.chdir(tmp_path)
    assert is_checked(TEMPLATE, "content/HBB.md", settings())
    assert not is_checked(TEMPLATE, "templates/gene.md", settings())
    assert is_checked(TEMPLATE, "templates/gene.md", settings(include=["templates/*.md"]))
