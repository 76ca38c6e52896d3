"""Fetching a URL the user named (an article page or a feed). The only network use of tracewire."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from tracewire.errors import FetchError

MAX_FETCH_BYTES = 20 * 1024 * 1024
TIMEOUT_S = 20.0


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    content_type: str
    data: bytes


def fetch(url: str, *, max_bytes: int = MAX_FETCH_BYTES, timeout: float = TIMEOUT_S) -> Fetched:
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(url, "only http:// and https:// addresses can be fetched")
    request = urllib.request.Request(url, headers={"User-Agent": "tracewire/0.1 (+news ingest)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            content_type = response.headers.get_content_type() or ""
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        raise FetchError(url, f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FetchError(url, f"cannot fetch ({reason})") from None
    if len(data) > max_bytes:
        raise FetchError(url, f"response larger than {max_bytes // (1024 * 1024)} MB, refused")
    return Fetched(url=final_url, content_type=content_type, data=data)
