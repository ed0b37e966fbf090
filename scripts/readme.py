"""Keep the README's example output true: re-run every marked command and rewrite its block.

A block in README.md written as

    <!-- run: --dir seeds/fusus --as-of 2023-09-25 due -->
    ```
    (anything)
    ```

is replaced by `$ foitrack ARGS` and what that command prints in a 100-column terminal;
`<!-- run at 80: ARGS -->` runs it in a terminal 80 columns wide (any width).

    python scripts/readme.py          # rewrite README.md
    python scripts/readme.py --check  # exit 1 if README.md is out of date (the tests run this)
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"<!-- run(?: at (?P<width>\d+))?: (?P<args>.+?) -->\n```\n(?P<body>.*?)```\n", re.S)
WIDTH = "100"


def run(args: str, width: str = WIDTH) -> str:
    from typer.testing import CliRunner

    from foitrack.cli import app

    here = os.getcwd()
    os.chdir(ROOT)  # the examples use paths relative to the repository
    try:
        result = CliRunner().invoke(app, shlex.split(args), env={"COLUMNS": width, "FOITRACK_NO_CACHE": "1"})
    finally:
        os.chdir(here)
    if result.exit_code not in (0, 1):
        raise SystemExit(f"foitrack {args} failed ({result.exit_code}): {result.stderr}")
    lines = [line.rstrip() for line in result.stdout.rstrip("\n").splitlines()]
    return "\n".join([f"$ foitrack {args}", *lines]) + "\n"


def render(text: str) -> str:
    def block(match: re.Match) -> str:
        width = match["width"]
        at = f" at {width}" if width else ""
        return f"<!-- run{at}: {match['args']} -->\n```\n{run(match['args'], width or WIDTH)}```\n"

    return BLOCK.sub(block, text)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md is out of date: run python scripts/readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
