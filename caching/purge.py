"""Purges of proxies and CDNs: which public addresses a change shows on, sent once the change has committed."""

from collections.abc import Iterable


def queue_purge(paths: Iterable[str]) -> None:
    """Purge `paths` from the configured proxy or CDN once the current transaction commits."""
