"""What a hostile repository or configuration could make genelint do, refused: service URLs that
are not HTTPS (plain HTTP only to this machine) and rule modules from outside the repository."""

from __future__ import annotations

import subprocess

import pytest

from genelint.cli import main
from genelint.services import ServiceSettings

PAGE = "---\ntitle: ALAS2\n---\n# ALAS2\n"


@pytest.mark.parametrize(
    "url",
    [
        "http://api.crossref.org",
        "http://10.0.0.1/x",
        "ftp://example.org",
        "file:///etc/passwd",
        "https://",
        "api.crossref.org",
    ],
)
def test_a_service_url_that_is_not_https_is_refused(url):
    with pytest.raises(ValueError, match=r"services\.crossref .*must be an https:// URL"):
        ServiceSettings.from_table({"crossref": url}, {})
    with pytest.raises(ValueError, match="GENELINT_CROSSREF_URL"):
        ServiceSettings.from_table({}, {"GENELINT_CROSSREF_URL": url})


@pytest.mark.parametrize(
    "url",
    [
        "https://api.crossref.org",
        "http://127.0.0.1:8080",
        "http://127.5.0.1/x",
        "http://[::1]:9/x",
        "http://localhost:1",
        "http://eutils.genelint-test.invalid/e",
    ],
)
def test_https_anywhere_and_plain_http_to_this_machine_are_accepted(url):
    assert ServiceSettings.from_table({"crossref": url}, {}).urls["crossref"] == url


def _repository(tmp_path, config: str):
    repository = tmp_path / "curation"
    repository.mkdir()
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    (repository / "genelint.toml").write_text(config)
    (repository / "ALAS2.md").write_text(PAGE)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "evil.py").write_text("open(__file__ + '.ran', 'w').close()\n")
    return repository, outside


@pytest.mark.parametrize("written", ["../elsewhere", "TMP/elsewhere", "link"])
def test_rule_paths_outside_the_repository_are_refused(tmp_path, monkeypatch, capsys, written):
    repository, outside = _repository(tmp_path, "")
    (repository / "link").symlink_to(outside)  # a symlink out of the tree is outside too
    written = written.replace("TMP", str(tmp_path))
    (repository / "genelint.toml").write_text(f'rule-paths = ["{written}"]\n')
    monkeypatch.chdir(repository)
    assert main(["check", "--offline", "ALAS2.md"]) == 2
    error = capsys.readouterr().err
    assert (
        "rule-paths" in error
        and "outside the repository" in error
        and "allow-external-rule-paths = true" in error
    )
    assert not (outside / "evil.py.ran").exists()


def test_rule_paths_outside_are_loaded_when_the_config_allows_it(tmp_path, monkeypatch, capsys):
    repository, outside = _repository(
        tmp_path, 'rule-paths = ["../elsewhere"]\nallow-external-rule-paths = true\n'
    )
    monkeypatch.chdir(repository)
    main(["check", "--offline", "ALAS2.md"])
    assert (outside / "evil.py.ran").exists()


def test_rule_paths_inside_the_repository_need_no_permission(tmp_path, monkeypatch, capsys):
    repository, _ = _repository(tmp_path, 'rule-paths = ["rules"]\n')
    (repository / "rules").mkdir()
    (repository / "rules" / "mine.py").write_text("open(__file__ + '.ran', 'w').close()\n")
    monkeypatch.chdir(repository)
    main(["check", "--offline", "ALAS2.md"])
    assert (repository / "rules" / "mine.py.ran").exists()
