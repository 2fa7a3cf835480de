"""Disguised words are caught, and findings point at the characters the author typed.

Each case is (text, disguised original). The packs are inline, so these tests do not
depend on the built-in packs' exact word lists.
"""

from __future__ import annotations

import pytest
from conftest import pack_text, rule_yaml

from postlint import Linter

ZWSP, ZWNJ, ZWJ, WJ, SHY = "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad"

RULES = "\n".join([
    rule_yaml("terms", "terms: [fuck, shit, bastard]", rule_id="t/profanity",
              category="controversy", tags="[profanity]"),
    rule_yaml("terms", "terms: [abortion, gun control]", rule_id="t/politics",
              category="controversy", tags="[politics]"),
    rule_yaml("regex", r"pattern: '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}'",
              rule_id="t/email", category="oversharing", tags="[personal-data]", sensitive="true"),
    rule_yaml("regex", r"pattern: '(?:\+44 ?|\b0)7\d{3} ?\d{6}\b'", rule_id="t/phone",
              category="oversharing", tags="[personal-data]", sensitive="true"),
])


@pytest.fixture(scope="module")
def linter(tmp_path_factory) -> Linter:
    path = tmp_path_factory.mktemp("evasion") / "evasion.yaml"
    path.write_text(pack_text(RULES), encoding="utf-8")
    return Linter([path], only_packs=True)


CASES = {
    "t/profanity": [
        # look-alike letters
        ("what the fuсk", "fuсk"),                      # Cyrillic с
        ("what the fυck", "fυck"),                      # Greek υ
        ("ѕhit happens", "ѕhit"),                       # Cyrillic ѕ
        ("what a bаstаrd", "bаstаrd"),                  # Cyrillic а twice
        ("FUСK this", "FUСK"),                          # Cyrillic capital С
        ("what the ｆｕｃｋ", "ｆｕｃｋ"),                  # full-width
        ("what the 𝐟𝐮𝐜𝐤", "𝐟𝐮𝐜𝐤"),                       # mathematical bold
        ("what the fúck", "fúck"),                      # precomposed accent
        ("what the fu\u0301ck", "fu\u0301ck"),          # combining accent
        # invisible characters inside the word
        (f"what the f{ZWSP}uck", f"f{ZWSP}uck"),
        (f"what the f{ZWNJ}u{ZWJ}c{WJ}k", f"f{ZWNJ}u{ZWJ}c{WJ}k"),
        (f"what the fu{SHY}ck", f"fu{SHY}ck"),
        (f"what the fuck{ZWSP} now", f"fuck{ZWSP}"),
        ("what the f\x00u\x00c\x00k", "f\x00u\x00c\x00k"),       # NUL bytes
        ("what the \x00fuck", "fuck"),
        ("what the f\u202eu\u202cck", "f\u202eu\u202cck"),       # bidi override
        ("what the f\ufe0fuck", "f\ufe0fuck"),                    # variation selector
        ("what the f\U000e0041uck", "f\U000e0041uck"),            # tag character
        ("what the f\u034fu\u180eck", "f\u034fu\u180eck"),       # grapheme joiner, Mongolian VS
        ("what the f\u0338\u0322u\u0337c\u0336k\u0334 off", "f\u0338\u0322u\u0337c\u0336k\u0334"),  # zalgo
        ("what the ⓕⓤⓒⓚ", "ⓕⓤⓒⓚ"),                      # circled
        ("what the 🅵🆄🅲🅺", "🅵🆄🅲🅺"),                      # negative squared
        ("what the ᶠᵘᶜᵏ", "ᶠᵘᶜᵏ"),                          # modifier letters
        # letter spacing
        ("what the f u c k", "f u c k"),
        ("what the f.u.c.k", "f.u.c.k"),
        ("what the f-u-c-k", "f-u-c-k"),
        ("what the f_u_c_k", "f_u_c_k"),
        ("what the F U C K!", "F U C K"),
        ("s h i t, again", "s h i t"),
        ("what the f  u  c  k", "f  u  c  k"),
        ("what the f . u . c . k", "f . u . c . k"),
        ("what the f*u*c*k", "f*u*c*k"),
        ("what the ｆ ｕ ｃ ｋ", "ｆ ｕ ｃ ｋ"),
        (f"what the f{ZWSP} u c k", f"f{ZWSP} u c k"),
        # repeated letters
        ("what the fuuuuuck", "fuuuuuck"),
        ("what the fuckkkk", "fuckkkk"),
        ("what the Fuuckkkk", "Fuuckkkk"),
        ("SHIIIIT", "SHIIIIT"),
        # leetspeak
        ("this is sh1t", "sh1t"),
        ("this is $hit", "$hit"),
        ("you b4st4rd", "b4st4rd"),
        # mixed
        (f"what the ｆ{ZWSP}ᴜсｋ", f"ｆ{ZWSP}ᴜсｋ"),
    ],
    "t/politics": [
        ("my view on abοrtion", "abοrtion"),             # Greek ο
        ("my view on аbortion", "аbortion"),             # Cyrillic а
        (f"my view on abor{ZWSP}tion", f"abor{ZWSP}tion"),
        ("my view on a b o r t i o n", "a b o r t i o n"),
        ("my view on 4b0rt10n", "4b0rt10n"),
        ("my view on ABORTION", "ABORTION"),
        ("my view on gun cοntrol", "gun cοntrol"),
        (f"my view on gun con{SHY}trol", f"gun con{SHY}trol"),
    ],
    "t/email": [
        ("write to me@example.com", "me@example.com"),
        (f"write to m{ZWSP}e@exam{ZWSP}ple.com", f"m{ZWSP}e@exam{ZWSP}ple.com"),
        (f"write to me@{ZWSP}example.com", f"me@{ZWSP}example.com"),
        ("write to ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｍｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"),
        ("write to mе@example.com", "mе@example.com"),  # Cyrillic е
        ("write to me＠example.com", "me＠example.com"),  # full-width at sign
        (f"write to me{SHY}@example.com", f"me{SHY}@example.com"),
    ],
    "t/phone": [
        ("call 07700 900123", "07700 900123"),
        ("call ０７７００ ９００１２３", "０７７００ ９００１２３"),   # full-width digits
        (f"call 0770{ZWSP}0 900{ZWSP}123", f"0770{ZWSP}0 900{ZWSP}123"),
        ("call ０7700 9001２３", "０7700 9001２３"),
        ("call +44 7700 900123", "+44 7700 900123"),
        ("call 07700\u00a0900123", "07700\u00a0900123"),       # no-break space
        ("call 07700\u2009900123", "07700\u2009900123"),       # thin space
        ("call \U0001d7ce\U0001d7d5\U0001d7d5\U0001d7ce\U0001d7ce 900123",
         "\U0001d7ce\U0001d7d5\U0001d7d5\U0001d7ce\U0001d7ce 900123"),   # mathematical digits
    ],
}

