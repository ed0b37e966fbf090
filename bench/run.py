"""Time foitrack on large trackers, the way a user runs it, against the floor of reading the files.

    python bench/run.py                      # 1,000, 10,000 and 100,000 requests
    python bench/run.py --sizes 10000 --repeats 3
    python bench/run.py --peers /opt/peers/bin   # also look for todoman, khal and taskwarrior there
    python bench/run.py --sizes 100000 --one-request   # only show, new, record, edit, send and --help

For each size it generates a tracker with bench/generate.py (once; kept under --work), then times,
each in a fresh process started the way a user starts it, output to /dev/null:

- the floors: a Python process that only reads every request file's bytes (no tool that reads
  the files on every run can beat it), and one that also parses each with tomllib;
- `due`, `report` and `list` in every format (JSON, the tables, CSV and Markdown), with `--as-of`
  the generator's cut-off date;
- peers over the same number of items where they are installed (todoman, taskwarrior, khal:
  bench/peers.py), at sizes up to --peer-max;
- `check`, which must parse every file, against the read-and-parse floor;
- at the largest size, the commands about one request (`show`, `new`, `record`, `edit`,
  `send --record`), which must not grow with the tracker; and `foitrack --help`.

Every command runs once first (warm: the OS has the files in memory and foitrack has built its
cache), then they take turns for --repeats rounds (so a busy machine slows them alike); each
row shows the median in seconds, the multiple of the read floor, and the peak memory (the
largest resident set of any run). "cold" is `list --json` once after deleting foitrack's cache.
Growth is the largest size's time over the 10,000 one's (10.0 is linear). The tables printed at
the end are Markdown, for the README's "Speed" section.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
AS_OF = "2024-06-28"  # bench/generate.py's default --until

FLOOR_READ = r"""
import os, sys
folder = os.path.join(sys.argv[1], "requests")
for name in sorted(os.listdir(folder)):
    if name.endswith(".toml"):
        with open(os.path.join(folder, name), "rb") as handle:
            handle.read()
"""

FLOOR_PARSE = r"""
import os, sys, tomllib
folder = os.path.join(sys.argv[1], "requests")
for name in sorted(os.listdir(folder)):
    if name.endswith(".toml"):
        with open(os.path.join(folder, name), "rb") as handle:
            tomllib.loads(handle.read().decode("utf-8"))
