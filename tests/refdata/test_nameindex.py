"""The name index behind GL405: what it holds, and its cache keyed by the reference data it was built from."""

import gzip
import os
import shutil
from pathlib import Path

import pytest

from genelint import cachefolder
from genelint.refdata import load_gene_table, nameindex
from genelint.refdata.build import SourceNote, build_from_files
from genelint.refdata.nameindex import load_name_index, name_forms, normal_words
from genelint.refdata.sources import RowBounds

DATA = Path(__file__).parent / "data"
SAMPLE_BOUNDS = RowBounds(100, 1_000)


def sample_table(folder: Path):
    out = folder / "genes.sqlite"
    build_from_files(
        DATA / "human_genes_sample.tsv.gz",
        DATA / "hgnc_genes_sample.tsv.gz",
        out,
        SourceNote("NCBI Gene", "2022-09-12"),
        SourceNote("HGNC", "2024-01-18"),
        ncbi_bounds=SAMPLE_BOUNDS,
        hgnc_bounds=SAMPLE_BOUNDS,
    )
    load_gene_table.cache_clear()
    return load_gene_table(str(out))


def test_symbols_aliases_and_full_names_of_the_bundled_data(bundled_table):
    index = bundled_table.name_index()
    assert index.names("ALAS2") == ((212, "symbol"),)
    assert (212, "alias") in index.names("XLSA")
    assert index.names("PD-L1") == ((29126, "alias"),)  # CD274, hyphen and all
    words = [w for w, _, _ in normal_words("Brain-derived neurotrophic factor and catalase")]
    assert index.phrase_matches(words) == [(0, 4, (627,)), (5, 6, (847,))]  # BDNF, CAT


def words(text):
    return [w for w, _, _ in normal_words(text)]


def test_words_are_normalised_alike_in_names_and_titles():
    assert words("TGF-β1 signalling in tumours") == ["tgf", "beta", "1", "signaling", "in", "tumor"]
    assert words("urotensin-II and factor VIII") == ["urotensin", "2", "and", "factor", "8"]
    # Greek letters glued on or written as one Latin letter, but never the article or a B cell
    assert words("PKCalpha, HIF-1a and b-catenin") == [
        "pkc",
        "alpha",
        "hif",
        "1",
        "alpha",
        "and",
        "beta",
        "catenin",
    ]
    assert words("a B-cell line") == ["a", "b", "cell", "line"]
    # a Greek letter glued to a roman numeral, as subunits' designators are written
    assert words("betaIV spectrin") == ["beta", "4", "spectrin"]
    # mu as the micro sign loses it, "u", before a number; not the capital of "U1 snRNA"
    assert words("opioid receptor u1") == ["opioid", "receptor", "mu", "1"]
    assert words("U1 snRNA") == ["u", "1", "snrna"]
    assert words("thymidylate synthetase") == words("thymidylate synthase")
    assert words("carbamylphosphate synthetase") == words("carbamoylphosphate synthase")
    # an organelle's adjective as its noun ("peroxisomal proliferator", "lysosome-associated")
    assert words("peroxisomal proliferator") == words("peroxisome proliferator")
    assert words("lysosome-associated") == words("lysosomal associated")


def test_full_names_give_the_forms_titles_use():
    assert name_forms("5'-aminolevulinate synthase 2") == {"5 aminolevulinate synthase 2"}
    assert "beta catenin" in name_forms("catenin beta 1")  # the Greek letter first
    assert "beta 3 integrin" in name_forms("integrin subunit beta 3")  # with its number
    # a receptor of two ligands with a slash between them is either ligand's receptor
    assert {"luteinizing hormone receptor", "choriogonadotropin receptor"} <= name_forms(
        "luteinizing hormone/choriogonadotropin receptor"
    )
    assert "c receptor" not in name_forms("c/EBP receptor")  # a letter is no ligand
    assert "thyroid hormone beta receptor" in name_forms("thyroid hormone receptor beta")
    assert "hypoxia inducible factor 1 alpha" in name_forms(
        "hypoxia inducible factor 1 subunit alpha"
    )
    assert "p 21 activated kinase 2" in name_forms("p21 (RAC1) activated kinase 2")
    assert name_forms("lipoprotein(a)") == {
        "lipoprotein a"
    }  # a closing parenthesis is part of the name
    # a full name's closing remark, which no title writes, is left out too; a designation's
    # may say it is a class's ("endocytic receptor (macrophage mannose receptor family)")
    without = nameindex.full_name_without_remark
    assert "prion protein" in without("prion protein (Kanno blood group)")
    assert "caspase 12" in without("caspase 12 (gene/pseudogene)")
    assert without("lipoprotein(a)") == set()


