"""Discovery of every installed app's `summary.py`, the way the admin discovers admin.py."""

import logging
from importlib import import_module

from django.apps import apps

from .figures import Figure

logger = logging.getLogger(__name__)


def summary_modules():
    """(app label, module) for every installed app with a summary module, in app order."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.summary"
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            # Only the app having no summary.py is "nothing to contribute"; an import error
            # inside one must not be swallowed.
            if exc.name != name:
                raise
            continue
        if callable(getattr(module, "figures", None)):
            found.append((config.label, module))
    return found


def collect(year: int) -> list[Figure]:
    """Every app's figures for a year. A key reported twice keeps the first (and is logged)."""
    figures: list[Figure] = []
    seen = set()
    for label, module in summary_modules():
        for figure in module.figures(year):
            if figure.key in seen:
                logger.warning("summary figure %s reported twice; %s's is ignored", figure.key, label)
                continue
            seen.add(figure.key)
            figures.append(figure)
    return figures
