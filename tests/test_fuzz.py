"""Property-based tests: arbitrary text never crashes the linter or puts a finding outside
the text, and arbitrary pack documents either load or fail with a PackError."""

from __future__ import annotations

import contextlib
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlint import Linter, PackError
from postlint.packs.schema import load_pack
from postlint.textmodel import normalize

# POSTLINT_FUZZ_EXAMPLES=2000 for a deeper run than the suite's default.
EXAMPLES = int(os.environ.get("POSTLINT_FUZZ_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces that exercise the tricky parts of the text model, mixed with words rules flag.
PIECES = [
    "fuck", "sh1t", "f u c k", "f.u.c.k", "fuuuuck", "ｆｕｃｋ", "fаck", "f\u200bu\u200bck",
    "07700 900123", "０７７００ ９００１２３", "me@example.com", "m\u200be@example.com",
    "election", "#ElectionDay", "@someone", "https://example.com/x?y=1", "$TSLA", "\"quoted\"",
    "👍🏽", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "🇬🇧", "1\ufe0f\u20e3", "e\u0301", "\u0301", "a\u0300\u0301\u0302",
    "שלום", "مرحبا", "\u202e", "\u200f", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad",
    "\ud800", "\udfff", "\udbff\udfff", "\x00", "\x7f", "\x85", "\u2028", "\u2029",
    "\r\n", "\r", "\n", "\t", " ", "  ", ".", "!", "?", "*", "-", "_", "'", "’",
    "ﬁ", "ß", "İ", "ǅ", "ℌ𝔢𝔩𝔩𝔬", "ΟΚ", "Москва", "ᴀʙᴄ", "x" * 300, "ab" * 200,
]
piece = st.one_of(
    st.sampled_from(PIECES),
    st.text(min_size=1, max_size=8),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF, categories=["Cs"]),
    st.text(alphabet=st.characters(categories=["Mn", "Me", "Cf", "Zs", "Cc"]), max_size=4),
)
post_text = st.lists(piece, max_size=40).map("".join)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column computed independently: LF, CRLF and lone CR end a line."""
    line, line_start, i = 1, 0, 0
    while i < offset:
        ch = text[i]
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            i += 1  # CRLF: one break, counted at its LF
            if i >= offset:  # an offset between CR and LF is still on this line
                break
            line, line_start = line + 1, i + 1
        elif ch in "\r\n":
            line, line_start = line + 1, i + 1
        i += 1
    return line, offset - line_start + 1


@SETTINGS
@given(text=post_text)
def test_lint_never_raises_and_spans_fit(linter, text):
    findings = linter.lint(text)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.match == text[f.start:f.end]
        assert (f.line, f.column) == expected_position(text, f.start), f
        assert (f.end_line, f.end_column) == expected_position(text, f.end), f
        assert f.severity in ("error", "warning", "info")


@SETTINGS
@given(text=post_text)
def test_view_maps_back_inside_the_original(text):
    view = normalize(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    for s, e in zip(view.starts, view.ends, strict=True):
        assert 0 <= s < e <= len(text)
    assert list(view.starts) == sorted(view.starts)
    for a in range(0, len(view.text) + 1, max(1, len(view.text) // 7)):
        for b in (a, min(len(view.text), a + 1), len(view.text)):
            s, e = view.to_original(a, b)
            assert 0 <= s <= e <= len(text)


@settings(max_examples=10, deadline=None)
@given(n=st.integers(1, 5), size=st.sampled_from([1000, 20_000, 100_000]))
def test_very_long_tokens(linter, n, size):
    text = " ".join(["f" + "u" * size + "ck"] * n + ["x" * size])
    for f in linter.lint(text):
        assert 0 <= f.start <= f.end <= len(text)


def test_line_model_matches_the_reference():
    text = "a\r\nb\rc\nd\r\r\ne"
    from postlint.textmodel import LineIndex

    index = LineIndex(text)
    for offset in range(len(text) + 1):
        assert index.position(offset) == expected_position(text, offset), offset


# --- generated rule packs -------------------------------------------------------------

scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**20), st.floats(),
                   st.text(max_size=12),
                   st.sampled_from(["terms", "regex", "pattern", "near", "entity", "sentiment",
                                    "metric", "length", "controversy", "warning", "t/x", "t",
                                    "(a+)+$", "[", "\\1", "(?<=x)y", "{match}", "{nope}", "{",
                                    "en", "topic", "profanity", "lemma", "lower"]))
FIELD_NAMES = ["pack", "version", "language", "description", "rules", "id", "kind", "category",
               "tags", "severity", "sensitive", "message", "why", "suggestion", "examples",
               "ignore", "context", "terms", "match", "exceptions", "pattern", "patterns",
               "group", "validators", "in_urls", "flag", "pass", "before", "after", "require",
               "exclude", "near", "within", "words", "max", "min", "labels", "threshold",
               "platforms", "metric", "unit"]
key = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=6))
value = st.recursive(scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(key, inner, max_size=5)), max_leaves=25)


def valid_rule(**changes):
    rule = {"id": "t/r", "kind": "terms", "category": "controversy", "tags": ["topic"],
            "severity": "warning", "message": "found {match}", "why": "because",
            "examples": {"flag": ["bad word"], "pass": ["fine"]}, "terms": ["bad"]}
    rule.update(changes)
    return rule


def valid_pack(rules):
    return {"pack": "t", "version": 1, "language": "en", "description": "d", "rules": rules}


rule_doc = st.builds(lambda base, extra: {**base, **extra},
                     st.just(valid_rule()), st.dictionaries(key, value, max_size=4))
pack_doc = st.one_of(
    value,
    st.builds(valid_pack, st.lists(rule_doc, min_size=0, max_size=3)),
    st.builds(lambda extra: {**valid_pack([valid_rule()]), **extra},
              st.dictionaries(key, value, max_size=3)),
)


def _loads_or_pack_error(tmp_path, text: str) -> None:
    path = tmp_path / "gen.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(PackError):
        load_pack(path)


@SETTINGS
@given(doc=pack_doc)
def test_generated_packs_load_or_pack_error(tmp_path_factory, doc):
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    _loads_or_pack_error(tmp_path_factory.mktemp("p"), text)
    with contextlib.suppress(PackError):
        load_pack("inline.yaml", text)


yamlish = st.lists(st.one_of(
    st.sampled_from(["pack: t\n", "rules:\n", "  - id: t/r\n", "    kind: regex\n",
                     "    pattern: '(a+)+$'\n", "- ", ": ", "&a ", "*a ", "!!python/name:os.system ",
                     "!!binary ", "? ", "[", "]", "{", "}", "'", '"', "|\n", ">\n", "  ", "\t",
                     "%YAML 1.1\n", "---\n", "...\n", "#", "\n", "1", "-1", "~", "yes", "1e9",
                     "!!int ", "!!float ", "!!timestamp 2001-01-01", "<<: ", "\ufeff", "\x00"]),
    st.text(max_size=5)), max_size=30).map("".join)


@SETTINGS
@given(text=yamlish)
def test_yamlish_text_loads_or_pack_error(text):
    with contextlib.suppress(PackError):
        load_pack("inline.yaml", text)
