"""Other files made from the model: open data (HSDS, CSV, vCard), schema.org JSON-LD, the
news feed, the share image, short addresses, and what makes the site findable (robots,
head tags). A new export goes here.

Uses portal.data; portal.pages may use it (JSON-LD on organisation pages).
"""
