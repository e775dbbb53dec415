// Package ingest is the write side: a Store built once from the ClickHouse connection and
// the database name, with one method per write (accounts, tokens, sessions, follow-up and
// publication records, holiday changes, audit lines, rollup repair, case imports); the
// intake of responses and cases through the durable spool (ingest/spool), whose entry
// formats are in codec.go; the batcher that drains the spool through the Store; and the
// CSV/XLSX importers (import_*.go). The schema and its migrations are ingest/schema, the
// demo history ingest/demodata. It never imports the read side (reports) or gin.
package ingest
