"""`git diff` with journeykit as the external diff driver.

Git calls the driver with `path old-file old-hex old-mode new-file new-hex new-mode`,
plus `new-path rename-info` for a rename; an added or deleted side is `/dev/null`. Each
side is compared in the context of its workspace in the work tree (the catalogs and the
other journeys), with this one file replaced by that side's content.
"""

from __future__ import annotations

from pathlib import Path

from journeykit.diff.changes import DiffReport
from journeykit.diff.comparison import Comparison
from journeykit.diff.engine import diff_workspace
from journeykit.diff.snapshot import Snapshot, analyse
from journeykit.diff.sources import DiffUsageError
from journeykit.fileio.gitio import GitError, Repo
from journeykit.loader.source import load_bytes, load_file
from journeykit.model import FileKind
from journeykit.workspace.config import open_workspace
from journeykit.workspace.discovery import Workspace

NULL = "/dev/null"
USAGE = "--git-external takes the 7 or 9 arguments git passes to a diff driver"


def external_diff(args: list[str], cwd: Path) -> DiffReport:
    if len(args) not in (7, 9):
        raise DiffUsageError(f"{USAGE}, not {len(args)}")
    path, old_file, _, _, new_file, _, _ = args[:7]
    new_path = args[7] if len(args) == 9 else path
    try:
        top = Repo.discover(cwd).root
    except GitError:
        top = cwd
    workspace = open_workspace(_existing(top / new_path))
    old_rel, new_rel = workspace.rel(top / path), workspace.rel(top / new_path)
    old = _side(workspace, old_rel, old_file, f"a/{path}", exclude={new_rel})
    new = _side(workspace, new_rel, new_file, f"b/{new_path}", exclude={old_rel})
    cmp = Comparison(old, new, ".", {old_rel}, {new_rel}, {old_rel: new_rel})
    report = DiffReport(f"a/{path}", f"b/{new_path}")
    report.workspaces.append(diff_workspace(cmp))
    return report


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _side(workspace: Workspace, rel: str, content: str, label: str, exclude: set[str]) -> Snapshot:
    limits = workspace.config.limits.limits()
    skip = {rel, *exclude}
    sources = [
        load_file(f.path, f.rel, f.kind, limits) for f in workspace.files() if f.rel not in skip
    ]
    if content != NULL:
        try:
            data = Path(content).read_bytes()
        except OSError as exc:
            raise DiffUsageError(f"{content}: cannot read: {exc.strerror}") from None
        kind = FileKind.for_name(rel.rpartition("/")[2])
        sources.append(load_bytes(data, rel, kind, limits))
    return analyse(label, workspace.root, workspace.config, sources)
