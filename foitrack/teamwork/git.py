"""Git for a tracker folder: commit each change, sync with colleagues, show a request's history.

foitrack drives the `git` command the user already has (no library: the user's own config,
credentials, hooks and signing all apply). Nothing here runs unless the tracker folder is inside
a git work tree and `git = false` is not set in foitrack.toml.

- `commit(paths, message)` commits exactly those paths (`git commit -- PATHS`), so anything else
  a user has staged stays staged and out of foitrack's commits. If git refuses the commit (a
  pre-commit hook), the index entries for those paths are put back as they were.
- `sync()` fetches, rebases local commits onto the remote branch and pushes. On a conflict it
  aborts the rebase, so the working tree and the local commits are exactly as they were.
- `history(path)` is `git log --follow` on one request file.

One idea, though long: every way foitrack talks to git, so that the rules about what is committed
(exactly these paths, a user's hand edits on their own, nothing half done) live in one place.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from foitrack.errors import FoitrackError

FALLBACK_NAME = "foitrack"
FALLBACK_EMAIL = "foitrack@localhost"
_PUSH_ATTEMPTS = 3
# Request files merge with foitrack's own driver (foitrack.teamwork.merge): git knows a driver by
# the name a .gitattributes line gives it and runs the command the repository's config gives it
# (gitattributes(5), "Defining a custom merge driver").
MERGE_DRIVER = "foitrack"
ATTRIBUTES_FILE = ".gitattributes"
ATTRIBUTES_LINE = f"requests/*.toml merge={MERGE_DRIVER}"
ATTRIBUTES_TEXT = f"# foitrack merges two people's changes to a request, keeping both sides' events\n{ATTRIBUTES_LINE}\n"


class GitError(FoitrackError):
    """A git operation foitrack asked for did not happen; the message says what to do."""


@dataclass
class LogEntry:
    commit: str
    date: dt.datetime
    author: str
    email: str
    message: str

    def to_json(self) -> dict:
        return {
            "commit": self.commit,
            "date": self.date.isoformat(),
            "author": self.author,
            "email": self.email,
            "message": self.message,
        }


@dataclass
class SyncResult:
    remote: str
    branch: str
    pulled: list[str] = field(default_factory=list)  # subjects of the commits that came in
    pushed: int = 0


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"  # never wait for a password nobody will type
    env.setdefault("GIT_EDITOR", "true")  # never open an editor (rebase, commit)
    return env


def _run(
    cwd: Path, *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess | None:
    """Run git (with `input` on its stdin, else none; bytes go in as they are, for blobs);
    None when git is not installed. `env` adds to the environment."""
    stdin = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
    if isinstance(input, bytes):
        stdin["input"] = input.decode("utf-8", "surrogateescape")
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            **stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape" if isinstance(input, bytes) else "replace",
            env={**_environment(), **(env or {})},
        )
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None


def _last_line(text: str) -> str:
    """The line of git's output that says what went wrong: its first 'fatal:' or 'error:' line
    (advice such as 'Please make sure you have the correct access rights' follows it), else the
    last line that is not a hint (a commit hook's own message)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line[len(prefix) :]
    for line in reversed(lines):
        if not line.startswith("hint:"):
            return line
    return "no message from git"


class Repo:
    """The git work tree a tracker folder lives in. Paths are handled relative to the tracker."""

    def __init__(self, root: Path, top: Path):
        self.root = root
        self.top = top

    @classmethod
    def find(cls, root: Path) -> Repo | None:
        """The work tree holding `root`, or None: not in one, git not installed, or inside .git."""
        root = Path(root)
        if not root.is_dir():
            return None
        inside = _run(root, "rev-parse", "--is-inside-work-tree")
        if inside is None or inside.returncode != 0 or inside.stdout.strip() != "true":
            return None
        top = _run(root, "rev-parse", "--show-toplevel")
        if top is None or top.returncode != 0:
            return None
        return cls(root, Path(top.stdout.strip()))

    # -- plumbing --------------------------------------------------------------------------------

    def git(
        self, *args: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess:
        result = _run(self.root, *args, input=input, env=env)
        if result is None:
            raise GitError("git is not installed (or not on PATH); install it, or set git = false in foitrack.toml")
        return result

    def check(
        self, *args: str, what: str, input: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> str:
        result = self.git(*args, input=input, env=env)
        if result.returncode != 0:
            raise GitError(f"{what} failed: {_last_line(result.stderr or result.stdout)}")
        return result.stdout

    def relative(self, path: Path) -> str:
        """`path` as git should see it from the tracker folder (our cwd)."""
        path = Path(path)
        try:
            return path.resolve().relative_to(Path(self.root).resolve()).as_posix()
        except ValueError:
            return os.path.relpath(path.resolve(), Path(self.root).resolve())

    def identity_args(self) -> list[str]:
        """`-c user.name=... -c user.email=...` for whatever identity git has not been given.

        git refuses to commit without a name and email; a reporter who never set them still gets
        their change recorded, under foitrack's own name, rather than a failed commit."""
        args: list[str] = []
        for key, env_pair, fallback in (
            ("user.name", ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"), FALLBACK_NAME),
            ("user.email", ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"), FALLBACK_EMAIL),
        ):
            configured = self.git("config", "--get", key)
            if configured.returncode == 0 and configured.stdout.strip():
                continue
            if all(os.environ.get(name) for name in env_pair):
                continue
            if key == "user.email" and os.environ.get("EMAIL"):
                continue  # git falls back to $EMAIL for both author and committer
            args += ["-c", f"{key}={fallback}"]
        return args

    def has_head(self) -> bool:
        return self.git("rev-parse", "--verify", "--quiet", "HEAD").returncode == 0

    def _in_progress(self) -> str | None:
        for name, what in (("rebase-merge", "rebase"), ("rebase-apply", "rebase"), ("MERGE_HEAD", "merge")):
            found = self.git("rev-parse", "--git-path", name)
            if found.returncode == 0:
                path = Path(found.stdout.strip())
                if not path.is_absolute():
                    path = Path(self.root) / path
                if path.exists():
                    return what
        return None

    # -- commits ---------------------------------------------------------------------------------

    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Commit exactly `paths` with `message`; the new commit's id, or None if nothing changed."""
        names = sorted({self.relative(path) for path in paths})
        if not names:
            return None
        before = self._index_entries(names)
        self.check("add", "--all", "--", *names, what="git add")
        try:
            staged = self.git("diff", "--cached", "--quiet", "--", *names)
            if staged.returncode == 0:
                return None  # the files are exactly as committed: nothing happened
            self.check(
                *self.identity_args(), "commit", "--quiet", "-m", message, "--only", "--", *names,
                what="git commit",
            )
        except FoitrackError:
            # A refused commit (a pre-commit hook, say) must not leave foitrack's change staged,
            # where the user's next commit, or foitrack's next one, would silently take it.
            self._restore_index(names, before)
            raise
        return self.check("rev-parse", "HEAD", what="git rev-parse").strip()

    def commit_content(self, path: Path, content: bytes, message: str) -> str | None:
        """Commit `content` as the file at `path`, whatever the file now holds, leaving the work
        tree and the user's index alone; the new commit's id, or None if HEAD already has it.

        This is how a user's uncommitted edits to a file get a commit of their own before
        foitrack commits its change on top: the content goes through a temporary index (HEAD
        plus this one file), and an ordinary `git commit` records it, so the user's hooks,
        signing and identity apply as to any commit."""
        import tempfile

        name = self.relative(path)
        top_name = self._top_relative(path)
        blob = self.check("hash-object", "-w", f"--path={name}", "--stdin", input=content, what="git hash-object").strip()
        head = self.has_head()
        if head:
            existing = self.git("ls-tree", "HEAD", "--", f":(top){top_name}").stdout.split()
            if existing and existing[2] == blob:
                return None  # HEAD already holds exactly this
            mode = existing[0] if existing else "100644"
        else:
            mode = "100644"
        index_path = Path(self.check("rev-parse", "--git-path", "index", what="git rev-parse").strip())
        if not index_path.is_absolute():
            index_path = Path(self.root) / index_path
        handle, temp_index = tempfile.mkstemp(dir=index_path.parent, prefix="index.foitrack-")
        os.close(handle)
        os.unlink(temp_index)  # git makes it; an empty file is not an index
        env = {"GIT_INDEX_FILE": temp_index}
        try:
            if head:
                self.check("read-tree", "HEAD", env=env, what="git read-tree")
            self.check("update-index", "--add", "--cacheinfo", f"{mode},{blob},{top_name}", env=env, what="git update-index")
            self.check(*self.identity_args(), "commit", "--quiet", "-m", message, env=env, what="git commit")
        finally:
            for leftover in (temp_index, temp_index + ".lock"):
                try:
                    os.unlink(leftover)
                except FileNotFoundError:
                    pass
        return self.check("rev-parse", "HEAD", what="git rev-parse").strip()

    def _index_entries(self, names: Sequence[str]) -> list[str]:
        """The index entries for `names` as `git ls-files --stage` gives them ('MODE OID STAGE\tPATH',
        the path from the top of the work tree), to put back with `_restore_index`."""
        listed = self.git("ls-files", "--stage", "--full-name", "-z", "--", *names)
        if listed.returncode != 0:
            return []
        return [entry for entry in listed.stdout.split("\0") if entry]

    def _restore_index(self, names: Sequence[str], before: list[str]) -> None:
        """Put the index entries for `names` back as `before` held them: what foitrack staged is
        unstaged, and whatever the user had staged for those paths is staged again. Works in a
        repository with no commit yet (no HEAD to reset to)."""
        now = self._index_entries(names)
        removals: dict[str, str] = {}
        for entry in now + before:
            info, path = entry.split("\t", 1)
            null_id = "0" * len(info.split(" ")[1])  # SHA-1 or SHA-256, as the repository uses
            removals[path] = f"0 {null_id}\t{path}"  # mode 0: drop the path from the index
        lines = list(removals.values()) + before
        if lines:
            self.git("update-index", "-z", "--index-info", input="\0".join(lines) + "\0")

    def uncommitted(self, path: Path) -> bool:
        status = self.git("status", "--porcelain", "--", self.relative(path))
        return bool(status.stdout.strip())

    # -- the merge driver ------------------------------------------------------------------------

    def set_up_merge_driver(self) -> None:
        """Make git merge request files with foitrack's driver, so that two people adding events
        to one request never conflict: the driver's command in this clone's git config (a
        clone's config is its own, so every clone sets it), and `requests/*.toml merge=foitrack`
        in the tracker's .gitattributes, committed, so every clone's merges use it. A
        .gitattributes with edits not yet committed is the user's: it is left alone."""
        import shlex

        command = f"{shlex.quote(sys.executable)} -m foitrack merge-driver %O %A %B %P"
        if self.git("config", "--get", f"merge.{MERGE_DRIVER}.driver").stdout.strip() != command:
            self.check(
                "config", f"merge.{MERGE_DRIVER}.name", "foitrack: request files, events from both sides kept",
                what="git config",
            )
            self.check("config", f"merge.{MERGE_DRIVER}.driver", command, what="git config")
        path = Path(self.root) / ATTRIBUTES_FILE
        try:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
        except (OSError, UnicodeDecodeError):
            return
        if any(line.split("#", 1)[0].split() == ATTRIBUTES_LINE.split() for line in current.splitlines()):
            return
        if path.exists() and self.uncommitted(path):
            return
        from foitrack.store.atomic import atomic_write

        separator = "" if not current or current.endswith("\n") else "\n"
        atomic_write(path, current + separator + ATTRIBUTES_TEXT)
        self.commit([path], "Merge request files with foitrack's merge driver")

    def merge_conflicts(self, names: Sequence[str], ours: str, theirs: str) -> list[str]:
        """For the request files git left conflicted (paths from the top of the work tree), the
        header keys both sides changed, each side's value labelled `ours`/`theirs`: what a
        person must settle."""
        from foitrack.teamwork.merge import describe, merge_request

        found = []
        for name in names:
            if not name.endswith(".toml"):
                continue
            stages = [self.git("show", f":{stage}:{name}") for stage in (1, 2, 3)]
            if any(stage.returncode != 0 for stage in stages):
                continue
            merged = merge_request(*(stage.stdout for stage in stages))
            fields = [describe(conflict, ours, theirs) for conflict in merged.conflicts]
            if fields:
                found.append(f"{name}: {'; '.join(fields)}")
        return found

    # -- history ---------------------------------------------------------------------------------

    def history(self, path: Path) -> list[LogEntry]:
        """Every commit that touched the file, newest first, following renames made by hand.

        Not `git log --follow`: it also follows *copies*, and a new request file is a near copy
        of any other (same comment, same keys), so --follow hands a request the history of an
        unrelated older one. Here a file is followed back only through a commit that renamed
        it, i.e. deleted the old name in the same commit."""
        if not self.has_head():
            return []
        name = self._top_relative(path)
        revision = "HEAD"
        entries: list[LogEntry] = []
        seen: set[str] = set()
        while name not in seen:
            seen.add(name)
            out = self.check(
                "log", "--format=%H%x1f%aI%x1f%an%x1f%ae%x1f%s%x1e", revision, "--", f":(top){name}",
                what="git log",
            )
            found = []
            for record in out.split("\x1e"):
                record = record.strip("\n")
                if record:
                    commit, date, author, email, message = record.split("\x1f", 4)
                    found.append(LogEntry(commit, dt.datetime.fromisoformat(date), author, email, message))
            if not found:
                break
            entries += found
            oldest = found[-1].commit
            source = self._renamed_from(oldest, name)
            if source is None:
                break
            name, revision = source, f"{oldest}^"
        return entries

    def _top_relative(self, path: Path) -> str:
        return Path(path).resolve().relative_to(Path(self.top).resolve()).as_posix()

    def _renamed_from(self, commit: str, name: str) -> str | None:
        changes = self.git("diff-tree", "--root", "-r", "-M", "--name-status", "--no-commit-id", "-z", commit)
        fields = changes.stdout.split("\0")
        index = 0
        while index < len(fields) and fields[index]:
            status = fields[index]
            if status.startswith(("R", "C")):
                source, target = fields[index + 1], fields[index + 2]
                if status.startswith("R") and target == name:
                    return source
                index += 3
            else:
                index += 2
        return None

    # -- sync ------------------------------------------------------------------------------------

    def sync(self) -> SyncResult:
        """Fetch, rebase local commits onto the remote branch, push. Leaves everything as it was
        (working tree, branch, commits) when it cannot finish."""
        # First: a rebase stopped on a conflict also leaves HEAD detached, and the way out of it
        # is to finish or undo it, not to switch branches.
        doing = self._in_progress()
        if doing:
            raise GitError(
                f"a git {doing} is already in progress here: finish it (git {doing} --continue) "
                f"or undo it (git {doing} --abort), then run foitrack sync again"
            )
        branch_out = self.git("symbolic-ref", "--quiet", "--short", "HEAD")
        if branch_out.returncode != 0:
            raise GitError("not on a branch (detached HEAD): check out your branch (git switch main), then sync")
        branch = branch_out.stdout.strip()
        if not self.has_head():
            return self._first_pull(branch)
        dirty = [
            line[3:] for line in self.git("status", "--porcelain", "--untracked-files=no").stdout.splitlines()
        ]
        if dirty:
            raise GitError(
                f"uncommitted changes in {_some(dirty)}: commit them (git commit) or put them aside "
                "(git stash), then run foitrack sync again; nothing was changed"
            )
        remote, remote_branch, has_upstream = self._upstream(branch)
        result = SyncResult(remote=remote, branch=remote_branch)
        for _ in range(_PUSH_ATTEMPTS):
            tracking = self._fetch(remote, remote_branch)
            if tracking is not None:
                incoming = self.check(
                    "log", "--reverse", "--format=%s", f"HEAD..{tracking}", what="git log"
                ).splitlines()
                if incoming:
                    self._rebase(tracking)
                    result.pulled += incoming
                outgoing = int(self.check("rev-list", "--count", f"{tracking}..HEAD", what="git rev-list").strip())
            else:
                outgoing = int(self.check("rev-list", "--count", "HEAD", what="git rev-list").strip())
            if outgoing == 0:
                return result
            push_args = ["push", "--quiet", "--porcelain"]
            if not has_upstream:
                push_args.append("--set-upstream")
            push = self.git(*push_args, remote, f"HEAD:refs/heads/{remote_branch}")
            if push.returncode == 0:
                result.pushed = outgoing
                return result
            rejected = "[rejected]" in push.stdout or "non-fast-forward" in push.stderr or "fetch first" in push.stderr
            if not rejected:
                raise GitError(
                    f"could not push to {remote}: {_last_line(push.stderr or push.stdout)}; your commits "
                    "are safe here: check the remote and your access, then run foitrack sync again"
                )
            # A colleague pushed between our fetch and our push: fetch and rebase again.
        raise GitError(
            f"{remote} kept changing while foitrack tried to push: run foitrack sync again in a moment"
        )

    def _first_pull(self, branch: str) -> SyncResult:
        """A clone made before anything was pushed: take the shared branch as it now is."""
        remote, remote_branch, _ = self._upstream(branch)
        tracking = self._fetch(remote, remote_branch)
        if tracking is None:
            raise GitError(
                f"nothing is committed here or on {remote} yet: log a request (foitrack commits it), "
                "then run foitrack sync"
            )
        incoming = self.check("log", "--reverse", "--format=%s", tracking, what="git log").splitlines()
        merged = self.git("merge", "--quiet", "--ff-only", tracking)
        if merged.returncode != 0:
            raise GitError(
                f"could not take {remote}/{remote_branch}: {_last_line(merged.stderr)}; move the files it "
                "names out of the way, then run foitrack sync again"
            )
        self.git("branch", "--quiet", f"--set-upstream-to={remote}/{remote_branch}")
        return SyncResult(remote=remote, branch=remote_branch, pulled=incoming)

    def _upstream(self, branch: str) -> tuple[str, str, bool]:
        remote = self.git("config", "--get", f"branch.{branch}.remote").stdout.strip()
        merge = self.git("config", "--get", f"branch.{branch}.merge").stdout.strip()
        if remote and remote != "." and merge.startswith("refs/heads/"):
            return remote, merge[len("refs/heads/") :], True
        remotes = self.git("remote").stdout.split()
        if not remotes:
            raise GitError(
                "this tracker's git repository has no remote to sync with: add the shared one "
                "(git remote add origin URL), then run foitrack sync again"
            )
        if "origin" in remotes:
            return "origin", branch, False
        if len(remotes) == 1:
            return remotes[0], branch, False
        raise GitError(
            f"branch {branch} has no upstream and there are several remotes ({', '.join(remotes)}): "
            f"choose one with 'git branch --set-upstream-to REMOTE/{branch}', then sync again"
        )

    def _fetch(self, remote: str, remote_branch: str) -> str | None:
        """Fetch the remote; the remote-tracking ref to rebase onto, or None if the branch is new."""
        fetched = self.git("fetch", "--quiet", remote)
        if fetched.returncode != 0:
            url = self.git("remote", "get-url", remote).stdout.strip()
            raise GitError(
                f"could not reach {remote} ({url or 'no address'}): {_last_line(fetched.stderr)}; "
                "you may be offline: nothing was changed, and your commits are safe here; "
                "run foitrack sync again when the remote is reachable"
            )
        ref = f"refs/remotes/{remote}/{remote_branch}"
        if self.git("rev-parse", "--verify", "--quiet", ref).returncode == 0:
            return ref
        # A remote whose fetch refspec does not create remote-tracking refs: fetch the branch itself.
        direct = self.git("fetch", "--quiet", remote, f"refs/heads/{remote_branch}")
        if direct.returncode == 0:
            return "FETCH_HEAD"
        return None

    def _rebase(self, onto: str) -> None:
        before = self.check("rev-parse", "HEAD", what="git rev-parse").strip()
        rebase = self.git(*self.identity_args(), "-c", "rebase.autoStash=false", "rebase", "--quiet", onto)
        if rebase.returncode == 0:
            return
        conflicted = self.git("diff", "--name-only", "--diff-filter=U").stdout.split()
        # Read before the rebase is undone, which takes the sides away. During a rebase "ours" is
        # the remote's side, and "theirs" the local commit being replayed.
        remote = onto.split("/")[2] if onto.startswith("refs/remotes/") else "the remote"
        fields = self.merge_conflicts(conflicted, f"on {remote}", "here")
        aborted = self.git("rebase", "--abort")
        if aborted.returncode != 0 or self.check("rev-parse", "HEAD", what="git rev-parse").strip() != before:
            raise GitError(
                "the rebase stopped and could not be undone automatically: run 'git status' to see "
                "where it stands ('git rebase --abort' returns to where you were)"
            )
        if conflicted:
            if fields:
                raise GitError(
                    f"you and a colleague changed the same field of a request to different values "
                    f"({'; '.join(fields[:3])}{' ...' if len(fields) > 3 else ''}); nothing was changed here, "
                    "and everything else (events included) merges by itself. To settle it: git pull --rebase, "
                    "keep one value between the <<<<<<< and >>>>>>> lines of each file, git add the file(s), "
                    "git rebase --continue, then run foitrack check and foitrack sync"
                )
            raise GitError(
                f"a colleague changed the same request file(s) as you ({_some(conflicted)}) in a way foitrack "
                "cannot merge by itself; nothing was changed here. To combine them by hand: git pull --rebase, "
                "keep both sides' lines in each file, git add the file(s), git rebase --continue, then run "
                "foitrack check and foitrack sync"
            )
        raise GitError(
            f"could not rebase onto the remote: {_last_line(rebase.stderr or rebase.stdout)}; "
            "nothing was changed here"
        )


def _some(names: Sequence[str]) -> str:
    """The first three names, and how many more: 'a, b, c and 4 more'."""
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _stderr_warning(message: str) -> None:
    print(f"foitrack: warning: {message}", file=sys.stderr)


def _stderr_note(message: str) -> None:
    print(f"foitrack: {message}", file=sys.stderr)


class GitCommitHook:
    """A `Tracker.change_hooks` entry: commits each change when the tracker is in a git work tree.

    It decides when it is first called (settings and the repository are looked up lazily, so
    commands that change nothing never run git). A failed commit never undoes or hides the
    change itself: the file is written; the user is told it is not committed.

    A file foitrack changes may hold edits the user has not committed (a hand-written note, a
    corrected date). Those are the user's, not foitrack's: they are committed first, on their
    own, as "Hand edit to PATH" (what the file held before foitrack wrote to it, as
    `store.atomic.Originals` saw it), and foitrack's change goes on top, so `git log` never
    credits a hand edit to foitrack. This covers every file any command writes, request files
    and foitrack.toml alike."""

    def __init__(
        self,
        tracker,
        warn: Callable[[str], None] = _stderr_warning,
        note: Callable[[str], None] = _stderr_note,
    ):
        from foitrack.store.atomic import Originals

        self.tracker = tracker
        self.warn = warn
        self.note = note
        self.originals = Originals(tracker.root)
        self._repo: Repo | None | bool = False  # False: not looked up yet
        self._driver_set_up = False  # once per command: the merge driver's config and attributes

    def repo(self) -> Repo | None:
        if self._repo is False:
            try:
                enabled = self.tracker.settings.git_enabled
            except FoitrackError:
                enabled = True  # a broken settings file is reported elsewhere; keep history safe
            self._repo = Repo.find(self.tracker.root) if enabled else None
        return self._repo  # type: ignore[return-value]

    def __call__(self, paths: list[Path], message: str) -> None:
        before = {path: self.originals.pop(path) for path in dict.fromkeys(paths)}  # even with no git
        repo = self.repo()
        if repo is None or not paths:
            return
        try:
            with self.tracker.store.lock():  # one committer at a time; reentrant in-process
                if not self._driver_set_up:
                    self._driver_set_up = True
                    repo.set_up_merge_driver()
                for path, (known, content) in before.items():
                    if known and content is not None:
                        self._commit_hand_edit(repo, path, content)
                repo.commit(paths, message)
        except FoitrackError as error:
            names = ", ".join(repo.relative(path) for path in paths[:3])
            self.warn(
                f"saved {names}{' ...' if len(paths) > 3 else ''} but did not commit it "
                f"({error.message}); commit it yourself with git commit"
            )

    def _commit_hand_edit(self, repo: Repo, path: Path, content: bytes) -> None:
        name = repo.relative(path)
        subject = f"Hand edit to {name}"
        if repo.commit_content(path, content, subject) is not None:
            self.note(
                f"{name} had edits not yet committed: committed them on their own first "
                f"(\"{subject}\"), then foitrack's change"
            )


def require_repo(tracker) -> Repo:
    """The tracker's repository for `sync` and `log`, or an error saying why there is none."""
    if not tracker.settings.git_enabled:
        raise GitError(
            f"git is turned off for this tracker ({tracker.settings.path} sets git = false); "
            "remove that line to use foitrack's git commands"
        )
    repo = Repo.find(tracker.root)
    if repo is None:
        if _run(Path(tracker.root), "--version") is None:
            raise GitError("git is not installed (or not on PATH): install it to use foitrack's git commands")
        raise GitError(
            f"{tracker.root} is not in a git repository: run 'git init' there (or clone the shared "
            "tracker with 'git clone URL'), and foitrack will commit each change"
        )
    return repo
