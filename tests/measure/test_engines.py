"""engines.connect and close: clear errors, and Spark's JVM ends with the session that
started it, after close, after SIGINT, after SIGTERM (never a java process left)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from journeykit.measure import engines

SRC = Path(__file__).resolve().parents[2] / "src"
CONNECT = textwrap.dedent(
    """
    import sys, time
    from types import SimpleNamespace
    from journeykit.measure import engines
    settings = SimpleNamespace(spark_master="local[1]", spark_remote=None)
    """
)


def python(code: str, **env: str) -> subprocess.Popen[str]:
    environment = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.Popen(
        [sys.executable, "-c", CONNECT + textwrap.dedent(code)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )


def ended(pid: int, within: float = 60.0) -> bool:
    """The process `pid` is gone (or a zombie nobody reaped yet) within `within` seconds."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state == "Z":
            return True
        time.sleep(0.2)
    return False


def test_unknown_engine() -> None:
    with pytest.raises(engines.EngineError, match=r"unknown engine 'polars': choose one of"):
        engines.connect(engines_settings(), "polars")


@dataclass(frozen=True)
class _Settings:
    spark_master: str = "local[1]"
    spark_remote: str | None = None


def engines_settings() -> engines.EngineSettings:
    return _Settings()


def test_missing_java_is_a_clear_error() -> None:
    child = python(
        """
        try:
            engines.connect(settings, "spark")
        except engines.EngineError as exc:
            print(exc)
        """,
        PATH="/nonexistent",
        JAVA_HOME="",
    )
    out, err = child.communicate(timeout=120)
    assert (child.returncode, err) == (0, "")
    assert out.startswith("--engine spark needs Java 17 or later, and `java` is not on PATH")
    assert "apt-get install openjdk-17-jre-headless" in out


@pytest.mark.spark
def test_close_ends_the_jvm_and_a_new_one_can_start(spark: object) -> None:
    """In a process of its own: here, the session's Spark is the active one."""
    child = python(
        """
        import os, ibis
        from pathlib import Path
        def kids():
            return {int(p) for t in Path(f"/proc/{os.getpid()}/task").iterdir()
                    for p in (t / "children").read_text().split()}
        for _ in range(2):
            backend = engines.connect(settings, "spark")
            print(backend.execute(ibis.memtable({"x": [1, 2, 3]}).x.sum()), len(kids()))
            engines.close(backend)
            print("left", len(kids()))
        """
    )
    out, err = child.communicate(timeout=300)
    assert (child.returncode, out.split()) == (0, ["6", "1", "left", "0"] * 2), err


@pytest.mark.spark
def test_the_jvm_ends_when_python_is_stopped(spark: object) -> None:
    """Scripts that opened a session and never close it, one stopped by SIGINT, one by
    SIGTERM (side by side: a JVM takes seconds to start). Each JVM, which ignores SIGINT,
    ends with its interpreter, because its stdin, a pipe from Python, closes."""
    children = {}
    for number in (signal.SIGINT, signal.SIGTERM):
        children[number] = python(
            """
            backend = engines.connect(settings, "spark")
            print(engines._started[id(backend)][1].process.pid, flush=True)
            time.sleep(600)
            """
        )
    jvms = {}
    for number, child in children.items():
        assert child.stdout is not None
        jvms[number] = int(child.stdout.readline())
        child.send_signal(number)
    for number, child in children.items():
        child.communicate(timeout=60)
        # Python ends itself by the signal (an uncaught KeyboardInterrupt re-raises it).
        assert child.returncode == -number
        assert ended(jvms[number]), f"JVM {jvms[number]} outlived the Python that started it"
