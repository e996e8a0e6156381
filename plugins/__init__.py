"""docconv's built-in plugins, registered through the ``docconv`` entry-point group.

Installed as the import package ``docconv_plugins`` (a generic top-level name such
as ``plugins`` would collide with other projects).
"""
