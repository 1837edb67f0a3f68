"""`check --shard i/n` and `merge-reports`: every file in exactly one shard, the same one from
anywhere, and the merged shards' report is the unsharded run's, corpus rules and suppression
comments included."""

import json
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest

from genelint.cli import main
from genelint.shard import ShardError, parse_shard, select_shard, shard_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "rules" / "fixtures"
CORPUS = FIXTURES / "corpus"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def sharded(capsys, folder: Path, count: int, *options: str) -> list[Path]:
    reports = []
    for index in range(1, count + 1):
        out = folder.parent / f"shard-{index}-of-{count}.json"
        code, _, err = run(
            capsys,
            "check",
            "--offline",
            "--format",
            "json",
            "--output",
            out,
            "--shard",
            f"{index}/{count}",
            *options,
            folder.name,
        )
        assert code in (0, 1), err
        reports.append(out)
    return reports


def unsharded(capsys, folder: Path, fmt: str = "json", *options: str) -> str:
    code, out, err = run(capsys, "check", "--offline", "--format", fmt, *options, folder.name)
    assert code in (0, 1), err
    return out


def merged(capsys, reports: list[Path], fmt: str = "json") -> str:
    code, out, err = run(capsys, "merge-reports", "--format", fmt, *reports)
    assert code in (0, 1), err
    return out


# --- the partition ------------------------------------------------------------------------------

PATHS = [f"genes/{letter}/{letter}{n}.md" for letter in "ABCDEFG" for n in range(40)] + [
    "README.md",
    "x y/ü.md",
]


@pytest.mark.parametrize("count", [1, 2, 3, 5, 16])
def test_every_file_is_in_exactly_one_shard(tmp_path, count):
    parts = [select_shard(PATHS, index, count, str(tmp_path)) for index in range(1, count + 1)]
    assert sorted(path for part in parts for path in part) == sorted(PATHS)
    assert sum(len(part) for part in parts) == len(PATHS)
    if count <= 5:  # a hash spreads them: no shard is empty or takes nearly all
        assert all(len(part) > len(PATHS) / count / 3 for part in parts)


def test_the_shard_depends_on_the_path_from_the_root_only(tmp_path, monkeypatch):
    (tmp_path / "genes" / "A").mkdir(parents=True)
    root = str(tmp_path)
    monkeypatch.chdir(tmp_path)
    from_root = [shard_of(path, 7, root) for path in PATHS]
    monkeypatch.chdir(tmp_path / "genes")  # a run started in a subfolder names the files from there
    from_below = [shard_of(str(Path("..") / path), 7, root) for path in PATHS]
    absolute = [shard_of(str(tmp_path / path), 7, root) for path in PATHS]
    assert from_root == from_below == absolute


def test_the_shard_of_a_path_never_changes():
    """Shards are split on other machines and by other versions of genelint alike: the hash is
    SHA-256 of the path from the repository root, which these values pin."""
    assert [
        shard_of(f"/repo/{path}", 4, "/repo")
        for path in ("genes/ALAS2.md", "genes/HBB.md", "README.md")
    ] == [1, 1, 2]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0", ""])
def test_a_bad_shard_value_is_refused(text):
    with pytest.raises(ShardError):
        parse_shard(text)


# --- merged == unsharded ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 3])
def test_merged_shards_of_the_fixtures_are_the_unsharded_report(
    tmp_path, capsys, monkeypatch, count
):
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    monkeypatch.chdir(tmp_path)
    whole = unsharded(capsys, tmp_path / "fixtures")
    reports = sharded(capsys, tmp_path / "fixtures", count)
    assert merged(capsys, reports) == whole
    assert merged(capsys, reports, "text") == unsharded(capsys, tmp_path / "fixtures", "text")
    assert {f["code"] for f in json.loads(whole)["findings"]} >= {
        "GL901",
        "GL902",
        "GL903",
        "GL011",
    }


SUPPRESS_CORPUS = "<!-- genelint-disable-file GL903 -->\n"
SUPPRESS_NOTHING = "<!-- genelint-disable-file GL901 -->\n"