def test_protein_names_are_forms_of_prose_too():
    # a qualifier after the one comma goes first, as prose writes it; not a member's designator
    assert "inducible nitric oxide synthase" in name_forms("nitric oxide synthase, inducible")
    assert name_forms("dicer 1, ribonuclease III") == {"dicer 1 ribonuclease 3"}
    # a receptor's subtype before its ligand, as pharmacology writes it
    assert "h 3 histamine receptor" in name_forms("histamine H3 receptor")
    assert "d 2 dopamine receptor" in name_forms("dopamine receptor D2")
    assert "interleukin 1 type 2 receptor" in name_forms("interleukin 1 receptor type 2")
    assert name_forms("glucocorticoid receptor") == {"glucocorticoid receptor"}


def test_titles_spellings_read_as_the_names_spell_them():
    # roman numerals past XII, a word prefixed by co-, NCBI's metalloprotease
    assert words("collagen XVIII and factor XIII") == ["collagen", "18", "and", "factor", "13"]
    assert words("Na-Cl co-transporter") == words("Na-Cl cotransporter")
    assert words("matrix metalloproteinase 1") == words("matrix metalloprotease 1")
    assert words("noradrenaline carboxy-terminal") == words("norepinephrine carboxyl-terminal")


def test_names_without_what_titles_leave_out():
    # a class word after the designator, which titles drop; not when no designator is left
    assert {"fibrinogen gamma", "gamma fibrinogen"} <= name_forms("fibrinogen gamma chain")
    assert "disrupted in schizophrenia 1" in name_forms("disrupted in schizophrenia 1 protein")
    assert "c reactive" not in name_forms("C-reactive protein")
    assert "myelin p 0" in name_forms("myelin protein P0")  # "protein" before the designator
    # shorter wordings titles use: a kinase's member letter before "kinase", a precursor's
    # number without "precursor", a sex chromosome's copy glued to its number, one product of
    # two, a chemokine without "ligand", "programmed death" without "cell"
    assert "aurora b kinase" in name_forms("aurora kinase B")
    assert "casein 2 kinase" not in name_forms("casein kinase 2")  # a number stays after it
    assert "tachykinin 3" in name_forms("tachykinin precursor 3")
    assert "neuroligin 4 y" in name_forms("neuroligin 4 Y-linked")
    assert {"lamin a", "lamin c"} <= name_forms("lamin A/C")
    assert "c c motif chemokine 2" in name_forms("C-C motif chemokine ligand 2")
    assert {"programmed death 1 ligand 2", "programmed death ligand 2"} <= name_forms(
        "programmed cell death 1 ligand 2"
    )
    assert "5 hydroxytryptamine 1 a receptor" in name_forms("5-hydroxytryptamine receptor 1A")
    assert "glutathione s transferase t 1" in name_forms("glutathione S-transferase theta 1")
    # an HLA gene's nomenclature name as titles spell it, for a locus only: not MR1's "class
    # I-related" nor YBX1's "class II, Y box-binding protein I"
    assert "human leukocyte antigen b" in name_forms("major histocompatibility complex, class I, B")
    assert "human leukocyte antigen dr beta 1" in name_forms(
        "major histocompatibility complex, class II, DR beta 1"
    )
    assert not any(
        form.startswith("human leukocyte antigen")
        for name in (
            "major histocompatibility complex, class I-related",
            "major histocompatibility complex, class II, Y box-binding protein I",
        )
        for form in name_forms(name)
    )
    # an antigen receptor's locus by its chain
    assert "immunoglobulin heavy chain" in name_forms("immunoglobulin heavy locus")
    # a cytokine's acronym in the nomenclature's name spelled out, as older titles write it
    assert "tumor necrosis factor receptor associated factor 6" in name_forms(
        "TNF receptor associated factor 6"
    )
    # a numbered family's member without "family" and "member"; not a class's lettered one
    assert "udp glucuronosyltransferase 1 a 1" in name_forms(
        "UDP glucuronosyltransferase family 1 member A1"
    )
    assert "protein disulfide isomerase a 2" not in name_forms(
        "protein disulfide isomerase family A member 2"
    )
    # a receptor's subtype after the ligand, and a member's letter read as titles read it
    assert "serotonin 6 receptor" in name_forms("serotonin receptor 6")
    assert "signal transducer and activator of transcription 5 beta" in name_forms(
        "signal transducer and activator of transcription 5B"
    )
    # "homolog" and a leading "protein" dropped, for the caller to keep when no other gene's
    assert nameindex._without_homolog("protein crooked neck homolog") == ("crooked neck",)
    assert nameindex._without_homolog("glucocorticoid receptor") == ()
    assert nameindex._without_homolog("SHP1 homolog") == ()  # another species' symbol
    # a transporter without the ions it depends on
    assert nameindex._without_ion_dependence(
        "sodium- and chloride-dependent glycine transporter 1"
    ) == ("glycine transporter 1",)
    assert nameindex._without_ion_dependence("cyclin dependent kinase 2") == ()


