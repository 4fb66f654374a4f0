"""Which part of the user guide each screen's F1 opens, and the "What's this?" texts of the
fields people get wrong: the one place for both.

A screen is named by its class ("module.Class"): F1 walks up from the widget with the
keyboard focus and the first screen in ``SCREEN_HELP`` it meets decides (so F1 on the
Escalation tab opens the escalation section, elsewhere in the incident its own section).
A target is a page of the guide and the anchor of one of its headings, as the guide's own
links write them; ``tests/ui/test_help.py`` checks that every class and every anchor here
exists, so renaming a heading or a dialog breaks a test, not the user's F1.

The "What's this?" texts are kept here too, rather than beside each widget: several of
those dialogs are other people's work in progress, and one table applied from one place
(``help_keys``, when the screen is first shown) keeps them in step with the guide, and
lets one test check each field still exists. A text is applied to every widget named by
its attribute path (``"ui.platform"`` is ``dialog.ui.platform``), label and box alike.
Standard library only.
"""

from __future__ import annotations

from functools import cache

GUIDE = "user-guide.md"
ESCALATION = "guide/escalating-and-letters.md"
CONDUCT = "guide/staff-code-of-conduct.md"
ACCOUNTS = "guide/accounts-and-audit.md"
BACKUPS = "guide/backups-and-checks.md"
RETENTION = "guide/retention-and-subject-access.md"
GOVERNORS = "guide/governors.md"
POSTER = "guide/chronologies-and-accounts.md"
EVIDENCE = "guide/evidence-and-platform-reports.md"
ENCRYPTION = "guide/encryption.md"

START = GUIDE  # where F1 opens when nothing on the screen has a section of its own
GETTING_HELP = f"{GUIDE}#getting-help"
SIGNING_IN = f"{GUIDE}#signing-in-and-the-screen-lock"
FIRST_RUN = f"{GUIDE}#first-run"
LOGGING = f"{GUIDE}#logging-an-incident"
CORRECTING = f"{ESCALATION}#correcting-or-withdrawing-a-step"
WIZARD = f"{CONDUCT}#signing-the-wizard"
CODE_RECORDS = f"{CONDUCT}#permissions-designated-people-exceptions-and-breaches"
TURNING_ON = f"{ENCRYPTION}#turning-it-on-at-a-school-that-started-with-an-older-version"

