"""JUnit XML: valid against Jenkins' schema and the strict Ant one, one test case per post,
failures that agree with --fail-on, counts that agree with the cases, no XML-forbidden text."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from contracts import junit_errors
from corpus import CONTACT, FEED, INPUTS, LAUNCH, make_corpus, run_check

EPOCH = {"SOURCE_DATE_EPOCH": "1735689600"}  # 2025-01-01T00:00:00Z


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    root = tmp_path_factory.mktemp("junit")
    make_corpus(root)
    return root


@pytest.fixture(scope="module")
def xml(root):
    result = run_check(root, *INPUTS, "--format", "junit")
    assert result.exit_code == 2
    return result.stdout


def cases(xml):
    return {case.get("name"): case for case in ET.fromstring(xml).iter("testcase")}


def test_valid_against_both_schemas(xml):
    assert junit_errors(xml) == []


def test_the_schemas_catch_what_they_should(xml):
    assert junit_errors(xml.replace(' timestamp="', ' stamp="'))  # the strict one needs it
    assert junit_errors(xml.replace('<testcase ', '<testcase file="x" ', 1))
    assert junit_errors(xml.replace(' time="0"', ' time="0.0125"', 1).replace(
        'id="0" ', 'id="zero" '))


def test_one_case_per_post_and_per_unreadable_input(xml):
    names = list(cases(xml))
    assert sorted(names) == sorted([f"{LAUNCH}:1", f"{CONTACT}:1", "posts/clean.txt:1",
                                    f"{FEED}:1", f"{FEED}:2", "posts/bad.md"])
    suite = ET.fromstring(xml).find("testsuite")
    all_cases = list(suite.iter("testcase"))
    assert int(suite.get("tests")) == len(all_cases) == 6
    assert int(suite.get("failures")) == sum(c.find("failure") is not None for c in all_cases)
    assert int(suite.get("errors")) == sum(c.find("error") is not None for c in all_cases) == 1
    assert {c.get("classname") for c in all_cases} == {LAUNCH, CONTACT, "posts/clean.txt", FEED,
                                                        "posts/bad.md"}


def test_failures_follow_fail_on(root, xml):
    by_name = cases(xml)
    failure = by_name[f"{LAUNCH}:1"].find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "1 finding at or above error: t/damn (error)"
    assert "1:15 error t/damn: 'damn' is a swear word: 100%, really" in failure.text
    assert "also at 2:16 damn" in failure.text  # every span of the grouped finding
    assert "4:7 info t/jargon" in failure.text  # the body lists every finding of the post
    assert by_name["posts/clean.txt:1"].find("failure") is None
    assert by_name[f"{FEED}:1"].find("failure") is None
    lenient = cases(run_check(root, *INPUTS, "--format", "junit", "--fail-on", "never").stdout)
    assert all(c.find("failure") is None for c in lenient.values())
    strict = ET.fromstring(run_check(root, *INPUTS, "--format", "junit", "--fail-on",
                                     "info").stdout)
    assert strict.find("testsuite").get("failures") == "3"  # every post with a finding


def test_findings_below_the_threshold_are_in_system_out(root):
    (root / "mild.txt").write_text("synergy", encoding="utf-8")
    xml = run_check(root, "mild.txt", "--format", "junit").stdout
    assert junit_errors(xml) == []
    [case] = cases(xml).values()
    assert case.find("failure") is None
    out = ET.fromstring(xml).find("testsuite").find("system-out").text
    assert "Findings below --fail-on error" in out and "1:1 info t/jargon" in out


def test_properties_give_the_summary_by_category_and_severity(xml):
    props = {p.get("name"): p.get("value") for p in ET.fromstring(xml).iter("property")}
    assert props["findings.style.info"] == "1" and props["fail-on"] == "error"
    assert sum(int(v) for k, v in props.items() if k.count(".") == 2) == int(props["findings"])


def test_text_xml_forbids_is_shown_instead(xml):
    for ch in "\x07\x0b\x1b\x7f":
        assert ch not in xml
    assert xml.isascii()  # non-ASCII as character references: any stream encoding reads it


def test_forbidden_characters_in_every_field():
    """Controls, a lone surrogate and U+FFFE in the path, the message and the why."""
    from postlint.finding import Finding
    from postlint.reporters.base import FileResult, Summary
    from postlint.reporters.junit import JunitReporter
    from postlint.sources import InputPost, InputProblem

    odd = "bell\x07 esc\x1b nul\x00 ff\ufffe lone\udc80 & <b> \"q\" 'a' \t tab\r\nCRLF 😀"
    finding = Finding(rule="t/odd", category="controversy", tags=("topic",), severity="error",
                      message=odd, why=odd, suggestion=odd, match="x", start=0, end=1, line=1,
                      column=1, end_line=1, end_column=2, fingerprint="f")
    stream = io.StringIO()
    reporter = JunitReporter(stream)
    summary = Summary()
    result = FileResult(InputPost(f"posts/{odd}.md", "x"), [finding])
    summary.add(result)
    reporter.result(result)
    problem = InputProblem(f"posts/{odd}.txt", odd)
    summary.add_problem(problem)
    reporter.problem(problem)
    reporter.finish(summary)
    xml = stream.getvalue()
    assert junit_errors(xml) == []
    root = ET.fromstring(xml)  # a strict XML 1.0 parser accepts it
    [case, bad] = root.iter("testcase")
    assert "bell\u2407 esc\u241b nul\u2400 ff\ufffd lone\ufffd & <b> \"q\"" in case.get("name")
    failure = case.find("failure")
    assert "😀" in failure.text and "\u2407" in failure.text
    assert bad.find("error").get("message").startswith("bell\u2407 esc\u241b")
    assert "\t tab\r\nCRLF" in bad.find("error").get("message")  # kept by attribute references


def test_reproducible_with_source_date_epoch(root):
    first = run_check(root, *INPUTS, "--format", "junit", env=EPOCH).stdout
    assert 'timestamp="2025-01-01T00:00:00"' in first and ' time="0.000"' in first
    assert first == run_check(root, *INPUTS, "--format", "junit", env=EPOCH).stdout


def test_duplicate_names_are_made_unique(tmp_path):
    make_corpus(tmp_path)
    # the same file twice: GitLab would keep only the first of two equal names
    xml = run_check(tmp_path, LAUNCH, LAUNCH, "--format", "junit").stdout
    assert list(cases(xml)) == [f"{LAUNCH}:1", f"{LAUNCH}:1 (2)"]
    assert junit_errors(xml) == []
