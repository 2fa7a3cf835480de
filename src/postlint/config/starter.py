"""``postlint init``: a commented starter configuration."""

from __future__ import annotations

import os

from ..errors import UsageError

STARTER = """\
# postlint configuration (every key is described in postlint's docs/configuration.md).
# postlint uses the nearest postlint.yaml, .postlint.yaml or pyproject.toml [tool.postlint]
# above each checked file (up to the repository's root). Run `postlint check` to use it.

# Who is posting: brand, employee, regulated-finance, regulated-health
# (`postlint profiles` lists them). A profile is a preset: your settings below win over it.
{profile_line}

# Rule packs: 'default' is every built-in pack; add optional ones by name
# (regulated-finance, regulated-health) and your own files by path (relative to this file).
packs:
  - default
  # - ./rules/acme.yaml

# Your own words and published contact details: never findings. An allowed e-mail address
# or phone number is not flagged wherever it appears (a phone number matches by its digits).
allow:
  - {allow_example}
  # - press@example.com
  # - "+44 20 7946 0000"

# Rules to leave out, by id, pattern, category or tag:
ignore: []
  # - style/hard-to-read
  # - tag:sarcasm

# Severities (error, warning, info, or off); the most specific selector wins:
severity: {{}}
  # controversy/mild-profanity: warning
  # "oversharing-whereabouts/*": error

# What fails the check (exit code 1): findings at or above 'fail-on', unless a 'fail'
# entry for their rule, pattern, tag or category says otherwise (never: does not fail).
fail-on: error
fail: {{}}
  # category:controversy: warning

# The platform whose length limits apply (x, bluesky, mastodon, threads, linkedin,
# instagram, facebook), unless a post names its own (front matter, a CSV column).
# platform: linkedin

# Which files a folder holds for postlint (globs relative to this file):
# include: ["**/*.md", "schedule/*.csv"]
exclude: []
  # - drafts/archive/**

# Reading inputs: the JSON key or CSV column that holds the post, and a reader by name.
# input:
#   text-field: body

# Inline suppressions (<!-- postlint-disable RULE -- reason -->):
suppressions:
  require-reason: true      # a suppression without '-- reason' is an error
  report-unused: false      # true: a suppression that suppresses nothing is a warning

# Accepted findings, recorded with `postlint baseline -o .postlint-baseline`:
# baseline: .postlint-baseline

# Settings for some paths only (globs relative to this file):
# overrides:
#   - files: ["legal/**"]
#     profile: regulated-finance
#   - files: ["team/**"]
#     profile: employee
#     severity:
#       negativity/sarcasm: off

# A trained spaCy pipeline, for entity rules (install it first):
# model: en_core_web_sm
"""


def starter_text(profile: str | None = None) -> str:
    """The starter configuration, with ``profile`` chosen (or commented out)."""
    if profile is not None:
        from ..profiles import get_profile

        get_profile(profile)
    line = f"profile: {profile}" if profile else "# profile: brand"
    return STARTER.format(profile_line=line, allow_example="Acme  # your brand")


def write_starter(path: str, profile: str | None = None, force: bool = False) -> str:
    """Write the starter configuration to ``path``; refuse to overwrite without ``force``."""
    if os.path.isdir(path):
        path = os.path.join(path, "postlint.yaml")
    if os.path.exists(path) and not force:
        raise UsageError(f"{path} already exists; use --force to overwrite it")
    text = starter_text(profile)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{folder}: no such folder")
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return path
