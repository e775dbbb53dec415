package survey

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"strings"
)

// VisitCodes issues and checks the per-visit codes an agency may print on its service
// receipts: a code allows one survey response. A code carries a serial number and a keyed
// check, so skm verifies it without storing the codes, and a guessed code is refused.
type VisitCodes struct {
	key []byte
}

// NewVisitCodes returns codes keyed by key (keep it secret; at least 16 bytes).
func NewVisitCodes(key []byte) *VisitCodes { return &VisitCodes{key: key} }

// Crockford's base-32 alphabet: no I, L, O or U, so codes read aloud and typed from paper
// are unambiguous.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// VisitCodeAlphabet and VisitCodeLength are what a code is written with and how many
// characters it has, without its dash (a keypad offers these keys).
const (
	VisitCodeAlphabet = codeAlphabet
	VisitCodeLength   = codeChars
)

const (
	serialBits = 24
	macBits    = 26
	codeChars  = (serialBits + macBits) / 5 // 10
)

func (v *VisitCodes) mac(agency string, serial uint32) uint64 {
	m := hmac.New(sha256.New, v.key)
	m.Write([]byte(agency))
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], serial)
	m.Write(b[:])
	return binary.BigEndian.Uint64(m.Sum(nil)) >> (64 - macBits)
}

// Issue returns the code for the serial-th visit of agency, as XXXXX-XXXXX.
func (v *VisitCodes) Issue(agency string, serial uint32) string {
	serial &= 1<<serialBits - 1
	n := uint64(serial)<<macBits | v.mac(agency, serial)
	var out [codeChars]byte
	for i := codeChars - 1; i >= 0; i-- {
		out[i] = codeAlphabet[n&31]
		n >>= 5
	}
	return string(out[:5]) + "-" + string(out[5:])
}

// Normalize upper-cases a typed code, drops spaces and dashes, and reads the letters people
// confuse with digits (O→0, I and L→1) as the digits.
func Normalize(code string) string {
	r := strings.NewReplacer("-", "", " ", "", "O", "0", "I", "1", "L", "1")
	return r.Replace(strings.ToUpper(strings.TrimSpace(code)))
}

// Check reports whether code is a valid code of agency, and its serial number.
func (v *VisitCodes) Check(agency, code string) (uint32, bool) {
	c := Normalize(code)
	if len(c) != codeChars {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(c); i++ {
		d := strings.IndexByte(codeAlphabet, c[i])
		if d < 0 {
			return 0, false
		}
		n = n<<5 | uint64(d)
	}
	serial := uint32(n >> macBits)
	if !hmac.Equal(u64(n&(1<<macBits-1)), u64(v.mac(agency, serial))) {
		return 0, false
	}
	return serial, true
}

func u64(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}
