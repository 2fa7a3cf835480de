"""Apache Spark: lint a DataFrame of posts with ``mapInPandas`` (``pip install 'postlint[spark]'``).

::

    from postlint.audit import lint_spark

    posts = spark.read.parquet("s3://archive/posts/")
    findings = lint_spark(posts, text_column="text", id_column="id")
    findings.write.parquet("s3://archive/findings/")

Each Python worker process builds its ``Linter`` once, from a small
:class:`~postlint.audit.config.LinterConfig` (pack texts, options) that is pickled with the
function; the loaded spaCy pipeline is never shipped. Spark reuses Python workers
(``spark.python.worker.reuse``, on by default), so the linter serves every batch the
process gets. Batches arrive as pandas frames (Arrow), at most
``spark.sql.execution.arrow.maxRecordsPerBatch`` rows each, so memory per worker is flat.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ...errors import UsageError
from ..config import LinterConfig, check_config, worker_linter
from ..readers import format_of
from ..readers.base import resolve_layout
from ..rows import FINDING_COLUMNS
from ..summary import AuditSummary
from .frames import finding_keys_frame, lint_frame, post_keys_frame, summary_from_counts


def findings_schema(keep: Sequence[str]):
    """The Spark schema of the findings rows (kept columns are nullable strings)."""
    from pyspark.sql import types as T

    fields = [T.StructField(name, T.LongType() if kind == "int64" else T.StringType(),
                            nullable=name not in ("post_id", "finding", "span"))
              for name, kind in FINDING_COLUMNS]
    fields += [T.StructField(name, T.StringType(), True) for name in keep]
    return T.StructType(fields)


def lint_spark(df, text_column: str = "text", id_column: str = "id",
               keep: Sequence[str] | None = None, *, network_column: str | None = None,
               packs: Sequence[str | Path] = (), only_packs: bool = False,
               model: str | None = None, platform: str | None = None,
               allow: Iterable[str] = (), show_matches: bool = False,
               config: LinterConfig | None = None):
    """Lint the posts of a Spark DataFrame; returns a DataFrame of findings rows.

    ``df`` needs a text column (``text_column``, strings) and an id column (``id_column``,
    any type, written as text). ``keep`` lists the columns to copy into each finding row
    (default: every column but the text), as text. ``network_column`` names a column whose
    known platforms (x, twitter, linkedin, ...) add that platform's length limit.
    The rows are those of :data:`postlint.audit.FINDING_COLUMNS` (one per span of a
    finding; ``span == 0`` is one per finding), then the kept columns; ``match`` and
    ``message`` are masked for sensitive rules unless ``show_matches``. Rows without text
    or id give no findings. Packs and options are as for :class:`postlint.Linter`; a
    broken pack raises here, on the driver, before any task runs.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    columns = df.columns
    for name, what in ((text_column, "text"), (id_column, "id")):
        if name not in columns:
            raise UsageError(f"no {what} column '{name}' in the DataFrame; its columns are: "
                             + ", ".join(columns))
    if keep is None:
        keep = [c for c in columns if c not in (text_column, id_column)]
    keep = list(keep)
    config = config or LinterConfig.create(packs, only_packs=only_packs, model=model,
                                           platform=platform, allow=allow)
    check_config(config)
    needed = list(dict.fromkeys([id_column, text_column, *keep,
                                 *([network_column] if network_column else [])]))
    # Nested values reach pandas as rows and arrays; JSON text is what every engine writes.
    nested = (T.StructType, T.ArrayType, T.MapType)
    kinds = {f.name: f.dataType for f in df.schema.fields}
    # Whole numbers as text on the JVM side: pandas would make nullable ones floats.
    whole = (T.ByteType, T.ShortType, T.IntegerType, T.LongType, T.DecimalType)
    selected = [F.to_json(F.col(c)).alias(c) if isinstance(kinds[c], nested)
                else F.col(c).cast("string").alias(c) if isinstance(kinds[c], whole)
                else F.col(c) for c in needed]

    def lint_batches(batches: Iterator) -> Iterator:
        linter = worker_linter(config)  # once per Python worker process
        for frame in batches:
            yield lint_frame(linter, frame, id_column, text_column, network_column, keep,
                             show_matches)

    return df.select(*selected).mapInPandas(lint_batches, findings_schema(keep))


