import pytest

from dag_factory.spec.schedule import check_schedule


@pytest.mark.parametrize(
    "value",
    [None, "@daily", "@once", "@continuous", "0 6 * * *", "*/15 * * * 1-5", ["orders_landed"], ["s3://b/k"]],
)
def test_valid_schedules_are_accepted(value):
    assert check_schedule(value) == value


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("@daly", "did you mean '@daily'"),
        ("61 * * * *", "not a valid cron"),
        ("* * *", "not a valid cron"),
        ("every day", "not a valid cron"),
        ([], "at least one asset"),
        (["  "], "must not be empty"),
    ],
)
def test_invalid_schedules_say_why(value, fragment):
    with pytest.raises(ValueError, match=fragment):
        check_schedule(value)
