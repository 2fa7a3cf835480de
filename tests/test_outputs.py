"""Several outputs in one run (--output FORMAT:PATH), their errors, and the summary by
category and severity."""

from __future__ import annotations

import gc
import json
import re

import pytest
from contracts import junit_errors, sarif_errors
from corpus import INPUTS, make_corpus, run_check

from postlint.errors import UsageError
from postlint.reporters import OutputSpec, open_outputs, parse_output
from postlint.reporters.outputs import plan_outputs


@pytest.fixture
def root(tmp_path):
    make_corpus(tmp_path)
    return tmp_path


def test_text_on_the_terminal_and_files_beside_it(root):
    (root / "reports").mkdir()
    result = run_check(root, *INPUTS, "--output", "sarif:reports/postlint.sarif",
                       "--output", "junit:reports/junit.xml", "--output", "html:report.html",
                       "--output", "rdjsonl:reports/rd.jsonl", env={"SOURCE_DATE_EPOCH": "0"})
    assert result.exit_code == 2
    assert "posts/launch 🚀.md:1:15: error t/damn" in result.stdout  # text, as without them
    sarif = json.loads((root / "reports/postlint.sarif").read_text(encoding="utf-8"))
    assert sarif_errors(sarif) == []
    assert junit_errors((root / "reports/junit.xml").read_text(encoding="utf-8")) == []
    assert (root / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # each file is what that format alone would print
    alone = run_check(root, *INPUTS, "--format", "sarif").stdout
    assert (root / "reports/postlint.sarif").read_text(encoding="utf-8") == alone
    alone = run_check(root, *INPUTS, "--format", "junit", env={"SOURCE_DATE_EPOCH": "0"}).stdout
    assert (root / "reports/junit.xml").read_text(encoding="utf-8") == alone
    assert not list(root.rglob(".postlint-*"))  # no temporary file left behind


def test_an_output_to_stdout_replaces_the_default_format(root):
    result = run_check(root, *INPUTS, "--output", "json:-")
    assert json.loads(result.stdout)["schema_version"] == 1
    clash = run_check(root, *INPUTS, "--format", "text", "--output", "json:-")
    assert clash.exit_code == 2
    assert "--format text and --output json:- both write to standard output" in clash.output


@pytest.mark.parametrize("args,message", [
    (["--output", "yaml:x.yaml"], "unknown format 'yaml'"),
    (["--output", "sarif:"], "no path after 'sarif:'"),
    (["--output", "sarif:a.sarif", "--output", "json:a.sarif"], "two outputs write to 'a.sarif'"),
    (["--output", "sarif:missing/dir/a.sarif"], "cannot write --output 'missing/dir/a.sarif'"),
    (["--output", "html:posts"], "is a folder"),
])
def test_bad_outputs_are_usage_errors(root, args, message):
    result = run_check(root, *INPUTS, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_paths_may_hold_colons():
    assert parse_output("sarif:C:/reports/a.sarif") == OutputSpec("sarif", "C:/reports/a.sarif")
    assert parse_output("JSON") == OutputSpec("json", "-")
    with pytest.raises(UsageError):
        plan_outputs("text", ["json:-", "sarif:-"], format_given=False)


def test_a_run_that_does_not_finish_leaves_no_file(tmp_path, capsys):
    target = tmp_path / "out.sarif"
    target.write_text("the previous report", encoding="utf-8")
    outputs = open_outputs("text", [f"sarif:{target}"], stdout=None)
    del outputs  # dropped without finish(): as after an error or an interrupt
    gc.collect()
    assert target.read_text(encoding="utf-8") == "the previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["out.sarif"]


def test_summary_by_category_and_severity(root):
    doc = json.loads(run_check(root, *INPUTS, "--format", "json").stdout)
    by_category = doc["summary"]["by_category"]
    assert list(by_category) == ["controversy", "oversharing", "negativity", "style"]
    assert by_category["style"] == {"error": 0, "warning": 0, "info": 1}
    for severity in ("error", "warning", "info"):
        assert sum(c[severity] for c in by_category.values()) == \
            doc["summary"]["by_severity"][severity]
    text = run_check(root, *INPUTS).stdout.splitlines()
    assert text[-2].startswith("by category: controversy ")
    assert "; style 1 (1 info)" in text[-2]


def test_a_clean_run_is_valid_in_every_format(tmp_path):
    from contracts import rdjsonl_errors

    make_corpus(tmp_path)
    args = ["posts/clean.txt"]
    for fmt in ("sarif", "junit", "rdjsonl", "html", "json", "github"):
        args += ["--output", f"{fmt}:out.{fmt}"]
    result = run_check(tmp_path, *args)
    assert result.exit_code == 0 and result.stdout == "0 findings in 0 of 1 post\n"
    read = {fmt: (tmp_path / f"out.{fmt}").read_text(encoding="utf-8")
            for fmt in ("sarif", "junit", "rdjsonl", "html", "json", "github")}
    sarif = json.loads(read["sarif"])
    assert sarif_errors(sarif) == [] and sarif["runs"][0]["results"] == []
    assert junit_errors(read["junit"]) == [] and 'tests="1" failures="0"' in read["junit"]
    assert read["rdjsonl"] == "" and rdjsonl_errors(read["rdjsonl"]) == []
    assert "No post has findings." in read["html"]
    assert read["github"] == "postlint: 0 findings in 0 of 1 post\n"


def test_no_output_shows_the_corpus_secrets(tmp_path):
    from corpus import SECRETS

    from postlint.reporters import REPORTERS

    make_corpus(tmp_path)
    args = [*INPUTS]
    for fmt in REPORTERS:
        args += ["--output", f"{fmt}:out.{fmt}"]
    shown = {}
    for flag in ([], ["--show-matches"]):
        run_check(tmp_path, *args, *flag)
        shown[bool(flag)] = {fmt: [s for s in SECRETS if s in (tmp_path / f"out.{fmt}")
                                   .read_text(encoding="utf-8")] for fmt in REPORTERS}
    assert shown[False] == {fmt: [] for fmt in REPORTERS}
    # the same run with --show-matches does show them: the check above can fail
    assert all("TOKEN-123456" in found for found in shown[True].values())


def test_undecodable_names_and_lone_surrogates_give_strict_json(tmp_path):
    import os

    make_corpus(tmp_path)
    name = os.fsdecode(b"caf\xe9 damn.md")  # a file name that is not UTF-8
    (tmp_path / name).write_text("damn \U0001f600 damn", encoding="utf-8")
    (tmp_path / "lone.md").write_bytes("damn \udcff".encode("utf-8", "surrogatepass"))
    result = run_check(tmp_path, name, "lone.md", "--encoding-errors", "replace",
                       "--output", "sarif:out.sarif", "--output", "rdjsonl:out.rdjsonl")
    assert result.exit_code == 1  # t/damn is an error
    for out in ("out.sarif", "out.rdjsonl"):
        raw = (tmp_path / out).read_bytes()
        assert raw.isascii()
        assert not re.search(rb"\\ud[c-f][0-9a-f]{2}", raw, re.I)  # no lone low surrogate
        for line in ([raw] if out.endswith(".sarif") else raw.splitlines()):
            json.loads(line)
    sarif = json.loads((tmp_path / "out.sarif").read_bytes())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert "caf%E9%20damn.md" in uris  # the original byte, percent-encoded
    assert sarif_errors(sarif) == []


def test_every_format_is_the_same_for_any_jobs(tmp_path):
    from postlint.reporters import REPORTERS

    make_corpus(tmp_path)
    outputs = {}
    for jobs in ("1", "2"):
        args = [*INPUTS, "--jobs", jobs]
        for fmt in REPORTERS:
            args += ["--output", f"{fmt}:out-{jobs}.{fmt}"]
        run_check(tmp_path, *args, env={"SOURCE_DATE_EPOCH": "0"})
        outputs[jobs] = {fmt: (tmp_path / f"out-{jobs}.{fmt}").read_bytes() for fmt in REPORTERS}
    assert outputs["1"] == outputs["2"]
