"""The ``phone`` kind: candidates by shape, numbers by libphonenumber, evidence by cues."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import rule_yaml

PHONE = rule_yaml("phone", """
regions: [US, GB, AU, FR, DK, IN, DE]
leniency: valid
cues:
  words: [call, text, "my number", "reach me", mobile]
  after_words: [office, fax]
exclude_types: [toll-free]
""", category="oversharing", tags="[personal-data]", sensitive="true", severity="error")


def spans(findings):
    return [s.match for f in findings for s in f.spans]


@pytest.mark.parametrize("text, number", [
    ("Lost my keys, ring me on (08) 8747 6301 if found, call anytime", "(08) 8747 6301"),
    ("my number is 345-899-3560x4587, leave a message", "345-899-3560x4587"),
    ("call 60-56-85-91 after six", "60-56-85-91"),
    ("Can someone call me on 450 0840? I have questions", "450 0840"),
    ("reach me at 9876543210 tonight", "9876543210"),
    ("Fax me: 020 7946 0958", "020 7946 0958"),  # written as a UK number, valid: no cue needed
    ("Jo's line +61 412 345 678 works again", "+61 412 345 678"),
    ("Jo: 0044 20 7946 0958", "0044 20 7946 0958"),
    ("Jo Bloggs 781 1704 office", "781 1704"),
    ("ruby 0151 23456789 was here", "0151 23456789"),
])
def test_finds_numbers_of_many_regions_and_formats(lint_with, text, number):
    assert spans(lint_with(PHONE, text)) == [number]


@pytest.mark.parametrize("text", [
    "We sold 1,250,000 units in 2024",
    "the 2019-2020 season was our best",
    "Error 0x30005001 again, running version 10.14.6",
    "Doors open on 12.05.2024 at 10:30",
    "server 192.168.100.200 is down",
    "ISBN 978-3-16-148410-0 is out now",
    "AMD Ryzen 5 3600 3.6 GHz",
    "When: 2000-04-16 11:34:35",
    "In 2019 2020 2021 we grew",
    "Order 20240516123 shipped",  # one run of digits and no cue: an id, not a phone
    "call 1-800-555-0199 any time",  # toll-free: a published business line
    "Freephone 0800 123 4567 for any questions",
])
def test_leaves_numbers_that_are_not_phones(lint_with, text):
    assert lint_with(PHONE, text) == []


def test_a_local_number_needs_a_cue(lint_with):
    assert lint_with(PHONE, "We had 450 0840 visitors") == []
    assert spans(lint_with(PHONE, "text me on 450 0840")) == ["450 0840"]


def test_a_postcode_before_the_number_is_left_out(lint_with):
    text = "Brakpan South Africa 70651 082 490 1693 office"
    rules = PHONE.replace("regions: [US", "regions: [ZA, US")
    assert spans(lint_with(rules, text)) == ["082 490 1693"]


def test_several_numbers_in_one_post_are_one_finding(lint_with):
    [f] = lint_with(PHONE, "office (579)888-3058 fax +1-984-232-0190 mobile")
    assert [s.match for s in f.spans] == ["(579)888-3058", "+1-984-232-0190"]


def test_possible_leniency_accepts_unassigned_ranges(lint_with):
    text = "Jo: 07700 900123"  # Ofcom's range for drama: possible, never assigned
    uk = PHONE.replace("regions: [US, GB, AU, FR, DK, IN, DE]", "regions: [GB]")
    assert lint_with(uk, text) == []
    assert spans(lint_with(uk.replace("leniency: valid", "leniency: possible"), text)) \
        == ["07700 900123"]


def test_context_exclusion_applies(lint_with):
    rules = PHONE + "\n  context: {before: 6, exclude: [us]}"
    assert lint_with(rules, "call us on 020 7946 0958") == []
    assert lint_with(rules, "call me on 020 7946 0958")


@pytest.mark.parametrize("body, fragment", [
    ("regions: [US, XX]", "unknown region 'XX'"),
    ("regions: [US, NO]", "quote them ('NO')"),
    ("regions: [US]\nleniency: maybe", "field 'leniency': unknown value 'maybe'"),
    ("regions: [US]\nexclude_types: [free]", "unknown number type 'free'"),
    ("regions: [US]\ncues: {before: 3}", "needs 'words'"),
    ("regions: [US]\nvalidators: [nope]", "unknown validator 'nope'"),
])
def test_bad_fields_fail_with_line_and_field(make_pack, run_cli, body, fragment):
    path = make_pack(rule_yaml("phone", body))
    result = run_cli("test-rules", str(path))
    assert result.exit_code == 2
    assert fragment in result.output
    assert f"{path}:" in result.output


def test_phonenumbers_is_imported_only_when_a_post_has_a_candidate():
    # spaCy loads every installed plugin's entry points (Presidio, from the bench extra,
    # imports phonenumbers itself), so watch postlint's own lazy import, not sys.modules.
    code = (
        "import sys\n"
        "from postlint import Linter\n"
        "from postlint.kinds import phone\n"
        "linter = Linter()\n"
        "already = 'phonenumbers' in sys.modules\n"
        "linter.lint('no digits here at all')\n"
        "assert phone._lib.cache_info().currsize == 0, 'imported before any digit run'\n"
        "assert already or 'phonenumbers' not in sys.modules\n"
        "linter.lint('call me on 020 7946 0958')\n"
        "assert phone._lib.cache_info().currsize == 1\n"
        "assert 'phonenumbers' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
