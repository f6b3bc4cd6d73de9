"""'Samlet effekt': the measured results added up per unit."""

from dataclasses import dataclass
from decimal import Decimal

from .choices import Unit


@dataclass
class Total:
    unit: str
    total: Decimal
    first_year: int
    last_year: int
    symbiose_count: int  # how many of the symbioses have a result in this unit

    @property
    def unit_label(self):
        return Unit(self.unit).label


def latest_results(symbiose):
    """Per indicator and unit, the most recent result: yearly figures are not summed over years."""
    latest = {}
    for result in symbiose.results.all():
        key = (result.indicator.strip().lower(), result.unit)
        if key not in latest or result.year > latest[key].year:
            latest[key] = result
    return list(latest.values())


def total_effect(symbioses):
    """Totals per unit over the given symbioses (results prefetched), in the units' own order."""
    totals = {}
    for symbiose in symbioses:
        counted = set()
        for result in latest_results(symbiose):
            total = totals.get(result.unit)
            if total is None:
                total = totals[result.unit] = Total(
                    result.unit, Decimal(0), result.year, result.year, 0
                )
            total.total += result.value
            total.first_year = min(total.first_year, result.year)
            total.last_year = max(total.last_year, result.year)
            if result.unit not in counted:
                total.symbiose_count += 1
                counted.add(result.unit)
    order = list(Unit.values)
    return sorted(totals.values(), key=lambda total: order.index(total.unit))
