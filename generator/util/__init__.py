"""Small helpers that know nothing of the catalog: atomic file writes, pausing the garbage collector."""
