"""The engine and the registry: crashing rules, rule validation, local rule paths, and a
plugin rule registered without entry points, run through `genelint.testing`."""

from pathlib import Path

import pytest

from genelint.cli import main
from genelint.document import GeneDocument
from genelint.findings import Edit, Fix, Severity
from genelint.parser import parse_bytes
from genelint.registry import Registry, RegistryError, load_registry
from genelint.rule import Context, NetworkRule, Rule
from genelint.testing import lint_file, lint_paths, lint_text, make_linter, positions

PAGES = Path(__file__).parent / "rules" / "fixtures" / "structure"
CLEAN = PAGES / "complete_page.md"


# --- a plugin rule, registered by class ---------------------------------------------------


class ShoutyHeading(Rule):
    """A section heading written in capitals.

    Why: `## DRUG RESPONSE` reads as shouting and hides the canonical title.
    Bad:  `## DRUG RESPONSE`
    Good: `## Drug Response`
    """

    code = "XP001"
    name = "shouty-heading"
    family = "plugin"
    severity = Severity.INFO
    fixable = True
    options = {
        "min-length": {
            "type": "integer",
            "minimum": 1,
            "default": 1,
            "description": "shorter headings in capitals are acronyms, not shouting",
        }
    }

    def check(self, doc: GeneDocument, ctx: Context):
        for section in doc.sections:
            if section.title.isupper() and len(section.title) >= ctx.option("min-length"):
                start = section.heading.end - len(
                    section.title.encode()
                )  # the title ends the heading line
                fix = Fix(
                    (Edit(start, start + len(section.title), section.title.title()),),
                    "unsafe",
                    "title case",
                )
                yield self.finding(
                    section.heading, f"heading {section.title!r} is in capitals", fix=fix
                )


def test_plugin_rule_through_genelint_testing():
    page = CLEAN.read_text().replace("## Drug Response", "## DRUG RESPONSE")
    findings = lint_text(page, rules=[ShoutyHeading])
    assert positions(findings) == [(43, 1, "XP001")]
    (finding,) = findings
    assert (finding.name, finding.severity, finding.message) == (
        "shouty-heading",
        Severity.INFO,
        "heading 'DRUG RESPONSE' is in capitals",
    )
    (edit,) = finding.fix.edits
    assert (
        page.encode()[edit.start : edit.end] == b"DRUG RESPONSE" and edit.content == "Drug Response"
    )


def test_plugin_rule_gets_its_options_and_severity_from_config():
    page = (
        CLEAN.read_text()
        .replace("## Drug Response", "## DRUG RESPONSE")
        .replace("## Related Disease", "## RD")
    )
    config = {"rules": {"shouty-heading": {"min-length": 3}}, "severity": {"XP": "error"}}
    findings = lint_text(page, rules=[ShoutyHeading], config=config)
    assert [(f.line, f.code, f.severity) for f in findings] == [(43, "XP001", Severity.ERROR)]


def test_plugin_rule_beside_the_builtin_ones():
    page = CLEAN.read_text().replace("## Drug Response", "## DRUG RESPONSE")
    from genelint.registry import builtin_rules

    findings = lint_text(page, rules=[*builtin_rules(), ShoutyHeading], select=["GL1", "XP"])
    # Section titles match case-insensitively, so GL105 stays quiet and only XP001 speaks.
    assert positions(findings) == [(43, 1, "XP001")]


def test_plugin_rule_over_files_with_lint_paths(tmp_path):
    a = tmp_path / "a.md"
    a.write_text(CLEAN.read_text().replace("## Drug Response", "## DRUG RESPONSE"))
    b = tmp_path / "b.md"
    b.write_text(CLEAN.read_text())
    findings = lint_paths([a, b], rules=[ShoutyHeading])
    assert [(f.path, f.line, f.code) for f in findings] == [(str(a), 43, "XP001")]


# --- a crashing rule -------------------------------------------------------------------------


class Crashes(Rule):
    """Crashes on pages about HBB.

    Bad: any HBB page. Good: any other.
    """

    code = "XC001"
    name = "crashes-on-hbb"

    def check(self, doc, ctx):
        if doc.symbol == "HBB":
            raise ZeroDivisionError("rule bug")
        return iter(())


