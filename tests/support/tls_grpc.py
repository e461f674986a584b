"""A local gRPC server over TLS on 127.0.0.1, for Google SDKs that only dial TLS.

The Google clients build a secure channel from the endpoint they are given, with call
credentials; off Google Compute Engine, `grpc.compute_engine_channel_credentials` is
plain TLS with the system roots. `trusting` swaps it for TLS that trusts the server's
self-signed certificate, so the SDK's own channel, interceptors and serialisation run.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _self_signed() -> tuple[bytes, bytes]:
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
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


@contextmanager
def tls_server(
    handlers: Sequence[grpc.GenericRpcHandler], monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Serve `handlers` on 127.0.0.1 over TLS; yields the endpoint (`127.0.0.1:port`)."""
    key, cert = _self_signed()
    server = grpc.server(ThreadPoolExecutor(max_workers=2))
    server.add_generic_rpc_handlers(tuple(handlers))
    port = server.add_secure_port("127.0.0.1:0", grpc.ssl_server_credentials([(key, cert)]))
    server.start()

    def trusting(call_credentials: grpc.CallCredentials) -> grpc.ChannelCredentials:
        tls = grpc.ssl_channel_credentials(root_certificates=cert)
        return grpc.composite_channel_credentials(tls, call_credentials)

    monkeypatch.setattr(grpc, "compute_engine_channel_credentials", trusting)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(None)
