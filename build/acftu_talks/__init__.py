"""acftu-talks: a research corpus of Chinese leadership texts on Xi Jinping's
collective talks with the new leadership of the All-China Federation of Trade
Unions, and the builder that turns the raw texts into a validated release."""

# The one place the dataset's version is set: the package, the release's
# Parquet metadata, the card and the citation all read it from here.
__version__ = "0.2.0"
DATASET_NAME = "acftu-talks"
