"""The engines measure runs on: DuckDB embedded (the default) and Spark (local or remote).

`connect` gives an ibis backend; `close` ends it, and with it the JVM when journeykit
started one. The same ibis expressions then run on both (`portable.py` has the helpers
that make "the same" hold; docs/measure-engines.md lists the pitfalls they handle).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from journeykit.measure.errors import MeasureError

if TYPE_CHECKING:
    from ibis.backends import BaseBackend

ENGINES = ("duckdb", "spark")
JVM_EXIT_SECONDS = 20.0
"""How long `close` waits for the JVM to end by itself before it is terminated."""


DUCKDB_MEMORY_LIMIT = "1GB"
"""DuckDB's memory when `[measure] memory-limit` does not say; past it, DuckDB spills."""


class EngineSettings(Protocol):
    """What `connect` reads of `MeasureSettings`; `memory_limit` and `temp_directory`
    (DuckDB's) too where the settings have them (else the defaults)."""

    @property
    def spark_master(self) -> str: ...

    @property
    def spark_remote(self) -> str | None: ...


class EngineError(MeasureError):
    """An engine that cannot start; the message says what to install or set (exit 2)."""


@dataclass
class _Jvm:
    """A JVM this module started: its py4j gateway and the file its output goes to."""

    gateway: Any
    process: subprocess.Popen[bytes]
    log: IO[bytes]


_started: dict[int, tuple[BaseBackend, _Jvm]] = {}
"""Backends whose JVM journeykit started, by id: `close` ends that JVM with them."""

_spill: dict[int, tuple[BaseBackend, Path]] = {}
"""DuckDB backends and the temporary folder made for their spill files (removed on close)."""


def connect(settings: EngineSettings, engine: str, *, database: Path | None = None) -> BaseBackend:
    """An ibis backend for `engine`: "duckdb" (in memory, or `database` when the events
    are a table in a DuckDB file, opened read-only) or "spark" (`spark_remote` when set,
    else the active SparkSession when there is one, else a new local one on
    `spark_master`). Every session computes in UTC."""
    if engine == "duckdb":
        return _duckdb(settings, database)
    if engine == "spark":
        return _spark(settings)
    raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


def close(backend: BaseBackend) -> None:
    """End `backend`. A Spark session journeykit started is stopped and its JVM ended
    (waited for, terminated after JVM_EXIT_SECONDS); one it found running is left alone.
    Safe to call after an interruption: each step is tried even when the one before
    failed, so the JVM never outlives the call."""
    entry = _started.pop(id(backend), None)
    if entry is None:
        spill = _spill.pop(id(backend), None)
        try:
            if backend.name == "duckdb" or (backend.name == "pyspark" and _is_remote(backend)):
                backend.disconnect()
        finally:
            if spill is not None:
                shutil.rmtree(spill[1], ignore_errors=True)
        return
    _, jvm = entry
    with contextlib.suppress(Exception):
        backend.disconnect()
    _end_jvm(jvm)


def _duckdb(settings: EngineSettings, database: Path | None) -> BaseBackend:
    ibis = _import_ibis("duckdb", "measure")
    # ibis sets TimeZone=UTC itself; insertion order is what makes `row_number() over ()`
    # number rows in file order (readers.py), so it is set even though it is the default.
    # ibis 12 writes lambdas as `x -> ...`, which DuckDB 2 refuses unless told otherwise.
    # An in-memory DuckDB spills to `.tmp` in the working folder by default: a folder of
    # our own instead (or [measure] temp-directory), never the user's.
    limit = getattr(settings, "memory_limit", None) or DUCKDB_MEMORY_LIMIT
    chosen = getattr(settings, "temp_directory", None)
    spill = Path(chosen) if chosen else Path(tempfile.mkdtemp(prefix="journeykit-duckdb-"))
    config = {
        "preserve_insertion_order": True,
        "lambda_syntax": "ENABLE_SINGLE_ARROW",
        "memory_limit": limit,
        "temp_directory": str(spill),
    }
    try:
        if database is None:
            backend = ibis.duckdb.connect(":memory:", **config)
        else:
            backend = ibis.duckdb.connect(str(database), read_only=True, **config)
    except Exception as exc:  # duckdb.IOException and friends carry the reason
        if not chosen:
            shutil.rmtree(spill, ignore_errors=True)
        where = f"{database}: " if database else ""
        raise EngineError(f"{where}DuckDB cannot start: {exc}") from exc
    if not chosen:
        _spill[id(backend)] = (backend, spill)
    return backend


def _spark(settings: EngineSettings) -> BaseBackend:
    ibis = _import_ibis("pyspark", "spark")
    from pyspark.sql import SparkSession

    if settings.spark_remote:
        try:
            session = SparkSession.builder.remote(settings.spark_remote).getOrCreate()
        except Exception as exc:
            raise EngineError(f"Spark at {settings.spark_remote}: {exc}") from exc
        return ibis.pyspark.connect(session)
    active = SparkSession.getActiveSession()
    if active is not None:  # a notebook's or a job's session: used, never stopped here
        return ibis.pyspark.connect(active)
    jvm = _launch(settings.spark_master)
    try:
        backend = ibis.pyspark.connect(_session(jvm, settings.spark_master))
    except BaseException:
        _end_jvm(jvm)
        raise
    _started[id(backend)] = (backend, jvm)
    return backend


