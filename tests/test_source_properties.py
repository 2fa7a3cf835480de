"""Properties of the readers' position maps, over generated inputs.

Every character of a post must map back to the file character it was read from: the CSV
scanner agrees with Python's csv module, JSON strings with their escapes, and Markdown
masking keeps every offset and line break.
"""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from postlint.sources.base import Placement, Source
from postlint.sources.csvfile import scan_rows
from postlint.sources.markdown import mask_markdown
from postlint.sources.records import parse_located, string_steps

SETTINGS = settings(max_examples=150, deadline=None)
cell_text = st.text(alphabet=st.sampled_from(list('ab ,;"\n\r\t|é😀\u2028')), max_size=12)


@SETTINGS
@given(rows=st.lists(st.lists(cell_text, min_size=1, max_size=4), min_size=1, max_size=5),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
       terminator=st.sampled_from(["\n", "\r\n"]))
def test_csv_scanner_agrees_with_the_csv_module(rows, delimiter, quoting, terminator):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, quoting=quoting,
               lineterminator=terminator).writerows(rows)
    text = buffer.getvalue()
    expected = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                if r]
    scanned = list(scan_rows(text, 0, delimiter))
    assert [[c.value for c in row.cells] for row in scanned] == expected
    source = Source(text)
    for row in scanned:
        for cell in row.cells:
            place = Placement(source, cell.steps)
            for k, ch in enumerate(cell.value):
                at = place.source_offset(k)
                assert text[at] == ch, (text, cell.value, k)
            assert source.position(place.source_offset(0))[0] >= row.line


@SETTINGS
@given(value=st.text(max_size=30), ascii_only=st.booleans(), indent=st.booleans())
def test_json_string_steps_map_every_character(value, ascii_only, indent):
    text = json.dumps([{"id": 1, "text": value}], ensure_ascii=ascii_only,
                      indent=2 if indent else None)
    located = parse_located(text)[0]["text"]
    assert located == value
    place = Placement(Source(text), string_steps(text, located.start))
    for k, ch in enumerate(value):
        at = place.source_offset(k)
        assert text[at] == ch or text[at] == "\\", (text, k)
    assert text[place.source_offset(len(value))] == '"'


markdown_piece = st.sampled_from([
    "plain words ", "`code`", "``a ` b``", "[text](http://x.y/z \"t\")", "![alt](i.png)",
    "<https://a.b/c>", "<jo@x.io>", "<!-- note -->", "<b>bold</b>", "\n", "\r\n", "\n\n",
    "```\nfence\n```\n", "~~~\nt\n~~~\n", "    indented\n", "- item\n", "> quote ", "[r]\n\n",
    "[r]: /url\n", "\\[x](y)", "*em* ", "😀👨‍👩‍👧 ", "| a | b |\n|---|---|\n| `c` | d |\n",
])


@SETTINGS
@given(pieces=st.lists(markdown_piece, max_size=12))
def test_markdown_masking_keeps_offsets_and_line_breaks(pieces):
    text = "".join(pieces)
    masked = mask_markdown(text)
    assert len(masked.text) == len(text)
    for original, shown in zip(text, masked.text, strict=True):
        assert shown == original or shown == " "
        if original in "\r\n":
            assert shown == original
    for start, end, kind in masked.counted_as:
        assert 0 <= start < end <= len(text) and kind in ("hidden", "url")
    for start, _end, _ in masked.comments:
        assert text.startswith("<!--", start)


structured_bytes = st.one_of(
    st.binary(max_size=300),
    st.text(alphabet=st.sampled_from(list('ab,;"\n\r{}[]:-#`<>!()*\\ u0é😀\t')), max_size=300)
    .map(lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(['{"text": "a\\nb"}', '["x", {"post": {"text": "y"}}]', "---",
                              "text,date", '"a""b",c', "<!--", "-->", "```", "\n", "\r\n",
                              "[x](y)", "\\u00e9", '"\\ud83d\\ude00"']), max_size=20)
    .map(lambda parts: "".join(parts).encode("utf-8")),
)


@settings(max_examples=300, deadline=None)
@given(data=structured_bytes,
       reader=st.sampled_from(["text", "markdown", "thread", "text-thread", "csv", "json",
                               "jsonl"]),
       text_field=st.sampled_from([None, "text", "post.text"]))
def test_readers_never_fail_and_every_offset_has_a_place(data, reader, text_field):
    from postlint.sources.base import InputPost, InputProblem, ReadOptions
    from postlint.sources.discover import READERS

    options = ReadOptions(text_field=text_field, encoding_errors="replace")
    for item in READERS[reader]("f", data, options):
        assert isinstance(item, (InputPost, InputProblem))
        if isinstance(item, InputProblem):
            assert item.message and "\n" not in item.message
            continue
        previous = (0, 0)
        for offset in range(len(item.text) + 1):
            line, column = item.position(offset)
            assert line >= 1 and column >= 1
            assert (line, column) >= previous  # positions never go backwards
            previous = (line, column)
            if offset < len(item.text) and item.text[offset] not in "\r\n":
                assert column <= len(item.source_line(line)) + 1
