"""`genelint refdata update`: download NCBI Gene and HGNC, validate, rebuild the cached index.

Everything is downloaded into a scratch folder beside the index and checked before the new
index replaces the old one in a single rename, so a 404, an HTML error page served with 200,
a truncated gzip or a short file leaves the previous data untouched.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import requests

from genelint import __version__
from genelint.refdata.build import SourceNote, build_index
from genelint.refdata.locations import updated_index
from genelint.refdata.sources import (
    HGNC_ROW_BOUNDS,
    NCBI_ROW_BOUNDS,
    RowBounds,
    SourceError,
    read_hgnc,
    read_ncbi,
)

DEFAULT_NCBI_URL = (
    "https://ftp.ncbi.nlm.nih.gov/gene/DATA/GENE_INFO/Mammalia/Homo_sapiens.gene_info.gz"
)
DEFAULT_HGNC_URL = (
    "https://storage.googleapis.com/public-download-files/hgnc/tsv/tsv/hgnc_complete_set.txt"
)
# (connect, read) seconds; the read timeout applies per chunk, so large files are fine.
DOWNLOAD_TIMEOUT = (15, 120)
CHUNK_SIZE = 1 << 20


class UpdateError(Exception):
    """The update could not finish; the previous reference data is still in place."""


def update_refdata(
    ncbi_url: str = DEFAULT_NCBI_URL,
    hgnc_url: str = DEFAULT_HGNC_URL,
    target: Path | None = None,
    ncbi_bounds: RowBounds | None = None,
    hgnc_bounds: RowBounds | None = None,
    progress=print,
) -> dict:
    """Download both sources, build the index into `target` (default: the cache) and return
    its source description. Raises UpdateError, leaving `target` as it was, on any failure."""
    target = target or updated_index()
    ncbi_bounds = ncbi_bounds or NCBI_ROW_BOUNDS
    hgnc_bounds = hgnc_bounds or HGNC_ROW_BOUNDS
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent, prefix=".update-") as scratch:
            ncbi_file = download(ncbi_url, Path(scratch) / "ncbi", progress)
            hgnc_file = download(hgnc_url, Path(scratch) / "hgnc", progress)
            ncbi = read_ncbi(ncbi_file, ncbi_bounds, label=ncbi_url)
            hgnc = read_hgnc(hgnc_file, hgnc_bounds, label=hgnc_url)
            # The official files carry modification dates; for any other layout, the day
            # it was downloaded is the best snapshot date there is.
            today = date.today().isoformat()
            return build_index(
                ncbi,
                hgnc,
                target,
                SourceNote("NCBI Gene", None if ncbi.date else today, ncbi_url),
                SourceNote("HGNC", None if hgnc.date else today, hgnc_url),
            )
    except SourceError as error:
        raise UpdateError(f"rejected {error}") from error
    except OSError as error:
        raise UpdateError(f"cannot write the reference data in {target.parent}: {error}") from error


def download(url: str, destination: Path, progress=print) -> Path:
    progress(f"downloading {url}")
    headers = {"User-Agent": f"genelint/{__version__} (refdata update)"}
    try:
        with requests.get(url, stream=True, timeout=DOWNLOAD_TIMEOUT, headers=headers) as response:
            if response.status_code != 200:
                raise UpdateError(f"{url}: HTTP {response.status_code} {response.reason}")
            content_type = response.headers.get("Content-Type", "")
            if "html" in content_type.lower():
                raise UpdateError(
                    f"{url}: the server sent a web page ({content_type}), not a gene table"
                )
            with destination.open("wb") as out:
                for chunk in response.iter_content(CHUNK_SIZE):
                    out.write(chunk)
    except requests.RequestException as error:
        raise UpdateError(f"{url}: download failed ({error})") from error
    return destination
