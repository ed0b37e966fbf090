"""Publishing: what foitrack's data looks like to readers, scripts and other programs.

- `report`: per-authority (or per kind, per nation) figures and the batch view, as rows, CSV, JSON
  and Markdown; `html` and `charts`: the same as a self-contained web page with charts.
- `words`: outcomes, statuses, kinds and nations in readers' words.
- `views`: the stable JSON shapes of requests and deadlines (tested apart from the tables).
- `export`: one row per request, as CSV or JSON; `database`: the tracker as SQLite for Datasette.
- `ical`: open deadlines as an iCalendar feed (`foitrack calendar`).

May import: `settings`, `directory`, `foitrack.law`, `foitrack.store`, and the base modules.
Never imports mail or teamwork (its siblings), the tracker or the command line.
"""
