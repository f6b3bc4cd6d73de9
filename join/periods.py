"""The retention period in words, for the privacy text on the form page."""

from django.utils.translation import ngettext


def retention_period(days):
    """The period in words, in the active language: whole years as months ("12 months"),
    other multiples of 30 days as months, anything else in days."""
    if days % 365 == 0:
        months = days // 365 * 12
    elif days % 30 == 0:
        months = days // 30
    else:
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}
