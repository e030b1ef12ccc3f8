"""move_jsonld_to_head: table of pages before and after."""

from __future__ import annotations

import pytest

from portal.exports.headtags import move_jsonld_to_head, tidy_head

LD = '<script type="application/ld+json">{"a": 1}</script>'


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<head></head><body><p>x</p></body>", "<head></head><body><p>x</p></body>"),
        (f"<head></head><body>{LD}<p>x</p></body>", f"<head>{LD}\n</head><body><p>x</p></body>"),
        (f"<head>{LD}</head><body></body>", f"<head>{LD}</head><body></body>"),
        (f"<head></head><body>{LD}\n{LD.replace('1', '2')}</body>",
         f"<head>{LD}\n{LD.replace('1', '2')}\n</head><body></body>"),
    ],
)
def test_move_jsonld_to_head(page: str, expected: str) -> None:
    assert move_jsonld_to_head(page) == expected


def test_language_links_leave_the_head_but_not_the_body() -> None:
    page = ('<head><link rel="alternate" href="./" hreflang="nl">\n'
            '<link rel="alternate" href="../en/" hreflang="en">\n</head>'
            '<body><a href="../en/" hreflang="en" class="md-select__link">English</a></body>')
    assert tidy_head(page) == ('<head></head><body><a href="../en/" hreflang="en" '
                               'class="md-select__link">English</a></body>')
