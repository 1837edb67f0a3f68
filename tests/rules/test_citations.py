"""GL4xx: the situations of GL401, GL406 and GL407 are their rule cases (tests/rules/cases/);
here GL401's fix and DOI reader;
GL402-GL404 in whole runs against the loopback fake of the registries (tests/conftest.py);
GL405 against the reference data."""

from pathlib import Path

import pytest

from genelint.cli import main
from genelint.fixer import apply_fixes
from genelint.rule import Lookup
from genelint.rules._titles import first_surname, journals_match, title_similarity
from genelint.rules.citations import check_doi
from genelint.testing import lint_file, positions

FIXTURES = Path(__file__).parent / "fixtures" / "citations"
EXAMPLES = Path(__file__).parents[2] / "examples"


def lint(name: str, select=("GL401", "GL406", "GL407"), config=None):
    return lint_file(FIXTURES / name, select=list(select), config=config)


def test_malformed_doi_has_no_fix():
    for name in (
        "doi_short_registrant.md",
        "doi_space_inside.md",
        "doi_empty_suffix.md",
        "doi_prefix_and_malformed.md",
    ):
        assert [f.fix for f in lint(name, select=["GL401"])] == [None]


@pytest.mark.parametrize("fixture", ["doi_url_prefix.md", "doi_prefixes.md"])
def test_doi_fix_is_safe_and_writes_the_bare_doi(fixture):
    raw = (FIXTURES / fixture).read_bytes()
    findings = lint(fixture, select=["GL401"])
    assert all(f.fix.applicability == "safe" for f in findings)
    fixed, applied = apply_fixes(raw, [f.fix for f in findings])
    assert len(applied) == len(findings)
    expected = (
        raw.replace(b"https://doi.org/10.3109/10428199209057385.", b"10.3109/10428199209057385")
        .replace(b"doi:10.3109/10428199209057385", b"10.3109/10428199209057385")
        .replace(
            b"http://dx.doi.org/10.1111/j.1399-0004.2010.01411.x;",
            b"10.1111/j.1399-0004.2010.01411.x",
        )
    )
    assert fixed == expected


def test_required_fields_are_configurable():
    config = {"rules": {"citation-incomplete": {"required": ["title", "doi"]}}}
    assert positions(
        lint("citation_missing_journal_and_doi.md", select=["GL406"], config=config)
    ) == [(14, 1, "GL406")]
    assert [
        f.message
        for f in lint("citation_missing_journal_and_doi.md", select=["GL406"], config=config)
    ] == ["citation has no DOI"]
    assert lint("citation_missing_author.md", select=["GL406"], config=config) == []


@pytest.mark.parametrize(
    "written, bare",
    [
        ("doi:10.1234/abc", "10.1234/abc"),
        ("DOI: 10.1234/abc", "10.1234/abc"),
        ("https://doi.org/10.1234/abc", "10.1234/abc"),
        ("http://dx.doi.org/10.1234/abc.", "10.1234/abc"),
        ("10.1234/abc),", "10.1234/abc"),
        ("10.1002/(SICI)1097-4636(199812)", "10.1002/(SICI)1097-4636(199812)"),
    ],
)
def test_check_doi_strips_only_wrappers(written, bare):
    result = check_doi(written)
    assert (result.doi, result.problem) == (bare, None)


def test_required_fields_from_a_config_file(tmp_path, capsys):
    from genelint.cli import main

    (tmp_path / "genelint.toml").write_text(
        'select = ["GL406"]\n[rules.citation-incomplete]\nrequired = ["title"]\n'
    )
    page = tmp_path / "page.md"
    page.write_bytes((FIXTURES / "citation_missing_journal_and_doi.md").read_bytes())
    assert main(["check", str(page)]) == 0
    assert "No problems" in capsys.readouterr().out


# --- GL402-GL404 against the registries: one page per situation ------------------------------


