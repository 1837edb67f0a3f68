"""Which folder is the repository: the nearest one holding `.git`, looked for upwards, where
a folder this user may not look into is passed over instead of stopping the run."""

import os
from pathlib import Path

from genelint.config import repository_root
from genelint.reporters import find_repository_root


def test_the_nearest_folder_holding_git_is_the_root(tmp_path):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "content" / "genes").mkdir(parents=True)
    assert repository_root(tmp_path / "repo" / "content" / "genes") == str(tmp_path / "repo")


def test_a_git_file_of_a_worktree_counts(tmp_path):
    (tmp_path / "wt").mkdir()
    (tmp_path / "wt" / ".git").write_text("gitdir: /elsewhere\n")
    assert find_repository_root(str(tmp_path / "wt")) == str(tmp_path / "wt")


def test_without_git_the_start_is_the_root(tmp_path, monkeypatch):
    start = tmp_path / "pages"
    start.mkdir()
    real_stat = os.stat

    def no_git_anywhere(path, *args, **kwargs):
        if Path(path).name == ".git":
            raise FileNotFoundError(path)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", no_git_anywhere)
    assert repository_root(start) == str(start)


def test_a_folder_closed_to_the_user_is_passed_over(tmp_path, monkeypatch):
    # As a user for whom a parent folder is closed (mode 0700, another owner), stat raises
    # PermissionError: the run goes on (this was a traceback when the cwd lay below one).
    (tmp_path / ".git").mkdir()
    start = tmp_path / "closed" / "pages"
    start.mkdir(parents=True)
    real_stat = os.stat

    def closed(path, *args, **kwargs):
        if str(path).startswith(str(tmp_path / "closed")):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", closed)
    assert find_repository_root(str(start)) == str(tmp_path)
