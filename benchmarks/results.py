"""The figures of one run and the statistics judged on them."""

import statistics
from dataclasses import dataclass, field

from .config import TARGET_CONNECTIONS, TARGET_RATIO


@dataclass
class LoadRun:
    requests: int
    seconds: float
    bytes: int
    socket_errors: int
    non2xx: int
    p99_ms: float

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def errors(self):
        return self.socket_errors + self.non2xx


@dataclass
class Page:
    url: str
    label: str
    queries_uncached: int = 0
    queries_cached: int = 0
    ms_uncached: float = 0.0
    ms_cached: float = 0.0
    x_cache: str = "-"  # X-Cache of the last warm-up response from gunicorn
    encoding: str = "-"  # Content-Encoding gunicorn sent for Accept-Encoding: gzip
    runs: dict[int, list[LoadRun]] = field(default_factory=dict)
    # Per run: its req/s divided by that of the static run just before it.
    ratios: dict[int, list[float]] = field(default_factory=dict)

    def add(self, connections, run, limit=None):
        self.runs.setdefault(connections, []).append(run)
        if limit is not None:
            self.ratios.setdefault(connections, []).append(run.rps / limit.rps)

    @property
    def errors(self):
        return sum(run.errors for runs in self.runs.values() for run in runs)

    def rps(self, connections):
        return statistics.median(run.rps for run in self.runs[connections])

    def p99_ms(self, connections):
        return statistics.median(run.p99_ms for run in self.runs[connections])

    def spread(self, connections):
        """(max - min) / median of the req/s of its runs: how steady the machine was."""
        rates = [run.rps for run in self.runs[connections]]
        return (max(rates) - min(rates)) / statistics.median(rates)

    def ratio(self, connections):
        if connections not in self.ratios:  # the static limit itself
            return 1.0
        return statistics.median(self.ratios[connections])

    def passes(self):  # judged on the median ratio as printed, to two decimals
        return self.errors == 0 and round(self.ratio(TARGET_CONNECTIONS), 2) >= TARGET_RATIO

    def rounds_agree(self):
        """Every round at the target on the same side of it as the median: a clear verdict."""
        sides = {round(ratio, 2) >= TARGET_RATIO for ratio in self.ratios[TARGET_CONNECTIONS]}
        return len(sides) == 1