@pytest.mark.parametrize(
    "page, expected",
    [
        ("citations_matching_registry.md", []),
        ("citation_other_title.md", [(15, 12, "GL403")]),
        ("citation_other_author_and_journal.md", [(14, 11, "GL403"), (16, 14, "GL403")]),
        # near misses of the registry's title; a subtitle Crossref keeps apart is none
        ("citation_title_typo.md", [(15, 12, "GL403")]),
        ("citation_title_missing_word.md", [(15, 12, "GL403")]),
        ("citation_title_punctuation_only.md", [(20, 12, "GL403")]),
        ("citation_title_case_of_a_symbol.md", [(15, 12, "GL403")]),
        ("citation_title_with_subtitle.md", []),
        (
            "citation_title_other_number.md",
            [(15, 12, "GL403")],
        ),  # ALAS3 for ALAS2: maybe another paper
        ("doi_unregistered.md", [(17, 10, "GL402")]),
        ("doi_registered_elsewhere.md", []),
        ("citation_retracted.md", [(17, 10, "GL404")]),
        ("citation_expression_of_concern.md", [(17, 10, "GL404")]),
        ("citation_retracted_by_notice_only.md", [(17, 10, "GL404")]),
    ],
)
def test_registry_rules_on_fixture_pages(check_online, page, expected):
    code, report = check_online(page)
    assert (check_online.positions(report), code) == (expected, check_online.exit_code(report))


@pytest.mark.parametrize(
    "page, expected",
    [
        (
            "citation_other_title.md",
            "title differs from the registry's for 10.1371/journal.pone.0033693 (similarity 0.24 < 0.85): "
            "page 'Familial XLMR with deletions involving the amino terminus of the 2.4 kb isoform of the UPF3B gene.', "
            "registry 'Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice'",
        ),
        (
            "doi_unregistered.md",
            "doi.org: 10.1371/notarealdoi is not registered (Crossref and the handle system)",
        ),
        (
            "citation_retracted.md",
            "DOI 10.1371/journal.pone.0099999 was retracted on 2014-03-05 (notice 10.1371/journal.pone.0111111, source retraction-watch)",
        ),
        (
            "citation_retracted_by_notice_only.md",
            "DOI 10.1371/journal.pone.0077777 was retracted on 2016-07-01 (notice 10.1371/journal.pone.0177777, source publisher)",
        ),
    ],
)
def test_registry_messages_name_the_value_and_what_the_registry_says(check_online, page, expected):
    _, report = check_online(page)
    assert check_online.messages(report) == [expected]


def test_failed_notice_search_is_unverified_and_the_work_still_checked(check_online, fake):
    fake.faults = {"updates": "500"}
    _, report = check_online("citation_retracted.md", "citation_retracted_by_notice_only.md")
    assert [
        (f["path"].rsplit("/", 1)[1], f["line"], f["code"], f["message"])
        for f in report["findings"]
    ] == [
        (
            "citation_retracted.md",
            17,
            "GL010",
            "could not verify the retraction notices of DOI 10.1371/journal.pone.0099999: crossref: HTTP 500",
        ),
        # the work's own `updated-by` still speaks ...
        (
            "citation_retracted.md",
            17,
            "GL404",
            "DOI 10.1371/journal.pone.0099999 was retracted on 2014-03-05 "
            "(notice 10.1371/journal.pone.0111111, source retraction-watch)",
        ),
        # ... and where only the notice search could tell, the page is not called clean silently
        (
            "citation_retracted_by_notice_only.md",
            17,
            "GL010",
            "could not verify the retraction notices of DOI 10.1371/journal.pone.0077777: crossref: HTTP 500",
        ),
    ]


def test_author_and_journal_mismatch_messages(check_online):
    _, report = check_online("citation_other_author_and_journal.md")
    assert check_online.messages(report) == [
        "first author 'Cazzola' is not the registry's first author 'Sadasivan' for 10.1371/journal.pone.0033693",
        "journal 'Blood' is not the registry's 'PLoS ONE' for 10.1371/journal.pone.0033693",
    ]


MDA = "Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice"

UCB = (
    "Human umbilical cord blood-derived mesenchymal stem cells improve neuropathology and cognitive impairment in "
    "an Alzheimer's disease mouse model through modulation of neuroinflammation"
)