def test_a_crashing_rule_is_an_internal_error_and_the_run_goes_on(tmp_path):
    hbb = tmp_path / "HBB.md"
    hbb.write_text((PAGES / "empty_section.md").read_text().replace("ALAS2", "HBB"))
    kras = tmp_path / "KRAS.md"
    kras.write_text((PAGES / "empty_section.md").read_text().replace("ALAS2", "KRAS"))
    from genelint.registry import builtin_rules

    linter = make_linter(select=["GL1", "XC"], rules=[*builtin_rules(), Crashes])
    run = linter.run([str(hbb), str(kras)])
    # The other rule still reported on the page where XC001 crashed, and on the other page.
    assert [(Path(f.path).name, f.line, f.code) for f in run.findings] == [
        ("HBB.md", 43, "GL104"),
        ("KRAS.md", 43, "GL104"),
    ]
    (error,) = run.internal_errors
    assert error.startswith(f"{hbb}: rule XC001 (crashes-on-hbb) crashed:\nTraceback")
    assert "ZeroDivisionError: rule bug" in error


def _crashing(base, code, method):
    def crash(self, *args):
        raise ZeroDivisionError(f"{code} bug")

    doc = "Crashes.\n\nBad: any page. Good: none."
    name = f"crashes-in-{method.replace('_', '-')}"
    return type(
        f"Crashes{code}", (base,), {"__doc__": doc, "code": code, "name": name, method: crash}
    )


def test_a_rule_crashing_in_any_phase_is_reported_one_way_and_the_run_goes_on(tmp_path):
    from genelint.rule import Answer, CorpusRule, Lookup, SuppressionRule

    class Asks(NetworkRule):
        """Asks one lookup per page and crashes on its answer.

        Bad: any page. Good: none.
        """

        code = "XC006"
        name = "crashes-in-check-with-answers"

        def lookups(self, doc, ctx):
            return [Lookup("n", doc.symbol)]

        def check(self, doc, ctx):
            raise ZeroDivisionError("XC006 bug")

    crashing = [
        _crashing(NetworkRule, "XC002", "lookups"),
        _crashing(CorpusRule, "XC003", "collect"),
        _crashing(CorpusRule, "XC004", "check_corpus"),
        _crashing(SuppressionRule, "XC005", "check_suppressions"),
        Asks,
    ]
    from genelint.registry import builtin_rules

    page = tmp_path / "HBB.md"
    page.write_text((PAGES / "empty_section.md").read_text().replace("ALAS2", "HBB"))
    run = make_linter(
        select=["GL104", "XC"],
        rules=[*builtin_rules(), *crashing],
        offline=False,
        answers_provider=lambda lookups: {lookup: Answer("found", 1) for lookup in lookups},
    ).run([str(page)])
    assert [(f.line, f.code) for f in run.findings] == [(43, "GL104")]
    heads = sorted(error.split("\n")[0] for error in run.internal_errors)
    assert heads == [
        f"{page}: rule XC002 (crashes-in-lookups) crashed listing lookups:",
        f"{page}: rule XC003 (crashes-in-collect) crashed collecting facts:",
        f"{page}: rule XC005 (crashes-in-check-suppressions) crashed:",
        f"{page}: rule XC006 (crashes-in-check-with-answers) crashed:",
        "corpus rule XC004 (crashes-in-check-corpus) crashed:",
    ]
    assert all("Traceback" in error and "bug" in error for error in run.internal_errors)


CRASHING_MODULE = '''
from genelint.rule import Rule


class Crashes(Rule):
    """Crashes on pages about HBB.

    Bad: any HBB page. Good: any other.
    """

    code = "XC001"
    name = "crashes-on-hbb"

    def check(self, doc, ctx):
        if doc.symbol == "HBB":
            raise ZeroDivisionError("rule bug")
        return iter(())
'''


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_crashing_local_rule_through_the_cli_is_exit_2(tmp_path, capsys, monkeypatch, jobs):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "local").mkdir()
    (tmp_path / "local" / "crash.py").write_text(CRASHING_MODULE)
    (tmp_path / "genelint.toml").write_text('select = ["GL1", "XC"]\nrule-paths = ["local"]\n')
    for gene in ("HBB", "KRAS"):
        (tmp_path / f"{gene}.md").write_text(
            (PAGES / "empty_section.md").read_text().replace("ALAS2", gene)
        )
    code = main(["check", "--jobs", jobs, "HBB.md", "KRAS.md"])
    out, err = capsys.readouterr()
    assert code == 2
    assert [line.split(" [")[0] for line in out.splitlines()[:-1]] == [
        "HBB.md:43:1: GL104",
        "KRAS.md:43:1: GL104",
    ]
    assert err.startswith(
        "genelint: internal error: HBB.md: rule XC001 (crashes-on-hbb) crashed:\n"
    )
    assert "ZeroDivisionError: rule bug" in err


