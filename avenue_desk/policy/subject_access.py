"""Subject access requests (UK GDPR Article 15): when the reply is due, and what the school
is told to check before sending. Data only; nothing here reads the clock or the database.

The ICO's guidance: the school must reply "without delay and at the latest within one
month of receipt", calculated "from the day you receive the request (whether it is a
working day or not) until the corresponding calendar date in the next month"; where the
next month has no such date (31 January), the last day of that month; and "if the
corresponding date falls on a weekend or a public holiday, you have until the next working
day to respond". Public holidays are England and Wales bank holidays, from the same table
the follow-up dates use (bank_holidays.py, whose test fails before the table runs out).
"""

from __future__ import annotations

from datetime import date, timedelta

from .bank_holidays import is_bank_holiday
from .retention import add_months

DEADLINE_NOTE = (
    "The reply is due one calendar month from the day the request was received, the day of "
    "receipt counting (ICO guidance): the same date next month, or that month's last day if "
    "it has no such date. When that date falls on a Saturday, a Sunday or an England and "
    "Wales bank holiday, the reply is due on the next working day.")

# What the Headteacher checks before anything is sent, in the order it is done.
BEFORE_SENDING = (
    "Take REDACTION-KEY-do-not-send.csv out of the folder: it says who each placeholder is "
    "and is for the school alone.",
    "Open every file listed under “Check by hand” (screenshots and other evidence): cover "
    "other people's names, faces, profile pictures and usernames, and send the covered copy.",
    "Read each text file once. Names are found only if Avenue Desk knows them: a nickname, "
    "a misspelling or a description (“the new teacher in Year 4”) can still identify "
    "someone.",
    "Notes on legal advice or on contact with the Police are marked “Check before "
    "sending”: they may be exempt (legal professional privilege, or the prevention of "
    "crime). Ask the school's data protection officer.",
    "Staff named only for doing their job (who recorded a step) are usually disclosed: if "
    "you decide to, put their names back from the key.",
)


def reply_due(received: date) -> date:
    """The last day for the reply to a request received on ``received``: 1 December 2026
    gives 1 January 2027, New Year's Day, so Monday 4 January."""
    due = add_months(received, 1)
    while due.weekday() >= 5 or is_bank_holiday(due):
        due += timedelta(days=1)
    return due
