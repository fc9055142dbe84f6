"""A real git repository in a temporary folder, seeded with the `shop` workspace."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gitrepo import GitRepo

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, git_command: str) -> None:
    """No global or system git configuration, in git and in journeykit's own git calls
    (and git itself, which the tests need: `git_command` fails without it)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_EXTERNAL_DIFF", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A repository whose first commit (tagged `base`) holds the shop workspace."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "shop", root)
    repo = GitRepo(root)
    repo.git("init", "-q", "-b", "main")
    repo.commit("the shop")
    repo.git("tag", "base")
    monkeypatch.chdir(root)
    return repo
