"""Whole `genelint check` runs of the network rules against the loopback fake of the registries
(tests/conftest.py): what the CLI hands the services, the cache, stale answers, --offline,
base URLs from the config, worker processes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import genelint.services
from genelint.cli import main
from genelint.rule import Answer

PAGES = Path(__file__).parents[1] / "rules" / "fixtures"
REPORT_SCHEMA = Path(__file__).parents[2] / "schemas" / "report.schema.json"
TINY_TTL_HOURS = 1e-7  # expired before the next run


class Tty:
    """A standard error that is a terminal (and shows nothing)."""

    def isatty(self):
        return True

    def write(self, text):
        return len(text)

    def flush(self):
        pass


def test_cli_passes_progress_and_cache_choices_to_the_services(monkeypatch, tmp_path, capsys):
    seen = {}

    class FakeStream:  # round one goes to the services as the pages are parsed
        def __init__(self, settings, *, progress, use_cache, stats):
            seen.update(progress=progress.show, use_cache=use_cache)
            stats.requests = {"eutils": 1}
            self.added = []

        def add(self, lookups):
            self.added += lookups

        def close(self):
            pass

        def finish(self):
            return {lookup: Answer("error", error="not asked (test)") for lookup in self.added}

    monkeypatch.setattr(genelint.services, "LookupStream", FakeStream)
    monkeypatch.delenv("GENELINT_OFFLINE", raising=False)
    monkeypatch.setattr("sys.stderr", Tty())
    page = str(PAGES / "variants" / "rsid_merged.md")
    config = tmp_path / "genelint.toml"
    config.write_text("")
    main(["check", "--config", str(config), "--select", "GL305", page])
    assert seen == {"progress": True, "use_cache": True}
    main(["check", "--config", str(config), "--select", "GL305", "--quiet", "--no-cache", page])
    assert seen == {"progress": False, "use_cache": False}
    capsys.readouterr()


def test_second_run_makes_no_requests(check_online, fake):
    pages = ("every_lookup_kind.md", "citations_matching_registry.md", "rsid_other_change.md")
    _, first = check_online(*pages)
    made = fake.requests()
    assert first["summary"]["lookups"]["requests"] == made > 0
    _, second = check_online(*pages)
    assert fake.requests() == made
    assert second["findings"] == first["findings"]
    assert second["summary"]["lookups"] == {
        "asked": 8,
        "cache_hits": 8,
        "requests": 0,
        "requests_by_service": {},
        "stale": 0,
        "errors": 0,
    }
    schema = jsonschema.Draft202012Validator(json.loads(REPORT_SCHEMA.read_text()))
    assert [e.message for report in (first, second) for e in schema.iter_errors(report)] == []


def test_no_cache_asks_again(check_online, fake):
    check_online("rsid_merged.md")
    made = fake.requests()
    _, report = check_online("rsid_merged.md", args=["--no-cache"])
    assert fake.requests() == 2 * made
    assert report["summary"]["lookups"]["cache_hits"] == 0


def test_stale_answer_is_used_and_said(check_online, fake):
    services = f"ttl-hours = {TINY_TTL_HOURS}\nnot-found-ttl-hours = {TINY_TTL_HOURS}"
    _, fresh = check_online("rsid_merged.md", "doi_unregistered.md", services=services)
    assert [f["code"] for f in fresh["findings"]] == ["GL402", "GL305"]
    assert fresh["summary"]["lookups"]["stale"] == 0
    fake.faults = {service: "500" for service in fake.services}
    _, stale = check_online("rsid_merged.md", "doi_unregistered.md", services=services)
    assert [(f["code"], f["message"]) for f in stale["findings"]] == [
        (
            "GL402",
            "doi.org: 10.1371/notarealdoi is not registered (Crossref and the handle system)"
            " (from the cache: the service could not be reached)",
        ),
        (
            "GL305",
            "rs386571803 was merged into rs268 in dbSNP; cite rs268 (from the cache: the service could not be reached)",
        ),
    ]
    assert stale["summary"]["lookups"]["stale"] == 2


@pytest.mark.parametrize("how", ["flag", "environment"])
def test_offline_skips_network_rules_and_counts_the_lookups(
    check_online, fake, capsys, monkeypatch, how
):
    args = ["--offline"] if how == "flag" else []
    if how == "environment":
        monkeypatch.setenv("GENELINT_OFFLINE", "1")
    config = check_online.config()
    page = str(PAGES / "document" / "every_lookup_kind.md")
    assert (
        main(["check", "--config", str(config), "--select", check_online.selected, *args, page])
        == 0
    )
    assert capsys.readouterr().out == "No problems in 1 file. 3 lookups skipped (offline).\n"
    assert fake.requests() == 0


def test_base_urls_from_the_config_table(check_online, fake, monkeypatch):
    table = "\n".join(f'{s} = "{fake.server.url_for("/" + s)}"' for s in fake.services)
    for name in fake.urls():
        monkeypatch.delenv(name)
    _, report = check_online("rsid_merged.md", services=table)
    assert check_online.positions(report) == [(16, 28, "GL305")]


def test_worker_processes_give_the_same_network_findings(check_online):
    # With --jobs the pages are parsed in workers and the main process imports the HTTP stack
    # meanwhile; the lookups, their follow-up rounds and the findings are the same.
    pages = (
        "every_lookup_kind.md",
        "rsid_in_two_genes_other_genes_change.md",
        "citation_retracted_by_notice_only.md",
        "rsid_other_change.md",
        "doi_unregistered.md",
    )
    _, serial = check_online(*pages, args=["--jobs", "1", "--no-cache"])
    _, parallel = check_online(*pages, args=["--jobs", "2", "--no-cache"])
    assert parallel["findings"] == serial["findings"] and len(serial["findings"]) >= 6


def test_one_progress_bar_counts_every_lookup_asked(check_online, fake, monkeypatch, capsys):
    bars = []

    class Bar:  # tqdm as LookupProgress uses it
        def __init__(self, total, **options):
            self.total, self.n, self.closed = total, 0, False
            bars.append(self)

        def update(self, count):
            self.n += count

        def refresh(self):
            pass

        def close(self):
            self.closed = True

    monkeypatch.setattr("tqdm.tqdm", Bar)
    pages = (
        "every_lookup_kind.md",
        "rsid_in_two_genes_matching.md",
        "citations_matching_registry.md",
    )
    monkeypatch.setattr("sys.stderr", Tty())
    _, cold = check_online(*pages)
    # Every lookup asked of a service, in both rounds (rs7777's RefSNP record, the notices),
    # on one bar that ends full.
    lookups = cold["summary"]["lookups"]
    assert lookups["requests"] > 0 and lookups["cache_hits"] == 0
    assert [(bar.total, bar.n, bar.closed) for bar in bars] == [
        (lookups["asked"], lookups["asked"], True)
    ]
    bars.clear()
    _, warm = check_online(*pages)  # every answer in the cache: nothing to wait for
    assert warm["summary"]["lookups"]["cache_hits"] == lookups["asked"]
    assert bars == []
