"""`--format sarif` as written by the command, validated against the OASIS SARIF 2.1.0
schema (vendored in tests/reporters/sarif/) and read as GitHub code scanning reads it."""

import json
from pathlib import Path

import jsonschema

from genelint.registry import load_registry

from .conftest import run

SCHEMA = json.loads(
    (Path(__file__).parent / "sarif" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
# The schema is draft-04 but names later drafts' formats (uri-reference): check them all.
FORMATS = jsonschema.FormatChecker()


def sarif(capsys, *args) -> tuple[int, dict]:
    code, out, err = run(capsys, "--format", "sarif", *args)
    log = json.loads(out)
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in jsonschema.Draft4Validator(SCHEMA, format_checker=FORMATS).iter_errors(log)
    ]
    assert errors == []
    return code, log


def test_the_format_checker_knows_uris():
    # Without a URI validator installed jsonschema passes any string as a uri: the
    # schema test above would then not check the locations at all.
    checker = FORMATS
    assert checker.conforms("http://x", "uri-reference") and "uri-reference" in checker.checkers, (
        "install the test extra (pip install -e '.[test]'): rfc3986-validator checks URIs"
    )
    assert not checker.conforms("not a uri", "uri")
    assert not checker.conforms("content/A LAS2.md", "uri-reference")
    assert checker.conforms("content/A%20LAS2.md", "uri-reference")


def test_the_log_of_the_reference_page_is_valid_sarif(repo, capsys):
    code, log = sarif(capsys, "content")
    assert code == 1 and log["version"] == "2.1.0"
    [run_] = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["informationUri"]) == ("genelint", "https://genelint.invalid/")
    assert [rule["id"] for rule in driver["rules"]] == [
        "GL202",
        "GL204",
        "GL302",
        "GL405",
        "GL501",
        "GL502",
    ]
    assert len(run_["results"]) == 13
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
    assert run_["invocations"] == [
        {"executionSuccessful": True}
    ]  # findings are results, not a failed run


def test_each_rule_that_fired_is_described_from_its_documentation(repo, capsys):
    rules = {
        rule["id"]: rule
        for rule in sarif(capsys, "content")[1]["runs"][0]["tool"]["driver"]["rules"]
    }
    legacy = rules["GL302"]
    assert legacy["name"] == "hgvs-legacy-notation"
    assert (
        legacy["shortDescription"]["text"]
        == "A protein change is written in a legacy or one-letter form, not three-letter HGVS."
    )
    assert legacy["fullDescription"]["text"].startswith("A protein change is written")
    assert (
        "Why:" not in legacy["fullDescription"]["text"]
        and "Reported: no `p.` prefix" in legacy["fullDescription"]["text"]
    )
    assert (
        legacy["help"]["text"].startswith("A protein change is written")
        and "Bad:\n    | V122I |" in legacy["help"]["text"]
    )
    assert "Bad:\n```text\n| V122I | Missense | rs137852769 |\n" in legacy["help"]["markdown"]
    assert legacy["helpUri"] == "https://genelint.invalid/docs/rules.md#gl302"
    assert legacy["defaultConfiguration"] == {"level": "warning"}
    assert legacy["properties"]["tags"] == ["variants"]
    assert rules["GL202"]["defaultConfiguration"] == {"level": "error"}
    # the family, then what it needs besides
    assert rules["GL202"]["properties"]["tags"] == ["identifiers", "refdata"]


def test_a_result_points_at_its_file_relative_to_the_repository_root(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo / "content")  # run from a subfolder: paths still start at the root
    log = sarif(capsys, "ALAS2.md")[1]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    result = next(r for r in log["runs"][0]["results"] if "V122I" in r["message"]["text"])
    assert result["ruleId"] == "GL302" and rules[result["ruleIndex"]]["id"] == "GL302"
    assert result["level"] == "warning"
    assert result["message"]["text"] == "legacy notation 'V122I': no 'p.' prefix; write p.Val122Ile"
    assert result["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "content/ALAS2.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 42, "startColumn": 3, "endLine": 42, "endColumn": 8},
            }
        }
    ]
    errors = [r for r in log["runs"][0]["results"] if r["level"] == "error"]
    assert [r["ruleId"] for r in errors] == ["GL202", "GL202"]


def test_from_outside_the_repository_results_are_relative_to_the_pages_repository(
    repo, capsys, monkeypatch, tmp_path_factory
):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    run = sarif(capsys, repo / "content" / "ALAS2.md")[1]["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"content/ALAS2.md"}


def test_in_a_github_job_results_are_relative_to_the_workspace(repo, capsys, monkeypatch):
    (repo / "content" / ".git").write_text("gitdir: ../.git/modules/content\n")  # a submodule
    monkeypatch.chdir(repo / "content")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo))
    run = sarif(capsys, "ALAS2.md")[1]["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris == {"content/ALAS2.md"}


def test_configured_severities_set_the_result_level_not_the_rule_default(repo, capsys):
    (repo / "genelint.toml").write_text('[severity]\nGL302 = "info"\n')
    log = sarif(capsys, "content")[1]
    legacy = [r for r in log["runs"][0]["results"] if r["ruleId"] == "GL302"]
    assert {r["level"] for r in legacy} == {"note"}
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "GL302")
    assert rule["defaultConfiguration"] == {"level": "warning"}


