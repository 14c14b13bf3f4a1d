"""geomap: turn news articles into maps.

Importing geomap is cheap and does nothing: the pipeline stages live in their own modules
(:mod:`geomap.articles`, :mod:`geomap.extract`, :mod:`geomap.gazetteer`, :mod:`geomap.resolve`,
:mod:`geomap.events`, :mod:`geomap.store`, :mod:`geomap.export`, :mod:`geomap.render`), and
:mod:`geomap.pipeline` ties them together.
"""

from .errors import GeomapError

__version__ = "0.1.0"
__all__ = ["GeomapError", "__version__"]
