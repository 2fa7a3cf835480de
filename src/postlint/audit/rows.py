"""Findings as rows: one row per span of a finding, the same from every engine.

A post with findings gives one row per *span*: ``finding`` numbers the post's findings
(0, 1, ... in the linter's order: by position, then rule id) and ``span`` numbers a
finding's spans (0 is the finding's own, 1... its further matches in text order). So
``span == 0`` selects one row per finding, and every row stands alone (flat columns, which
every engine and file format reads the same). ``match`` and ``message`` are masked for
``sensitive`` rules unless ``show_matches``. The kept columns follow, as text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..finding import Finding

# (name, type) in order; types are Arrow/Spark names: string or int64 ("long" in Spark).
FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("post_id", "string"), ("finding", "int64"), ("span", "int64"), ("rule", "string"),
    ("category", "string"), ("severity", "string"), ("tags", "string"),
    ("message", "string"), ("match", "string"), ("start", "int64"), ("end", "int64"),
    ("line", "int64"), ("column", "int64"), ("end_line", "int64"), ("end_column", "int64"),
    ("fingerprint", "string"),
)
FINDING_NAMES = tuple(name for name, _ in FINDING_COLUMNS)
INT_COLUMNS = frozenset(name for name, kind in FINDING_COLUMNS if kind == "int64")


def column_names(kept: Sequence[str]) -> list[str]:
    """Every column of a findings table: the finding's, then the kept ones."""
    clash = [name for name in kept if name in FINDING_NAMES]
    if clash:
        from ..errors import UsageError

        raise UsageError(f"the kept column '{clash[0]}' has the name of a findings column; "
                         "leave it out with --keep")
    return [*FINDING_NAMES, *kept]


def finding_rows(post_id: str, findings: Sequence[Finding], kept: Sequence[str | None],
                 show_matches: bool = False) -> Iterator[tuple]:
    """The rows of one post's findings, in a stable order."""
    for number, finding in enumerate(findings):
        message = finding.shown_message(show_matches)
        tags = ",".join(finding.tags)
        for index, span in enumerate(finding.spans):
            yield (post_id, number, index, finding.rule, finding.category, finding.severity,
                   tags, message, finding.shown_span_match(span, show_matches), span.start,
                   span.end, span.line, span.column, span.end_line, span.end_column,
                   span.fingerprint, *kept)


def arrow_schema(kept: Sequence[str]):
    """The findings table as a ``pyarrow.Schema`` (kept columns are nullable text)."""
    import pyarrow as pa

    fields = [pa.field(name, pa.int64() if kind == "int64" else pa.string(),
                       nullable=name not in ("post_id", "finding", "span"))
              for name, kind in FINDING_COLUMNS]
    fields += [pa.field(name, pa.string()) for name in kept]
    return pa.schema(fields)


def pandas_frame(rows: list[tuple], kept: Sequence[str]):
    """Rows as a pandas DataFrame with explicit types (object text, int64 numbers)."""
    import pandas as pd

    names = column_names(kept)
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    data = {}
    for name, values in zip(names, columns, strict=True):
        data[name] = pd.Series(list(values), dtype="int64" if name in INT_COLUMNS
                               else object)
    return pd.DataFrame(data, columns=names)
