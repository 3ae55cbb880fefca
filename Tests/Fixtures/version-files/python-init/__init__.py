"""Package docs.

__version__ = "0.0.0" in a docstring is not at column 0? it is, but not this one:
"""
  __version__ = "indented"
__version__: str = '1.2.0'  # noqa
VERSION = __version__
