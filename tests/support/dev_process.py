"""`make dev` as a real child process on a free port: start, stop by signal, kill, /proc numbers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scripts.export_schemas import ROOT
from tests.support.ports import free_port, wait_for_port


@dataclass
class DevProcess:
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / f"dev-{self.port}.log"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> DevProcess:
        env = os.environ | {
            "HIBACHI_ENV": "local",
            "HIBACHI_DATA_DIR": str(self.data_dir),
            "PORT": str(self.port),
        }
        with open(self.log_path, "a") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "scripts.dev"],
                cwd=ROOT,
                env=env | self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        proc = self.proc
        wait_for_port(self.port, timeout_s=90, proc_alive=lambda: proc.poll() is None)
        return self

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout_s: float = 60) -> int:
        assert self.proc is not None
        self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout_s)

    def kill(self) -> None:
        """kill -9: no shutdown code runs at all."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(timeout=30)

    def children(self) -> list[int]:
        """The runtime's child processes (its delivery worker and server replicas)."""
        found: list[int] = []
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                found += [int(pid) for pid in (task / "children").read_text().split()]
            except FileNotFoundError:  # a thread that just ended
                continue
        return found

    def open_files(self) -> int:
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def rss_kib(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line")

    def port_is_free(self) -> bool:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT is not a holder
            try:
                s.bind(("127.0.0.1", self.port))
            except OSError:
                return False
            return True

    def has_accepted(self, client: socket.socket) -> bool:
        """Whether a server process holds the accepted end of this client's connection."""
        client_port = client.getsockname()[1]
        inode = _server_side_inode(self.port, client_port)
        if inode is None:
            return False
        links = []
        for pid in (self.pid, *self.children()):  # any server process may have taken it
            try:
                fds = os.listdir(f"/proc/{pid}/fd")
            except OSError:
                continue
            for fd in fds:
                try:
                    links.append(os.readlink(f"/proc/{pid}/fd/{fd}"))
                except OSError:
                    continue
        return f"socket:[{inode}]" in links

    def output(self) -> str:
        return self.log_path.read_text()


def _server_side_inode(server_port: int, client_port: int) -> str | None:
    """The socket inode of 127.0.0.1:server_port <- client_port in /proc/net/tcp."""
    local, remote = f"0100007F:{server_port:04X}", f"0100007F:{client_port:04X}"
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        cols = line.split()
        if cols[1] == local and cols[2] == remote and cols[9] != "0":
            return cols[9]
    return None


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit may wait for a reaper)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