def spark_conf(master: str) -> dict[str, str]:
    """The Spark configuration journeykit starts a local JVM with."""
    conf = {
        "spark.master": master,
        "spark.app.name": "journeykit",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.shuffle.partitions": str(_cores(master)),
        "spark.default.parallelism": str(_cores(master)),
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{_log4j()}",
    }
    if master.startswith("local"):
        # Local mode talks to itself only: no listening on the network's address.
        conf["spark.driver.host"] = "127.0.0.1"
        conf["spark.driver.bindAddress"] = "127.0.0.1"
    return conf


def _launch(master: str) -> _Jvm:
    """Start Spark's JVM through PySpark's own launcher, but holding the process: PySpark
    keeps it until the interpreter exits, which is too long for a library call."""
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        raise EngineError(
            "--engine spark needs Java 17 or later, and `java` is not on PATH (nor "
            "JAVA_HOME set): install it with `apt-get install openjdk-17-jre-headless` "
            "(`make system-deps` does)"
        )
    from pyspark import SparkConf
    from pyspark.java_gateway import launch_gateway

    conf = SparkConf(loadDefaults=False).setAll(list(spark_conf(master).items()))
    # Lives as long as the JVM (closed by _end_jvm); unlinked already, so never left over.
    log = tempfile.TemporaryFile(prefix="journeykit-spark-")  # noqa: SIM115
    try:
        popen = {"stdout": log, "stderr": log}
        gateway = launch_gateway(conf, popen_kwargs=popen)  # type: ignore[no-untyped-call]
    except Exception as exc:
        raise EngineError(f"Spark's JVM did not start: {_tail(log) or exc}") from exc
    if gateway.proc is None:  # PYSPARK_GATEWAY_PORT: a JVM someone else started
        log.close()
        raise EngineError("a PySpark gateway is already running here: use its session")
    return _Jvm(gateway, gateway.proc, log)


def _session(jvm: _Jvm, master: str) -> Any:
    from pyspark import SparkConf, SparkContext
    from pyspark.sql import SparkSession

    conf = SparkConf(loadDefaults=False).setAll(list(spark_conf(master).items()))
    try:
        context = SparkContext(conf=conf, gateway=jvm.gateway)
    except Exception as exc:
        raise EngineError(f"Spark did not start: {_tail(jvm.log) or exc}") from exc
    return SparkSession(context)


def _end_jvm(jvm: _Jvm) -> None:
    from pyspark import SparkContext

    with contextlib.suppress(Exception):
        jvm.gateway.shutdown()
    # PySpark's class keeps the gateway for the next SparkContext; this one is ending, so
    # the next connect must start its own.
    if SparkContext._gateway is jvm.gateway:
        SparkContext._gateway = None
        SparkContext._jvm = None
    # The JVM's gateway server exits when its stdin closes (PySpark's own design, so it
    # ends with the interpreter too); terminate it if it does not.
    with contextlib.suppress(OSError):
        if jvm.process.stdin is not None:
            jvm.process.stdin.close()
    try:
        jvm.process.wait(timeout=JVM_EXIT_SECONDS)
    except subprocess.TimeoutExpired:
        jvm.process.terminate()
        try:
            jvm.process.wait(timeout=JVM_EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            jvm.process.kill()
            jvm.process.wait()
    finally:
        jvm.log.close()
    # py4j's connection threads end once their sockets close, a moment after the JVM:
    # waited for, so the caller's process is back to its own threads (journeykit forks
    # only where no other thread runs).
    deadline = time.monotonic() + JVM_EXIT_SECONDS
    for thread in _py4j_threads():
        thread.join(timeout=max(0.0, deadline - time.monotonic()))


def _py4j_threads() -> list[threading.Thread]:
    def owner(thread: threading.Thread) -> str:
        target = getattr(thread, "_target", None)
        bound = getattr(target, "__self__", None)
        return type(thread if bound is None else bound).__module__

    current = threading.current_thread()
    return [
        thread
        for thread in threading.enumerate()
        if thread is not current and owner(thread).startswith(("py4j", "pyspark"))
    ]


def _is_remote(backend: BaseBackend) -> bool:
    session = getattr(backend, "_session", None)
    return session is not None and type(session).__module__.startswith("pyspark.sql.connect")


def _cores(master: str) -> int:
    found = re.fullmatch(r"local\[(\d+|\*)(?:,\d+)?\]", master)
    if found is None:
        return 1 if master == "local" else 4
    if found[1] == "*":
        return os.cpu_count() or 2
    return int(found[1])


def _log4j() -> Path:
    return Path(str(resources.files("journeykit.measure") / "log4j2.properties"))


def _tail(log: IO[bytes], lines: int = 12) -> str:
    with contextlib.suppress(OSError, ValueError):
        log.seek(0)
        text = log.read().decode("utf-8", "replace").strip().splitlines()
        return "\n".join(text[-lines:])
    return ""


def _import_ibis(backend: str, extra: str) -> Any:
    try:
        import ibis

        if backend == "pyspark":
            import pyspark  # noqa: F401
        else:
            import duckdb  # noqa: F401
    except ImportError as exc:
        raise EngineError(
            f"the {backend} engine needs {exc.name or backend}: install it with "
            f"`pip install 'journeykit[{extra}]'`"
        ) from exc
    return ibis
