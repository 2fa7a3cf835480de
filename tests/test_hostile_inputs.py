"""Hostile inputs on the command line: binary, mis-encoded, huge, looping, unreadable and
oddly named files are reported and skipped, the rest are still checked, and positions stay
right whatever the encoding and line endings."""

from __future__ import annotations

import builtins
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import pack_text, rule_yaml

from postlint.cli import cli

RULES = rule_yaml("terms", "terms: [damn]", rule_id="t/damn", severity="error",
                  message='"found {match}"')


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    path = tmp_path_factory.mktemp("pack") / "inputs.yaml"
    path.write_text(pack_text(RULES), encoding="utf-8")
    return path


@pytest.fixture
def check(pack):
    """Run ``postlint check`` with the test pack only; stdout and stderr kept apart."""

    def run(*args, input=None):
        runner = CliRunner()
        result = runner.invoke(cli, ["check", *map(str, args), "--only-packs", "--pack",
                                     str(pack)], input=input, catch_exceptions=False)
        assert "Traceback" not in result.output
        return result

    return run


def as_json(result) -> dict:
    return json.loads(result.stdout)


def positions(doc) -> list[tuple]:
    return [(f["path"].rsplit("/", 1)[-1], f["line"], f["column"], f["end_column"], f["match"])
            for f in doc["findings"]]


def test_binary_file_is_skipped_with_a_notice(check, tmp_path):
    (tmp_path / "logo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR damn")
    (tmp_path / "post.md").write_text("damn", encoding="utf-8")
    result = check(tmp_path)
    assert f"{tmp_path}/logo.txt: notice: skipped: looks like a binary file\n" in result.stdout
    assert "1 finding (1 error, 0 warning, 0 info) in 1 of 1 post; 1 skipped" in result.stdout
    assert result.exit_code == 1  # a notice alone is not a failure
    only_binary = check(tmp_path / "logo.txt")
    assert only_binary.exit_code == 2
    assert "nothing was checked: every input was skipped" in only_binary.stderr


def test_invalid_utf8_names_file_and_offset(check, tmp_path):
    bad = tmp_path / "latin1.md"
    bad.write_bytes(b"ok\ncaf\xe9 damn")
    result = check(bad)
    assert result.exit_code == 2
    assert (f"{bad}: problem: not valid UTF-8 (byte 0xe9 at offset 6); save it as UTF-8 or "
            "use --encoding-errors replace") in result.stdout
    replaced = check(bad, "--encoding-errors", "replace", "--format", "json")
    assert replaced.exit_code == 1
    [finding] = as_json(replaced)["findings"]
    assert (finding["line"], finding["column"], finding["match"]) == (2, 6, "damn")
    assert as_json(replaced)["problems"] == []


ENCODED = [
    ("utf8.md", b"first\nsay damn\n"),
    ("bom.md", b"\xef\xbb\xbf" + b"say damn"),
    ("bom-crlf.md", b"\xef\xbb\xbf" + b"x\r\nsay damn\r\n"),
    ("utf16le.md", "\ufeffx\r\nsay damn".encode("utf-16-le")),
    ("utf16be.md", "\ufeffx\nsay damn".encode("utf-16-be")),
    ("utf32le.md", "\ufeffx\rsay damn".encode("utf-32-le")),
    ("utf32be.md", "\ufeffx\r\n\r\nsay damn".encode("utf-32-be")),
    ("crlf.md", b"a\r\nb\r\nsay damn\r\n"),
    ("cr.md", b"a\rb\rsay damn\r"),
    ("mixed.md", b"a\r\nb\nc\rsay damn"),
    ("emoji.md", "\U0001f468\u200d\U0001f469\u200d\U0001f467 say damn".encode()),
]
EXPECTED = {
    "utf8.md": (2, 5), "bom.md": (1, 5), "bom-crlf.md": (2, 5), "utf16le.md": (2, 5),
    "utf16be.md": (2, 5), "utf32le.md": (2, 5), "utf32be.md": (3, 5), "crlf.md": (3, 5),
    "cr.md": (3, 5), "mixed.md": (4, 5), "emoji.md": (1, 11),
}


def test_encodings_and_line_endings_give_right_positions(check, tmp_path):
    for name, data in ENCODED:
        (tmp_path / name).write_bytes(data)
    result = check(tmp_path, "--format", "json")
    assert result.exit_code == 1, result.output
    doc = as_json(result)
    assert doc["problems"] == []
    found = {name: (line, column) for name, line, column, end, match in positions(doc)}
    assert found == EXPECTED
    assert all(end == column + 4 for _, _, column, end, _ in positions(doc))
    text = check(tmp_path / "utf16le.md")
    assert f"{tmp_path}/utf16le.md:2:5: error t/damn found damn\n    say damn\n        ^^^^\n" \
        in text.stdout
    bom = check(tmp_path / "bom.md", "--format", "json")
    assert as_json(bom)["findings"][0]["start"] == 4  # offsets in the text, BOM not counted


