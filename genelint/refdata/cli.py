"""`genelint refdata status` and `genelint refdata update`.

`settings` is the `[tool.genelint.refdata]` table, kebab-case keys as in SETTINGS_DEFAULTS.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from genelint.refdata.locations import updated_index
from genelint.refdata.table import load_gene_table
from genelint.refdata.update import DEFAULT_HGNC_URL, DEFAULT_NCBI_URL, UpdateError, update_refdata

SETTINGS_DEFAULTS = {
    "path": None,  # a team's own index (.sqlite or .sqlite.xz); wins over the cache and the bundle
    "max-age-days": 365,  # `status` warns when the oldest source snapshot is older than this
    "ncbi-url": DEFAULT_NCBI_URL,
    "hgnc-url": DEFAULT_HGNC_URL,
}

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "refdata", help="show or update the reference gene data (NCBI Gene, HGNC)"
    )
    actions = parser.add_subparsers(
        dest="refdata_command", metavar="{status,update}", required=True
    )
    actions.add_parser("status", help="which reference data is used, its sources, dates and counts")
    update = actions.add_parser(
        "update", help="download NCBI Gene and HGNC and rebuild the cached index"
    )
    update.add_argument(
        "--ncbi-url", help="NCBI Homo_sapiens.gene_info[.gz] to download (config ncbi-url)"
    )
    update.add_argument(
        "--hgnc-url", help="HGNC hgnc_complete_set.txt to download (config hgnc-url)"
    )
    return parser


def run(args: argparse.Namespace, settings: dict) -> int:
    unknown = sorted(set(settings) - set(SETTINGS_DEFAULTS))
    if unknown:
        print(
            f"genelint refdata: unknown setting(s) {', '.join(unknown)} in [tool.genelint.refdata]; "
            f"known: {', '.join(SETTINGS_DEFAULTS)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    config = {**SETTINGS_DEFAULTS, **settings}
    if args.refdata_command == "status":
        return show_status(config)
    return run_update(
        config, args.ncbi_url or config["ncbi-url"], args.hgnc_url or config["hgnc-url"]
    )


def show_status(config: dict, today: date | None = None) -> int:
    try:
        table = load_gene_table(config["path"])
    except (OSError, ValueError) as error:
        print(f"genelint refdata: {error}", file=sys.stderr)
        return EXIT_FAILED
    source = table.source
    counts = source["counts"]
    print(f"reference data: {source['origin']} ({source['location']})")
    for described in source["sources"]:
        print(
            f"  {described['name']}: snapshot {described['date']}, {described['rows']:,} rows "
            f"from {described.get('url', described['file'])}"
        )
    print(
        f"  genes: {counts['genes']:,} ({counts['protein_coding']:,} protein-coding, "
        f"{counts['with_hgnc_id']:,} with an HGNC ID); built {source['built']} by {source['built_by']}"
    )
    oldest = min(source["sources"], key=lambda described: described["date"])
    age = ((today or date.today()) - date.fromisoformat(oldest["date"])).days
    if age > int(config["max-age-days"]):
        print(
            f"warning: the {oldest['name']} snapshot is {age:,} days old (max-age-days is "
            f"{config['max-age-days']}); run `genelint refdata update`",
            file=sys.stderr,
        )
    return EXIT_OK


def run_update(config: dict, ncbi_url: str, hgnc_url: str) -> int:
    try:
        source = update_refdata(
            ncbi_url, hgnc_url, progress=lambda message: print(message, file=sys.stderr)
        )
    except UpdateError as error:
        print(
            f"genelint refdata update failed: {error}\nThe previous reference data is still in use.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    load_gene_table.cache_clear()  # later lookups in this process see the new data
    for described in source["sources"]:
        print(f"{described['name']}: snapshot {described['date']}, {described['rows']:,} rows")
    print(f"reference data updated: {source['counts']['genes']:,} genes in {updated_index()}")
    if config["path"]:
        print(
            f"note: [tool.genelint.refdata] path = {config['path']} is configured and is used instead",
            file=sys.stderr,
        )
    return EXIT_OK
