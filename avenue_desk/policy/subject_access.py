"""Subject access requests (UK GDPR Article 15): when the reply is due, and what the school
is told to check before sending. Data only; nothing here reads the clock or the database.

The ICO's guidance: the school must reply "without delay and at the latest within one
month of receipt", counted from the day the request arrives to the corresponding calendar
date in the next month; where the next month has no such date (31 January), the last day
of that month; where the date falls on a weekend, the next working day. Bank holidays
also move it, and are not known here, so the index says so.
"""

from __future__ import annotations

from datetime import date, timedelta

from .retention import add_months

DEADLINE_NOTE = (
    "One calendar month from the day the request was received (ICO guidance); a date on a "
    "weekend moves to the Monday, and one on a bank holiday to the next working day.")

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
    """The last day for the reply to a request received on ``received``."""
    due = add_months(received, 1)
    while due.weekday() >= 5:
        due += timedelta(days=1)
    return due
