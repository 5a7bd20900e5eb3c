from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from berichten import timing as h

AMS = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")


def test_parse_days():
    assert h.parse_days("1, 7") == [7, 1]
    assert h.parse_days("") == []
    with pytest.raises(ValueError):
        h.parse_days("0")
    with pytest.raises(ValueError):
        h.parse_days("week")


def test_one_day_reminder_keeps_local_time_across_dst_end():
    # 25 October 2026: summer time ends at 03:00. The meeting is at 19:30 (CET).
    start = datetime(2026, 10, 25, 19, 30, tzinfo=AMS)
    opens = datetime(2026, 10, 24, 19, 30, tzinfo=AMS)  # CEST, 25 hours before
    assert start.astimezone(UTC) - opens.astimezone(UTC) == timedelta(hours=25)
    assert h.due_reminder(start, opens - timedelta(minutes=1), [7, 1]) == 7
    assert h.due_reminder(start, opens, [7, 1]) == 1


def test_one_day_reminder_across_dst_start():
    # 29 March 2026: summer time starts at 02:00. 23 hours between the two 19:30s.
    start = datetime(2026, 3, 29, 19, 30, tzinfo=AMS)
    opens = datetime(2026, 3, 28, 19, 30, tzinfo=AMS)
    assert start.astimezone(UTC) - opens.astimezone(UTC) == timedelta(hours=23)
    assert h.due_reminder(start, opens - timedelta(seconds=1), [1]) is None
    assert h.due_reminder(start, opens, [1]) == 1


def test_only_nearest_window_and_nothing_after_start():
    start = timezone.localtime() + timedelta(days=10)
    assert h.due_reminder(start, start - timedelta(days=10), [7, 1]) is None
    assert h.due_reminder(start, start - timedelta(days=3), [7, 1]) == 7
    assert h.due_reminder(start, start - timedelta(hours=2), [7, 1]) == 1
    assert h.due_reminder(start, start, [7, 1]) is None


def test_evaluation_the_morning_after():
    einde = datetime(2026, 10, 24, 21, 30, tzinfo=AMS)
    assert not h.evaluation_due(einde, datetime(2026, 10, 25, 8, 59, tzinfo=AMS))
    assert h.evaluation_due(einde, datetime(2026, 10, 25, 9, 0, tzinfo=AMS))
    assert not h.evaluation_due(einde, datetime(2026, 10, 28, 9, 0, tzinfo=AMS))


def test_offer_lapses_after_hours():
    offered = timezone.now()
    assert not h.offer_lapsed(offered, offered + timedelta(hours=47, minutes=59), 48)
    assert h.offer_lapsed(offered, offered + timedelta(hours=48), 48)
