"""A workspace: its files on disk, its configuration, the project it loads into."""
