"""Publishing: what foitrack's data looks like to readers, scripts and other programs.

- `report`: per-authority figures and the batch view, as rows, CSV, JSON and Markdown.
- `views`: the stable JSON shapes of requests and deadlines (tested apart from the tables).
- `export`: one row per request, as CSV or JSON.
- `ical`: open deadlines as an iCalendar feed (`foitrack calendar`).

May import: `settings`, `directory`, `foitrack.law`, `foitrack.store`, and the base modules.
Never imports mail or teamwork (its siblings), the tracker or the command line.
"""
