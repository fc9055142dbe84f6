"""`run.py --against REV`: a git revision of this repository, installed to be timed.

The revision's tree goes into a temporary folder (`git archive`, so the repository's
worktrees and index are left alone) and is installed, not editable, into a venv of its
own. Its dependencies are pinned to the versions this venv has, so both sides run on the
same libraries and pip takes them from its cache (or the index, if it must).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from timing import REPO, Side

_PINNED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==\S+$")


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, check=True).stdout


def _constraints(path: Path) -> None:
    """This venv's packages as pip constraints (journeykit itself and non-PyPI lines left out)."""
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude", "journeykit"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pins = [line for line in frozen.splitlines() if _PINNED.match(line)]
    path.write_text("\n".join(pins) + "\n", encoding="utf-8")


@contextmanager
def installed(rev: str) -> Iterator[Side]:
    """REV installed in a temporary venv, as a side; the folder is removed afterwards."""
    commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}").decode().strip()
    with tempfile.TemporaryDirectory(prefix="journeykit-against-") as tmp:
        root = Path(tmp)
        tree, venv = root / "src", root / "venv"
        with tarfile.open(fileobj=io.BytesIO(_git("archive", "--format=tar", commit))) as tar:
            tar.extractall(tree, filter="data")
        # No pip of its own: this venv's pip installs into it (`pip --python`).
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = venv / "bin" / "python"
        _constraints(root / "constraints.txt")
        install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
        subprocess.run(
            [*install, "--constraint", str(root / "constraints.txt"), f"{tree}[measure,spark]"],
            check=True,
        )
        label = f"{rev} ({commit[:9]})" if not commit.startswith(rev) else commit[:9]
        # PYTHONPATH removed: a PYTHONPATH=src of the caller's would run the working tree.
        yield Side(label, str(venv / "bin" / "journeykit"), str(python), {"PYTHONPATH": None})
