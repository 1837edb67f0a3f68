"""--write-baseline and --baseline: record a repository's findings, then fail only on new ones."""

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from genelint.baseline import Baseline, BaselineError, Scope, dumps, load
from genelint.cli import main
from genelint.findings import Finding, Severity
from genelint.reporters import FORMATS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ALAS2.md"
SCHEMA = json.loads((ROOT / "schemas" / "baseline.schema.json").read_text())
LEGACY_ROW = "| G139V | Missense | rs137852770 |"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A curation repository with two legacy pages (13 offline findings each), as the current folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("GENELINT_OFFLINE", "1")
    (tmp_path / "content").mkdir()
    for name in ("ALAS2.md", "ALAS2-copy.md"):
        shutil.copy(EXAMPLE, tmp_path / "content" / name)
    # Two pages about one gene would be GL903 both ways; that is a finding like any other.
    return tmp_path


def run(capsys, *args):
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def summary(capsys, *args) -> tuple[int, dict, list]:
    code, out, _ = run(capsys, "--format", "json", *args)
    report = json.loads(out)
    return code, report["summary"], [(f["path"], f["line"], f["code"]) for f in report["findings"]]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_written_baseline_hides_every_finding_and_is_sorted_valid_json(repo, capsys):
    code, out, err = run(capsys, "--write-baseline", "genelint-baseline.json", "content")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "No new problems in 2 files. Recorded 28 findings in the baseline genelint-baseline.json. 8 lookups skipped (offline)."
    ]
    data = json.loads((repo / "genelint-baseline.json").read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    keys = [(e["path"], e["code"], e["fingerprint"]) for e in data["findings"]]
    assert keys == sorted(keys) and len(keys) == 28
    assert {e["path"] for e in data["findings"]} == {"content/ALAS2.md", "content/ALAS2-copy.md"}
    # One entry a line: a review of the file shows each accepted finding on its own line.
    assert (
        sum(
            1
            for line in (repo / "genelint-baseline.json").read_text().splitlines()
            if '"fingerprint"' in line
        )
        == 28
    )
    code, out, _ = run(capsys, "--baseline", "genelint-baseline.json", "content")
    assert code == 0
    assert out.splitlines() == [
        "No new problems in 2 files. 28 recorded findings hidden by the baseline genelint-baseline.json. 8 lookups skipped (offline)."
    ]


def test_lines_added_elsewhere_keep_findings_matched_and_a_new_one_fails(repo, capsys):
    run(capsys, "--write-baseline", "b.json", "content")
    page = repo / "content" / "ALAS2.md"
    edit(
        page,
        "## Gene Position\n",
        "Curators' note: under review.\n\nSecond paragraph.\n\n## Gene Position\n",
    )
    assert run(capsys, "--baseline", "b.json", "content")[0] == 0
    edit(page, LEGACY_ROW, LEGACY_ROW + "\n| R170L | Missense | rs137852771 |")
    code, report, findings = summary(capsys, "--baseline", "b.json", "content")
    assert code == 1
    assert findings == [
        ("content/ALAS2.md", 48, "GL302")
    ]  # below G139V (43), after the 4 lines added above
    assert report["baseline"] == {"mode": "compare", "file": "b.json", "hidden": 28, "stale": 0}


def test_identical_findings_are_counted(repo, capsys):
    page = repo / "content" / "ALAS2.md"
    edit(
        page, LEGACY_ROW, f"{LEGACY_ROW}\n{LEGACY_ROW}"
    )  # the same row twice: GL302 twice, and GL309
    run(capsys, "--write-baseline", "b.json", "content/ALAS2.md")
    entries = json.loads((repo / "b.json").read_text())["findings"]
    assert [
        e.get("count", 1) for e in entries if "G139V" in e["message"] and e["code"] == "GL302"
    ] == [2]
    edit(page, LEGACY_ROW, f"{LEGACY_ROW}\n{LEGACY_ROW}")  # a third copy is new
    code, report, findings = summary(capsys, "--baseline", "b.json", "content/ALAS2.md")
    assert code == 1
    assert [code for *_, code in findings] == ["GL302", "GL309"]
    assert findings[0][1] == 45  # the last of the three copies


def test_fixed_finding_is_stale_and_pruning_drops_it_without_adding_new_ones(repo, capsys):
    run(capsys, "--write-baseline", "b.json", "content")
    page = repo / "content" / "ALAS2.md"
    edit(page, LEGACY_ROW, "| p.Gly139Val | Missense | rs137852770 |")  # fixed
    edit(page, "- ALAS\n", "- ALAS\n- ALASX\n")  # and a new problem
    code, out, _ = run(capsys, "--baseline", "b.json", "content")
    assert code == 1
    assert out.splitlines()[-1] == (
        "Found 1 new problem (1 warning) in 1 of 2 files. 1 fixable with --fix --unsafe-fixes. 27 recorded findings hidden by the baseline b.json. "
        "1 baseline entry stale (fixed): drop with --baseline b.json --write-baseline b.json. 8 lookups skipped (offline)."
    )
    code, report, findings = summary(
        capsys, "--baseline", "b.json", "--write-baseline", "b.json", "content"
    )
    assert code == 1 and [c for *_, c in findings] == ["GL204"]
    assert report["baseline"] == {
        "mode": "prune",
        "file": "b.json",
        "hidden": 27,
        "stale": 1,
        "written": 27,
        "written_to": "b.json",
    }
    assert not any(
        "G139V" in e["message"] and "ALAS2.md" == e["path"][-8:]
        for e in json.loads((repo / "b.json").read_text())["findings"]
    )
    code, report, _ = summary(capsys, "--baseline", "b.json", "content")
    assert (code, report["baseline"]["stale"], report["findings"]) == (1, 0, 1)


def test_a_run_over_some_pages_or_rules_leaves_the_others_entries_alone(repo, capsys):
    # pre-commit passes the changed pages only; --select narrows the rules.
    run(capsys, "--write-baseline", "b.json", "content")
    before = (repo / "b.json").read_text()
    _, report, _ = summary(capsys, "--baseline", "b.json", "content/ALAS2.md")
    assert (
        report["baseline"]["stale"] == 0 and report["baseline"]["hidden"] == 13
    )  # 14 recorded: GL903 needs the other page
    _, report, _ = summary(capsys, "--baseline", "b.json", "--select", "GL3", "content")
    assert report["baseline"]["stale"] == 0 and report["baseline"]["hidden"] == 10
    run(capsys, "--write-baseline", "b.json", "--select", "GL3", "content/ALAS2.md")
    assert (repo / "b.json").read_text() == before
    # GL903 (ALAS2.md and ALAS2-copy.md are one gene) needs both pages: a run over one says
    # nothing about it; a run over all that are left, once the copy is gone, finds it fixed.
    (repo / "content" / "ALAS2-copy.md").unlink()
    code, report, _ = summary(capsys, "--baseline", "b.json", "content/ALAS2.md")
    assert (code, report["baseline"]["stale"]) == (
        0,
        15,
    )  # the copy's 14 findings, and ALAS2.md's GL903
    code, out, _ = run(capsys, "--baseline", "b.json", "--write-baseline", "b.json", "content")
    assert code == 0 and "Dropped 15 fixed findings" in out  # and ALAS2.md's GL903
    assert [e["path"] for e in json.loads((repo / "b.json").read_text())["findings"]] == [
        "content/ALAS2.md"
    ] * 13
    # Online, the network rules would run; offline their entries are out of scope.
    scope = Scope.of(["content/ALAS2.md"], ["GL302"])
    assert scope.covers((str(repo / "content" / "ALAS2.md"), "GL302", "x"))
    assert not scope.covers((str(repo / "content" / "ALAS2.md"), "GL305", "x"))


def test_paths_are_relative_to_the_baseline_file_whatever_the_current_folder(
    repo, capsys, monkeypatch
):
    run(capsys, "--write-baseline", "b.json", "content")
    monkeypatch.chdir(repo / "content")
    code, report, _ = summary(capsys, "--baseline", "../b.json", ".")
    assert (code, report["baseline"]["hidden"], report["findings"]) == (0, 28, 0)
    code, report, _ = summary(
        capsys, "--baseline", str(repo / "b.json"), str(repo / "content" / "ALAS2.md")
    )
    assert (code, report["baseline"]["hidden"]) == (0, 13)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reports_only_new_findings(repo, capsys, fmt):
    run(capsys, "--write-baseline", "b.json", "content")
    edit(
        repo / "content" / "ALAS2.md",
        LEGACY_ROW,
        LEGACY_ROW + "\n| R170L | Missense | rs137852771 |",
    )
    code, _, _ = run(
        capsys, "--format", fmt, "--output", "report.out", "--baseline", "b.json", "content"
    )
    out = (repo / "report.out").read_text()
    assert code == 1
    # The new finding, and none of the recorded ones (of another section: a format may
    # show the lines and the section around a finding).
    assert "R170L" in out and "DKFZp686M17190" not in out and "ENSG00000102010" not in out


@pytest.mark.parametrize(
    "text, said",
    [
        ("{not json", "b.json:1:2: baseline is not valid JSON"),
        (
            '{"version": 1, "findings": [{"path": "a.md", "code": "GL302"}]}',
            "b.json: not a genelint baseline: at findings/0: 'fingerprint' is a required property",
        ),
        (
            '{"version": 3, "findings": []}',
            "b.json: not a genelint baseline: at version: 3 is not one of [1, 2]",
        ),
        (
            '{"version": 1, "findings": [{"path": "a.md", "code": "GL302", "fingerprint": "zz"}]}',
            "b.json: not a genelint baseline: at findings/0/fingerprint:",
        ),
        ("[]", "b.json: not a genelint baseline: at (top level)"),
        (b"\xff\xfe", "b.json: baseline is not UTF-8"),
    ],
)
def test_a_broken_baseline_is_a_usage_error_naming_the_file(repo, capsys, text, said):
    target = repo / "b.json"
    target.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, out, err = run(capsys, "--baseline", "b.json", "content")
    assert (code, out) == (2, "")
    assert err.startswith(f"genelint: {said}")
    # Recording over a broken file would lose what it held: refused the same way.
    assert run(capsys, "--write-baseline", "b.json", "content")[0] == 2
    assert target.read_bytes() == (text if isinstance(text, bytes) else text.encode())


def test_missing_or_unwritable_baseline_and_diff(repo, capsys):
    code, _, err = run(capsys, "--baseline", "none.json", "content")
    assert (code, err) == (
        2,
        "genelint: none.json: no such baseline file (write one with --write-baseline none.json)\n",
    )
    code, _, err = run(capsys, "--write-baseline", "no/such/folder/b.json", "content")
    assert code == 2 and err.startswith("genelint: no/such/folder/b.json: cannot write baseline:")
    code, _, err = run(capsys, "--diff", "--write-baseline", "b.json", "content")
    assert code == 2 and "--write-baseline" in err and not (repo / "b.json").exists()


def test_file_format_round_trips(tmp_path):
    path = tmp_path / "sub" / "b.json"
    path.parent.mkdir()
    page = str(tmp_path / "sub" / "genes" / "X.md")
    findings = [
        Finding(
            "GL302",
            "hgvs-legacy-notation",
            Severity.WARNING,
            "legacy  'V1I'\n" + "x" * 300,
            3,
            1,
            3,
            5,
            page,
        )
    ] * 2
    baseline = Baseline.record(findings, ["0123456789abcdef"] * 2)
    text = dumps(baseline, path)
    entry = json.loads(text)["findings"][0]
    assert (entry["path"], entry["count"], len(entry["message"])) == ("genes/X.md", 2, 200)
    path.write_text(text)
    assert load(path).counts == baseline.counts
    with pytest.raises(BaselineError):
        load(tmp_path / "absent.json")


def test_readme_example_is_a_valid_baseline():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Baseline") : readme.index("## pre-commit")]
    example = section[section.index("```json\n") + 8 :]
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(example[: example.index("```")]))


