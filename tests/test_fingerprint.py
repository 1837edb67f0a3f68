"""Fingerprints: the same finding keeps its fingerprint when unrelated lines move; a change
to its own line, its code or what it says gives another."""

from pathlib import Path

from genelint.findings import Finding, Severity
from genelint.fingerprint import fingerprint, fingerprints, numbered, read_lines, stable_message
from genelint.testing import lint_text

EXAMPLE = (Path(__file__).resolve().parent.parent / "examples" / "ALAS2.md").read_text(
    encoding="utf-8"
)


def prints_by_code(text: str) -> list[tuple[str, str, int]]:
    findings = lint_text(text, select=["GL1", "GL2", "GL3", "GL5"])
    lines = text.split("\n")
    return [(f.code, fingerprint(f, lines), f.line) for f in findings]


def test_lines_added_above_keep_every_fingerprint():
    before = prints_by_code(EXAMPLE)
    after = prints_by_code(
        EXAMPLE.replace(
            "# Gene Information for ALAS2\n",
            "# Gene Information for ALAS2\n\nA new paragraph.\n\nAnd one more.\n",
            1,
        )
    )
    assert [(code, value) for code, value, _ in after] == [
        (code, value) for code, value, _ in before
    ]
    assert [line for *_, line in after] == [line + 4 for *_, line in before]  # the lines did move


def test_editing_the_findings_line_changes_only_its_fingerprint():
    before = prints_by_code(EXAMPLE)
    after = prints_by_code(
        EXAMPLE.replace(
            "| G139V | Missense | rs137852770 |", "| G139V | Missense  | rs137852770 | "
        )
    )
    assert after == before  # whitespace is not a change
    after = prints_by_code(
        EXAMPLE.replace("| G139V | Missense | rs137852770 |", "| G139V | Missense | rs137852771 |")
    )
    changed = [b for b, a in zip(before, after) if a != b]
    assert [(code, line) for code, _, line in changed] == [("GL302", 43)]


def test_identical_lines_give_identical_fingerprints_and_numbering_tells_them_apart():
    page = EXAMPLE.replace(
        "| G139V | Missense | rs137852770 |", "| V122I       | Missense | rs137852769 |"
    )
    findings = [f for f in lint_text(page, select=["GL302"])]
    prints = fingerprints(findings, lambda path: page.split("\n"))
    assert prints[0] == prints[1] and len(set(prints)) == 4
    assert numbered(prints, [f.path for f in findings])[:2] == [f"{prints[0]}:1", f"{prints[0]}:2"]


def test_crlf_checkout_gives_the_same_fingerprints(tmp_path):
    lf, crlf = tmp_path / "lf.md", tmp_path / "crlf.md"
    lf.write_bytes(EXAMPLE.encode())
    crlf.write_bytes(EXAMPLE.replace("\n", "\r\n").encode())
    findings = lint_text(EXAMPLE, select=["GL302"])
    assert fingerprints([f.with_(path=str(lf)) for f in findings]) == fingerprints(
        [f.with_(path=str(crlf)) for f in findings]
    )


def test_message_positions_do_not_count_but_the_rest_does():
    assert stable_message("DOI 10.1/x is already cited at line 12") == stable_message(
        "DOI 10.1/x is already cited at line 40"
    )
    assert stable_message("also has a page: genes/ALAS2.md:3, ALAS2.md:9") == stable_message(
        "also has a page: genes/ALAS2.md:5, ALAS2.md:11"
    )
    # Another page is named by its file: where the run started changes its folder.
    assert stable_message("also has a page: content/genes/ALAS2.md:3") == stable_message(
        "also has a page: ALAS2.md:7"
    )
    assert stable_message("also has a page: ALAS2.md:3") != stable_message(
        "also has a page: ALAS1.md:3"
    )
    assert stable_message("lines 3-5 are hidden") == stable_message("lines 30-52 are hidden")
    assert stable_message("HGNC:398 is the withdrawn ALAS3") != stable_message(
        "HGNC:399 is the withdrawn ALAS3"
    )

    def finding(code, message):
        return Finding(code, "x", Severity.WARNING, message, 2, 1, 2, 4, "p.md")

    lines = ["", "ALAS text"]
    assert fingerprint(
        finding("GL101", "missing section '## Drug Response'"), lines
    ) != fingerprint(finding("GL101", "missing section '## Treatment'"), lines)
    assert fingerprint(finding("GL101", "m"), lines) != fingerprint(finding("GL102", "m"), lines)


def test_when_a_host_was_found_down_does_not_count(tmp_path):
    # GL010's message names the host's reason, and when the host is remembered down (as
    # downhosts writes it) how long ago a run found it so: a CI job's next run says "1 min
    # ago" where the first said nothing, and its findings must still be the same ones.
    from genelint.services import downhosts

    state = tmp_path / "down.json"
    downhosts.remember(state, "https://eutils.test", "unreachable (refused)", 60, now=1000.0)
    reasons = [
        downhosts.load(state, {"eutils": "https://eutils.test"}, now=now)["eutils"]
        for now in (1010.0, 1000.0 + 7 * 60)
    ]
    assert reasons[0] != reasons[1]
    messages = ["could not verify rsID rs268: eutils: unreachable (refused)"] + [
        f"could not verify rsID rs268: eutils: {reason}" for reason in reasons
    ]
    assert len({stable_message(m) for m in messages}) == 1
    assert stable_message(messages[0]) != stable_message(
        "could not verify rsID rs269: eutils: unreachable (refused)"
    )


def test_unreadable_or_vanished_file_still_has_a_fingerprint(tmp_path):
    gone = Finding(
        "GL001",
        "unreadable-file",
        Severity.ERROR,
        "broken symlink",
        1,
        1,
        1,
        1,
        str(tmp_path / "gone.md"),
    )
    assert read_lines(gone.path) == []
    assert fingerprints([gone]) == [fingerprint(gone, [])]
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"abc\xff\n")
    assert read_lines(str(binary)) == ["abc\ufffd", ""]


def test_rewording_a_message_or_the_data_it_lists_keeps_the_fingerprint():
    # Messages name reference data (a gene's aliases) that an update changes, and their wording
    # changes between versions: the finding at the same text, of the same rule, is the same.
    [alias] = [f for f in lint_text(EXAMPLE, select=["GL204"]) if f.line == 24]
    lines = EXAMPLE.split("\n")
    updated = alias.message.replace(
        "ALAS2's aliases: ALAS-E,", "ALAS2's aliases: ALAS-E, ALAS-NEW,"
    )
    reworded = "ALAS is listed as an alias of ALAS2, but it is ALAS1's"
    assert updated != alias.message
    assert {fingerprint(alias.with_(message=m), lines) for m in (updated, reworded)} == {
        fingerprint(alias, lines)
    }
    # ... but the value a message quotes tells apart findings of one rule at one place.
    legacy = [f for f in lint_text(EXAMPLE, select=["GL302"]) if f.line == 42][0]
    assert fingerprint(legacy.with_(message="legacy notation 'V122I'"), lines) != fingerprint(
        legacy.with_(message="legacy notation 'V123I'"), lines
    )


def test_the_message_fingerprint_of_version_1_baselines_is_kept():
    # The fingerprint baselines of version 1 recorded (tests/data/baseline_v1_ALAS2.json holds
    # one such, written by genelint at 4f894b9), which --baseline still matches.
    from genelint.fingerprint import message_fingerprint

    [legacy] = [f for f in lint_text(EXAMPLE, select=["GL302"]) if "G139V" in f.message]
    assert message_fingerprint(legacy, EXAMPLE.split("\n")) == "15fc649dbe3b5700"