def test_names_without_their_number_when_no_other_gene_has_the_stem(bundled_table):
    phrases = bundled_table.name_index().phrases
    assert phrases["serotonin transporter"] == 6532  # SLC6A4's "serotonin transporter 1"
    assert phrases["psoriasin"] == 6278  # S100A7's "psoriasin 1"
    # "epoxide hydrolase 1, microsomal"
    assert phrases[nameindex.phrase_of("microsomal epoxide hydrolase")] == 2052
    # a stem several genes number is their class's; so is a prefixed name of another protein
    assert "claudin" not in phrases and "antithrombin" not in phrases
    # a stem of words many genes' names use describes a class, whoever NCBI numbered it for
    assert "inflammatory cytokine" not in phrases and "mitochondrial fission" not in phrases
    # a size is no member's number; a stem before a subunit's Greek letter names the whole
    assert "endocytic receptor" not in phrases  # MRC2's "endocytic receptor 180"
    assert "large conductance calcium activated potassium channel" not in phrases
    # a receptor named after a ligand with its subtype ("bradykinin 1 receptor") is no member
    # of the ligand's class: "bradykinin" stays KNG1's
    assert phrases["bradykinin"] == 3827
    # a one-word name two paralogs number is the one's that had the symbol alone (TLN1 was TLN);
    # not a name of four ("tensin"), of several words, or one FamPlex gives as a family
    assert phrases["talin"] == 7094
    assert "tensin" not in phrases and "tryptophan hydroxylase" not in phrases
    assert "cofilin" not in phrases and "cofilin" in bundled_table.name_index().families
    # a one-word designation of one gene that its paralogs' numbered names go on from is that
    # first one's ("fascin" of FSCN1, with "fascin 2", "fascin 3"); not a class of other symbols
    assert phrases["fascin"] == 6624
    assert "alcohol dehydrogenase" in bundled_table.name_index().families


def test_family_descriptions_and_homologs(bundled_table):
    index = bundled_table.name_index()
    # what NCBI says a member's family does: a name of one gene with a rare word, else a class
    assert index.phrases["sodium iodide symporter"] == 6528  # SLC5A5
    assert "glutamate transporter" not in index.phrases  # SLC1A7's only, but SLC1A1-6 too
    assert index.phrases["crooked neck"] == 51340  # CRNKL1's "crooked neck homolog"
    # "angiotensin converting enzyme homolog" is ACE2, a paralog: ACE keeps the name
    assert index.phrases["angiotensin converting enzyme"] == 1636


