"""Whole `genelint check` runs with services down: the text report says each outage once,
JSON keeps one GL010 per lookup, the summary counts lookups apart from problems, and
--fail-on-unverified (or its config key) makes such a run fail."""

import json
import shutil
import socket
from pathlib import Path

import pytest

from genelint.cli import main

from .conftest import DATA

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FASTA = (DATA / "P0A183.fasta").read_text()


def refused_base() -> str:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def pages(tmp_path):
    for name in ("ALAS2.md", "HBB.md"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def write_config(folder: Path, urls: dict, extra: str = "") -> Path:
    config = folder / "genelint.toml"
    lines = [
        extra,
        "[services]",
        f'cache-path = "{folder / "cache"}"',
        "timeout = 1",
        "connect-timeout = 1",
    ]
    lines += [f'{host} = "{url}"' for host, url in urls.items()]
    config.write_text("\n".join(lines) + "\n")
    return config


def dead_urls() -> dict:
    refused = refused_base()
    return {
        "eutils": "http://eutils.genelint-test.invalid/entrez/eutils",  # name resolution fails
        "variation": "http://variation.genelint-test.invalid/v0",
        "crossref": f"{refused}/crossref",
        "doi": f"{refused}/doi",
        "uniprot": f"{refused}/uniprot",
    }


def check(capsys, *args):
    code = main(["check", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_says_each_outage_once(pages, capsys):
    config = write_config(pages, dead_urls())
    code, out, err = check(capsys, "--config", config, pages)
    lines = out.splitlines()
    assert not [line for line in lines if "GL010" in line and ".md:" in line]  # no line per lookup
    assert [line for line in lines if line.startswith("GL010")] == [
        "GL010 [info] eutils unreachable (host name could not be resolved): 9 rsID lookups not verified; --offline skips them",
        "GL010 [info] crossref unreachable (could not connect: Connection refused): 5 DOI lookups not verified; --offline skips them",
        "GL010 [info] uniprot unreachable (could not connect: Connection refused): 2 UniProtKB lookups not verified; --offline skips them",
    ]
    assert lines[-1].endswith(
        " 6 fixable with --fix (5 more with --unsafe-fixes). Nothing could be verified: 16 lookups not verified."
    )
    assert lines[-1].startswith("Found 13 problems (2 errors, 11 warnings) in 1 of 2 files.")
    assert err == (
        "genelint: warning: none of the 16 lookups could be verified (down: crossref, eutils, uniprot); "
        "the network rules checked nothing (--fail-on-unverified makes this fail)\n"
    )
    assert code == 1  # the page's own warnings; the outage alone never fails a run


def test_json_report_keeps_one_gl010_per_lookup(pages, capsys):
    config = write_config(pages, dead_urls())
    code, out, _ = check(capsys, "--config", config, "--format", "json", pages)
    report = json.loads(out)
    unverified = [f for f in report["findings"] if f["code"] == "GL010"]
    assert len(unverified) == 16
    assert (
        "could not verify rsID rs121908711: eutils: unreachable (host name could not be resolved)"
        in [f["message"] for f in unverified]
    )
    assert (report["summary"]["lookups_verified"], report["summary"]["lookups_unverified"]) == (
        0,
        16,
    )
    assert report["summary"]["findings"] == 29  # JSON counts every finding, GL010 included


def test_summary_counts_verified_and_not_verified(pages, capsys, httpserver):
    urls = dead_urls()
    urls["uniprot"] = httpserver.url_for("/uniprot")
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        FASTA.replace("P0A183", "P68871")
    )
    config = write_config(pages, urls)
    code, out, err = check(
        capsys, "--config", config, "--select", "GL010,GL305,GL308", pages / "HBB.md"
    )
    assert out.splitlines()[-1].endswith(" 5 lookups: 1 verified, 4 not verified.")
    assert err == ""  # something was verified: the report says the rest


def test_no_lookup_failed_says_verified(pages, capsys, httpserver):
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        FASTA.replace("P0A183", "P68871")
    )
    urls = {**dead_urls(), "uniprot": httpserver.url_for("/uniprot")}
    config = write_config(pages, urls)
    code, out, _ = check(capsys, "--config", config, "--select", "GL308", pages / "HBB.md")
    assert out.splitlines()[-1].endswith(
        " of 1 file. 1 lookup verified."
    )  # residue warnings: not HBB's sequence


@pytest.mark.parametrize("how", ["flag", "config"])
def test_fail_on_unverified_fails_the_run(pages, capsys, how):
    config = write_config(
        pages, dead_urls(), "fail-on-unverified = true" if how == "config" else ""
    )
    args = ["--fail-on-unverified"] if how == "flag" else []
    code, _, err = check(
        capsys, "--config", config, "--select", "GL010,GL305", *args, pages / "HBB.md"
    )
    assert code == 1
    assert err == (
        "genelint: warning: none of the 4 lookups could be verified (down: eutils); "
        "the network rules checked nothing\n"
    )


def test_fail_on_unverified_with_some_verified(pages, capsys, httpserver):
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        FASTA.replace("P0A183", "P68871")
    )
    config = write_config(pages, {**dead_urls(), "uniprot": httpserver.url_for("/uniprot")})
    code, _, err = check(
        capsys,
        "--config",
        config,
        "--select",
        "GL010,GL305,GL308",
        "--fail-on-unverified",
        pages / "HBB.md",
    )
    assert code == 1
    assert (
        err
        == "genelint: 4 of 5 lookups could not be verified (down: eutils) (--fail-on-unverified)\n"
    )