def test_invalid_utf16_is_a_problem(check, tmp_path):
    bad = tmp_path / "odd.md"
    bad.write_bytes(b"\xff\xfex\x00\x00\xd8")  # a lone high surrogate, then the end
    result = check(bad)
    assert result.exit_code == 2 and f"{bad}: problem: invalid UTF-16" in result.stdout
    assert check(bad, "--encoding-errors", "replace").exit_code == 0


@pytest.mark.parametrize("content", [b"", b"\n", b"   \r\n\t", b"\xef\xbb\xbf"])
def test_empty_files_are_checked(check, tmp_path, content):
    (tmp_path / "empty.md").write_bytes(content)
    result = check(tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "0 findings in 0 of 1 post\n"


def test_huge_file_is_refused_and_the_limit_can_be_raised(check, tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: instant, takes no disk space
    (tmp_path / "small.md").write_text("damn " * 400, encoding="utf-8")  # 2,000 bytes
    result = check(tmp_path)
    assert result.exit_code == 2
    assert (f"{big}: problem: file is 209715200 bytes, over the 10485760-byte limit; "
            "raise it with --max-file-size") in result.stdout
    # the other file was checked: one finding for its 400 swear words
    assert "and 394 more\nby category: controversy 1 (1 error)\n1 finding " in result.stdout
    small = tmp_path / "small.md"
    limited = check(small, "--max-file-size", "1000")
    assert limited.exit_code == 2
    assert "file is 2000 bytes, over the 1000-byte limit" in limited.stdout
    assert check(small, "--max-file-size", "2000").exit_code == 1
    stdin = check("-", "--max-file-size", "10", input="damn damn damn")
    assert stdin.exit_code == 2 and "<stdin>: problem: input is larger than the 10-byte limit" \
        in stdin.stdout


def test_symlink_loops_are_reported_and_skipped(check, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "post.md").write_text("damn", encoding="utf-8")
    os.symlink("..", tmp_path / "a" / "up")            # a folder loop
    os.symlink("self.md", tmp_path / "a" / "self.md")  # a link to itself
    os.symlink("gone.md", tmp_path / "a" / "dangling.md")
    result = check(tmp_path, "--format", "json")
    doc = as_json(result)
    assert [f["path"] for f in doc["findings"]] == [f"{tmp_path}/a/post.md"]
    problems = {p["path"].replace(str(tmp_path), ""): (p["message"], p["skipped"])
                for p in doc["problems"]}
    assert problems == {
        "/a/up": ("skipped: symbolic link loop (folder already visited)", True),
        "/a/self.md": ("skipped: symbolic link loop", True),
        "/a/dangling.md": ("broken symbolic link (its target does not exist)", False),
    }
    assert result.exit_code == 2  # the dangling link could not be checked


def test_unreadable_file_is_reported_and_skipped(check, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("damn", encoding="utf-8")
    (tmp_path / "b.md").write_text("damn", encoding="utf-8")
    (tmp_path / "c.md").write_text("damn", encoding="utf-8")
    secret = str(tmp_path / "b.md")
    real_open = builtins.open

    def guarded_open(file, *args, **kwargs):
        if str(file) == secret:
            raise PermissionError(13, "Permission denied", secret)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("postlint.sources.discover.open", guarded_open, raising=False)
    result = check(tmp_path)
    assert result.exit_code == 2
    assert (f"{secret}: problem: cannot read: Permission denied; check the file's "
            "permissions\n") in result.stdout
    assert "2 findings (2 error, 0 warning, 0 info) in 2 of 2 posts; 1 input could not be " \
        "checked" in result.stdout


def test_unreadable_folder_is_reported_and_skipped(check, tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.md").write_text("damn", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_text("damn", encoding="utf-8")
    locked = str(tmp_path / "locked")
    real_scandir = os.scandir

    def guarded_scandir(path="."):
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    result = check(tmp_path)
    assert result.exit_code == 2
    assert f"{locked}: problem: cannot read: Permission denied" in result.stdout
    assert "1 finding" in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_chmod_000_file(check, tmp_path):
    (tmp_path / "a.md").write_text("damn", encoding="utf-8")
    locked = tmp_path / "b.md"
    locked.write_text("damn", encoding="utf-8")
    locked.chmod(0)
    try:
        result = check(tmp_path)
    finally:
        locked.chmod(0o644)
    assert result.exit_code == 2 and f"{locked}: problem: cannot read" in result.stdout


def test_named_pipe_in_a_walked_folder_does_not_block(pack, tmp_path):
    (tmp_path / "a.md").write_text("damn", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.md")
    result = subprocess.run([sys.executable, "-m", "postlint", "check", str(tmp_path),
                             "--only-packs", "--pack", str(pack)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"{tmp_path}/pipe.md: notice: skipped: not a regular file" in result.stdout


ODD_NAMES = ["with space.md", "ünïcødé ✓.md", "new\nline.md", "tab\there.md", "quote\"'.md",
             "-dash.md", "back\\slash.md", "\u202eevil.md", "emoji 😀.md"]


def test_odd_file_names_in_text_and_json(check, tmp_path):
    for name in ODD_NAMES:
        (tmp_path / name).write_text("damn", encoding="utf-8")
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.md"  # a name that is not UTF-8
    with open(raw, "wb") as handle:
        handle.write(b"damn")
    result = check(tmp_path, "--format", "json")
    assert result.exit_code == 1
    doc = as_json(result)  # one valid document
    names = {f["path"].rsplit("/", 1)[-1] for f in doc["findings"]}
    assert names == set(ODD_NAMES) | {os.fsdecode(b"caf\xe9.md")}
    text = check(tmp_path).stdout
    lines = text.splitlines()
    headers = [line for line in lines if "error t/damn" in line]
    assert len(headers) == len(ODD_NAMES) + 1  # each finding's header stays on one line
    assert f"{tmp_path}/new\\x0aline.md:1:1: error t/damn found damn" in headers
    assert f"{tmp_path}/with space.md:1:1: error t/damn found damn" in headers
    assert f"{tmp_path}/caf\\udce9.md:1:1: error t/damn found damn" in headers
    assert lines[-1] == "10 findings (10 error, 0 warning, 0 info) in 10 of 10 posts"
    # the given path itself may be odd too
    single = check(tmp_path / "new\nline.md")
    assert single.stdout.startswith(f"{tmp_path}/new\\x0aline.md:1:1:")


def test_one_bad_file_never_stops_the_others(check, tmp_path):
    (tmp_path / "1.md").write_text("damn", encoding="utf-8")
    (tmp_path / "2.md").write_bytes(b"\xff\xff damn")
    (tmp_path / "3.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "4.md").write_text("damn", encoding="utf-8")
    (tmp_path / "5.jsonl").write_text('{"text": "damn"}\n{broken\n42\n"damn"\n', encoding="utf-8")
    result = check(tmp_path, tmp_path / "5.jsonl", tmp_path / "missing.md", "--format", "json")
    assert result.exit_code == 2
    doc = as_json(result)
    assert doc["summary"]["posts"] == 4 and doc["summary"]["findings"] == 4
    assert doc["summary"]["problems"] == 4 and doc["summary"]["skipped"] == 1
    messages = sorted(p["message"].split(";")[0] for p in doc["problems"])
    assert messages == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes, column 2)",
        "line 3: no text to check",
        "no such file or folder",
        "not valid UTF-8 (byte 0xff at offset 0)",
        "skipped: looks like a binary file",
    ]


def test_zero_files_and_missing_paths(check, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    result = check(tmp_path)
    assert result.exit_code == 2
    assert result.stderr == ("postlint: no files to check: the paths hold no *.md, *.markdown, "
                             "*.txt, *.csv or *.json files\n")
    missing = check(tmp_path / "nope.md")
    assert missing.exit_code == 2 and f"{tmp_path}/nope.md: problem: no such file or folder" \
        in missing.stdout
    nothing = CliRunner().invoke(cli, ["check"])
    assert nothing.exit_code == 2 and nothing.stderr == (
        "postlint: nothing to check: give files, folders or - for standard input\n")


def test_hostile_stdin(check):
    binary = check("-", input=b"damn\x00damn")
    assert binary.exit_code == 2 and "<stdin>: notice: skipped: looks like a binary file" \
        in binary.stdout
    text = "\x01\udcff\ud800 damn \ufeff\u202e" + "a" * 100_000
    result = check("-", "--format", "json", input=text.encode("utf-8", "surrogatepass"))
    assert result.exit_code == 2  # lone surrogates are not valid UTF-8
    replaced = check("-", "--format", "json", "--encoding-errors", "replace",
                     input=text.encode("utf-8", "surrogatepass"))
    assert replaced.exit_code == 1
    assert [f["match"] for f in as_json(replaced)["findings"]] == ["damn"]


def test_caret_lines_up_under_escaped_control_characters(check):
    result = check("-", input="a\x01\x02 damn\n")
    assert "    a\\x01\\x02 damn\n              ^^^^\n" in result.stdout


def test_broken_pipe_is_quiet_and_not_a_clean_exit(pack, tmp_path):
    # Many posts, one finding each: far more output than a pipe holds, so the writer must
    # meet the closed pipe (one post would be one grouped finding, written before the close).
    posts = tmp_path / "many.jsonl"
    posts.write_text('{"text": "damn"}\n' * 5_000, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "postlint", "check", str(posts),
                                "--only-packs", "--pack", str(pack)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()  # like `| head -1`
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert stderr == b""


def test_internal_errors_are_one_line_unless_debug(pack, monkeypatch):
    def boom(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr("postlint.runner.run_check", boom)
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "-"], input="x")
    assert result.exit_code == 2
    assert result.stderr == ("postlint: internal error: ValueError: boom (run again with --debug "
                             "for details, and please report it)\n")
    debug = runner.invoke(cli, ["check", "-", "--debug"], input="x")
    assert debug.exit_code == 2 and "Traceback" in debug.stderr and "boom" in debug.stderr