def test_fixes_are_byte_replacements_that_give_the_fixed_page(repo, capsys):
    log = sarif(capsys, "content")[1]
    fixable = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert [r["ruleId"] for r in fixable] == ["GL204"] * 3 + ["GL202"] * 2 + ["GL302"] * 5 + [
        "GL502"
    ]
    assert {
        r["fixes"][0]["properties"]["applicability"]
        for r in fixable
        if r["ruleId"] in ("GL202", "GL204")
    } == {"unsafe"}
    page = (repo / "content" / "ALAS2.md").read_bytes()
    [fix] = fixable[5]["fixes"]
    assert fix["properties"] == {"applicability": "safe"}
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "content/ALAS2.md", "uriBaseId": "%SRCROOT%"}
    [replacement] = change["replacements"]
    start, length = (
        replacement["deletedRegion"]["byteOffset"],
        replacement["deletedRegion"]["byteLength"],
    )
    assert page[start : start + length] == b"V122I"
    assert replacement["insertedContent"]["text"] == "p.Val122Ile"
    assert all(
        "fixes" not in r for r in log["runs"][0]["results"] if r["ruleId"] in ("GL405", "GL501")
    )


def test_fingerprints_survive_unrelated_lines_moving(repo, capsys):
    def by_message(log):
        return {
            (r["ruleId"], r["message"]["text"]): r["partialFingerprints"]
            for r in log["runs"][0]["results"]
        }

    before = by_message(sarif(capsys, "content")[1])
    assert len(set(json.dumps(p) for p in before.values())) == 13  # one fingerprint per result
    page = repo / "content" / "ALAS2.md"
    lines = page.read_text().split("\n")
    page.write_text("\n".join(lines[:17] + ["A new paragraph.", ""] + lines[17:]))
    after = sarif(capsys, "content")[1]
    assert by_message(after) == before
    assert (
        after["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
        == 26
    )
    # Editing the flagged text is another finding.
    page.write_text(page.read_text().replace("| V122I       |", "| V123I       |"))
    edited = by_message(sarif(capsys, "content")[1])
    assert len(set(map(json.dumps, edited.values())) - set(map(json.dumps, before.values()))) == 1


def test_unreadable_files_and_internal_errors_are_notifications(repo, capsys, monkeypatch):
    (repo / "content" / "broken.md").write_bytes(b"---\ntitle: x\n---\n\x00\x01")
    legacy_notation = load_registry([]).get("GL302")

    def crash(self, doc, ctx):
        raise ZeroDivisionError("rule bug")

    monkeypatch.setattr(legacy_notation, "check", crash)  # the run is in this process
    code, log = sarif(capsys, "content")
    assert code == 2
    [invocation] = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    unreadable, *crashes = invocation["toolExecutionNotifications"]
    assert unreadable["level"] == "warning" and unreadable["descriptor"] == {"id": "GL001"}
    assert (
        unreadable["message"]["text"]
        == "content/broken.md: binary file (NUL byte at byte offset 17)"
    )
    assert (
        unreadable["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        == "content/broken.md"
    )
    assert [c["message"]["text"].split(":")[0] for c in crashes] == [
        "content/ALAS2.md",
        "content/HBB.md",
    ]
    assert {c["level"] for c in crashes} == {"error"} and {
        c["descriptor"]["id"] for c in crashes
    } == {"internal-error"}
    assert "rule GL302 (hgvs-legacy-notation) crashed:" in crashes[0]["message"]["text"]
    assert "GL001" in [r["ruleId"] for r in log["runs"][0]["results"]]


def test_paths_that_need_escaping_are_uri_references_and_outside_pages_absolute(
    repo, tmp_path_factory, capsys
):
    odd = repo / "content" / "odd name #1%.md"
    odd.write_bytes((repo / "content" / "ALAS2.md").read_bytes())
    outside = tmp_path_factory.mktemp("elsewhere") / "ALAS2.md"
    outside.write_bytes(odd.read_bytes())
    log = sarif(capsys, str(odd.relative_to(repo)), str(outside))[1]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"content/odd%20name%20%231%25.md", outside.resolve().as_uri()}


def test_hostile_page_text_stays_data(repo, capsys):
    # Control characters (ESC, the 8-bit CSI), quotes and markup in an alias reach messages.
    page = repo / "content" / "ALAS2.md"
    page.write_text(
        page.read_text().replace("- ALAS\n", '- AL"AS\x1b[2J\x9b<script>alert(1)</script>\n')
    )
    code, out, _ = run(capsys, "--format", "sarif", "content")
    assert "\x1b" not in out and "\x9b" not in out and "\\u001b" in out and "\\u009b" in out
    texts = [r["message"]["text"] for r in json.loads(out)["runs"][0]["results"]]
    assert any('AL"AS\x1b[2J\x9b<script>' in text for text in texts)


def test_a_clean_run_is_a_valid_log_with_no_results(repo, capsys):
    code, log = sarif(capsys, "content/HBB.md")
    [run_] = log["runs"]
    assert (code, run_["results"], run_["tool"]["driver"]["rules"]) == (0, [], [])
    assert run_["invocations"] == [{"executionSuccessful": True}]
