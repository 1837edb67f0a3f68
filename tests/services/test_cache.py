import json
import os

import pytest
from werkzeug import Response

from genelint import cachefolder
from genelint.rule import Lookup
from genelint.services import RunStats, resolve
from genelint.services.cli import run as cache_command

from .conftest import DATA, esummary_body, recorded_docsums, settings_from

FASTA = (DATA / "P0A183.fasta").read_text()
TINY_TTL_HOURS = 1e-7  # expires before the next resolve


def serve_esummary(httpserver):
    entries = recorded_docsums()
    httpserver.expect_request("/eutils/esummary.fcgi").respond_with_handler(
        lambda request: Response(
            json.dumps(esummary_body(request.args["id"].split(","), entries)),
            content_type="application/json",
        )
    )


def lookups():
    return [
        Lookup("rsid", "rs268"),
        Lookup("rsid", "rs386571803"),
        Lookup("rsid", "rs1"),
        Lookup("uniprot", "P0A183"),
    ]


def test_second_resolve_makes_no_requests(httpserver, service_table):
    serve_esummary(httpserver)
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(FASTA)
    settings = settings_from(service_table)
    first = resolve(lookups(), settings)
    requests_before = len(httpserver.log)
    stats = RunStats()
    second = resolve(lookups(), settings, stats=stats)
    assert len(httpserver.log) == requests_before == 2
    assert second == first
    assert (stats.cache_hits, stats.requests) == (4, {})


def test_batch_items_are_cached_one_by_one(httpserver, service_table):
    serve_esummary(httpserver)
    settings = settings_from(service_table)
    resolve([Lookup("rsid", "rs268"), Lookup("rsid", "rs118204057")], settings)
    resolve([Lookup("rsid", "rs268"), Lookup("rsid", "rs17850737")], settings)
    assert [request.args["id"] for request, _ in httpserver.log] == ["268,118204057", "17850737"]


def test_use_cache_false_asks_again(httpserver, service_table):
    serve_esummary(httpserver)
    settings = settings_from(service_table)
    resolve([Lookup("rsid", "rs268")], settings, use_cache=False)
    resolve([Lookup("rsid", "rs268")], settings, use_cache=False)
    assert len(httpserver.log) == 2


def test_stale_answer_is_used_when_the_service_fails(httpserver, service_table):
    httpserver.expect_ordered_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(FASTA)
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(
        "down", status=503
    )
    settings = settings_from(service_table, **{"ttl-hours": TINY_TTL_HOURS})
    fresh = resolve([Lookup("uniprot", "P0A183")], settings)[Lookup("uniprot", "P0A183")]
    stats = RunStats()
    stale = resolve([Lookup("uniprot", "P0A183")], settings, stats=stats)[
        Lookup("uniprot", "P0A183")
    ]
    assert (fresh.status, fresh.stale) == ("found", False)
    assert (stale.status, stale.stale, stale.value) == ("found", True, fresh.value)
    assert stats.stale == 1


def test_not_found_expires_sooner_than_found(httpserver, service_table):
    serve_esummary(httpserver)
    settings = settings_from(service_table, **{"not-found-ttl-hours": TINY_TTL_HOURS})
    asked = [Lookup("rsid", "rs268"), Lookup("rsid", "rs1")]
    first = resolve(asked, settings)
    assert first[Lookup("rsid", "rs1")].status == "not_found"
    resolve(asked, settings)
    assert [request.args["id"] for request, _ in httpserver.log] == ["268,1", "1"]


def test_failures_are_not_cached(httpserver, service_table):
    httpserver.expect_request("/uniprot/uniprotkb/P0A183.fasta").respond_with_data(
        "down", status=500
    )
    settings = settings_from(service_table, retries=0)
    resolve([Lookup("uniprot", "P0A183")], settings)
    resolve([Lookup("uniprot", "P0A183")], settings)
    assert len(httpserver.log) == 2