def test_lookups_the_network_did_not_answer_are_never_recorded_nor_hidden(
    repo, capsys, monkeypatch
):
    # Recorded while the services were unreachable (GL010 for each lookup), checked again in
    # the same CI job: the hosts are remembered down now. GL010 is about the run, not the pages:
    # not in the file, shown again by the next run, and no recorded finding is made stale by it.
    import socket

    held = socket.socket()  # bound, never listening: every connection is refused at once
    held.bind(("127.0.0.1", 0))
    port = held.getsockname()[1]
    for key in ("crossref", "doi", "eutils", "variation", "uniprot"):
        monkeypatch.setenv(f"GENELINT_{key.upper()}_URL", f"http://127.0.0.1:{port}/{key}")
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(repo / "cache"))
    monkeypatch.delenv("GENELINT_OFFLINE")
    try:
        code, out, _ = run(capsys, "--write-baseline", "b.json", "content")
        assert "found by a run" not in out
        recorded = json.loads((repo / "b.json").read_text())["findings"]
        assert not [entry for entry in recorded if entry["code"] == "GL010"]
        assert sum(entry.get("count", 1) for entry in recorded) == 28  # the pages' own findings
        code, out, _ = run(capsys, "--baseline", "b.json", "content")
        _, report, listed = summary(capsys, "--baseline", "b.json", "content")
    finally:
        held.close()
    main(["cache", "info"])
    assert "eutils unreachable" in capsys.readouterr().out  # remembered down by the first run
    assert code == 0  # GL010 is info: it fails only with --fail-on-unverified (or --fail-on info)
    assert "GL010" in out and "found by a run" in out  # shown, with since when it is down
    assert report["baseline"]["hidden"] == 28 and report["baseline"]["stale"] == 0
    assert {entry[2] for entry in listed} == {"GL010"}  # nothing new but the notices


