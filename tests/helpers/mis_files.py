"""MIS exports made for the tests: one school's truth (pupils, contacts and what the MIS says
of each contact for each child) written in each layout the import knows, in each encoding
Excel saves, so an import can be compared with what was written down.

The truth holds 32 pupils: two households (the Wróbel siblings with their mother, a
step-father without parental responsibility and a grandmother with no email or phone; the
Patel siblings with "Mr Raj & Mrs Priya Patel"), apostrophes and hyphens, names in Polish,
Turkish, Romanian, Urdu and Arabic script (or, with ``latin=True``, names Windows-1252 can
hold), a contact with no email, a court order with restricted access, and a duplicated row
in every file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

ENCODINGS = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16", "cp1252": "cp1252"}


@dataclass(frozen=True)
class Contact:
    key: str
    title: str
    forename: str
    surname: str
    email: str = ""
    phone: str = ""
    # A household written as one contact ("Mr Raj & Mrs Priya Patel"): the partner's
    # (title, forename); both are made, each with the salutation.
    partner: tuple[str, str] | None = None

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}"

    @property
    def salutation(self) -> str:
        return f"{self.title} & {self.partner[0]} {self.surname}" if self.partner else ""


@dataclass(frozen=True)
class Link:
    contact: Contact
    relationship: str
    responsibility: bool
    priority: int
    restricted: bool = False  # court order / restricted access


@dataclass(frozen=True)
class Pupil:
    upn: str
    forename: str
    surname: str
    class_name: str
    year: str
    links: tuple[Link, ...] = field(default=())

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}"


_SCRIPT_PUPILS = [("Kacper", "Wiśniewski"), ("Gülşen", "Yılmaz"), ("Ștefan", "Popescu"),
                  ("عائشہ", "ملک"), ("محمد", "العلي"), ("Siobhán", "O'Neill"),
                  ("Amelia", "Smith-Jones"), ("Ioana", "Țurcanu"), ("Zoë", "Dubois")]
_LATIN_PUPILS = [("Kacper", "Nowak"), ("Gülay", "Öztürk"), ("Stefan", "Popescu"),
                 ("Aisha", "Malik"), ("Mohammed", "Al-Ali"), ("Siobhán", "O'Neill"),
                 ("Amelia", "Smith-Jones"), ("Renée", "Müller"), ("Zoë", "Dubois")]
_PLAIN = ["Ava", "Noah", "Isla", "Leo", "Mia", "Oscar", "Ruby", "Theo", "Ella", "Jack",
          "Lily", "Finn", "Grace", "Alfie", "Freya", "Max", "Evie", "Harry", "Rosie"]
_SURNAMES = ["Brown", "Green", "Hughes", "Evans", "Baker", "Cole", "Reid", "Shaw", "Ford",
             "Hart", "Lamb", "Moss", "Nash", "Page", "Rowe", "Todd", "Webb", "Yates", "Dale"]


def school(latin: bool = False) -> list[Pupil]:
    """The truth: 32 pupils and their contacts (``latin``: every name fits Windows-1252)."""
    mother = Contact("wrobel-m", "Mrs", "Łucja" if not latin else "Lucja",
                     "Wróbel", "lucja@example.org", "07700 900101")
    step = Contact("wrobel-s", "Mr", "Piotr", "Kowalski", "piotr@example.org")
    gran = Contact("wrobel-g", "Mrs", "Zofia", "Wróbel")  # no email, no phone
    patel = Contact("patel", "Mr", "Raj", "Patel", "patels@example.org", "07700 900202",
                    partner=("Mrs", "Priya"))
    wrobel_links = (Link(mother, "Mother", True, 1), Link(step, "Step-father", False, 2),
                    Link(gran, "Grandmother", False, 3))
    pupils = [
        Pupil("A100000000001", "Millie", "Wróbel", "4B", "Year 4", wrobel_links),
        Pupil("A100000000002", "Kuba", "Wróbel", "1A", "Year 1", wrobel_links),
        Pupil("A100000000003", "Anaya", "Patel", "3C", "Year 3",
              (Link(patel, "Parents", True, 1),)),
        Pupil("A100000000004", "Dev", "Patel", "R", "Reception",
              (Link(patel, "Parents", True, 1),)),
    ]
    court = Contact("court", "Mr", "Dean", "Hart", "dean@example.org", "07700 900303")
    names = _LATIN_PUPILS if latin else _SCRIPT_PUPILS
    adults = (["Ayşe", "Çağrı", "Mihai", "Fatima", "Hamza"] if not latin else
              ["Ayla", "Cem", "Mihai", "Fatima", "Hamza"])
    for number in range(28):
        forename, surname = names[number] if number < len(names) else (
            _PLAIN[number % len(_PLAIN)], _SURNAMES[number % len(_SURNAMES)])
        if number >= len(names):
            surname = f"{surname}-{_SURNAMES[(number + 3) % len(_SURNAMES)]}" if (
                number % 5 == 0) else surname
        parent = Contact(f"c{number}", "Ms" if number % 2 else "Mr",
                         adults[number % len(adults)] if number < 10 else _PLAIN[-1 - number % 19],
                         surname, "" if number == 7 else f"parent{number}@example.org",
                         f"07700 9{number:05d}")
        links = [Link(parent, "Mother" if number % 2 else "Father", True, 1)]
        if number == 12:
            links.append(Link(court, "Father", True, 2, restricted=True))
        pupils.append(Pupil(f"B2000000000{number:02d}", forename, surname,
                            f"{number % 6 + 1}{'ABC'[number % 3]}", f"Year {number % 6 + 1}",
                            tuple(links)))
    return pupils


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _named(contact: Contact) -> str:
    if contact.partner:
        return (f"{contact.title} {contact.forename} & {contact.partner[0]} "
                f"{contact.partner[1]} {contact.surname}")
    return f"{contact.title} {contact.full_name}"


def _parts(contact: Contact) -> tuple[str, str, str]:
    if contact.partner:
        return (f"{contact.title} & {contact.partner[0]}",
                f"{contact.forename} & {contact.partner[1]}", contact.surname)
    return contact.title, contact.forename, contact.surname


# --- one row per pupil and contact -------------------------------------------------------

def sims(pupils):
    header = ["Adno", "UPN", "Surname", "Forename", "Reg Group", "Year", "Contact Title",
              "Contact Forename", "Contact Surname", "Contact Relationship", "Priority",
              "Parental Responsibility", "Contact Email", "Contact Telephone", "Court Order",
              "Date of Birth"]
    rows = [[str(i), p.upn, p.surname, p.forename, p.class_name, p.year, *_parts(k.contact),
             k.relationship, str(k.priority), _yes(k.responsibility), k.contact.email,
             k.contact.phone, _yes(k.restricted), "2018-01-01"]
            for i, p in enumerate(pupils, 1) for k in p.links]
    return header, rows


def arbor(pupils):
    header = ["UPN", "Legal First Name", "Legal Last Name", "Registration Form", "Year Group",
              "Title", "First Name", "Last Name", "Relationship", "Email", "Mobile Telephone",
              "Parental Responsibility", "Priority", "Court Order / Restricted Access"]
    rows = [[p.upn, p.forename, p.surname, p.class_name, p.year, *_parts(k.contact),
             k.relationship, k.contact.email, k.contact.phone, _yes(k.responsibility),
             str(k.priority), _yes(k.restricted)] for p in pupils for k in p.links]
    return header, rows


ARBOR_MAP = (("contact.forename", "First Name"), ("contact.surname", "Last Name"))


def bromcom(pupils):
    header = ["Student Name", "UPN", "Reg Group", "Year", "Contact Name",
              "Contact Relationship", "Contact Priority", "Parental Responsibility",
              "Contact Email", "Contact Mobile", "Court Order"]
    rows = [[p.full_name, p.upn, p.class_name, p.year, _named(k.contact), k.relationship,
             str(k.priority), _yes(k.responsibility), k.contact.email, k.contact.phone,
             _yes(k.restricted)] for p in pupils for k in p.links]
    return header, rows


def integris(pupils):
    header = ["Legal Surname", "Legal Forename", "Preferred Forename", "UPN",
              "Registration Group", "NC Year", "Contact Title", "Contact Forename",
              "Contact Surname", "Relationship", "Salutation", "Parental Responsibility",
              "Priority", "Email", "Phone", "Restricted Access"]
    rows = [[p.surname, p.forename, p.forename, p.upn, p.class_name, p.year,
             *_parts(k.contact), k.relationship, k.contact.salutation,
             _yes(k.responsibility), str(k.priority), k.contact.email, k.contact.phone,
             _yes(k.restricted)] for p in pupils for k in p.links]
    return header, rows


def excel_made(pupils):
    header = ["Child's name", "Class", "Parent's name", "Relationship", "Parent email",
              "Phone"]
    rows = [[p.full_name, p.class_name, _named(k.contact), k.relationship, k.contact.email,
             k.contact.phone] for p in pupils for k in p.links]
    return header, rows


# --- one row per pupil, numbered contacts ------------------------------------------------

def _numbered(pupils, pupil_cols, contact_cols, word="Contact"):
    most = max(len(p.links) for p in pupils)
    header = [name for name, _ in pupil_cols]
    for n in range(1, most + 1):
        header += [f"{word} {n} {name}" for name, _ in contact_cols]
    rows = []
    for p in pupils:
        row = [get(p) for _, get in pupil_cols]
        for n in range(most):
            row += [get(p.links[n]) if n < len(p.links) else "" for _, get in contact_cols]
        rows.append(row)
    return header, rows


def scholarpack(pupils):
    return _numbered(pupils, [("Forename", lambda p: p.forename), ("Surname", lambda p: p.surname),
                              ("UPN", lambda p: p.upn), ("Class", lambda p: p.class_name),
                              ("Year", lambda p: p.year)],
                     [("Title", lambda k: _parts(k.contact)[0]),
                      ("Forename", lambda k: _parts(k.contact)[1]),
                      ("Surname", lambda k: k.contact.surname),
                      ("Relationship", lambda k: k.relationship),
                      ("Email", lambda k: k.contact.email), ("Mobile", lambda k: k.contact.phone),
                      ("Parental Responsibility", lambda k: _yes(k.responsibility)),
                      ("Court Order", lambda k: _yes(k.restricted))])


def parentmail(pupils):
    return _numbered(pupils, [("Child Forename", lambda p: p.forename),
                              ("Child Surname", lambda p: p.surname),
                              ("Class", lambda p: p.class_name), ("Year", lambda p: p.year)],
                     [("Forename", lambda k: f"{_parts(k.contact)[1]}"),
                      ("Surname", lambda k: k.contact.surname),
                      ("Title", lambda k: _parts(k.contact)[0]),
                      ("Email", lambda k: k.contact.email), ("Mobile", lambda k: k.contact.phone),
                      ("Relationship", lambda k: k.relationship)], word="Parent")


def contact_numbered(pupils):
    return _numbered(pupils, [("Forename", lambda p: p.forename), ("Surname", lambda p: p.surname),
                              ("UPN", lambda p: p.upn), ("Class", lambda p: p.class_name),
                              ("Year Group", lambda p: p.year)],
                     [("Name", lambda k: _named(k.contact)),
                      ("Relationship", lambda k: k.relationship),
                      ("Email", lambda k: k.contact.email), ("Phone", lambda k: k.contact.phone),
                      ("Parental Responsibility", lambda k: _yes(k.responsibility))])


@dataclass(frozen=True)
class LayoutFile:
    write: object  # pupils -> (header, rows)
    named: str  # what the preview calls it
    carries: frozenset[str]  # facts the layout has: upn, responsibility, priority, restricted
    mapping: tuple[tuple[str, str], ...] = ()


_ALL = frozenset({"upn", "year", "responsibility", "priority", "restricted"})
LAYOUT_FILES = {
    "sims": LayoutFile(sims, "a SIMS student contacts export", _ALL),
    "arbor": LayoutFile(arbor, "an Arbor students-and-guardians export", _ALL, ARBOR_MAP),
    "bromcom": LayoutFile(bromcom, "a Bromcom contacts export", _ALL),
    "integris": LayoutFile(integris, "an RM Integris contacts export", _ALL),
    "scholarpack": LayoutFile(scholarpack, "a ScholarPack pupils-and-contacts export", _ALL),
    "parentmail": LayoutFile(parentmail, "an IRIS ParentMail export",
                             frozenset({"year", "priority"})),
    "contact_numbered": LayoutFile(contact_numbered, "a “Contact 1 / Contact 2” export",
                                   frozenset({"upn", "year", "responsibility", "priority"})),
    "excel_made": LayoutFile(excel_made, "a list made by hand in Excel", frozenset()),
}


def write_layout(path, layout: str, pupils, encoding: str = "utf-8-sig"):
    """The file, its first data row written twice (duplicate rows are real), in
    ``encoding``; Windows-1252 writes "?" for what it cannot hold, as Excel does."""
    header, rows = LAYOUT_FILES[layout].write(pupils)
    rows = [rows[0], *rows]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    return path


def expected_people(pupils, carries: frozenset[str]) -> set[tuple]:
    """What ``export people`` should hold, as comparable rows: for a pupil (role, name, UPN,
    class, year); for an adult (role, name, title, salutation, email, phone, then per child
    by name: relationship, responsibility, priority, restricted)."""
    from avenue_desk.services.people.mis_rows import contact_role

    out = {("pupil", p.full_name, p.upn if "upn" in carries else "", p.class_name,
            p.year if "year" in carries else "") for p in pupils}
    adults: dict[tuple, list] = {}
    for p in pupils:
        for k in p.links:
            c = k.contact
            people = [(c.title, c.forename, c.email, c.phone)]
            if c.partner:
                people.append((c.partner[0], c.partner[1], "", ""))
            for title, forename, email, phone in people:
                role = contact_role(k.relationship, k.responsibility if
                                    "responsibility" in carries else None)
                key = (role, f"{forename} {c.surname}", title, c.salutation, email, phone)
                adults.setdefault(key, []).append((
                    p.full_name, k.relationship,
                    _yes(k.responsibility).lower() if "responsibility" in carries else "",
                    str(k.priority) if "priority" in carries else "",
                    "yes" if (k.restricted and "restricted" in carries) else ""))
    for key, linked in adults.items():
        out.add((*key, tuple(sorted(set(linked)))))
    return out


def exported_people(path) -> set[tuple]:
    """``export people``'s file as the same comparable rows."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["id"]: row["full_name"] for row in rows}
    out = set()
    for row in rows:
        if row["role"] == "pupil":
            out.add(("pupil", row["full_name"], row["mis_id"], row["class_name"],
                     row["year_group"]))
            continue
        ids = row["linked_pupil_ids"].split(";") if row["linked_pupil_ids"] else []
        relationships = row["relationships"].split(";") if ids else []
        priorities = row["priorities"].split(";") if ids else []
        linked = tuple(sorted({(names[i], r, row["parental_responsibility"], pr,
                                "yes" if row["restricted_access"] == "yes"
                                or row["court_order"] == "yes" else "")
                               for i, r, pr in zip(ids, relationships, priorities,
                                                   strict=True)}))
        out.add((row["role"], row["full_name"], row["title"], row["salutation"], row["email"],
                 row["phone"], linked))
    return out
