"""Audits of post archives: exports read as records, findings as rows, on one machine,
on Apache Spark or on Dask.

- :func:`run_audit` is ``postlint audit`` as a library call.
- :func:`lint_spark` (``postlint[spark]``) lints a Spark DataFrame, :func:`lint_dask`
  (``postlint[dask]``) a Dask DataFrame; both give the rows of :data:`FINDING_COLUMNS`.
- :func:`finding_rows` turns one post's findings into those rows (what every engine uses).

Spark and Dask are imported only when their functions are used.
"""

from __future__ import annotations

from .config import LinterConfig
from .options import AuditOptions
from .readers import ColumnChoice, ReadLimits, Record, RecordProblem, open_export
from .rows import FINDING_COLUMNS, finding_rows
from .run import run_audit
from .summary import AuditSummary, month_of

__all__ = ["FINDING_COLUMNS", "AuditOptions", "AuditSummary", "ColumnChoice", "LinterConfig",
           "ReadLimits", "Record", "RecordProblem", "finding_rows", "lint_dask", "lint_spark",
           "month_of", "open_export", "run_audit"]


def __getattr__(name: str):
    if name == "lint_spark":
        from .engines.spark import lint_spark

        return lint_spark
    if name == "lint_dask":
        from .engines.dask import lint_dask

        return lint_dask
    raise AttributeError(name)
