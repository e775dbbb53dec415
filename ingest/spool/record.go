package spool

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
)

// A record on disk is a 24-byte header followed by its payload:
//
//	0  magic   uint32  recordMagic, to find records again after damaged bytes
//	4  crc     uint32  CRC-32C of bytes 8..24+length (the rest of the header and the payload)
//	8  length  uint32  payload bytes
//	12 flags   uint32  flagBatchEnd on the last record of one AppendMany call
//	16 index   uint64  the entry's index, consecutive in a spool's life
//
// Segment files are zero-filled before use, so an all-zero header is where the data ends.
const (
	headerSize   = 24
	recordMagic  = 0x8a4d5bd3
	flagBatchEnd = 1
	// maxRecord bounds a payload; anything larger in a header is damage.
	maxRecord = 256 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// appendRecord encodes one record onto buf.
func appendRecord(buf []byte, index uint64, flags uint32, data []byte) []byte {
	start := len(buf)
	var h [headerSize]byte
	binary.LittleEndian.PutUint32(h[0:], recordMagic)
	binary.LittleEndian.PutUint32(h[8:], uint32(len(data)))
	binary.LittleEndian.PutUint32(h[12:], flags)
	binary.LittleEndian.PutUint64(h[16:], index)
	buf = append(buf, h[:]...)
	buf = append(buf, data...)
	crc := crc32.Update(0, castagnoli, buf[start+8:])
	binary.LittleEndian.PutUint32(buf[start+4:], crc)
	return buf
}

// record is a decoded record header, with its payload when it was read.
type record struct {
	index  uint64
	flags  uint32
	length int64
	data   []byte
}

// size is the record's length on disk.
func (r record) size() int64 { return headerSize + r.length }

// parseRecord decodes the record at the start of b. ok is false when b does not start with
// a whole, intact record (short, zero, wrong magic, impossible length or a checksum that
// does not match).
func parseRecord(b []byte) (r record, ok bool) {
	if len(b) < headerSize || binary.LittleEndian.Uint32(b[0:]) != recordMagic {
		return r, false
	}
	n := int64(binary.LittleEndian.Uint32(b[8:]))
	if n > maxRecord || int64(len(b)) < headerSize+n {
		return r, false
	}
	if crc32.Update(0, castagnoli, b[8:headerSize+n]) != binary.LittleEndian.Uint32(b[4:]) {
		return r, false
	}
	return record{index: binary.LittleEndian.Uint64(b[16:]), flags: binary.LittleEndian.Uint32(b[12:]),
		length: n, data: b[headerSize : headerSize+n]}, true
}

// resync finds the next intact record in b at or after from whose index is above after, and
// returns its offset, or -1.
func resync(b []byte, from int, after uint64) int {
	var magic [4]byte
	binary.LittleEndian.PutUint32(magic[:], recordMagic)
	for from < len(b) {
		i := bytes.Index(b[from:], magic[:])
		if i < 0 {
			return -1
		}
		at := from + i
		if r, ok := parseRecord(b[at:]); ok && r.index > after {
			return at
		}
		from = at + 1
	}
	return -1
}

// allZero reports whether b holds only zero bytes.
func allZero(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b) != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
