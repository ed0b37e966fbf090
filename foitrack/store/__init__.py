"""The store: request files on disk and the schema they follow.

- `model`: the request file's schema (`Request`, `Event`) and exemption references.
- `tomltext`: request files as text: new ones rendered, events appended without touching the rest.
- `parsing`: one file's bytes to a validated request, or its problems with their lines.
- `atomic`: writes that a crash can never leave half done.
- `parsecache`: what was parsed, kept in .foitrack/cache/ so that large trackers load fast.
- `folder`: the tracker's `requests/` folder: ids, the lock, reading, creating, appending.

May import: `vocab`, `dates`, `errors`. Knows nothing of deadlines, mail or output.
"""