def test_bundled_protein_names_are_names(bundled_table):
    index = bundled_table.name_index()
    phrases = index.phrases
    assert phrases["glucocorticoid receptor"] == 2908  # NR3C1, by NCBI's Other_designations
    # a designation without its closing remark, unless that starts other genes' names:
    # "sulfonylurea receptor (hyperinsulinemia)" of ABCC8, but ABCC9 is "sulfonylurea receptor 2"
    assert nameindex._without_remark("sulfonylurea receptor (hyperinsulinemia)") == (
        "sulfonylurea receptor",
    )
    assert "sulfonylurea receptor" not in phrases
    # a name that begins other genes' names is their class's: "alcohol dehydrogenase 1A", …
    assert "alcohol dehydrogenase" not in phrases
    assert phrases["lactoferrin"] == 4057  # LTF's "neutrophil lactoferrin", its head word
    assert "serotonin" not in phrases  # of "serotonin transporter": a word before the head
    # names of common words only are no one gene's, whoever NCBI gives them to
    assert "tumor suppressor" not in phrases and "complex 1" not in phrases
    # ... unless its initials and number spell one of the gene's own names: TCF7L2's "T-cell
    # factor 4" (alias TCF4); GP9's "glycoprotein IX" (alias GPIX, not G9) stays out
    assert phrases["t cell factor 4"] == 6934
    assert "glycoprotein 9" not in phrases
    # a name several genes share is a family: never a phrase, known with its genes
    assert "phosphopyruvate carboxylase" not in phrases
    assert index.families["phosphopyruvate carboxylase"] == (5105, 5106)  # PCK1, PCK2
    words = [w for w, _, _ in normal_words("Phosphopyruvate carboxylase in the liver")]
    assert index.family_matches(words) == [(0, 2, (5105, 5106))]


def test_a_rare_glued_code_makes_a_name_of_common_words_its_own(bundled_table):
    # "CD77 synthase" (A4GALT), "E48 antigen" (LY6D): "cd", "77", "synthase" and "antigen" are
    # each in hundreds of genes' names, the code "CD77" in one gene's only
    phrases = bundled_table.name_index().phrases
    assert phrases["cd 77 synthase"] == 53947
    assert phrases["e 48 antigen"] == 8581
    # a code alone is no name (NCBI's "p460"), nor a number apart from its word ("glycoprotein of
    # 88 kDa": "of 88" is no code)
    assert "p 460" not in phrases and "glycoprotein of 88 kda" not in phrases


def test_a_glued_code_of_many_genes_says_no_more_than_its_words():
    common = {"cd": 400, "synthase": 300}
    assert not nameindex._generic("cd 77 synthase", common, {"cd 77": 1})
    assert nameindex._generic("cd 77 synthase", common, {"cd 77": 9})


def test_a_member_named_without_family_member():
    assert (
        nameindex.without_family_member("T-cell immunoglobulin mucin family member 1")
        == "t cell immunoglobulin mucin 1"
    )
    assert nameindex.without_family_member("ras homolog family member A") == "ras homolog a"
    # a superfamily's member is no member of a protein so named ("TNF 10"), and a family named
    # without its member's designator is left whole
    assert nameindex.without_family_member("TNF superfamily member 10") == ""
    assert nameindex.without_family_member("BCL2 family member protein") == ""
    # an acronym's family is written as a symbol: "PEAK family member 3" is no "peak 3" of "the
    # peak 3 days after"
    assert nameindex.without_family_member("PEAK family member 3") == ""


def test_members_without_family_member_in_the_index(bundled_table):
    phrases = bundled_table.name_index().phrases
    assert phrases["t cell immunoglobulin mucin 1"] == 26762  # HAVCR1's designation
    assert phrases["kinesin 5 b"] == 3799  # KIF5B's full name
    # DSC1's designation "cadherin family member 1" does not take CDH1's full name
    assert phrases["cadherin 1"] == 999


