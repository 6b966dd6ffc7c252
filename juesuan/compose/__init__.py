"""compose: write a disclosure from data (``disclosure.yaml`` + ``tables.xlsx``).

``load.load_dir`` reads and validates the inputs, ``derive`` computes every derived
number and its wording through the identities shared with ``check``, ``render``
writes Markdown, HTML, DOCX and PDF from the profile's Jinja template.
"""
