"""The record contract: schemas, records, validation, ids and the round trip."""
