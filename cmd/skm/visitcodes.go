package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"skm/survey"
)

// visitCodeKey returns the secret that signs per-visit codes: --visit-code-key (hex), or the
// key file under the data directory, created on first use. Every skm serving the same
// agencies must use the same key.
func visitCodeKey(flagValue, dataDir string) ([]byte, error) {
	return secretKey(flagValue, dataDir, secretSpec{file: "visit-code.key", flag: "--visit-code-key", min: 16, size: 32})
}

// sessionKey returns the secret that signs and encrypts staff session cookies: 64 bytes from
// --session-key (hex) or the key file under the data directory, created on first use.
// Servers behind one address must share it.
func sessionKey(flagValue, dataDir string) ([]byte, error) {
	return secretKey(flagValue, dataDir, secretSpec{file: "session.key", flag: "--session-key", min: 64, max: 64, size: 64})
}

// secretSpec describes a secret key: its file under the data directory, the flag that may
// give it instead, its accepted lengths and the length of a new one.
type secretSpec struct {
	file, flag     string
	min, max, size int
}

// secretKey returns the key of spec from flagValue (hex) or its file under dataDir, created
// (mode 0600) with random bytes on first use.
func secretKey(flagValue, dataDir string, spec secretSpec) ([]byte, error) {
	valid := func(k []byte) bool { return len(k) >= spec.min && (spec.max == 0 || len(k) <= spec.max) }
	if flagValue != "" {
		k, err := hex.DecodeString(strings.TrimSpace(flagValue))
		if err != nil || !valid(k) {
			return nil, usagef("%s must be %d bytes written in hex (e.g. from `openssl rand -hex %d`)", spec.flag, spec.size, spec.size)
		}
		return k, nil
	}
	path := filepath.Join(dataDir, spec.file)
	b, err := os.ReadFile(path)
	if err == nil {
		k, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || !valid(k) {
			return nil, fmt.Errorf("key file %s is damaged", path)
		}
		return k, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("key file: %w", err)
	}
	k := make([]byte, spec.size)
	_, _ = rand.Read(k)
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, os.ErrExist) {
		return secretKey("", dataDir, spec) // another process created it first
	}
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	_, err = f.WriteString(hex.EncodeToString(k) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return k, nil
}

func runVisitCodes(_ context.Context, e *env, args []string) error {
	f := newFlagSet(e, "visit-codes", "--agency CODE [--from N] [--count M]",
		"Prints per-visit codes to print on service receipts, one per line as serial;code (CSV).\n"+
			"A resident may enter the code in the survey; a code allows one response. Codes are\n"+
			"signed with the key of --data-dir (or --visit-code-key): use the server's.")
	var agency, standards, key, dataDir string
	var from, count uint
	f.StringVar(&agency, "agency", "", "agency `code` (required)")
	f.UintVar(&from, "from", 1, "first serial number")
	f.UintVar(&count, "count", 100, "how many codes")
	f.standardsVar(&standards)
	f.visitCodeKeyVar(&key)
	f.dataDirVar(&dataDir, "skm-data")
	if err := f.parse(args); err != nil {
		return err
	}
	_, a, err := loadAgency(e, standards, agency)
	if err != nil {
		return err
	}
	if !a.VisitCodes {
		fmt.Fprintf(e.stderr, "note: %s does not ask for visit codes (set visit_codes: true in its standard file)\n", a.Code)
	}
	if count == 0 || count > 1_000_000 || from+count-1 >= 1<<24 {
		return usagef("--from and --count must stay within serials 1..16777215, at most 1 000 000 at a time")
	}
	k, err := visitCodeKey(key, dataDir)
	if err != nil {
		return err
	}
	codes := survey.NewVisitCodes(k)
	fmt.Fprintln(e.stdout, "nomor;kode")
	for s := from; s < from+count; s++ {
		fmt.Fprintf(e.stdout, "%d;%s\n", s, codes.Issue(a.Code, uint32(s)))
	}
	return nil
}