@pytest.mark.parametrize(
    "page, severity, doi, written, registered",
    [
        (
            "citation_title_typo.md",
            "warning",
            "10.1371/journal.pone.0033693",
            MDA.lower().capitalize().replace("activation", "activaton") + ".",
            MDA + ".",
        ),
        (
            "citation_title_missing_word.md",
            "warning",
            "10.1371/journal.pone.0033693",
            MDA.lower().capitalize().replace("dopamine ", "") + ".",
            MDA + ".",
        ),
        (
            "citation_title_punctuation_only.md",
            "info",
            "10.1016/j.neurobiolaging.2010.03.024",
            UCB.replace("blood-derived", "blood derived") + ".",
            UCB + ".",
        ),
        (
            "citation_title_case_of_a_symbol.md",
            "info",
            "10.1371/journal.pone.0066666",
            "Heme synthesis by Alas2 in erythroid cells: a model.",
            "Heme synthesis by ALAS2 in erythroid cells: a model.",
        ),
    ],
)
def test_near_miss_title_fix_writes_crossrefs_title_and_settles(
    check_online, tmp_path, capsys, page, severity, doi, written, registered
):
    raw = (FIXTURES / page).read_bytes()
    assert raw.count(f"  - Title: {written}\n".encode()) == 1
    _, report = check_online(page)
    [finding] = report["findings"]
    [edit] = finding["fix"]["edits"]
    assert (finding["severity"], finding["fix"]["applicability"], edit["content"]) == (
        severity,
        "unsafe",
        registered,
    )
    assert (
        finding["fix"]["description"]
        == f"write the title Crossref registers for {doi}: '{registered}'"
    )
    target = tmp_path / page
    target.write_bytes(raw)
    config = check_online.config()
    fix = ["check", "--config", str(config), "--select", "GL403", "--unsafe-fixes"]
    assert main([*fix, "--diff", str(target)]) == 1
    assert f"\n-  - Title: {written}\n+  - Title: {registered}\n" in capsys.readouterr().out
    assert target.read_bytes() == raw
    assert main([*fix, "--fix", str(target)]) == 0
    capsys.readouterr()
    assert target.read_bytes() == raw.replace(written.encode(), registered.encode())
    assert main([*fix, "--fix", str(target)]) == 0
    assert target.read_bytes() == raw.replace(written.encode(), registered.encode())
    assert "GL403" not in capsys.readouterr().out


@pytest.mark.parametrize("page", ["citation_other_title.md", "citation_title_other_number.md"])
def test_another_papers_title_gets_no_fix(check_online, page):
    _, report = check_online(page)
    assert [(f["code"], f["fix"]) for f in report["findings"]] == [("GL403", None)]


def test_a_close_title_with_another_number_may_be_another_paper(check_online):
    _, report = check_online("citation_title_other_number.md")
    assert check_online.messages(report) == [
        "title is close to the registry's for 10.1371/journal.pone.0066666 (similarity 0.98) but differs in its "
        "numbers: the DOI or the title may be another paper's: page 'Heme synthesis by ALAS3 in erythroid cells: "
        "a model.', registry 'Heme synthesis by ALAS2 in erythroid cells: a model'"
    ]


@pytest.mark.parametrize(
    "page, registry, changed, numbers",
    [
        ("Heme synthesis in erythroid cells.", "Heme synthesis in erythroid cells", 0, False),
        (
            "Heme synthsis in cells.",
            "Heme synthesis in erythroid cells",
            2,
            False,
        ),  # a typo and a missing word
        (
            "Anti-oxidant effects of atorvastatin in rats",
            "Antioxidant effects of bovine lactoferrin on rats",
            5,
            False,
        ),
        (
            "DNA sequence and analysis of human chromosome 8.",
            "The DNA sequence and analysis of human chromosome 6",
            2,
            True,
        ),
        ("Heme synthesis, part II", "Heme synthesis, part I", 1, True),
        ("Heme synthesis by <i>ALAS2</i>", "Heme synthesis by ALAS2", 0, False),
    ],
)
def test_words_changed_and_numbers(page, registry, changed, numbers):
    from genelint.rules._titles import numbers_differ, words_changed

    assert (words_changed(page, registry), numbers_differ(page, registry)) == (changed, numbers)


