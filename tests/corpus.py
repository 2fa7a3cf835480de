"""Posts that are hard on output formats, and a pack whose findings land where we say.

Emoji (two UTF-16 units, four UTF-8 bytes), CRLF line endings, quotes, ``%``, commas,
colons and control characters, in the posts and in the file names; personal data and a
secret that must stay masked; a grouped finding; a span across a line break; a clean
post, a JSON Lines file and a file that cannot be read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import pack_text, rule_yaml

RULES = "\n".join([
    # Not controversy: the built-in profanity rule, which gives way to a stronger rule of
    # its category on the same word (the overlap policy), is to be reported here too.
    rule_yaml("terms", "terms: [damn]", rule_id="t/damn", severity="error",
              category="negativity", tags="[rant]",
              message='"\'{match}\' is a swear word: 100%, really"'),
    rule_yaml("terms", "terms: [awful]", rule_id="t/gloom", severity="warning",
              category="negativity", tags="[sentiment]", message='"gloomy: {match}"'),
    rule_yaml("terms", "terms: [synergy]", rule_id="t/jargon", severity="info",
              category="style", tags="[readability]", message='"jargon, \\"{match}\\""'),
    rule_yaml("regex", "pattern: 'TOKEN-[0-9]{6}'\nsensitive: true", rule_id="t/token",
              severity="error", category="oversharing", tags="[credential]",
              message='"\'{match}\' is a secret"',
              examples="{flag: ['TOKEN-000000'], pass: ['token']}"),
    rule_yaml("regex", r"pattern: 'alpha\s+omega'", rule_id="t/across", severity="warning",
              category="negativity", tags="[rant]", message='"spans lines"'),
])

LAUNCH = "posts/launch 🚀.md"
CONTACT = "posts/contact, 50%: draft.md"
FEED = "posts/feed.jsonl"

TEXTS = {
    LAUNCH: ('Launch day 🚀🎉 damn, it\'s "here": 50% off, a:b\r\n'
             "Second line 😀😀 damn again, awful\r\n"
             "alpha\r\nomega synergy\r\n"),
    CONTACT: ("Mail jo.bloggs@gmail.com or call 07700 900123 now\n"
              "Key TOKEN-123456 and TOKEN-654321\x07 \x1b[31m damn\x07\x1b[0m \x0b\x7f awful\n"),
    "posts/clean.txt": "A lovely day, thanks all.\n",
}
RECORDS = [{"text": "first 😀 fine"}, {"text": "😀 damn in a record"}]
# The feed's lines as written (json.dumps escapes the emoji): columns count in these.
FEED_LINES = [json.dumps(r) for r in RECORDS]
SECRETS = ["jo.bloggs@gmail.com", "07700 900123", "TOKEN-123456", "TOKEN-654321", "900123",
           "bloggs"]


def make_corpus(root: Path) -> Path:
    """Write the posts under ``root`` (the working folder of a run) and the pack beside."""
    for name, text in TEXTS.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    (root / FEED).write_text("".join(line + "\n" for line in FEED_LINES), encoding="utf-8")
    (root / "posts" / "bad.md").write_bytes(b"caf\xe9 latin-1")
    pack = root / "pack.yaml"
    pack.write_text(pack_text(RULES), encoding="utf-8")
    return pack


def where(text: str, needle: str, occurrence: int = 1) -> dict:
    """Independent positions of ``needle`` in ``text``: line, and the start and end columns
    in code points, UTF-16 units and UTF-8 bytes (1-based, end exclusive)."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = max(n for n, s in enumerate(line_starts, start=1) if s <= start)
    end_line = max(n for n, s in enumerate(line_starts, start=1) if s <= end)

    def columns(offset: int, line_no: int) -> dict:
        before = text[line_starts[line_no - 1]:offset]
        return {"code-points": len(before) + 1,
                "utf-16": len(before.encode("utf-16-le")) // 2 + 1,
                "utf-8": len(before.encode("utf-8")) + 1}

    return {"line": line, "end_line": end_line, "start": columns(start, line),
            "end": columns(end, end_line)}


INPUTS = ("posts", FEED)


def run_check(root: Path, *args: str, env: dict | None = None):
    """``postlint check`` with the corpus pack, run in ``root`` (so paths are relative)."""
    import os

    from click.testing import CliRunner

    from postlint.cli import cli

    here = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["check", *args, "--pack", "pack.yaml"], env=env,
                                    catch_exceptions=False)
    finally:
        os.chdir(here)
    assert "Traceback" not in result.output
    return result


def line_of(root: Path, path: str, number: int) -> bytes:
    """Line ``number`` of a file as bytes, without its line break."""
    return re.split(rb"\r\n|\r|\n", (root / path).read_bytes())[number - 1]
