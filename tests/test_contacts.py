"""Table-driven tests of contact parsing, and of the fast paths agreeing with the slow."""

from __future__ import annotations

import pytest
from email_validator import validate_email

from portal.data.contacts import (
    _PLAIN_EMAIL,
    email_address,
    is_valid_email,
    is_valid_url,
    parse_phone,
    safe_url,
)

PHONES = [
    # written, display, tel
    ("112", "112", "112"),
    ("0800-2000", "0800 2000", "+318002000"),
    ("0800 - 0200", "0800 0200", "+318000200"),  # valid form; the trap is a wrong fact
    ("0900-8844", "0900 8844", "+319008844"),
    ("033 448 11 86", "033 448 1186", "+31334481186"),
    ("043-6045777", "043 604 5777", "+31436045777"),
    ("06-81521052", "06 81521052", "+31681521052"),
    ("088 123 4567", "088 123 4567", "+31881234567"),
    ("+31 43 604 5777", "043 604 5777", "+31436045777"),
    # short numbers people need: dialled as written, shown in their usual groups
    ("113", "113", "113"),
    ("116 111", "116 111", "116111"),
    ("116000", "116 000", "116000"),
    ("14 043", "14 043", "14043"),
    ("14 0475", "14 0475", "140475"),
    ("0800-0113", "0800 0113", "+318000113"),
]
INVALID_PHONES = ["", "12345", "999", "0800-20", "+32 2 123 45 67", "abc", "0800-2000 of 112",
                  "043-60457771", "info@example.nl", "116999", "14099", "0800-2000\n",
                  "\t112", "0800-\u202e2000", "()", "-", "1", " 7", "/-00", "+", "++31"]


@pytest.mark.parametrize(("written", "display", "tel"), PHONES)
def test_valid_phone_formats(written, display, tel) -> None:
    phone = parse_phone(written)
    assert phone is not None
    assert (phone.written, phone.display, phone.tel) == (written, display, tel)


@pytest.mark.parametrize("written", INVALID_PHONES)
def test_invalid_phones(written) -> None:
    assert parse_phone(written) is None


EMAILS = [
    ("info@comensha.nl", True),
    ("meldpuntmensenhandel@veiligthuiszl.nl", True),
    ("a.b+c@sub.example.org", True),
    ("jürgen@example.de", True),  # not plain: takes the full check
    ("a@b", False),
    ("info@@example.nl", False),
    (".info@example.nl", False),
    ("info..x@example.nl", False),
    ("info@-example.nl", False),
    ("info@example", False),
    ("info example@example.nl", False),
]


@pytest.mark.parametrize(("address", "valid"), EMAILS)
def test_email(address, valid) -> None:
    assert is_valid_email(address) is valid


TRICKY = [a for a, _ in EMAILS] + [
    "x@a.nl", "a_b@c-d.nl", "a-@b.nl", "a@b-.nl", "a@b.n1", "a@b.c", "a@" + "b" * 64 + ".nl",
    "a" * 65 + "@b.nl", "a@b..nl", "-a@b.nl", "a+@b.nl", "a@b.nl.", "a@1.2.3.4", "a@b.museum",
]


@pytest.mark.parametrize("address", TRICKY)
def test_plain_email_fast_path_accepts_only_what_the_library_accepts(address) -> None:
    if _PLAIN_EMAIL.fullmatch(address):
        validate_email(address, check_deliverability=False)  # raises if the fast path lied


def test_plain_email_fast_path_is_used() -> None:
    assert _PLAIN_EMAIL.fullmatch("info@comensha.nl")


@pytest.mark.parametrize(
    ("url", "https_only", "valid"),
    [
        ("https://www.fier.nl", True, True),
        ("http://www.fier.nl", True, False),
        ("http://www.fier.nl", False, True),
        ("www.fier.nl", True, False),
        ("/contact", False, False),
        ("https://localhost/", True, False),
        ("https://exa mple.nl", True, False),
        ("ftp://example.nl", False, False),
        ("https://www.fier.nl@evil.example/", True, False),
        ("https://www.fier.nl\n", True, False),
        ('https://www.fier.nl/"x', True, False),
        ("https://www.fier.nl/\u200b", True, False),
        ("https://www.fier.nl:poort/", True, False),
    ],
)
def test_url(url, https_only, valid) -> None:
    assert is_valid_url(url, require_https=https_only) is valid


@pytest.mark.parametrize(
    ("address", "normalised"),
    [
        ("info@comensha.nl", "info@comensha.nl"),
        ("info@Comensha.NL", "info@comensha.nl"),
        ("info%40evil.example?bcc=x@example.nl", None),  # valid by the standard, refused
        ("a&b@example.nl", None),
        ("Naam <info@example.nl>", None),
        ("info@example.nl\n", None),
        ("info#x@example.nl", None),
    ],
)
def test_email_address_is_the_normalised_safe_form(address, normalised) -> None:
    assert email_address(address) == normalised


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://www.fier.nl", "https://www.fier.nl"),
        ("https://WWW.Fier.NL/Chat?a=1&b=2#x", "https://www.fier.nl/Chat?a=1&b=2#x"),
        ("https://www.fier.nl/a%20b", "https://www.fier.nl/a%20b"),
        ("https://www.fier.nl/é", "https://www.fier.nl/%C3%A9"),
        ("https://www.fier.nl:8443/", "https://www.fier.nl:8443/"),
        ("http://www.fier.nl", None),
        ("https://www.fier.nl/<b>", None),
    ],
)
def test_safe_url_is_rebuilt_from_its_parts(url, link) -> None:
    assert safe_url(url) == link


def test_no_string_of_number_characters_raises() -> None:
    # Every short string of the characters a number may hold: a Phone or None, no exception.
    alphabet = "0123456789 ()+-./"
    for a in alphabet:
        for b in alphabet:
            for c in "0123456789 +-":
                parse_phone(a + b + c)
