"""Git: a commit per change, sync between two reporters' clones, conflicts, and `log`.

Everything runs real git on repositories made in the test's temp folder: a bare repository
standing in for the newsroom's shared remote, and one clone per reporter. Git's own config is
isolated (no global or system config), and the identity comes from the environment, so the
tests behave the same on a machine with no git identity set up.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from foitrack.cli import app
from tests.conftest import Run

pytestmark = pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="needs git"
)

IDENTITY = {
    "GIT_AUTHOR_NAME": "Amira Reporter",
    "GIT_AUTHOR_EMAIL": "amira@example.org",
    "GIT_COMMITTER_NAME": "Amira Reporter",
    "GIT_COMMITTER_EMAIL": "amira@example.org",
}


@pytest.fixture(autouse=True)
def isolated_git(tmp_path, monkeypatch):
    empty = tmp_path / "empty.gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("EMAIL", "GIT_DIR", "GIT_WORK_TREE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)


def git(cwd: Path, *args: str, env: dict | None = None) -> str:
    import os

    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


class Clone:
    """One reporter's working copy, driven through the real command line."""

    def __init__(self, root: Path, identity: dict | None = None):
        self.root = root
        self.runner = CliRunner()
        self.identity = identity or {}

    def run(self, *args: str, as_of: str | None = None) -> Run:
        argv = ["--dir", str(self.root)] + (["--as-of", as_of] if as_of else []) + list(args)
        result = self.runner.invoke(app, argv, env={"COLUMNS": "200", **self.identity})
        return Run(result.exit_code, result.stdout, result.stderr)

    def ok(self, *args: str, as_of: str | None = None) -> Run:
        result = self.run(*args, as_of=as_of)
        assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result

    def new(self, authority: str, subject: str, sent: str) -> str:
        [created] = self.ok("new", "-a", authority, "-s", subject, "--sent", sent, "--json").json()
        return created["id"]

    def git(self, *args: str) -> str:
        return git(self.root, *args, env=self.identity)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def subjects(self) -> list[str]:
        return self.git("log", "--format=%s").splitlines()

    def files_in(self, commit: str = "HEAD") -> list[str]:
        return self.git("show", "--format=", "--name-only", commit).split()


def make_repo(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "--quiet", "-b", "main")
    return path


@pytest.fixture
def team(tmp_path):
    """A shared bare repository with a tracker in it, and two reporters' clones of it."""
    shared = tmp_path / "shared.git"
    git(tmp_path, "init", "--quiet", "--bare", "-b", "main", str(shared))
    amira_root = tmp_path / "amira"
    git(tmp_path, "clone", "--quiet", str(shared), str(amira_root))
    amira = Clone(amira_root)
    amira.ok("init")
    amira.ok("sync")
    ben_root = tmp_path / "ben"
    git(tmp_path, "clone", "--quiet", str(shared), str(ben_root))
    ben = Clone(
        ben_root,
        {
            "GIT_AUTHOR_NAME": "Ben Reporter",
            "GIT_AUTHOR_EMAIL": "ben@example.org",
            "GIT_COMMITTER_NAME": "Ben Reporter",
            "GIT_COMMITTER_EMAIL": "ben@example.org",
        },
    )
    return shared, amira, ben


# ---------------------------------------------------------------------------------------------
# A commit per change


def test_each_change_is_one_commit_of_just_that_file_saying_what_happened(tmp_path):
    repo = make_repo(tmp_path / "newsroom")
    # The tracker lives in a subfolder of a bigger repository; the user has other work staged.
    (repo / "draft.md").write_text("my story\n")
    git(repo, "add", "draft.md")
    foi = Clone(repo / "foi")
    foi.ok("init")
    assert foi.subjects() == ["Start a foitrack tracker"]
    assert sorted(foi.files_in()) == ["foi/.gitattributes", "foi/foitrack.toml", "foi/requests/README.md"]

    request_id = foi.new("London Borough of Hackney", "Contacts with Fusus", "01/06/2023")
    assert foi.subjects()[0] == "New FOI request to London Borough of Hackney: Contacts with Fusus"
    assert foi.files_in() == [f"foi/requests/{request_id}.toml"]

    foi.ok("record", request_id, "chased", "--on", "2023-07-03")
    assert foi.subjects()[0] == "Chased London Borough of Hackney: Contacts with Fusus"
    foi.ok("respond", request_id, "--outcome", "refused", "-x", "s43(2)", "--on", "2023-07-10")
    assert foi.subjects()[0] == "Response from London Borough of Hackney (refused): Contacts with Fusus"
    assert foi.files_in() == [f"foi/requests/{request_id}.toml"]
    assert foi.git("log", "-1", "--format=%an <%ae>").strip() == "Amira Reporter <amira@example.org>"

    # The user's staged draft is still staged and in none of foitrack's commits.
    assert foi.git("diff", "--cached", "--name-only").split() == ["draft.md"]
    assert "draft.md" not in foi.git("log", "--name-only", "--format=")
    # The local cache and lock folder exists but never reaches git.
    assert (repo / "foi" / ".foitrack").is_dir()
    assert ".foitrack" not in foi.git("log", "--all", "--name-only", "--format=")
    assert ".foitrack" not in foi.git("status", "--porcelain", "--untracked-files=all")


