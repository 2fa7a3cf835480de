"""``postlint audit`` as a library call: run an engine, write the summaries, exit code."""

from __future__ import annotations

import os
from typing import TextIO

from ..errors import EXIT_ERROR, EXIT_OK, PostlintError, UsageError
from .engines import ENGINES, require_extra
from .options import AuditOptions
from .report import format_for, render, render_text
from .summary import AuditSummary

EXIT_INTERRUPTED = 130


class AuditInterrupted(PostlintError):
    exit_code = EXIT_INTERRUPTED


def run_audit(options: AuditOptions, out: TextIO, err: TextIO) -> int:
    """Audit the exports, write findings and summaries, print the text summary to ``out``.

    Returns 0 when every record was checked (findings or not), 2 when some could not be.
    """
    if not options.inputs:
        raise UsageError("nothing to audit: give one or more export files (JSON Lines, CSV "
                         "or Parquet)")
    if options.engine not in ENGINES:
        raise UsageError(f"unknown engine '{options.engine}'; expected one of: "
                         + ", ".join(ENGINES))
    for summary_file in options.summaries:
        if os.path.abspath(summary_file) == os.path.abspath(options.output):
            raise UsageError(f"--summary {summary_file} is the --output file")
        if not os.path.isdir(os.path.dirname(os.path.abspath(summary_file))):
            raise UsageError(f"cannot write the summary {summary_file}: its folder does not "
                             "exist")
    if options.engine == "local":
        summary, note = _local(options, err)
    else:
        require_extra(options.engine)
        if options.resume:
            raise UsageError(f"--resume is for the local engine; a {options.engine} run "
                             "retries failed tasks itself and is started again whole")
        if options.engine == "spark":
            from .engines.spark import audit_files
        else:
            from .engines.dask import audit_files
        summary, note = audit_files(options), ""
    report = summary.report()
    for path in options.summaries:
        try:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(render(report, format_for(path)))
        except OSError as exc:
            raise UsageError(f"cannot write the summary {path}: {exc.strerror} (the findings "
                             f"are complete in {options.output})") from None
    if note:
        out.write(note + "\n")
    out.write(render_text(report))
    out.flush()
    return EXIT_ERROR if summary.problems else EXIT_OK


def _local(options: AuditOptions, err: TextIO) -> tuple[AuditSummary, str]:
    from .engines.local import Interrupted, run_local

    try:
        result = run_local(options, err)
    except Interrupted as stop:
        raise AuditInterrupted(f"interrupted after {stop.posts:,} records; the findings so "
                               f"far are committed in {options.output}: run the same command "
                               "with --resume to continue") from None
    if result.already_complete:
        return result.summary, (f"{options.output} is already complete "
                                f"({result.resumed_at:,} records); nothing left to audit")
    if result.resumed_at:
        return result.summary, f"resumed after {result.resumed_at:,} records"
    return result.summary, ""
