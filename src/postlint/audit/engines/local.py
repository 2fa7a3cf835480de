"""The one-machine engine: exports streamed record by record, ``--jobs`` processes,
resumable output (see :mod:`postlint.audit.output`), a progress bar.

Memory stays flat: records are read lazily, at most ``2 * jobs`` chunks of posts are in
flight (:func:`postlint.parallel.lint_parallel`), rows go to the output as they come, and
the summary holds counts only.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TextIO

from ... import __version__
from ...errors import UsageError
from ...parallel import lint_parallel
from ..config import LinterConfig, worker_linter
from ..options import AuditOptions
from ..output import open_writer, output_format_of, read_state, state_path, write_state
from ..progress import ProgressBar
from ..readers import Export, Record, RecordProblem, open_export
from ..rows import column_names, finding_rows
from ..summary import AuditSummary, month_of


class Interrupted(Exception):
    """The run was stopped (Ctrl-C, SIGTERM) after a final commit."""

    def __init__(self, posts: int):
        self.posts = posts
        super().__init__(posts)


@dataclass
class LocalResult:
    summary: AuditSummary
    resumed_at: int  # input records already done by an earlier run (0: a fresh run)
    already_complete: bool = False


def linter_config(options: AuditOptions) -> LinterConfig:
    return LinterConfig.create(options.packs, only_packs=options.only_packs,
                               model=options.model, platform=options.platform,
                               allow=options.allow)


def kept_union(exports: list[Export]) -> list[str]:
    """The kept columns of every export, in order of first appearance."""
    return list(dict.fromkeys(c for e in exports for c in e.layout.keep))


def run_local(options: AuditOptions, err: TextIO) -> LocalResult:
    """Audit the inputs on this machine; returns the summary (of the whole run, resumed
    parts included)."""
    config = linter_config(options)
    linter = worker_linter(config)
    out_format = output_format_of(options.output, options.output_format)
    exports = [open_export(path, options.columns, options.limits, options.input_format,
                           estimate=options.progress) for path in options.inputs]
    try:
        return _run(options, config, linter, exports, out_format, err)
    finally:
        for export in exports:
            export.close()


def _fingerprint(options: AuditOptions, config: LinterConfig, exports: list[Export],
                 kept: list[str], out_format: str) -> dict:
    inputs = []
    for export in exports:
        info = os.stat(export.path)
        inputs.append({"path": os.path.abspath(export.path), "size": info.st_size,
                       "mtime_ns": info.st_mtime_ns, "layout": vars(export.layout)})
    return {"postlint": __version__, "inputs": inputs, "kept": kept, "config": config.key,
            "show_matches": options.show_matches, "output_format": out_format,
            "max_record_bytes": options.limits.max_record_bytes,
            "encoding_errors": options.limits.encoding_errors}


def _normalised(value):
    """As JSON gives it back (tuples become lists), for comparing fingerprints."""
    import json

    return json.loads(json.dumps(value))


def _start(options: AuditOptions, fingerprint: dict) -> dict | None:
    """The state to resume from, or None for a fresh run; refuses to overwrite anything."""
    output = options.output
    state = read_state(output)
    exists = os.path.exists(output)
    if not options.resume:
        if exists or state is not None:
            raise UsageError(f"{output} already exists; continue a stopped audit with "
                             "--resume, or choose another --output (postlint does not "
                             "overwrite it)")
        return None
    if state is None:
        if exists:
            raise UsageError(f"{output} exists but has no audit state "
                             f"({state_path(output)}); it was not written by postlint "
                             "audit, so it cannot be resumed")
        return None
    if not exists:
        raise UsageError(f"{state_path(output)} is there but {output} is not; remove the "
                         "state file to start over")
    saved = state["fingerprint"]
    fingerprint = _normalised(fingerprint)
    if saved != fingerprint:
        differs = [k for k in fingerprint if saved.get(k) != fingerprint.get(k)]
        what = {"inputs": "the input files changed (or other files were given)",
                "config": "the packs, --allow, --model or --platform differ",
                "postlint": "postlint's version differs"}
        reason = "; ".join(what.get(k, f"{k} differs") for k in differs)
        raise UsageError(f"cannot resume {output}: {reason}; use the same inputs and "
                         "options, or start over with another --output")
    return state


_in_run = False


def _child_signals() -> None:
    """In a --jobs worker forked during a run: default SIGTERM (the pool ends its workers
    with it, and a Python-level handler can miss it while the worker waits on the pool's
    queue lock), and no Ctrl-C (the whole process group gets it; the parent stops them)."""
    if _in_run:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_child_signals)


@contextmanager
def _stop_on_signals():
    """SIGINT and SIGTERM ask the run to stop at the next post (after a final commit)."""
    global _in_run
    requested: list[int] = []

    def handler(signum, frame):
        requested.append(signum)

    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            previous[signum] = signal.signal(signum, handler)
    _in_run = True
    try:
        yield requested
    finally:
        _in_run = False
        for signum, old in previous.items():
            signal.signal(signum, old)


def _run(options: AuditOptions, config: LinterConfig, linter, exports: list[Export],
         out_format: str, err: TextIO) -> LocalResult:
    kept = kept_union(exports)
    column_names(kept)  # a kept column named like a findings column is a usage error
    fingerprint = _fingerprint(options, config, exports, kept, out_format)
    state = _start(options, fingerprint)
    if state is not None and state.get("complete"):
        return LocalResult(AuditSummary.from_state(state["summary"]), state["position"],
                           already_complete=True)
    skip = state["position"] if state else 0
    summary = AuditSummary.from_state(state["summary"]) if state else AuditSummary()
    writer = open_writer(options.output, out_format, kept, state["writer"] if state else None)
    positions = {c: i for i, c in enumerate(kept)}
    maps = []
    for export in exports:
        layout = export.layout
        maps.append(([positions[c] for c in layout.keep],
                     layout.keep.index(layout.account) if layout.account else None,
                     layout.keep.index(layout.date) if layout.date else None))
    pending: deque = deque()

    def texts() -> Iterator:
        position = 0
        for number, export in enumerate(exports):
            for item in export.records:
                position += 1
                if position <= skip:
                    continue
                pending.append((number, item))
                if isinstance(item, Record):
                    yield item.text if item.platform is None else (item.text, item.platform)

    done = skip
    total = None
    if options.progress:
        estimates = [e.estimate for e in exports]
        total = sum(estimates) if None not in estimates else None
    bar = ProgressBar(err, total, done) if options.progress else None
    last_commit = time.monotonic()
    blank = (None,) * len(kept)

    def commit(complete: bool = False) -> None:
        write_state(options.output, {
            "version": 1, "fingerprint": fingerprint, "position": done,
            "writer": writer.commit(final=complete), "summary": summary.to_state(),
            "complete": complete})

    def problem(item: RecordProblem) -> None:
        nonlocal done
        err.write(f"\r{item}\n" if bar is not None and bar.last else f"{item}\n")
        summary.problems += 0 if item.skipped else 1
        done += 1

    def flush_problems() -> None:
        while pending and isinstance(pending[0][1], RecordProblem):
            problem(pending.popleft()[1])

    try:
        with _stop_on_signals() as stop:
            results = lint_parallel(linter, texts(), options.jobs)
            try:
                for findings in results:
                    flush_problems()
                    number, record = pending.popleft()
                    mapping, account_at, date_at = maps[number]
                    if len(mapping) == len(kept) and mapping == list(range(len(kept))):
                        values = record.kept
                    else:
                        row = list(blank)
                        for at, value in zip(mapping, record.kept, strict=True):
                            row[at] = value
                        values = tuple(row)
                    rows = list(finding_rows(record.id, findings, values,
                                             options.show_matches))
                    writer.write(rows)
                    summary.add_post(
                        record.kept[account_at] if account_at is not None else None,
                        month_of(record.kept[date_at] if date_at is not None else None),
                        ((r[0], r[4], r[3], r[5], r[8]) for r in rows if r[2] == 0))
                    done += 1
                    if bar is not None:
                        bar.advance()
                    if stop:
                        break
                    if time.monotonic() - last_commit >= options.checkpoint_seconds:
                        commit()
                        last_commit = time.monotonic()
            finally:
                results.close()
            if stop:
                commit()
                raise Interrupted(done)
            flush_problems()
            commit(complete=True)
    finally:
        writer.close()
        if bar is not None:
            bar.close()
    return LocalResult(summary, skip)
