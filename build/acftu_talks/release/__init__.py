"""Writing a release: staging and swap, card, figure, Croissant, citation, manifest, checks."""
