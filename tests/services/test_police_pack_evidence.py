"""The police referral pack's evidence list: each file with when and by whom it was
captured, the web address captured and the account it shows (read back from the PDF)."""

from __future__ import annotations

import io
from datetime import date, time

from pypdf import PdfReader

from tests.helpers.images import write_png
from tests.helpers.letters import parent, posted, set_up_school
from tests.helpers.pdf import pdf_text

REASON = "Repeated posts about Mr Ćwik; staff are alarmed & distressed."
URL = "https://www.facebook.com/groups/avenueparents/posts/1234567890?comment_id=42&x=<1>"


def test_the_pack_lists_capture_times_web_addresses_and_accounts(services, tmp_path):
    set_up_school(services)
    case = posted(services, parent(services).id, poster_account="@angrymum_av")
    services.evidence.add(case.id, write_png(tmp_path / "post.png"), date(2026, 11, 2),
                          captured_at=time(8, 15), url=URL, account_shown="@angrymum_av")
    services.evidence.add(case.id, write_png(tmp_path / "comment.png", 6, 5),
                          date(2026, 11, 3), captured_by="Mr Nowak (Year 4)")
    services.incidents.record_referral(case.id, REASON, "harassment")
    pdf = services.letters.render(case.id, "police-referral")
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    text = pdf_text(pdf)
    flat = "".join(text.split())
    assert "2 November 2026 at 08:15, by Mrs Patel" in text
    assert "3 November 2026 (time not recorded), by Mr Nowak (Year 4)" in text
    assert "Where each file was captured:" in text
    assert "".join(URL.split()) in flat  # whole, if broken over lines
    assert "1" + "".join(URL.split()) + "@angrymum_av" in flat  # on the first file's line
    assert "2 not recorded not recorded" in text  # the second file: nothing kept, and said