def test_a_hand_edit_is_committed_on_its_own_before_foitracks_change(tmp_path):
    repo = make_repo(tmp_path / "newsroom")
    (repo / "draft.md").write_text("my story\n")
    git(repo, "add", "draft.md")  # the user's own staged work, in no foitrack commit
    foi = Clone(repo / "foi")  # a tracker in a subfolder of a bigger repository
    foi.ok("init")
    request_id = foi.new("Home Office", "Visas", "2023-06-01")
    path = foi.root / "requests" / f"{request_id}.toml"
    name = f"requests/{request_id}.toml"
    edited = path.read_text().replace('subject = "Visas"', 'subject = "Visas (all routes)"') + "# asked on the phone too\n"
    path.write_text(edited)

    result = foi.ok("record", request_id, "acknowledged", "--on", "2023-06-02", "--ref", "HO-1")
    assert result.stderr == (
        f"foitrack: {name} had edits not yet committed: committed them on their own first "
        f'("Hand edit to {name}"), then foitrack\'s change\n'
    )
    assert foi.subjects()[:3] == [
        "Acknowledged by Home Office: Visas (all routes)",
        f"Hand edit to {name}",
        "New FOI request to Home Office: Visas",
    ]
    # The hand edit's commit holds exactly what the user wrote; foitrack's only adds its event.
    assert foi.git("show", f"HEAD~1:foi/{name}") == edited
    assert foi.files_in("HEAD~1") == [f"foi/{name}"] and foi.files_in() == [f"foi/{name}"]
    added = [line[1:] for line in foi.git("diff", "HEAD~1", "HEAD").splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert added == ["", "[[events]]", 'type = "acknowledged"', "date = 2023-06-02", 'ref = "HO-1"']
    assert foi.git("status", "--porcelain").splitlines() == ["A  draft.md"]

    # With nothing edited by hand, a change is one commit, and nothing is said about it.
    quiet = foi.ok("record", request_id, "chased", "--on", "2023-07-03")
    assert quiet.stderr == ""
    assert foi.subjects()[:2] == ["Chased Home Office: Visas (all routes)", "Acknowledged by Home Office: Visas (all routes)"]


def test_changes_to_foitrack_toml_are_committed_with_hand_edits_first(tmp_path):
    from foitrack.errors import FoitrackError
    from foitrack.teamwork.git import GitCommitHook
    from foitrack.tracker import Tracker

    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    assert "foitrack.toml" in foi.files_in()  # init's own change to it is committed
    settings = foi.root / "foitrack.toml"
    by_hand = settings.read_text().replace('# name = "A. Reporter"', 'name = "Amira Reporter"')
    settings.write_text(by_hand)

    notes = []
    tracker = Tracker(foi.root, use_git=False)
    tracker.change_hooks.append(GitCommitHook(tracker, note=notes.append))
    address = '\n[authorities."Home Office"]\nemail = "foi@homeoffice.gov.uk"\n'
    assert tracker.update_settings(lambda text: text + address, "Add the Home Office's address")
    assert tracker.settings.authorities["Home Office"]["email"] == "foi@homeoffice.gov.uk"  # read afresh
    assert foi.subjects()[:2] == ["Add the Home Office's address", "Hand edit to foitrack.toml"]
    assert foi.git("show", "HEAD~1:foitrack.toml") == by_hand
    assert foi.git("show", "HEAD:foitrack.toml") == by_hand + address
    assert notes and "foitrack.toml had edits not yet committed" in notes[0]
    assert foi.git("status", "--porcelain") == ""

    # Settings foitrack could not read back are never written, so nothing is committed either.
    head = foi.head()
    with pytest.raises(FoitrackError, match=r"chase.every must be a whole number"):
        tracker.update_settings(lambda text: text.replace("every = 5", "every = -1"), "Break it")
    assert settings.read_text() == by_hand + address and foi.head() == head
    assert not tracker.update_settings(lambda text: text, "Nothing")  # unchanged: no commit
    assert foi.head() == head


def test_commands_that_change_nothing_commit_nothing(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    request_id = foi.new("Merseyside Police", "Drone flights", "2023-06-05")
    head = foi.head()
    foi.ok("list")
    foi.ok("show", request_id)
    foi.ok("check")
    foi.ok("export")
    foi.ok("init")  # already a tracker: nothing changed
    bad = foi.run("record", request_id, "responded", "--outcome", "maybe")  # refused: nothing written
    assert bad.exit_code == 2
    assert foi.head() == head
    assert foi.git("status", "--porcelain") == ""


def test_commit_of_an_unchanged_file_is_no_commit(tmp_path):
    from foitrack.teamwork.git import Repo

    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    request_id = foi.new("Merseyside Police", "Drone flights", "2023-06-05")
    repo = Repo.find(foi.root)
    head = foi.head()
    assert repo.commit([foi.root / "requests" / f"{request_id}.toml"], "Nothing happened") is None
    assert foi.head() == head


def test_a_tracker_outside_any_work_tree_never_touches_git(tmp_path):
    repo = make_repo(tmp_path / "repo")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "start")
    plain = Clone(tmp_path / "plain")  # next to the repository, not inside it
    plain.ok("init")
    plain.new("Merseyside Police", "Drone flights", "2023-06-05")
    assert not (tmp_path / "plain" / ".git").exists()
    assert git(repo, "log", "--format=%s").splitlines() == ["start"]
    assert git(repo, "status", "--porcelain") == ""
    # The git commands say why they cannot work here.
    result = plain.run("sync")
    assert result.exit_code == 1
    assert "not in a git repository" in result.stderr and "git init" in result.stderr


def test_git_false_turns_commits_and_git_commands_off(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    settings = foi.root / "foitrack.toml"
    settings.write_text("git = false\n\n" + settings.read_text())
    head = foi.head()
    request_id = foi.new("Merseyside Police", "Drone flights", "2023-06-05")
    assert foi.head() == head
    assert f"requests/{request_id}.toml" in foi.git("status", "--porcelain", "--untracked-files=all")
    for command in (["sync"], ["log", request_id]):
        result = foi.run(*command)
        assert result.exit_code == 1
        assert "git = false" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_git_false_written_inside_a_section_is_an_error_not_silently_ignored(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    settings = foi.root / "foitrack.toml"
    settings.write_text(settings.read_text() + "\ngit = false\n")  # lands in the last [section]
    head = foi.head()
    result = foi.run("new", "-a", "Merseyside Police", "-s", "Drone flights")
    assert result.exit_code == 1
    assert "'git' is inside [deadlines]" in result.stderr and "top of the file" in result.stderr
    assert list((foi.root / "requests").glob("*.toml")) == []
    assert foi.head() == head


def test_a_commit_that_fails_keeps_the_change_and_says_so(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    hook = foi.root / ".git" / "hooks" / "pre-commit"  # the user's own check, refusing commits
    hook.write_text("#!/bin/sh\necho 'house style: no' >&2\nexit 1\n")
    hook.chmod(0o755)
    head = foi.head()
    result = foi.run("new", "-a", "Home Office", "-s", "Visas", "--sent", "2023-06-01", "--json")
    assert result.exit_code == 0  # the request is logged: failing here would invite a duplicate
    [created] = result.json()
    assert Path(created["path"]).is_file()
    assert result.stderr.strip() == (
        f"foitrack: warning: saved requests/{created['id']}.toml but did not commit it "
        "(git commit failed: house style: no); commit it yourself with git commit"
    )
    assert foi.head() == head


def refuse_commits(root: Path) -> Path:
    hook = root / ".git" / "hooks" / "pre-commit"  # the user's own check, refusing commits
    hook.write_text("#!/bin/sh\necho 'house style: no' >&2\nexit 1\n")
    hook.chmod(0o755)
    return hook


def test_a_refused_commit_leaves_the_users_index_as_it_was(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    request_id = foi.new("Home Office", "Visas", "2023-06-01")
    path = f"requests/{request_id}.toml"
    # The user stages work of their own: a new file, and a hand edit to the request file.
    (foi.root / "notes.txt").write_text("call the press office\n")
    request_file = foi.root / path
    request_file.write_text(request_file.read_text() + "# asked on the phone too\n")
    foi.git("add", "notes.txt", path)
    staged = foi.git("diff", "--cached")
    hook = refuse_commits(foi.root)

    result = foi.run("record", request_id, "acknowledged", "--on", "2023-06-02", "--ref", "HO-1")
    assert result.exit_code == 0
    assert "did not commit it (git commit failed: house style: no)" in result.stderr
    # foitrack's change is in the file, but not staged: the index is exactly as the user left it.
    assert 'ref = "HO-1"' in request_file.read_text()
    assert foi.git("diff", "--cached") == staged
    assert foi.git("status", "--porcelain").splitlines() == ["A  notes.txt", f"MM {path}"]

    # The next commit foitrack makes holds its own path only; the user's staged file stays staged.
    hook.unlink()
    foi.ok("record", request_id, "chased", "--on", "2023-07-03")
    assert foi.git("show", "--name-only", "--format=", "HEAD").split() == [path]
    assert foi.git("status", "--porcelain").splitlines() == ["A  notes.txt"]


def test_a_refused_first_commit_in_a_new_repository_stages_nothing(tmp_path):
    # No commit yet, so no HEAD to reset to: the new files must end up untracked, not staged.
    foi = Clone(make_repo(tmp_path / "repo"))
    refuse_commits(foi.root)
    result = foi.run("init")
    assert result.exit_code == 0 and "did not commit it" in result.stderr
    assert foi.git("ls-files", "--stage") == ""
    assert foi.git("status", "--porcelain", "--untracked-files=all").splitlines() == [
        "?? .gitattributes",
        "?? foitrack.toml",
        "?? requests/README.md",
    ]


def test_commits_without_a_git_identity_use_foitracks_own(tmp_path, monkeypatch):
    for name in IDENTITY:
        monkeypatch.delenv(name)
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    foi.new("Merseyside Police", "Drone flights", "2023-06-05")
    assert foi.git("log", "-1", "--format=%an <%ae>|%cn <%ce>").strip() == (
        "foitrack <foitrack@localhost>|foitrack <foitrack@localhost>"
    )


def test_a_configured_identity_is_used_as_is(tmp_path, monkeypatch):
    for name in IDENTITY:
        monkeypatch.delenv(name)
    repo = make_repo(tmp_path / "repo")
    git(repo, "config", "user.name", "Cat Editor")
    git(repo, "config", "user.email", "cat@example.org")
    foi = Clone(repo)
    foi.ok("init")
    assert foi.git("log", "-1", "--format=%an <%ae>").strip() == "Cat Editor <cat@example.org>"


def test_an_import_is_one_commit(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    sheet = tmp_path / "log.csv"
    sheet.write_text(
        "Authority,Subject,Date sent\n"
        "Merseyside Police,Drone flights,05/06/2023\n"
        "Home Office,Asylum hotels,06/06/2023\n"
    )
    foi.ok("import", str(sheet))
    assert foi.subjects()[0] == "Import 2 FOI requests from log.csv"
    assert len(foi.files_in()) == 2
    assert foi.git("status", "--porcelain") == ""


# ---------------------------------------------------------------------------------------------
# Sync


def test_two_reporters_working_on_different_requests_sync_without_conflicts(team):
    shared, amira, ben = team
    ben.ok("sync")  # Ben takes the tracker Amira started
    assert (ben.root / "foitrack.toml").is_file()

    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    drones = ben.new("Merseyside Police", "Drone flights", "2023-06-05")
    met = amira.new("the Met", "Stop and search", "2023-06-06")
    amira.ok("record", hackney, "acknowledged", "--ref", "FOI-118", "--on", "2023-06-02")
    ben.ok("record", drones, "chased", "--on", "2023-07-04")

    pushed = amira.ok("sync")
    assert "Pushed 3 changes to origin/main." in pushed.stdout
    merged = ben.ok("sync")
    assert merged.stdout.splitlines()[:4] == [  # oldest first, as they happened
        "Pulled 3 changes from origin/main:",
        "  New FOI request to London Borough of Hackney: Contacts with Fusus",
        "  New FOI request to Metropolitan Police Service: Stop and search",
        "  Acknowledged by London Borough of Hackney: Contacts with Fusus",
    ]
    assert "Pushed 2 changes to origin/main." in merged.stdout
    final = amira.ok("sync")
    assert "Pulled 2 changes" in final.stdout
    assert amira.ok("sync").stdout.strip() == "Up to date with origin/main."

    for clone in (amira, ben):
        names = sorted(p.stem for p in (clone.root / "requests").glob("*.toml"))
        assert names == sorted([hackney, drones, met])
        assert clone.git("rev-list", "--merges", "HEAD") == ""  # a straight line of history
        assert clone.git("status", "--porcelain") == ""
    assert amira.head() == ben.head() == git(shared, "rev-parse", "main").strip()
    # Each reporter's commits carry their own name.
    authors = dict(line.split("|") for line in amira.git("log", "--format=%s|%an").splitlines())
    assert authors["Chased Merseyside Police: Drone flights"] == "Ben Reporter"
    assert authors["Acknowledged by London Borough of Hackney: Contacts with Fusus"] == "Amira Reporter"


def both_edit_one_request(team) -> str:
    """Amira and Ben each correct the subject of the same request, their own way; Amira's is
    pushed, so Ben's next pull conflicts (events from both sides would merge by themselves: see
    tests/test_merge_driver.py). The request's id."""
    shared, amira, ben = team
    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    amira.ok("sync")
    ben.ok("sync")
    amira.ok("edit", hackney, "--subject", "Contacts with Fusus (2023)", as_of="2023-06-02")
    ben.ok("edit", hackney, "--subject", "Fusus contacts", as_of="2023-06-02")
    amira.ok("sync")
    return hackney


def test_a_conflict_stops_sync_and_leaves_everything_as_it_was(team):
    """The same header field changed two ways is a conflict, named, and undone."""
    shared, amira, ben = team
    hackney = both_edit_one_request(team)

    path = ben.root / "requests" / f"{hackney}.toml"
    before_text = path.read_text()
    before_head = ben.head()
    result = ben.run("sync")
    assert result.exit_code == 1
    assert result.stderr.startswith("foitrack: error: you and a colleague changed the same field of a request")
    assert (
        f"requests/{hackney}.toml: subject: 'Contacts with Fusus (2023)' on origin, 'Fusus contacts' here"
        in result.stderr
    )
    assert "nothing was changed here" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # No rebase left half-done, the same commit checked out, the file exactly as it was.
    git_dir = Path(ben.git("rev-parse", "--absolute-git-dir").strip())
    assert not (git_dir / "rebase-merge").exists() and not (git_dir / "rebase-apply").exists()
    assert ben.head() == before_head
    assert ben.git("status", "--porcelain") == ""
    assert path.read_text() == before_text
    assert ben.subjects()[0].startswith("Edit request to London Borough of Hackney")
    # Nothing of Ben's reached the shared repository.
    assert "Contacts with Fusus (2023)" in git(shared, "log", "--format=%s", "-1", "main")


def test_sync_with_no_remote_says_how_to_add_one(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    head = foi.head()
    result = foi.run("sync")
    assert result.exit_code == 1
    assert "no remote" in result.stderr and "git remote add origin URL" in result.stderr
    assert foi.head() == head


def test_sync_when_the_remote_cannot_be_reached(team, tmp_path):
    shared, amira, ben = team
    amira.new("Merseyside Police", "Drone flights", "2023-06-05")
    amira.git("remote", "set-url", "origin", str(tmp_path / "gone.git"))  # as if offline
    head = amira.head()
    result = amira.run("sync")
    assert result.exit_code == 1
    assert "could not reach origin" in result.stderr and "offline" in result.stderr
    assert "run foitrack sync again" in result.stderr
    assert amira.head() == head and amira.git("status", "--porcelain") == ""


def test_sync_refuses_uncommitted_edits_rather_than_stashing_them(team):
    shared, amira, ben = team
    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    path = amira.root / "requests" / f"{hackney}.toml"
    edited = path.read_text() + "# a hand-written note\n"
    path.write_text(edited)
    result = amira.run("sync")
    assert result.exit_code == 1
    assert "uncommitted changes" in result.stderr and f"{hackney}.toml" in result.stderr
    assert path.read_text() == edited


# ---------------------------------------------------------------------------------------------
# Log


def test_log_shows_a_requests_history_newest_first(team):
    shared, amira, ben = team
    hackney = amira.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    amira.new("Merseyside Police", "Drone flights", "2023-06-05")  # another file: not in the log
    amira.ok("sync")
    ben.ok("sync")
    ben.ok("record", hackney, "chased", "--on", "2023-07-03")
    entries = ben.ok("log", "fusus", "--json").json()
    assert [(e["author"], e["message"]) for e in entries] == [
        ("Ben Reporter", "Chased London Borough of Hackney: Contacts with Fusus"),
        ("Amira Reporter", "New FOI request to London Borough of Hackney: Contacts with Fusus"),
    ]
    assert set(entries[0]) >= {"commit", "date", "author", "email", "message"}
    text = ben.ok("log", hackney).stdout.splitlines()
    assert len(text) == 2 and text[0].endswith("Ben Reporter  Chased London Borough of Hackney: Contacts with Fusus")


def test_log_never_borrows_a_similar_requests_history_but_follows_a_rename(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    hackney = foi.new("London Borough of Hackney", "Contacts with Fusus", "2023-06-01")
    foi.ok("record", hackney, "chased", "--on", "2023-07-03")
    # A new request file looks much like the older one (same comment, same keys): git log
    # --follow would treat it as a copy and list Hackney's commits too.
    tower = foi.new("London Borough of Tower Hamlets", "Contacts with Fusus", "2023-06-01")
    assert [e["message"] for e in foi.ok("log", tower, "--json").json()] == [
        "New FOI request to London Borough of Tower Hamlets: Contacts with Fusus"
    ]
    # A file renamed by hand keeps its history.
    foi.git("mv", f"requests/{hackney}.toml", "requests/hackney-fusus.toml")
    foi.git("commit", "--quiet", "-m", "Shorter name for the Hackney request")
    assert [e["message"] for e in foi.ok("log", "hackney-fusus", "--json").json()] == [
        "Shorter name for the Hackney request",
        "Chased London Borough of Hackney: Contacts with Fusus",
        "New FOI request to London Borough of Hackney: Contacts with Fusus",
    ]


def test_log_outside_git_and_with_an_unknown_id(tmp_path):
    foi = Clone(make_repo(tmp_path / "repo"))
    foi.ok("init")
    unknown = foi.run("log", "nothing-like-this")
    assert unknown.exit_code == 2 and "no request id contains" in unknown.stderr
    plain = Clone(tmp_path / "plain")
    plain.ok("init")
    request_id = plain.new("Merseyside Police", "Drone flights", "2023-06-05")
    result = plain.run("log", request_id)
    assert result.exit_code == 1 and "not in a git repository" in result.stderr
    assert tomllib.loads((plain.root / "requests" / f"{request_id}.toml").read_text())["authority"] == "Merseyside Police"


def test_concurrent_records_each_get_their_own_commit(tmp_path):
    import os
    import sys

    repo = make_repo(tmp_path / "newsroom")
    clone = Clone(repo)
    clone.ok("init")
    request_id = clone.new("Merseyside Police", "Fusus", "2023-06-01")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "foitrack", "--dir", str(repo), "record", request_id, "note",
             "--text", f"note {n}", "--on", "2023-06-10"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )
        for n in range(8)
    ]
    for process in processes:
        process.communicate(timeout=120)
    assert all(process.returncode == 0 for process in processes)
    note_commits = [s for s in clone.subjects() if s.startswith("Note on request to Merseyside Police")]
    assert len(note_commits) == 8
    # Each commit adds exactly one event: the history is an exact audit trail.
    for commit in clone.git("log", "--format=%H", "-n", "8").split():
        added = [line for line in clone.git("show", "--format=", commit).splitlines() if line == "+[[events]]"]
        assert len(added) == 1


def test_sync_in_the_middle_of_a_conflicted_rebase_says_to_finish_or_undo_it(team):
    shared, amira, ben = team
    both_edit_one_request(team)
    # Ben pulls by hand; git stops the rebase on the conflict, leaving HEAD detached.
    pulled = subprocess.run(["git", "pull", "--rebase"], cwd=ben.root, capture_output=True, text=True)
    assert pulled.returncode != 0
    result = ben.run("sync")
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line == (
        "foitrack: error: a git rebase is already in progress here: finish it (git rebase --continue) "
        "or undo it (git rebase --abort), then run foitrack sync again"
    )
    assert "git switch" not in line
