"""Changing a request's header (`edit`): the same checks as `new`, the law re-derived when the
authority changes, and each change said in words and kept in the file's notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from pydantic import ValidationError

from foitrack.errors import UsageError
from foitrack.law.validation import file_problems
from foitrack.store.model import Event, Request
from foitrack.tracker.core import AuthorityChoice, first_error

# How `edit` names a header key in its note and output.
_KEY_WORDS = {"authority": "authority", "subject": "subject", "regime": "law", "email": "email",
              "tags": "tags", "batch": "batch"}


def _retagged(current: list[str], add: list[str], remove: list[str]) -> list[str]:
    """The tags after adding and taking out some, in their order, ignoring case; taking out a
    tag the request does not have is an error."""
    folded = [tag.casefold() for tag in current]
    for tag in remove:
        if tag.casefold() not in folded:
            have = ", ".join(current) or "none"
            raise UsageError(f"--untag {tag!r}: the request has no such tag (its tags: {have})")
    kept = [tag for tag in current if tag.casefold() not in {t.casefold() for t in remove}]
    for tag in add:
        if tag.casefold() not in {t.casefold() for t in kept}:
            kept.append(tag)
    return kept


@dataclass
class Edit:
    """What `Tracker.edit` did: the request before and after, and each change (key, old, new;
    None for a value that was not there or was taken out)."""

    before: Request
    request: Request
    changes: list[tuple[str, Any, Any]]
    notes: list[str] = field(default_factory=list)

    def changed(self, key: str) -> bool:
        return any(changed == key for changed, _, _ in self.changes)


def describe_change(key: str, old: Any, new: Any) -> str:
    """'authority from 'PSoS' to 'Police Scotland'', as the note and the output say it."""

    def shown(value: Any) -> str:
        if key == "regime":
            return str(value).upper()
        if isinstance(value, list):
            return "[" + ", ".join(value) + "]" if value else "none"
        return repr(value)

    word = _KEY_WORDS.get(key, key)
    if old is None:
        return f"{word} set to {shown(new)}"
    if new is None:
        return f"{word} {shown(old)} taken out"
    return f"{word} from {shown(old)} to {shown(new)}"


class Editing:
    """The editing operation of `Tracker` (see the module's docstring)."""

    def edit(
        self,
        fragment: str,
        *,
        authority: str | None = None,
        subject: str | None = None,
        email: str | None = None,
        remove_email: bool = False,
        tags: Iterable[str] = (),
        untags: Iterable[str] = (),
        batch: str | None = None,
        remove_batch: bool = False,
        regime: str | None = None,
        dry_run: bool = False,
        allow_duplicate: bool = False,
    ) -> Edit:
        """Correct a request's header: validated as `new` validates, written as a surgical edit
        of only those lines (`tomltext.edit_header`) with a `note` event saying what changed from
        what to what, under the lock, re-reading the file inside it, and committed.

        A new authority brings its law when the request was under the old authority's default
        (PSoS, logged as typed under FOIA, becomes Police Scotland under FOISA), and an
        environmental request stays environmental across the border (EIR <-> EISR); `regime`
        overrides. An edit that would make the request the same as another (authority, subject
        and date sent) is refused, as `new` refuses it, unless `allow_duplicate`. Returns the
        edit; with nothing to change, an Edit with no changes. With `dry_run`, everything is
        checked and nothing is written."""
        from foitrack.store.tomltext import REMOVE

        self.store.require()
        tags = [tag.strip() for tag in tags]
        untags = [tag.strip() for tag in untags]
        asked = [authority, subject, email, batch, regime]
        if all(value is None for value in asked) and not (tags or untags or remove_email or remove_batch):
            raise UsageError(
                "nothing to change: give --authority, --subject, --email, --tag, --untag, --batch or --regime"
            )
        if email is not None and remove_email:
            raise UsageError("give --email or --no-email, not both")
        if batch is not None and remove_batch:
            raise UsageError("give --batch or --no-batch, not both")
        if subject is not None and not subject.strip():
            raise UsageError("the subject cannot be empty (--subject)")
        if batch is not None and not batch.strip():
            raise UsageError("a batch name cannot be empty (--batch); --no-batch takes a request out of its batch")
        if any(not tag for tag in tags + untags):
            raise UsageError("a tag cannot be empty (--tag, --untag)")
        choice = self.resolve_authority(authority) if authority is not None else None
        with self.store.lock():  # resolved under it: the folder is listed once
            path = self.resolve(fragment)
            loaded = self._read_to_change(path, "editing")
            before = loaded.request
            if choice is None:
                known = self.authority(before.authority)
                current = AuthorityChoice(before.authority, known.regime if known else before.regime)
            else:
                current = choice
            wanted: dict[str, Any] = {}
            if choice is not None:
                wanted["authority"] = choice.name
            new_regime = regime or (self._regime_after_move(before, choice) if choice is not None else None)
            if new_regime is not None:
                wanted["regime"] = new_regime
            if subject is not None:
                wanted["subject"] = " ".join(subject.split())
            if email is not None:
                wanted["email"] = self.addresses_for([current], [email])[current.name]
            elif remove_email:
                wanted["email"] = None
            if batch is not None:
                wanted["batch"] = batch.strip()
            elif remove_batch:
                wanted["batch"] = None
            if tags or untags:
                wanted["tags"] = _retagged(before.tags, tags, untags)
            changes = [  # (key, old, new), None for absent: an empty list of tags is no tags
                (key, getattr(before, key) or None, value or None)
                for key, value in wanted.items()
                if (getattr(before, key) or None) != (value or None)
            ]
            notes = [choice.note] if choice is not None and choice.note else []
            if not changes:
                return Edit(before, before, [], notes)
            candidate_data = before.model_dump(exclude_none=True)
            for key, _, value in changes:
                if value is None:
                    candidate_data.pop(key, None)
                else:
                    candidate_data[key] = value
            text = "; ".join(describe_change(key, old, new) for key, old, new in changes)
            note = Event(type="note", date=self.today, text=f"Edited: {text}")
            candidate_data["events"] = [*candidate_data.get("events", []), note.model_dump(exclude_none=True)]
            try:
                candidate = Request.model_validate(candidate_data).bind(before.id, path)
            except ValidationError as error:
                raise UsageError(first_error(error)) from None
            problems_before = {message for _, message in file_problems(before)}
            new_problems = [message for _, message in file_problems(candidate) if message not in problems_before]
            if new_problems:
                raise UsageError(f"cannot edit this: {new_problems[0]}")
            if not allow_duplicate and any(key in ("authority", "subject") for key, _, _ in changes):
                # As `new` refuses to log a request twice, an edit may not make one the twin of another.
                self._refuse_duplicates([candidate], editing=before.id)
            if dry_run:
                return Edit(before, candidate, changes, notes)
            header = {key: REMOVE if new is None else new for key, _, new in changes}
            self.store.edit_header(path, loaded.text, header, note)
            # Still under the lock: the commit holds exactly this edit.
            self._changed([path], f"Edit request to {candidate.authority}: {text}")
        return Edit(before, candidate, changes, notes)

    def _regime_after_move(self, request: Request, choice: AuthorityChoice) -> str:
        """The law a request takes to a new authority: the new authority's default when it was
        under the old one's (a name logged as typed got FOIA), the new nation's environmental
        regime when it was environmental, else the law it was under (a SAR is one anywhere).

        Environmental information held by a Scottish public authority is requested under the
        Environmental Information (Scotland) Regulations 2004 (reg. 2(1), "Scottish public
        authority"); elsewhere in the UK under the Environmental Information Regulations 2004."""
        from foitrack.vocab import SCOTTISH_REGIMES

        known = self.directory.get(request.authority)
        old_default = known.regime if known is not None else "foia"
        if request.regime == old_default:
            return choice.regime
        if request.regime in ("eir", "eisr"):
            return "eisr" if choice.regime in SCOTTISH_REGIMES else "eir"
        return request.regime