"""

LISTINGS = {
    "due --json": ["due", "--json"],
    "due (table)": ["due"],
    "report --format json": ["report", "--format", "json"],
    "report (table)": ["report"],
    "report --format csv": ["report", "--format", "csv"],
    "report --format markdown": ["report", "--format", "markdown"],
    "list --json": ["list", "--json"],
    "list (table)": ["list"],
}
GOAL_TIMES = 4.0  # listings at 10,000: at most this many times the read floor
GOAL_ONE_REQUEST = 0.25  # show, new, record, edit, send: seconds at the largest size
GOAL_HELP = 0.15
GOAL_MEMORY_MB = 250


def foitrack_command() -> list[str]:
    script = Path(sys.executable).parent / "foitrack"
    if script.exists():
        return [str(script)]
    found = shutil.which("foitrack")
    return [found] if found else [sys.executable, "-m", "foitrack"]


def run_once(argv: list[str], env: dict | None = None, check: bool = True) -> tuple[float, float]:
    """(seconds, peak resident memory in MB) of one run."""
    environment = {**os.environ, **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: modules compiled once, not every run
    began = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if check and code not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {code}: {error[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


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


def measure(argvs: dict[str, tuple[list[str], dict]], repeats: int) -> dict[str, tuple[float, float]]:
    """name -> (median seconds, peak MB): one warm run each, then `repeats` rounds in turn."""
    for argv, env in argvs.values():
        run_once(argv, env)
    times: dict[str, list[float]] = {name: [] for name in argvs}
    peaks: dict[str, float] = {name: 0.0 for name in argvs}
    for _ in range(repeats):
        for name, (argv, env) in argvs.items():
            seconds, peak = run_once(argv, env)
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
    return {name: (statistics.median(values), peaks[name]) for name, values in times.items()}


def one_request_commands(foitrack: list[str], root: Path, repeats: int) -> dict[str, tuple[float, float]]:
    """show, new, record, edit and send --record on one request of a large tracker, each file
    put back as it was after every run."""
    names = sorted(os.listdir(root / "requests"))
    target = root / "requests" / names[len(names) // 2]
    request_id = target.stem
    original = target.read_bytes()
    base = foitrack + ["--dir", str(root)]
    results: dict[str, tuple[float, float]] = {}

    def timed(name: str, argv: list[str], after=None) -> None:
        runs = []
        for attempt in range(repeats + 1):
            seconds, peak = run_once(argv)
            if after is not None:
                after()
            if attempt:  # the first run is the warm one
                runs.append((seconds, peak))
        results[name] = (statistics.median(s for s, _ in runs), max(p for _, p in runs))

    def put_back() -> None:
        target.write_bytes(original)

    timed("show ID", base + ["--as-of", AS_OF, "show", request_id[-4:]])
    timed("record ID note", base + ["record", request_id[-4:], "note", "--text", "bench", "--on", AS_OF], put_back)
    timed("edit ID --tag", base + ["edit", request_id[-4:], "--tag", "bench-edit"], put_back)

    counter = iter(range(10**6))

    def new_argv() -> list[str]:
        return base + ["new", "-a", "London Borough of Hackney", "-s", f"Bench {time.time_ns()} {next(counter)}",
                       "--sent", AS_OF, "--json"]

    runs = []
    for attempt in range(repeats + 1):
        argv = new_argv()
        began = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        if result.returncode != 0:
            raise SystemExit(f"new failed: {result.stderr[-300:]}")
        for made in json.loads(result.stdout):
            Path(made["path"]).unlink(missing_ok=True)
        if attempt:
            runs.append(seconds)
    results["new -a ... -s ..."] = (statistics.median(runs), 0.0)

    runs = []
    for attempt in range(repeats + 1):
        made = subprocess.run(base + ["new", "--draft", "-a", "London Borough of Hackney", "-s",
                                      f"Bench draft {time.time_ns()}", "--json"], capture_output=True, text=True)
        if made.returncode != 0:
            break
        draft = json.loads(made.stdout)[0]
        seconds, peak = run_once(base + ["send", draft["id"], "--record"], check=False)
        Path(draft["path"]).unlink(missing_ok=True)
        if attempt:
            runs.append((seconds, peak))
    if runs:
        results["send ID --record"] = (statistics.median(s for s, _ in runs), max(p for _, p in runs))
    return results


def one_request_only(foitrack: list[str], root: Path, repeats: int, help_seconds: float, python_start: float) -> None:
    """`--one-request`: the commands about one request at one size, and start-up, with the verdict."""
    size = len(os.listdir(root / "requests"))
    row = one_request_commands(foitrack, root, repeats)
    print(f"foitrack bench: median of {repeats} warm runs, fresh process each, {size:,} requests")
    print()
    print(f"| {size:,} requests | seconds | peak MB |")
    print("|---|---:|---:|")
    for name, (seconds, peak) in row.items():
        print(f"| foitrack {name} | {seconds:.3f} | {f'{peak:.0f}' if peak else '-'} |")
    print()
    print(f"start-up: foitrack --help {help_seconds:.3f}s (python -c pass {python_start:.3f}s)")
    slowest = max(row.items(), key=lambda item: item[1][0])
    print(f"- one-request commands at {size:,} within {GOAL_ONE_REQUEST}s: "
          f"{'met' if slowest[1][0] <= GOAL_ONE_REQUEST else 'NOT met'} (slowest: {slowest[0]}, {slowest[1][0]:.3f}s)")


def cell(seconds: float | None, floor: float | None = None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds:.3f}" if floor is None else f"{seconds:.3f} | {seconds / floor:.1f}"


def main(argv: list[str] | None = None) -> None:
    from peers import PEERS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated request counts")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per command after the warm one")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "foitrack-bench",
                        help="where generated trackers are kept between runs")
    parser.add_argument("--peers", type=Path, action="append", default=[],
                        help="a folder holding peers' commands (todo, task, khal), besides PATH")
    parser.add_argument("--peer-max", type=int, default=10_000, help="time peers up to this size")
    parser.add_argument("--one-request", action="store_true",
                        help="time only the commands about one request (at the largest size) and --help")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)
    foitrack = foitrack_command()

    python_start = statistics.median(run_once([sys.executable, "-c", "pass"])[0] for _ in range(args.repeats))
    help_time = measure({"help": (foitrack + ["--help"], {})}, args.repeats)["help"]

    if args.one_request:
        one_request_only(foitrack, tracker_for(max(sizes), args.work, args.seed), args.repeats,
                         help_time[0], python_start)
        return

    results: dict[int, dict[str, tuple[float, float]]] = {}
    peer_names: list[str] = []
    for size in sizes:
        root = tracker_for(size, args.work, args.seed)
        argvs: dict[str, tuple[list[str], dict]] = {
            "floor: read every file": ([sys.executable, "-c", FLOOR_READ, str(root)], {}),
            "floor: read and parse every file": ([sys.executable, "-c", FLOOR_PARSE, str(root)], {}),
        }
        for name, tail in LISTINGS.items():
            argvs[f"foitrack {name}"] = (foitrack + ["--dir", str(root), "--as-of", AS_OF] + tail, {})
        if size <= args.peer_max:
            for name, prepare in PEERS.items():
                found = prepare(size, args.work, args.peers)
                if found is not None:
                    argvs[name] = found
                    if name not in peer_names:
                        peer_names.append(name)
        row = measure(argvs, args.repeats)
        row["foitrack check"] = run_once(foitrack + ["--dir", str(root), "check"], check=False)
        shutil.rmtree(root / ".foitrack" / "cache", ignore_errors=True)
        row["foitrack list --json, cold"] = run_once(foitrack + ["--dir", str(root), "--as-of", AS_OF, "list", "--json"])
        if size == max(sizes):
            for name, value in one_request_commands(foitrack, root, args.repeats).items():
                row[f"foitrack {name}"] = value
        results[size] = row
        print(f"  {size:>7,}: done", file=sys.stderr, flush=True)

    print(f"foitrack bench: median of {args.repeats} warm runs, fresh process each, --as-of {AS_OF}")
    print(f"python {sys.version.split()[0]} on {os.uname().sysname} {os.uname().machine}, {os.cpu_count()} CPUs")
    print()
    largest = max(sizes)
    middle = 10_000 if 10_000 in results else None
    for size, row in results.items():
        floor = row["floor: read every file"][0]
        print(f"| {size:,} requests | seconds | × read floor | peak MB |")
        print("|---|---:|---:|---:|")
        for name, (seconds, peak) in row.items():
            peak_text = f"{peak:.0f}" if peak else "-"
            print(f"| {name} | {seconds:.3f} | {seconds / floor:.1f} | {peak_text} |")
        print()
    if middle and largest != middle:
        print(f"| growth 10,000 -> {largest:,} (10.0 is linear) | × |")
        print("|---|---:|")
        for name in results[middle]:
            if name in results[largest] and results[middle][name][0]:
                print(f"| {name} | {results[largest][name][0] / results[middle][name][0]:.1f} |")
        print()
    if middle and largest != middle:
        # The README's table ("Speed"): the listings side by side at 10,000 and the largest size.
        names = {"floor: read every file": "floor: read every file",
                 "floor: read and parse every file": "floor: read and parse every file (tomllib)"}
        names.update({f"foitrack {name}": f"`{name}`".replace(" (table)`", "` (table)") for name in LISTINGS})
        names["foitrack check"] = "`check` (parses every file)"
        names["foitrack list --json, cold"] = "`list --json` with no cache (first run)"
        names.update({peer: peer for peer in peer_names})
        small, large = results[middle], results[largest]
        small_floor, large_floor = small["floor: read every file"][0], large["floor: read every file"][0]
        print(f"| command | {middle:,} requests: s (× read floor) | {largest:,}: s (× read floor) | peak MB at {largest:,} |")
        print("|---|---:|---:|---:|")
        for key, label in names.items():
            if key not in small:
                continue
            first = f"{small[key][0]:.3f} ({small[key][0] / small_floor:.1f})"
            second = f"{large[key][0]:.3f} ({large[key][0] / large_floor:.1f})" if key in large else ""
            peak = f"{large[key][1]:.0f}" if key in large else ""
            print(f"| {label} | {first} | {second} | {peak} |")
        print()
    print(f"start-up: foitrack --help {help_time[0]:.3f}s (python -c pass {python_start:.3f}s)")
    print()
    # The goals, each said plainly: met or not.
    verdicts = []
    if middle:
        row = results[middle]
        floor = row["floor: read every file"][0]
        worst = max((row[f"foitrack {name}"][0] / floor, name) for name in LISTINGS)
        verdicts.append(f"listings at 10,000 within {GOAL_TIMES:.0f}x the read floor: "
                        f"{'met' if worst[0] <= GOAL_TIMES else 'NOT met'} (slowest: {worst[1]}, {worst[0]:.1f}x)")
        check = row["foitrack check"][0] / row["floor: read and parse every file"][0]
        verdicts.append(f"check at 10,000 no slower than the parse it must do: {'met' if check <= 1.1 else 'NOT met'} "
                        f"({check:.1f}x the read-and-parse floor)")
        for peer in peer_names:
            if peer in row:
                ratio = row[peer][0] / floor
                verdicts.append(f"{peer} at 10,000: {ratio:.1f}x the read floor (foitrack's slowest listing {worst[0]:.1f}x)")
    row = results[largest]
    singles = [(name, value[0]) for name, value in row.items() if name.startswith("foitrack ") and " ID" in name or "new -a" in name]
    if singles:
        slowest = max(singles, key=lambda item: item[1])
        verdicts.append(f"one-request commands at {largest:,} within {GOAL_ONE_REQUEST}s: "
                        f"{'met' if slowest[1] <= GOAL_ONE_REQUEST else 'NOT met'} (slowest: {slowest[0]}, {slowest[1]:.3f}s)")
    peak = max((value[1], name) for name, value in row.items() if name.startswith("foitrack ") and name[9:] in LISTINGS)
    verdicts.append(f"peak memory of any listing at {largest:,} within {GOAL_MEMORY_MB} MB: "
                    f"{'met' if peak[0] <= GOAL_MEMORY_MB else 'NOT met'} (largest: {peak[1]}, {peak[0]:.0f} MB)")
    verdicts.append(f"foitrack --help within {GOAL_HELP}s: {'met' if help_time[0] <= GOAL_HELP else 'NOT met'} "
                    f"({help_time[0]:.3f}s)")
    for verdict in verdicts:
        print(f"- {verdict}")


if __name__ == "__main__":
    main()
