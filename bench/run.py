"""Time foitrack on large trackers, the way a user runs it, against the floor of reading the files.

    python bench/run.py                      # 1,000, 10,000 and 100,000 requests
    python bench/run.py --sizes 1000,10000 --repeats 7

For each size it generates a tracker with bench/generate.py (once; kept under --work), then times,
each in a fresh process started the way a user starts it:

- floor: a Python process that opens, reads and `tomllib.loads` every request file and nothing
  else; no tool that reads the files on every run can beat it;
- `foitrack due --json`, `foitrack report --format json` and `foitrack list --json`, all with
  `--as-of` the generator's cut-off date, output to /dev/null.

Every command runs once first (warm: the OS has the files in memory and foitrack has built its
cache), then they take turns for --repeats rounds (so a busy machine slows them alike); the table
shows each one's median in seconds and as a multiple of the floor. "cold" is one run of `list --json` after deleting foitrack's cache (the first run after a
clone, or after every file changed). Growth is the 100k time over the 10k time: 10.0 is linear.
`foitrack --help` is timed too: start-up is what every command pays.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = "2024-06-28"  # bench/generate.py's default --until

FLOOR = r"""
import os, sys, tomllib
folder = os.path.join(sys.argv[1], "requests")
for name in sorted(os.listdir(folder)):
    if name.endswith(".toml"):
        with open(os.path.join(folder, name), "rb") as handle:
            tomllib.loads(handle.read().decode("utf-8"))
"""


def foitrack_command() -> list[str]:
    script = Path(sys.executable).parent / "foitrack"
    if script.exists():
        return [str(script)]
    found = shutil.which("foitrack")
    return [found] if found else [sys.executable, "-m", "foitrack"]


def run_once(argv: list[str]) -> float:
    began = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed


def median_time(argv: list[str], repeats: int) -> float:
    run_once(argv)  # warm
    return statistics.median(run_once(argv) for _ in range(repeats))


def has_command(foitrack: list[str], name: str) -> bool:
    result = subprocess.run(foitrack + [name, "--help"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return result.returncode == 0


def tracker_for(size: int, work: Path, seed: int) -> Path:
    root = work / f"tracker-{size}-seed{seed}"
    done = root / ".generated"
    if not done.exists():
        if root.exists():
            shutil.rmtree(root)
        print(f"generating {size:,} requests in {root} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), str(root), "--seed", str(seed), "--until", AS_OF],
            check=True,
        )
        done.write_text("ok\n")
    return root


def fmt(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated request counts")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per command after the warm one")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "foitrack-bench",
                        help="where generated trackers are kept between runs")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)

    foitrack = foitrack_command()
    commands = {
        "due": ["due", "--json"],
        "report": ["report", "--format", "json"],
        "list": ["list", "--json"],
    }
    notes = []
    if not has_command(foitrack, "report"):
        del commands["report"]
        notes.append("report: not in this checkout; skipped")

    python_start = median_time([sys.executable, "-c", "pass"], args.repeats)
    help_time = median_time(foitrack + ["--help"], args.repeats)

    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        root = tracker_for(size, args.work, args.seed)
        argvs = {"floor": [sys.executable, "-c", FLOOR, str(root)]}
        for name, tail in commands.items():
            argvs[name] = foitrack + ["--dir", str(root), "--as-of", AS_OF] + tail
        # Warm everything once, then take turns, so that a busy machine slows them all alike.
        for argv in argvs.values():
            run_once(argv)
        times: dict[str, list[float]] = {name: [] for name in argvs}
        for _ in range(args.repeats):
            for name, argv in argvs.items():
                times[name].append(run_once(argv))
        row = {name: statistics.median(values) for name, values in times.items()}
        shutil.rmtree(root / ".foitrack" / "cache", ignore_errors=True)
        row["cold"] = run_once(foitrack + ["--dir", str(root), "--as-of", AS_OF, "list", "--json"])
        results[size] = row
        print(f"  {size:>7,}: " + ", ".join(f"{k} {v:.3f}s" for k, v in row.items()), file=sys.stderr, flush=True)

    names = list(commands)
    header = ["requests", "floor s"] + [f"{n} s (x floor)" for n in names] + ["cold list s"]
    lines = [header]
    for size, row in results.items():
        cells = [f"{size:,}", fmt(row["floor"])]
        for name in names:
            cells.append(f"{row[name]:.3f} ({row[name] / row['floor']:.1f}x)")
        cells.append(fmt(row["cold"]))
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print()
    print(f"foitrack bench: median of {args.repeats} warm runs, fresh process each, --as-of {AS_OF}")
    print(f"python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} CPUs")
    print()
    print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(header)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines[1:]:
        print("| " + " | ".join(cell.rjust(widths[i]) for i, cell in enumerate(line)) + " |")
    print()
    if 10_000 in results and 100_000 in results:
        small, large = results[10_000], results[100_000]
        growth = ", ".join(f"{name} {large[name] / small[name]:.1f}x" for name in ["floor"] + names)
        print(f"growth 10k -> 100k (10.0x is linear): {growth}")
    print(f"start-up: foitrack --help {help_time:.3f}s (python -c pass {python_start:.3f}s)")
    for message in notes:
        print(f"note: {message}")


if __name__ == "__main__":
    main()
