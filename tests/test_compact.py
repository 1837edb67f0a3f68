"""What a run keeps of every page until its report, kept compact (genelint.compact)."""

import pickle
import random
import shutil
from pathlib import Path

import pytest

from genelint.cache import PackedFacts, facts_to_json, packed_facts, result_from_record
from genelint.compact import LookupTally, PagesFacts, lookup_hashes
from genelint.engine import FileResult
from genelint.rule import Lookup
from genelint.testing import make_linter

ROOT = Path(__file__).resolve().parent.parent
CORPUS_FIXTURES = ROOT / "tests" / "rules" / "fixtures" / "corpus"


def test_tally_counts_distinct_lookups():
    tally = LookupTally()
    tally.add([Lookup("doi", "10.1/a"), Lookup("rsid", "rs1"), Lookup("doi", "10.1/a")])
    tally.add([Lookup("rsid", "rs1"), Lookup("uniprot", "rs1"), Lookup("doi", "10.1/A")])
    tally.add([])
    assert tally.count() == 4  # the same key of another kind, or in another case, is another


def test_tally_counts_as_a_set_does_on_many_lookups():
    rng = random.Random(7)
    lookups = [
        Lookup(rng.choice(("doi", "rsid")), f"rs{rng.randrange(30_000)}") for _ in range(50_000)
    ]
    tally = LookupTally()
    for at in range(0, len(lookups), 8):
        tally.add(lookups[at : at + 8])
    assert tally.count() == len(set(lookups))


def test_tally_keeps_a_pages_repeated_lookups_once():
    tally = LookupTally()
    page = [Lookup("rsid", "rs1"), Lookup("doi", "10.1/a")] * 3  # each asked by three rules
    tally.add(page)
    tally.add(iter(page))
    assert tally.count() == 2
    assert sum(map(len, tally._buckets)) == 4  # once a page, not six times


def test_tally_counts_packed_hashes_as_the_lookups_they_stand_for():
    # (a worker forked from this process hashes alike: it sends these in place of its lookups)
    pages = [
        [Lookup("doi", "10.1/a"), Lookup("rsid", "rs1"), Lookup("doi", "10.1/a")],
        [],
        [Lookup("rsid", "rs1"), Lookup("uniprot", "rs1")],
    ]
    tally = LookupTally()
    tally.add(pages[0])
    for page in pages[1:]:
        tally.add_hashes(lookup_hashes(page))
    assert len(lookup_hashes(pages[0])) == 8 * 2 and lookup_hashes([]) == b""  # distinct
    assert tally.count() == 3


def test_tally_takes_keys_that_are_not_valid_unicode():
    tally = LookupTally()
    tally.add([Lookup("doi", "10.1/\udcff"), Lookup("doi", "10.1/\ud800"), Lookup("doi", "10.1/")])
    assert tally.count() == 3


def test_pages_facts_are_read_again_on_each_pass():
    facts = {"GL903": (("ALAS2", "ALAS2", "ALAS2", 2, 8, 2, 13, 11, 16),)}
    packed = result_from_record("a.md", _record(facts)).facts
    assert isinstance(packed, PackedFacts)
    results = [FileResult("a.md", facts=packed), FileResult("b.md", facts={"GL903": ()})]
    pages = PagesFacts(results, "GL903")
    first, second = list(pages), list(pages)
    assert first == second == [("a.md", facts["GL903"]), ("b.md", ())]
    assert len(pages) == 2 and pages[1] == ("b.md", ()) and pages[-1:] == [("b.md", ())]


def _record(facts: dict) -> str:
    import json

    packed = {code: json.dumps(value) for code, value in facts_to_json(facts).items()}
    return json.dumps([[], packed, 0, []])


def _pages_sharing_lookups(folder: Path) -> list[str]:
    """The corpus fixtures (pages citing the same DOIs and listing the same rsIDs), twice."""
    for copy in ("one", "two"):
        shutil.copytree(CORPUS_FIXTURES, folder / copy)
    return sorted(str(path) for path in folder.rglob("*.md"))


def test_offline_runs_count_each_distinct_lookup_once(tmp_path):
    paths = _pages_sharing_lookups(tmp_path)
    linter = make_linter()
    listed = [lookup for path in paths for lookup in linter.check_path(path).lookups]
    assert len(set(listed)) < len(listed)  # the pages do share lookups
    for jobs in (1, 2):
        run = make_linter().run(paths, jobs=jobs)
        assert run.lookups_skipped == len(set(listed))
        # only counted: no page's result keeps its lookups for the rest of the run
        assert not any(result.lookups for result in run.files)
    shard = make_linter().run(paths, jobs=2, shard=True)
    assert shard.lookups_skipped == len(set(listed))
    assert {lookup for result in shard.files for lookup in result.lookups} == set(listed)


def test_results_kept_until_the_report_are_packed(tmp_path):
    """Pages checked in this process (--jobs 1, and this process's share of --jobs 2) are
    kept as those from a worker's record: facts packed, no empty suppressions of their own."""
    from genelint.cache import NO_SUPPRESSIONS

    paths = _pages_sharing_lookups(tmp_path)
    (tmp_path / "suppressing.md").write_text(
        Path(paths[0]).read_text() + "\n<!-- genelint-disable-file GL903 -->\n"
    )
    paths.append(str(tmp_path / "suppressing.md"))
    for jobs in (1, 2):
        run = make_linter().run(paths, jobs=jobs)
        assert all(isinstance(result.facts, PackedFacts) for result in run.files)
        plain = [result for result in run.files if result.path != paths[-1]]
        assert all(result.suppressions is NO_SUPPRESSIONS for result in plain)
        assert run.files[-1].suppressions.directives[0].used
        assert all(result.digest == "" for result in run.files)  # no result cache: not kept


def test_packed_facts_read_back_as_they_were():
    facts = {
        "GL901": (("10.1/x", "Title", 3, 7), ("10.1/y", "Ünïcode \udcff", -1, 0)),
        "GL902": ("rs1", None, True, 1.5),
        "GL903": {"symbol": ("ALAS2",), "lines": [1, 2], "nested": {"empty": ()}},
    }
    packed = packed_facts(facts)
    assert isinstance(packed, PackedFacts)
    assert dict(packed) == facts
    assert type(packed["GL901"][0]) is tuple and type(packed["GL903"]["lines"]) is list
    assert packed_facts(packed) is packed  # packed once
    with pytest.raises(KeyError):
        packed["GL904"]
    assert "GL904" not in packed and list(packed) == ["GL901", "GL902", "GL903"]


def test_a_pages_packed_facts_are_one_bytes_object_and_the_codes_are_shared():
    one = packed_facts({"GL901": (), "GL903": (("ALAS2", 1),)})
    two = pickle.loads(pickle.dumps(packed_facts({"GL901": (("10.1/x",),), "GL903": ()})))
    assert one._codes is two._codes  # one tuple of codes for every page, a worker's too
    assert type(one._packed) is bytes
    assert (one["GL903"], two["GL901"], two["GL903"]) == ((("ALAS2", 1),), (("10.1/x",),), ())


def test_facts_with_an_object_of_their_own_class_stay_as_they_are():
    class Place(tuple):
        pass

    facts = {"GL903": (Place(("ALAS2", 1)),)}
    assert packed_facts(facts) is facts
