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
    written: str
    display: str  # e.g. "0800 2000", "043 604 5777", "112"
    tel: str  # e.g. "+318002000", or "112" for short numbers


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
        if shortnumberinfo.is_valid_short_number_for_region(number, "NL"):
            return Phone(value, digits, digits)
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    display = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return Phone(value, display, phonenumbers.format_number(number, PhoneNumberFormat.E164))


@lru_cache(maxsize=4096)
def is_valid_email(value: str) -> bool:
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
