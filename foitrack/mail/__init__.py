"""Mail: the letters foitrack writes and the servers it talks to.

- `ladder`: where an unanswered request stands (chaser, final chaser, escalation).
- `letters`: the letters, and the facts that fill their templates.
- `lettertemplates` (and `templates/`): the shipped templates and a tracker's own.
- `smtp`: `[smtp]` settings, RFC 5322 messages, `.eml` files, sending (`SmtpSession`).
- `imap`: `[imap]` settings, the mailbox read-only, copies in the Sent folder.
- `chasing`: `foitrack chase` end to end, recording `chased` only for what was sent.
- `sending`: `foitrack send` and `new --send`: claim, send, record, one request at a time.
- `reading`, `sources`, `matching`, `meaning`, `inbox`: `foitrack inbox`, from a mailbox to
  recorded events and kept documents.

May import: `settings`, `directory`, `foitrack.law`, `foitrack.store`, and the base modules.
Never imports publish or teamwork (its siblings), the tracker or the command line: an operation
that needs the tracker is handed it.
"""
