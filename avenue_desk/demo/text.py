"""The words of the demo incidents: fictional, plausible and mild, fit to show governors.

Placeholders: {school} the school's short name, {teacher} a member of staff as a parent
would name them ("Mrs Clarke"), {pupil} another child's first name, {child} the poster's
own child, {class} a class ("Oak class"), {event} a school event. Nothing here is
graphic: the racist and threatening examples are described, not quoted in full.
"""

from __future__ import annotations

# category -> ((excerpt, summary), ...)
POSTS: dict[str, tuple[tuple[str, str], ...]] = {
    "complaint": (
        ("Can't believe {school} have cancelled {event} AGAIN with one day's notice. Who is "
         "actually running this place?",
         "Complaint about the cancellation of {event}, posted instead of raised with the "
         "school."),
        ("Third week running {child}'s reading book hasn't been changed. Does anyone in "
         "{class} actually read with the kids?",
         "Complaint that reading books are not changed in {class}."),
        ("Dinner queue chaos again. {child} came home starving. Absolute joke.",
         "Complaint about school dinners and the lunch queue."),
        ("Homework over half term?? Some of us have lives. Typical {school}.",
         "Complaint about homework set over the holiday."),
        ("Paid for {event} weeks ago and still no letter about times. Shambles.",
         "Complaint about communication before {event}."),
        ("Parents' evening slots gone in ten minutes and nobody answers the phone in the "
         "office. Disgraceful.",
         "Complaint about booking parents' evening and the office phone."),
        ("Lost property is a disgrace. Third jumper gone this term. Does anyone care?",
         "Complaint about lost property."),
    ),
    "offensive": (
        ("{teacher} is useless. Worst teacher in the school and everyone knows it.",
         "Negative comment naming {teacher}."),
        ("Has anyone ever heard {teacher} say one nice thing to a child? Miserable.",
         "Negative comment about {teacher}'s manner with children."),
        ("Keep your kids away from {pupil} in {class}. That child is trouble.",
         "Negative comment about a named pupil in {class}."),
        ("{teacher} needs to retire. Clueless about what goes on in {class}.",
         "Negative comment about {teacher} and {class}."),
    ),
    "allegation": (
        ("I've heard {teacher} shouts at the little ones in {class} every single day. "
         "Someone should look into it.",
         "Allegation that {teacher} shouts at children in {class}."),
        ("{pupil} has been picking on {child} for weeks and the school does NOTHING. Bullying "
         "is allowed at {school} apparently.",
         "Allegation of bullying naming a pupil, posted before the school was told."),
        ("Apparently a child was left behind on {event} and it got covered up. Ask {teacher}.",
         "Allegation about supervision on {event}, naming {teacher}."),
    ),
    "defamatory": (
        ("Everyone knows the trip money at {school} goes missing. Ask where it really goes.",
         "Claim that the school misuses trip money."),
        ("{teacher} was pushed out of their last school, that's why they ended up here. "
         "Look it up.",
         "Untrue claim about {teacher}'s previous employment."),
        ("The head fiddles the test results every year. Common knowledge.",
         "Claim that the Headteacher falsifies test results."),
    ),
    "racist": (
        ("[Wording withheld in the demo: remarks about a family's nationality and which "
         "children 'belong' at {school}.]",
         "Racist remarks about a family in {class}; screenshot kept as evidence."),
        ("[Wording withheld in the demo: a joke about a member of staff's accent and "
         "background, naming {teacher}.]",
         "Racist comment about {teacher}; screenshot kept as evidence."),
    ),
    "threat": (
        ("If nobody sorts this out I'll be at the gate tomorrow to sort {teacher} out myself.",
         "Comment threatening to confront {teacher} at the school gate."),
        ("Next time {pupil} goes near my kid I'll deal with it myself. And the parents.",
         "Comment threatening a pupil's family."),
    ),
    "other": (
        ("[Photo of the {class} assembly with every child's face showing.]",
         "Photo of pupils shared publicly without consent."),
        ("[Screenshot of a private email from {teacher} shared with the whole group.]",
         "Private email from {teacher} shared in a parents' group."),
        ("Poll: who's the worst teacher at {school}? Vote below 👇",
         "Poll inviting parents to vote on staff."),
    ),
}

