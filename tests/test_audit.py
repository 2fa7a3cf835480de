"""postlint audit on one machine: export readers, findings rows, summaries, errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from postlint import Linter
from postlint.audit import ColumnChoice, Record, RecordProblem, month_of, open_export
from postlint.audit.readers import ReadLimits

POSTS = [
    {"id": "p1", "account": "acme", "date": "2024-01-05T10:00:00Z", "network": "twitter",
     "text": 'Call me on 07700 900123, "now"'},
    {"id": "p2", "account": "acme", "date": "2024-02-01", "network": "linkedin",
     "text": "hello\nworld, a lovely day"},
    {"id": "p3", "account": "bob", "date": "Sun Feb 11 20:19:24 +0000 2024", "network": "x",
     "text": "This is fucking terrible and I hate my boss"},
    {"id": "p4", "account": "bob", "date": "2024-03-02", "network": "mastodon",
     "text": "Mail jo.bloggs@gmail.com, ça va ? 🙂"},
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_csv(path, records, columns=("id", "account", "date", "network", "text")):
    import csv

    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for r in records:
            writer.writerow([r.get(c, "") for c in columns])
    return path


def write_parquet(path, records):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(records), path)
    return path


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}


def read_rows(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_format_gives_the_same_records(tmp_path, fmt):
    path = WRITERS[fmt](tmp_path / f"posts.{fmt}", POSTS)
    export = open_export(str(path), ColumnChoice())
    try:
        assert export.layout.text == "text" and export.layout.id == "id"
        assert export.layout.account == "account" and export.layout.date == "date"
        assert export.layout.keep == ("account", "date", "network")
        records = list(export.records)
    finally:
        export.close()
    assert [r.id for r in records] == ["p1", "p2", "p3", "p4"]
    assert [r.text for r in records] == [p["text"] for p in POSTS]
    assert records[0].kept == ("acme", "2024-01-05T10:00:00Z", "twitter")
    assert [r.platform for r in records] == ["x", "linkedin", "x", "mastodon"]


def test_columns_by_name_and_missing_columns(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", [{"uid": 7, "body": "hi", "who": "a"}])
    export = open_export(str(path), ColumnChoice(id="uid", keep=("who",)))
    assert export.layout.text == "body" and export.layout.keep == ("who",)
    assert list(export.records) == [Record("7", "hi", ("a",), None)]
    export.close()
    from postlint.errors import UsageError

    with pytest.raises(UsageError, match=r"no column 'nope' for the post text \(--text-column\)"):
        open_export(str(path), ColumnChoice(text="nope", id="uid"))
    with pytest.raises(UsageError, match="no post id column found .* --id-column"):
        open_export(str(path), ColumnChoice())


def test_csv_problems_spoil_only_their_record(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(b'id,text\n1,"fine, ""quoted""\nand two lines"\n2,caf\xe9 latte\n'
                     b'3,\n,no id\n4,last one\n')
    export = open_export(str(path), ColumnChoice())
    items = list(export.records)
    export.close()
    assert isinstance(items[0], Record) and items[0].text == 'fine, "quoted"\nand two lines'
    assert isinstance(items[1], RecordProblem)
    assert "line 4: not valid UTF-8 (byte 0xe9 at offset 5)" in items[1].message
    assert isinstance(items[2], Record) and items[2].text == ""  # an empty post is a post
    assert isinstance(items[3], RecordProblem) and "no post id" in items[3].message
    assert items[4] == Record("4", "last one", (), None)
    export = open_export(str(path), ColumnChoice(), ReadLimits(encoding_errors="replace"))
    assert [getattr(i, "text", None) for i in export.records][1] == "caf\ufffd latte"
    export.close()


def test_jsonl_problems_and_wide_encodings(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(b'{"id": 1, "text": "ok"}\nnot json\n[1]\n{"id": 2}\n'
                     b'{"id": 3, "text": "big ' + b"x" * 200 + b'"}\n')
    export = open_export(str(path), ColumnChoice(), ReadLimits(max_record_bytes=100))
    messages = [str(i) for i in export.records]
    export.close()
    assert messages[0].startswith("Record(")
    assert "line 2: not valid JSON" in messages[1]
    assert "line 3: expected a JSON object" in messages[2]
    assert "line 4: no text to check in column 'text' (found nothing)" in messages[3]
    assert "line 5 is 226 bytes, over the 100-byte limit" in messages[4]
    wide = tmp_path / "w.csv"
    wide.write_bytes("id,text\n1,naïve\n".encode("utf-16"))
    export = open_export(str(wide), ColumnChoice())
    assert [r.text for r in export.records] == ["naïve"]
    export.close()
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x89PNG\x00\x00")
    export = open_export(str(binary), ColumnChoice())
    assert [i.skipped for i in export.records] == [True]


@pytest.mark.parametrize(("value", "month"), [
    ("2024-01-05T10:00:00Z", "2024-01"), ("2024/11/30", "2024-11"),
    ("Wed Oct 10 20:19:24 +0000 2018", "2018-10"), ("1700000000", "2023-11"),
    ("1700000000000", "2023-11"), ("yesterday", "(unknown)"), (None, "(unknown)"),
    ("2024-13-01", "(unknown)")])
def test_month_of(value, month):
    assert month_of(value) == month


def test_audit_rows_match_the_api_and_are_masked(tmp_path, run_cli):
    path = write_csv(tmp_path / "posts.csv", POSTS)
    out = tmp_path / "f.jsonl"
    result = run_cli("audit", str(path), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    linter = Linter()
    expected = []
    for post, findings in zip(POSTS, linter.lint_many(
            [(p["text"], {"twitter": "x"}.get(p["network"], p["network"])) for p in POSTS]),
            strict=True):
        for n, f in enumerate(findings):
            for s, span in enumerate(f.spans):
                expected.append((post["id"], n, s, f.rule, span.start, span.end,
                                 span.masked_match if f.sensitive else span.match))
    assert [(r["post_id"], r["finding"], r["span"], r["rule"], r["start"], r["end"],
             r["match"]) for r in rows] == expected
    text = out.read_text()
    assert "900123" not in text.replace("***123", "") and "jo.bloggs" not in text
    assert "07*** ***123" in text
    assert {r["account"] for r in rows} <= {"acme", "bob"} and "text" not in rows[0]
    shown = tmp_path / "shown.jsonl"
    assert run_cli("audit", str(path), "-o", str(shown), "--show-matches").exit_code == 0
    assert "07700 900123" in shown.read_text() and "jo.bloggs@gmail.com" in shown.read_text()


def test_summary_formats(tmp_path, run_cli):
    path = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    out, js, html, txt = (tmp_path / n for n in ("f.jsonl", "s.json", "s.html", "s.txt"))
    result = run_cli("audit", str(path), "-o", str(out), "--summary", str(js),
                     "--summary", str(html), "--summary", str(txt))
    assert result.exit_code == 0
    report = json.loads(js.read_text())
    assert report["posts"] == 4 and report["problems"] == 0
    assert [m["month"] for m in report["by_month"]] == ["2024-01", "2024-02", "2024-03"]
    by_account = {a["account"]: a for a in report["by_account"]}
    assert by_account["bob"]["posts"] == 2
    rows = read_rows(out)
    assert report["findings"] == sum(r["span"] == 0 for r in rows)
    assert sum(a["findings"] for a in report["by_account"]) == report["findings"]
    assert sum(c["findings"] for c in report["by_category"]) == report["findings"]
    phone = next(r for r in report["by_rule"] if r["rule"] == "oversharing/phone-number")
    assert phone["examples"] == [{"post_id": "p1", "match": "07*** ***123"}]
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "<rect" in page
    lowered = page.lower()
    for remote in ("http://", "https://", "<script", "<link", " src=", "@import", "url("):
        if remote == "http://":  # the SVG namespace is a name, not a fetch
            lowered = lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert remote not in lowered
    assert "07700" not in page and "jo.bloggs" not in page
    assert txt.read_text() == result.output
    assert "By account" in result.output and "By month" in result.output


def test_html_escapes_account_names(tmp_path, run_cli):
    records = [{"id": 1, "account": "<script>x</script>", "text": "I hate this"}]
    path = write_jsonl(tmp_path / "p.jsonl", records)
    html = tmp_path / "s.html"
    run_cli("audit", str(path), "-o", str(tmp_path / "f.jsonl"), "--summary", str(html))
    assert "<script>" not in html.read_text() and "&lt;script&gt;" in html.read_text()


def test_parquet_output_and_jobs_give_the_same_rows(tmp_path, run_cli):
    import pyarrow.parquet as pq

    records = [dict(p, id=f"{p['id']}-{i}") for i in range(150) for p in POSTS]
    path = write_parquet(tmp_path / "posts.parquet", records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.parquet"
    assert run_cli("audit", str(path), "-o", str(one)).exit_code == 0
    assert run_cli("audit", str(path), "-o", str(two), "--jobs", "2").exit_code == 0
    table = pq.read_table(two)
    assert table.to_pylist() == read_rows(one)
    assert table.schema.field("start").type == "int64"


def test_problems_exit_2_and_are_reported(tmp_path, run_cli):
    path = tmp_path / "p.jsonl"
    path.write_text('{"id": 1, "text": "fine"}\n{"id": 2, "text": 5}\nbroken\n')
    result = run_cli("audit", str(path), "-o", str(tmp_path / "f.jsonl"))
    assert result.exit_code == 2
    assert "line 2: no text to check in column 'text' (found int)" in result.output
    assert "line 3: not valid JSON" in result.output
    assert "1 posts audited" in result.output and "2 records not checked" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["missing.jsonl"], "missing.jsonl: no such file"),
    (["posts.txt"], "cannot tell the export format"),
    (["posts.jsonl", "--text-column", "body"], "no column 'body' for the post text"),
    (["posts.jsonl", "--keep", "finding"], "the kept column 'finding' has the name of a findings column"),
    (["posts.jsonl", "--only-packs"], "--only-packs needs at least one --pack file"),
])
def test_usage_errors(tmp_path, run_cli, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "posts.jsonl", [{"id": 1, "text": "hi", "finding": "x"}])
    (tmp_path / "posts.txt").write_text("hi")
    result = run_cli("audit", *args, "-o", "out.jsonl")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.jsonl").exists()


def test_never_overwrites_and_refuses_a_changed_input(tmp_path, run_cli):
    path = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    out = tmp_path / "f.jsonl"
    assert run_cli("audit", str(path), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    again = run_cli("audit", str(path), "-o", str(out))
    assert again.exit_code == 2 and "already exists; continue a stopped audit with --resume" \
        in again.output
    done = run_cli("audit", str(path), "-o", str(out), "--resume")
    assert done.exit_code == 0 and "already complete (4 records)" in done.output
    write_jsonl(path, POSTS[:2])
    changed = run_cli("audit", str(path), "-o", str(out), "--resume")
    assert changed.exit_code == 2 and "the input files changed" in changed.output
    other = run_cli("audit", str(tmp_path / "posts.jsonl"), "-o", str(out), "--resume",
                    "--allow", "Acme")
    assert other.exit_code == 2 and "the packs, --allow" in other.output
    assert out.read_bytes() == before
    foreign = tmp_path / "foreign.jsonl"
    foreign.write_text("mine\n")
    refused = run_cli("audit", str(path), "-o", str(foreign), "--resume")
    assert refused.exit_code == 2 and "was not written by postlint audit" in refused.output
    assert foreign.read_text() == "mine\n"


@pytest.mark.parametrize("engine", ["spark", "dask"])
def test_engine_without_its_extra_names_the_extra(tmp_path, engine):
    path = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    blocked = {"spark": "pyspark", "dask": "distributed"}[engine]
    code = (f"import sys; sys.modules[{blocked!r}] = None\n"
            "from postlint.cli import main; sys.argv = ['postlint'] + sys.argv[1:]; main()")
    result = subprocess.run([sys.executable, "-c", code, "audit", str(path), "-o",
                             str(tmp_path / "f"), "--engine", engine],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"pip install 'postlint[{engine}]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_core_import_does_not_load_the_engines():
    code = ("import sys, postlint.audit, postlint.cli; "
            "print(sorted(m for m in ('pyspark', 'dask', 'distributed', 'pandas', 'pyarrow') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.stdout.strip() == "[]"


def test_progress_bar_shows_share_rate_and_time_left():
    import io

    from postlint.audit.progress import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream, total=1000, done=200)
    bar.started -= 10  # ten seconds ago, when the resumed run started at 200
    bar.advance(300)
    line = bar.line(bar.started + 10)
    assert line.startswith("[##########----------]  50%  500/1,000 posts  30/s")
    assert line.endswith("0:16 left")  # 500 left at 30 posts/s
    bar.close()
    assert stream.getvalue().endswith("\n")
    assert ProgressBar(io.StringIO(), None).line(0).endswith("so far")


def test_progress_always_draws_on_stderr(tmp_path):
    path = write_jsonl(tmp_path / "posts.jsonl", POSTS * 50)
    result = subprocess.run([sys.executable, "-m", "postlint", "audit", str(path), "-o",
                             str(tmp_path / "f.jsonl"), "--progress", "always"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0
    assert "/200 posts" in result.stderr and "left" in result.stderr
    assert "\r" not in result.stdout and result.stdout.startswith("200 posts audited")


def test_resume_is_for_the_local_engine(tmp_path, run_cli):
    path = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    result = run_cli("audit", str(path), "-o", str(tmp_path / "f"), "--engine", "dask",
                     "--resume")
    assert result.exit_code == 2 and "--resume is for the local engine" in result.output


def test_unwritable_outputs_fail_before_the_run(tmp_path, run_cli):
    path = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    result = run_cli("audit", str(path), "-o", str(tmp_path / "no" / "f.jsonl"))
    assert result.exit_code == 2 and "cannot write" in result.output
    result = run_cli("audit", str(path), "-o", str(tmp_path / "f.jsonl"), "--summary",
                     str(tmp_path / "no" / "s.html"))
    assert result.exit_code == 2 and "its folder does not exist" in result.output
    assert not (tmp_path / "f.jsonl").exists()


def test_parquet_output_without_findings_is_a_readable_table(tmp_path, run_cli):
    import pyarrow.parquet as pq

    path = write_jsonl(tmp_path / "posts.jsonl", [{"id": 1, "text": "A lovely day", "who": "a"}])
    out = tmp_path / "f.parquet"
    assert run_cli("audit", str(path), "-o", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.column_names[-1] == "who"