def spark_session(master: str | None = None, workers: int = 2, progress: bool = False):
    """A Spark session for ``postlint audit --engine spark``.

    Under ``spark-submit`` (or with an active session) the existing configuration is used;
    otherwise ``master`` or ``local[workers]``. A local session binds to 127.0.0.1, runs
    without its web UI and downloads nothing; workers run this interpreter.
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise UsageError("--engine spark needs Java (17 or later): install it, for example "
                         "apt-get install openjdk-17-jre-headless, or set JAVA_HOME")
    builder = SparkSession.builder.appName("postlint audit")
    submitted = "spark.master" in os.environ.get("PYSPARK_SUBMIT_ARGS", "") or \
        os.environ.get("SPARK_ENV_LOADED")
    if master or not submitted:
        master = master or f"local[{workers}]"
        builder = builder.master(master)
    builder = builder.config("spark.ui.showConsoleProgress", str(progress).lower())
    if master and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = (builder.config("spark.ui.enabled", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.sql.shuffle.partitions", str(max(2 * workers, 2))))
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: Java missing or broken
        raise UsageError(f"Spark did not start ({type(exc).__name__}: "
                         f"{str(exc).strip().splitlines()[0] if str(exc).strip() else ''}); "
                         "check that Java 17 or later is installed") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def read_exports(spark, paths: Sequence[str], fmt: str):
    """Exports as one DataFrame. CSV is read with ``multiLine`` and ``escape='"'`` so that
    quoted posts with commas, quotes and line breaks stay one record."""
    paths = [os.path.abspath(p) for p in paths]
    reader = spark.read
    if fmt == "parquet":
        return reader.parquet(*paths)
    if fmt in ("csv", "tsv"):
        return reader.csv(paths, header=True, multiLine=True, escape='"', quote='"',
                          sep="\t" if fmt == "tsv" else ",", encoding="UTF-8",
                          inferSchema=False, mode="PERMISSIVE")
    return reader.json(paths, multiLine=False, mode="PERMISSIVE")


def audit_files(options) -> AuditSummary:
    """``postlint audit --engine spark``: read, lint, write the findings folder, summarise."""

    formats = {format_of(p, options.input_format) for p in options.inputs}
    if len(formats) != 1:
        raise UsageError("--engine spark reads one export format per run; got "
                         + ", ".join(sorted(formats)))
    fmt = formats.pop()
    out_format = "parquet" if options.output.lower().rstrip("/").endswith((".parquet", ".pq")) \
        else (options.output_format or "jsonl")
    out_format = options.output_format or out_format
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
    spark = spark_session(options.spark_master, options.jobs, options.progress)
    posts = read_exports(spark, options.inputs, fmt)
    # A multiLine CSV file is one partition, a small Parquet file often one too: spread the
    # posts over the cores (linting costs far more than the shuffle).
    parallelism = spark.sparkContext.defaultParallelism
    if posts.rdd.getNumPartitions() < 2 * parallelism:
        posts = posts.repartition(2 * parallelism)
    layout = resolve_layout(options.inputs[0], posts.columns, options.columns)
    findings = lint_spark(posts, layout.text, layout.id, list(layout.keep),
                          network_column=layout.network, show_matches=options.show_matches,
                          config=config)
    writer = findings.write.mode("errorifexists")
    if out_format == "parquet":
        writer.parquet(options.output)
        written = spark.read.parquet(options.output)
    else:
        writer.option("ignoreNullFields", "false").json(options.output)
        written = spark.read.schema(findings_schema(layout.keep)).json(options.output)
    return _summary(posts, written, layout)


def _summary(posts, written, layout) -> AuditSummary:
    """The summary tables as group-bys: posts from the input, findings from the output."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    account, date = layout.account, layout.date
    post_columns = list(dict.fromkeys([layout.id, layout.text,
                                       *(c for c in (account, date) if c)]))
    key_schema = T.StructType([T.StructField("account", T.StringType()),
                               T.StructField("month", T.StringType()),
                               T.StructField("problem", T.LongType())])

    def post_keys(batches):
        for frame in batches:
            yield post_keys_frame(frame, layout.id, layout.text, account, date)

    keys = posts.select(*post_columns).mapInPandas(post_keys, key_schema)
    post_rows = (keys.filter("problem = 0").groupBy("account", "month").count().collect())
    problems = keys.agg(F.sum("problem")).collect()[0][0] or 0
    finding_schema = T.StructType([T.StructField(n, T.StringType()) for n in (
        "account", "month", "post_id", "category", "rule", "severity", "match")])

    def finding_keys(batches):
        for frame in batches:
            yield finding_keys_frame(frame, account, date)

    wanted = list(dict.fromkeys(["span", "post_id", "category", "rule", "severity", "match",
                                 *(c for c in (account, date) if c)]))
    found = written.select(*wanted).mapInPandas(finding_keys, finding_schema).cache()
    try:
        counts = found.groupBy("account", "month", "category", "rule", "severity").count()
        flagged = found.groupBy("account", "month").agg(F.countDistinct("post_id"))
        from pyspark.sql.window import Window

        first = Window.partitionBy("rule").orderBy("post_id")
        examples = (found.withColumn("n", F.row_number().over(first)).filter("n <= 3")
                    .select("rule", "post_id", "match"))
        return summary_from_counts(
            [tuple(r) for r in post_rows], [tuple(r) for r in counts.collect()],
            [tuple(r) for r in flagged.collect()], [tuple(r) for r in examples.collect()],
            problems)
    finally:
        found.unpersist()
