"""The column names school MIS exports use for pupils and their contacts, as pure data.

Header names are compared as ``header_key`` makes them (case-folded, letters and digits
only: "Forename(s)" is ``forenames``). Three tables say what a column means:

- ``PUPIL_COLUMNS``: the pupil's own columns, each with a rank; when a row fills two columns
  for one field the lower rank wins (the preferred forename is the name the office and the
  parents use; the UPN, unlike an admission number, is unique across every school).
- ``CONTACT_FIELDS``: what follows a contact prefix ("Contact 1 ", "Parent ", "Priority 2
  Contact ", "Guardian ") in a contact's column.
- ``UNPREFIXED_CONTACT``: columns with no prefix that can only be a contact's (a primary
  pupil has no email, title or parental responsibility), for files with one row per pupil
  and contact.

``LAYOUTS`` names the exports the app knows, each by the header keys that identify it and
where its column names come from, so the preview can say "This looks like a Bromcom
contacts export". Recognising a layout only names it: every column is still read through
the tables above, and a column whose meaning is ambiguous is asked about, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

# Fields a column may be given (``--map "FIELD=COLUMN"``), as the office reads them.
PUPIL_FIELDS = {"name": "pupil's full name", "forename": "pupil's forename",
                "surname": "pupil's surname", "mis_id": "pupil's MIS id (UPN)",
                "class_name": "class", "year_group": "year group"}
CONTACT_FIELD_LABELS = {
    "name": "contact's full name", "title": "contact's title", "forename": "contact's forename",
    "surname": "contact's surname", "salutation": "contact's salutation",
    "relationship": "relationship to the pupil", "email": "contact's email",
    "phone": "contact's phone", "mis_id": "contact's MIS id",
    "responsibility": "parental responsibility", "priority": "contact's priority",
    "court_order": "court order", "restricted": "restricted access",
    "court_order_restricted": "court order / restricted access",
}

_NAME = ("name", "pupilname", "pupil", "fullname", "pupilfullname", "studentname",
         "childname", "childsname", "learnername", "studentfullname", "childfullname")
_FORENAME_PLAIN = ("forename", "forenames", "firstname", "givenname")
_SURNAME_PLAIN = ("surname", "lastname", "familyname")
# Prefixes a pupil's own column may carry ("Student Forename", "Child's Surname").
PUPIL_PREFIXES = ("pupil", "student", "child", "childs", "learner")

PUPIL_COLUMNS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(_NAME, ("name", 0)),
    **dict.fromkeys(("preferredforename", "preferredfirstname", "knownname", "knownas",
                     "preferredname", "chosenforename"), ("forename", 0)),
    **dict.fromkeys(_FORENAME_PLAIN, ("forename", 1)),
    **dict.fromkeys(("legalforename", "legalfirstname", "legalforenames"), ("forename", 2)),
    **dict.fromkeys(("preferredsurname", "preferredlastname"), ("surname", 0)),
    **dict.fromkeys(_SURNAME_PLAIN, ("surname", 1)),
    **dict.fromkeys(("legalsurname", "legallastname"), ("surname", 2)),
    **dict.fromkeys(("upn", "uniquepupilnumber", "misid", "pupilid", "studentid"),
                    ("mis_id", 0)),
    **dict.fromkeys(("admissionnumber", "admissionno", "adno"), ("mis_id", 1)),
    **dict.fromkeys(("class", "classname", "reggroup", "registrationgroup", "registrationform",
                     "reg", "regform", "form", "formgroup", "tutorgroup", "currentclass"),
                    ("class_name", 0)),
    **dict.fromkeys(("year", "yeargroup", "ncyear", "nationalcurriculumyear",
                     "curriculumyear", "currentyear"), ("year_group", 0)),
}
# The plain name columns: a pupil's unless the file also has the pupil's name in a qualified
# column (legal, preferred, "Student ...") and a contact with no name column of its own,
# when they may just as well be the contact's (Arbor's guardians export): then asked.
PLAIN_NAME_COLUMNS = frozenset(_FORENAME_PLAIN + _SURNAME_PLAIN)

CONTACT_FIELDS: dict[str, str] = {
    **dict.fromkeys(("name", "fullname"), "name"),
    **dict.fromkeys(("forename", "forenames", "firstname", "givenname"), "forename"),
    **dict.fromkeys(("surname", "lastname", "familyname"), "surname"),
    "title": "title",
    **dict.fromkeys(("salutation", "addressee", "parentalsalutation"), "salutation"),
    **dict.fromkeys(("relationship", "relation", "relationshiptopupil", "relationshiptochild",
                     "relationshiptostudent", "relationshiptype"), "relationship"),
    **dict.fromkeys(("email", "emailaddress", "personalemailaddress", "personalemail",
                     "homeemail", "mainemail"), "email"),
    **dict.fromkeys(("phone", "telephone", "tel", "mobile", "mobilephone", "mobilenumber",
                     "phonenumber", "telephonenumber", "mobiletelephone", "hometelephone",
                     "homephone", "mainphone"), "phone"),
    **dict.fromkeys(("id", "misid", "contactid", "personid"), "mis_id"),
    **dict.fromkeys(("parentalresponsibility", "hasparentalresponsibility", "pr"),
                    "responsibility"),
    **dict.fromkeys(("priority", "contactpriority", "contactorder"), "priority"),
    **dict.fromkeys(("courtorder", "hascourtorder"), "court_order"),
    **dict.fromkeys(("restrictedaccess", "norestrictedaccess", "accessrestricted"),
                    "restricted"),
    **dict.fromkeys(("courtorderrestrictedaccess", "restrictedaccesscourtorder"),
                    "court_order_restricted"),
}
# Words a contact's columns start with ("Contact 1 Email", "Parent Email", "Guardian 2 Name").
CONTACT_WORDS = ("contact", "parentcarer", "parent", "carer", "guardian", "adult")

# Unprefixed columns that are a contact's in a file with one row per pupil and contact.
UNPREFIXED_CONTACT: dict[str, str] = {
    **dict.fromkeys(("primarycontact", "primarycontactname", "maincontact"), "name"),
    "title": "title", "salutation": "salutation", "addressee": "salutation",
    **{key: "relationship" for key, field in CONTACT_FIELDS.items() if field == "relationship"},
    **{key: "email" for key, field in CONTACT_FIELDS.items() if field == "email"},
    **{key: "phone" for key, field in CONTACT_FIELDS.items()
       if field == "phone" and key != "tel"},
    **{key: field for key, field in CONTACT_FIELDS.items()
       if field in ("responsibility", "priority", "court_order", "restricted",
                    "court_order_restricted")},
    "contactid": "mis_id",
}


@dataclass(frozen=True)
class Layout:
    key: str
    name: str  # "a Bromcom contacts export": finishes "This looks like …"
    source: str  # where these column names come from
    signature: frozenset[str]  # header keys that, all present, identify it
    rows: str  # "one row per pupil and contact" or "one row per pupil"
    # Column choices for the ambiguities this layout is known to have, offered as --map.
    suggested_map: tuple[tuple[str, str], ...] = ()


def _keys(*names: str) -> frozenset[str]:
    return frozenset("".join(ch for ch in n.casefold() if ch.isalnum()) for n in names)


PER_CONTACT = "one row per pupil and contact"
PER_PUPIL = "one row per pupil, contacts in numbered columns"

# Most specific first: the first whose signature the header holds is named.
LAYOUTS: tuple[Layout, ...] = (
    Layout("arbor_guardians", "an Arbor students-and-guardians export",
           "Arbor's student report with guardian columns (“Legal First Name”, “Registration "
           "Form”, guardian “First Name”/“Last Name”), as the files in issue 15 have them",
           _keys("Legal First Name", "Registration Form", "Relationship"), PER_CONTACT,
           (("contact.forename", "First Name"), ("contact.surname", "Last Name"))),
    Layout("bromcom_contacts", "a Bromcom contacts export",
           "Bromcom's “Student Contacts” report (“Student Name”, “Contact Name”, “Contact "
           "Priority”, “Court Order”), as the files in issue 15 have them",
           _keys("Student Name", "Contact Name", "Contact Priority"), PER_CONTACT),
    Layout("integris_contacts", "an RM Integris contacts export",
           "RM Integris's pupil contacts report (“Legal Surname”, “Registration Group”, “NC "
           "Year”, “Contact Forename”, “Salutation”)",
           _keys("Legal Surname", "Registration Group", "Contact Forename"), PER_CONTACT),
    Layout("sims_contacts", "a SIMS student contacts export",
           "SIMS's “Student Contacts” report (“Adno”, “Reg Group”, “Contact Surname”, "
           "“Parental Responsibility”, “Priority”)",
           _keys("Adno", "Reg Group", "Contact Surname"), PER_CONTACT),
    Layout("scholarpack", "a ScholarPack pupils-and-contacts export",
           "ScholarPack's pupil export with numbered contacts (“Contact 1 Forename”, “Contact "
           "1 Parental Responsibility”)",
           _keys("Contact 1 Forename", "Contact 1 Parental Responsibility"), PER_PUPIL),
    Layout("parentmail", "an IRIS ParentMail export",
           "IRIS ParentMail's pupil and parent import file (“Child Forename”, “Parent 1 "
           "Email”)", _keys("Child Forename", "Parent 1 Email"), PER_PUPIL),
    Layout("contact_numbered", "a “Contact 1 / Contact 2” export (Juniper, Arbor and others)",
           "the numbered-contact layout Juniper's and Arbor's integrations read (“Contact 1 "
           "Name”, “Contact 2 Name”)", _keys("Contact 1 Name", "Contact 2 Name"), PER_PUPIL),
    Layout("excel_made", "a list made by hand in Excel",
           "the shape office spreadsheets take (“Child's name”, “Parent's name”, “Parent "
           "email”)", _keys("Child's name", "Parent's name"), PER_CONTACT),
    Layout("app_export", "Avenue Desk's own template", "the template the import window saves",
           _keys("Forename", "Surname", "UPN", "Contact 1 Name"), PER_PUPIL),
)


def recognise_layout(keys: tuple[str, ...] | frozenset[str]) -> Layout | None:
    """The first layout whose identifying headers the file has, or None."""
    present = frozenset(keys)
    return next((layout for layout in LAYOUTS if layout.signature <= present), None)
