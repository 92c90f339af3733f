"""Profile loading fed malformed TOML, settings of the wrong type and unknown settings: always a
Config or one `ConfigError` whose message names the setting (or the file) at fault; never a
traceback (hypothesis, seeded, bounded)."""

from __future__ import annotations

from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.config import ConfigError, Profile, load_config

FUZZ = settings(
    max_examples=150, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
SETTINGS = {f.name: f.default for f in fields(Profile) if f.name != "name"}
toml_scalars = st.one_of(
    st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=False), st.text(max_size=20),
    st.lists(st.integers(0, 9), max_size=3), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.integers(), max_size=2),
)


def _load(tmp_path: Path, text: str | bytes) -> Any:
    path = tmp_path / "config.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    try:
        return load_config(path)
    except ConfigError as error:
        message = str(error)
        assert message and len(message) < 400
        return error


@FUZZ
@given(st.text(max_size=200) | st.binary(max_size=100))
def test_any_text_is_a_config_or_one_clear_error(tmp_path: Path, text: str | bytes) -> None:
    _load(tmp_path, text)


@FUZZ
@given(
    st.sampled_from(sorted(SETTINGS)),
    toml_scalars,
)
def test_a_setting_of_the_wrong_type_is_named(tmp_path: Path, name: str, value: Any) -> None:
    profile = {"base_url": "https://jira.example.org", name: value}
    found = _load(tmp_path, tomli_w.dumps({"profiles": {"work": profile}}))
    default = SETTINGS[name] if SETTINGS[name] is not MISSING else ""
    right_type = (
        isinstance(value, bool) if isinstance(default, bool)
        else isinstance(value, int | float) and not isinstance(value, bool) if isinstance(default, float)
        else isinstance(value, list) and all(isinstance(v, str) for v in value) if isinstance(default, tuple)
        else isinstance(value, str)
    )
    if isinstance(found, ConfigError):
        assert name in str(found) or "base URL" in str(found), str(found)
        assert right_type is False or name in ("base_url", "auth", "api_version", "ca_bundle", "max_response_mb"), str(found)
    else:
        assert right_type, f"{name} = {value!r} was accepted"
        assert found.profiles["work"].base_url == "https://jira.example.org" or name == "base_url"


@FUZZ
@given(st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=15), toml_scalars)
def test_an_unknown_setting_is_named(tmp_path: Path, name: str, value: Any) -> None:
    profile = {"base_url": "https://jira.example.org", name: value}
    found = _load(tmp_path, tomli_w.dumps({"profiles": {"work": profile}}))
    if name in SETTINGS or name == "base_url":
        return
    assert isinstance(found, ConfigError)
    assert name in str(found) and "unknown" in str(found)


@FUZZ
@given(toml_scalars, toml_scalars)
def test_the_tables_themselves_of_the_wrong_shape(tmp_path: Path, profiles: Any, default: Any) -> None:
    found = _load(tmp_path, tomli_w.dumps({"profiles": profiles, "default": default}))
    assert isinstance(found, ConfigError)
