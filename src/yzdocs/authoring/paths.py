"""Where authoring aids live inside a case repository."""

VSCODE_SCHEMA_DIR = ".vscode/yzdocs-schema"  # next to .vscode/settings.json
