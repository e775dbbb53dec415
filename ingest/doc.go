// Package ingest is the write side and the owner of the ClickHouse schema: the numbered
// migrations and their runner, the intake of responses and cases through the durable spool
// (ingest/spool) and the batcher that drains it into ClickHouse, the writers of accounts,
// tokens, follow-up and publication records, holiday changes and audit lines, the CSV/XLSX
// importers and the demo data. It never imports the read side (reports) or gin.
package ingest