def test_designations_that_name_no_protein_are_no_names(bundled_table):
    phrases = bundled_table.name_index().phrases
    # NCBI's short designations of what a protein does or is used for (BLNK's "B-cell
    # activation", COL18A1's "antiangiogenic agent"), a class among aliases (IL2's
    # "lymphokine") and the first of a list before a comma (RTRAF's "RNA transcription,
    # translation and transport factor") are no gene's names
    for phrase in ("b cell activation", "antiangiogenic agent", "lymphokine", "rna transcription"):
        assert phrase not in phrases
    assert phrases["endostatin"] == 80781  # COL18A1's protein name stays
    assert nameindex.comma_head("dicer 1, ribonuclease III") == "dicer 1"
    assert nameindex.comma_head("RNA transcription, translation and transport factor") == ""
    # a designation of one word as prose writes words, without a protein's ending: a fly
    # mutant's nickname (TSPAN33's "penumbra"), a drug (CSF3's "filgrastim"); and a full
    # name's comma head that is an adjective (ODAM's "odontogenic, ameloblast associated")
    for word in ("penumbra", "seahorse", "archipelago", "filgrastim", "odontogenic"):
        assert word not in phrases
    assert phrases["granulin"] == 2896  # GRN's "granulins": a protein's ending
    # a trait the gene was found by, which titles write of the trait (ABCB1's "doxorubicin
    # resistance", PHF11's "IgE responsiveness"); not a protein's name ending like one
    for phrase in ("doxorubicin resistance", "colchicin sensitivity", "ige responsiveness"):
        assert phrase not in phrases
    assert phrases["lipase hormone sensitive"] == 3991  # LIPE
    assert nameindex.comma_head("odontogenic, ameloblast associated") == ""


def test_forms_titles_write_that_the_names_do_not(bundled_table):
    index = bundled_table.name_index()
    phrases = index.phrases
    # a numeral with a Latin letter for a Greek one is both, in names and titles alike
    assert nameindex.phrase_of("glycoprotein IIb and factor VIIa") == (
        "glycoprotein 2 beta and factor 7 alpha"
    )
    assert phrases["phosphatidylinositol 4 kinase 2 beta"] == 55300  # "… type 2 beta", PI4K2B
    assert phrases["choline acetyltransferase"] == 1103  # "choline O-acetyltransferase", CHAT
    assert phrases["factor 7"] == 2155  # "coagulation factor VII", F7
    assert phrases["heme oxygenase 1"] == 3162  # HMOX1; titles write "haem oxygenase-1"
    assert nameindex.normal_word("haem") == "heme"
    assert phrases["cytochrome p 450 2 d 6"] == 1565  # NCBI's "cytochrome P450 2D6": designators
    assert phrases["e cadherin"] == 999  # "E-cadherin 1"; "E-cadherin binding protein E7" is not it
    # a designation without its closing remark when only its own names go on from it
    assert phrases["matrix metalloprotease 3"] == 4314  # "… 3 (stromelysin 1, progelatinase)"
    # a member's qualifier in parentheses put first in place of its number: FGF1's "fibroblast
    # growth factor 1 (acidic)", FGF2's "… 2 (basic)"; not a disease's locus (NPHP1's)
    assert phrases["acidic fibroblast growth factor"] == 2246
    assert phrases["basic fibroblast growth factor"] == 2247
    assert nameindex._numbered_qualifier_first("nephronophthisis 1 (juvenile)") == ""
    # an ABC transporter by its subfamily's letter and number (ABCG1), as titles name it
    assert phrases["atp binding cassette transporter g 1"] == 9619
    assert "atp binding cassette transporter" not in phrases
    # a metalloenzyme's metal in brackets put first by its name: SOD2's "superoxide dismutase
    # [Mn], mitochondrial"; no metal, no form ("superoxide dismutase" alone names three)
    assert phrases["manganese superoxide dismutase"] == 6648
    assert "superoxide dismutase" not in phrases
    # a ligand's acronym and "receptor" inside a longer name as the receptor's acronym (TRAF2's
    # "TNF receptor associated factor 2"); not a receptor's own name, which ends with "receptor"
    assert phrases["tnfr associated factor 2"] == 7186
    assert nameindex.name_forms("EGF receptor") == {
        "egf receptor",
        "epidermal growth factor receptor",  # the acronym spelled out, not shortened to EGFR
    }
    # a prohormone's designation names its hormone: NPPA's "atrial natriuretic factor
    # prohormone"; PPY's "pancreatic prohormone" leaves an adjective, no name
    assert phrases["atrial natriuretic factor"] == 4878
    assert "pancreatic" not in phrases and "pancreatic" not in index.families
    # aliases a title may write in lower case: a protein's, of no family or class
    assert index.lower_aliases["parkin"] == 5071
    for word in ("spatial", "homodimer", "syndecan", "lymphokine", "homeobox"):
        assert word not in index.lower_aliases


