"""The store: request files on disk and the schema they follow.

- `model`: the request file's schema (`Request`, `Event`).
- `exemptions`: exemption references and the law each belongs to.
- `rows`: a request as listings read it (`Row`: header and events, no pydantic).
- `tomltext`: request files as text: new ones rendered, events appended without touching the rest.
- `parsing`: one file's bytes to a validated request, or its problems with their lines.
- `atomic`: writes that a crash can never leave half done.
- `parsecache`: what was parsed, kept in .foitrack/cache/ so that large trackers load fast.
- `index`: the listing cache: every file's Row and what was settled from it, one file a month.
- `folder`: the tracker's `requests/` folder: ids, the lock, reading, creating, appending.
- `documents`: `documents/<id>/`, copies of mail and attachments: safe names, kept once.
- `claims`: a message claimed before it is sent, so two commands never send it twice.
- `mailstate`: what `inbox` has read, in .foitrack/inbox/.

May import: `vocab`, `dates`, `errors`. Knows nothing of deadlines, mail servers or output.
"""
