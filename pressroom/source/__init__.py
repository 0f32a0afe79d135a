"""Reading and validating a site root: site.yaml, the content tree, strict YAML, front matter,
partners and topics, Markdown, slugs and the hash of every input.

Everything here turns files into checked values or `path:line` problems; nothing links one
file to another. May import ``base``.
"""
