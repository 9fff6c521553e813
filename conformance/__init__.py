"""Conformance suite for Discord HTTP-interaction servers."""