@pytest.mark.parametrize(
    "page, registry, same",
    [
        (
            "Methylphenidate exposure induces dopamine neuron loss.",
            "Methylphenidate Exposure Induces Dopamine Neuron Loss",
            True,
        ),
        (
            "Alzheimer’s disease in “mice” – a model",
            'Alzheimer\'s disease in "mice" - a model',
            True,
        ),
        (
            "FAMILIAL OCCURRENCE OF MYELODYSPLASTIC SYNDROMES",
            "Familial occurrence of myelodysplastic syndromes",
            False,
        ),
        (
            "Familial occurrence of myelodysplastic syndromes",
            "FAMILIAL OCCURRENCE OF MYELODYSPLASTIC SYNDROMES",
            True,
        ),
        ("Mutations in the alas2 gene", "Mutations in the ALAS2 gene", False),
        ("dna repair", "DNA repair", False),
        ("Heme synthesis in erythroid cells", "Heme synthesis in erythroid cells?", False),
    ],
)
def test_same_title_allows_case_style_quotes_and_a_final_full_stop(page, registry, same):
    from genelint.rules._titles import same_title

    assert same_title(page, registry) is same


def test_plain_title_resolves_face_markup_and_refuses_what_markdown_would_read():
    from genelint.rules._titles import adds_subtitle, plain_title

    assert (
        plain_title("Heme synthesis by <i>ALAS2</i> in H<sub>2</sub>O &amp; blood ")
        == "Heme synthesis by ALAS2 in H2O & blood"
    )
    assert plain_title("A <mml:math><mml:mi>x</mml:mi></mml:math> model") is None
    assert plain_title("The *ALAS2* gene") is None
    assert plain_title("Role of [3H]thymidine") is None
    assert adds_subtitle(
        "Heme synthesis in erythroid cells: a model.", "Heme Synthesis in Erythroid Cells"
    )
    assert not adds_subtitle(
        "Heme synthesis in erythroid cells and a model.", "Heme Synthesis in Erythroid Cells"
    )


def test_expression_of_concern_is_a_warning(check_online):
    _, report = check_online("citation_expression_of_concern.md")
    assert [(f["severity"], f["message"]) for f in report["findings"]] == [
        (
            "warning",
            "DOI 10.1371/journal.pone.0088888 was the subject of an expression of concern on 2014-03-05 "
            "(notice 10.1371/journal.pone.0122222, source retraction-watch)",
        )
    ]


def test_citation_mismatch_thresholds_are_configurable(check_online):
    rules = "[rules.citation-mismatch]\ntitle-threshold = 0.2\ncheck-author = false\njournal-threshold = 0.1\n"
    _, report = check_online(
        "citation_other_title.md",
        "citation_other_author_and_journal.md",
        rules=rules,
    )
    assert check_online.positions(report) == []


@pytest.mark.parametrize(
    "written, key",
    [
        ("https://doi.org/10.1371/journal.pone.0033693.", "10.1371/journal.pone.0033693"),
        ("doi: 10.1371/journal.pone.0033693", "10.1371/journal.pone.0033693"),
        ("10.310/10428199209057385", None),  # malformed: GL401's, not asked
    ],
)
def test_doi_wrappers_are_removed_and_malformed_dois_not_asked(page_lookups, written, key):
    text = (FIXTURES / "doi_unregistered.md").read_text().replace("10.1371/notarealdoi", written)
    assert [lookup.key for lookup, *_ in page_lookups(text)] == ([key] if key else [])


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


# --- GL405 paper-gene-mismatch, against the reference data ------------------------------------