EVENTS = (
    "sports day", "the nativity", "the Christmas fair", "World Book Day", "the Year 6 "
    "residential", "the Year 4 trip to the Roman museum", "swimming lessons", "after-school "
    "football club", "the harvest assembly", "the summer fair", "the Year 2 farm visit",
)

# platform -> places a post was made ({school} and {class} filled in).
LOCATIONS: dict[str, tuple[str, ...]] = {
    "facebook": ("Facebook group '{school} Parents (unofficial)'", "Public comment on a "
                 "local news page's Facebook post", "Poster's own Facebook timeline (public)",
                 "Facebook group '{town} Mums & Dads'"),
    "whatsapp": ("WhatsApp group '{class} parents'", "WhatsApp group '{class} mums'",
                 "WhatsApp group 'Year group chat'"),
    "instagram": ("Instagram story", "Comment on an Instagram post"),
    "x_twitter": ("Post on X, tagging the school's account", "Reply on X"),
    "tiktok": ("TikTok video filmed outside the school gate", "Comments under a TikTok video"),
    "youtube": ("Comment under a YouTube video of the summer fair",),
    "school_forum": ("School website forum, thread 'Uniform swap'", "School website forum, "
                     "thread 'Clubs and activities'"),
    "other": ("Local community forum", "Nextdoor post", "Mumsnet thread"),
}

REPORTED_BY = ("Class teacher", "Another parent (asked not to be named)", "Office staff",
               "Chair of Governors", "Headteacher", "Member of staff who saw it", "PTA chair")

# step -> (notes, ...); {poster} is the parent's first name, {platform} the site.
NOTES: dict[str, tuple[str, ...]] = {
    "informal_discussion": (
        "Spoke to {poster} at the gate. Explained the policy and asked for the post to come "
        "down; {poster} said they would think about it.",
        "Phone call with {poster}: concerns to go through the complaints procedure, and the "
        "post to be removed.",
        "Spoke to {poster} in the office. Upset about {event}; agreed to talk to the class "
        "teacher instead of posting.",
        "",
    ),
    "report_to_site": (
        "Reported through {platform}'s Report option; screenshot taken first.",
        "Reported to {platform} as harassment. No reply yet.",
        "",
    ),
    "removal_request": (
        "Emailed {poster} asking for the comments to be removed immediately; copy of the "
        "policy attached.",
        "Letter handed to {poster} asking for the post to be taken down.",
        "",
    ),
    "headteacher_meeting": (
        "Meeting with {poster} and the Headteacher about the breaking of the AUP agreement "
        "and possible repercussions. Notes on file.",
        "{poster} came in to meet the Headteacher; agreed to raise concerns with the school "
        "first in future.",
    ),
    "parent_refused": (
        "{poster} refused to remove the post and has added further comments.",
        "No response from {poster}; a second post appeared in the same place.",
    ),
    "written_warning": (
        "Warning letter sent setting out the school's concerns and asking for the material "
        "to be removed.",
    ),
    "legal_advice": (
        "Spoke to the local authority's legal team; advice kept on file.",
        "Legal advice taken: the wording is likely defamatory. Governors informed.",
    ),
    "police": (
        "Reported to the Police on 101 (demo reference PC-{ref}). Safeguarding lead informed.",
        "Police community support officer visited the family; reference PC-{ref}.",
    ),
    "restrict_forum_access": (
        "Forum account suspended by the website administrator.",
    ),
    "contact_host": (
        "Complaint sent to {platform} with the link to the post, asking for removal.",
    ),
    "other_legal_action": (
        "Governors agreed to instruct solicitors; letter before action sent.",
    ),
    "content_removed": (
        "Checked: the post has gone.",
        "{poster} confirmed the post is deleted; the office checked.",
        "Post no longer visible; screenshot of the empty page kept.",
        "",
    ),
    "close": (
        "Closed: post removed and parent spoken to.",
        "Closed. No further posts seen.",
        "",
    ),
    "reopen": (
        "Reopened: a similar post appeared in the same place.",
    ),
}

OUTCOMES: dict[str, tuple[str, ...]] = {
    "informal_discussion": ("Parent agreed to remove the post", "Parent unhappy but listened",
                            ""),
    "removal_request": ("Awaiting reply", ""),
    "headteacher_meeting": ("Parent apologised", "Parent did not agree", ""),
    "parent_refused": ("Refused",),
    "content_removed": ("Removed",),
}
