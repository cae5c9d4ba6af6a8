"""URLs reversed once per process instead of once per use (issue 17: a register's rows and the
navigation reversed some fifty URLs per page, at ~25 µs each).

The cache is keyed by what `reverse` itself reads — the URL name, the script prefix and the
resolver of the current URLconf — so a test's override of ROOT_URLCONF (which makes a new
resolver) or a deployment under a prefix gets its own entries.
"""

from functools import lru_cache

from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse

# A primary key no row has: reversed in its place, then replaced by the real one.
_SENTINEL = "2147480009"


def url_key():
    """What a reversed URL depends on: the script prefix and the current URLconf's resolver. Both
    are read from asgiref's locals (some 3 µs): a page's rows read them once (office_tags.pk_url)."""
    return get_script_prefix(), get_resolver(get_urlconf())


@lru_cache(maxsize=512)
def _reversed(name, prefix, resolver):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def cached_reverse(name):
    """reverse(name) for a URL without arguments; None where the name does not resolve."""
    return _reversed(name, *url_key())


@lru_cache(maxsize=512)
def _around_pk(name, prefix, resolver):
    """The URL of `name` for a pk, cut where the pk goes: (before, after)."""
    url = reverse(name, args=[int(_SENTINEL)])
    before, found, after = url.partition(_SENTINEL)
    if not found or _SENTINEL in after or reverse(name, args=[7]) != f"{before}7{after}":
        return None  # not a plain <int:pk> (a converter that pads, say): reversed each time
    return before, after


def pk_url(name, pk, key=None):
    """reverse(name, args=[pk]) for a URL whose one argument is an integer key (<int:pk>);
    `key`: url_key(), if the caller has it."""
    parts = _around_pk(name, *(key or url_key())) if type(pk) is int else None
    if parts is None:
        return reverse(name, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"
