"""The rule modules, one documented change each; installed as ``migrator.rules``."""
