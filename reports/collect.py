"""Every app's figures for a year, from the summary function its plugin names (office.plugins)."""

import logging

from office.figures import Figure
from office.plugins import summary_functions

from .outline import ROWS_BY_KEY

logger = logging.getLogger(__name__)


def summary_modules():
    """(app label, figures function) for every installed app that reports figures, in app order."""
    return summary_functions()


def collect(year: int) -> list[Figure]:
    """Every app's figures for a year. A key reported twice keeps the first; a key the outline
    does not know is left out. Both are logged, since either means an app and the outline
    disagree."""
    figures: list[Figure] = []
    seen = set()
    for label, function in summary_functions():
        for figure in function(year):
            if figure.key not in ROWS_BY_KEY:
                logger.warning("summary figure %s of %s is not in the outline; it is left out", figure.key, label)
                continue
            if figure.key in seen:
                logger.warning("summary figure %s reported twice; %s's is ignored", figure.key, label)
                continue
            seen.add(figure.key)
            figures.append(figure)
    return figures
