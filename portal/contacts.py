"""Parse and format contact values: Dutch phone numbers, e-mail addresses and URLs.

Numbers are stored as the source writes them and shown in one Dutch format, with a
`tel:` target that works from a phone. Used by the validator, the pages and the link
checker alike, so all three agree on what a valid number is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import PhoneNumberFormat, shortnumberinfo


@dataclass(frozen=True)
class Phone:
    """A valid Dutch number: as written, as shown, and as dialled from a phone."""

    written: str
    number: phonenumbers.PhoneNumber | None  # None for short numbers such as 112

    @property
    def display(self) -> str:  # e.g. "0800 2000", "043 604 5777", "112"
        if self.number is None:
            return re.sub(r"\D", "", self.written)
        return phonenumbers.format_number(self.number, PhoneNumberFormat.NATIONAL)

    @property
    def tel(self) -> str:  # e.g. "+318002000", or "112" for short numbers
        if self.number is None:
            return re.sub(r"\D", "", self.written)
        return phonenumbers.format_number(self.number, PhoneNumberFormat.E164)


@lru_cache(maxsize=4096)
def parse_phone(value: str) -> Phone | None:
    """A Dutch number (including 112, 0800/0900 and 088 numbers), or None if invalid."""
    text = value.strip()
    if not re.fullmatch(r"[0-9 ()+\-./]+", text):
        return None
    try:
        number = phonenumbers.parse(text, "NL")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 31:
        return None
    digits = re.sub(r"\D", "", text)
    # Short numbers (112, 144, ...) are dialled as written; they have no +31 form.
    if len(digits) <= 6 and not digits.startswith("0"):
        valid = shortnumberinfo.is_valid_short_number_for_region(number, "NL")
        return Phone(value, None) if valid else None
    return Phone(value, number) if phonenumbers.is_valid_number(number) else None


# Ordinary addresses (ASCII, no quoting, dotted labels) are certainly valid; they skip the
# full check, which costs about 60 microseconds each. Anything else gets the full check.
_PLAIN_EMAIL = re.compile(
    r"(?=.{6,254}$)(?=[^@]{1,64}@)[a-z0-9_+-]+(?:\.[a-z0-9_+-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_valid_email(value: str) -> bool:
    if _PLAIN_EMAIL.fullmatch(value):
        return True
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def is_valid_url(value: str, *, require_https: bool = True) -> bool:
    """An absolute http(s) URL with a host; https unless the caller allows http."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    host = parts.hostname or ""
    if " " in value or "." not in host:
        return False
    return parts.scheme == "https" or (not require_https and parts.scheme == "http")
