"""The pure parts of the network rules: which page part asks which lookup, how changes,
authors and journals are compared, and what the CLI hands the services layer."""

from pathlib import Path

import pytest

import genelint.services
from genelint.cli import main
from genelint.hgvs import parse_legacy, parse_protein
from genelint.parser import parse_bytes
from genelint.rule import Lookup
from genelint.rules._lookups import every_lookup, same_change
from genelint.rules._titles import first_surname, journals_match, title_similarity

FIXTURES = Path(__file__).parent / "fixtures" / "network"


def page_lookups(text: str) -> list[tuple[Lookup, int, int]]:
    doc = parse_bytes(text.encode(), "page.md")
    return [(a.lookup, a.field.span.line, a.field.span.column) for a in every_lookup(doc)]


def test_every_lookup_kind_maps_to_its_page_part():
    text = (FIXTURES / "every_lookup_kind.md").read_text()
    assert page_lookups(text) == [
        (Lookup("rsid", "rs386571803"), 16, 28),
        (Lookup("doi", "10.1371/journal.pone.0033693"), 23, 10),
        (Lookup("uniprot", "P0A183"), 10, 25),
    ]


@pytest.mark.parametrize(
    "written, key",
    [
        ("https://doi.org/10.1371/journal.pone.0033693.", "10.1371/journal.pone.0033693"),
        ("doi: 10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"),
        ("10.310/10428199209057385", None),  # malformed: GL401's, not asked
    ],
)
def test_doi_wrappers_are_removed_and_malformed_dois_not_asked(written, key):
    text = (FIXTURES / "doi_unregistered.md").read_text().replace("10.1371/notarealdoi", written)
    assert [lookup.key for lookup, *_ in page_lookups(text)] == ([key] if key else [])


@pytest.mark.parametrize("cell", ["RS268", "rs 268", "rs0268", "ss12345", ""])
def test_malformed_rsids_are_not_asked(cell):
    text = (FIXTURES / "rsid_merged.md").read_text().replace("rs386571803", cell)
    assert page_lookups(text) == []


@pytest.mark.parametrize(
    "listed, registered, same",
    [
        ("p.Asn318Ser", "NP_000228.1:p.Asn318Ser", True),
        ("N318S", "NP_000228.1:p.Asn318Ser", True),
        ("p.(Asn318Ser)", "NP_000228.1:p.Asn318Ser", True),
        ("p.Asn318Asp", "NP_000228.1:p.Asn318Ser", False),
        ("p.Asn319Ser", "NP_000228.1:p.Asn318Ser", False),
        ("R97X", "NP_000001.1:p.Arg97Ter", True),
        ("p.Arg97Xaa", "NP_000001.1:p.Arg97Ter", True),  # an unknown new residue (Xaa) matches any
        ("p.Gly215AlafsTer3", "NP_000228.1:p.Gly215fs", True),
        ("p.Gly215del", "NP_000228.1:p.Gly215fs", False),
    ],
)
def test_same_change(listed, registered, same):
    try:
        change = parse_protein(listed)
    except ValueError:
        change = parse_legacy(listed)
    assert same_change(change, parse_protein(registered)) is same


@pytest.mark.parametrize(
    "authors, surname",
    [
        ("Cazzola M, May A, Bergamaschi G", "Cazzola"),
        ("M. Cazzola; A. May", "Cazzola"),
        ("Al-Sabah AI, Fitzsimons EJ", "Al-Sabah"),
        ("van der Berg JH, Smith A", "van der Berg"),
        ("Cazzola", "Cazzola"),
    ],
)
def test_first_surname(authors, surname):
    assert first_surname(authors) == surname


@pytest.mark.parametrize(
    "page, registry, match",
    [
        ("PLoS One.", "PLoS ONE", True),
        ("Leukemia & lymphoma.", "Leukemia & Lymphoma", True),
        ("Neurobiol Aging", "Neurobiology of Aging", True),
        ("N Engl J Med", "New England Journal of Medicine", True),
        ("Proc Natl Acad Sci U S A", "Proceedings of the National Academy of Sciences", True),
        ("J Biol Chem", "Journal of Biological Chemistry", True),
        ("Blood", "PLoS ONE", False),
        ("Blood", "Blood Advances", False),
        ("J Med Chem", "Journal of Medicine", False),
    ],
)
def test_journals_match(page, registry, match):
    assert journals_match(page, registry, threshold=0.6) is match


def test_title_similarity_ignores_case_markup_and_final_period():
    assert (
        title_similarity(
            "Familial XLMR in the <i>UPF3B</i> gene.", "Familial XLMR in the UPF3B Gene"
        )
        == 1.0
    )


def test_cli_passes_progress_and_cache_choices_to_the_services(monkeypatch, tmp_path, capsys):
    seen = {}

    def fake_resolve(lookups, settings, *, progress=False, use_cache=True, stats=None):
        seen.update(progress=progress, use_cache=use_cache)
        stats.requests = {"eutils": 1}
        return {}

    class Tty:
        def isatty(self):
            return True

        def write(self, text):
            return len(text)

        def flush(self):
            pass

    monkeypatch.setattr(genelint.services, "resolve", fake_resolve)
    monkeypatch.delenv("GENELINT_OFFLINE", raising=False)
    monkeypatch.setattr("sys.stderr", Tty())
    page = str(FIXTURES / "rsid_merged.md")
    config = tmp_path / "genelint.toml"
    config.write_text("")
    main(["check", "--config", str(config), "--select", "GL305", page])
    assert seen == {"progress": True, "use_cache": True}
    main(["check", "--config", str(config), "--select", "GL305", "--quiet", "--no-cache", page])
    assert seen == {"progress": False, "use_cache": False}
    capsys.readouterr()


@pytest.mark.parametrize(
    "doi, follow_up",
    [
        ("10.1371/journal.pone.0033693", True),
        # A comma would split Crossref's `updates:` filter value: such a DOI's notices are the
        # ones its work lists, and no follow-up is asked (nor reported unverified each run).
        ("10.1000/a,b", False),
    ],
)
def test_notices_are_asked_for_crossref_dois_the_filter_can_take(doi, follow_up):
    from genelint.rule import Answer
    from genelint.services.crossref import DoiRecord
    from genelint.testing import lint_text

    asked = []

    def provider(lookups):
        asked.extend(lookups)
        record = DoiRecord(doi, "A title", ("Smith",), "A journal", 2001, "crossref", ())
        return {
            lookup: Answer("found", record if lookup.kind == "doi" else ()) for lookup in lookups
        }

    text = (FIXTURES / "doi_unregistered.md").read_text().replace("10.1371/notarealdoi", doi)
    lint_text(text, select=["GL404", "GL010"], offline=False, answers_provider=provider)
    assert (Lookup("doi-updates", doi) in asked) is follow_up
    assert [lookup.kind for lookup in asked].count("doi") == 1