def test_receptors_by_ligand_and_famplex_families(bundled_table):
    index = bundled_table.name_index()
    # a ligand's receptors, and of one subtype; not proteins named after a receptor (AGTRAP)
    assert 185 in index.receptors["angiotensin 2"]  # AGTR1
    assert index.receptors["angiotensin 2|1"] == 185
    assert set(index.receptors["tumor necrosis factor|1"]) == {7132, 7133}  # TNFRSF1A, 1B
    # FamPlex's families and complexes with their members
    words = [w for w, _, _ in normal_words("NF-kappaB and RAS")]
    assert [(first, end) for first, end, _ in index.family_matches(words)] == [(0, 3), (4, 5)]
    assert set(index.families["ras"]) == {3265, 3845, 4893}  # HRAS, KRAS, NRAS
    # a ligand's family HGNC gives as one member's alias is that member's, no family; a complex
    # of several genes' chains ("IL-23": IL23A, IL12B) and a name two members have stay families
    assert "tgf beta" not in index.families and "vegf" not in index.families
    assert "ifn" in index.families  # sixteen type I interferons: "IFN" is their class
    assert "il 23" in index.families and "nf kappa b" in index.families


def test_protein_names_among_aliases_and_name_heads(bundled_table):
    phrases = bundled_table.name_index().phrases
    assert phrases["langerin"] == 50489 and phrases["adiponectin"] == 9370  # CD207, ADIPOQ
    assert phrases["dicer 1"] == 23405  # "dicer 1, ribonuclease III"
    assert "nuclear factor kappa b" not in phrases  # a family (NFKB1, NFKB2) is no gene's name
    # family words and heads that start other genes' names are no one gene's
    assert "helicase" not in phrases and "myosin" not in phrases and "protein kinase" not in phrases


def test_a_mutant_or_truncated_forms_name_is_the_proteins(bundled_table):
    phrases = bundled_table.name_index().phrases
    # NCBI names ALK only as "mutant anaplastic lymphoma kinase"; a description ending in
    # "protein" ("truncated DNA repair-associated protein" of BRCA2) is left alone
    assert phrases["anaplastic lymphoma kinase"] == 238
    assert "dna repair associated protein" not in phrases


def test_receptors_by_name_and_capital_letters_after_numbers(bundled_table):
    index = bundled_table.name_index()
    # SORL1 (sortilin related receptor 1) and MET (… receptor tyrosine kinase) are receptors by
    # name; EGF and TNFSF11 (receptor activator of nuclear factor kappa B ligand) are not
    assert {6653, 4233} <= index.receptor_genes
    assert 1950 not in index.receptor_genes and 8600 not in index.receptor_genes
    # "bone morphogenetic protein 8b" reads "8 beta"; title case writes "8B", read as the letter
    assert index.phrases["bone morphogenetic protein 8 b"] == 656


def test_aliases_that_abbreviate_their_genes_name(bundled_table):
    spelled = bundled_table.name_index().spelled_aliases
    # FMRP (FMR1: fragile X messenger ribonucleoprotein), VEGF (VEGFA), TWIST (TWIST1), PXR (NR1I2:
    # pregnane X receptor) abbreviate a name of their gene
    assert {"FMRP", "VEGF", "TWIST", "PXR"} <= spelled
    # LPS is IRF6's alias from lip pit syndrome, SERS one of SARS1's, TNM TENM1's: no name of theirs
    # spells them
    assert "LPS" not in spelled and "SERS" not in spelled and "TNM" not in spelled
    # an alias of several genes (CEA), a symbol (ALAS2) and a mixed-case alias (Akt) are not
    assert "CEA" not in spelled and "ALAS2" not in spelled and "Akt" not in spelled


