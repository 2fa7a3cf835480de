"""From a checked file (and its front matter) to its effective settings.

``Resolver`` finds each file's configuration (or uses the one given with ``--config``),
matches its per-path overrides, applies the profile chosen by the command line, the post's
front matter, the overrides or the configuration (in that order of precedence), and caches
the result by what it depends on, so that posts with the same settings share them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..errors import UsageError
from ..sources import InputPost, ReadOptions
from .discover import find_config, load_config
from .schema import Config
from .settings import Layer, Origin, PackRef, Settings, Value, combine

DEFAULTS = Layer(
    "defaults",
    packs=(PackRef("default", None, Origin("the default", key="packs")),),
    fail_on=Value("error", Origin("the default", key="fail-on")),
)
STDIN = "<stdin>"


@dataclass(frozen=True)
class FrontMatterProfile:
    """A post's ``profile:`` that names no profile: reported, the post keeps the others."""

    name: object
    line: int


class Resolver:
    """Settings per path and post; configuration files are read once."""

    def __init__(self, command_line: Layer | None = None, config_file: str | None = None,
                 use_config: bool = True, walked_suffixes: tuple[str, ...] = ()):
        self.command_line = command_line or Layer("command line")
        self.use_config = use_config
        self.fixed = load_config(config_file) if config_file else None
        self.walked_suffixes = walked_suffixes
        self._folders: dict[str, str | None] = {}
        self._configs: dict[str, Config] = {}
        self._settings: dict[tuple, Settings] = {}
        self._paths: dict[str, tuple[Config | None, tuple[int, ...]]] = {}

    def config_for(self, path: str) -> Config | None:
        """The configuration that applies to ``path`` (``<stdin>``: the current folder)."""
        if self.fixed is not None:
            return self.fixed
        if not self.use_config:
            return None
        folder = os.getcwd() if path == STDIN else os.path.dirname(os.path.abspath(path))
        file = find_config(folder, self._folders)
        if file is None:
            return None
        if file not in self._configs:
            self._configs[file] = load_config(file)
        return self._configs[file]

    def read_options(self, base: ReadOptions, path: str, named: bool) -> ReadOptions | None:
        """How to read ``path``, or None when configuration leaves it out.

        ``exclude`` leaves out any file; ``include`` chooses the files walked in folders
        (without it, the readers' suffixes do); files named on the command line are read
        unless excluded.
        """
        config = self.config_for(path)
        if config is not None and path != STDIN:
            if config.is_excluded(path):
                return None
            if not named:
                included = config.is_included(path)
                if included is False:
                    return None
                if included is None and not path.lower().endswith(self.walked_suffixes):
                    return None
        elif not named and not path.lower().endswith(self.walked_suffixes):
            return None
        settings = self.settings_for_path(path)
        if settings.text_field is None and settings.reader is None:
            return base
        # the command line's --text-field and --reader win over the configuration's `input`
        return replace(base, text_field=base.text_field or settings.text_field,
                       reader=base.reader or settings.reader)

    def settings_for_path(self, path: str, profile: str | None = None) -> Settings:
        where = self._paths.get(path)
        if where is None:
            config = self.config_for(path)
            overrides = config.overrides_for(path) if config is not None and path != STDIN \
                else ()
            if len(self._paths) > 10_000:  # a walk of many files: keep memory bounded
                self._paths.clear()
            where = self._paths[path] = (config, overrides)
        config, overrides = where
        key = (config.path if config else None, overrides, profile)
        settings = self._settings.get(key)
        if settings is None:
            settings = self._settings[key] = self._combine(config, overrides, profile)
        return settings

    def settings_for(self, post: InputPost) -> tuple[Settings, FrontMatterProfile | None]:
        """A post's settings; a front matter ``profile`` that names none is returned too."""
        chosen = None
        bad = None
        metadata = post.metadata if isinstance(post.metadata, Mapping) else {}
        if "profile" in metadata and self.command_line.profile is None:
            from ..filters.suppressions import front_matter_line
            from ..profiles import profile_names

            value = metadata["profile"]
            if isinstance(value, str) and value.strip() in profile_names():
                chosen = value.strip()
            elif value not in (None, ""):
                bad = FrontMatterProfile(value, front_matter_line(post, "profile"))
        return self.settings_for_path(post.path, chosen), bad

    def _combine(self, config: Config | None, overrides: tuple[int, ...],
                 front_profile: str | None) -> Settings:
        from ..profiles import get_profile

        layers = [] if config is None else [config.base] + \
            [config.overrides[i].layer for i in overrides]
        profile = self.command_line.profile
        if profile is None and front_profile is not None:
            profile = Value(front_profile, Origin("front matter", key="profile"))
        if profile is None:
            for layer in reversed(layers):
                if layer.profile is not None:
                    profile = layer.profile
                    break
        chain = [DEFAULTS]
        if profile is not None:
            chain.append(get_profile(profile.value).layer)
        chain += layers
        chain.append(self.command_line)
        settings = combine(chain, resolve_packs)
        return replace(settings, profile=profile)


def resolve_packs(refs: tuple[PackRef, ...]) -> tuple[tuple[str, ...], bool]:
    """Pack references as a linter's pack files and ``only_packs``."""
    from ..profiles import builtin_pack_names

    default = any(r.path is None for r in refs)
    builtin = {str(p) for p in builtin_pack_names().values()}
    files: list[str] = []
    for ref in refs:
        if ref.path is None or (default and ref.path in builtin) or ref.path in files:
            continue
        files.append(ref.path)
    if not default and not files:
        raise UsageError("no rule packs to run: list 'default' or pack files in 'packs', "
                         "or give --pack")
    return tuple(files), not default
