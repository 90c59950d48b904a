"""``python -m acftu_talks`` runs the command line."""
from .cli import run

run()
