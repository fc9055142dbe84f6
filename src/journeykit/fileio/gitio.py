"""Reading a git repository through the `git` command: revisions, trees, blobs, changes.

Only plumbing-stable output is parsed (`-z`, `--name-status`, `cat-file --batch`), and
the user's diff drivers and pagers are switched off, so journeykit running as a git diff
driver cannot recurse into itself.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

NULL_SHA = "0" * 40


class GitError(Exception):
    """A git command failed, or the input names nothing in the repository: exit 2."""


@dataclass(frozen=True, slots=True)
class FileChange:
    """One line of `git diff --name-status -M`: a file added, deleted, modified or renamed."""

    status: str
    """A (added), D (deleted), M (modified), R (renamed), C (copied), T (type changed)."""
    old_path: str | None
    new_path: str | None
    similarity: int | None = None
    """For renames and copies, how alike the two files are, in percent."""


def _header(line: bytes) -> tuple[str, int] | None:
    """`<sha> <type> <size>` -> (type, size); None for `<name> missing` and the like."""
    parts = line.split(b" ")
    if len(parts) != 3 or not parts[2].isdigit():
        return None
    return parts[1].decode("ascii", "replace"), int(parts[2])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS", "GIT_PAGER", "PAGER"):
        env.pop(name, None)
    env["GIT_OPTIONAL_LOCKS"] = "0"
    env["LC_ALL"] = "C"
    return env


def run_git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run `git args` in `cwd`; a failure becomes a GitError with git's own first line."""
    try:
        proc = subprocess.run(
            ["git", "--no-pager", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=_env(),
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = lines[0].removeprefix("fatal: ") if lines else f"exit status {proc.returncode}"
        raise GitError(f"git {args[0]} failed: {detail}")
    return proc.stdout


@dataclass(frozen=True, slots=True)
class Repo:
    """A work tree and its repository."""

    root: Path

    @classmethod
    def discover(cls, start: Path) -> Repo:
        folder = start if start.is_dir() else start.parent
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        try:
            out = run_git(["rev-parse", "--show-toplevel"], folder)
        except GitError:
            raise GitError(f"{start}: not inside a git repository") from None
        return cls(Path(out.decode("utf-8").strip()).resolve())

    def rel(self, path: Path) -> str:
        """`path` relative to the work-tree root, with forward slashes; '' for the root."""
        full = path if path.is_absolute() else Path.cwd() / path
        try:
            rel = Path(os.path.normpath(full)).relative_to(self.root)
        except ValueError:
            try:
                rel = full.resolve().relative_to(self.root)
            except ValueError:
                raise GitError(f"{path}: outside the repository at {self.root}") from None
        text = rel.as_posix()
        return "" if text == "." else text

    def resolve(self, rev: str) -> str:
        """The commit `rev` names, as a full hash; GitError for an unknown revision."""
        if not rev or rev.startswith("-") or "\n" in rev:
            raise GitError(f"invalid revision {rev!r}")
        try:
            out = run_git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], self.root)
        except GitError:
            raise GitError(f"unknown revision {rev!r}") from None
        return out.decode("ascii").strip()

    def object_type(self, commit: str, path: str) -> str | None:
        """'blob', 'tree' or None when `path` does not exist at `commit`."""
        if path in ("", "."):
            return "tree"
        if "\n" in path:
            return None
        request = f"{commit}:{path}\n".encode("utf-8", "surrogateescape")
        header = _header(run_git(["cat-file", "--batch-check"], self.root, request).rstrip(b"\n"))
        return header[0] if header else None

    def list_files(self, commit: str, prefix: str = "") -> list[str]:
        """Every file under `prefix` at `commit`, relative to the repository root."""
        args = ["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit]
        if prefix:
            args += ["--", prefix]
        out = run_git(args, self.root)
        return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]

    def blob_sizes(self, commit: str, paths: list[str]) -> dict[str, int]:
        """The size of each path that is a blob at `commit`, from one `cat-file --batch-check`
        (which reads no content)."""
        paths = [p for p in paths if "\n" not in p]  # the batch protocol is line-based
        if not paths:
            return {}
        request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8", "surrogateescape")
        lines = run_git(["cat-file", "--batch-check"], self.root, request).split(b"\n")
        sizes: dict[str, int] = {}
        for path, line in zip(paths, lines, strict=False):
            header = _header(line)
            if header is not None and header[0] == "blob":
                sizes[path] = header[1]
        return sizes

    def read_blobs(
        self, commit: str, paths: list[str], max_size: int | None = None
    ) -> tuple[dict[str, bytes], dict[str, int]]:
        """The content of each path at `commit`, read by one `git cat-file --batch`, and
        the sizes of the blobs over `max_size`, whose content is never read: the sizes come
        first, so a 1 GB blob in history costs a header line, not a gigabyte."""
        paths = [p for p in paths if "\n" not in p]  # the batch protocol is line-based
        if not paths:
            return {}, {}
        too_large: dict[str, int] = {}
        if max_size is not None:
            sizes = self.blob_sizes(commit, paths)
            too_large = {p: n for p, n in sizes.items() if n > max_size}
            paths = [p for p in paths if p in sizes and p not in too_large]
            if not paths:
                return {}, too_large
        request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8", "surrogateescape")
        out = run_git(["cat-file", "--batch"], self.root, request)
        blobs: dict[str, bytes] = {}
        pos = 0
        for path in paths:
            end = out.index(b"\n", pos)
            header = _header(out[pos:end])
            pos = end + 1
            if header is None:
                continue
            kind, size = header
            if kind == "blob":
                blobs[path] = out[pos : pos + size]
            pos += size + 1
        return blobs, too_large

    def changes(self, base: str, head: str | None, paths: list[str]) -> list[FileChange]:
        """Files that differ between `base` and `head` (None: the work tree, untracked too)."""
        args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base]
        if head is not None:
            args.append(head)
        args += ["--", *paths] if paths else []
        fields = run_git(args, self.root).decode("utf-8", "surrogateescape").split("\0")
        found: list[FileChange] = []
        i = 0
        while i < len(fields) and fields[i]:
            status = fields[i]
            letter = status[0]
            if letter in "RC":
                score = int(status[1:]) if status[1:].isdigit() else None
                found.append(FileChange(letter, fields[i + 1], fields[i + 2], score))
                i += 3
                continue
            path = fields[i + 1]
            old = None if letter == "A" else path
            new = None if letter == "D" else path
            found.append(FileChange(letter, old, new))
            i += 2
        if head is None:
            found.extend(FileChange("A", None, p) for p in self.untracked(paths))
        return found

    def visible_files(self, prefix: str) -> set[str]:
        """Work-tree files git knows or would add: tracked, or untracked and not ignored."""
        args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name"]
        out = run_git([*args, "--", prefix] if prefix else args, self.root)
        return {p for p in out.decode("utf-8", "surrogateescape").split("\0") if p}

    def untracked(self, paths: list[str]) -> list[str]:
        args = ["ls-files", "-z", "--others", "--exclude-standard", "--full-name"]
        out = run_git([*args, "--", *paths] if paths else args, self.root)
        return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]
