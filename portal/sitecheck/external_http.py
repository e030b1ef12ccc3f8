"""Ask web servers whether external addresses still work, with the standard library only.

Each address gets a HEAD request (a GET when the server refuses HEAD), redirects are
followed by hand so that a permanent move can be reported with its new address, and a
busy or failing server (429, 5xx) or a time-out is asked again after an exponential
backoff (a numeric Retry-After is respected, up to a cap). Many addresses are checked at
once, but never more than a few at the same time on one host.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import quote, urljoin, urlsplit

USER_AGENT = "meldpunt-portal-linkcheck/1.0 (controle van externe links)"
PERMANENT, TEMPORARY = (301, 308), (302, 303, 307)
# A HEAD answered with one of these may still work with GET; 404 and 410 are final.
_HEAD_REFUSED = {400, 401, 403, 405, 406, 409, 412, 501}


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # extra attempts after a 429, a 5xx or a time-out
    backoff: float = 1.0  # first pause before a retry; doubles each time
    max_retry_after: float = 30.0  # cap on a server's Retry-After
    max_redirects: int = 5
    per_host: int = 2  # requests at the same time on one host
    workers: int = 8  # requests at the same time in all


@dataclass
class Result:
    """The outcome for one address. `code` is None when the link works."""

    url: str
    status: int | None = None  # the last HTTP status, None without an answer
    final_url: str = ""
    code: str | None = None
    detail: str = ""  # Dutch, for the report
    attempts: int = 0
    redirects: list[tuple[int, str]] = field(default_factory=list)
    checked_at: str = ""  # ISO time, set by the caller
    cached: bool = False


class HostLimiter:
    """At most `per_host` requests at a time on each host."""

    def __init__(self, per_host: int):
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}

    @contextmanager
    def slot(self, host: str):
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self._per_host))
        with semaphore:
            yield


class _Transient(Exception):
    """An answer worth asking again: 429, 5xx or a time-out."""

    def __init__(self, status: int | None, retry_after: float | None = None):
        self.status, self.retry_after = status, retry_after


@cache
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()  # certificates are loaded once, shared by threads


def _request(url: str, method: str, timeout: float) -> tuple[int, str | None, str | None]:
    """(status, Location, Retry-After) of one request; the body is never read."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, parts.port, timeout=timeout, context=_tls())
    else:
        conn = http.client.HTTPConnection(host, parts.port, timeout=timeout)
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    try:
        conn.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = conn.getresponse()
        return (response.status, response.getheader("Location"),
                response.getheader("Retry-After"))
    finally:
        conn.close()


def _ask(url: str, settings: Settings, limiter: HostLimiter) -> tuple[int, str | None, str | None]:
    """HEAD, then GET when the server refuses HEAD."""
    with limiter.slot((urlsplit(url).hostname or "").lower()):
        answer = _request(url, "HEAD", settings.timeout)
        if answer[0] in _HEAD_REFUSED:
            answer = _request(url, "GET", settings.timeout)
    return answer


def _follow(result: Result, settings: Settings, limiter: HostLimiter) -> None:
    """One attempt: follow redirects to the end; raise _Transient to be asked again."""
    url, result.redirects = result.url, []
    while True:
        status, location, retry_after = _ask(url, settings, limiter)
        result.status, result.final_url = status, url
        if status == 429 or status >= 500:
            raise _Transient(status, retry_delay_header(retry_after))
        if status not in PERMANENT + TEMPORARY or not location:
            return
        if len(result.redirects) >= settings.max_redirects:
            result.code = "X007"
            result.detail = (f"'{result.url}' verwijst meer dan {settings.max_redirects} "
                             "keer door.")
            return
        url = urljoin(url, location.strip())
        result.redirects.append((status, url))


