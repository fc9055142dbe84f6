"""What a run checks: references, the lint engine, its rules and suppressions."""
