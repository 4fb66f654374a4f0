"""The demo school's people: pupils in seven classes, their families, staff, volunteers and
governors. Pure Python; ``demo.py`` turns the result into rows."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from avenue_desk.demo.names import (
    CULTURE_BY_KEY,
    CULTURES,
    STAFF_WEIGHTS,
    STREETS,
    TOWN,
    Culture,
    Name,
    compose,
    given_names,
)

CLASSES: tuple[tuple[str, str], ...] = (
    ("Reception", "Acorn (R)"),
    ("Year 1", "Hazel (Y1)"),
    ("Year 2", "Rowan (Y2)"),
    ("Year 3", "Oak (Y3)"),
    ("Year 4", "Willow (Y4)"),
    ("Year 5", "Birch (Y5)"),
    ("Year 6", "Cedar (Y6)"),
)
PUPILS_PER_CLASS = 30
SCHOOL_DOMAIN = "elmgrove-primary.example"

# Who looks after the children of one family: (weight, ((role, relationship, sex), ...)).
HOUSEHOLDS: tuple[tuple[int, tuple[tuple[str, str, str], ...]], ...] = (
    (50, (("parent", "Mother", "f"), ("parent", "Father", "m"))),
    (14, (("parent", "Mother", "f"),)),
    (4, (("parent", "Father", "m"),)),
    (5, (("parent", "Mother", "f"), ("parent", "Stepfather", "m"))),
    (2, (("parent", "Mother", "f"), ("parent", "Mother", "f"))),
    (1, (("parent", "Father", "m"), ("parent", "Father", "m"))),
    (6, (("parent", "Mother", "f"), ("relative", "Grandmother", "f"))),
    (3, (("carer", "Grandmother (kinship carer)", "f"),
         ("carer", "Grandfather (kinship carer)", "m"))),
    (3, (("carer", "Foster carer", "f"), ("carer", "Foster carer", "m"))),
    (2, (("parent", "Father", "m"), ("relative", "Aunt", "f"))),
    (2, (("carer", "Special guardian", "f"),)),
)

STAFF_TITLES: tuple[tuple[str, str], ...] = (
    ("Headteacher", ""), ("Deputy Headteacher", ""), ("SENCo", ""),
    *(("Class teacher", c) for _, c in CLASSES),
    ("PE and music teacher", ""),
    *(("Teaching assistant", c) for _, c in CLASSES), ("Teaching assistant", ""),
    ("School business manager", ""), ("Office manager", ""), ("Administrative officer", ""),
    ("Site manager", ""), ("Midday supervisor", ""), ("Midday supervisor", ""),
    ("Midday supervisor", ""), ("Cook", ""),
)
VOLUNTEER_TITLES = ("Reading volunteer", "Reading volunteer", "Reading volunteer", "PTA chair",
                    "PTA treasurer", "Forest school helper", "Library helper",
                    "Gardening club helper", "School trip helper")
GOVERNOR_TITLES = ("Chair of Governors", "Vice-chair of Governors", "Parent governor",
                   "Parent governor", "Local authority governor", "Co-opted governor",
                   "Co-opted governor", "Co-opted governor", "Co-opted governor",
                   "Foundation governor")


@dataclass
class DemoPerson:
    name: Name
    role: str
    title: str = ""  # job title for staff, volunteers and governors
    class_name: str = ""
    year_group: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    mis_id: str = ""
    honorific: str = ""
    surname: tuple[str, str] = ("", "")  # (native, Latin), maybe "Kowalski|Kowalska"
    id: int = 0
    children: list[DemoPerson] = field(default_factory=list)

    @property
    def formal(self) -> str:
        """How a parent names a member of staff: "Mrs Clarke"."""
        return f"{self.honorific} {self.name.latin_family}" if self.honorific else self.name.full


@dataclass
class School:
    staff: list[DemoPerson]
    volunteers: list[DemoPerson]
    governors: list[DemoPerson]
    pupils: list[DemoPerson]
    adults: list[DemoPerson]
    links: list[tuple[int, int, str]]  # adult id, pupil id, relationship

    @property
    def everyone(self) -> list[DemoPerson]:
        return self.staff + self.volunteers + self.governors + self.pupils + self.adults

    @property
    def head(self) -> DemoPerson:
        return self.staff[0]

    def staff_titled(self, title: str) -> list[DemoPerson]:
        return [p for p in self.staff if p.title == title]


def ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L")
                                   .replace("đ", "d").replace("Đ", "D").replace("ı", "i"))
    return "".join(ch for ch in folded if ch.isascii() and (ch.isalnum() or ch in "-"))


class _Builder:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.emails: set[str] = set()
        self.phones = 0
        self.first_of: set[str] = set()
        self.full_names: set[str] = set()
        self.deck: list[Culture] = []

    def culture(self) -> Culture:
        """Cultures dealt from a shuffled deck, so every one of them is at the school."""
        if not self.deck:
            self.deck = [c for c in CULTURES for _ in range(c.weight)]
            self.rng.shuffle(self.deck)
        return self.deck.pop()

    def staff_culture(self) -> Culture:
        keys = list(STAFF_WEIGHTS)
        return CULTURE_BY_KEY[self.rng.choices(keys, [STAFF_WEIGHTS[k] for k in keys])[0]]

    def name(self, culture: Culture, female: bool, adult: bool, surname=None,
             native: bool = False) -> Name:
        """A name not yet used at the school (two Kirsty Robertses would only confuse)."""
        for _ in range(8):
            given = self.rng.choice(given_names(culture, female, adult))
            name = compose(culture, given, surname or self.rng.choice(culture.surnames), female,
                           native)
            if name.full not in self.full_names:
                break
        self.full_names.add(name.full)
        return name

    def email(self, name: Name, domain: str) -> str:
        base = f"{ascii_fold(name.latin_given)}.{ascii_fold(name.latin_family)}".lower()
        base = base.replace(" ", "")
        address, n = f"{base}@{domain}", 1
        while address in self.emails:
            n += 1
            address = f"{base}{n}@{domain}"
        self.emails.add(address)
        return address

    def phone(self) -> str:
        # Ofcom keeps 07700 900000-900999 for drama: never a real number.
        self.phones = (self.phones + 1) % 1000
        return f"07700 900{self.phones:03d}"

    def address(self) -> str:
        rng = self.rng
        postcode = f"AV{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        postcode += rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        return f"{rng.randint(1, 140)} {rng.choice(STREETS)}\n{TOWN}\n{postcode}"

    def worker(self, role: str, title: str, class_name: str = "") -> DemoPerson:
        female = self.rng.random() < (0.8 if role == "staff" else 0.6)
        name = self.name(self.staff_culture(), female, True)
        if female:
            honorific = self.rng.choice(("Mrs", "Mrs", "Ms", "Miss"))
        else:
            honorific = "Mr"
        domain = SCHOOL_DOMAIN if role == "staff" else "example.org"
        return DemoPerson(name, role, title, class_name=class_name, honorific=honorific,
                          email=self.email(name, domain),
                          phone="" if role == "staff" else self.phone())


def _household(b: _Builder, culture: Culture) -> list[tuple[DemoPerson, str]]:
    rng = b.rng
    weights = [w for w, _ in HOUSEHOLDS]
    members = rng.choices([h for _, h in HOUSEHOLDS], weights)[0]
    first = culture.key not in b.first_of
    b.first_of.add(culture.key)
    # In a script culture the first family (then about half) is recorded in its own script.
    native = culture.script and (first or rng.random() < 0.5)
    surname = rng.choice(culture.surnames)
    if first and culture.key == "irish":
        surname = ("O'Neill", "O'Neill")
    address, out = b.address(), []
    for i, (role, relationship, sex) in enumerate(members):
        own_culture, own_surname = culture, surname
        if i > 0 and (rng.random() < 0.4 or (first and culture.key == "english")):
            if rng.random() < 0.3:  # a family of two cultures
                own_culture = b.culture()
            own_surname = rng.choice(own_culture.surnames)
        name = b.name(own_culture, sex == "f", True, own_surname,
                      native and own_culture is culture)
        person = DemoPerson(name, role, email=b.email(name, rng.choice(
            ("example.com", "example.net", "example.org"))), phone=b.phone(), address=address,
            surname=own_surname)
        out.append((person, relationship))
    return out


def _children_surname(b: _Builder, adults: list[DemoPerson], first_english: bool) -> tuple:
    """Children are recorded in Latin script; their surname keeps both gendered forms."""
    latin = [a.surname[1] for a in adults]
    plain = not any(ch in "".join(latin) for ch in "-| ")
    if len(set(latin)) > 1 and plain and (first_english or b.rng.random() < 0.25):
        joined = "-".join(latin[:2])
        return (joined, joined)
    chosen = b.rng.choice(adults[:1] * 3 + adults[1:])
    return (chosen.surname[1], chosen.surname[1])


def build_school(rng: random.Random) -> School:
    b = _Builder(rng)
    staff = [b.worker("staff", t, c) for t, c in STAFF_TITLES]
    volunteers = [b.worker("volunteer", t) for t in VOLUNTEER_TITLES]
    governors = [b.worker("governor", t) for t in GOVERNOR_TITLES]
    room = {year: PUPILS_PER_CLASS for year, _ in CLASSES}
    classes = dict(CLASSES)
    families: list[tuple[list[tuple[DemoPerson, str]], list[DemoPerson]]] = []
    while any(room.values()):
        culture = b.culture()
        first_english = culture.key == "english" and "english" not in b.first_of
        household = _household(b, culture)
        adults = [p for p, _ in household]
        wanted = rng.choices((1, 2, 3), (60, 32, 8))[0]
        open_years = [y for y, n in room.items() if n]
        years = rng.sample(open_years, min(wanted, len(open_years)))
        surname = _children_surname(b, adults, first_english)
        children = []
        for year in sorted(years, key=list(classes).index):
            room[year] -= 1
            female = rng.random() < 0.5
            name = b.name(culture, female, False, surname)
            children.append(DemoPerson(name, "pupil", class_name=classes[year], year_group=year,
                                       address=adults[0].address))
        families.append((household, children))
    order = {year: i for i, (year, _) in enumerate(CLASSES)}
    pupils = sorted((c for _, kids in families for c in kids),
                    key=lambda p: (order[p.year_group], p.name.latin_family, p.name.latin_given))
    adults = [p for household, _ in families for p, _ in household]
    everyone = staff + volunteers + governors + pupils + adults
    for number, person in enumerate(everyone, start=1):
        person.id = number
    for number, pupil in enumerate(pupils, start=1):
        pupil.mis_id = f"DEMO{number:04d}"
    links = []
    for household, children in families:
        for adult, relationship in household:
            adult.children = children
            links.extend((adult.id, child.id, relationship) for child in children)
    return School(staff, volunteers, governors, pupils, adults, links)
