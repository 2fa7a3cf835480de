"""Dask: lint a Dask DataFrame of posts with ``map_partitions`` (``pip install 'postlint[dask]'``).

::

    from dask.distributed import Client, LocalCluster
    import dask.dataframe as dd
    from postlint.audit import lint_dask

    client = Client(LocalCluster(n_workers=2, threads_per_worker=1,
                                 dashboard_address="127.0.0.1:0", host="127.0.0.1"))
    findings = lint_dask(dd.read_parquet("posts/"), client=client)
    findings.to_parquet("findings/")

A worker plugin (:class:`PostlintPlugin`) builds each worker's ``Linter`` once, when the
worker starts (or joins later), from a small :class:`~postlint.audit.config.LinterConfig`;
partitions then find it ready. The loaded pipeline is never pickled. Linting is CPU-bound
Python, so give workers one thread each and scale with processes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ...errors import UsageError
from ..config import LinterConfig, check_config, install_linter, worker_linter
from ..readers import format_of
from ..readers.base import resolve_layout
from ..rows import pandas_frame
from ..summary import AuditSummary
from .frames import finding_keys_frame, lint_frame, post_keys_frame, summary_from_counts

try:
    from distributed.diagnostics.plugin import WorkerPlugin as _Plugin
except ImportError:  # without distributed the plugin is a plain class, never registered
    _Plugin = object


class PostlintPlugin(_Plugin):
    """Builds the worker's ``Linter`` once, at worker start-up."""

    name = "postlint-linter"

    def __init__(self, config: LinterConfig):
        self.config = config

    def setup(self, worker=None) -> None:
        install_linter(self.config, self.config.build())


def _lint_partition(frame, config: LinterConfig, id_column: str, text_column: str,
                    network_column: str | None, keep: list[str], show_matches: bool):
    # The plugin has built it; without a cluster (the local schedulers) it is built here once.
    linter = worker_linter(config)
    return lint_frame(linter, frame, id_column, text_column, network_column, keep,
                      show_matches)


def lint_dask(ddf, text_column: str = "text", id_column: str = "id",
              keep: Sequence[str] | None = None, *, network_column: str | None = None,
              packs: Sequence[str | Path] = (), only_packs: bool = False,
              model: str | None = None, platform: str | None = None,
              allow: Iterable[str] = (), show_matches: bool = False,
              config: LinterConfig | None = None, client=None):
    """Lint the posts of a Dask DataFrame; returns a lazy Dask DataFrame of findings rows.

    Columns, rows and options are those of :func:`postlint.audit.lint_spark`. ``client``
    (default: the current ``distributed`` client, if any) gets the worker plugin that
    builds each worker's linter; a broken pack raises here, before any task runs.
    """
    columns = list(ddf.columns)
    for name, what in ((text_column, "text"), (id_column, "id")):
        if name not in columns:
            raise UsageError(f"no {what} column '{name}' in the DataFrame; its columns are: "
                             + ", ".join(map(str, columns)))
    if keep is None:
        keep = [c for c in columns if c not in (text_column, id_column)]
    keep = list(keep)
    config = config or LinterConfig.create(packs, only_packs=only_packs, model=model,
                                           platform=platform, allow=allow)
    check_config(config)
    if client is None:
        try:
            from distributed import default_client

            client = default_client()
        except (ImportError, ValueError):
            client = None
    if client is not None:
        client.register_plugin(PostlintPlugin(config))
    needed = list(dict.fromkeys([id_column, text_column, *keep,
                                 *([network_column] if network_column else [])]))
    return ddf[needed].map_partitions(
        _lint_partition, config, id_column, text_column, network_column, keep, show_matches,
        meta=pandas_frame([], keep), enforce_metadata=False)


def read_exports(paths: Sequence[str], fmt: str):
    """Exports as one Dask DataFrame, every column read as it is written (no type guessing).

    A CSV file is one partition: Dask's block splitting cuts records at line breaks, and
    posts may hold line breaks inside quoted fields. JSON Lines files are split in blocks.
    """
    import dask.dataframe as dd

    paths = [os.path.abspath(p) for p in paths]
    if fmt == "parquet":
        return dd.read_parquet(paths)
    if fmt in ("csv", "tsv"):
        return dd.read_csv(paths, blocksize=None, dtype=str, keep_default_na=False,
                           na_values=[""], sep="\t" if fmt == "tsv" else ",",
                           encoding="utf-8")
    return dd.read_json(paths, lines=True, blocksize=32 * 1024 * 1024, dtype=False,
                        convert_dates=False, keep_default_dates=False)


