"""A blob over `max-file-size` in git history: its size is read, never its content."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from gitrepo import GitRepo
from journeykit.cli import app
from journeykit.fileio import gitio

CHECKOUT = "journeys/checkout.journey.yaml"
LIMIT = 4096


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The requests journeykit sends to `git cat-file --batch` (content, not sizes)."""
    sent: list[bytes] = []
    real = gitio.run_git

    def spy(args: list[str], cwd: object, stdin: bytes | None = None) -> bytes:
        if args[:2] == ["cat-file", "--batch"]:
            sent.append(stdin or b"")
        return real(args, cwd, stdin)  # type: ignore[arg-type]

    monkeypatch.setattr(gitio, "run_git", spy)
    return sent


def test_read_blobs_leaves_a_blob_over_the_limit_unread(
    repo: GitRepo, batches: list[bytes]
) -> None:
    repo.write("journeys/huge.journey.yaml", "# padding\n" * 1000)
    commit = repo.commit("a big file")
    git = gitio.Repo(repo.root)
    paths = [CHECKOUT, "journeys/huge.journey.yaml", "journeys/missing.journey.yaml"]
    blobs, too_large = git.read_blobs(commit, paths, LIMIT)
    assert too_large == {"journeys/huge.journey.yaml": 10_000}
    assert list(blobs) == [CHECKOUT]
    assert blobs[CHECKOUT] == repo.read(CHECKOUT).encode("utf-8")
    assert batches == [f"{commit}:{CHECKOUT}\n".encode()]


def test_diff_base_reports_jk004_for_a_blob_over_the_limit(
    repo: GitRepo, runner: CliRunner, batches: list[bytes]
) -> None:
    repo.write("journeykit.toml", f"[limits]\nmax-file-size = {LIMIT}\n")
    good = repo.read(CHECKOUT)
    assert len(good.encode("utf-8")) <= LIMIT
    repo.write(CHECKOUT, good + "# padding\n" * 1000)
    repo.commit("a checkout journey over the limit")
    repo.write(CHECKOUT, good)
    result = runner.invoke(app, ["diff", "--base", "HEAD", "-f", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    changes = [
        c
        for w in report["workspaces"]
        for group in (*(j["changes"] for j in w["journeys"]), w["catalog"], w["analysis"])
        for c in group
    ]
    # One change naming the cause, not JK004 fixed (nor the JK208 the other journey had
    # for its step into the journey that could not be read).
    assert [(c["kind"], c["message"]) for c in changes] == [
        (
            "journey-repaired",
            f"journey file {CHECKOUT} loads again (at HEAD: JK004 (file-too-large): "
            "file is larger than the limit of 4,096 bytes)",
        )
    ]
    assert all(CHECKOUT.encode() not in request for request in batches)
