"""Hatch build hook: the wheel carries the built-in packs already compiled.

A custom build hook (``[tool.hatch.build.targets.wheel.hooks.custom]`` in pyproject.toml).
When a wheel (not an editable wheel) is built, it runs ``postlint.bundled.write`` on
``rules/`` in a child interpreter with ``src`` on its path, so that the build process never
imports postlint or spaCy itself, and adds the file as ``postlint/_compiled/builtin.rules``.

Compiling needs postlint's dependencies (spaCy above all) in the build environment: the
hook's ``require-runtime-dependencies`` setting has hatch install them there for an isolated
build (``pip install .``, ``python -m build``), and a development environment has them for
``pip wheel . --no-build-isolation``. Where compiling still fails, the wheel is built
without the file, with a warning, and postlint compiles at start as before; set
``POSTLINT_REQUIRE_BUNDLED=1`` to make that an error instead (a release build should).
The compiled form is only used by the same Python and spaCy versions it was built with.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "postlint/_compiled/builtin.rules"


class BundledRulesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads src/ and rules/ in place: nothing to ship
        root = Path(self.root)
        self._temp = tempfile.TemporaryDirectory(prefix="postlint-bundled-")
        out = Path(self._temp.name) / "builtin.rules"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(root / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]),
            POSTLINT_CACHE_DIR="off", PYTHONDONTWRITEBYTECODE="1")
        code = ("import sys; from pathlib import Path; from postlint.bundled import write; "
                "print(write(Path(sys.argv[1]), Path(sys.argv[2])))")
        result = subprocess.run([sys.executable, "-c", code, str(root / "rules"), str(out)],
                                capture_output=True, text=True, env=env, cwd=root)
        if result.returncode != 0 or not out.is_file():
            message = ("postlint: the built-in packs were not compiled into the wheel "
                       "(postlint compiles them at start instead): "
                       + (result.stderr.strip().splitlines() or ["unknown error"])[-1])
            if os.environ.get("POSTLINT_REQUIRE_BUNDLED", "").strip() not in ("", "0"):
                raise RuntimeError(message)
            self.app.display_warning(message)
            return
        self.app.display_info(f"postlint: compiled built-in packs, key {result.stdout[:12]}")
        build_data["force_include"][str(out)] = TARGET

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temp = getattr(self, "_temp", None)
        if temp is not None:
            temp.cleanup()
