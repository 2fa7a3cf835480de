"""The command line: a thin layer that parses options, calls the library, picks a reporter.

Exit codes: 0 nothing at or above ``--fail-on``; 1 something is; 2 a usage or configuration
error, or an input that could not be checked (2 wins over 1).
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable

import click

from . import __version__
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, PostlintError, UsageError
from .reporters.outputs import REPORTERS
from .vocabulary import PLATFORMS, SEVERITY_RANK, TAGS

FAIL_ON = ("error", "warning", "info", "never")
# The names of postlint.sources.discover.READERS, kept here so --help stays fast.
READER_NAMES = ("text", "markdown", "thread", "text-thread", "csv", "json", "jsonl")
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shells report a command killed by a closed pipe


def _guard(debug: bool, action: Callable[[], int]) -> int:
    """Run a command; a postlint error becomes one line on stderr and exit 2."""
    try:
        return action()
    except PostlintError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"postlint: {exc}", err=True)
        return exc.exit_code
    except KeyboardInterrupt:
        click.echo("postlint: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, but do not claim a clean run.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # a bug: say so plainly, the traceback only with --debug
        if debug:
            traceback.print_exc()
        click.echo(f"postlint: internal error: {type(exc).__name__}: {exc} "
                   "(run again with --debug for details, and please report it)", err=True)
        return EXIT_ERROR


def _pack_options(func):
    func = click.option("--only-packs", is_flag=True,
                        help="Use only the --pack files, not the built-in packs.")(func)
    func = click.option("--pack", "packs", multiple=True, metavar="FILE",
                        help="Add a rule pack file (repeatable).")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postlint")
def cli() -> None:
    """postlint: a risk linter for social-media posts."""


@cli.command()
@click.argument("paths", nargs=-1)
@_pack_options
@click.option("--format", "fmt", type=click.Choice(list(REPORTERS)), default="text",
              show_default=True, help="Format written to standard output.")
@click.option("--output", "outputs", multiple=True, metavar="FORMAT:PATH",
              help="Also write FORMAT to the file PATH (repeatable; PATH - takes standard "
                   "output instead of --format).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Lowest severity that makes the exit code 1.")
@click.option("--platform", type=click.Choice(PLATFORMS), default=None,
              help="Check this platform's length limit too.")
@click.option("--show-matches", is_flag=True,
              help="Show personal data and secrets in clear (masked by default).")
@click.option("--model", default=None, metavar="NAME",
              help="A trained spaCy pipeline to use instead of the blank one "
                   "(enables entity rules).")
@click.option("--allow", multiple=True, metavar="WORD",
              help="Your own words (brand, product) that are never findings (repeatable).")
@click.option("--max-file-size", type=click.IntRange(min=1), default=10 * 1024 * 1024,
              show_default=True, metavar="BYTES", help="Refuse inputs larger than this.")
@click.option("--encoding-errors", type=click.Choice(["strict", "replace"]), default="strict",
              show_default=True, help="'replace' checks files that are not valid UTF-8 anyway.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour in text output (never when NO_COLOR is set).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes to use (0: one per CPU). Output is the same for any value.")
@click.option("--progress", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Progress on stderr for long runs (auto: terminals only).")
@click.option("--text-field", default=None, metavar="NAME",
              help="The CSV column or JSON key (a dotted path for nested keys) with the post.")
@click.option("--reader", type=click.Choice(READER_NAMES), default=None,
              help="Read every input (and standard input) in this format, not by file name.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def check(paths, packs, only_packs, fmt, outputs, fail_on, platform, show_matches, model,
          allow, max_file_size, encoding_errors, color, jobs, progress, text_field, reader,
          debug) -> None:
    """Check posts: files, folders (*.md, *.markdown, *.txt, *.csv, *.json) or - for
    standard input."""
    from .progress import should_show
    from .reporters.outputs import plan_outputs
    from .runner import CheckOptions, run_check

    source = click.get_current_context().get_parameter_source("fmt")
    format_given = source is not None and source.name != "DEFAULT"

    def action() -> int:
        if not paths:
            raise UsageError("nothing to check: give files, folders or - for standard input")
        plan_outputs(fmt, outputs, format_given)  # a bad --output fails before any work
        options = CheckOptions(
            paths=list(paths), packs=list(packs), only_packs=only_packs, fmt=fmt,
            outputs=list(outputs), format_given=format_given,
            show_matches=show_matches, platform=platform, model=model, allow=list(allow),
            max_bytes=max_file_size, encoding_errors=encoding_errors,
            color=_use_color(color), fail_rank=SEVERITY_RANK.get(fail_on, 99),
            jobs=jobs or os.cpu_count() or 1, progress=should_show(progress),
            text_field=text_field, reader=reader,
        )
        return run_check(options, sys.stdout)

    sys.exit(_guard(debug, action))


@cli.command("rules")
@_pack_options
@click.option("--tags", "show_tags", is_flag=True, help="List the tag vocabulary instead.")
@click.option("--model", default=None, metavar="NAME", help="Pipeline to check rules against.")
def rules_cmd(packs, only_packs, show_tags, model) -> None:
    """List every rule: id, category, tags, severity, kind and message."""
    from .explain import list_rules

    def action() -> int:
        if show_tags:
            for tag, meaning in TAGS.items():
                click.echo(f"{tag:16} {meaning}")
            return EXIT_OK
        click.echo(list_rules(_linter(packs, only_packs, model)), nl=False)
        return EXIT_OK

    sys.exit(_guard(False, action))


@cli.command()
@click.argument("rule")
@_pack_options
def explain(rule, packs, only_packs) -> None:
    """Explain a rule: why it matters, its examples and what it matches."""
    from .explain import explain_rule

    sys.exit(_guard(False, lambda: _echo(explain_rule(_linter(packs, only_packs), rule))))


@cli.command("test-rules")
@click.argument("pack_files", nargs=-1)
@click.option("--model", default=None, metavar="NAME", help="Pipeline to run the examples on.")
def test_rules(pack_files, model) -> None:
    """Run every rule's flag and pass examples (the built-in packs when none are given)."""
    from .selftest import run_examples

    def action() -> int:
        linter = _linter(pack_files, bool(pack_files), model)
        report, failures = run_examples(linter)
        click.echo(report, nl=False)
        return EXIT_FINDINGS if failures else EXIT_OK

    sys.exit(_guard(False, action))


def _linter(packs, only_packs, model=None):
    from .api import Linter

    return Linter(list(packs), only_packs=only_packs, model=model)


def _echo(text: str) -> int:
    click.echo(text, nl=False)
    return EXIT_OK


def _use_color(choice: str) -> bool:
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if choice == "always":
        return True
    return sys.stdout.isatty()


def main() -> None:
    """Console entry point."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")
    cli(prog_name="postlint")


if __name__ == "__main__":
    main()
