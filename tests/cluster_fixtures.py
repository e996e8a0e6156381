"""Real engines for the cluster and storage tests: moto's S3 server and a Dask LocalCluster.

Both start on 127.0.0.1 for the test module that asks for them, as s3fs's own suite does.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent.parent / "benchmarks" / "data"
S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
          "AWS_DEFAULT_REGION": "us-east-1"}  # fmt: skip


def articles(folder: Path, count: int, paragraphs: int = 1) -> list[Path]:
    """``count`` distinct short articles (headline, ``paragraphs`` paragraphs, source line)
    made from the benchmark corpus, numbered so that no two are alike."""
    sources = sorted(p for p in DATA.glob("*.txt") if not p.name.endswith(".ref.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        lines = [line for line in sources[i % len(sources)].read_text().splitlines() if line]
        body = [*lines[1 : 1 + paragraphs], lines[-1]]
        path = folder / f"{i:03d}.txt"
        path.write_text("\n\n".join([f"{lines[0]}（{i}）", *body]) + "\n", encoding="utf-8")
        made.append(path)
    return made


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def s3() -> Iterator[object]:
    """An empty bucket ``bucket`` on moto's S3 server; the environment points boto there
    (set before any Dask worker starts, so the workers see the same store)."""
    from moto.server import ThreadedMotoServer
    from s3fs import S3FileSystem

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    env = {**S3_ENV, "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}"}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    S3FileSystem.clear_instance_cache()
    fs = S3FileSystem()
    fs.makedirs("bucket", exist_ok=True)  # moto keeps its buckets per process, not per server
    yield fs
    S3FileSystem.clear_instance_cache()
    server.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def mapped_by(size: int) -> int:
    """Bytes glibc serves from mmap (not its heap) while a ``size``-byte buffer is alive:
    what Dask's MALLOC_TRIM_THRESHOLD_ does to every large allocation (mallinfo2, glibc)."""
    import ctypes

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks",
                    "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                    "keepcost")]  # fmt: skip

    info = ctypes.CDLL(None).mallinfo2
    info.restype = MallInfo2
    before = info().hblkhd
    buffer = bytearray(size)
    mapped = int(info().hblkhd - before)
    del buffer
    return mapped


def loaded(*modules: str) -> list[str]:
    """Which of ``modules`` this process has imported (run on a worker)."""
    import sys

    return [name for name in modules if name in sys.modules]


def tokenizer_id() -> int | None:
    """The identity of this process's jieba tokenizer, None before it is loaded."""
    from convert.toolkit import segment

    return id(segment._tokenizer()) if segment._tokenizer.cache_info().currsize else None


SHOUT = """
from convert import Writer, hookimpl


@hookimpl
def register_writers():
    def render(document, options):
        return document.meta.title.upper().encode()

    return [Writer(name="shout", render=render, extension="shout", media_type="x/y",
                   description="the headline, loudly")]
"""


def plugin_site(folder: Path, version: str, dist: str = "docconv-shout") -> Path:
    """``folder`` laid out as pip installs a distribution into site-packages: ``dist``
    ``version`` with its METADATA and, for docconv-shout, the module and ``docconv`` entry
    point of a writer 'shout'. A process with ``folder`` on PYTHONPATH has it installed."""
    folder.mkdir(parents=True)
    info = folder / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n")
    if dist == "docconv-shout":
        (folder / "docconv_shout.py").write_text(SHOUT, encoding="utf-8")
        (info / "entry_points.txt").write_text("[docconv]\nshout = docconv_shout\n")
    return folder


def _workers_become(client: Any, expected: Callable[[set[str]], bool]) -> set[str]:
    """The scheduler's workers once ``expected`` holds for them (60 s at most)."""
    deadline = time.monotonic() + 60
    while not expected(workers := set(client.nthreads())):
        assert time.monotonic() < deadline, f"the scheduler's workers stay {workers}"
        time.sleep(0.1)
    return workers


@contextlib.contextmanager
def worker_process(client: Any, pythonpath: Path) -> Iterator[str]:
    """The address of a ``dask worker`` joined to ``client``'s scheduler from its own
    process, with ``pythonpath`` ahead of this environment's site-packages: a worker
    installed otherwise. It runs in ``pythonpath`` (a process's working directory is on its
    sys.path, and the repository's holds docconv's egg-info); gone from the scheduler after."""
    before = set(client.nthreads())
    env = {**os.environ, "PYTHONPATH": str(pythonpath)}
    command = [sys.executable, "-m", "distributed.cli.dask_worker", client.scheduler.address,
               "--nthreads", "1", "--no-nanny", "--no-dashboard",
               "--host", "127.0.0.1"]  # fmt: skip
    with running(command, env=env, cwd=pythonpath):
        [address] = _workers_become(client, lambda workers: len(workers - before) == 1) - before
        yield address
    _workers_become(client, lambda workers: workers <= before)


@contextlib.contextmanager
def running(command: list[str], **popen: Any) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` in its own process (output discarded), stopped at the end."""
    quiet = subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=quiet, stderr=quiet, **popen)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
