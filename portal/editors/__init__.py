"""The editors' tools: scaffolds for `portal new` (templates/new/), the web editor (Decap
CMS) and its config, the freshness report, "Wijzig deze pagina" links, and the list of
changed contact values for a pull request.
"""
