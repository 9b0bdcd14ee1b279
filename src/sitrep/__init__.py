"""sitrep: conflict news in, ACLED-compatible events, actors, places and claims out — offline."""

__version__ = "0.1.0"