def test_fail_on_unverified_passes_when_all_is_verified(pages, capsys, httpserver):
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        FASTA.replace("P0A183", "P68871")
    )
    config = write_config(pages, {**dead_urls(), "uniprot": httpserver.url_for("/uniprot")})
    code, _, err = check(
        capsys,
        "--config",
        config,
        "--select",
        "GL308",
        "--fail-on",
        "error",
        "--fail-on-unverified",
        pages / "HBB.md",
    )
    assert (code, err) == (0, "")


def test_offline_lookups_are_skipped_not_unverified(pages, capsys):
    config = write_config(pages, dead_urls(), "fail-on-unverified = true")
    code, out, err = check(
        capsys, "--config", config, "--offline", "--select", "GL010,GL305", pages / "HBB.md"
    )
    assert (code, out, err) == (0, "No problems in 1 file. 4 lookups skipped (offline).\n", "")


# --- several services behind one host ---------------------------------------------------------

EVERY_SERVICE_DOWN = (
    "genelint: warning: none of the 16 lookups could be verified (down: crossref, eutils, uniprot); "
    "the network rules checked nothing (--fail-on-unverified makes this fail)\n"
)


def test_services_sharing_one_base_url_are_each_named_down(pages, capsys):
    # A mirror for every service at one base URL: each service's lookups are its own, so the
    # outage names each service that had something to ask, not the first one configured.
    shared = refused_base()
    config = write_config(
        pages, dict.fromkeys(("crossref", "doi", "eutils", "variation", "uniprot"), shared)
    )
    code, out, err = check(capsys, "--config", config, pages)
    assert [
        line.split(" unreachable")[0] for line in out.splitlines() if line.startswith("GL010")
    ] == [
        "GL010 [info] eutils",
        "GL010 [info] crossref",
        "GL010 [info] uniprot",
    ]
    assert err == EVERY_SERVICE_DOWN
    # The next run finds the base URL remembered down: it names the same services, not the
    # two it had nothing to ask (doi, variation) because they share that base URL.
    assert check(capsys, "--config", config, pages)[2] == EVERY_SERVICE_DOWN


def test_every_service_through_one_refusing_proxy_is_named_down(pages, capsys, monkeypatch):
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", refused_base())
    config = write_config(
        pages,
        {
            key: f"http://{key}.genelint-test.invalid/api"
            for key in ("crossref", "doi", "eutils", "variation", "uniprot")
        },
    )
    code, out, err = check(capsys, "--config", config, pages)
    assert err == EVERY_SERVICE_DOWN
    assert (
        "GL010 [info] crossref unreachable (through the proxy: could not connect: Connection refused)"
        in out
    )


