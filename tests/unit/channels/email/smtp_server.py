"""A small loopback SMTP server for the email tests: STARTTLS or implicit TLS, AUTH PLAIN.

Just enough of RFC 5321 for smtplib: EHLO/HELO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA
(with dot-unstuffing), RSET, NOOP, QUIT. Every message is recorded with whether it came
over TLS and who authenticated, so tests can assert on the wire as well as the MIME.
"""

from __future__ import annotations

import base64
import datetime
import ipaddress
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def self_signed_cert(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, and its key (PEM files)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
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
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Received:
    mail_from: str
    rcpt_to: list[str]
    data: bytes
    tls: bool
    login: tuple[str, str] | None

    @property
    def message(self) -> EmailMessage:
        parsed: EmailMessage = message_from_bytes(self.data, policy=default)  # type: ignore[assignment]
        return parsed


@dataclass
class SmtpServer:
    """Serve with `running()`; `implicit_tls` wraps every connection from the start."""

    cert: tuple[Path, Path]
    implicit_tls: bool = False
    offer_starttls: bool = True
    users: dict[str, str] = field(default_factory=dict)
    refuse_rcpt: dict[str, int] = field(default_factory=dict)  # address -> reply code
    received: list[Received] = field(default_factory=list)
    port: int = 0

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*self.cert)
        return context

    @contextmanager
    def running(self) -> Iterator[SmtpServer]:
        server = _Server(("127.0.0.1", 0), _Session, self)
        self.port = server.server_address[1]
        thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], handler: Any, fake: SmtpServer) -> None:
        self.fake = fake
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, address = super().get_request()
        if self.fake.implicit_tls:
            sock = self.fake.context().wrap_socket(sock, server_side=True)
        return sock, address


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        fake = self.server.fake
        tls = fake.implicit_tls
        login: tuple[str, str] | None = None
        mail_from, rcpt_to = "", []
        self.reply("220 fake ESMTP ready")
        while line := self.rfile.readline():
            command, _, arg = line.decode().rstrip("\r\n").partition(" ")
            verb = command.upper()
            if verb == "EHLO":
                lines = ["fake"]
                lines += ["STARTTLS"] if fake.offer_starttls and not tls else []
                lines += ["AUTH PLAIN"] if tls else []
                lines += ["8BITMIME", "SMTPUTF8"]
                for extension in lines[:-1]:
                    self.reply(f"250-{extension}")
                self.reply(f"250 {lines[-1]}")
            elif verb in ("HELO", "NOOP", "RSET"):
                self.reply("250 OK")
            elif verb == "STARTTLS" and fake.offer_starttls and not tls:
                self.reply("220 go ahead")
                self.connection = fake.context().wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb", buffering=0)
                tls = True
            elif verb == "AUTH" and tls:
                login = self.auth(arg)
                self.reply("235 accepted" if login else "535 5.7.8 bad credentials")
            elif verb == "MAIL":
                mail_from, rcpt_to = arg.split(":", 1)[1].split()[0].strip("<>"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = arg.split(":", 1)[1].strip().strip("<>")
                code = fake.refuse_rcpt.get(address)
                if code:
                    self.reply(f"{code} refused")
                else:
                    rcpt_to.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = self.read_data()
                fake.received.append(Received(mail_from, rcpt_to, data, tls, login))
                self.reply("250 queued")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")

    def reply(self, text: str) -> None:
        self.wfile.write(text.encode() + b"\r\n")
        self.wfile.flush()

    def auth(self, arg: str) -> tuple[str, str] | None:
        mechanism, _, initial = arg.partition(" ")
        if mechanism.upper() != "PLAIN":
            return None
        if not initial:
            self.reply("334 ")
            initial = self.rfile.readline().decode().strip()
        _, user, password = base64.b64decode(initial).decode().split("\0")
        return (user, password) if self.server.fake.users.get(user) == password else None

    def read_data(self) -> bytes:
        lines: list[bytes] = []
        while (line := self.rfile.readline()) not in (b".\r\n", b""):
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)