def test_an_abbreviation_takes_word_starts_or_runs_of_letters():
    assert nameindex._abbreviates("pxr", "pregnane x receptor")
    assert nameindex._abbreviates("twist", "twist family bhlh transcription factor")
    assert nameindex._abbreviates("vipl", "vip36 like")  # a run, then a word's start
    assert not nameindex._abbreviates("tnm", "teneurin transmembrane protein")  # scattered
    assert not nameindex._abbreviates("lps", "interferon regulatory factor")


def test_built_once_then_read_from_the_cache(tmp_path, cache_dir, monkeypatch):
    table = sample_table(tmp_path)
    built = load_name_index(table)
    cached = list(cache_dir.glob("names-*.marshal"))
    assert len(cached) == 1
    monkeypatch.setattr(
        nameindex, "build_name_index", lambda table: pytest.fail("rebuilt though cached")
    )
    assert load_name_index(table) == built


def test_only_a_build_is_announced_and_by_the_command_not_here(tmp_path, monkeypatch, capsys):
    table = sample_table(tmp_path)
    builds = []
    monkeypatch.setattr(cachefolder, "_first_build", lambda: builds.append(table))
    assert not nameindex.is_built(table)
    load_name_index(table)
    assert builds == [table] and nameindex.is_built(table)
    load_name_index(table)  # read from the cache
    assert builds == [table]
    assert capsys.readouterr() == ("", "")


def test_new_reference_data_gets_a_new_index(tmp_path, cache_dir, monkeypatch):
    first = sample_table(tmp_path / "one")
    index = load_name_index(first)
    other_file = sample_table(tmp_path / "two")
    load_name_index(other_file)
    # `refdata update` replaces the index file: another build stamp, size or time, another
    # key. Each update gets its own index; of one file's, the newest and the two built before
    # it are kept, older ones removed; another file's are not touched.
    built = []
    monkeypatch.setattr(nameindex, "build_name_index", lambda table: built.append(table) or index)
    versions = [nameindex.cached_path(first).name]
    os.utime(cache_dir / versions[0], ns=(10**18,) * 2)
    for stamp in range(1, 4):
        updated = sample_table(tmp_path / "one")
        os.utime(updated.path, ns=(stamp, stamp))
        load_name_index(updated)
        versions.append(nameindex.cached_path(updated).name)
        os.utime(cache_dir / versions[-1], ns=(10**18 + stamp,) * 2)  # built in this order
    assert len(built) == 3 and len(set(versions)) == 4
    assert sorted(p.name for p in cache_dir.glob("names-*.marshal")) == sorted(
        [*versions[1:], nameindex.cached_path(other_file).name]
    )


def test_installs_of_one_genelint_share_the_index(tmp_path, cache_dir, monkeypatch):
    # Two installs of one version (a project's virtualenv, pre-commit's own) carry the same
    # bundled name files, written at different times: one index serves both.
    table = sample_table(tmp_path)
    key = nameindex.index_key(table)
    for bundled in ("PROTEIN_NAMES", "FAMILIES"):
        copy = tmp_path / "other-install" / getattr(nameindex, bundled).name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(getattr(nameindex, bundled).read_bytes())
        os.utime(copy, ns=(1, 1))
        monkeypatch.setattr(nameindex, bundled, copy)
    assert nameindex.index_key(table) == key
    # another content is another version
    copy.write_bytes(copy.read_bytes() + b"\n")
    assert nameindex.index_key(table) != key


def test_a_copy_unpacked_from_the_snapshot_is_keyed_by_its_name_not_its_time(tmp_path):
    # Two first runs sharing a new cache folder may each unpack the bundled snapshot to the one
    # file named by its digest: the same content at another time, the same name index.
    table = sample_table(tmp_path / "built")
    unpacked = tmp_path / "cache" / "genes-0123456789abcdef.sqlite"
    unpacked.parent.mkdir()
    shutil.copy2(table.path, unpacked)
    load_gene_table.cache_clear()
    copy = load_gene_table(str(unpacked))
    key = nameindex.index_key(copy)
    os.utime(unpacked, ns=(1, 1))
    assert nameindex.index_key(copy) == key
    # nor by its place: a CI cache folder restored under another path
    moved = tmp_path / "restored" / "elsewhere" / unpacked.name
    moved.parent.mkdir(parents=True)
    shutil.copy2(unpacked, moved)
    load_gene_table.cache_clear()
    assert nameindex.index_key(load_gene_table(str(moved))) == key
    # a file that `refdata update` writes in place keeps its time in the key
    key = nameindex.index_key(table)
    os.utime(table.path, ns=(1, 1))
    assert nameindex.index_key(table) != key


