"""What's new: the changelog's entries since the version this person last used.

After an update, the first sign-in shows them once (``offer_after_update``); Help › What's
new shows every version again (``WhatsNewDialog`` with everything). The version last used
is kept per person on this computer, in their own settings (QSettings, beside their window
layout, see ``window_state``), so each person at each desk sees it once. On a first-ever
run nothing is stored yet: there is nothing new to a new school, so the current version is
simply remembered.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from avenue_desk import __version__
from avenue_desk.paths import docs_path
from avenue_desk.policy.changelog import Release, newer_than, releases
from avenue_desk.ui.help_browser import GuideBrowser
from avenue_desk.ui.labels import uk_date

LAST_VERSION_KEY = "whatsNew/lastVersionSeen"
MISSING_TEXT = "The list of changes is not included with this copy of Avenue Desk."


def changelog_file() -> Path:
    """CHANGELOG.md at the top of a source checkout, or at the top of the built program's
    bundle (build.spec ships it beside docs/)."""
    return docs_path().parent / "CHANGELOG.md"


def changelog_text() -> str:
    try:
        return changelog_file().read_text(encoding="utf-8")
    except OSError:
        return ""


def last_version_seen() -> str | None:
    """The version this person last used on this computer, or None on a first-ever run."""
    value = QSettings().value(LAST_VERSION_KEY)
    return str(value) if value else None


def remember_version_seen(version: str = __version__) -> None:
    settings = QSettings()
    settings.setValue(LAST_VERSION_KEY, version)
    settings.sync()


def page_for(chosen: list[Release]) -> str:
    """The entries as one page, each headed "Version 0.15.0, 7 December 2026"."""
    parts = []
    for release in chosen:
        try:
            when = f", {uk_date(date.fromisoformat(release.date))}"
        except ValueError:
            when = f", {release.date}" if release.date else ""
        parts.append(f"## Version {release.version}{when}\n\n{release.body}\n")
    return "\n".join(parts) or MISSING_TEXT


class WhatsNewDialog(QDialog):
    """The chosen changelog entries, newest first, with a button for every version."""

    def __init__(self, chosen: list[Release], parent: QWidget | None = None,
                 *, after_update: bool = False):
        super().__init__(parent)
        self.setWindowTitle("What's new in Avenue Desk")
        self.resize(640, 560)
        self.releases = chosen
        self.intro = QLabel(
            f"Avenue Desk has been updated to version {__version__}. This is what has "
            "changed since you last used it." if after_update else
            f"This is Avenue Desk {__version__}. What each version added:")
        self.intro.setWordWrap(True)
        self.browser = GuideBrowser(self)
        self.browser.setMarkdown(page_for(chosen))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.every_version = QPushButton("Show every version")
        self.every_version.setToolTip("Everything Avenue Desk has added, from the first version")
        self.every_version.clicked.connect(self.show_every_version)
        buttons.addButton(self.every_version, QDialogButtonBox.ButtonRole.ActionRole)
        self.every_version.setVisible(after_update)  # Help › What's new shows them all
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)

    def shown_versions(self) -> list[str]:
        return [release.version for release in self.releases]

    def show_every_version(self) -> None:
        self.releases = releases(changelog_text())
        self.browser.setMarkdown(page_for(self.releases))
        self.every_version.setEnabled(False)


def every_version(parent: QWidget | None = None) -> WhatsNewDialog:
    """Help › What's new: every version in the changelog (opened by the caller)."""
    return WhatsNewDialog(releases(changelog_text()), parent)


def offer_after_update(parent: QWidget | None = None) -> WhatsNewDialog | None:
    """After an update, the entries since the version this person last used, opened beside
    the window (not blocking it), once; None when there is nothing new to say. The current
    version is remembered either way, so the next sign-in shows nothing."""
    seen = last_version_seen()
    remember_version_seen()
    if seen is None or seen == __version__:
        return None  # a first-ever run, or no update since last time
    chosen = newer_than(changelog_text(), seen)
    if not chosen:
        return None  # an older version again, or nothing in the changelog
    dialog = WhatsNewDialog(chosen, parent, after_update=True)
    dialog.open()
    return dialog
