"""postlint: a risk linter for social-media posts.

Posts are public, permanent and should be clean. postlint flags controversy, oversharing
and negativity in drafts, from YAML rule packs run on a spaCy pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import InputError, PackError, PostlintError, UsageError
from .finding import Finding

if TYPE_CHECKING:
    from .api import Linter, lint_text

__version__ = "0.1.0"
__all__ = ["Finding", "InputError", "Linter", "PackError", "PostlintError", "UsageError",
           "__version__", "lint_text"]


def __getattr__(name: str):
    # The API imports spaCy: ``import postlint`` (and the console entry point, which pauses
    # the collector before it imports the CLI) should not pay for it until it is used.
    if name in ("Linter", "lint_text"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'postlint' has no attribute {name!r}")
