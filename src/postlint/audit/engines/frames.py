"""What Spark and Dask run on a partition, as pandas: lint a frame, count a frame.

Both engines call these with the same columns, so a post gives the same rows on every
engine: ids and kept values go through :func:`~postlint.audit.readers.as_text` (the
one-machine readers' rule), the text through the worker's ``Linter``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..config import LINT_LOCK
from ..readers import as_text, platform_of
from ..rows import finding_rows, pandas_frame
from ..summary import UNKNOWN, AuditSummary, month_of


def column_text(series) -> list[str | None]:
    """A pandas column's values as text, as the one-machine readers write them.

    pandas keeps integers with missing values as floats (``1.0``); those are whole numbers
    in the export, so they are written as such (``1``).
    """
    values = series.tolist()
    if getattr(series.dtype, "kind", "") == "f":
        values = [int(v) if isinstance(v, float) and v.is_integer() else v for v in values]
    return [as_text(v) for v in values]


def lint_frame(linter, frame, id_column: str, text_column: str, network_column: str | None,
               keep: Sequence[str], show_matches: bool):
    """The findings rows of a pandas frame of posts, as a pandas frame (explicit types).

    Rows without a text (not a string) or without an id give no rows; they are counted as
    problems by the summary.
    """
    ids = column_text(frame[id_column])
    texts = frame[text_column].tolist()
    networks = frame[network_column].tolist() if network_column else [None] * len(texts)
    kept_columns = [[v or None for v in column_text(frame[c])] for c in keep]
    chosen = [i for i, (ident, text) in enumerate(zip(ids, texts, strict=True))
              if isinstance(text, str) and ident]
    items = []
    for i in chosen:
        platform = platform_of(networks[i])
        items.append(texts[i] if platform is None else (texts[i], platform))
    rows: list[tuple] = []
    with LINT_LOCK:
        for i, findings in zip(chosen, linter.lint_many(items), strict=True):
            kept = tuple(column[i] for column in kept_columns)
            rows.extend(finding_rows(ids[i], findings, kept, show_matches))
    return pandas_frame(rows, keep)


def post_keys_frame(frame, id_column: str, text_column: str, account: str | None,
                    date: str | None):
    """(account, month, problem) of each post of a pandas frame, for the summary counts."""
    import pandas as pd

    size = len(frame)
    accounts = ([v or UNKNOWN for v in column_text(frame[account])] if account
                else [UNKNOWN] * size)
    months = [month_of(v) for v in column_text(frame[date])] if date else [UNKNOWN] * size
    problems = [int(not (isinstance(t, str) and i))
                for i, t in zip(column_text(frame[id_column]), frame[text_column].tolist(),
                                strict=True)]
    return pd.DataFrame({"account": pd.Series(accounts, dtype=object),
                         "month": pd.Series(months, dtype=object),
                         "problem": pd.Series(problems, dtype="int64")})


def finding_keys_frame(frame, account: str | None, date: str | None):
    """(account, month, post_id, category, rule, severity, match) of each finding (span 0)."""
    import pandas as pd

    frame = frame[frame["span"] == 0]
    size = len(frame)
    accounts = ([v or UNKNOWN for v in column_text(frame[account])] if account
                else [UNKNOWN] * size)
    months = [month_of(v) for v in column_text(frame[date])] if date else [UNKNOWN] * size
    data = {"account": accounts, "month": months}
    for name in ("post_id", "category", "rule", "severity", "match"):
        data[name] = [as_text(v) for v in frame[name].tolist()]
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()})


def summary_from_counts(posts, findings, flagged, examples, problems: int) -> AuditSummary:
    """An ``AuditSummary`` from an engine's small result tables (iterables of tuples):
    posts (account, month, n), findings (account, month, category, rule, severity, n),
    flagged (account, month, n), examples (rule, post_id, match)."""
    summary = AuditSummary(problems=int(problems))
    for account, month, n in posts:
        summary.posts[(account, month)] += int(n)
    for account, month, category, rule, severity, n in findings:
        summary.findings[(account, month, category, rule, severity)] += int(n)
    for account, month, n in flagged:
        summary.flagged[(account, month)] += int(n)
    for rule, post_id, match in examples:
        summary.add_example(rule, post_id, match)
    return summary
