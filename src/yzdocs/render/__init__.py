"""Turning cases into Word documents.

kinds.py     which documents a case gets (the applicability table)
context.py   the variables each template sees
format.py    dates, enum labels, case numbers as they print (also Jinja filters)
text.py      normalising pasted text; reporting removed characters
engine.py    cached, sandboxed, lossless rendering of a .docx template
templates.py built-in templates and repository overrides
inspect.py   `yzdocs templates check`: compile and variable checks with locations

Only kinds.py is imported by the CLI at start-up; it is light.
"""
