"""postlint: a risk linter for social-media posts.

Posts are public, permanent and should be clean. postlint flags controversy, oversharing
and negativity in drafts, from YAML rule packs run on a spaCy pipeline.
"""

from __future__ import annotations

from .api import Linter, lint_text
from .errors import InputError, PackError, PostlintError, UsageError
from .finding import Finding

__version__ = "0.1.0"
__all__ = ["Finding", "InputError", "Linter", "PackError", "PostlintError", "UsageError",
           "__version__", "lint_text"]
