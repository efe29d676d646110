"""Helping staff write correct files: new case skeletons, editor schemas, court-list import."""