def baseline_with_an_outage_entry(repo, capsys) -> dict:
    """b.json as this run records it, plus a GL010 entry as an older genelint wrote them."""
    run(capsys, "--write-baseline", "b.json", "content")
    data = json.loads((repo / "b.json").read_text())
    data["findings"].append(
        {
            "path": "content/ALAS2.md",
            "code": "GL010",
            "fingerprint": "0123456789abcdef",
            "message": "could not verify rsID rs268: eutils: unreachable (connection refused)",
        }
    )
    (repo / "b.json").write_text(json.dumps(data))
    return data


def test_an_older_files_outage_entries_are_neither_matched_nor_stale_and_dropped(repo, capsys):
    data = baseline_with_an_outage_entry(repo, capsys)
    code, report, listed = summary(capsys, "--baseline", "b.json", "content")
    assert (code, listed) == (0, [])
    assert report["baseline"]["stale"] == 0
    run(capsys, "--baseline", "b.json", "--write-baseline", "b.json", "content")
    written = json.loads((repo / "b.json").read_text())["findings"]
    assert [entry for entry in written if entry["code"] == "GL010"] == []
    assert len(written) == len(data["findings"]) - 1


def test_a_run_of_other_rules_drops_an_old_files_outage_entries_too(repo, capsys):
    baseline_with_an_outage_entry(repo, capsys)
    # GL010 is not selected: its entries are still no findings about the pages
    run(capsys, "--select", "GL302", "--write-baseline", "b.json", "content")
    written = json.loads((repo / "b.json").read_text())["findings"]
    assert [entry for entry in written if entry["code"] == "GL010"] == []


