"""The output specifications in the shared contracts folder, as validators for tests.

The folder sits beside the repository (``../shared/contracts``); ``POSTLINT_CONTRACTS``
names another. Without it the tests that need it are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT


def _find() -> Path | None:
    candidates = [os.environ.get("POSTLINT_CONTRACTS", "")]
    candidates += [str(parent / "shared" / "contracts") for parent in ROOT.parents]
    for candidate in candidates:
        if candidate and (Path(candidate) / "sarif-schema-2.1.0.json").is_file():
            return Path(candidate)
    return None


def contracts() -> Path:
    found = _find()
    if found is None:
        message = "the shared contracts folder (../shared/contracts) was not found"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@cache
def _json_validator(name: str):
    import jsonschema

    schema = json.loads((contracts() / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # Draft-04 names no checker for uri-reference; the draft-7 checker knows it.
    return cls(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _errors(validator, instance) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(instance)]


def sarif_errors(doc: dict) -> list[str]:
    """Errors against the SARIF 2.1.0 schema and GitHub's overlay."""
    return (_errors(_json_validator("sarif-schema-2.1.0.json"), doc)
            + _errors(_json_validator("github-code-scanning-sarif.overlay.schema.json"), doc))


def rdjsonl_errors(text: str) -> list[str]:
    validator = _json_validator("rdjsonl-Diagnostic.schema.json")
    errors = []
    for number, line in enumerate(text.splitlines(), start=1):
        errors += [f"line {number}: {e}" for e in _errors(validator, json.loads(line))]
    return errors


@cache
def _xml_schemas():
    import xmlschema

    return [xmlschema.XMLSchema(str(contracts() / name))
            for name in ("jenkins-junit.xsd", "windyroad-JUnit.xsd")]


def junit_errors(xml: str) -> list[str]:
    """Errors against both JUnit schemas (Jenkins' lenient one, the strict Ant one)."""
    errors = []
    for schema in _xml_schemas():
        errors += [f"{Path(schema.url).name}: {e.reason} at {e.path}"
                   for e in schema.iter_errors(xml)]
    return errors


def workflow_command_vectors() -> list[dict]:
    path = contracts() / "examples" / "github-workflow-commands.vectors.json"
    return json.loads(path.read_text(encoding="utf-8"))["cases"]
