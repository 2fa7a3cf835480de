"""Output formats: one module each, all streaming where the format allows.

``open_outputs`` builds the reporters of a run (``--format`` and every ``--output``) as one.
"""

from __future__ import annotations

from .base import FileResult, Reporter, Summary
from .outputs import REPORTERS, Outputs, OutputSpec, open_outputs, parse_output

__all__ = ["REPORTERS", "FileResult", "OutputSpec", "Outputs", "Reporter", "Summary",
           "open_outputs", "parse_output"]