def test_cache_info_and_clear(httpserver, service_table, capsys):
    serve_esummary(httpserver)
    settings = settings_from(service_table)
    resolve([Lookup("rsid", "rs268"), Lookup("rsid", "rs1")], settings)
    resolve([Lookup("rsid", "rs268"), Lookup("rsid", "rs1")], settings)

    class Args:
        cache_action = "info"

    assert cache_command(Args, service_table) == 0
    info = capsys.readouterr().out
    assert "entries: 2" in info and "hit rate 100%" in info and str(settings.cache_file) in info
    Args.cache_action = "clear"
    assert cache_command(Args, service_table) == 0
    assert "cleared 2" in capsys.readouterr().out
    Args.cache_action = "info"
    cache_command(Args, service_table)
    assert "entries: 0" in capsys.readouterr().out


def test_clear_removes_a_cache_of_an_older_key_layout(service_table, capsys):
    settings = settings_from(service_table)
    settings.cache_dir.mkdir(parents=True, exist_ok=True)
    old = [settings.cache_dir / name for name in ("services.sqlite", "services.sqlite-wal")]
    for path in old:
        path.write_bytes(b"an earlier genelint's cache")

    class Args:
        cache_action = "clear"

    assert cache_command(Args, service_table) == 0
    assert [path.exists() for path in old] == [False, False]


def test_a_damaged_reply_cache_is_set_aside_and_started_again(httpserver, service_table, capsys):
    serve_esummary(httpserver)
    settings = settings_from(service_table)
    settings.cache_file.parent.mkdir(parents=True, exist_ok=True)
    settings.cache_file.write_bytes(b"<html>a proxy's error page</html>\n" * 100)
    first = resolve([Lookup("rsid", "rs268")], settings)
    [warning] = capsys.readouterr().err.splitlines()
    assert f"{settings.cache_file} is damaged (not an SQLite file); set aside as" in warning
    assert first[Lookup("rsid", "rs268")].status == "found"
    again = resolve([Lookup("rsid", "rs268")], settings)  # answered from the new cache
    assert (again, len(httpserver.log), capsys.readouterr().err) == (first, 1, "")
    assert list(settings.cache_file.parent.glob(f"{settings.cache_file.name}.damaged-*"))


@pytest.mark.skipif(
    not hasattr(os, "seteuid") or os.geteuid() != 0,
    reason="needs root to drop to a user for whom the file is read-only (root writes anyway)",
)
def test_a_read_only_reply_file_is_read_and_says_once_that_new_replies_are_not_kept(
    httpserver, service_table, tmp_path, capsys
):
    serve_esummary(httpserver)
    settings = settings_from(service_table)
    resolve([Lookup("rsid", "rs268")], settings)  # as root: the file is made and holds rs268
    cache = settings.cache_file
    os.chmod(cache, 0o444)
    os.chmod(cache.parent, 0o777)  # SQLite may add its -wal and -shm files beside it
    opened = [folder for folder in (cache.parent, *cache.parent.parents) if folder >= tmp_path]
    for folder in (*opened, tmp_path.parent, tmp_path.parent.parent):
        os.chmod(folder, os.stat(folder).st_mode | 0o755)
    asked = [Lookup("rsid", "rs268"), Lookup("rsid", "rs1")]
    os.seteuid(65534)
    try:
        answers = resolve(asked, settings)
        again = resolve(asked, settings)
        cachefolder.warn()
    finally:
        os.seteuid(0)
        for folder in (tmp_path.parent.parent, tmp_path.parent):
            os.chmod(folder, 0o700)
    assert answers == again and answers[asked[0]].status == "found"
    requested = [entry[0].args["id"] for entry in httpserver.log[1:]]
    assert requested == ["1", "1"]  # rs268 read from the file; rs1 never kept in it
    [warning] = capsys.readouterr().err.splitlines()
    assert warning == (
        f"genelint: warning: the cache folder {cache.parent} cannot be used ({cache.name} is "
        f"read-only); not cached this run: new service replies (set GENELINT_CACHE_DIR to a "
        "writable folder)"
    )
