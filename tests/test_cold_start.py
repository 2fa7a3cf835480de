"""A start that spaCy's start-up hardly outweighs: what the cold-start work changed keeps
every answer (benchmarks/coldstart.py measures the time)."""

from __future__ import annotations

import gc
import subprocess
import sys

from hypothesis import given, settings
from test_equivalence import _linter, _post, regex_text

from postlint import Linter, collector


def test_the_collector_pause_restores_its_state():
    assert gc.isenabled()
    with collector.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_library_never_freezes_its_host():
    before = gc.get_freeze_count()
    Linter()
    assert gc.get_freeze_count() == before
    assert gc.isenabled()


def test_import_postlint_does_not_import_spacy():
    code = "import sys, postlint; print('spacy' in sys.modules, postlint.Linter.__name__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "Linter"]


def test_the_command_runs_with_the_collector_on():
    code = ("import gc, sys; sys.argv = ['postlint', '--version']\n"
            "from postlint.console import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(gc.isenabled())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[-1] == "True"


@settings(max_examples=300, deadline=None)
@given(text=regex_text)
def test_the_first_posts_searched_pattern_by_pattern_fire_the_same_atoms(text):
    atoms = _linter().ruleset.prefilter._regex
    for with_link in (text, text + " see https://example.com/a?b=1 " + text):
        post = _post(with_link)
        atoms._alone_left = 0
        assert atoms.searched_alone(post) == atoms.fired(post)
