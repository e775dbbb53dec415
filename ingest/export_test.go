package ingest

// DecodeResponseForTest exposes the spool entry decoder to the external tests.
var DecodeResponseForTest = decodeResponse