def test_merged_shards_of_a_generated_corpus_are_the_unsharded_report(
    tmp_path, capsys, monkeypatch
):
    """300 generated pages plus copies of some (two pages for one gene, shared rsIDs and
    DOIs: corpus findings between shards), some suppressing the corpus findings, one
    suppressing one that does not occur (GL011, decided only once every shard is in)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    pages = tmp_path / "pages"
    written = write_corpus(pages, 300, seed=7, problem_share=0.3)
    (pages / "copies").mkdir()
    for n, page in enumerate(written[:40]):
        text = page.read_text(encoding="utf-8")
        if n % 4 == 0:
            text = SUPPRESS_CORPUS + text
        if n == 1:
            text = SUPPRESS_NOTHING + text
        (pages / "copies" / page.name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    whole = unsharded(capsys, pages)
    codes = [f["code"] for f in json.loads(whole)["findings"]]
    assert codes.count("GL903") >= 40 and "GL011" in codes
    for count in (2, 4):
        assert merged(capsys, sharded(capsys, pages, count)) == whole


def test_a_shard_report_is_valid_and_carries_its_facts(tmp_path, capsys, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    reports = sharded(capsys, tmp_path / "corpus", 2)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    pages = []
    for report in map(json.loads, (r.read_text() for r in reports)):
        jsonschema.Draft202012Validator(schema).validate(report)
        pages += [page["path"] for page in report["facts"]["pages"]]
        assert not any(
            f["code"] in ("GL901", "GL902", "GL903", "GL011") for f in report["findings"]
        )
    assert sorted(pages) == sorted(
        str(p.relative_to(tmp_path)) for p in (tmp_path / "corpus").rglob("*.md")
    )


# --- what merge-reports refuses -----------------------------------------------------------------


def test_merge_reports_refuses_an_incomplete_or_mixed_set(tmp_path, capsys, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    one, two, three = sharded(capsys, tmp_path / "corpus", 3)
    code, _, err = run(capsys, "merge-reports", one, three)
    assert code == 2 and "shard 2/3 missing" in err
    code, _, err = run(capsys, "merge-reports", one, one, two, three)
    assert code == 2 and "shard 1/3 is also" in err
    other = tmp_path / "other.json"
    run(
        capsys,
        "check",
        "--offline",
        "--format",
        "json",
        "--output",
        other,
        "--shard",
        "2/3",
        "--select",
        "GL9",
        "corpus",
    )
    code, _, err = run(capsys, "merge-reports", one, other, three)
    assert code == 2 and "different rules" in err
    plain = tmp_path / "plain.json"
    run(capsys, "check", "--offline", "--format", "json", "--output", plain, "corpus")
    code, _, err = run(capsys, "merge-reports", plain)
    assert code == 2 and "not the JSON report of a `genelint check --shard" in err


def test_shard_needs_the_json_format(tmp_path, capsys, monkeypatch):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "--offline", "--shard", "1/2", "corpus")
    assert code == 2 and "use --format json" in err
    code, _, err = run(capsys, "check", "--offline", "--format", "json", "--shard", "3/2", "corpus")
    assert code == 2 and "--shard 3/2" in err


@pytest.fixture
def refused_services(tmp_path, monkeypatch):
    """Every service at a loopback port bound but not listening: each lookup refused at once."""
    import socket

    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    for key in ("crossref", "doi", "eutils", "variation", "uniprot"):
        monkeypatch.setenv(
            f"GENELINT_{key.upper()}_URL", f"http://127.0.0.1:{held.getsockname()[1]}/{key}"
        )
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(tmp_path / "cache"))
    yield
    held.close()


# --no-cache: no host remembered down, so every run says the same of them
ONLINE = ["check", "--no-cache", "--format"]


def shards_asking_the_same_lookups(capsys, tmp_path) -> list[Path]:
    """ALAS2.md and ALAS2-3.md fall in shards 1 and 3 of 3, HBB.md and HBB-1.md in 2 and 1:
    pages in different shards ask the same lookups. The three shards' reports."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for gene, names in {"ALAS2": ("ALAS2", "ALAS2-3"), "HBB": ("HBB", "HBB-1")}.items():
        for name in names:
            shutil.copy(ROOT / "examples" / f"{gene}.md", pages / f"{name}.md")
    reports = []
    for index in (1, 2, 3):
        reports.append(tmp_path / f"shard-{index}.json")
        code, _, err = run(
            capsys, *ONLINE, "json", "-o", reports[-1], "--shard", f"{index}/3", "pages"
        )
        assert code in (0, 1), err
    return reports


