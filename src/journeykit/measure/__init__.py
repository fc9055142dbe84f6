"""journeykit measure: the designed journey held against event data (issue 14)."""
