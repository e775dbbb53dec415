package xlsx

// SetMaxDataRows sets how many rows a raw export's sheet holds, for a test, and returns the
// function that restores it.
func SetMaxDataRows(n int) func() {
	old := maxDataRows
	maxDataRows = n
	return func() { maxDataRows = old }
}
