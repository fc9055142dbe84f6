"""Graphviz's `dot` started once and forked for each picture: run as a script, not imported.

`python gvzygote.py LIBGVC LIBCGRAPH FORMAT FOLDER PARALLEL` loads Graphviz's own
libraries (those the `dot` program links), sets Graphviz up exactly as `dot -TFORMAT`
does before it reads its input (`gvContextPlugins`, `gvParseArgs`), and then forks one
copy of itself per picture. Each copy is that `dot` process at the moment it starts to
read: it reads `FOLDER/ID.in`, writes `FOLDER/ID.out` and `FOLDER/ID.err`, and does
what `dot`'s `main` does, graph by graph, before it exits with `dot`'s exit status. A
fork costs well under a millisecond where starting `dot` costs about ten (linking its
libraries, loading its plugins, reading the font configuration).

Graphviz keeps state between the graphs of one process (the order in which it walks a
graph's clusters follows the addresses of their names on the heap), so every picture
gets a copy made from the same untouched state, never a process that drew another one.
Between forks this process allocates nothing on the C heap: requests are read into one
buffer made at the start, and only Python's own small objects are made.

Requests on standard input, one a line: `ID TIMEOUT_MS`; answers on standard output:
`ready` once set up (or `failed WHY`), then `ID exit N`, `ID signal N` or `ID timeout`
for each request, in the order they end. At most PARALLEL copies run at once, the rest
wait in turn. End of input ends the copies still running, and this process. Each copy
dies with this process, and this process with its parent (PR_SET_PDEATHSIG).

Only the standard library is imported: this file runs in a bare interpreter.
"""

from __future__ import annotations

import _thread
import ctypes
import os
import select
import signal
import sys
import time

_PR_SET_PDEATHSIG = 1
_LC_ALL = 6
_BUFFER = 256
"""Small reads: every object they make is Python's own (not on the C heap)."""
_QUEUE = 32
_P = ctypes.c_void_p


