"""`--format gitlab`: a GitLab Code Quality report, with the fields GitLab reads."""

import json

from .conftest import run


def issues(capsys, *args) -> list[dict]:
    code, out, err = run(capsys, "--format", "gitlab", *args)
    return json.loads(out)


def test_each_finding_is_an_issue_with_the_fields_gitlab_reads(repo, capsys):
    found = issues(capsys, "content")
    assert len(found) == 13
    for issue in found:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert (
            set(issue["location"]) == {"path", "lines"} and issue["location"]["lines"]["begin"] >= 1
        )
    legacy = next(i for i in found if "V122I" in i["description"])
    assert legacy["description"] == "legacy notation 'V122I': no 'p.' prefix; write p.Val122Ile"
    assert legacy["check_name"] == "GL302" and legacy["severity"] == "minor"
    assert legacy["location"] == {"path": "content/ALAS2.md", "lines": {"begin": 42, "end": 42}}
    assert {i["severity"] for i in found if i["check_name"] == "GL202"} == {"major"}


def test_paths_are_relative_to_the_repository_root(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo / "content")
    assert {i["location"]["path"] for i in issues(capsys, "ALAS2.md")} == {"content/ALAS2.md"}


def test_paths_are_relative_to_the_repository_of_the_pages_when_run_from_outside_it(
    repo, capsys, monkeypatch, tmp_path_factory
):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    found = issues(capsys, repo / "content" / "ALAS2.md")
    assert {i["location"]["path"] for i in found} == {"content/ALAS2.md"}


def test_in_a_gitlab_job_paths_are_relative_to_the_project_folder(repo, capsys, monkeypatch):
    # content/ is a submodule (its own .git file): GitLab shows the report against the project.
    (repo / "content" / ".git").write_text("gitdir: ../.git/modules/content\n")
    monkeypatch.chdir(repo / "content")
    assert {i["location"]["path"] for i in issues(capsys, "ALAS2.md")} == {"ALAS2.md"}
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("CI_PROJECT_DIR", str(repo))
    assert {i["location"]["path"] for i in issues(capsys, "ALAS2.md")} == {"content/ALAS2.md"}


def test_info_findings_are_info_and_unreadable_pages_critical(repo, capsys):
    (repo / "genelint.toml").write_text('[severity]\nGL405 = "info"\n')
    (repo / "content" / "broken.md").write_bytes(b"\xff\xfe not UTF-8")
    found = issues(capsys, "content")
    assert [i["severity"] for i in found if i["check_name"] == "GL405"] == ["info"]
    [unreadable] = [i for i in found if i["location"]["path"] == "content/broken.md"]
    assert (unreadable["check_name"], unreadable["severity"]) == ("GL001", "critical")


def test_fingerprints_are_unique_and_survive_unrelated_lines_moving(repo, capsys):
    (repo / "content" / "copy").mkdir()
    (repo / "content" / "copy" / "ALAS2.md").write_bytes(
        (repo / "content" / "ALAS2.md").read_bytes()
    )
    before = issues(capsys, "content")
    prints = [i["fingerprint"] for i in before]
    copied = [i for i in before if i["location"]["path"] == "content/copy/ALAS2.md"]
    assert len(set(prints)) == len(prints) and len(copied) >= 13  # the copy's issues are its own
    page = repo / "content" / "ALAS2.md"
    page.write_text(
        page.read_text().replace("## Gene Position\n", "## Gene Position\n\nMoved.\n\nDown.\n", 1)
    )
    after = issues(capsys, "content")
    assert [i["fingerprint"] for i in after] == prints
    assert [i["location"]["lines"]["begin"] for i in after if "V122I" in i["description"]] == [
        46,
        42,
    ]  # 42 before


def test_a_clean_run_is_an_empty_list(repo, capsys):
    assert run(capsys, "--format", "gitlab", "content/HBB.md")[:2] == (0, "[]\n")
