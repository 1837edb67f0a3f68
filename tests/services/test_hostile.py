"""Hostile or broken service answers: each is an error answer naming the reason (GL010),
never a crash, never "does not exist", never cached."""

import gzip
import json

import pytest
from werkzeug import Response

from genelint.cli import main
from genelint.rule import Lookup
from genelint.services import resolve

from .conftest import DATA, esummary_body, recorded_docsums, settings_from

RS268 = Lookup("rsid", "rs268")
P0A183 = Lookup("uniprot", "P0A183")
FASTA = (DATA / "P0A183.fasta").read_text()
ESUMMARY = json.dumps(esummary_body(["268"], recorded_docsums()))


# 50 MB of zeros, compressed once when the module is read: compressed inside the server's
# handler, it took longer on a loaded machine than the client's read timeout, and the test saw
# a timeout and a retry instead of the bomb.
GZIP_BOMB = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)


def streamed(chunks):
    """A body without Content-Length: only counting while streaming can stop it."""
    return Response(iter(chunks), content_type="application/json")


HOSTILE = {
    "body over the limit, no length given": (
        lambda: streamed([b"[" + b"0," * 50_000] * 40),  # 4 MB in chunks
        "eutils: response exceeds the 1000000-byte limit",
    ),
    "body over the limit, length given": (
        lambda: Response(b"{}" * 600_000, content_type="application/json"),
        "eutils: response of 1200000 bytes exceeds the 1000000-byte limit",
    ),
    "gzip bomb": (
        lambda: Response(
            GZIP_BOMB, headers={"Content-Encoding": "gzip"}, content_type="application/json"
        ),
        "eutils: response exceeds the 1000000-byte limit",
    ),
    "JSON as an HTML page": (
        lambda: Response(ESUMMARY, content_type="text/html"),
        "eutils: malformed JSON: the reply is text/html, not JSON",
    ),
    "HTML error page with status 200": (
        lambda: Response(
            (DATA / "content_negotiation_404_10.1126_foo.html").read_text(),
            content_type="text/html; charset=utf-8",
        ),
        "eutils: malformed JSON: the reply is text/html, not JSON",
    ),
    "invalid JSON": (
        lambda: Response(
            '{"header": {}, "result": {"uids": ["268"] "268": {}}}', content_type="application/json"
        ),
        "eutils: malformed JSON (Expecting ',' delimiter at byte 42)",
    ),
    "truncated JSON": (
        lambda: Response(ESUMMARY[: len(ESUMMARY) // 2], content_type="application/json"),
        f"eutils: malformed JSON: the reply ends early (after {len(ESUMMARY) // 2} bytes)",
    ),
    "not UTF-8": (
        lambda: Response(b'{"result": "\xff\xfe"}', content_type="application/json"),
        "eutils: malformed JSON: the reply is not UTF-8 text",
    ),
    "JSON of another shape": (
        lambda: Response("[1, 2, 3]", content_type="application/json"),
        "eutils: not an esummary result",
    ),
    "redirect to a host that is not configured": (
        lambda: Response(
            "", status=302, headers={"Location": "http://attacker.example/esummary.fcgi"}
        ),
        "eutils: redirected to http://attacker.example, not a configured service (not followed)",
    ),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_answer_is_an_error_with_its_reason(httpserver, service_table, name):
    reply, reason = HOSTILE[name]
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_handler(lambda request: reply())
    settings = settings_from(service_table, **{"max-response-bytes": 1_000_000})
    answer = resolve([RS268], settings)[RS268]
    assert (answer.status, answer.error) == ("error", reason)
    assert resolve([RS268], settings)[RS268].status == "error"
    assert len(httpserver.log) == 2  # asked again next time: the failure was not cached


def test_fasta_served_as_html_is_an_error(httpserver, service_table):
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(
        FASTA, content_type="text/html"
    )
    answer = resolve([P0A183], settings_from(service_table))[P0A183]
    assert (answer.status, answer.error) == ("error", "uniprot: the reply is text/html, not FASTA")


def test_hostile_answers_are_gl010_in_a_whole_run(httpserver, service_table, tmp_path, capsys):
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_handler(
        lambda request: HOSTILE["gzip bomb"][0]()
    )
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        "<html>Service unavailable</html>", content_type="text/html"
    )
    table = {**service_table, "max-response-bytes": 1_000_000}
    config = tmp_path / "genelint.toml"
    config.write_text(
        "[services]\n"
        + "".join(
            f"{key} = {json.dumps(value)}\n"
            for key, value in table.items()
            if not isinstance(value, dict)
        )
    )
    page = tmp_path / "HBB.md"
    page.write_bytes((DATA.parents[2] / "examples" / "HBB.md").read_bytes())
    code = main(
        [
            "check",
            "--config",
            str(config),
            "--select",
            "GL010,GL305,GL308",
            "--format",
            "json",
            str(page),
        ]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {f["code"] for f in report["findings"]} == {"GL010"}
    assert {f["message"].split(": ", 1)[1] for f in report["findings"]} == {
        "eutils: response exceeds the 1000000-byte limit",
        "uniprot: the reply is text/html, not FASTA",
    }
