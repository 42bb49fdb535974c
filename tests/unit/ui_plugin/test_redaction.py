"""Messages the API returns keep no secrets: URL passwords, connection passwords and extras."""

import pytest
from airflow.models.connection import Connection

from ui_plugin.api.redaction import connection_secrets, safe_message, urls_without_passwords


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("failed: postgresql://app:hunter2@db:5432/dwh", "failed: postgresql://app:***@db:5432/dwh"),
        ("'s3://key:secret@bucket/x' and http://u:p@h/", "'s3://key:***@bucket/x' and http://u:***@h/"),
        ("no password in https://example.com/a?b=c", "no password in https://example.com/a?b=c"),
        ("a user only: ftp://anna@host/file", "a user only: ftp://anna@host/file"),
        ("unparsable http://u:p@[::1/x", "unparsable http://u:***@[::1/x"),
        ("an empty one: redis://:pw@cache:6379/0", "an empty one: redis://:***@cache:6379/0"),
        ("no url at all", "no url at all"),
    ],
)
def test_urls_in_a_message_lose_their_passwords(text, expected):
    assert urls_without_passwords(text) == expected


def test_a_connections_password_and_longer_extras_are_its_secrets():
    connection = Connection(
        conn_id="c",
        conn_type="http",
        password="pw-1",
        extra='{"token": "tok-123", "verify": "on", "retries": 3, "nested": {"key": "k-999"}}',
    )
    assert connection_secrets(connection) == ["pw-1", "tok-123"]
    assert connection_secrets(Connection(conn_id="bare", conn_type="http")) == []


def test_a_safe_message_masks_both():
    message = "login pw-1 refused by http://a:pw-1@h/ with tok-123"
    assert safe_message(message, ["pw-1", "tok-123", None]) == "login *** refused by http://a:***@h/ with ***"
