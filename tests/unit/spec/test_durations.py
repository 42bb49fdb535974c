from datetime import timedelta

import pytest

from dag_factory.spec.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30s", 30),
        ("5m", 300),
        ("1h30m", 5400),
        ("2d", 172800),
        ("1d2h3m4s", 93784),
        (45, 45),
        (1.5, 1.5),
    ],
)
def test_durations_parse_to_seconds(text, seconds):
    assert parse_duration(text) == timedelta(seconds=seconds)


@pytest.mark.parametrize("bad", ["5 minutes", "m", "", "1x", -3, True, "5m30"])
def test_malformed_durations_are_refused_with_an_example(bad):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(bad)


@pytest.mark.parametrize("seconds", [0, 1, 59, 60, 3599, 3600, 86400, 93784])
def test_format_duration_round_trips(seconds):
    value = timedelta(seconds=seconds)
    assert parse_duration(format_duration(value)) == value
