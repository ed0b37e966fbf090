"""The tracker's settings file, `foitrack.toml`. Every section is optional."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foitrack.store import tomltext
from foitrack.dates import DateParseError, parse_date
from foitrack.errors import FoitrackError

if TYPE_CHECKING:
    from foitrack.law.schools import SchoolTerms

SETTINGS_FILE = "foitrack.toml"
#: The sections foitrack reads.
SECTIONS = ("requester", "smtp", "imap", "chase", "deadlines", "authorities", "school_terms", "inbox")
TOP_LEVEL_KEYS = ("git",)
#: The most working days `[chase] every` may be: about a year.
MAX_CHASE_EVERY = 250

DEFAULT_SETTINGS = """\
# foitrack settings. Every section is optional; see the README for what each does.

# git = false            # inside a git repository, foitrack commits each change; this turns that
#                        # off (it must stay here, above every [section])

[requester]
# name = "A. Reporter"
# email = "reporter@example.org"

# [smtp]                 # for `send`, `new --send`, `chase --send`; the password comes from FOITRACK_SMTP_PASSWORD
# host = "smtp.example.org"
# port = 587
# starttls = true
# username = "reporter@example.org"

# [imap]                 # your mailbox: `inbox --imap` reads it; the password comes from FOITRACK_IMAP_PASSWORD
# host = "imap.example.org"
# port = 993
# ssl = true
# username = "reporter@example.org"
# save_sent = true       # keep a copy of everything foitrack sends in your Sent folder

[chase]
every = 5                # working days to wait before chasing the same request again

[deadlines]
# receipt_rule = "ico"   # "ico" (statutory: the day of receipt is day 0) or "code" (s.45 Code of
#                        # Practice reading: a request arriving on a non-working day is received
#                        # on the next working day)
# bank_holidays_json = "bank-holidays.json"   # a gov.uk bank-holidays.json with newly proclaimed days
# [deadlines.non_working_days]                # days your tracker treats as non-working, with why
# 2027-06-07 = "Proclaimed bank holiday"

# [authorities."London Borough of Hackney"]
# email = "foi@hackney.gov.uk"   # where chasers go unless the request has its own email
# aliases = ["LBH"]
# days = 20                       # working days this authority has (30 for archives)

