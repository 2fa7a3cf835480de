"""The ``postlint`` command: the CLI, imported with the cyclic collector paused."""

from __future__ import annotations

from .collector import claim_process, collector_paused


def main() -> None:
    """Console entry point (``postlint`` and ``python -m postlint``)."""
    claim_process()
    # Importing spaCy and the CLI creates long-lived objects only (see collector.py).
    with collector_paused():
        from .cli import main as cli_main
    cli_main()
