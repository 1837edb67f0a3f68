"""Which config each open page uses, as the CLI finds it (the nearest genelint.toml, or
pyproject.toml with [tool.genelint]), and the linters made from it. A config that cannot be
used is reported once and the last good one for that file stays in use."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from genelint.config import (
    ConfigError,
    Settings,
    find_config,
    load_settings,
)
from genelint.engine import Linter
from genelint.registry import Registry, RegistryError, load_registry
from genelint.rule import Answer, Lookup

# The reason a lookup has no answer while the page is being typed: answers come from lookups
# made in the background when the page is opened or saved, never on a keystroke.
NOT_LOOKED_UP = "not looked up yet (pages are looked up when opened or saved)"


class AnswerMemory:
    """The services' answers this server has been given, for the checks run as the user types.
    A failed lookup (GL010) is shown until the page is looked up again (opened or saved)."""

    def __init__(self) -> None:
        self._answers: dict[Lookup, Answer] = {}
        self._failed: dict[Lookup, Answer] = {}
        self._lock = threading.Lock()

    def remembered(self, lookups) -> dict[Lookup, Answer]:
        with self._lock:
            return {
                lookup: self._answers.get(lookup)
                or self._failed.get(lookup)
                or Answer("error", error=NOT_LOOKED_UP)
                for lookup in lookups
            }

    def missing(self, lookups) -> set[Lookup]:
        """What a lookup run should ask: never answered, or failed last time."""
        with self._lock:
            return {lookup for lookup in lookups if lookup not in self._answers}

    def remember(self, answers: dict[Lookup, Answer]) -> None:
        with self._lock:
            for lookup, answer in answers.items():
                if answer.status == "error":
                    self._failed[lookup] = answer
                else:
                    self._answers[lookup] = answer
                    self._failed.pop(lookup, None)


@dataclass
class Profile:
    """One config's settings and the linters the server runs with it."""

    config: Path | None
    settings: Settings
    registry: Registry
    typing: Linter  # every rule; network rules only over answers already remembered
    looking_up: Linter  # every rule, asking the services (run in the background)


def load_profile(config: Path | None, memory: AnswerMemory) -> Profile:
    """The profile of a config file (None: the defaults); ConfigError when it cannot be used."""
    settings = load_settings(config) if config is not None else Settings()
    try:
        registry = load_registry(settings.rule_paths)
    except RegistryError as err:
        raise ConfigError(str(err)) from None
    offline = settings.offline or os.environ.get("GENELINT_OFFLINE", "") not in ("", "0")

    def ask_and_remember(lookups):
        from genelint.services import resolve

        answers = resolve(lookups, settings.services)
        memory.remember(answers)
        return answers

    return Profile(
        config=config,
        settings=settings,
        registry=registry,
        typing=Linter(settings, registry, offline=offline, answers_provider=memory.remembered),
        looking_up=Linter(settings, registry, offline=offline, answers_provider=ask_and_remember),
    )


class Profiles:
    """Profiles by config file, and the config file of each folder, until a config changes."""

    def __init__(self, say_error: Callable[[str], None], memory: AnswerMemory) -> None:
        self._say_error = say_error
        self._memory = memory
        self._by_config: dict[Path | None, Profile] = {}
        self._config_of: dict[str, Path | None] = {}  # folder -> its config file
        # The error last shown about each config file: shown once until the file is good again.
        self._said: dict[Path | None, str] = {}

    def for_path(self, path: str) -> Profile:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._config_of:
            try:
                self._config_of[folder] = find_config(Path(folder))
            except ConfigError as err:  # an unreadable pyproject.toml: said, and the defaults used
                self._say(None, str(err))
                self._config_of[folder] = None
        config = self._config_of[folder]
        profile = self._by_config.get(config)
        if profile is None:
            profile = self._load(config, last_good=None)
        return profile

    def _load(self, config: Path | None, last_good: Profile | None) -> Profile:
        try:
            profile = load_profile(config, self._memory)
            self._said.pop(config, None)
        except ConfigError as err:
            self._say(config, str(err))
            profile = last_good or self._by_config.get(None) or load_profile(None, self._memory)
        self._by_config[config] = profile
        return profile

    def reload(self) -> None:
        """Read every config again (one has changed, or a new one may now be nearer a page)."""
        known = dict(self._by_config)
        self._by_config.clear()
        self._config_of.clear()
        for config, profile in known.items():
            if config is None or config.is_file():
                self._load(config, last_good=profile)

    def _say(self, config: Path | None, message: str) -> None:
        if self._said.get(config) != message:
            self._said[config] = message
            self._say_error(f"genelint: {message}")
