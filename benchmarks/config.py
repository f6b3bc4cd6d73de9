"""What is measured, against which target, and the few helpers every step uses."""

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PAGES = [
    ("/", "HomePage"),
    ("/om-symbiose-hillerod/", "ContentPage"),
    ("/symbioser/", "SymbioseIndexPage"),
    ("/symbioser/eksempel-overskudsvarme-datacenter/", "SymbiosePage"),
    ("/partnere/", "PartnerIndexPage"),
    ("/partnere/eksempel-forsyningen/", "PartnerPage"),
    ("/temagrupper/", "ThemeGroupIndexPage"),
    ("/temagrupper/energi/", "ThemeGroupPage"),
]


STATIC_SOURCE = "/om-symbiose-hillerod/"  # its HTML, served as a static file, is the limit


STATIC_FILE = "bench-static/om.html"  # inside STATIC_ROOT; whitenoise serves it at startup


CONNECTIONS = (1, 8, 32)


TARGET_CONNECTIONS = 8


TARGET_RATIO = 0.75


ROUNDS = 3  # static/page pairs per page at the target's connection count; the median is judged


WORKERS = 2


class BenchError(Exception):
    """A setup step failed: the message says which, and what it printed."""


def say(message):
    print(message, flush=True)
