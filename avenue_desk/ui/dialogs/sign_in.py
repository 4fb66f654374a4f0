"""Signing in: username and password, with messages that say what to do next.

The password is checked in the background (argon2 is slow on purpose): the dialog says
"Signing in…" and stays responsive, its button disabled so it is not pressed twice.

An encrypted school's records cannot open before someone signs in (docs/encryption.md):
then the dialog is given a way to open them (``open_records_with``), and the password
first unwraps the records' key, in the background too; the records open, and the same
password then signs in as usual, so it is typed once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from avenue_desk.ui.operations import BackgroundOp, problem_text
from avenue_desk.ui.style import set_role
from avenue_desk.ui.widgets.field_errors import clear_when_edited
from avenue_desk.ui.widgets.password_fields import (
    error_label,
    heading,
    note,
    password_box,
    working_label,
)

DEMO_OFFER = "Trying Avenue Desk out? The demo school, with made-up records, is kept apart."
IN_DEMO = ("This is the demo school: every record in it is made up. To go back to your own "
           "school, quit and start Avenue Desk again.")
FORGOTTEN = ("Ask the Headteacher to set a temporary password for you (Accounts, then “Reset "
             "password”). If you are the Headteacher, use the recovery code you kept when "
             "Avenue Desk was set up.")


OPEN_DEMO = 3  # the result when the demo school was asked for (sign_in_flow.OPEN_DEMO)


class SignInDialog(QDialog):
    """Accepted once signed in; ``actor`` is then the person signed in.

    ``recovery_requested`` asks the caller to open the recovery-code dialog; "Open the demo
    school" (``offer_demo``) closes it with ``OPEN_DEMO``. ``accounts``
    may be None while the records are still being opened (the app paints this dialog first):
    ``set_accounts`` gives them, and signing in waits until then.
    """

    recovery_requested = Signal()
    records_unlocked = Signal()  # the password opened the records' key: they can now open

    def __init__(self, accounts, school_name: str = "", parent=None, username: str = ""):
        super().__init__(parent)
        self._accounts = accounts
        self.actor = None
        self.signing_in: BackgroundOp | None = None
        self.sign_in_when_open = False  # Enter was pressed while the records were opening
        self._unlock = None  # (username, password) -> None: opens encrypted records' key
        self.opens_records = False  # encrypted records, locked when it was shown
        self.key_opened = False  # its password opened their key: the records can open now
        self.setWindowTitle("Sign in — Avenue Desk")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(heading("Sign in to Avenue Desk", self))
        if school_name:
            school = set_role(note(school_name, self), "lead")
            layout.addWidget(school)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        self.username = QLineEdit(username, self)
        self.username.setAccessibleName("Username")
        self.username.setMinimumWidth(280)
        form.addRow("&Username:", self.username)
        self.password = password_box("Password", self)
        form.addRow("&Password:", self.password)
        layout.addLayout(form)
        self.message = error_label(self)
        self.message.setAccessibleName("Sign-in message")
        clear_when_edited(self.message, self.username, self.password)
        layout.addWidget(self.message)
        self.working = working_label("Signing in…", self)
        layout.addWidget(self.working)

        buttons = QHBoxLayout()
        self.forgotten_button = QPushButton("Forgotten your password?", self)
        self.forgotten_button.setFlat(True)
        set_role(self.forgotten_button, "link")
        self.forgotten_button.clicked.connect(self.show_forgotten)
        buttons.addWidget(self.forgotten_button)
        buttons.addStretch(1)
        self.quit_button = QPushButton("Quit", self)
        self.quit_button.clicked.connect(self.reject)
        buttons.addWidget(self.quit_button)
        self.sign_in_button = QPushButton("Sign in", self)
        self.sign_in_button.setDefault(True)
        set_role(self.sign_in_button, "primary")
        self.sign_in_button.clicked.connect(self.sign_in)
        buttons.addWidget(self.sign_in_button)
        layout.addLayout(buttons)
        self.password.returnPressed.connect(self._enter_pressed)

        self.forgotten = QLabel(FORGOTTEN, self)
        self.forgotten.setWordWrap(True)
        set_role(self.forgotten, "aside")
        self.forgotten.hide()
        layout.addWidget(self.forgotten)
        self.recovery_button = QPushButton("Use the recovery code…", self)
        self.recovery_button.clicked.connect(self._ask_recovery)
        self.recovery_button.hide()
        layout.addWidget(self.recovery_button, 0, Qt.AlignmentFlag.AlignLeft)
        demo = QHBoxLayout()
        self.demo_note = note("", self)
        demo.addWidget(self.demo_note, 1)
        self.demo_button = QPushButton("Open the &demo school", self)
        self.demo_button.setToolTip("The demo school's own sign-in: its accounts and the "
                                    "password shown when it was made")
        self.demo_button.clicked.connect(self.choose_demo)
        demo.addWidget(self.demo_button)
        layout.addLayout(demo)
        self.offer_demo("")

        (self.password if username else self.username).setFocus()
        if accounts is None:
            self._waiting(True)

    def set_accounts(self, accounts) -> None:
        self._accounts = accounts
        self._unlock = None
        if self.signing_in is not None:
            return  # given again while the password is being checked: it goes on
        self._waiting(False)
        self._hold_typing(False)
        if self.sign_in_when_open:
            self.sign_in_when_open = False
            self.sign_in()

    def open_records_with(self, unlock) -> None:
        """Encrypted records, not open yet: ``unlock(username, password)`` (run in the
        background) opens their key or raises, worded (a wrong password, a key file that is
        missing or damaged). Signing in can start at once; ``records_unlocked`` then asks
        the caller to open the records, and the sign-in goes on once ``set_accounts``
        gives their accounts."""
        self._unlock = unlock
        self.opens_records = True
        self._waiting(False)

    @property
    def records_locked(self) -> bool:
        """True while signing in must first open the records' key (``open_records_with``)."""
        return self._unlock is not None and self._accounts is None

    def _enter_pressed(self) -> None:
        """Enter while the records are still opening (the button waits, disabled) is not
        lost: "Signing in…" shows now, and the sign-in starts as soon as they are open."""
        if self.records_locked:
            return  # the Sign in button is usable: Enter presses it
        if self._accounts is None and self.username.text().strip() and self.password.text():
            self.sign_in_when_open = True
            self.message.hide()
            self.working.show()

    def _waiting(self, waiting: bool) -> None:
        """While the records open: typing works, signing in waits (a busy pointer says so)."""
        for button in (self.sign_in_button, self.recovery_button, self.demo_button):
            button.setEnabled(not waiting)
        if waiting:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def offer_demo(self, demo: str) -> None:
        """``demo``: "offer" (a real school's sign-in, the demo school made already: a way
        back to it), "inside" (the demo school's own sign-in: say so), or "" (neither)."""
        self.demo_note.setText({"offer": DEMO_OFFER, "inside": IN_DEMO}.get(demo, ""))
        self.demo_note.setVisible(bool(demo))
        self.demo_button.setVisible(demo == "offer")

    def choose_demo(self) -> None:
        """Closes the dialog with the result ``OPEN_DEMO`` (3), for the caller to open the
        demo school's sign-in instead."""
        if self.signing_in is None:
            self.done(OPEN_DEMO)

    def show_forgotten(self) -> None:
        self.forgotten.show()
        self.recovery_button.show()
        self.adjustSize()

    def _ask_recovery(self) -> None:
        if self.records_locked:
            self.ask_recovery()  # nothing is open to ask: the flow opens them with the code
        else:
            self.recovery_requested.emit()

    def ask_recovery(self) -> None:
        """Closes the dialog with the result ``RECOVERY`` (2), for the caller to open the
        recovery-code dialog and then this one again."""
        self.done(2)

    def sign_in(self) -> BackgroundOp | None:
        """Checks the password in the background; accepted once signed in, or the reason
        shown (SignInRefused: wrong, locked, disabled...). None when nothing was started.
        Encrypted records not open yet: the password opens their key first."""
        username = self.username.text().strip()
        if self.signing_in is not None or (self._accounts is None and not self.records_locked):
            return None  # the records are still opening, or the password is being checked
        if not username:
            self._say("Enter your username.", self.username)
            return None
        if not self.password.text():
            self._say("Enter your password.", self.password)
            return None
        if self.records_locked:
            return self._open_the_records(username, self.password.text())
        accounts, password = self._accounts, self.password.text()
        self.message.hide()
        self.working.show()
        self.signing_in = BackgroundOp(
            self, lambda: accounts.authenticate(username, password), title="Signing in",
            success=self._signed_in, failure=self._refused,
            disable=[self.sign_in_button, self.username, self.password])
        self.signing_in.ended.connect(self._checked)
        return self.signing_in.start()

    def _checked(self) -> None:
        self.signing_in = None
        self.working.hide()

    def _open_the_records(self, username: str, password: str) -> BackgroundOp:
        """The password unwraps the records' key (argon2id, as slow as a sign-in). A wrong
        one opens nothing, and is refused as the accounts refuse one (counted, with the
        tries left, then a wait: ``ui/unlocking.py``)."""
        unlock = self._unlock
        self.message.hide()
        self.working.show()
        self.signing_in = BackgroundOp(
            self, lambda: unlock(username, password), title="Signing in",
            success=self._unlocked, failure=self._refused,
            disable=[self.sign_in_button, self.username, self.password,
                     self.recovery_button, self.demo_button])
        self.signing_in.ended.connect(self._unlock_ended)
        return self.signing_in.start()

    def _unlocked(self, _result) -> None:
        """The key is open: the records open next (the caller's part), "Signing in…" still
        shown and the boxes held as they are, and the same password signs in then."""
        self._unlock = None
        self.key_opened = self.sign_in_when_open = True
        self._waiting(True)
        self._hold_typing(True)
        self.records_unlocked.emit()

    def _unlock_ended(self) -> None:
        self.signing_in = None
        if not self.key_opened:
            self.working.hide()  # refused: the message says why

    def _hold_typing(self, held: bool) -> None:
        """The name and password stay as they opened the key until the records are open."""
        for box in (self.username, self.password):
            box.setEnabled(not held)

    def _signed_in(self, actor) -> None:
        self.actor = actor
        self.password.clear()
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.working.hide()
        self.password.clear()
        self._say(problem_text(error), self.password)

    def _say(self, message: str, focus) -> None:
        self.message.setText(message)
        self.message.show()
        self.adjustSize()  # room for the message without squeezing the boxes
        focus.setFocus()

    def done(self, result: int) -> None:
        self.password.clear()  # nothing typed stays in memory longer than needed
        if self.signing_in is not None and result != QDialog.DialogCode.Accepted:
            self.signing_in.drop()  # closed while checking: its answer is not wanted
        super().done(result)