def test_an_index_reached_through_a_link_finds_the_name_index_of_the_file(
    tmp_path, cache_dir, monkeypatch
):
    # The name index is named by the file the reference index resolves to, whatever link leads
    # there: the test suite's seeded cache folders (tests/conftest.py) rely on it to share one
    # build of the session.
    table = sample_table(tmp_path / "built")
    built = load_name_index(table)
    link = tmp_path / "elsewhere" / "genes.sqlite"
    link.parent.mkdir()
    link.symlink_to(table.path)
    load_gene_table.cache_clear()
    linked = load_gene_table(str(link))
    monkeypatch.setattr(
        nameindex, "build_name_index", lambda table: pytest.fail("built again for the link")
    )
    assert load_name_index(linked) == built


def test_a_damaged_cache_file_is_rebuilt(tmp_path, cache_dir):
    table = sample_table(tmp_path)
    built = load_name_index(table)
    [cached] = cache_dir.glob("names-*.marshal")
    cached.write_bytes(b"\x00garbage")
    assert load_name_index(table) == built


def test_a_cache_that_cannot_be_written_only_costs_the_build(tmp_path, monkeypatch):
    table = sample_table(tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("GENELINT_CACHE_DIR", str(blocked))
    assert load_name_index(table).names("ALAS2") == ((212, "symbol"),)


def test_other_designations_of_the_official_files_are_names(tmp_path, cache_dir):
    """NCBI's Other_designations and HGNC's alias names become full-name phrases; the shared
    export layouts carry none, so the bundled data has only full names."""
    gene_info = (
        gzip.decompress((DATA / "Homo_sapiens.gene_info_sample.gz").read_bytes())
        .decode()
        .splitlines()
    )
    header = gene_info[0].split("\t")
    for n, line in enumerate(gene_info):
        cells = line.split("\t")
        if cells[2] == "TP53":
            cells[header.index("Other_designations")] = (
                "cellular tumor antigen p53|antigen NY-CO-13"
            )
        elif cells[2] == "BMX":
            cells[header.index("Other_designations")] = "epididymis secretory sperm binding protein"
        elif cells[2] == "TEC":
            cells[header.index("Other_designations")] = "epididymis secretory sperm binding protein"
        gene_info[n] = "\t".join(cells)
    hgnc = (DATA / "hgnc_complete_set_sample.txt").read_text().splitlines()
    columns = hgnc[0].split("\t")
    for n, line in enumerate(hgnc):
        cells = line.split("\t")
        if cells[1] == "ALAS2":
            cells[columns.index("alias_name")] = '"erythroid-specific ALAS"'
        hgnc[n] = "\t".join(cells)
    (tmp_path / "gene_info").write_text("\n".join(gene_info) + "\n")
    (tmp_path / "hgnc").write_text("\n".join(hgnc) + "\n")
    out = tmp_path / "genes.sqlite"
    build_from_files(
        tmp_path / "gene_info",
        tmp_path / "hgnc",
        out,
        ncbi_bounds=SAMPLE_BOUNDS,
        hgnc_bounds=SAMPLE_BOUNDS,
    )
    load_gene_table.cache_clear()
    index = load_name_index(load_gene_table(str(out)))
    phrases = index.phrases
    assert phrases["cellular tumor antigen p 53"] == 7157
    assert phrases["antigen ny co 13"] == 7157
    assert phrases["erythroid specific ala"] == 212  # "ALAS", its plural s dropped as every word's
    assert "epididymis secretory sperm binding protein" not in phrases  # two genes': no one's name
