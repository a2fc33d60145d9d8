"""Packaging: every package is listed in pyproject.toml, and resources load from the package."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import annotator

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(annotator.__file__).parent


def test_every_package_under_src_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("annotator", *path.parent.relative_to(SRC).parts))
        for path in SRC.rglob("__init__.py")
    }
    assert "annotator.store.migrations.versions" in found
    assert found - listed == set()
    # Each listed package exists (annotator.resources comes from the top-level resources/).
    for package in listed:
        assert resources.files(package).is_dir(), package


def test_the_default_schema_is_found_as_a_package_resource() -> None:
    raw = resources.files("annotator.resources").joinpath("default_schema.json").read_text("utf-8")
    names = [label["name"] for label in json.loads(raw)["labels"]]
    assert names == ["ACTOR", "PLACE", "EVENT", "FIGURE"]


def test_migration_scripts_ship_as_package_data() -> None:
    versions = resources.files("annotator.store.migrations.versions")
    assert any(item.name.startswith("0001") for item in versions.iterdir())
    assert resources.files("annotator.store.migrations").joinpath("env.py").is_file()