def retry_delay_header(value: str | None) -> float | None:
    """A numeric Retry-After in seconds; a date or nonsense counts as absent."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def retry_delay(attempt: int, settings: Settings, retry_after: float | None) -> float:
    """The pause before retry number `attempt` (1-based)."""
    if retry_after is not None:
        return min(retry_after, settings.max_retry_after)
    return settings.backoff * 2 ** (attempt - 1)


def check_url(url: str, settings: Settings, limiter: HostLimiter | None = None,
              sleep: Callable[[float], None] = time.sleep) -> Result:
    """Check one address, with retries; never raises for a network problem."""
    limiter = limiter or HostLimiter(settings.per_host)
    result = Result(url, final_url=url)
    for attempt in range(settings.retries + 1):
        result.attempts = attempt + 1
        try:
            _follow(result, settings, limiter)
        except _Transient as busy:
            if attempt < settings.retries:
                sleep(retry_delay(attempt + 1, settings, busy.retry_after))
                continue
            _classify_busy(result, busy.status, settings)
            return result
        except TimeoutError:
            if attempt < settings.retries:
                sleep(retry_delay(attempt + 1, settings, None))
                continue
            result.status, result.code = None, "X003"
            seconds = f"{settings.timeout:g}".replace(".", ",")  # Dutch decimal comma
            result.detail = f"'{url}' antwoordde niet binnen {seconds} seconden{_tries(result)}."
            return result
        except (OSError, http.client.HTTPException, ValueError, UnicodeError) as exc:
            result.status, result.code = None, "X004"
            result.detail = f"Geen verbinding met '{url}': {_reason(exc)}."
            return result
        if result.code is None:
            _classify(result)
        return result
    return result  # pragma: no cover - the loop always returns


def _tries(result: Result) -> str:
    return f", ook niet na {result.attempts} pogingen" if result.attempts > 1 else ""


def _classify_busy(result: Result, status: int | None, settings: Settings) -> None:
    result.code = "X002"
    what = "te veel verzoeken" if status == 429 else "serverfout"
    result.detail = f"'{result.url}' geeft {what} (HTTP {status}){_tries(result)}."


def _classify(result: Result) -> None:
    status, url = result.status or 0, result.url
    via = f", na doorverwijzing naar {result.final_url}" if result.redirects else ""
    if status in (404, 410):
        result.code = "X001"
        result.detail = f"'{url}' bestaat niet (HTTP {status}{via})."
    elif status >= 400:
        result.code = "X006"
        result.detail = f"'{url}' geeft HTTP {status}{via}."
    elif result.redirects:
        moved = permanent_target(result)
        if moved:
            result.code = "X005"
            first = result.redirects[0][0]
            result.detail = (f"'{url}' is permanent verhuisd (HTTP {first}); pas de link "
                             f"aan naar '{moved}'.")
        else:
            result.detail = f"Tijdelijk doorverwezen naar {result.final_url} (in orde)."


def permanent_target(result: Result) -> str | None:
    """The address to put in the link: where the leading permanent redirects end.
    A temporary redirect first means the link itself is right."""
    target = None
    for status, location in result.redirects:
        if status not in PERMANENT:
            break
        target = location
    return target


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "de verbinding werd geweigerd"
    if isinstance(exc, socket.gaierror):
        return "de domeinnaam is onbekend"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"het certificaat is ongeldig ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return "de beveiligde verbinding mislukte"
    if isinstance(exc, (ValueError, UnicodeError, http.client.InvalidURL)):
        return "het adres is ongeldig"
    if isinstance(exc, (ConnectionError, http.client.HTTPException)):
        return "de verbinding werd verbroken"
    return f"netwerkfout ({exc})"


def _by_host(urls: Iterable[str]) -> list[str]:
    """Hosts interleaved, so that workers rarely wait for the same host's slots."""
    queues: dict[str, list[str]] = defaultdict(list)
    for url in urls:
        queues[(urlsplit(url).hostname or "").lower()].append(url)
    ordered: list[str] = []
    lists = list(queues.values())
    for row in range(max((len(q) for q in lists), default=0)):
        ordered += [q[row] for q in lists if row < len(q)]
    return ordered


def check_urls(urls: Iterable[str], settings: Settings,
               sleep: Callable[[float], None] = time.sleep) -> dict[str, Result]:
    """Check many addresses at once; url -> Result, in the order given."""
    urls = list(urls)
    limiter = HostLimiter(settings.per_host)
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        futures = {url: pool.submit(check_url, url, settings, limiter, sleep)
                   for url in _by_host(urls)}
        return {url: futures[url].result() for url in urls}
