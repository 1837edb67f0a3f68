"""NCBI_API_KEY is sent to E-utilities and nowhere else: never in a report, a log record,
an error message, the cache (its keys and stored requests) or the last-run file."""

import json
import logging
import time

import pytest
from werkzeug import Response

from genelint.cli import main

from .conftest import DATA, esummary_body, recorded_docsums

SECRET = "s3cr3t-ncbi-key-0123456789abcdef"


def esummary_then(fault):
    """Answers rs268 and rs334 in one way each time the fault says."""
    entries = recorded_docsums()

    def handler(request):
        assert request.args["api_key"] == SECRET  # it does reach the service it is for
        if fault == "ok":
            return Response(
                json.dumps(esummary_body(request.args["id"].split(","), entries)),
                content_type="application/json",
            )
        if fault == "500":
            return Response("<html>oops</html>", status=500, content_type="text/html")
        if fault == "slow":
            time.sleep(1)
            return Response("{}", content_type="application/json")
        if fault == "echo":  # a service quoting the key back in its error text
            return Response(
                json.dumps({"error": f"API rate limit exceeded. Used API Key: {SECRET}"}),
                content_type="application/json",
            )
        return Response('{"result": {"uids": ["268"', content_type="application/json")

    return handler


@pytest.mark.parametrize("fault", ["ok", "500", "slow", "truncated", "echo"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_api_key_is_never_written_anywhere(
    httpserver, service_table, tmp_path, capsys, caplog, monkeypatch, fault, fmt
):
    monkeypatch.setenv("NCBI_API_KEY", SECRET)
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_handler(esummary_then(fault))
    config = tmp_path / "genelint.toml"
    lines = [
        f"{key} = {json.dumps(value)}"
        for key, value in service_table.items()
        if not isinstance(value, dict)
    ]
    config.write_text("[services]\n" + "\n".join(lines) + "\n")
    page = tmp_path / "HBB.md"
    page.write_bytes((DATA.parents[2] / "examples" / "HBB.md").read_bytes())
    caplog.set_level(logging.DEBUG)
    main(
        [
            "check",
            "--config",
            str(config),
            "--select",
            "GL010,GL305,GL306",
            "--format",
            fmt,
            str(page),
        ]
    )
    out, err = capsys.readouterr()
    assert len(httpserver.log) >= 1
    # genelint's and its libraries' log records; the fake service's own (werkzeug) logs what it received
    ours = [record for record in caplog.records if not record.name.startswith("werkzeug")]
    logged = "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in ours)
    written = [out, err, logged]
    written += [
        path.read_bytes().decode("latin-1")
        for path in (tmp_path / "cache").rglob("*")
        if path.is_file()
    ]
    assert not [text for text in written if SECRET in text]
    assert "api_key=***" in logged  # the request is logged, with the key hidden
