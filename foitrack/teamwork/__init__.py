"""Teamwork: a tracker shared between people and with the tools they already use.

- `git`: a commit per change, `sync` with colleagues, a request's history.
- `spreadsheet`: requests imported from a CSV sheet, checked row by row, never twice.

May import: `settings`, `directory`, `foitrack.law`, `foitrack.store`, and the base modules.
Never imports mail or publish (its siblings), the tracker or the command line.
"""