SCREEN_HELP: dict[str, str] = {
    # The main window's sections.
    "avenue_desk.ui.views.home.HomeView": f"{GUIDE}#the-home-page-what-needs-attention-today",
    "avenue_desk.ui.views.incidents.IncidentsView": f"{GUIDE}#finding-incidents",
    "avenue_desk.ui.views.people.PeopleView": f"{GUIDE}#people",
    "avenue_desk.ui.views.conduct.ConductView": f"{CONDUCT}#the-register",
    "avenue_desk.ui.views.own_conduct.OwnConductView": WIZARD,
    "avenue_desk.ui.views.reports.ReportsView":
        f"{GOVERNORS}#the-report-to-governors-the-guidance-sheet-and-the-policys-review",
    "avenue_desk.ui.views.settings.SettingsView": f"{GUIDE}#settings",
    "avenue_desk.ui.views.accounts.AccountsView": f"{ACCOUNTS}#accounts",
    "avenue_desk.ui.views.audit.AuditView": f"{ACCOUNTS}#the-audit-trail",
    # Windows opened from them.
    "avenue_desk.ui.views.backups.BackupsDialog":
        f"{BACKUPS}#backups-restoring-and-checking-the-records",
    "avenue_desk.ui.views.retention.RetentionDialog": f"{RETENTION}#how-long-records-are-kept",
    "avenue_desk.ui.views.letter_templates.LetterWordingDialog":
        f"{ESCALATION}#changing-the-wording",
    "avenue_desk.ui.dialogs.incident_editor.IncidentEditor": LOGGING,
    "avenue_desk.ui.widgets.course_of_conduct.CourseOfConductPanel":
        f"{POSTER}#course-of-conduct",
    "avenue_desk.ui.widgets.evidence_panel.EvidencePanel": f"{EVIDENCE}#capturing-evidence",
    "avenue_desk.ui.widgets.platform_reports_panel.PlatformReportsPanel":
        f"{EVIDENCE}#reports-to-the-platform",
    "avenue_desk.ui.widgets.chronology_panel.ChronologyPanel":
        f"{POSTER}#a-persons-chronology",
    "avenue_desk.ui.dialogs.social_accounts.SocialAccountsDialog":
        f"{POSTER}#social-media-accounts",
    "avenue_desk.ui.widgets.escalation_panel.EscalationPanel":
        f"{ESCALATION}#the-escalation-tab",
    "avenue_desk.ui.widgets.referral_panel.ReferralPanel":
        f"{ESCALATION}#the-police-referral-pack",
    "avenue_desk.ui.dialogs.record_action.RecordActionDialog":
        f"{ESCALATION}#recording-a-step",
    "avenue_desk.ui.dialogs.correct_step.CorrectStepDialog": CORRECTING,
    "avenue_desk.ui.dialogs.withdraw_step.WithdrawStepDialog": CORRECTING,
    "avenue_desk.ui.dialogs.follow_up_done.FollowUpDoneDialog": f"{ESCALATION}#recording-a-step",
    "avenue_desk.ui.dialogs.letter_dialog.LetterDialog": f"{ESCALATION}#making-one-letter",
    "avenue_desk.ui.dialogs.batch_letters.BatchLettersDialog":
        f"{ESCALATION}#many-letters-at-once",
    "avenue_desk.ui.dialogs.person_dialog.PersonDialog": f"{GUIDE}#people",
    "avenue_desk.ui.dialogs.people_import.PeopleImportDialog":
        f"{GUIDE}#importing-people-from-your-mis",
    "avenue_desk.ui.dialogs.conduct_wizard.ConductWizard": WIZARD,
    "avenue_desk.ui.dialogs.paper_form_dialog.PaperFormDialog": WIZARD,
    "avenue_desk.ui.dialogs.breach_dialog.BreachDialog": CODE_RECORDS,
    "avenue_desk.ui.dialogs.authorisation_dialog.AuthorisationDialog": CODE_RECORDS,
    "avenue_desk.ui.dialogs.account_dialog.AccountDialog": f"{ACCOUNTS}#accounts",
    "avenue_desk.ui.dialogs.account_dialog.ResetPasswordDialog": f"{ACCOUNTS}#accounts",
    "avenue_desk.ui.dialogs.change_password.ChangePasswordDialog": SIGNING_IN,
    "avenue_desk.ui.dialogs.encrypt_records.ConfirmEncryptionDialog": TURNING_ON,
    "avenue_desk.ui.dialogs.encrypt_records.RecordsEncryptedDialog": TURNING_ON,
    # Before and around signing in.
    "avenue_desk.ui.dialogs.first_admin.FirstAdminDialog": FIRST_RUN,
    "avenue_desk.ui.dialogs.recovery_code.RecoveryCodeDialog": FIRST_RUN,
    "avenue_desk.ui.dialogs.first_run.FirstRunDialog": FIRST_RUN,
    "avenue_desk.ui.dialogs.sign_in.SignInDialog": SIGNING_IN,
    "avenue_desk.ui.widgets.lock_screen.LockScreen": SIGNING_IN,
    # F1 in the guide itself: how to use it.
    "avenue_desk.ui.help_window.HelpWindow": GETTING_HELP,
}

DATE_FORMS = ("Type it day first: 03/12/2026, 3/12/26, 3 Dec, today or yesterday; or press "
              "Alt+Down to choose it from a calendar.")

CSV_FILE = ("An Excel file (.xlsx) cannot be read: in Excel, choose File \u203a Save As and "
            "\u201cCSV UTF-8 (Comma delimited)\u201d.")

