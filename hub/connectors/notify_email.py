"""E-mail through SMTP with aiosmtplib: `smtp://user:pass@host:port` upgrades with STARTTLS
when the server offers it, `smtps://` speaks TLS from the start; both log in when the URL has a
user. The Message-ID is `<key@domain of HUB_MAIL_FROM>`: the notification's id, so a repeat of
the same message carries the same Message-ID."""

from __future__ import annotations

import ssl
from email.message import EmailMessage
from email.utils import formatdate
from urllib.parse import unquote, urlsplit

import aiosmtplib

from hub.connectors.breaker import CircuitBreaker
from hub.connectors.notify_base import NotificationSender, OutgoingMessage, SendFailed

DEFAULT_PORTS = {"smtp": 25, "smtps": 465}


class SmtpSender(NotificationSender):
    name = "smtp"

    def __init__(
        self,
        *,
        hostname: str,
        port: int,
        use_tls: bool,
        username: str | None,
        password: str | None,
        sender: str,
        timeout: float,
        breaker: CircuitBreaker | None = None,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(breaker)
        self.hostname = hostname
        self.port = port
        self.use_tls = use_tls
        self.username = username
        self.password = password
        self.sender = sender
        self.timeout = timeout
        self.tls_context = tls_context

    @classmethod
    def from_url(cls, url: str, **options) -> SmtpSender:
        parts = urlsplit(url)
        return cls(
            hostname=parts.hostname or "localhost",
            port=parts.port or DEFAULT_PORTS[parts.scheme],
            use_tls=parts.scheme == "smtps",
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            **options,
        )

    def build(self, message: OutgoingMessage) -> EmailMessage:
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["Date"] = formatdate(localtime=False, usegmt=True)
        domain = self.sender.rpartition("@")[2].strip("> ") or "localhost"
        email["Message-ID"] = f"<{message.key}@{domain}>"
        email.set_content(message.text)
        if message.html is not None:
            email.add_alternative(message.html, subtype="html")
        for attachment in message.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            email.add_attachment(
                attachment.content,
                maintype=maintype,
                subtype=subtype,
                filename=attachment.filename,
            )
        return email

    async def _send(self, message: OutgoingMessage) -> None:
        try:
            await aiosmtplib.send(
                self.build(message),
                hostname=self.hostname,
                port=self.port,
                username=self.username,
                password=self.password,
                use_tls=self.use_tls,
                start_tls=None if not self.use_tls else False,
                tls_context=self.tls_context,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPResponseException as exc:
            raise SendFailed(f"邮件服务器拒绝 (SMTP {exc.code}: {exc.message[:200]})") from None
        except (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPTimeoutError, OSError) as exc:
            raise SendFailed(f"邮件服务器无法连接 ({type(exc).__name__})") from None
        except aiosmtplib.SMTPException as exc:  # e.g. no AUTH or STARTTLS offered
            raise SendFailed(f"邮件发送失败 ({type(exc).__name__}: {str(exc)[:200]})") from None
