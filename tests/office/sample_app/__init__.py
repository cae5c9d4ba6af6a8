"""A minimal app used by tests/office/test_plugins.py: its folder and its hook, nothing in office/."""
