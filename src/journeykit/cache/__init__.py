"""The result cache: a layer around the run, its folder chosen by the caller."""
