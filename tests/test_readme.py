"""The README is part of the product: its examples must be what foitrack really prints, its
set-up commands must be the ones CI runs, and every command must be in its reference."""

import re
import subprocess
import sys
from pathlib import Path

import typer

from foitrack.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_examples_are_current_output():
    # scripts/readme.py re-runs every `<!-- run: ... -->` block; --check fails on any difference.
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_readme_opens_with_the_two_set_up_commands_and_ci_runs_the_second():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    install_and_run, install_and_test = blocks[0], blocks[1]
    assert "\n" not in install_and_run and "\n" not in install_and_test
    assert "pip install -e ." in install_and_run and "foitrack --dir seeds/fusus" in install_and_run
    test_command = re.search(r"\.venv/bin/python -m pytest.*$", install_and_test).group(0)
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_every_command_is_in_the_reference_and_has_help():
    commands = typer.main.get_command(app).commands
    for name, command in commands.items():
        assert f"| `{name}" in README, f"{name} is missing from the README's command reference"
        assert command.help, f"{name} has no help text"
