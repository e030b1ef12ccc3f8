"""Checks of the built site: links, page structure, findability, the watch on external
addresses, and the Content Security Policy (its allowlist in csp_allowlist.json, made
from the made-up site in csp_site/).
"""
