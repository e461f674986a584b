"""Holiday templates fit one GSM-7 segment for any recipient; segment counting and
placeholders as staff see them in the preview."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.channels.sms import segments
from shared.marketing import drafting, templates
from shared.platform.errors import ValidationFailed

REQUIRED = {
    "mothers_day", "fathers_day", "valentines_day", "independence_day", "thanksgiving",
    "christmas", "new_years_eve", "graduation", "memorial_day", "labor_day", "super_bowl",
}  # fmt: skip


def test_at_least_eleven_holidays_including_the_required_ones() -> None:
    keys = {h.key for h in templates.HOLIDAYS}
    assert len(keys) == len(templates.HOLIDAYS) >= 11
    assert keys >= REQUIRED


@pytest.mark.parametrize("holiday", templates.HOLIDAYS, ids=lambda h: h.key)
@given(name=st.one_of(st.none(), st.text(max_size=40)))
def test_each_holiday_template_is_one_gsm7_segment_for_any_name(
    holiday: templates.HolidayTemplate, name: str | None
) -> None:
    text = templates.sms_text(holiday.text, name)
    count = segments.count(text)
    assert (count.encoding, count.segments) == ("GSM-7", 1), text
    assert text.startswith(f"{templates.BRAND}: ") and text.endswith(templates.OPT_OUT)
    assert "{" not in text
    assert drafting.usable(holiday.text, "sms")


def test_holiday_dates() -> None:
    days = {h.key: h.day(2027) for h in templates.HOLIDAYS}
    assert days["mothers_day"] == date(2027, 5, 9)  # second Sunday of May
    assert days["fathers_day"] == date(2027, 6, 20)  # third Sunday of June
    assert days["memorial_day"] == date(2027, 5, 31)  # last Monday of May
    assert days["labor_day"] == date(2027, 9, 6)  # first Monday of September
    assert days["thanksgiving"] == date(2027, 11, 25)  # fourth Thursday of November
    assert days["super_bowl"] == date(2027, 2, 14)  # second Sunday of February
    soonest = templates.upcoming(date(2026, 12, 2))
    assert [h.key for h in soonest[:2]] == ["christmas", "new_years_eve"]


def test_names_are_made_gsm7_safe_and_short() -> None:
    assert templates.first_name("zoë Smith") == "Zoe"
    assert templates.first_name("José") == "José"  # é is in the GSM-7 alphabet
    assert templates.first_name("李雷") == templates.NO_NAME
    assert templates.first_name(None) == templates.NO_NAME
    assert templates.first_name("Bartholomew-Alexander") == "Bartholomew-"


def test_segment_counting_as_shown_before_sending() -> None:
    # GSM-7: 160 in one segment, then 153 per part; extension characters take two.
    assert segments.count("a" * 160).segments == 1
    assert segments.count("a" * 161).segments == 2
    assert segments.count("a" * 306).segments == 2
    assert segments.count("a" * 307).segments == 3
    assert segments.count("€" * 80).segments == 1
    assert segments.count("€" * 81) == segments.SegmentCount("GSM-7", 162, 2)
    # One character outside GSM-7 makes the whole text UCS-2: 70, then 67 per part.
    assert segments.count("ê" * 70) == segments.SegmentCount("UCS-2", 70, 1)
    assert segments.count("a" * 69 + "ê").segments == 1
    assert segments.count("a" * 70 + "ê").segments == 2
    assert segments.count("ê" * 135).segments == 3


def test_a_staff_text_with_an_emoji_is_counted_as_ucs2_and_a_long_one_refused() -> None:
    worst = templates.worst_case("Hi {first_name}! Hibachi night 🎉 Reply to book.")
    assert worst.encoding == "UCS-2" and worst.segments == 2
    assert not drafting.usable("Hi {first_name}! Hibachi night 🎉", "sms")
    assert drafting.usable("Hi {first_name}! Hibachi night 🎉", "email")


def test_only_the_first_name_placeholder_is_allowed() -> None:
    templates.check("Hi {first_name}!")
    for bad in ("Hi {name}!", "Hi {first_name!", "Price {0}"):
        with pytest.raises(ValidationFailed):
            templates.check(bad)
