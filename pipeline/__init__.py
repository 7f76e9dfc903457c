"""evaltable: Taiwanese service-evaluation forms (提升服務效能評核表) → Parquet tables."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("evaltable")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+src"
