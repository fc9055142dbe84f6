"""Tests of journeykit measure (a package, so the package-scoped Spark ends with them)."""
