"""The static supervision site: overview, a page per agency and per case, findings, calendar feeds.

`build.build_site` is the whole flow; `model` gathers plain values from one
judgement of the repository, `pages` renders them (Jinja2, autoescaped),
`charts` draws inline SVG, `history` reads git, `serve` serves it locally.
"""