# Schools have the 20th school day or the 60th working day, whichever comes first (SI 2004/3364
# reg 3). Give a school its terms, as the council's web page lists them, and foitrack counts its
# school days; without them it presumes term time.
# [school_terms."Leeds"]
# terms = ["4 Sep 2023 to 20 Oct 2023", "30 Oct 2023 to 19 Dec 2023", "4 Jan 2024 to 9 Feb 2024"]
# closed = ["6 Nov 2023"]         # INSET days and other closures in term
# [authorities."St Mary's Primary School"]
# school_terms = "Leeds"          # or school_days = [...] (and school_closed) for this school alone
"""


def toml_key(name: str) -> str:
    """A name as a key in foitrack.toml: bare when TOML allows it, else quoted."""
    return name if name.replace("-", "").replace("_", "").isalnum() else '"' + name.replace('"', '\\"') + '"'


def with_authority_email(text: str, name: str, address: str) -> str:
    """foitrack.toml's text with `email = ADDRESS` for the authority NAME, when it has none: added
    under its [authorities."NAME"] table, or in a new one at the end. Every other line is kept as
    written. Unchanged when the authority already has an address."""
    import re

    data = tomllib.loads(text) if text.strip() else {}
    table = data.get("authorities", {}).get(name) if isinstance(data.get("authorities"), dict) else None
    if isinstance(table, dict) and table.get("email"):
        return text
    line = f"email = {tomltext.dumps({'email': address}).split(' = ', 1)[1]}"
    key = re.escape(name)
    header = re.compile(rf'^[ \t]*\[[ \t]*authorities[ \t]*\.[ \t]*(?:"{key}"|\'{key}\'|{key})[ \t]*\][ \t]*(?:#.*)?$', re.M)
    found = header.search(text)
    if isinstance(table, dict) and found:
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end + 1
        new = text[:end] + ("" if text[:end].endswith("\n") else "\n") + line + text[end:]
    else:
        new = text.rstrip("\n") + ("\n\n" if text.strip() else "") + f"[authorities.{toml_key(name)}]\n{line}"
    expected = dict(data)
    authorities = dict(expected.get("authorities", {}))
    authorities[name] = {**(table or {}), "email": address}
    expected["authorities"] = authorities
    if tomllib.loads(new) != expected:
        raise FoitrackError(f"cannot add {name}'s address to foitrack.toml safely; add it by hand")
    return new


@dataclass
class Settings:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> Settings:
        path = Path(root) / SETTINGS_FILE
        if not path.exists():
            return cls(path, {})
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise FoitrackError(f"{path}: cannot read settings: {error}") from None
        return cls.parse(path, text)

    @classmethod
    def parse(cls, path: Path, text: str) -> Settings:
        """Settings from the text of `path`; FoitrackError (naming the line) if they are not valid."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            line, message = tomltext.syntax_error_line(error)
            raise FoitrackError(f"{path}:{line}: TOML syntax error: {message}") from None
        settings = cls(path, data)
        settings._validate_names(text)
        settings._validate()
        return settings

    def _validate(self) -> None:
        for section in SECTIONS:
            if section in self.data and not isinstance(self.data[section], dict):
                raise FoitrackError(f"{self.path}: [{section}] must be a table")
        self._validate_git()
        self._validate_placement()
        every = self.section("chase").get("every", 5)
        if not isinstance(every, int) or isinstance(every, bool) or not 0 <= every <= MAX_CHASE_EVERY:
            raise FoitrackError(
                f"{self.path}: chase.every must be a whole number of working days from 0 to "
                f"{MAX_CHASE_EVERY} (a year), not {every!r}"
            )
        for name, table in self.section("authorities").items():
            if not isinstance(table, dict):
                raise FoitrackError(
                    f"{self.path}: [authorities] {toml_key(name)} = {table!r} does nothing: each authority is a "
                    f"table: write [authorities.{toml_key(name)}] with its settings (email = \"...\") under it"
                )
        rule = self.section("deadlines").get("receipt_rule", "ico")
        if rule not in ("ico", "code"):
            raise FoitrackError(f"{self.path}: deadlines.receipt_rule must be \"ico\" or \"code\", not {rule!r}")
        self.non_working_days  # validates the dates
        self.school_terms  # validates the term dates

    def _validate_names(self, text: str) -> None:
        """A section or key foitrack does not know is a typo until shown otherwise: `[chse]`
        would leave chase.every at its default while the user believes it set."""
        import difflib
        import re

        for name in self.data:
            if name in SECTIONS or name in TOP_LEVEL_KEYS:
                continue
            known = SECTIONS + TOP_LEVEL_KEYS
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            what = f"[{name}]" if isinstance(self.data[name], dict) else f"{name} ="
            hint = f"did you mean [{close[0]}]? " if close else ""
            found = re.search(rf"^[ \t]*(\[+[ \t]*[\"']?{re.escape(name)}\b|[\"']?{re.escape(name)}[\"']?[ \t]*=)", text, re.M)
            line = text.count("\n", 0, found.start()) + 1 if found else 1
            raise FoitrackError(
                f"{self.path}:{line}: {what} is not a setting foitrack knows; {hint}the sections are "
                f"{', '.join(f'[{section}]' for section in SECTIONS)}, and git = false at the top"
            )

    def _validate_git(self) -> None:
        value = self.data.get("git", True)
        if isinstance(value, dict):
            value = value.get("enabled", True)
        if not isinstance(value, bool):
            raise FoitrackError(f"{self.path}: git must be true or false (git = false turns commits off)")
        # `git = false` written below a [section] belongs to that section, and would be silently
        # ignored: commits would carry on while the user believes they are off.
        for name, table in self.data.items():
            if name not in ("git", "authorities") and isinstance(table, dict) and "git" in table:
                raise FoitrackError(
                    f"{self.path}: 'git' is inside [{name}], where it does nothing: move "
                    "git = false to the top of the file, above every [section]"
                )

    def _validate_placement(self) -> None:
        """A section's name written as a key inside another section (`authorities = 5` at the end
        of the file lands in the last [section] above it) is read by nothing: say so, rather than
        ignore it."""
        for name, table in self.data.items():
            if not isinstance(table, dict):
                continue
            for key in SECTIONS:
                if key in table and name != "authorities":
                    raise FoitrackError(
                        f"{self.path}: '{key}' is inside [{name}], where it does nothing: "
                        f"write it as a section of its own, [{key}], with its settings under it"
                    )

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        return value if isinstance(value, dict) else {}

    @property
    def requester_name(self) -> str | None:
        return self.section("requester").get("name")

    @property
    def requester_email(self) -> str | None:
        return self.section("requester").get("email")

    @property
    def chase_every(self) -> int:
        return int(self.section("chase").get("every", 5))

    @property
    def receipt_rule(self) -> str:
        return self.section("deadlines").get("receipt_rule", "ico")

    @property
    def authorities(self) -> dict[str, dict[str, Any]]:
        return {
            name: value
            for name, value in self.section("authorities").items()
            if isinstance(value, dict)
        }

    @property
    def git_enabled(self) -> bool:
        value = self.data.get("git", True)
        if isinstance(value, dict):
            value = value.get("enabled", True)
        return bool(value)

    @cached_property
    def school_terms(self) -> dict[str, SchoolTerms]:
        """The shared term dates, `[school_terms."NAME"]` with `terms` (and `closed`), that a
        school refers to from its `[authorities."NAME"]` table with `school_terms = "NAME"`."""
        from foitrack.law.schools import TermDatesError, parse_terms

        found: dict[str, SchoolTerms] = {}
        for name, table in self.section("school_terms").items():
            where = f'{self.path}: [school_terms.{toml_key(name)}]'
            if not isinstance(table, dict):
                raise FoitrackError(f'{where} must be a table with terms = ["4 Sep 2023 to 20 Oct 2023", ...]')
            unknown = sorted(set(table) - {"terms", "closed"})
            if unknown:
                raise FoitrackError(f"{where}: unknown key {unknown[0]!r}; a term table has terms and closed")
            if "terms" not in table:
                raise FoitrackError(f'{where} has no terms: add terms = ["4 Sep 2023 to 20 Oct 2023", ...]')
            try:
                found[name] = parse_terms(name, table["terms"], table.get("closed", ()))
            except TermDatesError as error:
                raise FoitrackError(f"{where}: {error}") from None
        return found

    @property
    def non_working_days(self) -> tuple[tuple[dt.date, str], ...]:
        """Tracker-defined non-working days, e.g. a newly proclaimed bank holiday."""
        table = self.section("deadlines").get("non_working_days", {})
        days: list[tuple[dt.date, str]] = []
        if not isinstance(table, dict):
            raise FoitrackError(f"{self.path}: deadlines.non_working_days must be a table of DATE = \"why\"")
        for key, reason in table.items():
            try:
                day = parse_date(key) if isinstance(key, str) else key
            except DateParseError as error:
                raise FoitrackError(f"{self.path}: deadlines.non_working_days: {error}") from None
            days.append((day, str(reason)))
        return tuple(sorted(days))