# --- a warm run with the hosts down -----------------------------------------------------------


def forget_page_results() -> None:
    """Empty the test's result cache (tests/conftest.py gives each test its own)."""
    from genelint.cache import ResultCache

    path = ResultCache.for_settings(None).path
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        (path.parent / name).unlink(missing_ok=True)


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the pages parsed from now on (in this process: --jobs 1)."""
    import genelint.engine
    import genelint.workers

    names = []
    real = genelint.parser.parse_bytes

    def parse_bytes(raw, path, *args, **kwargs):
        names.append(Path(path).name)
        return real(raw, path, *args, **kwargs)

    for module in (genelint.engine, genelint.workers):  # the per-page phase; the lookups'
        monkeypatch.setattr(module, "parse_bytes", parse_bytes)
    return names


def warm_reports(capsys, parsed, config, pages) -> tuple[str, str, list[str]]:
    """A run that fills the caches; then, with the hosts remembered down, the report of a
    run that parses every page (no result cache) and of one with the result cache warm, and
    the pages that one parsed."""
    args = ["--config", config, "--format", "json", "--jobs", "1", pages]
    check(capsys, *args)
    forget_page_results()
    _, parsing, _ = check(capsys, *args)
    parsed.clear()
    _, warm, _ = check(capsys, *args)
    return parsing, warm, list(parsed)


def test_warm_run_with_every_host_down_parses_no_page_again(pages, capsys, parsed):
    # GL010 is made from the lookup facts the result cache keeps (where each lookup is asked):
    # the same findings as from the parsed pages, without parsing them only to say so.
    parsing, warm, parsed_warm = warm_reports(
        capsys, parsed, write_config(pages, dead_urls()), pages
    )
    assert parsed_warm == []
    assert warm == parsing
    unverified = [f for f in json.loads(warm)["findings"] if f["code"] == "GL010"]
    assert len(unverified) == 16
    assert "found by a run less than a minute ago" in unverified[0]["message"]


def test_warm_run_parses_again_only_the_pages_with_an_answer(pages, capsys, parsed, httpserver):
    # HBB's UniProt entry is answered (then from the HTTP cache): GL308 reads the page, so it
    # is parsed again; ALAS2, none of whose lookups is answered, is not.
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        FASTA.replace("P0A183", "P68871")
    )
    httpserver.expect_request("/uniprot/uniprotkb/P22557.fasta").respond_with_data(
        "busy", status=503
    )
    config = write_config(pages, {**dead_urls(), "uniprot": httpserver.url_for("/uniprot")})
    parsing, warm, parsed_warm = warm_reports(capsys, parsed, config, pages)
    assert parsed_warm == ["HBB.md"]
    assert warm == parsing
    findings = json.loads(warm)["findings"]
    assert {(Path(f["path"]).name, f["code"]) for f in findings} >= {
        ("HBB.md", "GL308"),
        ("ALAS2.md", "GL010"),
    }


def test_worker_processes_report_what_one_process_does(pages, capsys, httpserver):
    # A worker sends a page's document pickled; the main process unpickles it only for HBB,
    # whose UniProt entry is answered (GL308 reads the page); ALAS2's GL010 comes from its
    # record. The result cache is off, so every page goes through the workers.
    httpserver.expect_request("/uniprot/uniprotkb/P68871.fasta").respond_with_data(
        FASTA.replace("P0A183", "P68871")
    )
    config = write_config(pages, {**dead_urls(), "uniprot": httpserver.url_for("/uniprot")})
    args = ["--config", config, "--format", "json", "--no-cache", pages]
    _, one, _ = check(capsys, *args, "--jobs", "1")
    _, workers, _ = check(capsys, *args, "--jobs", "2")
    assert workers == one
    codes = {(Path(f["path"]).name, f["code"]) for f in json.loads(workers)["findings"]}
    assert {("HBB.md", "GL308"), ("ALAS2.md", "GL010"), ("HBB.md", "GL010")} <= codes
