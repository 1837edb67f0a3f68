"""The gene-mention detector behind GL405, on titles that trip naive matching."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genelint.genementions import _Spelling, names_gene, other_gene_mentions, tokens
from genelint.refdata import load_gene_table


@pytest.fixture(scope="module")
def lookup():
    return load_gene_table().name_index()


def named(title, lookup):
    return [m.text for m in other_gene_mentions(title, lookup)]


@pytest.mark.parametrize(
    "title, expected",
    [
        # English-word and abbreviation-like symbols count only exactly as the symbol.
        ("A set of cats was impacted by what we saw.", []),
        ("The SET oncoprotein binds CAT.", ["SET", "CAT"]),
        ("IMPACT regulates GCN2 in neurons.", ["IMPACT", "GCN2"]),
        ("Met signalling in T cells.", []),
        # Cell markers and one-letter names are not genes; CD, MS and AML are abbreviations.
        ("CD4+ T cells and CD8+CD28- subsets in MS and AML.", []),
        ("T-cell receptor signalling in CD patients.", []),
        # No gene at all.
        ("Familial occurrence of myelodysplastic syndromes: report of four families.", []),
        # Letters-only aliases (XLMR is a DLG3 alias, also X-linked mental retardation) do not count.
        ("Familial XLMR with deletions involving the 2.4 kb isoform of the UPF3B gene.", ["UPF3B"]),
        # Mouse-style case for names with a digit, aliases with a digit, compounds and possessives.
        ("Upf3b-deficient mice and p53's role.", ["Upf3b", "p53"]),
        ("HLA-A2-restricted responses to BRCA1/BRCA2 peptides.", ["BRCA1", "BRCA2"]),
        # Alleles on a hyphenated symbol; a capital and digits (HLA antigen A23) is no alias; a syndrome.
        ("Control of HIV by HLA-A*7401 and HLA-B*5703.", ["HLA-A", "HLA-B"]),
        ("Human leukocyte antigens A23 and A24 are ligands for KIR3DL1.", ["KIR3DL1"]),
        ("Confirmation of the origin of NISCH syndrome.", []),
        # An all-capitals title: only names with a digit are sure.
        ("MUTATIONS OF THE BRCA1 GENE AND THE SET OF CANCER RISKS", ["BRCA1"]),
        # Full names and protein names, in one pass over the title's words.
        (
            "Serum brain-derived neurotrophic factor and catalase in depression.",
            ["brain-derived neurotrophic factor", "catalase"],
        ),
        ("Beta-catenin signalling in colorectal tumours.", ["Beta-catenin"]),
        # A hyphenated name is read whole; a suspended hyphen keeps its name; a marker does not.
        ("PD-L1 expression in melanoma.", ["PD-L1"]),
        ("ROS1- and ALK-rearranged lung cancer.", ["ROS1", "ALK"]),
        ("Loss of CD28- T cells.", []),
        # A species letter before a symbol.
        ("The hPER2 gene and diurnal preference.", ["hPER2"]),
        # Aliases of letters only count beside a word that says gene, in capitals.
        ("PUMA expression after DNA damage.", ["PUMA"]),
        ("A PUMA in the Andes.", []),
        ("CHOP mutations and ER stress.", ["CHOP"]),
        # Trials, regimens and strains named like genes.
        ("Mortality in the CAST trial.", []),
        ("R-CHOP chemotherapy for lymphoma.", []),
        ("Diabetes in NOD mice.", []),
        # A method named like a gene; a complex is no gene written with a species letter.
        ("Phosphopeptides in a refined SCX-based approach.", []),
        ("mTORC1 signalling in ageing.", []),
        # Names glued to a Greek letter, protein names among aliases.
        (
            "Protein kinase Calpha and Langerin in Langerhans cells.",
            ["Protein kinase Calpha", "Langerin"],
        ),
        # A Greek letter glued on a symbol, as the symbol's product.
        ("TNFalpha and HIF1alpha in hypoxia.", ["TNFalpha", "HIF1alpha"]),
        ("Alpha and beta cells.", []),
        # A dash between letters and number; a cell marker is no gene.
        ("IL-6 and Bcl-2 in sepsis.", ["IL-6", "Bcl-2"]),
        ("Memory CD8+ T cells after infection.", []),
        # An acronym the title spells out is that phrase's, not a gene's.
        ("Results of the Cardiac Arrhythmia Suppression Trial (CAST).", []),
        # A deletion allele written onto its symbol; an ORF written in capitals; "H" for human.
        ("CCR5delta32 and HIV-1 progression.", ["CCR5delta32"]),
        ("C10ORF97 in lung cancer.", ["C10ORF97"]),
        ("The repair gene HMSH2 in breast cancer.", ["HMSH2"]),
        # A number before a unit or a slash is a measure or an allele pair, not a member's number.
        ("A dihydrofolate reductase 19-base pair deletion.", ["dihydrofolate reductase"]),
        ("The angiotensin-converting enzyme I/D polymorphism.", ["angiotensin-converting enzyme"]),
        ("Steroid receptor coactivator-2 in breast cancer.", []),
        # A Greek letter after a space names the letter's gene; a subunit before its protein.
        ("CD3 gamma in T cell signalling.", ["CD3 gamma"]),
        ("HIF-1 alpha in hypoxic tumours.", ["HIF-1 alpha"]),
        (
            "The beta-subunit of the human electron-transfer flavoprotein.",
            ["beta-subunit of the human electron-transfer flavoprotein"],
        ),
        (
            "The catalytic subunit of DNA polymerase epsilon.",
            ["catalytic subunit of DNA polymerase epsilon"],
        ),
        ("Folding by a subunit of the CCT complex.", []),  # the article, no subunit A
        # A variant after an alias of letters says gene; a mixed-case alias beside a word for one.
        ("TNFA -308G>A and asthma.", ["TNFA"]),
        ("TNFA and asthma.", []),
        ("A new nucleolar protein, Nrap, conserved from yeast to humans.", ["Nrap"]),
        ("Bcl-G, a novel pro-apoptotic protein.", ["Bcl-G"]),
        # An allele inside a token; a knockout in a title that capitalises its words.
        ("HLA-A*1101-restricted T cells in HIV-1 infection.", ["HLA-A"]),
        ("Lesions In Aged ApoE-/- Mice Fed A Western Diet.", ["ApoE"]),
        ("Btk Inhibition Restores Responses In Aged Mice.", []),
        # A Greek letter and a number is a designator; a name with "-binding" names another
        # protein; "(s)" is a plural; a short English word opening a title is no cased name.
        ("The I alpha1 germ-line promoter and beta-2 receptor density.", []),
        ("GATA-binding proteins in eosinophils.", []),
        ("The octamer-binding protein(s) in B cells.", []),
        ("Fast protein motions in enzymes.", []),
        # as is one opening the part after a colon; a longer name there, or such a word within
        # the title beside a word for a gene, is still read
        ("GeneMANIA: Fast gene network construction.", []),
        ("Bone mass: Osterix mutation in mice.", ["Osterix"]),
        ("Screens for Btk inhibition in B cells.", ["Btk"]),
        ("Parkin mutations in early-onset parkinsonism.", ["Parkin"]),
        # What was done to a gene, joined by a hyphen, says gene, even before "mice" and for a
        # name of letters only; so does a kind of protein right before an alias, and a splice
        # variant after one.
        ("Atherosclerosis in ApoE-deficient mice fed a Western diet.", ["ApoE"]),
        ("VEGF-targeted therapy in renal cancer.", ["VEGF"]),
        ("The transcriptional regulator CBP in interphase nuclei.", ["CBP"]),
        ("CBP in interphase nuclei.", []),
        ("A novel TrkA splice variant in neuroblastoma.", ["TrkA"]),
        # A protein by its mass before its symbol in lower case.
        ("The kinase p50csk in T cells.", ["p50csk"]),
        ("Raised p60c-src activity in colon cancer.", ["p60c-src"]),
        # Members by their number alone after a name, the rest of it understood; a number before
        # a plural noun is a count.
        ("Self-aggregation of fibrillar collagens I and II.", ["collagens I", "II"]),
        ("MMP-2 and -9 expression in tumours.", ["MMP-2", "-9"]),
        ("TLR3, 7 and 9 signalling in B cells.", ["TLR3", "7", "9"]),
        ("CDK4/6 inhibitors in breast cancer.", ["CDK4", "6"]),
        ("IL-6 and 8 patients were studied.", ["IL-6"]),
        # a symbol's letters in the plural before a list of members' numbers
        ("Shuttling of Smads 2, 3, and 4 in the nucleus.", ["Smads 2", "3", "4"]),
        ("TLRs 2 and 4 in sepsis.", ["TLRs 2", "4"]),
        # an isozyme by its name's part before the comma and its letter; an approved symbol
        # after its enzyme spelled out in words the names lack; a proto-oncoprotein says gene
        ("The human aldolase B gene.", ["aldolase B"]),
        # an isozyme by its tissue or its tissue's letter put first, as NCBI's names put it after
        ("Human liver-type pyruvate kinase: cDNA cloning.", ["liver-type pyruvate kinase"]),
        ("Cardiac troponin I after surgery.", ["Cardiac troponin I"]),
        ("B-type natriuretic peptide in heart failure.", ["B-type natriuretic peptide"]),
        # a peptide cut from a precursor named otherwise is a peptide, not the precursor's gene;
        # a receptor named after it is the receptor, and the precursor by its own name the gene
        ("Angiotensin II activates NF-kappaB in monocytes.", []),
        ("Substance P and beta-endorphin release; ACTH secretion.", []),
        ("Angiotensin II type 1a receptor in renal injury.", ["Angiotensin II type 1a receptor"]),
        ("Angiotensinogen gene variants in hypertension.", ["Angiotensinogen"]),
        # letters read as a numeral's member letter never make a name of part of a word
        ("Platelet glycoprotein IIb/IIIa antagonists in angina.", []),
        ("Myosin VIIa in the inner ear.", ["Myosin VIIa"]),
        ("The I1-imidazoline receptor in the brainstem.", ["1-imidazoline receptor"]),
        # the plural of a receptor named after its ligand is its molecules; of a protein
        # described by what it goes with, a class
        ("Phosphorylation of androgen receptors at serine 515.", ["androgen receptors"]),
        ("Metastasis-associated proteins in cancer.", []),
        # an older word for a name's word; a gene's repeat is the gene's
        ("Binding of mutant apoprotein E.", ["apoprotein E"]),
        ("Heme oxygenase-1 repeat polymorphism in sepsis.", ["Heme oxygenase-1"]),
        # a cell line before a tumour's name in any case; a mobile element and bases by a
        # gene's alias's name
        ("Resveratrol in C6 Glioma Cells.", []),
        ("Tel-1 transposon-like elements of Tetrahymena.", []),
        ("Telomeric C4A2 repeats of ciliates.", []),
        ("GC-biased evolution near accelerated regions.", []),
        ("C4A2 deficiency in lupus.", ["C4A2"]),
        # a protein's own name after the comma of its gene's full name, and its receptor
        ("Role of thrombin in angiogenesis.", ["thrombin"]),
        ("Thrombin receptor expression in arteries.", ["Thrombin receptor"]),
        ("Separase and securin in anaphase.", ["Separase", "securin"]),
        ("An endonuclease of the cell.", []),
        # a ligand family's name spelled out, as its short name, names the member it is an
        # alias of
        (
            "Transforming growth factor-beta in immune tolerance.",
            ["Transforming growth factor-beta"],
        ),
        ("Gonadotropin-releasing hormone pulses.", []),
        # a kinase's abbreviation before "kinase"; a blood group, a chromosome and cell lines
        # listed after "cell lines", named like genes; c-kit with a capital
        ("A product similar to PI-3 kinase.", []),
        ("ABO blood-group system in pancreatic cancer.", []),
        ("A novel Ph1 chromosome positive cell line.", []),
        ("The cancer cell lines DLD-1, HCT-15, and HCT-8 share a patient.", []),
        ("C-kit inhibition by imatinib.", ["C-kit"]),
        ("ABO gene polymorphism and thrombosis.", ["ABO"]),
        # a gene named for its disease before "gene", read through a name the disease begins
        ("The ataxia-telangiectasia gene product.", ["ataxia-telangiectasia"]),
        ("The cystic fibrosis gene in 1989.", ["cystic fibrosis"]),
        ("Cystic fibrosis patients in Europe.", []),
        # a tumour class or people named by a marker's status name no gene, as a cell population
        # by its marker does not; a gene's fusion or mutation does; a CD count; a society's
        # guideline series; tools named like genes
        ("Crizotinib in ALK-positive lung cancer.", []),
        ("Variants and estrogen-receptor-negative breast cancer.", []),
        ("Selpercatinib in RET-fusion-positive lung cancer.", ["RET"]),
        ("ALK rearrangements in lung cancer.", ["ALK"]),
        ("CD4 count and viral load in Uganda.", []),
        ("ACR Appropriateness Criteria for brain metastases.", []),
        ("STAR: ultrafast universal RNA-seq aligner.", []),
        ("The GEM mapper: fast alignment by filtration.", []),
        ("Characterization of beta-amyloid peptide from CSF.", []),
        ("The HNK-1 carbohydrate epitope.", []),
        # a ribosomal RNA by its sedimentation coefficient is a bacterium's unless the title
        # says mitochondrial; a cell line before a cancer's name; a peptide cut from FNDC5;
        # words for classes of enzymes and proteins
        ("Validation of 16S rRNA gene sequencing in a bioreactor.", []),
        ("Mitochondrial 16S rRNA mutations in deafness.", ["16S"]),
        ("Soy isoflavones on MCF-7 and MDA-MB-231 Breast Cancer Cells.", []),
        ("Circulating irisin and body composition.", []),
        ("Met-enkephalin release in the striatum.", []),
        # a process's sign is no marker's status; a gene's testing guidelines are the gene's; a
        # gene's symbol before a cancer's cells is no cell line; a kinase's own symbol before
        # "kinase" whose abbreviation with K is another gene's alias
        ("SOCS3 negative feedback on JAK signalling in breast cancer cells.", ["SOCS3"]),
        ("KRAS testing guidelines for colorectal cancer.", ["KRAS"]),
        ("BRCA1 breast cancer cells are sensitive to olaparib.", ["BRCA1"]),
        ("TEC kinase in T cells.", ["TEC"]),
        ("A group II intron and its reverse transcriptase.", []),
        ("A 62,000 molecular weight spliceosome protein.", []),
        # a class NCBI gives one gene as a name
        ("Hormone receptor-positive breast cancer in young women.", []),
        ("A cell-surface antigen of transformed cells.", []),
        ("Growth hormone receptor deficiency.", ["Growth hormone receptor"]),
        (
            "Deletion of the anti-müllerian type II receptor gene.",
            ["anti-müllerian type II receptor"],
        ),
        # a trait built on an enzyme's name; a domain named after a protein
        ("Two lactase-persistence alleles in Africa.", []),
        ("Lactase gene expression in the gut.", ["Lactase"]),
        ("Hydroxylation of epidermal growth factor domains in mice.", []),
        ("Epidermal growth factor signalling in mice.", ["Epidermal growth factor"]),
        ("The gene for human glucose phosphate isomerase (GPI).", ["GPI"]),
        ("SnoN and Ski protooncoproteins are degraded.", ["Ski"]),
        # Names as titles also write them: "anti" joined, the protein's name NCBI puts in a
        # remark, a proteoglycan's, a protein's name without "protein" before it.
        ("Two automated antimullerian hormone assays.", ["antimullerian hormone"]),
        ("Osteonectin transcripts in fibroblasts.", ["Osteonectin"]),
        ("Cell signaling events modulated by perlecan.", ["perlecan"]),
        ("Brick1 regulates the actin cytoskeleton.", ["Brick1"]),
        # A designation inside a family's longer name is not read alone: "hormone receptor" of
        # NR4A1 inside "thyroid hormone receptor" (THRA, THRB).
        ("Retinoid X receptor and thyroid hormone receptor in erythroid cells.", []),
        # A family's member by its Greek letter written as a Latin one, as titles lose it.
        ("Thyroid hormone receptor a mutation in mice.", ["Thyroid hormone receptor a"]),
        # A channel's name with its "v" in either case; a microsatellite allele of MICA.
        ("Selective inhibition of NaV1.8 for acute pain.", ["NaV1.8"]),
        ("MICA*A5.1 and abscess formation.", ["MICA"]),
        # Drugs named by their one target name it, in the singular or the plural, by an alias
        # with a number or a full name (the criterion: "ACE inhibitor"); a class's word does not.
        ("The COX-2 inhibitor NS398 in mice.", ["COX-2"]),
        ("Risks of COX-2 inhibitors and other NSAIDs.", ["COX-2"]),
        (
            "Selective cyclooxygenase-2 (COX-2) inhibitors in arthritis.",
            ["cyclooxygenase-2", "COX-2"],
        ),
        ("Proton pump inhibitors and fractures.", []),
        ("Cyclooxygenase-2 (COX-2) expression in colon cancer.", ["Cyclooxygenase-2", "COX-2"]),
        # The same by a full name; NCBI's name of an inhibitor protein ("calpain inhibitor") names
        # no gene here.
        ("The glycine transporter-1 inhibitor in schizophrenia.", ["glycine transporter-1"]),
        (
            "The angiotensin-converting enzyme inhibitor in hypertension.",
            ["angiotensin-converting enzyme"],
        ),
        ("Calpain inhibitor in stroke.", []),
        # "type" before a member's number; not across a comma.
        (
            "Plasminogen activator inhibitor type 1 levels in obesity.",
            ["Plasminogen activator inhibitor type 1"],
        ),
        ("The sulfonylurea receptor, type 2 diabetes and heart disease.", []),
        # A numeral with its Greek letter as a Latin one; a locant left out; "haem"; a factor
        # without "coagulation"; a cytochrome by its designators.
        (
            "Phosphatidylinositol 4-kinase IIb in invadopodia.",
            ["Phosphatidylinositol 4-kinase IIb"],
        ),
        ("Binding to platelet glycoprotein Ibalpha.", ["platelet glycoprotein Ibalpha"]),
        ("Choline acetyltransferase in the hippocampus.", ["Choline acetyltransferase"]),
        ("Haem oxygenase-1 in sepsis.", ["Haem oxygenase-1"]),
        ("Factor VII levels and thrombosis.", ["Factor VII"]),
        ("Cytochrome P450 2D6 genotypes in Caucasians.", ["Cytochrome P450 2D6"]),
        ("E-cadherin loss in gastric cancer.", ["E-cadherin"]),
        # An apposition that says protein; an alias in lower case before a word for a gene;
        # the rat sarcoma viruses' letters.
        ("Prk, a cytokine-inducible human protein serine/threonine kinase.", ["Prk"]),
        ("A deletion in the parkin gene.", ["parkin"]),
        # What befalls a gene says gene beside an alias of letters; nothing beside it does not.
        ("A microduplication of CBP in a patient.", ["CBP"]),
        ("CBP in a patient.", []),
        ("Parkin levels and parkin in the brain.", []),
        ("K-ras and Ha-ras mutations in tumours.", ["K-ras", "Ha-ras"]),
        # A tumour's name given as a designation; letters of no Latin word in a parenthesis.
        ("Papillary renal cell carcinomas in children.", []),
        ("Outcome of TBI (total body \u00d7 irradiation) in mice.", []),
        # A chromosome arm's band is no protein named by its mass; a residue glued to a
        # position is no roman numeral ("APC I1307K" is not "APC1", a name of TNF).
        ("Mapping to human chromosome region 2p13-p16.", []),
        ("A familial translocation t(5;11)(q13.1;p13) in aniridia.", []),
        ("Loss of p16 and p53 in tumours.", ["p16", "p53"]),
        # A band named as such (p15, an alias of CDKN2B).
        ("The TSG101 gene is located in chromosome 11 band p15.", ["TSG101"]),
        ("Loss of p15 and p16 in tumours.", ["p15", "p16"]),
        ("Cancer risk of the APC I1307K polymorphism.", ["APC"]),
        # NCBI's designations that are a drug class or an adjective name no gene.
        ("Calcineurin-inhibitor induced pain syndrome.", []),
        ("A calpain inhibitor protects neurons.", []),
        ("Familial neurohypophyseal diabetes insipidus.", []),
        # NCBI's designations of one ordinary word, without a protein's ending, name no gene:
        # a fly mutant's nickname (TSPAN33's "penumbra", DNAAF11's "seahorse"), a place.
        ("Perfusion imaging of the ischaemic penumbra in stroke.", []),
        ("Respiration measured with a Seahorse analyser.", []),
        ("Frogs of the Zhoushan Archipelago.", []),
        ("Granulin mutations in dementia.", ["Granulin"]),
        # An acronym whose letters the words before it hold in order is defined by them, as
        # abbreviation finders read it; not when a word for a gene is beside it, nor when the
        # words name a protein the index lacks.
        ("One-step construction of Agrobacterium-recombination-ready plasmids (OSCAR).", []),
        ("OSCAR in osteoclasts.", ["OSCAR"]),
        ("Structure of the congenital chloride diarrhea (CLD) gene.", ["CLD"]),
        ("Secreted protein acidic and rich in cysteine (SPARC) in colitis.", ["SPARC"]),
        # ... nor when the word for a gene is the definition's own last word, what befalls genes
        # (RIP is an alias of RIPK1), unless one follows the acronym.
        ("Repeat-induced point mutation (RIP) in filamentous fungi.", []),
        ("Repeat-induced point mutation (RIP) gene in fungi.", ["RIP"]),
        # An acronym spelled out as a disease, then a word for a gene: the gene named after it.
        ("Deletions in the Duchenne muscular dystrophy (DMD) gene.", ["DMD"]),
        ("Cardiac care in Duchenne muscular dystrophy (DMD) in adults.", []),
        # A protein name of common words whose initials spell its gene's alias (TCF4 of TCF7L2).
        ("Upregulation of T-cell factor-4 target genes.", ["T-cell factor-4"]),
        # "associated with", "binding to" say what the protein named before does; "-related
        # peptide" names another protein.
        ("The beta1-adrenergic receptor associated with survival.", ["beta1-adrenergic receptor"]),
        ("Parathyroid hormone-related peptide in bone.", []),
        (
            "Crystal structure of human acidic fibroblast growth factor.",
            ["acidic fibroblast growth factor"],
        ),
        # A mouse's letter before an approved symbol with a number; "mTORC1" is no TORC1 (CRTC1).
        ("Phosphorylation of mCRY1 in the liver.", ["mCRY1"]),
        ("mTORC1 signalling in muscle.", []),
        # A gene named by its disease before "gene" or after "gene for", as its names write it
        # ("retinoblastoma 1", "Norrie disease protein"); not the disease, a locus mapped before
        # its gene, nor a class of proteins before "gene" ("transactivator protein" of CREB1).
        ("Homology of the human retinoblastoma gene to L1 repeats.", ["retinoblastoma"]),
        ("Localisation of the gene for Norrie disease on Xp.", ["Norrie disease"]),
        ("Growth of retinoblastoma in children.", []),
        ("A transcript map of the hereditary hemochromatosis locus.", []),
        ("Cloning of the viral transactivator gene.", []),
        # A symbol joined to "-related", "-positive" before a disease's word modifies it: the gene.
        ("Genetic counseling for CFTR-related disorders.", ["CFTR"]),
        ("Counseling for CFTR disorders.", []),
        # A translocation befalls a gene, as a rearrangement does ("IgH", IGH in mixed case).
        ("Rarity of IgH translocations in lymphoma.", ["IgH"]),
        ("Rarity of IgH in lymphoma.", []),
        # An approved symbol written with a space before its number; not a disease so written.
        ("The nucleoprotein IFI 16 in monocytes.", ["IFI 16"]),
        ("MEN 1 syndrome in a family.", []),
        # A member's number after the name's acronym in parentheses is the name's; an acronym
        # spelled out as something else keeps no number ("… Trial (CAST) 2").
        (
            "Expression of plasminogen activator inhibitor (PAI)-1 in mice.",
            ["plasminogen activator inhibitor (PAI)-1"],
        ),
        ("Serum interleukin (IL)-6 in sepsis.", ["interleukin (IL)-6"]),
        ("Cardiac Arrhythmia Suppression Trial (CAST)-2 results.", []),
        ("Screening identifies opioid receptor u1 as a regulator.", ["opioid receptor u1"]),
        (
            "Palmitoylation of ATP binding cassette transporter G1.",
            ["ATP binding cassette transporter G1"],
        ),
        ("Kinetics of manganese superoxide dismutases.", ["manganese superoxide dismutases"]),
        # "soluble" before a cased name says its product, a receptor's shed form ("soluble Fas").
        ("Increased serum soluble Fas in liver failure.", ["Fas"]),
        ("Increased serum Fas in liver failure.", []),
        ("TNFR-associated factor 2 deficiency in B cells.", ["TNFR-associated factor 2"]),
        ("Mutations of human carbamylphosphate synthetase 1.", ["carbamylphosphate synthetase 1"]),
        ("betaIV spectrin at axon initial segments.", ["betaIV spectrin"]),
        # A name before a carbohydrate's word is the sugar NCBI gives its enzyme as a name.
        ("A lectin complexed with sulfated Lewis(x) oligosaccharides.", []),
        ("Lewis X expression on neutrophils.", ["Lewis X"]),
        # A short symbol of capitals alone is the gene's, whatever the rest of the title says:
        # a paper "on ATM" is a paper about another gene on most pages that cite it.
        ("Dual roles of ATM in the response to radiation.", ["ATM"]),
        ("ATM and BRCA2 in breast cancer.", ["ATM", "BRCA2"]),
        ("Targeted disruption of ATM in mice.", ["ATM"]),
        ("A TSPO ligand after haemorrhage.", ["TSPO"]),
        ("Serum EGF in preeclampsia.", ["EGF"]),
        # A cell line before a cell's or a tumour's kind, a line, or in a list before "lines".
        ("Radiation response of THP-1 monocytes.", []),
        ("Growth of C6 glioma in rats.", []),
        ("The MT-2 and C8166 lines infected with HTLV-I.", []),
        ("THP-1 mutations in monocytes.", ["THP-1"]),
        # ... and a name that is a part of the line's code before its number (MB, myoglobin;
        # GT1, an alias), not a name after a line's code that the cells express.
        ("Invasion of MDA-MB-231 cells.", []),
        ("GnRH release from GT1-7 cells.", []),
        ("MB expression in MDA-MB-231 cells.", ["MB"]),
        ("GT1-7 expression in neurons.", ["GT1"]),
        ("Signalling in HEK293-TLR4 cells.", ["TLR4"]),
        ("Transcription in cdc25-22 cells.", ["cdc25"]),
        # A DNase I hypersensitive site's designation is no alias (SPTB's HS2), unless a word
        # for a gene is beside it.
        ("Transcription of the hypersensitive site HS2 enhancer.", []),
        ("HS1 protein phosphorylation in B cells.", ["HS1"]),
        # A lipid anchor named like a symbol (glycosylphosphatidylinositol, not GPI); a
        # fluorescent protein by its colour (cyan, not CFP, properdin), unless a word for a gene
        # other than "protein" is beside it.
        ("Sorting of GPI-anchored proteins to the apical membrane.", []),
        ("The GPI anchor and raft association of proteins.", []),
        ("GPI deficiency and haemolytic anaemia.", ["GPI"]),
        ("YFP and CFP fusion proteins in plant cells.", []),
        ("RFP-tagged proteins in neurons.", []),
        ("CFP deficiency and meningococcal disease.", ["CFP"]),
        # So is a purification tag named like a symbol (maltose-binding protein, not MBP).
        ("MBP-tagged proteins in E. coli.", []),
        ("Cleavage of the MBP tag from fusion proteins.", []),
        ("MBP expression in oligodendrocytes.", ["MBP"]),
        ("Cells over-expressing Flag-tagged-TIGAR.", ["TIGAR"]),
        ("IL6 tag SNPs and asthma.", ["IL6"]),
        # A chemical formula is not read in capitals as a mouse-style symbol is (CCl4 is no
        # CCL4); the mouse-style symbol is.
        ("CCl4-induced liver fibrosis in rats.", []),
        ("Protection against CCl(4) hepatotoxicity.", []),
        ("Ccl4 expression in macrophages.", ["Ccl4"]),
        ("Cells overexpressing PLCb1.", ["PLCb1"]),
        # A prostaglandin's series letter and number, after its name or in a list after it, is
        # no symbol (F2, prothrombin's); F2 elsewhere in such a title is.
        ("Prostaglandin F2 alpha stimulates luteolysis.", []),
        ("Effects of prostaglandin D2, E2, or F2 alpha in mice.", []),
        ("Prostaglandin synthesis and F2 mutations.", ["F2"]),
        # A clinical term built on a hormone's or protein's name names no gene: "… resistance"
        # or its counterpart "… sensitivity", a syndrome of the hormone's secretion; the name
        # before other words, or before a word for a gene in such a syndrome, is the gene's.
        ("Insulin resistance in elderly subjects.", []),
        ("Distinct axes of insulin sensitivity in humans.", []),
        ("Activated protein C resistance and thrombosis.", []),
        ("Syndrome of inappropriate antidiuretic hormone secretion after vincristine.", []),
        ("Valproate and the syndrome of inappropriate secretion of antidiuretic hormone.", []),
        ("Insulin secretion in elderly subjects.", ["Insulin"]),
        ("A syndrome of neonatal diabetes due to insulin gene mutations.", ["insulin"]),
        # A domain's type is short, with a number or without (C2, complement C2's symbol; PB1):
        # not a gene before "domain" or "motif"; nor is a sequence before "triplet".
        ("The C2 domain targets kinases to membranes.", []),
        ("C2-domain proteins in plants.", []),
        ("C2 deficiency and lupus.", ["C2"]),
        ("The CD44 domain.", ["CD44"]),
        ("The GAA triplet repeat in Friedreich ataxia.", []),
        ("GAA mutations in Pompe disease.", ["GAA"]),
        # Nucleotides' letters before a word for a DNA sequence are bases (GC, CAT, TG are
        # symbols); the symbols elsewhere stay.
        ("Sp1 binds the GC box of the promoter.", ["Sp1"]),
        ("A GC-rich promoter element.", []),
        ("A CAT box in the promoter.", []),
        ("The TG dinucleotide.", []),
        ("GC deficiency and vitamin D.", ["GC"]),
        ("CAT activity in liver.", ["CAT"]),
        # A mobile element named like a symbol (CR1, complement receptor 1's).
        ("Insertion of an intact CR1 retrotransposon in a cadherin gene.", []),
        ("CR1 deficiency in lupus.", ["CR1"]),
        # A disease's locus symbol among a gene's aliases (SCA3 of ATXN3, LQT3 of SCN5A) is the
        # disease where the title spells it out as one or writes it after "model of"; not beside
        # a word for a gene, nor an approved symbol, nor anything after "model of" that goes on.
        ("The gene for spinal cerebellar ataxia 3 (SCA3) maps to 14q.", []),
        ("Mutations of the spinal cerebellar ataxia 3 (SCA3) gene.", ["SCA3"]),
        ("Bardet-Biedl syndrome 1 (BBS1) in mice.", ["Bardet-Biedl syndrome 1", "BBS1"]),
        ("Verapamil in an intact heart model of LQT3.", []),
        # A locus's name that abbreviates a disease the title names is the disease's locus; an
        # approved symbol (SPG11) and a locus beside a word for a gene stay genes.
        ("Hereditary spastic paraplegia SPG4 and primary dystonia DYT1.", []),
        ("SPG11 and SPG15 hereditary spastic paraplegia.", ["SPG11"]),
        ("SPG4 mutations in hereditary spastic paraplegia.", ["SPG4"]),
        # ... but a name's own word is not the disease's, nor a process's ending one's.
        ("JNK1 mediates apoptosis.", ["JNK1"]),
        ("GLUT1 and glucose metabolism in tumours.", ["GLUT1"]),
        ("A mouse model of LQT3 mutations.", ["LQT3"]),
        ("A model of p53 activation.", ["p53"]),
        ("LQT3 in heart.", ["LQT3"]),
        # A virus's protein after the virus's name or an abbreviation ending in V is no gene's
        # (NS2 and NS1 are aliases); a roman numeral before it is no virus.
        ("Hepatitis C virus NS2 protein in replication.", []),
        ("The human immunodeficiency virus type 1 Tat protein.", []),
        ("The WNV NS1 protein in infected cells.", []),
        ("NS2 protein in replication.", ["NS2"]),
        ("The XIV NS1 protein.", ["NS1"]),
        ("Influenza virus induces IL-6 in macrophages.", ["IL-6"]),
        ("Injection of AAV TFEB in mice.", ["TFEB"]),
        # A variant's abbreviation ending in V is no virus: the gene after it is named.
        ("Rare CNV SHANK3 deletions in autism.", ["SHANK3"]),
        ("SNV KRAS calls in tumours.", ["KRAS"]),
        # An alias in capitals that abbreviates its gene's name counts alone in a title on
        # genes or proteins; not in one on something else, nor as part of a compound, nor an
        # alias its gene's names do not spell (SERS of SARS1, TNM of TENM1; FISH is a method).
        # A capital P and a number is a protein named by its mass, capitalised, beside a word
        # for a gene; not an event-related potential, nor another letter (A23 above).
        ("P53 mutations in mammary tumour tissues.", ["P53"]),
        # An abbreviation that is an approved symbol counts right before a word for a gene.
        ("CAD mutations and uridine-responsive epileptic encephalopathy.", ["CAD"]),
        # A T cell subset (Tr1, Tc17) and an outbred stock of mice (CD-1) named like genes.
        ("Defective suppression by Tr1 regulatory lymphocytes and Tc17 cells.", []),
        ("Phthalate affects liver morphology in CD-1 mice.", []),
        ("CD1d-deficient mice lack NKT cells.", ["CD1d"]),
        # A name before a gerund written apart and a link word is the protein that binds; with
        # a hyphen or before a noun, the compound names another protein.
        (
            "Basic fibroblast growth factor binding and processing by glioma cells.",
            ["Basic fibroblast growth factor"],
        ),
        ("Defective LDL receptor binding by a mutant apolipoprotein.", ["LDL receptor"]),
        ("Transferrin-binding proteins of Neisseria.", []),
        ("Statins in CAD patients with mutations.", []),
        # A Latin letter read as Greek names the gene with the letter, not the stem without it.
        ("TNFa and PKCd in sepsis.", ["TNFa", "PKCd"]),
        ("Custom active RFId solution for children tracking.", []),
        ("A mutation in CACNB2b underlies Brugada syndrome.", ["CACNB2b"]),
        # A symbol with its protein change or exon glued on; not a cell line's code.
        (
            "Dabrafenib in BRAFV600E-mutant and EGFRex20ins-mutated lung cancer.",
            ["BRAFV600E", "EGFRex20ins"],
        ),
        ("HEK293T cells and MCF7 cells.", []),
        # A receptor kinase named as one before its class is itself, not a ligand's receptor.
        ("Resistance mechanisms for the MET receptor tyrosine kinase.", ["MET"]),
        ("Anaplastic lymphoma kinase in neuroblastoma.", ["Anaplastic lymphoma kinase"]),
        # A society's series of statements: "AGA Clinical Practice Update" (AGA is a symbol).
        ("AGA Clinical Practice Update on Endoscopic Enteral Access: Commentary", []),
        # A reporting and data system, a language model, a chemical's systematic name, a tumour
        # class named by a marker with many words between: no genes.
        ("Performance of ACR TI-RADS and molecular testing of thyroid nodules.", []),
        ("Comparing GPT-4 and human researchers in data analysis.", []),
        # A microRNA is its MIR gene's, never a protein's alias ("MIR1" of FSD1); with its arm.
        ("The value of miR-1 and MicroRNA 143-5p as biomarkers.", ["miR-1", "MicroRNA 143-5p"]),
        ("MiR expression profiles of paired primary colorectal cancers.", []),
        # Cells named by a marker they express; a receptor's alias before "receptor"; a member
        # letter after a number in capitals, as title case writes it.
        ("Pdx1-expressing cells and NKX2.1-positive neural progenitors.", []),
        ("Lysosomal sorting of amyloid-beta by the SORLA receptor.", ["SORLA"]),
        # A marker named in more words before "-expressing"; a tumour named by how it was found;
        # a paralogue's gene is what a new one is compared with (a homologue is the gene).
        ("p75 neurotrophin receptor-expressing trabecular meshwork progenitor cells.", []),
        ("EGFR mutation-expressing lung cancer cells.", ["EGFR"]),
        ("Genetic variation in prostate-specific antigen-detected prostate cancer.", []),
        ("A new paralogue of XRCC4 in end joining.", []),
        # Cells named by CD markers; a registry named by its acronym; a drug class named by a
        # family of targets (one target names it).
        ("CD68 and CD83 immune populations in lymph nodes.", []),
        # Inline HTML of feeds' titles read through; a marker's minus sign; a Greek letter glued
        # to a full name's numeral is an isoform of it.
        (
            "Metastases From <em>EGFR</em> and <em>ALK</em> Oncogene-Driven Lung Cancer",
            ["EGFR", "ALK"],
        ),
        ("Roles of CD11b<sup>+</sup>CD14<sup>-</sup> myeloid-derived suppressor cells", []),
        ("HLA-DR-/low CD14- myeloid-derived suppressor cells.", []),
        ("CD40- and CD28-deficient mice.", ["CD40", "CD28"]),
        ("CD36-/- mice are protected from atherosclerosis.", ["CD36"]),
        ("CD36- deficient mice develop insulin resistance.", ["CD36"]),
        ("Expression of <scp>BRCA1</scp> in cells.", ["BRCA1"]),
        ("The zinc-finger domain of DNA ligase IIIalpha.", ["DNA ligase III"]),
        # Tau, MAPT's protein, in a title on neurodegeneration; not another name's Greek letter,
        # nor a kinase named after it, nor outside such a title.
        ("Plasma p-tau181 and amyloid-PET in mild cognitive impairment.", ["tau181"]),
        ("Kendall's tau and 14-3-3 tau in dementia.", ["14-3-3 tau"]),
        ("Kendall’s tau of cognitive scores in dementia.", []),
        ("TTBK1, a tau-tubulin kinase, in Alzheimer's disease.", ["TTBK1"]),
        # Common acronyms that abbreviate a gene's name too: diacylglycerol, regression trees.
        ("DAG activates protein kinase C in platelets.", []),
        ("Tau protein kinase II and amyloid.", []),
        # A hemoglobin variant by its chain and helix place names that chain's gene; the helix
        # place ("C5") is no gene.
        ("Hb Kanagawa [alpha 40(C5)Lys-->Met]: a new variant.", ["alpha 40(C5)"]),
        ("Hb Himeji or beta 140 (H18) Ala-->Asp.", ["beta 140 (H18)"]),
        ("The tau lepton mass.", []),
        ("CD36 expression in macrophages.", ["CD36"]),
        ("Extracts From the FAP World Transplant Registry", []),
        ("The effect of beta-adrenoceptor blocker therapy on survival.", []),
        (
            "Angiotensin II type 1 receptor blockers in heart failure.",
            ["Angiotensin II type 1 receptor"],
        ),
        ("Isolation of the mouse homologue of BRCA1.", ["BRCA1"]),
        ("Bone Morphogenetic Protein-8B Levels at Birth", ["Bone Morphogenetic Protein-8B"]),
        # An apolipoprotein by its letter and number, in any case, even in a title-cased title.
        (
            "Plasma ApoC-III and apoB-100 after a novel interactor apoA-I.",
            ["ApoC-III", "apoB-100", "apoA-I"],
        ),
        ("Association of ApoE Genotypes and Recovery From Intracerebral Hemorrhage", ["ApoE"]),
        ("A quinolone (E-2-(Tridec-4-en-1-yl)-quinolin-4(1H)-one) from Pseudomonas.", []),
        ("A case of CD5-positive primary cutaneous diffuse large B-cell lymphoma, leg type.", []),
        ("P300 amplitude in schizophrenia.", []),
        ("Ophthalmic drugs that bind VEGF.", ["VEGF"]),
        ("Saethre-Chotzen syndrome due to TWIST mutations.", ["TWIST"]),
        ("Outcomes of VEGF in the clinic.", []),
        ("A VEGF-loaded hydrogel binds water.", []),
        ("SERS detection of protein binding on gold.", []),
        ("FISH detects TNM stage in leukemia and its gene expression.", []),
        # A disease NCBI gives a gene as a name, though named by what it is associated with
        ("Brain iron in pantothenate kinase-associated neurodegeneration.", []),
        ("Skin lesions of incontinentia pigmenti in girls.", []),
        # a protein's domain named after another protein; but a repeat in its gene is the gene's
        ("Structures of epidermal growth factor repeats in fibrillin.", []),
        ("A heme oxygenase-1 repeat polymorphism in sepsis.", ["heme oxygenase-1"]),
        # a virus; a microbe named by an enzyme it makes; a cell line
        ("Spike mutations of SARS-CoV-2 variant lineages.", []),
        ("Spread of KPC-2-producing Klebsiella oxytoca in hospitals.", []),
        ("Gemcitabine kills MIA PaCa-2 cells.", []),
        # abbreviations of other things before anything but a word for a gene
        ("SDS micelles and RPE cells under PAM imaging in MCC.", []),
        ("MCC gene mutations in colorectal cancer.", ["MCC"]),
        # shorter wordings of names, as titles write them
        ("Programmed Death-Ligand 1 in Gastric Cancer", ["Programmed Death-Ligand 1"]),
        ("An aurora A kinase inhibitor in leukemia.", ["aurora A kinase"]),
        ("Serum C-X-C motif chemokine 12 after stroke.", ["C-X-C motif chemokine 12"]),
        # an alias before a protein change, or before "codon", is the gene's
        ("Carriers of HERG R176W in Finland.", ["HERG"]),
        ("ATTR Val30Met amyloidosis in Portugal.", ["ATTR"]),
        ("P53 codon 72 and cervical cancer.", ["P53"]),
        ("Genetic risk of T2D in Asians.", []),  # type 2 diabetes, not an alias of NEUROD1
        # clinical abbreviations that are symbols: estimated GFR, pulmonary arterial
        # hypertension, diastolic blood pressure, heart rate, triglycerides
        ("New loci for eGFR in chronic kidney disease.", []),
        ("Bosentan in PAH and its effect on DBP, HR and TG.", []),
        ("PAH mutations in phenylketonuria.", ["PAH"]),  # but the gene before a gene's word
        # a letter and a number is an antigen's, but beside a word for a gene the gene's
        ("Loss of A20 expression in lymphoma.", ["A20"]),
        ("Frequent inactivation of A20 in lymphoma.", []),
        # a member written by its family's name and code; the code alone after the family's
        # name is not the alias a clone's name made (SLC45A2's "1A1"), but "2B4" is CD244's
        ("UDP-glucuronosyltransferase 1A1 and irinotecan.", ["UDP-glucuronosyltransferase 1A1"]),
        ("The NK cell receptor 2B4 in mice.", ["2B4"]),
        # a symbol in title case before its kind of kinase; a Greek letter spelled out before
        # a member's number
        ("Substrates of the Lyn protein-tyrosine kinase.", ["Lyn"]),
        ("Binding of Syk tyrosine kinase in platelets.", ["Syk"]),
        ("The protective PLCgamma2 P522R variant.", ["PLCgamma2"]),
        # an approved symbol written with a dash before its member's letter
        ("Assembly of CENP-T at kinetochores.", ["CENP-T"]),
        ("CENP-T syndrome in two families.", []),
        # a ribonucleoprotein's member written apart; the complement C1 inhibitor; a member of
        # two named by a slash; a receptor by its ligand's acronym; an HLA gene spelled out
        ("Phosphorylation of hnRNP K and hnRNP A2B1.", ["hnRNP K", "hnRNP A2B1"]),
        ("Angioedema with acquired C1-inhibitor deficiency.", ["C1-inhibitor"]),
        ("Structure of tumor pyruvate kinase M2.", ["pyruvate kinase M2"]),
        ("A soluble form of human FGF receptor 4.", ["FGF receptor 4"]),
        ("Human Leukocyte Antigen-B genotype and allopurinol.", ["Human Leukocyte Antigen-B"]),
        # a resource named before its colon, a symmetry group, a blood type, prostate cancer
        ("MINT: a molecular interaction database.", []),
        ("The IARC TP53 database: new online analyses.", ["TP53"]),
        ("TP53: mutations in the IARC database.", ["TP53"]),
        ("Helical polymers of C3-symmetric amides.", []),
        ("ABO blood type and survival after surgery.", []),
        ("Treatment of localized PCa in a cohort.", []),
        # a symbol in title case named as a protein by its class before it
        ("The ubiquitin ligase Itch regulates JunB stability.", ["Itch"]),
        ("An enzyme for Cell wall synthesis in plants.", []),  # not across a link word
        ("Glutathione S-transferase P1 Ile105Val and asthma.", ["Glutathione S-transferase P1"]),
        # an enzyme's numbered isoforms, by numbers or Greek letters; not a protein's isoforms
        (
            "Carbonic anhydrase isozymes II and IX in hypoxia.",
            ["Carbonic anhydrase isozymes II", "IX"],
        ),
        (
            "Protein kinase C isoforms alpha and delta in platelets.",
            ["Protein kinase C isoforms alpha", "delta"],
        ),
        ("Isoforms of tropomyosin in muscle.", []),
        # a trait a gene was named after is the trait
        ("Mechanisms of doxorubicin resistance in breast cancer cells.", []),
    ],
)
def test_other_gene_mentions(title, expected, lookup):
    assert named(title, lookup) == expected


def test_an_alias_that_names_a_family_is_the_family(lookup):
    # "AP-1" is an alias of JUN, FOS, … and FamPlex's complex; "NF-kappaB" an alias of NFKB1 and
    # the complex: a title writing them names the family, not one gene.
    mentions = other_gene_mentions("AP-1 and NF-kappaB expression in T cells.", lookup)
    assert [(m.text, m.kind) for m in mentions] == [("AP-1", "family"), ("NF-kappaB", "family")]
    assert 5970 in mentions[1].genes  # RELA, a member
    # an approved symbol stays the gene's, though a family is named after it
    assert [m.kind for m in other_gene_mentions("SRC mutations in cancer.", lookup)] == ["symbol"]
    # and so does one member's alias that names a family of three ("Akt" of AKT1, of AKT1-3)
    (akt,) = other_gene_mentions("AMPK in driving Akt activation.", lookup)
    assert (akt.text, akt.kind, akt.genes) == ("Akt", "alias", (207,))


def test_a_ligand_family_named_by_one_members_alias_is_that_member(lookup):
    # "TGFbeta" is FamPlex's family of TGFB1-3 and HGNC's alias of TGFB1 alone, a ligand (its
    # receptor is named after it): the member, as curators read it; so is "VEGF" (VEGFA)
    mentions = other_gene_mentions("TGFbeta signaling and VEGF expression in tumours.", lookup)
    assert [(m.text, m.genes, m.kind) for m in mentions] == [
        ("TGFbeta", (7040,), "alias"),
        ("VEGF", (7422,), "alias"),
    ]
    # a complex of other genes' chains and a family no ligand's stay families
    mentions = other_gene_mentions("IL-23 and p38 in T cells.", lookup)
    assert [m.kind for m in mentions] == ["family", "family"]
    # nor a large family's short name: "IFN", HGNC's alias of IFNA1, is sixteen interferons
    mentions = other_gene_mentions("Type I IFN expression in lupus.", lookup)
    assert [(m.text, m.kind) for m in mentions] == [("IFN", "family")]


def test_mentions_carry_offsets_and_genes(lookup):
    (mention,) = other_gene_mentions("Mutations in UPF3B.", lookup)
    assert (mention.start, mention.name, mention.genes, mention.kind) == (
        13,
        "UPF3B",
        (65109,),
        "symbol",
    )


def test_full_name_mentions_carry_their_genes(lookup):
    (mention,) = other_gene_mentions("Catalase in erythrocytes.", lookup)
    assert (mention.start, mention.genes, mention.kind) == (0, (847,), "full name")


@pytest.mark.parametrize(
    "title, symbol",
    [
        ("Liver pyruvate kinase polymorphisms in diabetes.", "PKLR"),
        ("cDNA cloning of human R-type pyruvate kinase.", "PKLR"),
        ("Human erythrocyte pyruvate kinase deficiency.", "PKLR"),
        ("Human M2-type pyruvate kinase in hepatoma.", "PKM"),
        ("Cardiac troponin T release after exercise.", "TNNT2"),
        ("Skeletal muscle alpha-actin mutations in myopathy.", "ACTA1"),
        ("C-type natriuretic peptide and bone growth.", "NPPC"),
        ("Activation of the type II hexokinase gene by hypoxia.", "HK2"),
        ("Vascular endothelial growth factor gene polymorphisms.", "VEGFA"),
        ("Transforming growth factor-beta: recent advances.", "TGFB1"),
    ],
)
def test_an_isozyme_named_by_its_tissue_is_that_gene(title, symbol, lookup):
    table = load_gene_table()
    (mention,) = other_gene_mentions(title, lookup)
    assert [table.by_entrez_id(gene).symbol for gene in mention.genes] == [symbol]


def test_a_ligand_before_receptor_names_the_receptor(lookup):
    (mention,) = other_gene_mentions("EGF receptor signalling in keratinocytes.", lookup)
    assert (mention.text, mention.genes) == ("EGF receptor", (1956,))  # EGFR, not EGF (1950)
    (mention,) = other_gene_mentions("EGF in saliva.", lookup)
    assert mention.genes == (1950,)


@pytest.mark.parametrize(
    "title, expected",
    [
        ("A promoter mutation in the ALAS2 gene.", True),
        ("Alas2-null mice.", True),  # mouse-style case
        ("X-linked sideroblastic anemia (XLSA) in a family.", True),  # alias
        ("ASB mutations in anemia.", True),  # previous symbol
        (
            "Erythroid 5-aminolevulinate synthase deficiency.",
            True,
        ),  # the name without its designator
        ("Regulation of 5'-aminolevulinate synthase 2 by GATA1.", True),  # the full name
        ("Mutations in UPF3B cause mental retardation.", False),
        ("What the alas saw.", False),  # letters-only names stay in their case
    ],
)
def test_names_gene(title, expected):
    aliases = ("ALAS-E", "ALASE", "ANH1", "ASB", "SIDBA1", "XLDPP", "XLEPP", "XLSA")
    assert names_gene(title, "ALAS2", aliases, "5'-aminolevulinate synthase 2") is expected


def test_names_gene_as_titles_shorten_or_extend_its_names():
    # A protein change written on the symbol, as mouse models are named.
    assert names_gene("Tumours in KrasG12D;Pdx1-Cre mice.", "KRAS", ("KRAS2",))
    # The name's own first word with its number; a protein's name after the comma; the
    # protein's word of a two-word name.
    assert names_gene(
        "Conservation of the makorin-2 gene.", "MKRN2", ("RNF62",), "makorin ring finger protein 2"
    )
    assert names_gene(
        "Rab6 in thrombin-activated platelets.", "F2", ("PT",), "coagulation factor II, thrombin"
    )
    assert names_gene(
        "Vasopressin and water permeability.", "AVP", ("ADH",), "arginine vasopressin"
    )
    # A circular RNA spliced from the gene's transcript.
    assert names_gene("CircSMARCA5 inhibits migration of glioblastoma cells.", "SMARCA5")
    # The name without the word after its member's designator.
    assert names_gene("Glycoprotein V-deficient platelets.", "GP5", (), "glycoprotein V platelet")
    assert not names_gene("Glycoprotein VI in platelets.", "GP5", (), "glycoprotein V platelet")
    # A protein by its mass before its symbol in lower case.
    assert names_gene("The kinase p50csk and the phosphatase PEP.", "CSK", ("CYL",))
    assert not names_gene("The kinase p50csk and the phosphatase PEP.", "LCK", ("p56lck",))
    # A first word that is a class's, not the gene's own, is no name of it.
    assert not names_gene(
        "Protein 2 of the spliceosome.",
        "PTPN2",
        (),
        "protein tyrosine phosphatase non-receptor type 2",
    )


def test_inline_markup_is_read_through_at_the_same_offsets():
    title = "Loss of <em>KRAS</em> in cells"
    (mention,) = other_gene_mentions(title, load_gene_table().name_index())
    assert title[mention.start : mention.start + len(mention.text)] == "KRAS"
    assert names_gene("The <i>HBB</i> locus", "HBB")


def test_a_microRNA_names_its_genes():
    # each copy of a microRNA's gene makes it; another microRNA's number is another gene
    assert names_gene("The value of miR-1 as a biomarker.", "MIR1-1")
    assert names_gene("Down-regulation of miRNA-106b inhibits growth.", "MIR106B")
    assert names_gene("MicroRNA 143-5p regulates melanocyte migration.", "MIR143")
    assert not names_gene("miR-21 in cancer.", "MIR210")


def test_names_gene_when_the_titles_words_spell_its_symbol_or_alias():
    # by initials, a number standing for itself
    assert names_gene("Activation Transcription Factor-2 at Serine 121.", "ATF2", ("CREB2",))
    # a code in capitals standing for itself
    assert names_gene("The totally inactive pancreatic lipase RP1.", "PNLIPRP1", ("PLRP1",))
    # a numbered name: more of a word's letters, in order
    assert names_gene("Pleomorphic adenoma gene like-2 induces EMT.", "PLAGL2", ())
    assert names_gene("p75 neurotrophin receptor is a clock gene.", "NGFR", ("p75NTR",))


def test_words_that_spell_a_name_only_by_chance_do_not_name_the_gene():
    # particles spell no name: "of the catalytic domain" is no OTCD
    assert not names_gene("The structure of the catalytic domain.", "OTC", ("OTCD",))
    # a name without a number is spelled by initials only: "Haplotypes extending across" holds
    # HEXA's letters in order, the initials are "hea"
    assert not names_gene("Haplotypes extending across ACE.", "HEXA", ("TSD",))


def test_a_spelling_tries_each_state_once():
    # words that may each give one letter or many: without remembering the states tried, a
    # 16-letter name over 30 such words took seconds
    written = ["Aaaaaaaaaaaaaaaa"] * 30
    spelling = _Spelling(written, "a" * 16 + "1")
    assert not any(spelling.spells(first, 0, 0) for first in range(len(written)))
    assert len(spelling.tried) <= len(written) * 18 * 3


def test_alleles_and_family_names_count_for_this_gene():
    assert names_gene("A point mutation in HLA-A*0201 abolishes TAP binding.", "HLA-A", ("HLAA",))
    assert names_gene("Function of 14-3-3 proteins.", "YWHAE", ("14-3-3E", "KCIP-1"))
    assert names_gene("Claudin association with CD81.", "CLDN1", ("SEMP1",), "claudin 1")
    assert not names_gene("HLA-AB typing.", "HLA-A", ("HLAA",))


def test_tokens_drop_markers_and_edges():
    assert [t for t, _ in tokens('"BRCA1", CD4+ and (TP53).')] == ["BRCA1", "and", "TP53"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ACDEGHKLPRST abcdeghlnprst0123456789-+()'/.,αβ")),
        max_size=60,
    )
)
def test_any_title_is_read_without_error_and_mentions_point_into_it(title):
    index = load_gene_table().name_index()
    for mention in other_gene_mentions(title, index):
        assert mention.genes
        assert title[mention.start :].startswith(mention.text.removesuffix(" receptor"))
    names_gene(title, "ALAS2", ("ALAS-E", "XLSA"), "5'-aminolevulinate synthase 2")


def test_numbered_isoforms_in_a_title_case_title(lookup):
    # "Isozymes", "Isoforms" with a capital: the isoforms are read as in a sentence-case title
    assert named("Carbonic Anhydrase Isozymes II and IX in Hypoxia", lookup) == [
        "Carbonic Anhydrase Isozymes II",
        "IX",
    ]
    assert named("Isocitrate Dehydrogenase Isoforms 1 and 2 in Glioma", lookup) == [
        "Isocitrate Dehydrogenase Isoforms 1",
        "2",
    ]


def test_cytokine_producing_cells_are_no_microbe(lookup):
    # a microbe named by an enzyme it makes is a genus and species, a bacterial genus, family or
    # order, or a word for bacteria; not cells a cytokine names as its producers, nor any word
    # a title-case title capitalises
    assert named("IL-10-producing Tregs in mice.", lookup) == ["IL-10"]
    assert named("IL-10-Producing Regulatory B Cells in Lupus", lookup) == ["IL-10"]
    assert named("INSL3-producing Leydig cells in the fetal testis.", lookup) == ["INSL3"]
    assert named("Spread of KPC-2-producing Klebsiella oxytoca in hospitals.", lookup) == []
    assert named("Spread of NDM-1-producing Enterobacterales in hospitals.", lookup) == []
    assert named("Spread of OXA-48-producing isolates in hospitals.", lookup) == []


def test_a_vitamin_is_no_letter_and_number_alias(lookup):
    # B12 (an alias of NDUFB3 and TNFAIP1) and Q10 (of AGO2) before "deficiency" are vitamins;
    # a letter and a number beside a word for a gene stays a gene ("A20 expression")
    assert named("Vitamin B12 deficiency in the elderly.", lookup) == []
    assert named("Neurological signs of B12 deficiency.", lookup) == []
    assert named("Coenzyme Q10 deficiency in children.", lookup) == []
    assert named("Loss of A20 expression in lymphoma.", lookup) == ["A20"]


def test_a_repeat_in_the_gene_is_the_gene(lookup):
    # "repeats" after a protein's name may be a domain named after it, which many proteins have;
    # a repeat of the gene ("huntingtin repeat expansion", "androgen receptor repeat length", the
    # repeat diseases' genes) is the gene's
    assert named("Huntingtin repeat expansion in chorea.", lookup) == ["Huntingtin"]
    assert named("Androgen receptor repeat length and prostate cancer.", lookup) == [
        "Androgen receptor"
    ]
    assert named("The ataxin 3 repeat in Machado-Joseph disease.", lookup) == ["ataxin 3"]
    assert named("Structures of epidermal growth factor repeats in fibrillin.", lookup) == []


def test_a_dashed_ligand_before_receptor_is_not_the_ligand(lookup):
    # "VEGF-C receptor" is VEGFR3 (FLT4), "PDGF-B receptor" PDGFRB: a symbol written with a dash
    # before its member's letter is read before "receptor" as the same symbol without one is
    assert named("The VEGF-C receptor in lymphangiogenesis.", lookup) == []
    assert named("PDGF-B receptor signalling in pericytes.", lookup) == []
    assert named("VEGF-C expression in tumours.", lookup) == ["VEGF-C"]
    assert named("Assembly of CENP-T at kinetochores.", lookup) == ["CENP-T"]


def test_an_hla_name_spelled_out_is_a_locus(lookup):
    # MR1 is "major histocompatibility complex, class I-related": "human leukocyte antigen
    # related" is no name of it
    assert named("Human leukocyte antigen related genes in sepsis.", lookup) == []
    assert named("Human Leukocyte Antigen-B genotype and allopurinol.", lookup) == [
        "Human Leukocyte Antigen-B"
    ]


def test_unicode_dashes_in_the_new_readings(lookup):
    # a coronavirus and a ribonucleoprotein's member written with a non-breaking hyphen or an en
    # dash, as publishers' titles are, read as with a hyphen-minus
    assert named("Spike mutations of SARS\u2011CoV\u20112 variant lineages.", lookup) == []
    assert named("Spike mutations of SARS\u2013CoV\u20132 variant lineages.", lookup) == []
    assert named("Phosphorylation of hnRNP\u2010K in cells.", lookup) == ["hnRNP\u2010K"]
