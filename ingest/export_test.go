package ingest

// DecodeResponseForTest exposes the spool entry decoder to the external tests.
var DecodeResponseForTest = decodeResponse

// EncodeResponseForTest exposes the spool entry encoder to the external tests.
var EncodeResponseForTest = encodeResponse

// EncodeCaseForTest and DecodeCaseForTest expose the case spool codec to the external tests.
var (
	EncodeCaseForTest = encodeCase
	DecodeCaseForTest = decodeCase
)
