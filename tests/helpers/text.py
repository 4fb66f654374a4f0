"""Text that has broken things before: names in many scripts, and markup typed as text."""

from __future__ import annotations

NAMES_IN_MANY_SCRIPTS = (
    "Łucja Wróbel",
    "Çağrı Yılmaz",
    "Nguyễn Thị Hương",
    "Γιώργος Παπαδόπουλος",
    "Ольга Смирнова",
    "محمد العلي",
    "王小明",
    "Siobhán O'Neill-Smith",
)
MARKUP = 'Mr <b>Smith</b> & "friends" say <img src="/etc/passwd"> it\'s <font size=40>BIG</font>'
