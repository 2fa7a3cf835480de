"""Personal data never appears in clear in any output without --show-matches."""

from __future__ import annotations

import json

import pytest

from postlint.redact import mask

SECRETS = ["jo.bloggs@gmail.com", "07700 900123"]
POST = "Text me on 07700 900123 or mail jo.bloggs@gmail.com today"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_outputs_mask_sensitive_matches(run_cli, fmt):
    result = run_cli("check", "-", "--format", fmt, input=POST)
    assert result.exit_code == 1
    for secret in SECRETS:
        assert secret not in result.output
        assert secret.replace(" ", "") not in result.output
    assert "07*** ***123" in result.output and "j********@g****.com" in result.output
    if fmt == "json":
        doc = json.loads(result.output)
        assert {f["match"] for f in doc["findings"]} == {"07*** ***123", "j********@g****.com"}


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_show_matches_reveals(run_cli, fmt):
    result = run_cli("check", "-", "--format", fmt, "--show-matches", input=POST)
    for secret in SECRETS:
        assert secret in result.output


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
