"""Quotations and reported speech (being split into modules; see ``tags``)."""

from newsgraph.nlp.quotes.tags import *  # noqa: F403