@pytest.mark.parametrize(
    "fixture, expected",
    [
        # GL405: only the UPF3B paper of two.
        ("paper_about_other_gene.md", [(36, 12, "GL405")]),
        ("paper_names_gene_by_alias.md", []),
        ("paper_names_gene_by_full_name.md", []),
        ("paper_names_no_gene.md", []),
        ("paper_english_words_and_markers.md", []),
        # Another gene by its full name or protein name, by a hyphenated alias, by a suspended hyphen.
        ("paper_names_other_gene_by_full_name.md", [(31, 12, "GL405")]),
        ("paper_names_other_gene_hyphenated.md", [(31, 12, "GL405")]),
        # A trial, a regimen and a mouse strain named like genes; a title that names this gene
        # (by its name without the designator) beside another gene.
        ("paper_acronyms_and_own_name.md", []),
        # Another gene by a protein name of the bundled protein names, by a symbol or name with
        # a Greek letter, by a receptor named subtype first; an acronym spelled out after it and
        # protein names made only of common words name no gene.
        ("paper_names_other_gene_by_protein_name.md", [(31, 12, "GL405")]),
        ("paper_names_other_gene_with_greek_letters.md", [(31, 12, "GL405")]),
        ("paper_names_receptor_by_subtype.md", [(31, 12, "GL405")]),
        ("paper_acronym_spelled_out_after.md", []),
        ("paper_generic_protein_words.md", []),
    ],
)
def test_paper_gene_mismatch(fixture, expected):
    assert positions(lint(fixture, select=["GL405"])) == expected


def test_paper_gene_mismatch_names_the_genes_the_title_names():
    [finding] = lint("paper_about_other_gene.md", select=["GL405"])
    assert "names UPF3B but never ALAS2" in finding.message


def test_other_genes_are_named_in_the_message():
    text = gl405_message("paper_names_other_gene_by_full_name.md")[0]
    assert "brain-derived neurotrophic factor (BDNF)" in text and "catalase (CAT)" in text
    assert "PD-L1 (CD274), ROS1, ALK" in gl405_message("paper_names_other_gene_hyphenated.md")[0]
    assert gl405_message("paper_names_other_gene_by_protein_name.md")[0].startswith(
        "the paper's title names Glucocorticoid receptor (NR3C1), thyrotropin receptor (TSHR) "
    )
    assert gl405_message("paper_names_other_gene_with_greek_letters.md")[0].startswith(
        "the paper's title names β2-adrenergic receptor (ADRB2), PPARγ (PPARG) "
    )
    assert gl405_message("paper_names_receptor_by_subtype.md")[0].startswith(
        "the paper's title names H3 histamine receptor (HRH3), D2 dopamine receptor (DRD2) "
    )


def gl405_message(fixture: str) -> tuple[str]:
    (finding,) = lint(fixture, select=["GL405"])
    return (finding.message,)


