"""The core's public API is what its packages declare in ``__all__``, and the
import contracts (pyproject.toml, ``lint-imports``) keep the arrows one way."""

import ast
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_PACKAGES = (
    "core.accounts",
    "core.corpora",
    "core.printing",
    "core.retrieval",
    "core.reasoning",
    "core.runs",
    "core.steps",
    "core.text",
)


def core_imports(path: Path):
    """(line, core module, imported name or None) for every import of core in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "core" or node.module.startswith("core."):
                for alias in node.names:
                    yield node.lineno, node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("core."):
                    yield node.lineno, alias.name, None


def violations(paths) -> list[str]:
    found = []
    for path in paths:
        for line, module, name in core_imports(path):
            package = next(
                (p for p in PUBLIC_PACKAGES if module == p or module.startswith(p + ".")), None
            )
            where = f"{path.name}:{line}"
            if package is None:
                found.append(f"{where}: {module} is not a public core package")
            elif name is None or name not in importlib.import_module(package).__all__:
                found.append(f"{where}: {module}.{name} is not in {package}.__all__")
    return found


def app_sources():
    return [p for p in (ROOT / "apps").rglob("*.py") if "migrations" not in p.parts]


def test_apps_use_only_names_the_core_packages_declare():
    assert violations(app_sources()) == []


def test_an_app_reaching_into_a_core_internal_is_reported(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from core.runs import start_run\n"
        "from core.celery import try_publish\n"
        "from core.retrieval.embedder import embedder_id\n",
        encoding="utf-8",
    )
    assert violations([probe]) == [
        "probe.py:2: core.celery is not a public core package",
        "probe.py:3: core.retrieval.embedder.embedder_id is not in core.retrieval.__all__",
    ]


def test_every_declared_name_exists():
    for package in PUBLIC_PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            assert getattr(module, name) is not None, f"{package}.{name}"


@pytest.mark.slow
def test_the_contracts_hold_and_fail_when_an_app_imports_another(tmp_path):
    lint = Path(sys.executable).with_name("lint-imports")
    for tree in ("core", "apps"):
        shutil.copytree(ROOT / tree, tmp_path / tree, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")

    def run():
        return subprocess.run(
            [str(lint), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, timeout=300
        )

    kept = run()
    assert kept.returncode == 0, kept.stdout + kept.stderr
    (tmp_path / "apps" / "crops" / "probe.py").write_text(
        "from apps.courseware import lesson  # noqa: F401\n", encoding="utf-8"
    )
    broken = run()
    assert broken.returncode != 0
    assert "no app imports another BROKEN" in broken.stdout

    # retrieval reaching into corpora, even inside a function, breaks its own
    # contract and the layers
    (tmp_path / "apps" / "crops" / "probe.py").unlink()
    (tmp_path / "core" / "retrieval" / "probe.py").write_text(
        "def chunk_model():\n    from core.corpora.models import Chunk\n\n    return Chunk\n",
        encoding="utf-8",
    )
    reaching = run()
    assert reaching.returncode != 0
    assert "core.retrieval.probe -> core.corpora.models" in reaching.stdout
    assert "the core in layers, apps on top BROKEN" in reaching.stdout
