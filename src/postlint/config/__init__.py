"""Configuration: ``postlint.yaml``, ``.postlint.yaml`` or ``[tool.postlint]``.

The library API: :func:`load_config` reads and validates a file, :func:`find_config` finds
the one that applies to a folder, :class:`Resolver` gives each checked post its effective
:class:`Settings` (packs, selection, severities, allow-list, gate...). The command line
only turns its options into a layer of settings (:class:`Layer`).
"""

from __future__ import annotations

from .discover import find_config, load_config
from .resolve import Resolver
from .schema import Config, ConfigError
from .settings import Layer, Origin, Settings

__all__ = ["Config", "ConfigError", "Layer", "Origin", "Resolver", "Settings", "find_config",
           "load_config"]
