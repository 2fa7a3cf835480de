"""Where the linting runs: this machine (``local``), Apache Spark or Dask.

Every engine turns records into the same findings rows (:mod:`postlint.audit.rows`) with a
``Linter`` built once per worker process from a :class:`~postlint.audit.config.LinterConfig`.
Spark and Dask are optional extras and are imported only when used.
"""

from __future__ import annotations

from ...errors import UsageError

ENGINES = ("local", "spark", "dask")
EXTRAS = {"spark": ("pyspark", "pyarrow", "pandas"), "dask": ("dask", "distributed", "pandas")}


def require_extra(engine: str) -> None:
    """Fail with the extra to install when an engine's packages are missing (exit 2)."""
    import importlib

    missing = []
    for name in EXTRAS.get(engine, ()):
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise UsageError(f"--engine {engine} needs {', '.join(missing)}: install it with "
                         f"pip install 'postlint[{engine}]'")