def test_merged_shards_say_what_could_not_be_verified_as_the_unsharded_run(
    tmp_path, capsys, monkeypatch, refused_services
):
    """The text report folds GL010 into one line per service and counts each lookup once,
    though pages in different shards ask the same ones."""
    monkeypatch.chdir(tmp_path)
    reports = shards_asking_the_same_lookups(capsys, tmp_path)
    whole = {fmt: run(capsys, *ONLINE, fmt, "pages")[1] for fmt in ("text", "json")}
    text = merged(capsys, reports, "text")
    assert text == whole["text"]
    assert text.splitlines()[-4:] == [
        "GL010 [info] eutils unreachable (could not connect: Connection refused): 9 rsID lookups not verified; --offline skips them",
        "GL010 [info] crossref unreachable (could not connect: Connection refused): 5 DOI lookups not verified; --offline skips them",
        "GL010 [info] uniprot unreachable (could not connect: Connection refused): 2 UniProtKB lookups not verified; --offline skips them",
        "Found 30 problems (4 errors, 26 warnings) in 4 of 4 files. 12 fixable with --fix (10 more with --unsafe-fixes). Nothing could be verified: 16 lookups not verified.",
    ]
    schema = jsonschema.Draft202012Validator(
        json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    )
    for report in reports:
        facts = json.loads(report.read_text())
        schema.validate(facts)
        assert {"lookups_asked", "finding_data"} <= facts["facts"].keys()
    merged_json, whole_json = json.loads(merged(capsys, reports)), json.loads(whole["json"])
    assert merged_json["findings"] == whole_json["findings"]
    assert [merged_json["summary"][key] for key in ("lookups_verified", "lookups_unverified")] == [
        0,
        16,
    ]


def test_merged_shards_fail_on_unverified_lookups_when_asked(
    tmp_path, capsys, monkeypatch, refused_services
):
    monkeypatch.chdir(tmp_path)
    select = 'select = ["GL010", "GL305", "GL308", "GL402"]\n'  # the rules that ask registries
    (tmp_path / "genelint.toml").write_text(select)
    reports = shards_asking_the_same_lookups(capsys, tmp_path)
    code, out, err = run(capsys, "merge-reports", *reports)
    assert (code, out.splitlines()[-1]) == (
        0,
        "No problems in 4 files. Nothing could be verified: 16 lookups not verified.",
    )
    assert err == (
        "genelint: warning: none of the 16 lookups could be verified (down: crossref, eutils, "
        "uniprot); the network rules checked nothing (--fail-on-unverified makes this fail)\n"
    )
    assert err == run(capsys, *ONLINE, "json", "pages")[2]  # as the unsharded run says it
    code, _, err = run(capsys, "merge-reports", "--fail-on-unverified", *reports)
    assert (
        code == 1
        and "(down: crossref, eutils, uniprot); the network rules checked nothing\n" in err
    )
    (tmp_path / "genelint.toml").write_text(select + "fail-on-unverified = true\n")
    assert run(capsys, "merge-reports", *reports)[0] == 1


