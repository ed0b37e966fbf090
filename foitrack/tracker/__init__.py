"""The operations a user performs on a tracker, independent of the command line.

`Tracker` ties the store, the settings, the authority directory and the deadline rules together.
Each module here is one concern of it, mixed into `Tracker`:

  core       the folder, settings, day, authorities, deadline rules; `_changed` (git hooks in)
  listing    every request at once: the listing cache, filters, what is due and what is owed
  finding    which request a user means; `check` and `check --clean`
  creating   `init`, foitrack.toml changes, `new`
  recording  events on one request or many, all or nothing
  editing    header changes (`edit`)
"""

from __future__ import annotations

from foitrack.tracker.core import AuthorityChoice, ChangeHook, TrackerCore
from foitrack.tracker.creating import REQUESTS_README, Creating, split_named_address
from foitrack.tracker.editing import Edit, Editing, describe_change
from foitrack.tracker.finding import Finding
from foitrack.tracker.listing import Listing, Owed
from foitrack.tracker.recording import RecordedMany, Recording, RecordRefused, describe_event, describe_events


class Tracker(Creating, Recording, Editing, Listing, Finding, TrackerCore):
    """A tracker folder and everything a user can do with it (`Tracker(root, as_of_date=...)`)."""


__all__ = [
    "AuthorityChoice",
    "ChangeHook",
    "Edit",
    "Owed",
    "REQUESTS_README",
    "RecordRefused",
    "RecordedMany",
    "Tracker",
    "describe_change",
    "describe_event",
    "describe_events",
    "split_named_address",
]
