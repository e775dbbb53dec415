package spool

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"syscall"
)

// The committed marker says up to which index the entries are stored downstream. It is a
// file of two 32-byte slots written in place, alternately, each with its own checksum, so
// that moving the marker never needs new disk space (the batcher must be able to commit,
// and so free segments, on a full disk) and a torn write of one slot leaves the other:
//
//	0  magic     uint32  markerMagic
//	4  crc       uint32  CRC-32C of bytes 8..24
//	8  sequence  uint64  higher wins
//	16 committed uint64
//	24 reserved  8 bytes
const (
	markerName  = "committed.marker"
	markerMagic = 0x4d4b5331
	slotSize    = 32
)

type marker struct {
	f   *os.File
	seq uint64
}

// readMarker returns the committed index in dir (0 and found=false when there is no valid
// marker).
func readMarker(dir string) (m *marker, committed uint64, found bool, err error) {
	path := dir + "/" + markerName
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return &marker{}, 0, false, nil
	}
	if err != nil {
		return nil, 0, false, fmt.Errorf("spool: open marker: %w", err)
	}
	var b [2 * slotSize]byte
	n, err := f.ReadAt(b[:], 0)
	if err != nil && !errors.Is(err, io.EOF) {
		f.Close()
		return nil, 0, false, fmt.Errorf("spool: read marker: %w", err)
	}
	m = &marker{f: f}
	for s := 0; s+slotSize <= n; s += slotSize {
		slot := b[s : s+slotSize]
		if binary.LittleEndian.Uint32(slot) != markerMagic ||
			crc32.Update(0, castagnoli, slot[8:24]) != binary.LittleEndian.Uint32(slot[4:]) {
			continue
		}
		if seq := binary.LittleEndian.Uint64(slot[8:]); !found || seq > m.seq {
			m.seq, committed, found = seq, binary.LittleEndian.Uint64(slot[16:]), true
		}
	}
	if n < len(b) {
		// A marker created but never filled (a crash during creation): fill it now so that
		// later writes are in place.
		f.Close()
		m.f = nil
	}
	return m, committed, found, nil
}

// write records committed durably.
func (m *marker) write(dir string, committed uint64) error {
	if m.f == nil {
		if err := m.create(dir, committed); err != nil {
			return err
		}
		return nil
	}
	m.seq++
	var slot [slotSize]byte
	fillSlot(slot[:], m.seq, committed)
	if _, err := m.f.WriteAt(slot[:], int64(m.seq%2)*slotSize); err != nil {
		return fmt.Errorf("spool: write marker: %w", err)
	}
	if err := syscall.Fdatasync(int(m.f.Fd())); err != nil {
		return fmt.Errorf("spool: sync marker: %w", err)
	}
	return nil
}

// create writes a new marker file with both slots and makes it durable.
func (m *marker) create(dir string, committed uint64) error {
	tmp := dir + "/" + markerName + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_RDWR|os.O_TRUNC, 0o640)
	if err != nil {
		return fmt.Errorf("spool: create marker: %w", err)
	}
	m.seq++
	var b [2 * slotSize]byte
	fillSlot(b[:slotSize], m.seq, committed)
	fillSlot(b[slotSize:], m.seq, committed)
	_, err = f.WriteAt(b[:], 0)
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = os.Rename(tmp, dir+"/"+markerName)
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("spool: create marker: %w", err)
	}
	m.f = f
	return nil
}

func fillSlot(slot []byte, seq, committed uint64) {
	binary.LittleEndian.PutUint32(slot[0:], markerMagic)
	binary.LittleEndian.PutUint64(slot[8:], seq)
	binary.LittleEndian.PutUint64(slot[16:], committed)
	binary.LittleEndian.PutUint32(slot[4:], crc32.Update(0, castagnoli, slot[8:24]))
}

func (m *marker) close() {
	if m.f != nil {
		m.f.Close()
		m.f = nil
	}
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