@pytest.mark.parametrize("online", [False, True], ids=["offline", "services-refused"])
def test_merged_shards_keep_a_suppression_the_network_rules_could_not_judge(
    tmp_path, capsys, monkeypatch, refused_services, online
):
    """A page's `genelint-disable GL306` is not unused while GL306 could not check it
    (offline, or its lookups unanswered): merge-reports says so as the unsharded run does."""
    monkeypatch.chdir(tmp_path)
    pages = tmp_path / "pages"
    pages.mkdir()
    text = (ROOT / "examples" / "HBB.md").read_text()
    head, table, tail = text.partition("| AA Mutation")
    (pages / "HBB.md").write_text(f"{head}<!-- genelint-disable GL306 -->\n\n{table}{tail}")
    shutil.copy(ROOT / "examples" / "ALAS2.md", pages / "ALAS2.md")
    mode = ["--no-cache"] if online else ["--offline"]
    reports = []
    for index in (1, 2):
        reports.append(tmp_path / f"shard-{index}.json")
        code, _, err = run(
            capsys,
            "check",
            *mode,
            "--format",
            "json",
            "-o",
            reports[-1],
            "--shard",
            f"{index}/2",
            "pages",
        )
        assert code in (0, 1), err
    whole = json.loads(run(capsys, "check", *mode, "--format", "json", "pages")[1])
    merged_json = json.loads(merged(capsys, reports))
    assert merged_json["findings"] == whole["findings"]
    assert not [f for f in whole["findings"] if f["code"] == "GL011"]


# --- a baseline over merged shards ---------------------------------------------------------------


def pages_with_legacy_findings(tmp_path: Path) -> Path:
    """Four pages (corpus findings between them), from the folder above them as the current one."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for gene, names in {"ALAS2": ("ALAS2", "ALAS2-3"), "HBB": ("HBB", "HBB-1")}.items():
        for name in names:
            shutil.copy(ROOT / "examples" / f"{gene}.md", pages / f"{name}.md")
    return pages


def test_merge_reports_reports_only_what_the_baseline_does_not_record(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    pages = pages_with_legacy_findings(tmp_path)
    assert run(capsys, "check", "--offline", "--write-baseline", "base.json", "pages")[0] == 0
    page = pages / "HBB-1.md"
    page.write_text(page.read_text().replace("| p.Glu7Val |", "| E7V |"))
    reports = sharded(capsys, pages, 3)
    code, out, err = run(capsys, "merge-reports", "--baseline", "base.json", *reports)
    whole = run(capsys, "check", "--offline", "--baseline", "base.json", "pages")
    assert (code, out, err) == whole
    [new] = out.splitlines()[:-1]
    assert new.startswith("pages/HBB-1.md:") and "'E7V'" in new
    assert "recorded findings hidden by the baseline base.json" in out.splitlines()[-1]
    assert code == 1


def test_merge_reports_writes_the_baseline_the_unsharded_run_writes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pages = pages_with_legacy_findings(tmp_path)
    reports = sharded(capsys, pages, 3)
    assert run(capsys, "merge-reports", "--write-baseline", "merged.json", *reports)[0] == 0
    assert run(capsys, "check", "--offline", "--write-baseline", "whole.json", "pages")[0] == 0
    merged_baseline = (tmp_path / "merged.json").read_text()
    assert merged_baseline == (tmp_path / "whole.json").read_text()
    assert merged_baseline.count('"code": "GL903"') == 4  # the corpus rules' findings too


def test_a_shard_refuses_a_baseline_and_names_merge_reports(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pages_with_legacy_findings(tmp_path)
    code, _, err = run(
        capsys, "check", "--format", "json", "--shard", "1/2", "--write-baseline", "b.json", "pages"
    )
    assert code == 2 and "genelint merge-reports --baseline FILE shard-*.json" in err


def test_offline_shards_leave_the_network_rules_baseline_entries_alone(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    pages = pages_with_legacy_findings(tmp_path)
    assert run(capsys, "check", "--offline", "--write-baseline", "base.json", "pages")[0] == 0
    base = json.loads((tmp_path / "base.json").read_text())
    recorded_online = {"path": "pages/ALAS2.md", "code": "GL305", "fingerprint": "0" * 16}
    base["findings"].append(recorded_online)  # as a run with the registries recorded it
    (tmp_path / "base.json").write_text(json.dumps(base))
    code, out, _ = run(
        capsys, "merge-reports", "--baseline", "base.json", *sharded(capsys, pages, 2)
    )
    assert code == 0 and "stale" not in out
    assert out == run(capsys, "check", "--offline", "--baseline", "base.json", "pages")[1]
