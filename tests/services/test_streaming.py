"""Round one of the lookups is asked while the pages are still being parsed (by this process
and by the worker processes of --jobs), in the services' full batches: a batch goes when it
is full, what is left over once every page is parsed goes last, and no item is asked twice.

The run is a real `genelint check` against the loopback fake of the registries. The last
page's parse waits until a service has been asked something (a hang guard only keeps a
broken build from hanging the suite), and writes down when it went on: with lookups asked
only after parsing, no request comes before the last page is parsed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from genelint.cli import main
from genelint.engine import Linter

HANG_GUARD = 10  # seconds the last page waits for a request before it gives up
PAGES = 20
BATCH = 5  # eutils-batch-size of the run
SHARED_RSID = "rs268"  # listed on every page: asked once


def write_pages(folder: Path) -> list[Path]:
    pages = []
    for n in range(PAGES):
        page = folder / f"page{n:02d}.md"
        page.write_text(f"""---
title: "LPL"
layout: post
---

# Gene Information for LPL

## External IDs and Aliases

- UniProtKB/Swiss-Prot: P{n:05d}

## AA Mutation List

| AA Mutation | Type | dbSNP ID |
| ----------- | ---- | -------- |
| p.Asn318Ser | Missense | rs{1000 + n} |
| p.Asp9Asn | Missense | {SHARED_RSID} |
""")
        pages.append(page)
    return pages


@pytest.fixture
def events(fake, tmp_path, monkeypatch) -> Path:
    """A log of 'request <service>' lines (the fake's) and the one 'last page parsed' line,
    in the order they happened; a file, so that a worker process writes to it too."""
    log = tmp_path / "events.log"
    log.write_text("")
    for service in ("eutils", "uniprot"):
        handler = getattr(fake, {"eutils": "esummary", "uniprot": "uniprot"}[service])

        def logged(request, handler=handler, service=service):
            with log.open("a") as out:
                out.write(f"request {service}\n")
            return handler(request)

        monkeypatch.setattr(fake, handler.__name__, logged)
    # FakeRegistries bound its handlers when made: register the logging ones in their place.
    fake.server.clear()
    for service, name in (
        ("eutils", "esummary"),
        ("crossref", "crossref"),
        ("doi", "handle"),
        ("uniprot", "uniprot"),
        ("variation", "refsnp"),
    ):
        import re

        fake.server.expect_request(re.compile(f"^/{service}/.*")).respond_with_handler(
            fake._faulty(service, getattr(fake, name))
        )

    original = Linter.check_document
    last = f"page{PAGES - 1:02d}.md"

    def check_document(self, doc):
        if doc.path.endswith(last):  # waits (in whichever process parses it) for a request
            waited = 0.0
            while "request" not in log.read_text() and waited < HANG_GUARD:
                time.sleep(0.02)
                waited += 0.02
            with log.open("a") as out:
                out.write("last page parsed\n")
        return original(self, doc)

    monkeypatch.setattr(Linter, "check_document", check_document)  # forked workers inherit it
    return log


def run_check(tmp_path: Path, capsys, *args: str) -> dict:
    config = tmp_path / "genelint.toml"
    config.write_text(f"""
[services]
retries = 1
timeout = 5
eutils-batch-size = {BATCH}
rate-limits = {{ crossref = 1000, doi = 1000, eutils = 1000, variation = 1000, uniprot = 1000 }}
""")
    folder = tmp_path / "pages"
    folder.mkdir()
    write_pages(folder)
    main(["check", "--format", "json", "--no-cache", "--config", str(config), *args, str(folder)])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_lookups_are_asked_before_the_last_page_is_parsed(events, tmp_path, capsys, jobs):
    report = run_check(tmp_path, capsys, "--jobs", jobs, "--select", "GL305,GL308")
    order = events.read_text().splitlines()
    # A service was asked before the last page was parsed (UniProt takes an accession a
    # request, at once; E-utilities a batch, once it is full), and the rest after.
    assert order[0].startswith("request "), order
    assert 0 < order.index("last page parsed") < len(order) - 1, order
    assert report["summary"]["lookups"]["asked"] == PAGES * 2 + 1


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_streamed_batches_are_full_and_ask_each_item_once(fake, tmp_path, capsys, jobs):
    report = run_check(tmp_path, capsys, "--jobs", jobs, "--select", "GL305")
    batches = [
        request.args["id"].split(",")
        for request, _ in fake.server.log
        if request.path == "/eutils/esummary.fcgi"
    ]
    asked = [uid for batch in batches for uid in batch]
    distinct = PAGES + 1  # one rsID of its own per page, and the shared one
    assert sorted(asked) == sorted({str(1000 + n) for n in range(PAGES)} | {SHARED_RSID[2:]})
    assert len(batches) == -(-distinct // BATCH)  # the fewest requests the batch size allows
    assert sorted(map(len, batches))[1:] == [BATCH] * (len(batches) - 1)  # one remainder at most
    assert report["summary"]["lookups"]["requests_by_service"] == {"eutils": len(batches)}