class _Graphviz:
    """The libraries and the context, set up as `dot -TFORMAT` sets them up."""

    def __init__(self, gvc_path: str, cgraph_path: str, fmt: str) -> None:
        self.libc = ctypes.CDLL(None)
        # dot never calls setlocale(LC_ALL, ""): its locale is "C", which Pango reads too.
        self.libc.setlocale.argtypes = [ctypes.c_int, ctypes.c_char_p]
        self.libc.setlocale(_LC_ALL, b"C")
        self.libc.fflush.argtypes = [_P]
        self.libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong]
        _fonts_read()
        self.cgraph = ctypes.CDLL(cgraph_path, mode=ctypes.RTLD_GLOBAL)
        self.gvc = ctypes.CDLL(gvc_path, mode=ctypes.RTLD_GLOBAL)
        gvc = self.gvc
        gvc.gvContextPlugins.restype = _P
        gvc.gvContextPlugins.argtypes = [_P, ctypes.c_int]
        gvc.gvParseArgs.argtypes = [_P, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        gvc.gvNextInputGraph.restype = _P
        gvc.gvNextInputGraph.argtypes = [_P]
        for name in ("gvLayoutJobs", "gvRenderJobs", "gvFreeLayout"):
            getattr(gvc, name).argtypes = [_P, _P]
        gvc.gvFinalize.argtypes = [_P]
        gvc.gvFreeContext.argtypes = [_P]
        self.cgraph.agclose.argtypes = [_P]
        # As dot's main: no built-in plugins (an empty list), plugins loaded on demand.
        self._builtins = (_P * 2)(None, None)
        self.context = gvc.gvContextPlugins(self._builtins, 1)
        if not self.context:
            raise OSError("gvContextPlugins failed")
        ctypes.c_int.in_dll(gvc, "GvExitOnUsage").value = 1
        self._argv = (ctypes.c_char_p * 3)(b"dot", b"-T" + fmt.encode("ascii"), None)
        gvc.gvParseArgs(self.context, 2, self._argv)

    def draw(self) -> int:
        """dot's main from its first graph on: every graph of standard input, in turn."""
        gvc, context = self.gvc, self.context
        code, prev = 0, None
        while True:
            graph = gvc.gvNextInputGraph(context)
            if not graph:
                break
            if prev:
                gvc.gvFreeLayout(context, prev)
                self.cgraph.agclose(prev)
            gvc.gvLayoutJobs(context, graph)
            gvc.gvRenderJobs(context, graph)
            gvc.gvFinalize(context)
            code = max(code, self.cgraph.agreseterrors())
            prev = graph
        code = max(code, gvc.gvFreeContext(context))
        self.libc.fflush(None)
        return int(code)


def _fonts_read() -> None:
    """Fontconfig's configuration read once for all copies (a third of a `dot` start).

    In a thread of its own, as Pango does it in `dot`: the thread's allocations go to a
    heap of their own, so the main heap Graphviz works on is as in `dot`. Skipped where
    there is no fontconfig: each copy then reads it, as `dot` does.
    """
    try:
        fontconfig = ctypes.CDLL("libfontconfig.so.1")
    except OSError:
        return
    done = _thread.allocate_lock()
    done.acquire()

    def read() -> None:
        try:
            fontconfig.FcInit()
        finally:
            done.release()

    _thread.start_new_thread(read, ())
    done.acquire()
    # Forking is safe only once the thread is gone, not merely done.
    while len(os.listdir("/proc/self/task")) > 1:
        time.sleep(0.001)


def _child(graphviz: _Graphviz, folder: str, job: str, parent: int) -> None:
    """The copy for one picture: never returns."""
    code = 127
    try:
        graphviz.libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(code)
        for fd, suffix, flags in (
            (0, ".in", os.O_RDONLY),
            (1, ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            opened = os.open(os.path.join(folder, job + suffix), flags, 0o600)
            os.dup2(opened, fd)
            os.close(opened)
        os.closerange(3, 1 << 16)
        code = graphviz.draw()
    finally:
        os._exit(code)


class _Zygote:
    """Made before Graphviz is set up, so that what it holds is on the heap already."""

    def __init__(self, folder: str, parallel: int) -> None:
        self.graphviz: _Graphviz | None = None
        self.folder = folder
        self.parallel = parallel
        self.pid = os.getpid()
        self.buffer = bytearray(_BUFFER)
        self.pending = b""
        self.queued: list[tuple[str, float]] = []
        """A short list, not a deque: its blocks would be on the C heap."""
        self.running: dict[int, tuple[str, int, float]] = {}
        """pidfd -> (job, pid, deadline)."""
        self.open = True

    def serve(self) -> None:
        while self.open or self.queued or self.running:
            self._start()
            now = time.monotonic()
            wait = min((d for _, _, d in self.running.values()), default=now + 3600.0) - now
            reading = self.open and len(self.queued) < _QUEUE
            watched = [*self.running, 0] if reading else list(self.running)
            ready = select.select(watched, [], [], max(0.0, wait))[0]
            for fd in ready:
                if fd == 0:
                    self._read()
                else:
                    self._reap(fd, timed_out=False)
            now = time.monotonic()
            for fd in [fd for fd, (_, _, d) in self.running.items() if d <= now]:
                self._reap(fd, timed_out=True)

    def _read(self) -> None:
        count = os.readv(0, [self.buffer])
        if count == 0:
            self.open = False
            self.queued.clear()
            for fd in list(self.running):
                self._reap(fd, timed_out=True, say=False)
            return
        lines = (self.pending + bytes(self.buffer[:count])).split(b"\n")
        self.pending = lines.pop()
        for line in lines:
            job, timeout = line.decode("ascii").split()
            self.queued.append((job, int(timeout) / 1000.0))

    def _start(self) -> None:
        while self.queued and len(self.running) < self.parallel:
            job, timeout = self.queued.pop(0)
            assert self.graphviz is not None
            pid = os.fork()
            if pid == 0:
                _child(self.graphviz, self.folder, job, self.pid)
            self.running[os.pidfd_open(pid)] = (job, pid, time.monotonic() + timeout)

    def _reap(self, fd: int, timed_out: bool, say: bool = True) -> None:
        job, pid, _ = self.running.pop(fd)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
        os.close(fd)
        if not say:
            return
        if timed_out:
            _say(f"{job} timeout")
        elif os.WIFSIGNALED(status):
            _say(f"{job} signal {os.WTERMSIG(status)}")
        else:
            _say(f"{job} exit {os.WEXITSTATUS(status)}")


def _say(line: str) -> None:
    data = (line + "\n").encode("ascii")
    while data:
        data = data[os.write(1, data) :]


def main(argv: list[str]) -> int:
    gvc_path, cgraph_path, fmt, folder, parallel = argv
    try:
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        # dot's own dispositions: Python ignores SIGPIPE and catches SIGINT.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.close(os.pidfd_open(os.getpid()))  # the kernel has them (Linux 5.3 and later)
        zygote = _Zygote(folder, max(1, int(parallel)))
        zygote.graphviz = _Graphviz(gvc_path, cgraph_path, fmt)

    except (OSError, ValueError, AttributeError) as exc:
        _say(f"failed {type(exc).__name__}: {exc}".replace("\n", " "))
        return 1
    _say("ready")
    zygote.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
