"""Spark (local[2]) and Dask (a LocalCluster) for real: the same findings as the API and
``postlint audit`` on one input, a Linter built once per worker process, offline."""

from __future__ import annotations

import csv
import json
import os
import pickle
import shutil

import pytest

from postlint import Linter
from postlint.audit import LinterConfig
from postlint.audit.config import linter_builds
from postlint.audit.engines.frames import lint_frame

if os.environ.get("CI"):
    # In CI these are never skipped: .ci/run installs the extras (with the test extra) and Java.
    import distributed  # noqa: F401
    import pyspark  # noqa: F401

    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise RuntimeError("CI needs Java for the Spark tests; .ci/run installs it")
else:
    pytest.importorskip("pyspark", reason="pip install -e '.[test]' installs the spark extra")
    pytest.importorskip("distributed", reason="pip install -e '.[test]' installs the dask extra")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java 17+ (.ci/run installs it)", allow_module_level=True)

POSTS = [
    ("1", "acme", "2024-01-05", "twitter", 'He said "call me on 07700 900123", then left'),
    ("2", "acme", "2024-01-20", "linkedin", "Line one,\nline two with a comma, and \"quotes\""),
    ("3", "bob", "2024-02-11", "x", "This is fucking terrible and I hate my boss"),
    ("4", "bob", "2024-02-12", "mastodon", "Mail jo.bloggs@gmail.com, ça va ? 🙂 #GamerGate"),
    ("5", "carol", "2024-03-01", "facebook", "Off to Lisbon for two weeks, house empty!!"),
    ("6", "carol", "2024-03-02", "", "A calm, pleasant update about our product"),
    ("7", "dave", "", "threads", "Our Q3 numbers are confidential until the call"),
    ("8", "dave", "2024-04-09", "x", "WHY IS NOBODY ANSWERING MY EMAILS?!?! worst service ever " * 8),
]
COLUMNS = ("id", "account", "date", "network", "text")
KEY = ("post_id", "finding", "span", "rule", "category", "severity", "tags", "message",
       "match", "start", "end", "line", "column", "end_line", "end_column", "fingerprint",
       "account", "date", "network")


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    path = tmp_path_factory.mktemp("engines") / "posts.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(6):  # 48 posts, so that there are several partitions
            for post in POSTS:
                writer.writerow((f"{post[0]}-{n}", *post[1:]))
    return path


def normalise(rows) -> list[tuple]:
    out = []
    for row in rows:
        row = dict(row)
        out.append(tuple(None if row.get(k) in (None, "") else row[k] for k in KEY))
    return sorted(out, key=lambda r: (r[0], r[1], r[2]))


def api_rows(path) -> list[tuple]:
    """What the Python API finds, turned into rows by hand (not by postlint.audit)."""
    with open(path, encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    aliases = {"twitter": "x"}
    linter = Linter()
    items = [(r["text"], aliases.get(r["network"], r["network"] or None)) for r in records]
    rows = []
    for record, findings in zip(records, linter.lint_many(items), strict=True):
        for n, f in enumerate(findings):
            for s, span in enumerate(f.spans):
                rows.append({
                    "post_id": record["id"], "finding": n, "span": s, "rule": f.rule,
                    "category": f.category, "severity": f.severity, "tags": ",".join(f.tags),
                    "message": f.message, "match": span.masked_match if f.sensitive
                    else span.match, "start": span.start, "end": span.end, "line": span.line,
                    "column": span.column, "end_line": span.end_line,
                    "end_column": span.end_column, "fingerprint": span.fingerprint,
                    "account": record["account"], "date": record["date"],
                    "network": record["network"]})
    return normalise(rows)


@pytest.fixture(scope="module")
def spark():
    from postlint.audit.engines.spark import spark_session

    session = spark_session("local[2]", 2)
    assert session.conf.get("spark.ui.enabled") == "false"
    assert session.conf.get("spark.driver.host") == "127.0.0.1"
    yield session
    session.stop()


@pytest.fixture(scope="module")
def dask_client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address="127.0.0.1:0", host="127.0.0.1")
    # Everything it listens on is on the loopback address (its HTTP server on a free port).
    assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert cluster.dashboard_link.startswith("http://127.0.0.1:")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_spark_finds_what_the_api_finds(spark, export):
    from postlint.audit import lint_spark
    from postlint.audit.engines.spark import read_exports

    posts = read_exports(spark, [str(export)], "csv").repartition(4)
    assert posts.count() == 48  # quoted line breaks did not split records
    findings = lint_spark(posts, "text", "id", ["account", "date", "network"],
                          network_column="network")
    assert [f.name for f in findings.schema.fields][:3] == ["post_id", "finding", "span"]
    assert dict(findings.dtypes)["start"] == "bigint"
    assert normalise(r.asDict() for r in findings.collect()) == api_rows(export)


