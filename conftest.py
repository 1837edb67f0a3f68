"""Makes `python -m pytest` from the checkout test genelint as installed, as `pytest` does.

`python -m` puts the current folder first on sys.path, and there genelint/ has no rules/: the
rule pack (rules/) becomes `genelint.rules` only through the install (pip install -e maps it
in place, pip install copies it). Taking the checkout off sys.path lets the install answer.
"""

import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != CHECKOUT]
