"""Workspace commands (serve, trends, fusion) registered on the main CLI app."""

from __future__ import annotations
