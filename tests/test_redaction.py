"""Personal data never appears in clear in any output without --show-matches."""

from __future__ import annotations

import json

import pytest

from postlint.redact import mask
from postlint.reporters import REPORTERS

SECRETS = ["jo.bloggs@gmail.com", "07700 900123"]
POST = "Text me on 07700 900123 or mail jo.bloggs@gmail.com today"
# A negative post: the sentiment finding's match is the whole sentence, secrets included.
ANGRY = ("I hate this awful stupid job so much, call me on 07700 900123 or mail "
         "jo.bloggs@gmail.com, ugh, worst week ever")
FORMATS = sorted(REPORTERS)


def _leaks(output: str) -> list[str]:
    """Every secret, or a recognisable piece of one, found in the output."""
    pieces = [*SECRETS, "07700900123", "900123", "jo.bloggs", "bloggs@"]
    return [piece for piece in pieces if piece in output]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("post", [POST, ANGRY], ids=["contact", "angry"])
def test_outputs_mask_sensitive_matches(run_cli, fmt, post):
    result = run_cli("check", "-", "--format", fmt, input=post)
    assert result.exit_code == 1
    assert _leaks(result.output) == []
    masked = ["07*** ***123", "j********@g****.com"]
    if fmt != "html":  # the HTML report shows the masked post text with its own markup
        assert all(m in result.output for m in masked)
    if fmt == "json":
        doc = json.loads(result.output)
        matches = {f["match"] for f in doc["findings"]}
        assert set(masked) <= matches


@pytest.mark.parametrize("fmt", FORMATS)
def test_show_matches_reveals(run_cli, fmt):
    result = run_cli("check", "-", "--format", fmt, "--show-matches", input=ANGRY)
    assert set(SECRETS) <= set(_leaks(result.output))


def test_every_output_of_a_run_is_masked(run_cli, tmp_path):
    args = ["check", "-"]
    for fmt in FORMATS:
        args += ["--output", f"{fmt}:{tmp_path / ('out.' + fmt)}"]
    run_cli(*args, input=ANGRY)
    for fmt in FORMATS:
        assert _leaks((tmp_path / f"out.{fmt}").read_text(encoding="utf-8")) == [], fmt


def test_api_keeps_real_offsets_and_text(builtin_linter):
    findings = builtin_linter.lint(POST)
    phone = next(f for f in findings if f.rule == "oversharing/phone-number")
    assert POST[phone.start:phone.end] == "07700 900123" == phone.match
    assert "07700 900123" not in phone.message
    assert "07700 900123" in phone.message_unmasked


@pytest.mark.parametrize("value,masked", [
    ("jo.bloggs@gmail.com", "j********@g****.com"),
    ("07700 900123", "07*** ***123"),
    ("(555) 123-4567", "(55*) ***-*567"),
    ("4111 1111 1111 1111", "41** **** **** *111"),
    ("sk_live_abcdef123456", "sk******************"),
])
def test_mask_shapes(value, masked):
    assert mask(value) == masked
    assert len(mask(value)) == len(value)
