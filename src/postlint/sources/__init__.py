"""Inputs: paths and standard input become posts (or problems that are reported and skipped).

One reader per input format: plain text and Markdown files are one post each
(:mod:`.textfile`); JSON Lines files hold one post per line (:mod:`.jsonl`).
"""

from __future__ import annotations

from .base import Comment, InputPost, InputProblem, ReadOptions
from .discover import iter_inputs

__all__ = ["Comment", "InputPost", "InputProblem", "ReadOptions", "iter_inputs"]
