"""Working days from lokal-id: weekends, public holidays and collective leave."""

from datetime import date

from kotacerdas.bimtek import workdays


def test_weekends_holidays_and_collective_leave_are_off():
    off = workdays.non_working_days(date(2027, 8, 14), date(2027, 8, 18))
    # Saturday 14, Sunday 15 (also Maulid), Tuesday 17 (Proklamasi); Monday 16 and
    # Wednesday 18 are working days.
    assert off == {date(2027, 8, 14), date(2027, 8, 15), date(2027, 8, 17)}
    assert date(2027, 3, 12) in workdays.non_working_days(date(2027, 3, 1), date(2027, 3, 31))


def test_holiday_name_and_reason():
    assert workdays.holiday_name(date(2027, 8, 17)) == "Proklamasi Kemerdekaan"
    assert workdays.holiday_name(date(2027, 8, 16)) is None
    reason = workdays.day_off_reason(date(2027, 8, 17))
    assert reason is not None
    assert "17 August 2027" in reason and "public holiday: Proklamasi Kemerdekaan" in reason
    leave = workdays.day_off_reason(date(2027, 2, 5))
    assert leave is not None and "collective leave" in leave
    saturday = workdays.day_off_reason(date(2027, 8, 21))
    assert saturday is not None and "weekend" in saturday
    assert workdays.day_off_reason(date(2027, 8, 18)) is None


def test_a_public_holiday_wins_over_collective_leave_on_one_day():
    # Idulfitri 2027: 10 and 11 March are holidays, 9, 12 and 15 collective leave.
    assert workdays.holiday(date(2027, 3, 10)) == ("Idulfitri 1448 H", "libur_nasional")
    assert workdays.holiday(date(2027, 3, 9)) == ("Idulfitri 1448 H", "cuti_bersama")


def test_years_lokal_id_does_not_know_exclude_weekends_only():
    assert workdays.years_without_holidays(date(2026, 1, 1), date(2029, 2, 1)) == [2028, 2029]
    assert workdays.years_without_holidays(date(2026, 5, 1), date(2027, 5, 1)) == []
    # 1 January 2028 is a Saturday; 3 January a Monday, a working day without holidays known.
    assert workdays.non_working_days(date(2028, 1, 1), date(2028, 1, 3)) == {
        date(2028, 1, 1),
        date(2028, 1, 2),
    }
    assert workdays.holiday_name(date(2028, 1, 1)) is None


def test_runs_of_working_days():
    # From Friday 13 August 2027, three consecutive working days: not 13-16 (weekend),
    # not 16-18 (17th), so Wednesday 18 to Friday 20.
    assert workdays.working_run(date(2027, 8, 13), 3) == date(2027, 8, 18)
    assert workdays.next_working_day(date(2027, 8, 14)) == date(2027, 8, 16)
    assert workdays.working_days(date(2027, 8, 16), date(2027, 8, 20), [date(2027, 8, 19)]) == [
        date(2027, 8, 16),
        date(2027, 8, 18),
        date(2027, 8, 20),
    ]


def test_2023_holidays_come_from_the_shipped_supplement() -> None:
    """lokal-id lacks 2023 (the demo cohort's year): the SKB's days are still days off."""
    assert workdays.holiday_name(date(2023, 8, 17)) == "Proklamasi Kemerdekaan"
    assert workdays.holiday(date(2023, 4, 24)) == ("Idulfitri 1444 H", "cuti_bersama")
    assert not workdays.is_working_day(date(2023, 9, 28))  # a Thursday: Maulid Nabi
    assert workdays.is_working_day(date(2023, 9, 27))
    assert 2023 not in workdays.years_without_holidays(date(2023, 1, 1), date(2025, 12, 31))
    assert workdays.years_without_holidays(date(2023, 1, 1), date(2025, 12, 31)) == [2024, 2025]
