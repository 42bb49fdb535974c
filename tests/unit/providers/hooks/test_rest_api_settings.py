"""``RestApiSettings``: the extras of an ``aggregator_rest`` connection, and how they meet a spec."""

from __future__ import annotations

import pytest

from providers.hooks.mysql import ssl_mode_kwargs
from providers.hooks.rest_api import RestApiSettings
from providers.http.options import HttpAuthOptions


def test_blank_extras_mean_the_defaults():
    settings = RestApiSettings.from_extras({"auth_type": "", "timeout": "", "verify_ssl": "false"})
    assert (settings.auth_type, settings.timeout, settings.verify_ssl) == ("none", 30.0, False)


@pytest.mark.parametrize("extras", [{"auth_type": "digest"}, {"api_key_in": "cookie"}])
def test_invalid_choices_are_refused_with_the_allowed_values(extras):
    with pytest.raises(ValueError, match="is not"):
        RestApiSettings.from_extras(extras)


def test_the_spec_overrides_only_what_it_sets():
    settings = RestApiSettings.from_extras(
        {"auth_type": "api_key", "api_key_name": "key", "api_key_in": "query"}
    )
    options = settings.auth_options(HttpAuthOptions.model_validate({"api_key_in": "header"}))
    assert (options.type, options.api_key_name, options.api_key_in) == ("api_key", "key", "header")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("disabled", {"ssl_disabled": True}),
        ("preferred", {}),
        ("REQUIRED", {"ssl": {"verify_mode": "none", "check_hostname": False}}),
        ("verify_identity", {"ssl": {"verify_mode": "required", "check_hostname": True, "ca": "/ca.pem"}}),
    ],
)
def test_mysql_ssl_modes(mode, expected):
    assert ssl_mode_kwargs(mode, "/ca.pem" if "verify" in mode else None) == expected
