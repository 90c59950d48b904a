"""Relations between documents: versions, paraphrases, reuse, formulations.

Every relation is computed from the staged ``sentences`` and ``documents``
configs and the raw texts, after the per-document records are written
(:mod:`acftu_talks.release.finish` runs :func:`relate.write_relations`).
Candidate pairs come from an n-gram index (:mod:`.ngrams`), never from all
pairs of sentences; every row is checked against the raw texts before it is
written (a failed check is a builder bug and raises).
"""
# 2.0.0: reuse rows link a passage to its first attestation, not to every earlier event
METHOD_VERSION = "2.0.0"