# Written by genelint at 4f894b9 (fingerprints of the whole message, file version 1):
# `genelint check --offline --write-baseline baseline_v1.json ALAS2.md` beside examples/ALAS2.md.
BASELINE_V1 = ROOT / "tests" / "data" / "baseline_v1_ALAS2.json"


def test_a_version_1_baseline_still_hides_what_it_recorded_until_recorded_anew(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GENELINT_OFFLINE", "1")
    shutil.copy(EXAMPLE, tmp_path / "ALAS2.md")
    shutil.copy(BASELINE_V1, tmp_path / "base.json")
    code, out, _ = run(capsys, "--baseline", "base.json", "ALAS2.md")
    assert (code, out) == (
        0,
        "No new problems in 1 file. 13 recorded findings hidden by the baseline base.json. "
        "8 lookups skipped (offline).\n",
    )
    edit(tmp_path / "ALAS2.md", LEGACY_ROW, LEGACY_ROW.replace("G139V", "G139A"))
    code, out, _ = run(
        capsys, "--baseline", "base.json", "--write-baseline", "base.json", "ALAS2.md"
    )
    assert code == 1 and out.count("GL302") == 1 and "Dropped 1 fixed finding" in out
    pruned = json.loads((tmp_path / "base.json").read_text())
    jsonschema.Draft202012Validator(SCHEMA).validate(pruned)
    assert pruned["version"] == 2 and len(pruned["findings"]) == 12
    assert all(entry["fingerprint"].startswith("v1:") for entry in pruned["findings"])
    assert run(capsys, "--write-baseline", "base.json", "ALAS2.md")[0] == 0  # recorded anew
    recorded = json.loads((tmp_path / "base.json").read_text())
    assert len(recorded["findings"]) == 13 and not any(
        entry["fingerprint"].startswith("v1:") for entry in recorded["findings"]
    )
    assert run(capsys, "--baseline", "base.json", "ALAS2.md")[0] == 0
