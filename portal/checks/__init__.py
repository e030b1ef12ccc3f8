"""Every rule for data/ and docs/: one registry (validate.py) runs them all and returns
Dutch messages whose codes and hints are in portal/messages.py. A new rule goes here.

Uses portal.data; knows nothing of pages, exports or the built site.
"""
