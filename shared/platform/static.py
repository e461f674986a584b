"""A folder of web assets served by one HTTP function: no build step, no server of its own.

Only the files found when the site is loaded can be asked for (a fixed table, so no path
can reach outside the folder). Every answer carries a strong ETag, so a browser
revalidates with a 304 instead of downloading again, and the headers a staff page needs:
a content security policy without inline scripts, no framing, no MIME sniffing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath

from shared.platform.errors import NotFoundError
from shared.platform.http import Reply

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".md": "text/plain; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}

# Everything is checked on every load (a deploy is seen at once, modules never mix
# versions); a file under a versioned folder (`vendor/chart.js-4.6.1/`) never changes.
REVALIDATE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass(frozen=True)
class Asset:
    text: str
    content_type: str
    etag: str
    cache_control: str


def _asset(path: Path, relative: PurePosixPath, immutable_dirs: tuple[str, ...]) -> Asset:
    data = path.read_bytes()
    frozen = bool(relative.parts) and relative.parts[0] in immutable_dirs
    return Asset(
        text=data.decode("utf-8"),
        content_type=TYPES[path.suffix],
        etag='"' + hashlib.sha256(data).hexdigest()[:32] + '"',
        cache_control=IMMUTABLE if frozen else REVALIDATE,
    )


class StaticSite:
    """The files of `root` by their relative path; `index` answers the site's root.

    `prefix` is a leading path segment to ignore: the page links its assets as
    `<prefix>/app.js`, which resolves under the function whether its URL was opened with
    a trailing slash or without one."""

    def __init__(
        self,
        root: Path,
        *,
        index: str = "index.html",
        prefix: str = "",
        immutable_dirs: tuple[str, ...] = ("vendor",),
    ) -> None:
        self._root = root
        self._index = index
        self._prefix = prefix
        self._immutable_dirs = immutable_dirs

    @cached_property
    def assets(self) -> dict[str, Asset]:
        """Read once per instance, on first use."""
        found = {}
        for path in sorted(self._root.rglob("*")):
            if path.is_file() and path.suffix in TYPES:
                relative = PurePosixPath(path.relative_to(self._root).as_posix())
                found[str(relative)] = _asset(path, relative, self._immutable_dirs)
        return found

    def resolve(self, path: str) -> Asset:
        parts = [p for p in path.split("/") if p]
        if parts and parts[0] == self._prefix:
            parts = parts[1:]
        name = "/".join(parts) or self._index
        asset = self.assets.get(name)
        if asset is None:
            raise NotFoundError("no_such_asset", f"no file {name!r} here")
        return asset

    def reply(self, path: str, if_none_match: str | None) -> Reply:
        """The asset at `path`, or an empty 304 when the browser's copy is current."""
        asset = self.resolve(path)
        headers = SECURITY_HEADERS | {"ETag": asset.etag, "Cache-Control": asset.cache_control}
        if if_none_match and asset.etag in (t.strip() for t in if_none_match.split(",")):
            return Reply(None, status=304, headers=headers)
        return Reply(asset.text, headers=headers | {"Content-Type": asset.content_type})
