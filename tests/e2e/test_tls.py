"""TLS over loopback: verification is on by default, a profile's `ca_bundle` trusts a private CA
(a company proxy's), `verify_tls = false` is the only way to turn it off, and the TUI then shows
a warning bar on every screen."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tui.api.redact import Secret
from tui.app import JiradashApp
from tui.config import ConfigError, Profile
from tui.launch import _session_for
from tui.sandbox.app import SandboxConfig, create_app
from tui.store.build import store_for_profile, tls_verify
from tui.store.errors import NetworkError

pytestmark = pytest.mark.e2e
x509 = pytest.importorskip("cryptography.x509")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import NameOID  # noqa: E402

USER, TOKEN = "alice@example.com", "sandbox-token"


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A private CA and a server certificate for 127.0.0.1 signed by it."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("jiradash test CA"))
        .issuer_name(_name("jiradash test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(_pem(key))
    return ca_path, cert_path, key_path


@pytest.fixture(scope="module")
def https_sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    directory = tmp_path_factory.mktemp("tls")
    ca, cert, key = _certificates(directory)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base_url = f"https://127.0.0.1:{sock.getsockname()[1]}"
    app = create_app(SandboxConfig(issues=20, base_url=base_url))
    server = uvicorn.Server(
        uvicorn.Config(
            app, log_level="warning", lifespan="off", ssl_certfile=str(cert), ssl_keyfile=str(key)
        )
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the https sandbox did not start"
        time.sleep(0.01)
    yield base_url, ca
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(autouse=True)
def _dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CONFIG", "CACHE", "DATA", "LOG"):
        monkeypatch.setenv(f"JIRADASH_{name}_DIR", str(tmp_path / name.lower()))


def _profile(base_url: str, **settings: object) -> Profile:
    return Profile(name="tls", base_url=base_url, user=USER, api_version="2", **settings)  # type: ignore[arg-type]


async def test_verification_is_on_by_default(https_sandbox: tuple[str, Path]) -> None:
    base_url, _ = https_sandbox
    store = store_for_profile(_profile(base_url), Secret(TOKEN))
    try:
        with pytest.raises(NetworkError, match=r"(?i)certificate"):
            await store.connect()
    finally:
        await store.aclose()


async def test_a_ca_bundle_trusts_a_private_ca(https_sandbox: tuple[str, Path]) -> None:
    base_url, ca = https_sandbox
    store = store_for_profile(_profile(base_url, ca_bundle=str(ca)), Secret(TOKEN))
    try:
        server = await store.connect()
        assert server.version
        assert store.me is not None
    finally:
        await store.aclose()


def test_a_missing_ca_bundle_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ca_bundle"):
        tls_verify(_profile("https://jira.example.org", ca_bundle=str(tmp_path / "nope.pem")))
    assert tls_verify(_profile("https://jira.example.org")) is True


async def test_verification_off_takes_a_setting_and_shows_a_warning_bar(
    https_sandbox: tuple[str, Path],
) -> None:
    base_url, _ = https_sandbox
    profile = _profile(base_url, verify_tls=False)
    assert tls_verify(profile) is False
    session = _session_for(profile)
    assert "NOT checked" in session.tls_warning
    assert _session_for(_profile(base_url)).tls_warning == ""
    store = store_for_profile(profile, Secret(TOKEN))
    app = JiradashApp(store, session)
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(10):
            await pilot.pause()
            await app.workers.wait_for_complete()
        text = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "TLS certificates are NOT checked" in text
        assert await store.connect()  # and the connection works without checks
    await store.aclose()