# --- the registry refuses bad rules -------------------------------------------------------------


def _rule(doc="A rule.\n\nBad: x. Good: y.", **attrs):
    attrs = {"code": "XR001", "name": "a-rule", **attrs}
    return type("ARule", (Rule,), {"__doc__": doc, **attrs})


def test_registry_accepts_a_well_declared_rule():
    rule = _rule()
    registry = Registry([rule])
    assert (
        registry.get("XR001") is rule
        and registry.get("a-rule") is rule
        and registry.get("xr001") is rule
    )


def test_registry_rejects_a_duplicate_code():
    with pytest.raises(
        RegistryError, match=r"rule code XR001 is defined twice \(.*ARule and .*ARule\)"
    ):
        Registry([_rule(), _rule(name="another-rule")])


def test_registry_rejects_a_duplicate_name():
    with pytest.raises(RegistryError, match="rule name a-rule is used by XR001 and XR002"):
        Registry([_rule(), _rule(code="XR002")])


@pytest.mark.parametrize("name", ["A-Rule", "a_rule", "a rule", "-a", "a--rule", "", None])
def test_registry_rejects_a_name_that_is_not_kebab_case(name):
    with pytest.raises(RegistryError, match="is not kebab-case"):
        Registry([_rule(name=name)])


@pytest.mark.parametrize("code", ["X001", "xr001", "XR01", "XR0001", "GL-1", None])
def test_registry_rejects_a_bad_code(code):
    with pytest.raises(RegistryError, match="is not like GL123"):
        Registry([_rule(code=code)])


@pytest.mark.parametrize("doc", [None, "", "   \n  "])
def test_registry_rejects_a_rule_without_documentation(doc):
    with pytest.raises(RegistryError, match="rule XR001 has no docstring"):
        Registry([_rule(doc=doc)])


def _network_rule(**attrs):
    attrs = {"code": "XR001", "name": "a-rule", **attrs}
    return type("ANetworkRule", (NetworkRule,), {"__doc__": "A rule.\n\nBad: x. Good: y.", **attrs})


@pytest.mark.parametrize(
    "make, message",
    [
        # A rule declares its kind by its base class; `needs` and `kind` cannot say otherwise.
        (
            lambda: _rule(needs=frozenset({"lookups"})),
            "rule XR001 is a Rule, so its needs cannot name 'lookups' "
            r"\(a rule that needs lookups derives from genelint.rule.NetworkRule\)",
        ),
        (
            lambda: _rule(needs=frozenset({"corpus"})),
            "rule XR001 is a Rule, so its needs cannot name 'corpus'",
        ),
        (
            lambda: _network_rule(needs=frozenset({"refdata"})),
            "rule XR001 is a NetworkRule, so its needs lack 'lookups'",
        ),
        (
            lambda: _rule(kind="suppression"),
            "rule XR001 sets kind 'suppression'; a rule's kind is its base class's "
            r"\(Rule: 'document'\)",
        ),
        (lambda: _network_rule(kind="network-ish"), "rule XR001 sets kind 'network-ish'"),
    ],
)
def test_registry_rejects_a_kind_its_base_class_does_not_give(make, message):
    with pytest.raises(RegistryError, match=message):
        Registry([make()])


def test_each_builtin_rule_kind_is_its_base_class():
    from genelint.rule import CorpusRule, SuppressionRule

    kinds = {rule.code: rule.kind for rule in load_registry()}
    assert {code for code, kind in kinds.items() if kind == "network"} == {
        "GL010",
        "GL305",
        "GL306",
        "GL307",
        "GL308",
        "GL402",
        "GL403",
        "GL404",
    }
    assert {code for code, kind in kinds.items() if kind == "corpus"} == {"GL901", "GL902", "GL903"}
    assert {code for code, kind in kinds.items() if kind == "suppression"} == {"GL011"}
    for rule in load_registry():
        base = {"network": NetworkRule, "corpus": CorpusRule, "suppression": SuppressionRule}
        assert rule.kind == "document" or issubclass(rule, base[rule.kind])


def test_every_builtin_rule_is_documented_with_bad_and_good_examples():
    for rule in load_registry():
        text = rule.documentation()
        if rule.code.startswith("GL"):
            assert "Bad" in text and "Good" in text, rule.code


