"""Readers: every format maps each finding to the exact line and column of its file.

Positions are checked through the command line's JSON output against where the matched
text really is in the file (found by searching the file), for front matter posts, threads,
CSV rows, JSON records, CRLF files and posts with emoji.
"""

from __future__ import annotations

import json

import pytest

EMAIL = "jo.bloggs@gmail.com"
PHONE = "07700 900123"


def check(run_cli, *args, input=None):
    result = run_cli("check", "--format", "json", "--show-matches", "--fail-on", "never",
                     *map(str, args), input=input)
    doc = json.loads(result.output)
    return result.exit_code, doc


def where(doc, rule):
    """(line, column, end_column, record) of each finding of ``rule``."""
    return [(f["line"], f["column"], f["end_column"], f.get("record"))
            for f in doc["findings"] if f["rule"] == rule]


def position_in(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and code-point column of the nth occurrence of ``needle`` in a file text;
    CRLF, LF and a lone CR end lines, as in postlint."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1


def rules(doc) -> set[str]:
    return {f["rule"] for f in doc["findings"]}


# --- Markdown ----------------------------------------------------------------------------

FRONT = f"""---
title: Spring launch
author: {EMAIL}
platform: X (Twitter)
profile: brand
---
# Spring launch 🎉

We open the doors on Monday. Questions? Mail {EMAIL} today.
"""


def test_front_matter_is_metadata_not_prose(run_cli, tmp_path):
    post = tmp_path / "launch.md"
    post.write_text(FRONT, encoding="utf-8")
    _, doc = check(run_cli, post)
    [(line, column, end, _)] = where(doc, "oversharing/email-address")
    assert (line, column) == position_in(FRONT, EMAIL, nth=1) == (9, 46)
    assert end == column + len(EMAIL)


def test_front_matter_platform_gives_the_length_limit(run_cli, tmp_path):
    post = tmp_path / "long.md"
    post.write_text("---\nplatform: twitter\n---\n" + "word " * 70, encoding="utf-8")
    _, doc = check(run_cli, post)
    [finding] = [f for f in doc["findings"] if f["rule"] == "style/too-long"]
    assert "on x" in finding["message"] and finding["line"] == 4
    post.write_text("---\nplatform: linkedin\n---\n" + "word " * 70, encoding="utf-8")
    assert "style/too-long" not in rules(check(run_cli, post)[1])


MASKED = """Intro line.

```
f*ck in a fence
```

~~~text
damn ``` still fenced
~~~

    shit in indented code

Inline ``code with ` f*ck`` and `shit`.
A [good link](https://example.com/damn-deals "shit title") and ![logo](img/shit.png).
Auto <https://example.com/f*ck> and [ref][r].
<!-- postlint: shit in a comment -->

[r]: https://example.com/hell "damn"

- a list
  ```
  crap in a fence in a list
  ```
"""


def test_markdown_code_urls_and_comments_are_not_prose(run_cli, tmp_path):
    post = tmp_path / "masked.md"
    post.write_text(MASKED, encoding="utf-8")
    _, doc = check(run_cli, post)
    swear = {"controversy/profanity", "controversy/mild-profanity"}
    assert not rules(doc) & swear, doc["findings"]
    # the same words as prose are findings, so the test can fail
    post.write_text(MASKED.replace("```", "").replace("~~~", "").replace("`", ""),
                    encoding="utf-8")
    assert rules(check(run_cli, post)[1]) & swear


def test_markdown_link_text_stays_checked_in_place(run_cli, tmp_path):
    text = "Read [this damn guide](https://example.com/guide) now.\n"
    post = tmp_path / "link.md"
    post.write_text(text, encoding="utf-8")
    _, doc = check(run_cli, post)
    [(line, column, end, _)] = where(doc, "controversy/mild-profanity")
    assert (line, column) == position_in(text, "damn") and end == column + 4


def test_markdown_email_autolink_is_still_oversharing(run_cli, tmp_path):
    text = f"Write to <{EMAIL}>.\n"
    post = tmp_path / "auto.md"
    post.write_text(text, encoding="utf-8")
    [(line, column, _, _)] = where(check(run_cli, post)[1], "oversharing/email-address")
    assert (line, column) == position_in(text, EMAIL)


def test_crlf_markdown_with_front_matter_and_emoji(run_cli, tmp_path):
    text = ("---\r\nplatform: bluesky\r\n---\r\n👨‍👩‍👧 Family day 🎉🎉\r\n\r\n"
            f"```\r\ncode\r\n```\r\nCall 😀 {PHONE} or {EMAIL}\r\n")
    post = tmp_path / "crlf.md"
    post.write_bytes(text.encode("utf-8"))
    _, doc = check(run_cli, post)
    [(line, column, end, _)] = where(doc, "oversharing/phone-number")
    assert (line, column) == position_in(text, PHONE) == (9, 8)
    assert end == column + len(PHONE)
    [(line, column, _, _)] = where(doc, "oversharing/email-address")
    assert (line, column) == position_in(text, EMAIL)


def test_text_output_quotes_the_file_line_with_carets(run_cli, tmp_path):
    text = "---\nplatform: x\n---\nSee [docs](https://x.co/a) then f*ck it 🎉\n"
    post = tmp_path / "p.md"
    post.write_text(text, encoding="utf-8")
    out = run_cli("check", str(post), "--fail-on", "never").output
    line, column = position_in(text, "f*ck")
    assert f"{post}:{line}:{column}: warning controversy/profanity" in out
    assert "    See [docs](https://x.co/a) then f*ck it 🎉\n" + " " * (4 + column - 1) + "^^^^\n" \
        in out


def test_bom_is_not_counted_in_columns(run_cli, tmp_path):
    post = tmp_path / "bom.md"
    post.write_bytes(b"\xef\xbb\xbf" + f"Mail {EMAIL}\n".encode())
    [(line, column, _, _)] = where(check(run_cli, post)[1], "oversharing/email-address")
    assert (line, column) == (1, 6)


def test_bad_front_matter_names_the_line_and_still_checks_the_body(run_cli, tmp_path):
    post = tmp_path / "bad.md"
    post.write_text(f"---\ntitle: ok\nplatform: [x\n---\nMail {EMAIL}\n", encoding="utf-8")
    code, doc = check(run_cli, post)
    assert code == 2
    [problem] = doc["problems"]
    assert problem["message"].startswith("line ") and "front matter is not valid" in \
        problem["message"]
    assert where(doc, "oversharing/email-address") == [(5, 6, 6 + len(EMAIL), None)]


def test_unknown_front_matter_platform_is_an_error(run_cli, tmp_path):
    post = tmp_path / "typo.md"
    post.write_text("---\nplatform: linkdin\n---\nHello\n", encoding="utf-8")
    code, doc = check(run_cli, post)
    assert code == 2
    assert doc["problems"][0]["message"].startswith(
        "line 2: front matter 'platform': unknown platform 'linkdin'; expected one of: x,")


TOML_FRONT = f"""+++
title = "Spring launch"
platform = "x"
tags = ["launch", "spring"]

[postlint]
disable = ["oversharing/phone-number"]
reason = "our published hotline"
+++
Write to {EMAIL} or call {PHONE}.
"""


JSON_FRONT = f"""{{
  "title": "Spring launch",
  "tags": ["launch", {{"platform": "not this one"}}],
  "platform": "x",
  "postlint": {{"disable": ["oversharing/phone-number"],
               "reason": "our published hotline"}}
}}
Write to {EMAIL} or call {PHONE}.
"""


@pytest.mark.parametrize(("front", "body_line"), [("toml", 10), ("json", 8)])
def test_toml_and_json_front_matter_are_metadata_not_prose(run_cli, tmp_path, front,
                                                           body_line):
    post = tmp_path / "launch.md"
    post.write_text({"toml": TOML_FRONT, "json": JSON_FRONT}[front], encoding="utf-8")
    code, doc = check(run_cli, post)
    assert code == 0 and doc["problems"] == []
    # the body's address is found at its file line; nothing in the front matter is checked
    assert where(doc, "oversharing/email-address") == [
        (body_line, 10, 10 + len(EMAIL), None)]
    # postlint's disable suppresses the phone number
    assert "oversharing/phone-number" not in rules(doc)


def test_toml_front_matter_keys_know_their_lines():
    from postlint.sources.base import ReadOptions
    from postlint.sources.markdown import read_markdown

    [post] = read_markdown("p.md", TOML_FRONT.encode(), ReadOptions())
    assert post.metadata["tags"] == ["launch", "spring"] and post.platform == "x"
    assert [post.metadata.line_of(k) for k in ("title", "platform", "postlint")] == [2, 3, 6]
    assert post.text.startswith("Write to")


def test_toml_front_matter_platform_gives_the_length_limit(run_cli, tmp_path):
    post = tmp_path / "long.md"
    post.write_text('+++\nplatform = "twitter"\n+++\n' + "word " * 70, encoding="utf-8")
    [finding] = [f for f in check(run_cli, post)[1]["findings"] if f["rule"] == "style/too-long"]
    assert "on x" in finding["message"] and finding["line"] == 4
    post.write_text('+++\nplatform = "linkdin"\n+++\nHello\n', encoding="utf-8")
    code, doc = check(run_cli, post)
    assert code == 2 and doc["problems"][0]["message"].startswith(
        "line 2: front matter 'platform': unknown platform 'linkdin'")


@pytest.mark.parametrize(("front", "message"), [
    ('+++\ntitle = "no closing quote\nplatform = "x"\n+++\n',
     "line 2: TOML front matter is not valid: "),
    ('+++\ntitle = "a"\ntitle = "b"\n+++\n', "line 3: TOML front matter is not valid: "),
    ("+++\nx = " + "[" * 5000 + "]" * 5000 + "\n+++\n",
     "line 2: TOML front matter is nested too deeply"),
    ('{\n  "title": "a",\n  "platform": "x",\n}\n',
     "line 4: JSON front matter is not valid: "),
    ("{\n" + '"x": ' + "[" * 100_000 + "]" * 100_000 + "\n}\n",
     "line 1: JSON front matter is nested too deeply"),
])
def test_broken_front_matter_is_a_problem_and_the_body_is_still_checked(
        run_cli, tmp_path, front, message):
    post = tmp_path / "broken.md"
    post.write_text(front + f"Mail {EMAIL}\n", encoding="utf-8")
    code, doc = check(run_cli, post)
    assert code == 2
    [problem] = doc["problems"]
    assert problem["message"].startswith(message), problem["message"]
    assert problem["message"].endswith("the post was checked without it")
    line = front.count("\n") + 1
    assert where(doc, "oversharing/email-address") == [(line, 6, 6 + len(EMAIL), None)]


def test_plus_line_without_a_closing_one_is_text(run_cli, tmp_path):
    post = tmp_path / "plus.md"
    post.write_text(f"+++\nMail {EMAIL}\n", encoding="utf-8")
    code, doc = check(run_cli, post)
    assert doc["problems"] == []
    assert where(doc, "oversharing/email-address") == [(2, 6, 6 + len(EMAIL), None)]


def test_json_front_matter_keys_know_their_lines():
    from postlint.sources.base import ReadOptions
    from postlint.sources.markdown import read_markdown

    [post] = read_markdown("p.md", JSON_FRONT.encode(), ReadOptions())
    assert post.platform == "x" and post.metadata["tags"][0] == "launch"
    # the nested "platform" of line 3 is not the top-level key of line 4
    assert [post.metadata.line_of(k) for k in ("title", "tags", "platform", "postlint")] == \
        [2, 3, 4, 5]
    assert post.text.startswith("Write to")


def test_a_template_field_first_is_prose_not_json(run_cli, tmp_path):
    post = tmp_path / "template.md"
    post.write_text(f"{{{{first_name}}}}, mail {EMAIL}\n}}\n", encoding="utf-8")
    code, doc = check(run_cli, post)
    assert doc["problems"] == []
    assert where(doc, "oversharing/email-address") == [(1, 22, 22 + len(EMAIL), None)]


def test_toml_front_matter_of_a_thread_applies_to_every_post(run_cli, tmp_path):
    thread = tmp_path / "launch.thread.md"
    thread.write_text(f'+++\nplatform = "x"\n+++\nFirst, mail {EMAIL}\n---\n'
                      + "word " * 70 + "\n", encoding="utf-8")
    _, doc = check(run_cli, thread)
    assert where(doc, "oversharing/email-address") == [(4, 13, 13 + len(EMAIL), 1)]
    [too_long] = [f for f in doc["findings"] if f["rule"] == "style/too-long"]
    assert too_long["record"] == 2 and too_long["line"] == 6


def test_markdown_comments_reach_the_post_with_file_lines():
    from postlint.sources.base import ReadOptions
    from postlint.sources.markdown import read_markdown

    text = ("---\nprofile: brand\n---\nHi <!-- inline one -->\n<!--\n  postlint-disable "
            "oversharing/phone -- hotline\n-->\n`<!-- not a comment -->`\n")
    [post] = read_markdown("p.md", text.encode(), ReadOptions())
    assert [(c.line, c.end_line, c.text) for c in post.comments] == [
        (4, 4, " inline one "), (5, 7, "\n  postlint-disable oversharing/phone -- hotline\n")]
    assert post.metadata == {"profile": "brand"} and post.metadata.line_of("profile") == 2
    assert len(post.text) == len(text) - text.index("Hi")


def test_comments_and_markup_do_not_count_in_the_length(builtin_linter):
    from postlint.kinds.length import count
    from postlint.sources.base import ReadOptions
    from postlint.sources.markdown import read_markdown

    body = "a" * 270
    url = "https://example.com/a/very/long/path/that/is/long"
    text = (f"{body} <!-- postlint-disable-next-line controversy -- a long directive -->\n"
            f"[read]({url})\n")
    [post] = read_markdown("p.md", text.encode(), ReadOptions())
    # 270, a space, a line break, "read" and the link (23 on X, as written elsewhere)
    assert count(post.text, "x", post.counted_as) == 270 + 1 + 1 + 4 + 23
    assert count(post.text, "bluesky", post.counted_as) == 270 + 1 + 1 + 4 + len(url)
    assert count(text, "x") > 350  # the same text read as plain text counts the comment


# --- threads -----------------------------------------------------------------------------

THREAD = f"""---
platform: x
campaign: spring
---
1/ We are launching today 🚀

---
2/ Questions? Call {PHONE}.

```
---
not a separator inside a fence
```
---
3/ {"word " * 60}
---
"""


def test_thread_posts_are_checked_one_by_one(run_cli, tmp_path):
    post = tmp_path / "launch.thread.md"
    post.write_text(THREAD, encoding="utf-8")
    _, doc = check(run_cli, post)
    assert doc["summary"]["posts"] == 3
    [(line, column, end, record)] = where(doc, "oversharing/phone-number")
    assert (line, column, record) == (*position_in(THREAD, PHONE), 2)
    [(line, _, _, record)] = where(doc, "style/too-long")
    assert record == 3 and line == position_in(THREAD, "3/")[0]


def test_plain_text_thread(run_cli, tmp_path):
    text = f"first post\r\n---\r\nsecond `{EMAIL}`\r\n---   \r\nthird\r\n"
    post = tmp_path / "t.thread.txt"
    post.write_bytes(text.encode())
    _, doc = check(run_cli, post)
    assert doc["summary"]["posts"] == 3
    [(line, column, _, record)] = where(doc, "oversharing/email-address")
    assert (line, column, record) == (*position_in(text, EMAIL), 2)


def test_split_thread_keeps_fenced_separators():
    from postlint.sources.thread import split_thread

    text = "a\n---\n```\n---\n```\nb\n----\n~~~~\n---\n~~~\n---\n~~~~\n---\nc"
    pieces = [text[s:e] for s, e in split_thread(text, 0)]
    assert pieces == ["a", "```\n---\n```\nb\n----\n~~~~\n---\n~~~\n---\n~~~~", "c"]


# --- CSV -----------------------------------------------------------------------------------

def test_csv_rows_are_posts_with_cell_positions(run_cli, tmp_path):
    text = ("Text,Image URL,Tags,Posting Time\n"
            "Spring sale starts now!,https://cdn.example.com/a.png,sale,2024-03-01 09:00\n"
            f"\"Questions? \"\"Text\"\" me on\n{PHONE}, or mail {EMAIL}\",,help,2024-03-02 10:00\n")
    path = tmp_path / "buffer.csv"
    path.write_text(text, encoding="utf-8")
    _, doc = check(run_cli, path)
    assert doc["summary"]["posts"] == 2
    assert where(doc, "oversharing/phone-number") == [(4, 1, 1 + len(PHONE), 2)]
    [(line, column, _, record)] = where(doc, "oversharing/email-address")
    assert (line, column, record) == (*position_in(text, EMAIL), 2)


def test_csv_escaped_quotes_keep_columns_exact(run_cli, tmp_path):
    text = f'date,message\n2024-05-01,"He said ""hi"" and ""bye"" to {EMAIL}"\n'
    path = tmp_path / "quotes.csv"
    path.write_text(text, encoding="utf-8")
    [(line, column, end, _)] = where(check(run_cli, path)[1], "oversharing/email-address")
    assert (line, column) == position_in(text, EMAIL) and end == column + len(EMAIL)


def test_excel_semicolon_export_with_bom_crlf_and_network(run_cli, tmp_path):
    rows = ["Datum;Network;Beitrag", f"01.05.2024;LinkedIn;Mail {EMAIL}",
            "02.05.2024;Twitter;" + "word " * 60]
    text = "\r\n".join(rows) + "\r\n"
    path = tmp_path / "plan.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    _, doc = check(run_cli, path, "--text-field", "Beitrag")
    [(line, column, _, _)] = where(doc, "oversharing/email-address")
    assert (line, column) == position_in(text, EMAIL) == (2, 26)
    # LinkedIn's limit is 3,000: only the X row is too long
    [too_long] = [f for f in doc["findings"] if f["rule"] == "style/too-long"]
    assert too_long["line"] == 3 and "on x" in too_long["message"]


def test_csv_finds_the_text_column_by_name(run_cli, tmp_path):
    path = tmp_path / "sprout.csv"
    path.write_text(f"date,time_24hr,message_text,link\n01/05/2024,09:00,Mail {EMAIL},\n",
                    encoding="utf-8")
    assert where(check(run_cli, path)[1], "oversharing/email-address") == [
        (2, 23, 23 + len(EMAIL), 1)]


def test_hootsuite_bulk_file_without_header(run_cli, tmp_path):
    text = f"05/01/2024 09:00,Mail {EMAIL},https://example.com\n05/02/2024 10:00,Hello,\n"
    path = tmp_path / "hootsuite.csv"
    path.write_text(text, encoding="utf-8")
    _, doc = check(run_cli, path)
    assert doc["summary"]["posts"] == 2
    assert where(doc, "oversharing/email-address") == [(1, 23, 23 + len(EMAIL), 1)]


@pytest.mark.parametrize("content, message", [
    ("date,link\n2024-01-01,https://x\n",
     "no column with the post text: expected one named text, message_text, message"),
    ('text,date\n"never closed,2024\nmore\n',
     "line 2: a quoted cell opened here is never closed; rows from line 2 on were not checked"),
])
def test_bad_csv_is_a_clear_error(run_cli, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, doc = check(run_cli, path)
    assert code == 2 and doc["problems"][0]["message"].startswith(message)


def test_missing_text_field_lists_the_columns(run_cli, tmp_path):
    path = tmp_path / "posts.csv"
    path.write_text("text,date\nhello,2024\n", encoding="utf-8")
    code, doc = check(run_cli, path, "--text-field", "caption")
    assert code == 2
    assert doc["problems"][0]["message"] == ("no column 'caption' (--text-field); the columns "
                                             "are: 'text', 'date'")


def test_row_with_extra_cells_is_reported_and_checked(run_cli, tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text(f"date,text\n2024-01-01,Mail {EMAIL}, now\n", encoding="utf-8")
    code, doc = check(run_cli, path)
    assert code == 2 and "line 2: row has 3 cells but the header has 2" in \
        doc["problems"][0]["message"]
    assert where(doc, "oversharing/email-address")


def test_walked_csv_and_json_without_posts_are_skipped(run_cli, tmp_path):
    (tmp_path / "analytics.csv").write_text("date,clicks\n2024-01-01,3\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}',
                                           encoding="utf-8")
    (tmp_path / "draft.md").write_text("Hello there\n", encoding="utf-8")
    code, doc = check(run_cli, tmp_path)
    assert code == 0 and doc["summary"]["posts"] == 1 and doc["summary"]["skipped"] == 2
    assert all(p["skipped"] for p in doc["problems"])
    code, doc = check(run_cli, tmp_path / "package.json")
    assert code == 2 and doc["problems"][0]["message"].startswith("not an array of posts")


def test_walking_skips_installed_packages_and_virtual_environments(run_cli, tmp_path):
    for folder in ("node_modules/pkg", "env/lib", "__pycache__"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "README.md").write_text(f"mail {EMAIL}\n", encoding="utf-8")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (tmp_path / "post.md").write_text("ok\n", encoding="utf-8")
    _, doc = check(run_cli, tmp_path)
    assert doc["summary"]["posts"] == 1 and doc["findings"] == []


# --- JSON and JSON Lines ---------------------------------------------------------------------

def test_json_array_positions_step_over_escapes(run_cli, tmp_path):
    record = {"id": 1, "network": "x", "text": f"Caf\u00e9 \"news\"\n\U0001f600 mail {EMAIL}"}
    text = json.dumps([{"id": 0, "text": "fine"}, record], indent=2)  # \u escapes, ASCII
    path = tmp_path / "posts.json"
    path.write_text(text, encoding="utf-8")
    [(line, column, end, record_no)] = where(check(run_cli, path)[1], "oversharing/email-address")
    assert (line, column, record_no) == (*position_in(text, EMAIL), 2)
    assert end == column + len(EMAIL)


def test_json_object_with_posts_and_nested_text_field(run_cli, tmp_path):
    text = json.dumps({"posts": [{"post": {"text": f"mail {EMAIL}", "platform": "mastodon"},
                                  "when": "2024-05-01"}]}, ensure_ascii=False)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    _, doc = check(run_cli, path, "--text-field", "post.text")
    [(line, column, _, _)] = where(doc, "oversharing/email-address")
    assert (line, column) == position_in(text, EMAIL)
    code, doc = check(run_cli, path)
    assert code == 2 and "post 1: no text to check" in doc["problems"][0]["message"]


def test_bad_json_is_a_clear_error(run_cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[{"text": "a"},\n {"text": }]', encoding="utf-8")
    code, doc = check(run_cli, path)
    assert code == 2
    assert doc["problems"][0]["message"] == ("line 2: not valid JSON (Expecting value, column "
                                             "11); the file was not checked")


def test_jsonl_text_field_and_columns_inside_the_line(run_cli, tmp_path):
    lines = [json.dumps({"id": 1, "body": {"caption": "fine"}}),
             json.dumps({"id": 2, "body": {"caption": f"line one\nmail {EMAIL}"}})]
    text = "\n".join(lines) + "\n"
    path = tmp_path / "posts.jsonl"
    path.write_text(text, encoding="utf-8")
    _, doc = check(run_cli, path, "--text-field", "body.caption")
    [(line, column, end, record)] = where(doc, "oversharing/email-address")
    assert (line, column, record) == (*position_in(text, EMAIL), 2)
    assert end == column + len(EMAIL)


# --- choosing the reader -------------------------------------------------------------------

def test_reader_option_for_standard_input(run_cli):
    text = f"text,date\nmail {EMAIL},2024\n"
    _, doc = check(run_cli, "--reader", "csv", "-", input=text)
    assert where(doc, "oversharing/email-address") == [(2, 6, 6 + len(EMAIL), 1)]
    _, doc = check(run_cli, "--reader", "markdown", "-", input="`f*ck`\n")
    assert doc["findings"] == []
    _, doc = check(run_cli, "-", input="`f*ck`\n")
    assert "controversy/profanity" in rules(doc)


def test_unknown_reader_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("check", "--reader", "xml", str(tmp_path))
    assert result.exit_code == 2 and "Invalid value for '--reader'" in result.output
    from postlint.errors import UsageError
    from postlint.sources import ReadOptions, iter_inputs

    with pytest.raises(UsageError, match="unknown reader 'xml'; expected one of: text, "):
        list(iter_inputs([str(tmp_path)], ReadOptions(reader="xml")))


def test_deeply_nested_json_is_read_or_refused_cleanly(run_cli, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, doc = check(run_cli, deep)
    assert code == 2 and doc["problems"][0]["message"] == (
        "JSON is nested too deeply to read; the file was not checked")
    nested = tmp_path / "nested.json"
    nested.write_text(f'[{{"text": "mail {EMAIL}", "m": ' + "[" * 900 + "]" * 900 + "}]",
                      encoding="utf-8")
    code, doc = check(run_cli, nested)
    assert where(doc, "oversharing/email-address") == [(1, 17, 17 + len(EMAIL), 1)]
