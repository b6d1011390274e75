"""newsgraph: who said what, about whom, and when, from news articles."""

from newsgraph.model import (
    Article,
    ArticleAnalysis,
    Entity,
    Quote,
    ReadError,
    Role,
    Speaker,
    TextSpan,
    TimeExpr,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleAnalysis",
    "Entity",
    "Quote",
    "ReadError",
    "Role",
    "Speaker",
    "TextSpan",
    "TimeExpr",
    "__version__",
]
