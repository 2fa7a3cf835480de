"""What an audit run is asked to do (the ``postlint audit`` options, as data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .readers import ColumnChoice, ReadLimits


@dataclass
class AuditOptions:
    inputs: list[str]
    output: str
    output_format: str | None = None  # jsonl or parquet; None: from the output's name
    input_format: str | None = None  # jsonl, csv, tsv or parquet; None: from each suffix
    columns: ColumnChoice = field(default_factory=ColumnChoice)
    limits: ReadLimits = field(default_factory=ReadLimits)
    packs: list[str] = field(default_factory=list)
    only_packs: bool = False
    model: str | None = None
    platform: str | None = None
    allow: list[str] = field(default_factory=list)
    show_matches: bool = False
    jobs: int = 1
    resume: bool = False
    progress: bool = False
    checkpoint_seconds: float = 10.0
    summaries: list[str] = field(default_factory=list)  # files: .json, .html, else text
    engine: str = "local"  # local, spark or dask
    spark_master: str | None = None
    dask_scheduler: str | None = None
