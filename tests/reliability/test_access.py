"""Protected staging stores: basic auth, a header, a cookie and a storage state get the audit in,
reach every context (pages, journeys, robots.txt) and the audited site only, and are never written down."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import audit_store
from tests.reliability.hostile import HostileStore
from tests.reliability.hostile.access import (
    COOKIE,
    COOKIE_SECRET,
    HEADER,
    HEADER_SECRET,
    PASSWORD,
    SECRETS,
    STATE_COOKIE,
    STATE_SECRET,
    USER,
)
from uxaudit import cli
from uxaudit.access import access_settings, load_storage_state, refuse_access
from uxaudit.config import parse
from uxaudit.errors import UsageError
from uxaudit.settings import Settings

SMALL: dict[str, Any] = {"viewports": ("desktop",), "max_categories": 1, "max_products": 0, "policy_pages": False,
                         "journeys": ("search",)}
"""A home page, one category and the search journey: every kind of context, quickly."""


def _state_file(folder: Path) -> Path:
    """A Playwright storage state of a logged-in shopper on 127.0.0.1."""
    path = folder / "state.json"
    path.write_text(json.dumps({"cookies": [{
        "name": STATE_COOKIE, "value": STATE_SECRET, "domain": "127.0.0.1", "path": "/", "expires": -1,
        "httpOnly": True, "secure": False, "sameSite": "Lax"}], "origins": []}))
    return path


def _options(section: str, folder: Path) -> dict[str, Any]:
    return {
        "basic": {"http_credentials": f"{USER}:{PASSWORD}"},
        "header": {"headers": (f"{HEADER}: {HEADER_SECRET}",)},
        "cookie": {"cookies": (f"{COOKIE}={COOKIE_SECRET}",)},
        "state": {"storage_state": str(_state_file(folder))},
    }[section]


def _carries(section: str, headers: dict[str, str]) -> bool:
    """Does a request carry the section's secret? (Header names in any case: HTTP's are case-insensitive.)"""
    lower = {name.lower(): value for name, value in headers.items()}
    if section == "basic":
        return lower.get("authorization", "").startswith("Basic ")
    if section == "header":
        return lower.get(HEADER.lower()) == HEADER_SECRET
    secret = COOKIE_SECRET if section == "cookie" else STATE_SECRET
    return secret in lower.get("cookie", "")


@pytest.fixture
def guarded(hostile: HostileStore, elsewhere: HostileStore) -> Iterator[HostileStore]:
    """The hostile store whose protected pages load an image from ``elsewhere`` (another site)."""
    hostile.state["access.elsewhere"] = elsewhere.url
    yield hostile
    hostile.state.pop("access.elsewhere", None)


@pytest.mark.parametrize("section", ["basic", "header", "cookie", "state"])
@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_the_option_gets_every_context_in_and_stays_on_site(section: str, guarded: HostileStore,
                                                            elsewhere: HostileStore, tmp_path: Path) -> None:
    start = guarded.url + f"/access/{section}/"
    mark, mark_elsewhere = len(guarded.requests), len(elsewhere.requests)
    audit = audit_store(start, tmp_path, **SMALL, **_options(section, tmp_path))

    pages = audit.evidence.pages
    assert [(p.kind, p.status) for p in pages] == [("home", 200), ("category", 200)]
    journey = audit.evidence.journeys[0]
    assert journey.steps and journey.steps[0].data["found"] != "none", journey.stopped_reason  # it got in too
    seen = guarded.requests[mark:]
    protected = [(path, headers) for _, path, headers in seen if path.startswith(f"/access/{section}/")]
    assert len([1 for path, _ in protected if path == f"/access/{section}/"]) >= 2  # the page load and the journey
    if section == "basic":
        # Chromium answers a 401 challenge (only the request context sends credentials up front).
        assert all(any(_carries(section, h) for p, h in protected if p == path) for path, _ in protected)
    else:
        assert protected and all(_carries(section, h) for _, h in protected)
    robots = [headers for _, path, headers in seen if path == "/robots.txt"]
    assert robots and all(_carries(section, h) for h in robots)  # the request context has it too
    if section == "cookie":  # the cookie uxaudit set is not one the store set before consent
        assert COOKIE not in [c["name"] for c in pages[0].extras["consent"]["cookies"]]
    off_site = elsewhere.requests[mark_elsewhere:]
    assert any(path == "/access/pixel.png" for _, path, _ in off_site)  # the image did load from the other site
    assert not any(secret in json.dumps(h) for _, _, h in off_site for secret in SECRETS)


@pytest.mark.parametrize("section, status", [("basic", 401), ("header", 403), ("cookie", 403), ("state", 403)])
@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_without_the_option_the_start_page_is_a_clear_exit_3(section: str, status: int, hostile: HostileStore,
                                                             tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = hostile.url + f"/access/{section}/"
    code = cli.main(["audit", start, "--out", str(tmp_path), "--quiet", "--viewport", "desktop", "--no-throttle"])
    assert code == 3
    expected = (f"cannot load {start}: HTTP 401: the store asks for a user name and password (give them with "
                "--http-credentials USER:PASSWORD, or check the ones given)" if status == 401
                else f"cannot audit {start}: the page answered HTTP {status}")
    assert capsys.readouterr().err == f"uxaudit: error: {expected}\n"


@pytest.mark.browser
@pytest.mark.xdist_group("hostile-access")
def test_no_secret_reaches_the_report_audit_json_or_the_terminal(guarded: HostileStore, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    state = _state_file(tmp_path)
    mark = len(guarded.requests)
    code = cli.main(["audit", guarded.url + "/access/basic/", "--out", str(out), "--viewport", "desktop",
                     "--no-throttle", "--max-products", "0", "--max-categories", "1",
                     "--http-credentials", f"{USER}:{PASSWORD}", "--header", f"{HEADER}: {HEADER_SECRET}",
                     "--cookie", f"{COOKIE}={COOKIE_SECRET}", "--storage-state", str(state)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    written = {path.name: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert "report.html" in written and "audit.json" in written
    for secret in SECRETS:
        assert secret not in captured.out and secret not in captured.err
        for name, data in written.items():
            assert secret.encode() not in data, f"{name} holds a secret"
    home = [h for _, path, h in guarded.requests[mark:] if path == "/access/basic/" and _carries("basic", h)]
    assert home and all(_carries(section, h) for h in home for section in ("header", "cookie", "state"))
    saved = json.loads(written["audit.json"])["evidence"]["settings"]
    assert saved["access"] == {"http_credentials": True, "headers": [HEADER], "cookies": [COOKIE],
                               "storage_state": True}
    assert not {"http_credentials", "headers", "cookies", "storage_state"} & set(saved)


def test_settings_repr_shows_no_secret() -> None:
    settings = Settings(http_credentials=f"{USER}:{PASSWORD}", headers=(f"{HEADER}: {HEADER_SECRET}",),
                        cookies=(f"{COOKIE}={COOKIE_SECRET}",))
    assert not any(secret in repr(settings) for secret in SECRETS)


@pytest.mark.parametrize("flag, value, message", [
    ("--http-credentials", "no-colon-secret", "--http-credentials must be USER:PASSWORD (the value is not shown)"),
    ("--header", "X-Token no-colon-secret", "--header must be 'Name: value' with a valid header name"),
    ("--header", "X-Token: two\nlines-secret", "--header must be 'Name: value' with a valid header name"),
    ("--cookie", "no-equals-secret", "--cookie must be name=value with a valid cookie name"),
    ("--cookie", "a=b; c=d-secret", "--cookie must be name=value with a valid cookie name"),
])
def test_a_malformed_option_is_exit_2_without_its_value(flag: str, value: str, message: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["audit", "http://127.0.0.1:9/", "--out", str(tmp_path), flag, value])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"uxaudit: error: {message}")
    assert "secret" not in err


@pytest.mark.parametrize("content, message", [
    (None, "--storage-state: no file at {path}"),
    ("{not json", "--storage-state: {path} is not valid JSON (line 1)"),
    ('{"cookies": {}}', "--storage-state: {path}: cookies must be a list"),
    ('{"cookies": [{"name": "a", "value": "secret"}]}', "--storage-state: {path}: cookies[0] needs a string 'domain'"),
    ('{"cookies": [], "localStorage": []}', "--storage-state: {path} has unknown key 'localStorage'"),
])
def test_a_missing_or_invalid_storage_state_is_exit_2(content: str | None, message: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "state.json"
    if content is not None:
        path.write_text(content)
    code = cli.main(["audit", "http://127.0.0.1:9/", "--out", str(tmp_path), "--storage-state", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.splitlines()[0].startswith("uxaudit: error: " + message.format(path=path))
    assert "secret" not in err


def test_a_valid_storage_state_gets_playwright_defaults(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"cookies": [{"name": "a", "value": "b", "domain": "shop.example", "path": "/"}],
                                "origins": [{"origin": "https://shop.example", "localStorage": []}]}))
    assert load_storage_state(path)["cookies"] == [{"name": "a", "value": "b", "domain": "shop.example", "path": "/",
                                                     "expires": -1, "httpOnly": False, "secure": False,
                                                     "sameSite": "Lax"}]


def test_credentials_come_from_the_environment_when_no_flag_gives_them(monkeypatch: pytest.MonkeyPatch) -> None:
    args = cli.build_parser().parse_args(["audit", "https://shop.example"])
    assert access_settings(args, environ={})["http_credentials"] is None
    monkeypatch.setenv("UXAUDIT_HTTP_CREDENTIALS", f"{USER}:{PASSWORD}")
    assert cli.settings_from(args).http_credentials == f"{USER}:{PASSWORD}"
    flagged = cli.build_parser().parse_args(["audit", "https://shop.example", "--http-credentials", "me:pw"])
    assert cli.settings_from(flagged).http_credentials == "me:pw"


def test_the_config_file_reads_access_from_environment_variables(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    monkeypatch.setenv("STAGING_AUTH", f"{USER}:{PASSWORD}")
    monkeypatch.setenv("STAGING_TOKEN", HEADER_SECRET)
    text = ('url = "https://preview.shop.example"\nmax_rate = 1\n[access]\nhttp_credentials = "${STAGING_AUTH}"\n'
            f'headers = ["{HEADER}: ${{STAGING_TOKEN}}"]\ncookies = ["{COOKIE}=plain"]\nstorage_state = "state.json"\n')
    config = parse(text, "uxaudit.toml", tmp_path / "uxaudit.toml")
    assert config.http_credentials == f"{USER}:{PASSWORD}"
    assert config.headers == (f"{HEADER}: {HEADER_SECRET}",)
    assert config.cookies == (f"{COOKIE}=plain",)
    assert config.storage_state == tmp_path / "state.json"
    assert config.max_rate == 1
    assert not any(secret in repr(config) for secret in SECRETS)

    from uxaudit.gate import settings_for

    _state_file(tmp_path)
    args = cli.build_parser().parse_args(["gate"])
    settings = settings_for(args, config)
    assert settings.headers == (f"{HEADER}: {HEADER_SECRET}",) and settings.max_rate == 1
    flagged = cli.build_parser().parse_args(["gate", "--header", "X-Other: 1", "--max-rate", "3"])
    assert settings_for(flagged, config).headers == ("X-Other: 1",) and settings_for(flagged, config).max_rate == 3


@pytest.mark.parametrize("text, message", [
    ('[access]\nheaders = ["X-Token: ${UXAUDIT_TEST_UNSET}"]\n',
     "uxaudit.toml, line 2: access.headers names the environment variable UXAUDIT_TEST_UNSET, which is not set"),
    ('[access]\nhttp_credentials = "nocolon"\n',
     "uxaudit.toml, line 2: access.http_credentials must be USER:PASSWORD (the value is not shown)"),
    ('[access]\npassword = "x"\n',
     "uxaudit.toml, line 2: unknown key access.password; known: http_credentials, headers, cookies, storage_state"),
])
def test_the_config_file_names_a_bad_access_key(text: str, message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UXAUDIT_TEST_UNSET", raising=False)
    with pytest.raises(UsageError) as caught:
        parse(text, "uxaudit.toml")
    assert str(caught.value) == message


def test_compare_refuses_secrets_that_every_store_would_receive(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = cli.build_parser()
    args = parser.parse_args(["compare", "https://a.example", "https://b.example", "--header", "X-Token: t"])
    with pytest.raises(UsageError, match="compare does not take --header: every store would receive them"):
        refuse_access(args, cli.settings_from(args))
    monkeypatch.setenv("UXAUDIT_HTTP_CREDENTIALS", f"{USER}:{PASSWORD}")
    args = parser.parse_args(["compare", "https://a.example", "https://b.example"])
    assert refuse_access(args, cli.settings_from(args)).http_credentials is None
