"""Publication dates as ``YYYY-MM-DD``: ISO 8601, RFC 2822 and a few spelled-out forms.

The date is taken as written: ``2016-09-12T23:30:00-04:00`` is ``2016-09-12``
(no conversion to UTC), because that is the day the outlet printed.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

# Spelled-out forms tried after ISO 8601 and RFC 2822 (day-first and month-first
# numeric forms such as 03/04/2019 are ambiguous and deliberately absent).
SPELLED_FORMATS: tuple[str, ...] = (
    "%B %d, %Y",  # April 1, 1997
    "%b %d, %Y",  # Apr 1, 1997
    "%b. %d, %Y",  # Apr. 1, 1997
    "%d %B %Y",  # 1 April 1997
    "%d %b %Y",  # 1 Apr 1997
    "%B %d %Y",  # April 1 1997
    "%Y/%m/%d",  # 1997/04/01
    "%Y.%m.%d",  # 1997.04.01
)

# Years outside this range are taken as a misreading, not a publication date.
PLAUSIBLE_YEARS = range(1800, 2200)

ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])")


def iso_day(value: str) -> date | None:
    """The day of an ISO 8601 date or timestamp, or None."""
    match = ISO_DAY.match(value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value).date()  # compact forms: 20160912, 20160912T1030
    except ValueError:
        return None


def rfc2822_day(value: str) -> date | None:
    """The day of an RFC 2822 date (``Tue, 01 Apr 1997 10:00:00 +0000``), or None."""
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def spelled_day(value: str) -> date | None:
    """The day of a spelled-out date such as ``April 1, 1997``, or None."""
    cleaned = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
    for pattern in SPELLED_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    return None


def epoch_day(value: float) -> date | None:
    """The UTC day of a Unix timestamp in seconds or milliseconds, or None."""
    seconds = value / 1000 if value > 10**11 else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` for a date string or timestamp, or None when it cannot be read."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        day = epoch_day(float(value))
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        day = iso_day(text) or rfc2822_day(text) or spelled_day(text)
    else:
        return None
    if day is None or day.year not in PLAUSIBLE_YEARS:
        return None
    return day.isoformat()
