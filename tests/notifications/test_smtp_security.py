"""The SMTP provider against a real aiosmtpd server with a self-signed certificate: STARTTLS on
smtp:// and TLS from the start on smtps://, both logging in with the URL's user; a wrong
password is a SendFailed naming the server's answer; the circuit breaker stops calling a server
that keeps failing."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from hub.connectors.breaker import CircuitBreaker
from hub.connectors.notify_base import OutgoingMessage, SendFailed
from hub.connectors.notify_email import SmtpSender
from tests.notifications.servers import Mailbox, _Keeper
from tests.served import free_port

# smtps: aiosmtpd counts only STARTTLS as TLS for its AUTH rule, and warns on each connection.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

MESSAGE = OutgoingMessage(
    key="0b6c3f8e-2a51-4f0e-9d7a-3c1b2e4f5a60",
    recipient="zhangsan@example.com",
    template="CASE_ACCEPTED",
    params={},
    text="案件已受理",
    subject="【水电气报装】已受理",
    html="<p>案件已受理</p>",
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """(certificate file, key file) for 127.0.0.1, self-signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("smtp-tls")
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def _contexts(certificate) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    cert_file, key_file = certificate
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(cert_file, key_file)
    return server, ssl.create_default_context(cafile=str(cert_file))


class Logins:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    def __call__(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.seen.append((login, password))
        # handled=False: aiosmtpd answers 535 itself (its default assumes we did)
        return AuthResult(success=(login, password) == ("hub", "s3cret"), handled=False)


@pytest.fixture(params=["smtp", "smtps"])
def tls_server(request, certificate):
    """(scheme, port, mailbox, logins, the client's TLS context)."""
    server_context, client_context = _contexts(certificate)
    mailbox, logins, port = Mailbox(), Logins(), free_port()
    options = {"authenticator": logins, "auth_required": True}
    if request.param == "smtp":  # STARTTLS demanded before anything else
        options |= {"tls_context": server_context, "require_starttls": True}
    else:  # TLS from the first byte
        options |= {"ssl_context": server_context, "auth_require_tls": False}
    controller = Controller(_Keeper(mailbox), hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield request.param, port, mailbox, logins, client_context
    finally:
        controller.stop()


async def test_tls_and_login(tls_server):
    scheme, port, mailbox, logins, client_context = tls_server
    sender = SmtpSender.from_url(
        f"{scheme}://hub:s3cret@127.0.0.1:{port}",
        sender="hall@hub.test",
        timeout=5,
        tls_context=client_context,
    )
    await sender.send(MESSAGE)
    [mail] = mailbox.received()
    assert mail["Message-ID"] == f"<{MESSAGE.key}@hub.test>"
    assert mail.get_body(("plain",)).get_content().strip() == "案件已受理"
    assert logins.seen == [("hub", "s3cret")]


async def test_a_wrong_password_is_the_servers_answer(tls_server):
    scheme, port, mailbox, _, client_context = tls_server
    sender = SmtpSender.from_url(
        f"{scheme}://hub:wrong@127.0.0.1:{port}",
        sender="hall@hub.test",
        timeout=5,
        tls_context=client_context,
    )
    with pytest.raises(SendFailed, match="SMTP 535"):
        await sender.send(MESSAGE)
    assert mailbox.received() == []


async def test_the_breaker_stops_calling_a_failing_server():
    clock = [0.0]
    breaker = CircuitBreaker(
        "smtp", failure_threshold=2, reset_timeout=30, monotonic=lambda: clock[0]
    )
    sender = SmtpSender.from_url(
        f"smtp://127.0.0.1:{free_port()}", sender="hall@hub.test", timeout=2, breaker=breaker
    )
    for _ in range(2):
        with pytest.raises(SendFailed, match="无法连接"):
            await sender.send(MESSAGE)
    started = time.monotonic()
    with pytest.raises(SendFailed, match="circuit open") as refused:
        await sender.send(MESSAGE)
    assert refused.value.retry_after == 30 and time.monotonic() - started < 0.05
