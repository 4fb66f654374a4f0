"""The staff code of conduct for social networking, as a checklist everyone signs each year.

The second half of The Avenue's policy ("Social Networking Policy – Staff") applies to all
staff, volunteers and governors. Each item here carries the policy's own words, verbatim,
and a version derived from them: when the school changes one item's wording, only that
item needs acknowledging again. Nothing outside this module writes a rule's text.

Three kinds of item:

* ``principle`` and ``rule`` items are ticked: "I understand and will follow this".
* ``check`` items turn the code into yes/no questions about a person's own accounts, each
  worded so that "Yes" is the answer the code expects; "No" is a *failure* (to put right)
  or, where the code only "strongly recommends", simply recorded.

Four questions were first asked the other way round ("Have you given …?"). Answers stay
stored as given then: ``stored_question`` keeps that wording (and the version, so no one
signs again for a turned-round question), and ``asked_answer`` / ``stored_answer`` turn a
stored "yes"/"no" into the answer to the question as asked now, and back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ._lookup import get
from .conduct_breaches import (  # noqa: F401 - re-exported: the code's breaches paragraph
    BREACH_QUOTE,
    BREACHES_HEADING,
    BREACHES_LEAD,
    OUTCOMES,
    BreachOutcome,
    get_outcome,
)
from .quotes import AVENUE_2021, PolicyQuote, avenue

EDITION_KEY = AVENUE_2021
TICK_PROMPT = "I understand and will follow this"
_OPPOSITE = {"yes": "no", "no": "yes"}  # a stored answer to the opposite question
# What signing means, on screen and on the paper form (the school's words, not the policy's).
DECLARATION = ("I have read the code of conduct for social networking. By signing I confirm "
               "that I understand and will follow each item I have ticked, and that my answers "
               "to the questions are true.")

PRINCIPLES, NOT_ACCEPTABLE, MUST_ENSURE, CHECKS = (
    "principles", "not_acceptable", "must_ensure", "checks")


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # a page heading
    item_word: str  # "Commitment" -> "Commitment 7: …"
    lead: PolicyQuote | None  # the policy's sentence introducing the list, if it has one
    guidance: str  # plain words for the person at the PC (not policy text)


SECTIONS: tuple[Section, ...] = (
    Section(PRINCIPLES, "Key principles", "Key principle", None,
            "The four key principles the code rests on."),
    Section(NOT_ACCEPTABLE, "Not acceptable", "Not acceptable",
            avenue("The following are not considered acceptable at The Avenue Primary School:"),
            "Four things the code does not allow."),
    Section(MUST_ENSURE, "Twelve commitments", "Commitment",
            avenue("In addition to the above, everyone at The Avenue must ensure that they:"),
            "What everyone at The Avenue must ensure."),
    Section(CHECKS, "Your own accounts", "Check", None,
            "Five questions about your own social networking. Answer honestly: an answer "
            "that needs putting right is recorded so the school can help, and you can still "
            "finish. Add a note if it helps to explain."),
)

INTRODUCTION: tuple[PolicyQuote, ...] = (
    avenue("This refers to all persons linked to The Avenue such as Staff, Volunteers and "
           "Governors."),
    avenue("Social networking activities conducted online outside work, such as blogging "
           "(writing personal journals to publicly accessible internet pages), involvement in "
           "social networking sites such as Facebook and posting material, images or comments "
           "on sites such as You Tube can have a negative effect on an organisation's "
           "reputation or image. In addition, The Avenue has a firm commitment to "
           "safeguarding children in all aspects of its work."),
    avenue("This policy has been written to set out the key principles and code of conduct "
           "that we expect of all members of staff with respect to their responsibilities in "
           "connection with the use of social networking sites."),
)

AIMS: tuple[PolicyQuote, ...] = (
    avenue("To set out the key principles and code of conduct expected of all members of "
           "Staff, Governors and Volunteers at The Avenue in respect to social networking."),
    avenue("To further safeguard and protect children and staff."),
)


@dataclass(frozen=True)
class ConductItem:
    key: str  # stable: stored with every answer, never reused for another item
    section: str
    title: str  # a short name for lists and messages (ours, not the policy's)
    quote: PolicyQuote
    kind: str = "rule"  # "principle" / "rule" (ticked) or "check" (yes/no)
    question: str = ""  # checks only
    expected: bool | None = None  # checks only: the answer to ``question`` the code expects
    failure: bool = True  # checks only: a different answer is a failure, not just recorded
    if_unexpected: str = ""  # checks only: what to say to a different answer
    # Checks only: the opposite wording stored answers reply to ("" when it is ``question``).
    stored_question: str = ""

    @property
    def text(self) -> str:
        return self.quote.text

    @property
    def is_check(self) -> bool:
        return self.kind == "check"

    @property
    def version(self) -> str:
        """12 hex digits of SHA-256 over the words a person agrees to (and the question)."""
        question = self.stored_question or self.question
        words = self.quote.text if not self.is_check else f"{self.quote.text}\n{question}"
        return hashlib.sha256(words.encode("utf-8")).hexdigest()[:12]

    def asked_answer(self, stored: str) -> str:
        """A stored "yes"/"no" as the answer to ``question`` as asked now."""
        if self.stored_question and stored in _OPPOSITE:
            return _OPPOSITE[stored]
        return stored

    def stored_answer(self, asked: str) -> str:
        """The answer to ``question`` as it is stored (the inverse of ``asked_answer``)."""
        return self.asked_answer(asked)  # turning round is its own inverse

    @property
    def number(self) -> int:
        return [i.key for i in items_in(self.section)].index(self.key) + 1

    @property
    def label(self) -> str:
        """"Commitment 7: No personal contact details unless the Headteacher agrees"."""
        return f"{get_section(self.section).item_word} {self.number}: {self.title}"

    def is_failure(self, answer: bool | None) -> bool:
        return self.is_check and self.failure and answer is not None and answer != self.expected


def _rule(key: str, section: str, title: str, text: str, kind: str = "rule") -> ConductItem:
    return ConductItem(key, section, title, avenue(text), kind)


def _check(key: str, title: str, text: str, question: str, failure: bool, if_unexpected: str,
           stored_question: str = "") -> ConductItem:
    return ConductItem(key, CHECKS, title, avenue(text), "check", question, True, failure,
                       if_unexpected, stored_question)


_SAFEGUARDING = (
    "Safeguarding children is a key responsibility of all members of staff and it is essential "
    "that everyone at The Avenue considers this and acts responsibly if they are using social "
    "networking sites outside of school. Anyone working in the school either as a paid employee "
    "or volunteer must not communicate with pupils and ex-pupils via social networking and must "
    "not accept or initiate Facebook or any other social networking friend requests from pupils "
    "and ex-pupils enrolled at The Avenue.")
_PRIVATE = ("Ensure that personal social networking sites are set to private and pupils are "
            "never listed as approved contacts.")
_DETAILS = ("Not give their personal contact details to pupils, including their mobile "
            "telephone number.")
_PARENTS = ("It is strongly recommended that Facebook friend requests not be initiated to or "
            "accepted from parents.")

ITEMS: tuple[ConductItem, ...] = (
    _rule("principle_reputation", PRINCIPLES, "Protect the school's reputation; respect colleagues",
          "Everyone at The Avenue has a responsibility to ensure that they protect the reputation "
          "of school and to treat all colleagues with professionalism and respect.", "principle"),
    _rule("principle_allegations", PRINCIPLES, "Protect everyone from allegations",
          "It is important to protect everyone at The Avenue from allegations and "
          "misinterpretations which can arise from the use of social networking sites.",
          "principle"),
    _rule("principle_safeguarding", PRINCIPLES, "Safeguarding: no social networking with pupils",
          _SAFEGUARDING, "principle"),
    _rule("principle_outside_work", PRINCIPLES, "Not at work on school equipment",
          "This policy relates to social networking outside work. Accessing social networking "
          "sites at work using school equipment is not permitted unless it is being used by "
          "designated staff school publicity or promotion.", "principle"),
    _rule("na_name_logo", NOT_ACCEPTABLE, "The school's name or logo without written permission",
          "The use of the school's name, logo, or any other published material without written "
          "prior permission from the Headteacher. This applies to any published material "
          "including the internet or written documentation."),
    _rule("na_damaging_posts", NOT_ACCEPTABLE, "Posts that damage the school's reputation",
          "The posting of any communication or images which links the school to any form of "
          "illegal conduct or which may damage its reputation. This includes defamatory comments."),
    _rule("na_confidential", NOT_ACCEPTABLE, "Disclosing confidential information",
          "The disclosure of confidential or business-sensitive information; or the disclosure of "
          "information or images that could compromise the security of the school."),
    _rule("na_images", NOT_ACCEPTABLE, "Images from school activities",
          "The posting of any images of employees, children or anyone directly connected with the "
          "school whilst engaged in school activities except by a designated person for agreed "
          "publicity use."),
    _rule("me_no_derogatory", MUST_ENSURE, "No derogatory or inappropriate comments",
          "Do not make any derogatory, defamatory, rude, threatening or inappropriate comments "
          "about the school, or anyone at or connected with the school."),
    _rule("me_responsible", MUST_ENSURE, "Use social networking responsibly",
          "Use social networking sites responsibly and ensure that neither their personal/ "
          "professional reputation, or the school's reputation is compromised by inappropriate "
          "postings."),
    _rule("me_identity_fraud", MUST_ENSURE, "Beware of identity fraud",
          "Are aware of the potential of on-line identity fraud and to be cautious when giving "
          "out personal information about themselves which may compromise their personal safety "
          "and security."),
    _rule("me_boundaries", MUST_ENSURE, "Professional boundaries with pupils",
          "Communication between pupils and adults should take place within clear and explicit "
          "professional boundaries."),
    _rule("me_personal_info", MUST_ENSURE, "No personal information to a child",
          "Should not share any personal information with a child or young person."),
    _rule("me_transparent", MUST_ENSURE, "Open to scrutiny",
          "All communications are transparent and open to scrutiny."),
    _rule("me_contact_details", MUST_ENSURE, "Contact details only if the Headteacher agrees",
          "Personal contact details including email, home or mobile numbers should not be given "
          "unless the need to do so is agreed by the Headteacher."),
    _rule("me_private", MUST_ENSURE, "Private sites; pupils never contacts", _PRIVATE),
    _rule("me_pupil_sites", MUST_ENSURE, "Never use pupils' sites",
          "Never use or access social networking sites of pupils."),
    _rule("me_details_to_pupils", MUST_ENSURE, "No contact details to pupils", _DETAILS),
    _rule("me_personal_messages", MUST_ENSURE, "No personal messages to a child",
          "Not use internal or web based communication channels to send personal messages to a "
          "child/young person."),
    _rule("me_parent_requests", MUST_ENSURE, "Friend requests with parents", _PARENTS),
    _check("chk_private", "Profiles set to private", _PRIVATE,
           "Are all your personal social networking profiles set to private?", True,
           "Please set your profiles to private as soon as you can."),
    _check("chk_pupil_contacts", "No pupils as contacts", _PRIVATE,
           "Can you confirm that no pupils or ex-pupils of The Avenue are among your contacts, "
           "friends or followers?", True,
           "Please remove them, and tell the Headteacher if you need help.",
           "Are any pupils or ex-pupils of The Avenue among your contacts, friends or "
           "followers?"),
    _check("chk_pupil_requests", "No friend requests with pupils", _SAFEGUARDING,
           "Can you confirm that you have not sent a friend request to, or accepted one from, "
           "a pupil or ex-pupil?", True,
           "Please remove the connection, and tell the Headteacher.",
           "Have you sent a friend request to, or accepted one from, a pupil or ex-pupil?"),
    _check("chk_contact_details", "No contact details given to pupils", _DETAILS,
           "Can you confirm that you have not given your personal email, home or mobile "
           "number to a pupil?", True,
           "Please tell the Headteacher. If the Headteacher agreed it, say so in the note.",
           "Have you given your personal email, home or mobile number to a pupil?"),
    _check("chk_parent_requests", "Friend requests with parents", _PARENTS,
           "Can you confirm that you have not sent a Facebook friend request to, or accepted "
           "one from, a parent?", False,
           "Recorded. The code strongly recommends against this; it is not a failure.",
           "Have you sent a Facebook friend request to, or accepted one from, a parent?"),
)

# What the code says about the written permissions and designations the school keeps.
PERMISSION_QUOTE = ITEMS[4].quote
IMAGES_DESIGNATION_QUOTE = ITEMS[7].quote
ACCOUNTS_DESIGNATION_QUOTE = ITEMS[3].quote
CONTACT_EXCEPTION_QUOTE = ITEMS[14].quote


def conduct_items() -> tuple[ConductItem, ...]:
    """Every item, in the order of the policy (read at call time, so tests can swap them)."""
    return ITEMS


def items_in(section: str) -> tuple[ConductItem, ...]:
    return tuple(i for i in conduct_items() if i.section == section)


def get_item(key: str) -> ConductItem:
    return get("code of conduct item", {i.key: i for i in conduct_items()}, key)


def asked_answer(key: str, stored: str) -> str:
    """``ConductItem.asked_answer`` by key (an item no longer in the code: as stored)."""
    try:
        return get_item(key).asked_answer(stored)
    except ValueError:
        return stored


def get_section(key: str) -> Section:
    return get("code of conduct section", {s.key: s for s in SECTIONS}, key)


def form_code() -> str:
    """8 characters that change whenever any item's wording does: printed on paper forms,
    so the office can tell a form printed before a change from one printed after."""
    # The printed questions count too: a form where "Yes" meant a problem is another form.
    words = "".join(i.version + i.question for i in conduct_items())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:8].upper()


def conduct_quotes() -> tuple[PolicyQuote, ...]:
    """Every quote this module shows, for the catalogue's verbatim check."""
    found = [*INTRODUCTION, *AIMS, BREACHES_LEAD, BREACH_QUOTE,
             *(i.quote for i in conduct_items()),
             *(s.lead for s in SECTIONS if s.lead is not None)]
    return tuple(dict.fromkeys(found))
