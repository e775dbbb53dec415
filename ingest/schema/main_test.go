package schema_test

import (
	"testing"

	"skm/ingest/chtest"
)

func TestMain(m *testing.M) { chtest.Main(m) }
