package spool_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"skm/ingest/spool"
)

// BenchmarkAppend measures durable appends from 32 concurrent writers (as the HTTP handlers
// are) of a 350-byte entry, the size of an encoded response. Beside it, in the same run, the
// reference: the same group commit (same linger) onto a plain growing file with one write and
// one fdatasync per group — what a log without preallocated segments does.
func BenchmarkAppend(b *testing.B) {
	data := make([]byte, 350)
	b.Run("spool", func(b *testing.B) {
		s, err := spool.Open(b.TempDir(), spool.Options{Reserve: -1})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.SetParallelism(16) // 32 writers on 2 cores
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.Append(context.Background(), data); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
	})
	b.Run("reference-growing-file", func(b *testing.B) {
		f, err := os.OpenFile(filepath.Join(b.TempDir(), "log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o640)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		g := newGroupFile(f)
		defer g.close()
		b.SetParallelism(16)
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := g.append(data); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
	})
}

// groupFile is the reference: appends gathered for 300 µs, one write and one fdatasync.
type groupFile struct {
	f    *os.File
	reqs chan groupReq
	wg   sync.WaitGroup
}

type groupReq struct {
	data []byte
	done chan error
}

func newGroupFile(f *os.File) *groupFile {
	g := &groupFile{f: f, reqs: make(chan groupReq, 4096)}
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		var buf []byte
		var group []groupReq
		for r := range g.reqs {
			group = append(group[:0], r)
			linger := time.NewTimer(300 * time.Microsecond)
		fill:
			for {
				select {
				case r, ok := <-g.reqs:
					if !ok {
						break fill
					}
					group = append(group, r)
				case <-linger.C:
					break fill
				}
			}
			buf = buf[:0]
			for _, r := range group {
				buf = append(buf, r.data...)
			}
			_, err := f.Write(buf)
			if err == nil {
				err = syscall.Fdatasync(int(f.Fd()))
			}
			for _, r := range group {
				r.done <- err
			}
		}
	}()
	return g
}

func (g *groupFile) append(data []byte) error {
	done := make(chan error, 1)
	g.reqs <- groupReq{data, done}
	return <-done
}

func (g *groupFile) close() { close(g.reqs); g.wg.Wait() }
