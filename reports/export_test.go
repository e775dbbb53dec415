package reports

// Computed exposes computed to the tests.
var Computed = (*Querier).computed
