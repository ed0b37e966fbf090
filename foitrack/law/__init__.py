"""The law: working days, the deadline clock, and the statutes' numbers and words.

- `workdays`: which days are working days under each regime (UK union or Scotland), counted fast.
- `statutes`: every time limit and citation, the rules with the day each came into force, and the
  same law in the words letters use.
- `schools`: a school's term dates, for the schools' time limit (SI 2004/3364 reg 3).
- `clock`: the response deadline, counted through restarts, pauses and extensions (facts only).
- `evaluation`: a request's status and deadlines as at a date (`evaluate`), from its events.
- `standing`: what the events settle (`Settled`) and `finish`, which compares it with the date.
- `explain`: the facts in words, built only when `show` or `deadline` prints them.
- `exemptions`: what each exemption is called, from the statutes' headings.
- `validation`: events that cannot have happened in the order written, dates off the calendar.

May import: `foitrack.store` (the request model it reads), `vocab`, `dates`, `errors`.
Never imports mail, publish, teamwork, the tracker or the command line.
"""