def test_spark_builds_one_linter_per_python_worker(spark, export):
    from postlint.audit import lint_spark
    from postlint.audit.engines.spark import read_exports

    config = LinterConfig.create()
    assert len(pickle.dumps(config)) < 2000  # what travels to workers: options, not a pipeline
    posts = read_exports(spark, [str(export)], "csv").repartition(8)
    lint_spark(posts, config=config).count()

    def probe(batches):
        import pandas as pd

        for frame in batches:
            yield pd.DataFrame({"pid": [os.getpid()] * len(frame),
                                "builds": [linter_builds()] * len(frame)})

    seen = posts.mapInPandas(probe, "pid long, builds long").distinct().collect()
    assert seen and all(row.builds <= 1 for row in seen)
    assert any(row.builds == 1 for row in seen)


def test_spark_rejects_a_missing_column(spark, export):
    from postlint.audit import lint_spark
    from postlint.audit.engines.spark import read_exports
    from postlint.errors import UsageError

    with pytest.raises(UsageError, match="no text column 'body'"):
        lint_spark(read_exports(spark, [str(export)], "csv"), text_column="body")


def test_dask_finds_what_the_api_finds_with_a_linter_per_worker(dask_client, export):
    import dask.dataframe as dd

    from postlint.audit import lint_dask
    from postlint.audit.engines.dask import read_exports

    posts = read_exports([str(export)], "csv").repartition(npartitions=6)
    findings = lint_dask(posts, "text", "id", ["account", "date", "network"],
                         network_column="network", client=dask_client)
    # The plugin built each worker's linter when it was registered, before any task ran.
    assert set(dask_client.run(linter_builds).values()) == {1}
    frame = findings.compute()
    assert isinstance(findings, dd.DataFrame) and str(frame["start"].dtype) == "int64"
    assert normalise(frame.to_dict("records")) == api_rows(export)
    assert set(dask_client.run(linter_builds).values()) == {1}


def test_every_engine_gives_the_same_findings_and_summary(tmp_path, export, spark,
                                                          run_cli):
    """API, audit (local, --jobs 2), audit --engine spark and --engine dask on one input."""
    import pyarrow.parquet as pq

    expected = api_rows(export)
    summaries = {}
    outputs = {}
    for name, args in [("local", []), ("jobs", ["--jobs", "2"]),
                       ("spark", ["--engine", "spark", "--jobs", "2"]),
                       ("dask", ["--engine", "dask", "--jobs", "2"])]:
        out = tmp_path / f"{name}.parquet"
        summary = tmp_path / f"{name}.json"
        result = run_cli("audit", str(export), "-o", str(out), "--summary", str(summary),
                         *args)
        assert result.exit_code == 0, result.output
        outputs[name] = normalise(pq.read_table(out).to_pylist())
        summaries[name] = json.loads(summary.read_text())
    for name, rows in outputs.items():
        assert rows == expected, name
    assert summaries["spark"] == summaries["local"] == summaries["dask"] == summaries["jobs"]
    assert summaries["local"]["posts"] == 48
    jsonl = tmp_path / "spark-json"
    assert run_cli("audit", str(export), "-o", str(jsonl), "--output-format", "jsonl",
                   "--engine", "spark").exit_code == 0
    rows = [json.loads(line) for part in sorted(jsonl.glob("part-*.json"))
            for line in part.read_text().splitlines()]
    assert normalise(rows) == expected


def test_lint_frame_is_what_workers_run():
    import pandas as pd

    frame = pd.DataFrame({"id": [1, 2, None], "text": ["I hate this", None, "x"],
                          "account": ["a", "b", "c"]})
    rows = lint_frame(Linter(), frame, "id", "text", None, ["account"], False)
    assert set(rows["post_id"]) == {"1"}  # no text or no id: no rows
    assert list(rows.columns)[-1] == "account"