WHATS_THIS: dict[str, dict[tuple[str, ...], str]] = {
    "avenue_desk.ui.dialogs.incident_editor.IncidentEditor": {
        ("posted_on", "ui.posted_on_label"):
            "The day the post was made. If nobody knows, the day it was first seen. "
            f"{DATE_FORMS} It cannot be in the future, and it decides which edition of the "
            "policy the incident is judged by.",
        ("seen_on", "ui.seen_on_label"):
            "The day someone at school first saw the post, if later than it was posted. "
            f"Leave it empty if nobody knows. {DATE_FORMS}",
        ("ui.platform", "ui.platform_label"):
            "The site or app it was posted on. Choose Other for anything not listed and say "
            "which in Exactly where. A page the school runs itself: tick Posted on the "
            "school's own website or forum as well.",
        ("ui.location", "ui.location_label"):
            "Where exactly, so someone can find it again: the group, page or thread "
            "(\u201cYear 4 parents WhatsApp group\u201d), or the web address copied from the "
            "browser.",
    },
    "avenue_desk.ui.widgets.evidence_panel.EvidencePanel": {
        ("add_button",):
            "Add screenshots, PDFs or saved web pages as evidence (or drag them onto this "
            "panel). Each file is copied into Avenue Desk's own folder and fingerprinted, so "
            "a later change to it shows in red. The largest file allowed is set in Settings.",
    },
    "avenue_desk.ui.views.people.PeopleView": {
        ("import_button",):
            "Bring pupils and their contacts in from the school's MIS (SIMS, Arbor, "
            f"Bromcom\u2026) as a CSV file. {CSV_FILE} Nothing is saved until you have seen "
            "what it would add, update and refuse.",
    },
    "avenue_desk.ui.dialogs.people_import.PeopleImportDialog": {
        ("choose_button", "file_label"):
            "The list of pupils with their contacts, exported from the MIS as a CSV file. "
            f"{CSV_FILE} Columns are known by their names (Forename, Reg Group, Contact 1 "
            "Email\u2026): Save a template CSV\u2026 gives the names it knows.",
    },
    "avenue_desk.ui.dialogs.record_action.RecordActionDialog": {
        ("taken_by",):
            "Who took this step, with their role, as it should read on the timeline and in "
            "the police referral pack: for example \u201cMrs Shah, Headteacher\u201d. It "
            "may be someone other than you.",
        ("outcome",):
            "What came of the step, in a sentence: for example \u201cParent agreed to "
            "delete the post\u201d. Anything longer goes in Notes.",
        ("follow_up",):
            "When to check again. For steps that wait for an answer Avenue Desk suggests a "
            "date (a week on, unless Settings says otherwise, moved to the next school day: "
            "never a weekend, bank holiday or school holiday); change it, or Clear for no "
            "follow-up. A date without a year is the coming one. It shows on the home page "
            f"when due, in red once overdue. {DATE_FORMS}",
    },
    "avenue_desk.ui.dialogs.conduct_pages.SignPage": {
        ("name", "name_label"):
            "Type your full name, as the school has it, as your signature. A title (Mr, "
            "Mrs, Ms, Dr\u2026) may be put in or left out; capital letters and extra spaces "
            "do not matter.",
    },
}


def class_path(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@cache  # asked at every F1 and every widget shown: the answer for a class never changes
def screen_target(cls: type) -> str | None:
    """The guide's section for a screen of this class (or of a class it is made from)."""
    for base in cls.__mro__:
        target = SCREEN_HELP.get(class_path(base))
        if target is not None:
            return target
    return None


@cache
def whats_this_texts(cls: type) -> dict[tuple[str, ...], str]:
    """The texts for a screen of this class, its own over those of the classes below it."""
    texts: dict[tuple[str, ...], str] = {}
    for base in reversed(cls.__mro__):
        texts.update(WHATS_THIS.get(class_path(base), {}))
    return texts
