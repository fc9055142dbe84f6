"""One run over workspaces: targets, loading strategies (serial or a pool), the result."""