def audit_files(options) -> AuditSummary:
    """``postlint audit --engine dask``: read, lint, write the findings folder, summarise."""
    import dask
    from distributed import Client, LocalCluster

    formats = {format_of(p, options.input_format) for p in options.inputs}
    if len(formats) != 1:
        raise UsageError("--engine dask reads one export format per run; got "
                         + ", ".join(sorted(formats)))
    fmt = formats.pop()
    out_format = options.output_format or (
        "parquet" if options.output.lower().rstrip("/").endswith((".parquet", ".pq"))
        else "jsonl")
    if os.path.exists(options.output):
        raise UsageError(f"{options.output} already exists; choose another --output "
                         "(postlint does not overwrite it)")
    for path in options.inputs:
        if not os.path.isfile(path):
            raise UsageError(f"{path}: no such file")
    config = LinterConfig.create(options.packs, only_packs=options.only_packs,
                                 model=options.model, platform=options.platform,
                                 allow=options.allow)
    check_config(config)
    cluster = None
    if options.dask_scheduler:
        client = Client(options.dask_scheduler)
    else:
        cluster = LocalCluster(n_workers=options.jobs, threads_per_worker=1,
                               processes=True, dashboard_address="127.0.0.1:0", host="127.0.0.1")
        client = Client(cluster)
    try:
        posts = read_exports(options.inputs, fmt)
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        if posts.npartitions < 2 * workers:  # a CSV file is one partition: spread it
            posts = posts.repartition(npartitions=2 * workers)
        layout = resolve_layout(options.inputs[0], list(posts.columns), options.columns)
        findings = lint_dask(posts, layout.text, layout.id, list(layout.keep),
                             network_column=layout.network, show_matches=options.show_matches,
                             config=config, client=client)
        if out_format == "parquet":
            findings.to_parquet(options.output, write_index=False)
        else:
            findings.to_json(os.path.join(options.output, "part-*.jsonl"), orient="records",
                             lines=True, force_ascii=True)
        with dask.config.set({"dataframe.convert-string": False}):
            return _summary(posts, dd_read(options.output, out_format), layout)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def dd_read(path: str, fmt: str):
    import dask.dataframe as dd

    if fmt == "parquet":
        return dd.read_parquet(path)
    return dd.read_json(os.path.join(path, "part-*.jsonl"), lines=True, dtype=False,
                        convert_dates=False, keep_default_dates=False)


def _first_examples(frame):
    return frame.sort_values(["rule", "post_id"]).groupby("rule").head(3)


def _summary(posts, written, layout) -> AuditSummary:
    import dask

    account, date = layout.account, layout.date
    key_meta = post_keys_frame(posts._meta, layout.id, layout.text, account, date)
    keys = posts.map_partitions(post_keys_frame, layout.id, layout.text, account, date,
                                meta=key_meta)
    post_counts = keys[keys.problem == 0].groupby(["account", "month"]).size()
    problems = keys.problem.sum()
    found_meta = finding_keys_frame(written._meta, account, date)
    found = written.map_partitions(finding_keys_frame, account, date, meta=found_meta)
    counts = found.groupby(["account", "month", "category", "rule", "severity"]).size()
    flagged = found.groupby(["account", "month"]).post_id.nunique()
    # The lowest three post ids per rule of each partition; the summary keeps three of those.
    examples = found[["rule", "post_id", "match"]].map_partitions(
        _first_examples, meta=found_meta[["rule", "post_id", "match"]])
    post_counts, problems, counts, flagged, examples = dask.compute(
        post_counts, problems, counts, flagged, examples)
    return summary_from_counts(
        [(*k, n) for k, n in post_counts.items()], [(*k, n) for k, n in counts.items()],
        [(*k, n) for k, n in flagged.items()],
        examples.itertuples(index=False, name=None), problems)
