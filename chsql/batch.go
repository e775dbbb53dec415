package chsql

import "context"

// BatchContext is the context a batch insert runs on. clickhouse-go (v2.50) watches a batch's
// context from a goroutine and closes the connection when the context ends; that goroutine
// can still see the end after Send has returned the connection to the pool, when the caller
// cancels its context right away, and then breaks the next query on that connection ("use
// of closed network connection", seen in our tests). So batches run on a context that never
// ends; they stay bounded by the connection's read and write timeouts.
func BatchContext(ctx context.Context) context.Context { return context.WithoutCancel(ctx) }