@pytest.mark.parametrize(
    "page, title, flagged",
    [
        (
            "EGFR",
            "EGF receptor signalling in keratinocytes.",
            "",
        ),  # the receptor is the page's gene
        ("EGF", "EGF receptor signalling in keratinocytes.", ""),  # and names the ligand too
        ("HBB", "EGF receptor signalling in keratinocytes.", "EGF receptor (EGFR)"),
        ("CAT", "Catalase deficiency in mice.", ""),  # the page's gene by its full name
        ("CD274", "PD-L1 blockade in melanoma.", ""),  # by an alias with a hyphen
        ("ADIPOQ", "Adiponectin and leptin in obesity.", ""),  # by a protein name among its aliases
        ("DNAJC5", "The cysteine-string protein Cspalpha and synaptotagmin 9.", ""),  # CSP + alpha
        ("LEP", "Adiponectin and leptin in obesity.", ""),  # by its full name
        ("HBB", "Adiponectin and leptin in obesity.", "Adiponectin (ADIPOQ), leptin (LEP)"),
        # Protein names from the bundled table: the page's own, and another gene's.
        ("TSHR", "Thyrotropin receptor antibodies in Graves disease.", ""),
        ("KLK3", "Prostate-specific antigen and androgen receptor repeats.", ""),
        ("HBB", "Antioxidant effects of bovine lactoferrin.", "lactoferrin (LTF)"),
        (
            "HBB",
            "The promoter of inducible nitric oxide synthase.",
            "inducible nitric oxide synthase (NOS2)",
        ),
        # A name written loosely: a modifier left out ("… dystrophy associated protein kinase"),
        # words in another order ("delta(24)-sterol reductase").
        ("DMPK", "Myotonic dystrophy protein kinase in muscle cells.", ""),
        (
            "HBB",
            "Myotonic dystrophy protein kinase in muscle cells.",
            "Myotonic dystrophy protein kinase (DMPK)",
        ),
        ("DHCR24", "Inhibition of sterol delta24-reductase by phytosterols.", ""),
        (
            "HBB",
            "Inhibition of sterol delta24-reductase by phytosterols.",
            "sterol delta24-reductase (DHCR24)",
        ),
        # A member named by its number after another's, the rest understood: the page's gene
        # in "collagens I and II".
        ("COL2A1", "Self-aggregation of fibrillar collagens I and II.", ""),
        ("COL3A1", "Hydroxylation of lysine in collagen types I and III.", ""),
        ("HBB", "MMP-2 and -9 expression in tumours.", "MMP-2 (MMP2), -9 (MMP9)"),
        # A name several genes share (PCK1 and PCK2) shows the page's gene may be meant, and
        # is no other gene's for sure.
        ("PCK2", "Phosphopyruvate carboxylase and insulin in the liver.", ""),
        ("HBB", "Phosphopyruvate carboxylase and insulin in the liver.", "insulin (INS)"),
        # A description before a symbol is the symbol's: not ITGA2's "collagen receptor".
        ("HBB", "Inhibition of the collagen receptor DDR1.", "DDR1"),
        # Greek letters written as letters after a dash; cytochromes written P450.
        ("HBB", "HIF-1α and TNFα in hypoxia.", "HIF-1α (HIF1A), TNFα (TNF)"),
        ("HBB", "Cytochrome P4501A1 gene variants.", "P4501A1 (CYP1A1)"),
        ("CYP1A1", "Cytochrome P4501A1 gene variants.", ""),
        # The page's gene as titles write gene names: a Greek letter as its Latin letter, no
        # dash, another case, in a cell marker, after "c-" or "rh".
        ("TNF", "TNFa drives pulmonary hypertension.", ""),
        ("TFAP4", "AP4 is a mediator of metastasis.", ""),
        ("RHOA", "Deletion of RhoA in progesterone receptor-expressing cells.", ""),
        (
            "HBB",
            "Deletion of RhoA in progesterone receptor-expressing cells.",
            "RhoA (RHOA)",  # a deletion of it says gene; cells named by a marker name none
        ),
        ("CD4", "Long-lived CD4+IFN-g+ T cells initiate IL-10 production.", ""),
        ("MYB", "Studies of the human c-myb gene.", ""),
        ("BMP2", "RhBMP-2 activates Hippo signalling through RASSF1.", ""),
        ("TWIST1", "Twist 1 regulates PPARg in preadipocytes.", ""),
        ("HBB", "Twist 1 regulates PPARg in preadipocytes.", "PPARg (PPARG)"),
        # A receptor written with its ligand's name is the receptor of the subtype given,
        # before or after the ligand; of no subtype, one of several, which never counts as
        # another gene.
        ("AGTR1", "Cloning of a human angiotensin II type 1 receptor.", ""),
        (
            "HBB",
            "Cloning of a human angiotensin II type 1 receptor.",
            "angiotensin II type 1 receptor (AGTR1)",
        ),
        ("TNFRSF1A", "Binding of the type 1 tumor necrosis factor receptor.", ""),
        (
            "HBB",
            "Binding of the type 1 tumor necrosis factor receptor.",
            "type 1 tumor necrosis factor receptor (TNFRSF1A)",
        ),
        ("HBB", "Binding of the tumor necrosis factor receptor.", ""),
        # A family's short name written as an English word, or as a member with its number,
        # is not the family the page's gene is in: "or" is no olfactory receptor, "can" no
        # calcineurin, "HER2" ERBB2 on ESR1's page; "Calcineurin" and "OR genes" are.
        ("OR1D2", "BRCA1 or BRCA2 mutation carriers.", "BRCA1, BRCA2"),
        ("PPP3CA", "BRCA1 mutations can cause breast cancer.", "BRCA1"),
        ("ESR1", "Amplification of the HER-2/neu oncogene.", "HER-2 (ERBB2)"),
        ("PPP3CA", "Calcineurin and BRCA1 signalling.", ""),
        ("OR1D2", "Olfactory receptor OR genes and BRCA1.", ""),
        # A protein named after another ("-related", "-like") is not that one; nor a family.
        ("HBB", "Cells overexpressing parathyroid hormone-related peptide.", ""),
        ("BAX", "The Bcl-2 family in apoptosis.", ""),
        # FamPlex's families and complexes show the page's gene may be meant, never another's.
        ("KRAS", "RAS/PIK3CA/BRAF mutations in colorectal cancer.", ""),
        ("HBB", "RAS/PIK3CA/BRAF mutations in colorectal cancer.", "PIK3CA, BRAF"),
        ("RELA", "NF-kappa B and IL-6 in breast cancer.", ""),
        # microRNAs, star alleles, a lower-case letter before capitals, a Greek letter as a
        # Latin one before a number, an acronym with a number spelled out.
        ("HBB", "miR-155 in lymphoma.", "miR-155 (MIR155)"),
        # a microRNA's number after a space; a name two paralogs share is the first's
        ("HBB", "MicroRNA 29b functions in leukemia.", "MicroRNA 29b (MIR29B1)"),
        ("MIR29B1", "MicroRNA 29b functions in leukemia and KIT.", ""),
        ("HBB", "MicroRNA in 29 patients with KIT mutations.", "KIT"),
        ("HBB", "The ALDH2*2 allele and alcoholism.", "ALDH2"),
        ("HBB", "mTOR signalling in kidney injury.", "mTOR (MTOR)"),
        ("HBB", "Progression via integrin b2.", "integrin b2 (ITGB2)"),
        ("HBB", "Human growth hormone (GH1) gene polymorphisms.", "GH1"),
        # A family written as one gene's alias is no other gene's; the page's gene may be meant.
        ("HBB", "AP-1 and NF-kappaB expression in T cells.", ""),
        # ... but a ligand's family HGNC gives as one member's alias is that member's
        ("HBB", "TGFbeta signaling and AP-1 in cancer.", "TGFbeta (TGFB1)"),
        ("TGFB1", "TGFbeta signaling and KIT in cancer.", ""),
        ("RELA", "Inhibition of NF-kappaB-regulated promoters in macrophages.", ""),
        ("HBB", "GATA-binding proteins and IL-4 in eosinophils.", "IL-4 (IL4)"),
        # A ligand's receptor written with a hyphen; a lower-case alias on its own gene's page.
        ("HBB", "EGF-receptor signalling in skin.", "EGF-receptor (EGFR)"),
        # a receptor of two ligands, written with one of them
        ("LHCGR", "Inactivation of luteinizing hormone receptor and KIT in testis.", ""),
        ("PRKN", "A deletion in the parkin gene.", ""),
        ("HBB", "A deletion in the parkin gene.", "parkin (PRKN)"),
        # Titles naming no gene: a fly mutant's nickname among NCBI's designations, an acronym
        # defined as something else, cell lines named like genes.
        ("ALAS2", "Perfusion imaging of the ischaemic penumbra.", ""),
        ("ALAS2", "One-step construction of recombination-ready plasmids (OSCAR).", ""),
        ("ALAS2", "HIV-1 expression in THP-1 monocytes and MT-2 lines.", ""),
        ("ALAS2", "HR mutations in hairless mice.", "HR"),
        ("ALAS2", "GPI-anchored proteins and CFP fusions in polarised cells.", ""),
        # A full name without its closing remark; a protein's name two paralogs number, for the
        # one that had the symbol alone (TLN1 was TLN), while a name of four stays a class.
        (
            "HBB",
            "Pathological prion protein and caspase-12.",
            "prion protein (PRNP), caspase-12 (CASP12)",
        ),
        ("TLN1", "Talin dissociates from RIAM and binds vinculin.", ""),
        # RIAM (APBB1IP: Rap1-GTP-interacting adaptor molecule) abbreviates its gene's name and
        # stands in a title on proteins ("binds")
        (
            "HBB",
            "Talin dissociates from RIAM and binds vinculin.",
            "Talin (TLN1), RIAM (APBB1IP), vinculin (VCL)",
        ),
        ("TLN2", "Tensin and vinculin at focal adhesions.", "vinculin (VCL)"),
        ("FSCN1", "Fascin promotes filopodia independently of vinculin.", ""),
        ("HBB", "Fascin promotes filopodia formation.", "Fascin (FSCN1)"),
        # A receptor's type before "receptor", as titles write it, names that type's gene.
        ("IL1R2", "The interleukin-1 type II receptor and CD14 in sepsis.", ""),
        (
            "HBB",
            "The interleukin-1 type II receptor and CD14 in sepsis.",
            "interleukin-1 type II receptor (IL1R2), CD14",
        ),
        # An organelle's adjective for the noun a name uses.
        (
            "HBB",
            "Peroxisomal proliferator activated receptor-gamma deficiency in a kindred.",
            "Peroxisomal proliferator activated receptor-gamma (PPARG)",
        ),
        # A subunit's Greek letter and number before its protein, as integrins are written.
        ("ITGB1", "Talin binds the beta1-integrin tail.", ""),
        ("HBB", "Talin binds the beta1-integrin tail.", "Talin (TLN1), beta1-integrin (ITGB1)"),
        # An antigen receptor's locus named by its chain names the page's gene
        ("IGH", "Estrogen receptors bind the immunoglobulin heavy chain locus.", ""),
        # A family's letters and a member's letter written apart name the page's gene
        ("HNRNPK", "hnRNP K is a target of HDM2.", ""),
        ("HNRNPH1", "Analyses of hnRNP H1 and c-Myc.", ""),
        ("HBB", "hnRNP Kx and HDM2.", "HDM2 (MDM2)"),
        # A peptide cut from the page gene's product names the page's gene, not another
        ("KNG1", "Bradykinin activates protein kinase C epsilon in neurons.", ""),
        (
            "HBB",
            "Bradykinin activates protein kinase C epsilon in neurons.",
            "protein kinase C epsilon (PRKCE)",
        ),
        # an enzyme's numbered isoforms, each its own gene
        (
            "HBB",
            "Isocitrate dehydrogenase isoforms 1 and 2 in glioma.",
            "Isocitrate dehydrogenase isoforms 1 (IDH1), 2 (IDH2)",
        ),
    ],
)
def test_paper_mismatch_by_page_gene(page, title, flagged):
    from genelint.refdata import load_gene_table
    from genelint.rules.citations import paper_mismatch

    table = load_gene_table()
    assert paper_mismatch(title, table.by_symbol(page)[0], table) == flagged


def test_reference_page_cites_a_paper_about_another_gene():
    assert positions(lint_file(EXAMPLES / "ALAS2.md", select=["GL405"])) == [
        (72, 12, "GL405"),  # the UPF3B paper; the MDS paper names no gene
    ]


@pytest.mark.parametrize(
    "page, title",
    [
        # a ligand's symbol written with a dash before "receptor" names the receptor, the page's
        ("PDGFRB", "PDGF-B receptor signalling in pericytes."),
        ("FLT4", "The VEGF-C receptor in lymphangiogenesis."),
    ],
)
def test_paper_mismatch_dashed_ligand_receptor(page, title):
    from genelint.refdata import load_gene_table
    from genelint.rules.citations import paper_mismatch

    table = load_gene_table()
    assert paper_mismatch(title, table.by_symbol(page)[0], table) == ""