# --- local rule paths ---------------------------------------------------------------------


LOCAL_RULE = '''
from genelint.findings import Severity
from genelint.rule import Rule


class NoTodo(Rule):
    """A page still says TODO.

    Bad: `TODO: write this`. Good: the text written.
    """

    code = "XL001"
    name = "no-todo"
    severity = Severity.WARNING

    def check(self, doc, ctx):
        for number in range(1, doc.lines.line_count + 1):
            column = doc.lines.line_text(number).find("TODO")
            if column >= 0:
                yield self.finding(doc.lines.span_at(number, column + 1, 4), "the page still says TODO")
'''


def _local_tree(tmp_path: Path, config: str) -> None:
    (tmp_path / "curation" / "rules").mkdir(parents=True)
    (tmp_path / "curation" / "rules" / "todo.py").write_text(LOCAL_RULE)
    (tmp_path / "curation" / "rules" / "_helpers.py").write_text(
        "raise RuntimeError('private modules are not loaded')\n"
    )
    (tmp_path / "curation" / "genelint.toml").write_text(config)
    page = CLEAN.read_text().replace(
        "Pyridoxine helps some patients.", "Pyridoxine helps. TODO: dosage."
    )
    (tmp_path / "curation" / "ALAS2.md").write_text(page)


def test_local_rule_paths_are_loaded_from_config(tmp_path, capsys, monkeypatch):
    _local_tree(tmp_path, 'select = ["GL1", "XL"]\nrule-paths = ["rules"]\n')
    monkeypatch.chdir(tmp_path)  # rule-paths are relative to the config file, not the cwd
    code = main(["check", "curation/ALAS2.md"])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        out.splitlines()[0]
        == "curation/ALAS2.md:41:19: XL001 [warning] the page still says TODO (no-todo)"
    )


def test_local_rules_are_not_loaded_without_the_config(tmp_path, capsys, monkeypatch):
    _local_tree(tmp_path, 'select = ["GL1"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "curation/ALAS2.md"]) == 0
    assert "XL001" not in capsys.readouterr().out


def test_local_rules_through_genelint_testing(tmp_path):
    _local_tree(tmp_path, "")
    config = {"rule-paths": [str(tmp_path / "curation" / "rules")], "select": ["XL"]}
    assert positions(lint_file(tmp_path / "curation" / "ALAS2.md", config=config)) == [
        (41, 19, "XL001")
    ]


def test_rule_paths_that_are_not_a_folder_is_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "genelint.toml").write_text('rule-paths = ["missing"]\n')
    (tmp_path / "ALAS2.md").write_text(CLEAN.read_text())
    assert main(["check", "ALAS2.md"]) == 2
    assert (
        capsys.readouterr().err == f"genelint: rule-paths: {tmp_path / 'missing'} is not a folder\n"
    )


