"""The only code that talks to the network: one cached, paced session and a client per service."""

from genelint.services.resolve import resolve
from genelint.services.settings import ServiceSettings
from genelint.services.stats import RunStats
from genelint.services.stream import LookupStream

__all__ = ["resolve", "LookupStream", "ServiceSettings", "RunStats"]
