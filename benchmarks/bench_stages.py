"""Where `check --offline --jobs 1` spends its CPU time, stage by stage, beside the parse floor.

    python benchmarks/bench_stages.py [--corpus DIR] [--count 2000] [--rounds 3]

In this process, over a corpus (make_corpus.py, seed 1, unless --corpus): the parse floor
(python-frontmatter + mistune's AST, as bench_check.py times it), reading the files, the
parser (and each of its parts, by wrapping the functions genelint.parser.parse calls), each
per-page rule, the corpus rules' fact collection, the suppression comments and freeing the
page (where the run drops it; nothing else keeps it alive); and the parser alone, in a loop
of its own as the floor is (between the rules it measures 5-15% more: they take the CPU
caches, and the stage timers cost a little). CPU seconds
(time.process_time), the least of --rounds rounds each, so that other work on a shared
machine weighs less; figures, never pass/fail. The run's own overhead (file selection,
start-up, the report) is not in it: run_all.py times the whole command.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def floor_seconds(paths: list[Path]) -> float:
    import frontmatter
    import mistune

    markdown = mistune.create_markdown(renderer="ast", plugins=["table"])
    start = time.process_time()
    for path in paths:
        markdown(frontmatter.loads(path.read_text(encoding="utf-8")).content)
    return time.process_time() - start


def parse_alone_seconds(paths: list[Path]) -> float:
    """The parser alone, reading each file and parsing it in a loop of its own, as the floor
    is timed: no stage timers, and no rules between two pages to take the CPU caches."""
    import genelint.parser as parser
    from genelint.config import load_settings
    from genelint.engine import read_raw

    settings = load_settings(None, paths[0].parent)
    options = settings.parser_options()
    start = time.process_time()
    for path in paths:
        parser.parse_bytes(read_raw(str(path), settings), str(path), options)
    return time.process_time() - start


def _timing(parts: Counter, name: str, function):
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            parts[name] += time.process_time() - start

    return timed


def check_seconds(paths: list[Path]) -> Counter:
    """CPU seconds of each stage of checking `paths` as `check --offline --jobs 1` does."""
    import genelint.parser as parser
    from genelint.config import load_settings
    from genelint.engine import Linter, read_raw
    from genelint.registry import load_registry
    from genelint.rule import CorpusRule
    from genelint.suppress import parse_suppressions

    settings = load_settings(None, paths[0].parent)
    linter = Linter(settings, load_registry(settings.rule_paths), offline=True)
    options = settings.parser_options()
    linter.check_document(parser.parse_bytes(read_raw(str(paths[0]), settings), "", options))
    parts: Counter = Counter()
    # The parser's parts: every function genelint.parser.parse calls by a module-level name.
    wrapped = {
        name: getattr(parser, name)
        for name in dir(parser)
        if name.startswith("_parse") or name in ("_Scanner", "_text_lines", "LineIndex")
    }
    for name, function in wrapped.items():
        setattr(parser, name, _timing(parts, f"parse: {name.strip('_')}", function))
    try:
        page_rules = [rule for rule in linter._instances.values() if _checks_one_page(rule)]
        fact_rules = [rule for rule in linter._instances.values() if isinstance(rule, CorpusRule)]
        for path in paths:
            start = time.process_time()
            raw = read_raw(str(path), settings)
            parts["read"] += time.process_time() - start
            start = time.process_time()
            doc = parser.parse_bytes(raw, str(path), options)
            parts["parse"] += time.process_time() - start
            for rule in page_rules:
                start = time.process_time()
                list(rule.check(doc, linter.context(rule)))
                parts[f"rule: {rule.code}"] += time.process_time() - start
            for rule in fact_rules:
                start = time.process_time()
                rule.collect(doc, linter.context(rule))
                parts[f"facts: {rule.code}"] += time.process_time() - start
            start = time.process_time()
            parse_suppressions(doc.comments, doc.lines.line_count, set())
            parts["suppression comments"] += time.process_time() - start
            start = time.process_time()
            del doc  # the last reference: the page's objects are freed here
            parts["free the page"] += time.process_time() - start
    finally:
        for name, function in wrapped.items():
            setattr(parser, name, function)
    return parts


def _checks_one_page(rule) -> bool:
    """A rule the per-page phase runs (not a network, corpus or suppression rule)."""
    from genelint.rule import CorpusRule

    return not (
        isinstance(rule, CorpusRule)
        or "lookups" in rule.needs
        or getattr(rule, "phase", "document") == "suppressions"
        or getattr(rule, "kind", "document") != "document"
    )


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpus", type=Path, help="a folder of pages (default: generate one)")
    arguments.add_argument("--count", type=int, default=2000, help="pages to generate")
    arguments.add_argument("--rounds", type=int, default=3, help="rounds; the least is shown")
    args = arguments.parse_args()
    from make_corpus import corpus_folder

    with corpus_folder(args.corpus, args.count) as corpus:
        paths = sorted(Path(corpus).glob("*.md"))
        floors, alone, rounds = [], [], []
        for _ in range(args.rounds):
            floors.append(floor_seconds(paths))
            alone.append(parse_alone_seconds(paths))
            rounds.append(check_seconds(paths))
    floor, parse_alone = min(floors), min(alone)
    least = Counter({name: min(r[name] for r in rounds) for name in rounds[0]})
    rules = sum(v for k, v in least.items() if k.startswith(("rule:", "facts:")))
    total = (
        least["read"]
        + least["parse"]
        + rules
        + least["suppression comments"]
        + least["free the page"]
    )
    print(f"{len(paths)} pages, CPU seconds (least of {args.rounds} rounds)")
    print(f"  parse floor (frontmatter + mistune)   {floor:7.3f}")
    print(f"  read                                  {least['read']:7.3f}")
    print(
        f"  parse                                 {least['parse']:7.3f}  {least['parse'] / floor:5.2f}x floor"
    )
    for name, seconds in sorted(least.items(), key=lambda kv: -kv[1]):
        if name.startswith("parse: "):
            print(f"    {name[7:]:34}  {seconds:7.3f}")
    print(
        f"    alone (own loop, as the floor)      {parse_alone:7.3f}  {parse_alone / floor:5.2f}x floor"
    )
    print(f"  rules and facts                       {rules:7.3f}  {rules / floor:5.2f}x floor")
    for name, seconds in sorted(least.items(), key=lambda kv: -kv[1])[:60]:
        if name.startswith(("rule:", "facts:")) and seconds >= 0.01:
            print(f"    {name:34}  {seconds:7.3f}")
    print(f"  suppression comments                  {least['suppression comments']:7.3f}")
    print(f"  free the page                         {least['free the page']:7.3f}")
    print(f"  all of the above                      {total:7.3f}  {total / floor:5.2f}x floor")


if __name__ == "__main__":
    main()