def test_a_local_rule_module_that_fails_to_import_is_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "bad.py").write_text("import no_such_module_here\n")
    (tmp_path / "genelint.toml").write_text('rule-paths = ["broken"]\n')
    (tmp_path / "ALAS2.md").write_text(CLEAN.read_text())
    assert main(["check", "ALAS2.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        f"genelint: rule module {tmp_path / 'broken' / 'bad.py'} failed to load: No module named 'no_such_module_here'"
    )
    assert "Traceback" not in err


# --- lookups that depend on answers ------------------------------------------------------------


class Chain(NetworkRule):
    """Asks for ("n", "0"), then for ("n", k+1) once ("n", k) is answered, up to `stop`.

    Why: a rule whose second question depends on the first answer.
    Bad: a chain that never ends.
    Good: a chain the engine cuts after a few rounds.
    """

    code = "XP010"
    name = "chain"
    family = "plugin"
    follow_ups = True
    stop = 1

    def lookups(self, doc, ctx):
        from genelint.rule import Lookup

        k = 0
        while ctx.answer(Lookup("n", str(k))) is not None and k < self.stop:
            k += 1
        yield Lookup("n", str(k))

    def check(self, doc, ctx):
        answered = sorted(int(lookup.key) for lookup in ctx.answers)
        yield self.finding(doc.span_of_line(1), f"answered {answered}")
        for lookup, answer in ctx.answers.items():
            if answer.status == "error":
                yield self.finding(doc.span_of_line(1), f"unanswered {lookup.key}: {answer.error}")


class EndlessChain(Chain):
    """The same chain with no end.

    Why: a buggy plugin must not hang a run.
    Bad: asking forever.
    Good: the engine stops after MAX_LOOKUP_ROUNDS rounds.
    """

    code = "XP011"
    name = "endless-chain"
    stop = 10**9


@pytest.mark.parametrize("rule", [Chain, EndlessChain])
def test_follow_up_lookups_are_asked_in_rounds_and_bounded(rule):
    from genelint.lookups import MAX_LOOKUP_ROUNDS
    from genelint.rule import Answer

    asked_per_round = []

    def provider(lookups):
        asked_per_round.append(sorted(lookup.key for lookup in lookups))
        return {lookup: Answer("found", lookup.key) for lookup in lookups}

    linter = make_linter(rules=[rule], offline=False, answers_provider=provider)
    run = linter.run_documents([parse_bytes(CLEAN.read_bytes(), "page.md")])
    rounds = min(rule.stop + 1, MAX_LOOKUP_ROUNDS)
    assert asked_per_round == [[str(k)] for k in range(rounds)]  # each round asks only what is new
    if rule.stop + 1 <= MAX_LOOKUP_ROUNDS:
        assert [f.message for f in run.findings] == [f"answered {list(range(rounds))}"]
    else:  # what the last round still wanted gets an error answer (GL010's to report), not silence
        assert [f.message for f in run.findings] == [
            f"answered {list(range(rounds + 1))}",
            f"unanswered {rounds}: not asked: it depends on lookups more than {MAX_LOOKUP_ROUNDS} deep",
        ]


def test_every_builtin_rule_option_is_a_valid_schema_its_default_satisfies():
    import jsonschema

    declared = 0
    for rule in load_registry(()):
        for key, schema in rule.options.items():
            jsonschema.Draft202012Validator.check_schema(schema)
            assert "default" in schema and schema.get("description"), f"{rule.code} {key}"
            jsonschema.validate(schema["default"], schema)
            declared += 1
    assert declared >= 8


def test_registry_rejects_options_that_are_not_schemas():
    bad = type(
        "BadOptions",
        (ShoutyHeading,),
        {
            "__doc__": ShoutyHeading.__doc__,
            "code": "XP099",
            "name": "bad-options",
            "options": {"min-length": 3},
        },
    )
    with pytest.raises(RegistryError, match="options must map kebab-case names to JSON Schemas"):
        Registry([bad])


def test_an_undeclared_option_fails_a_plugin_test_as_it_fails_a_run():
    from genelint.config import ConfigError

    with pytest.raises(
        ConfigError,
        match="unknown key rules.shouty-heading.min-lenght; expected one of: min-length",
    ):
        lint_text(
            CLEAN.read_text(),
            rules=[ShoutyHeading],
            config={"rules": {"shouty-heading": {"min-lenght": 3}}},
        )


def test_a_plugin_option_with_an_invalid_schema_is_a_config_error_not_a_crash():
    from genelint.config import ConfigError

    broken = type(
        "BrokenSchema",
        (ShoutyHeading,),
        {
            "__doc__": ShoutyHeading.__doc__,
            "code": "XP098",
            "name": "broken-schema",
            "options": {"min-length": {"type": "integr"}},
        },
    )
    with pytest.raises(
        ConfigError, match="the rule XP098 declares this option with an invalid schema"
    ):
        lint_text(
            CLEAN.read_text(),
            rules=[broken],
            config={"rules": {"broken-schema": {"min-length": 3}}},
        )


def test_a_rule_changing_a_list_option_does_not_change_the_default():
    class Greedy(ShoutyHeading):
        """Appends to its list option.

        Why: a rule may treat an option as its own.
        Bad: the next run sees the appended value.
        Good: each run starts from the declared default.
        """

        code = "XP097"
        name = "greedy"
        options = {"seen": {"type": "array", "default": [], "description": "headings seen"}}

        def check(self, doc, ctx):
            ctx.option("seen").append(doc.path)
            return iter(())

    lint_text(CLEAN.read_text(), rules=[Greedy])
    lint_text(CLEAN.read_text(), rules=[Greedy])
    assert Greedy.options["seen"]["default"] == []


def test_answers_of_one_run_are_not_kept_by_the_linter():
    from genelint.rule import Answer

    linter = make_linter(
        rules=[Chain],
        offline=False,
        answers_provider=lambda lookups: {
            lookup: Answer("found", lookup.key) for lookup in lookups
        },
    )
    for _ in range(3):
        assert linter.run_documents([parse_bytes(CLEAN.read_bytes(), "page.md")]).findings
    assert len(linter._contexts) == 1 and all(not ctx.answers for ctx in linter._contexts.values())


def test_rules_without_follow_ups_are_listed_once():
    from genelint.rule import Answer

    class Once(Chain):
        """Counts how often its lookups are listed.

        Why: a rule whose lookups never depend on answers need not be asked again.
        Bad: listing it in every round.
        Good: listing it once, per file.
        """

        code = "XP012"
        name = "once"
        follow_ups = False
        listed = 0

        def lookups(self, doc, ctx):
            type(self).listed += 1
            return super().lookups(doc, ctx)

    make_linter(
        rules=[Once, Chain],
        offline=False,
        answers_provider=lambda lookups: {
            lookup: Answer("found", lookup.key) for lookup in lookups
        },
    ).run_documents([parse_bytes(CLEAN.read_bytes(), "page.md")])
    assert Once.listed == 1


# --- what a library user of the Linter is told -------------------------------------------------


@pytest.mark.parametrize(
    "config, select, ignore, message",
    [
        (
            {},
            ["GL5O1"],
            [],
            "unknown rule selector(s): GL5O1 (did you mean GL501?) (see `genelint rules`)",
        ),
        (
            {},
            None,
            ["section-ordr"],
            "unknown rule selector(s): section-ordr (did you mean section-order?)",
        ),
        ({"select": ["GL999"]}, None, [], "key select: unknown rule selector(s) GL999;"),
        (
            {"per-file-ignores": {"*.md": ["GL9O1"]}},
            None,
            [],
            "key per-file-ignores.*.md: unknown rule selector(s) GL9O1",
        ),
        (
            {"severity": {"no-such-rule": "info"}},
            None,
            [],
            "key severity.no-such-rule: unknown rule selector(s) no-such-rule;",
        ),
        (
            {"rules": {"citation-incomplete": {"parts": ["authors"]}}},
            None,
            [],
            "unknown key rules.citation-incomplete.parts",
        ),
    ],
)
def test_the_linter_refuses_selectors_and_options_that_name_nothing(
    config, select, ignore, message
):
    """The CLI says these as usage errors (exit 2); a library user gets them from the Linter."""
    from genelint.config import ConfigError, settings_from_table
    from genelint.engine import Linter

    with pytest.raises(ConfigError) as raised:
        Linter(settings_from_table(config), load_registry(), select=select, ignore=ignore)
    assert message in str(raised.value)


def test_the_cli_says_what_the_linter_refuses(tmp_path, capsys, monkeypatch):
    from genelint.config import ConfigError, settings_from_table
    from genelint.engine import Linter

    monkeypatch.chdir(tmp_path)
    (tmp_path / "ALAS2.md").write_text(CLEAN.read_text())
    with pytest.raises(ConfigError) as raised:
        Linter(settings_from_table({}), load_registry(), select=["GL1"], ignore=["GL5O1"])
    assert main(["check", "--select", "GL1", "--ignore", "GL5O1", "ALAS2.md"]) == 2
    assert capsys.readouterr().err == f"genelint: {raised.value}\n"


def test_per_file_ignores_turn_a_corpus_rule_off_for_their_pages_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("kept", "ignored"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "ALAS2.md").write_text(CLEAN.read_text())
    paths = ["kept/ALAS2.md", "ignored/ALAS2.md"]
    both = lint_paths(paths, select=["GL903"])
    assert sorted(f.path for f in both) == sorted(paths)
    config = {"per-file-ignores": {"ignored/*.md": ["duplicate-gene-page"]}}
    # The ignored page's facts are not collected, so the kept one has no duplicate left.
    assert lint_paths(paths, select=["GL903"], config=config) == []


def test_the_selectors_that_name_nothing_are_given_as_written():
    from genelint.config import SelectorError, settings_from_table
    from genelint.engine import Linter

    settings = settings_from_table({"severity": {"GL5O1": "info", "GL302": "info"}})
    with pytest.raises(SelectorError) as raised:
        Linter(settings, load_registry(), select=["GL3"])
    assert raised.value.unknown == ["GL5O1"]
    with pytest.raises(SelectorError) as raised:
        Linter(settings_from_table({}), load_registry(), select=["GL3", "gl_999"])
    assert raised.value.unknown == ["gl_999"]
