"""FamPlex's families and complexes: built from its CSV files, read back."""

import lzma

from genelint.refdata.families import FAMILIES, build, family_members, read_families


def famplex(folder):
    (folder / "relations.csv").write_text(
        "HGNC,HRAS,isa,FPLX,RAS\n"
        "HGNC,KRAS,isa,FPLX,RAS\n"
        "HGNC,MTOR,partof,FPLX,mTORC1\n"
        "HGNC,RPTOR,partof,FPLX,mTORC1\n"
        "FPLX,RAS,isa,FPLX,Small_GTPase\n"
        "UP,P12345,isa,FPLX,Viral\n"
    )
    (folder / "grounding_map.csv").write_text(
        "Ras,FPLX,RAS,,,,\n"
        "mTORC1,FPLX,mTORC1,,,,\n"
        "TORC1,FPLX,mTORC1,,,,\n"
        "p53,HGNC,11998,,,,\n"
        "viral thing,FPLX,Viral,,,,\n"
    )
    return folder


def test_members_are_followed_down_through_families_of_families(tmp_path):
    members = family_members(famplex(tmp_path) / "relations.csv")
    assert members["Small_GTPase"] == {"HRAS", "KRAS"}
    assert members["mTORC1"] == {"MTOR", "RPTOR"}
    assert members["Viral"] == set()  # no human gene: no family to name


def test_built_and_read_back(tmp_path):
    out = tmp_path / "families.tsv.xz"
    build(famplex(tmp_path), out)
    assert read_families(out) == [
        ("RAS", ("HRAS", "KRAS")),  # the family's own ID, spaces for underscores
        ("Ras", ("HRAS", "KRAS")),
        ("Small GTPase", ("HRAS", "KRAS")),
        ("TORC1", ("MTOR", "RPTOR")),
        ("mTORC1", ("MTOR", "RPTOR")),
    ]
    again = tmp_path / "again.tsv.xz"
    build(tmp_path, again)
    assert again.read_bytes() == out.read_bytes()


def test_an_unreadable_table_gives_no_families(tmp_path):
    assert read_families(tmp_path / "absent.tsv.xz") == []
    other = tmp_path / "other.tsv.xz"
    other.write_bytes(lzma.compress(b"a\tb\n"))
    assert read_families(other) == []


def test_the_bundled_table():
    named = dict(read_families(FAMILIES))
    assert set(named["NF-kappaB"]) == {"NFKB1", "NFKB2", "REL", "RELA", "RELB"}
    assert set(named["14-3-3 proteins"]) >= {"YWHAB", "YWHAE", "SFN"}
