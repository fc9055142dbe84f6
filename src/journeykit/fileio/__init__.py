"""Writing files atomically and reading git: the outside world, kept at the edges."""