TABLE = [(rule, text, disguised) for rule, cases in CASES.items() for text, disguised in cases]


@pytest.mark.parametrize(("rule", "text", "disguised"), TABLE,
                         ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(TABLE)])
def test_disguised_form_is_caught_at_its_original_characters(linter, rule, text, disguised):
    findings = [f for f in linter.lint(text) if f.rule == rule]
    assert findings, f"{rule} missed {text!r}"
    [f] = findings
    assert text[f.start:f.end] == disguised
    assert f.match == disguised
    assert (f.line, f.column) == (1, text.index(disguised) + 1)
    assert f.end_column == f.column + len(disguised)


@pytest.mark.parametrize("text", [
    "the suffix is fine",              # no profanity inside ordinary words
    "ship it to Shitake? no: shiitake",
    "a b c d e f",                     # spaced letters that spell nothing
    "I  a m here",
    "U.S.A. and e.g. things",
    "emoji 👍\ufe0f and flags 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    "the f u n d is growing",
    "abort the mission",
    "gun shows and pest control",
    "write to me at example dot com",
    "order 07700-900-12 items",
])
def test_innocent_text_is_left_alone(linter, text):
    assert [(f.rule, f.match) for f in linter.lint(text)] == []


def test_disguise_on_a_later_line_keeps_line_and_column(linter):
    text = "first line\r\nsecond\rthird: f\u200bu\u200bc\u200bk\nlast"
    [f] = linter.lint(text)
    assert text[f.start:f.end] == "f\u200bu\u200bc\u200bk"
    assert (f.line, f.column) == (3, 8)


def test_masked_sensitive_match_still_spans_the_disguise(linter):
    text = f"mail m{ZWSP}e@example.com"
    [f] = linter.lint(text)
    assert text[f.start:f.end] == f"m{ZWSP}e@example.com"
    assert f.sensitive and f.shown_match() != f.match
