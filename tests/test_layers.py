"""The package's architecture holds: imports flow one way (pyproject.toml's import-linter
contract), and no module reaches itself through others."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def lint_imports(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True, no_logo=True))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_layers_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    # A copy of the package in which the deadline clock (law) imports the command line: the
    # check must fail and name the import, or it would not guard anything.
    shutil.copytree(ROOT / "foitrack", tmp_path / "foitrack", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    clock = tmp_path / "foitrack" / "law" / "clock.py"
    clock.write_text(clock.read_text() + "\n\ndef _upward():\n    from foitrack.cli import app  # noqa\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    probe = subprocess.run(
        [sys.executable, "-c", "import foitrack; print(foitrack.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert probe.stdout.strip() == str(tmp_path / "foitrack" / "__init__.py")  # the copy is what is checked
    result = lint_imports(tmp_path, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert "foitrack.law.clock -> foitrack.cli" in result.stdout


def test_one_tracker_operation_importing_another_breaks_the_contract(tmp_path):
    # Each operation of the tracker (creating, recording, ...) stands on its core alone, so that
    # one can be read, changed and tested without the others.
    shutil.copytree(ROOT / "foitrack", tmp_path / "foitrack", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    editing = tmp_path / "foitrack" / "tracker" / "editing.py"
    editing.write_text(editing.read_text() + "\n\ndef _sideways():\n    from foitrack.tracker import recording  # noqa\n")
    result = lint_imports(tmp_path, {**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "foitrack.tracker.editing -> foitrack.tracker.recording" in result.stdout


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(module: str) -> None:
        nonlocal counter
        index[module] = low[module] = counter
        counter += 1
        stack.append(module)
        on_stack.add(module)
        for target in graph.find_modules_directly_imported_by(module):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("foitrack", cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "b", "c"):
        graph.add_module(module)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    assert _cycles(graph) == [["a", "b", "c"]]
