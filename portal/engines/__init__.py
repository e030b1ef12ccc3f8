"""What every engine's door does after the engine has rendered a page or the site, with
plain values (no engine objects): the MkDocs plugin (portal/mkdocs_plugin.py) and the
Zensical door (zensical.py) both call finish.py. Below the doors, above the core.
"""
