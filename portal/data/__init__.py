"""Reading the editors' data: YAML with positions, the JSON Schemas, the typed model, and
the values inside it (phone numbers, addresses, dates, Dutch words and wording).

The bottom of the pipeline: imports nothing of the portal but portal.messages.
"""
