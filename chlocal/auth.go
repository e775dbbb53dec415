package chlocal

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// User is the ClickHouse user skm connects as to its private server.
const User = "default"

// PasswordFile is the name of the file, in the server's directory, holding the password
// of User (mode 0600). The server's users.xml holds only its SHA-256.
const PasswordFile = "password"

// Endpoint is how to reach a private server: its address and the password of User.
type Endpoint struct {
	// Addr is host:port of the native protocol, on loopback.
	Addr string
	// Password is User's password.
	Password string
}

// DSN is the clickhouse:// URL of database db at e, with the credentials.
func (e Endpoint) DSN(db string) string {
	u := url.URL{Scheme: "clickhouse", User: url.UserPassword(User, e.Password), Host: e.Addr, Path: "/" + db}
	return u.String()
}

// loadOrCreatePassword returns the password kept in dir, creating a random one (256 bits,
// hex) on first use. A file readable by others is narrowed to 0600.
func loadOrCreatePassword(dir string) (string, error) {
	path := filepath.Join(dir, PasswordFile)
	if p, err := readPassword(dir); err == nil {
		if st, err := os.Stat(path); err == nil && st.Mode().Perm() != 0o600 {
			if err := os.Chmod(path, 0o600); err != nil {
				return "", fmt.Errorf("chlocal: restrict %s to its owner: %w", path, err)
			}
		}
		return p, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("chlocal: generate the ClickHouse password: %w", err)
	}
	p := hex.EncodeToString(b[:])
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", fmt.Errorf("chlocal: write %s: %w", path, err)
	}
	_, err = f.WriteString(p + "\n")
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return "", fmt.Errorf("chlocal: write %s: %w", path, err)
	}
	return p, nil
}

// readPassword reads the password kept in dir.
func readPassword(dir string) (string, error) {
	path := filepath.Join(dir, PasswordFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("chlocal: read the ClickHouse password: %w", err)
	}
	p := strings.TrimSpace(string(b))
	if p == "" {
		return "", fmt.Errorf("chlocal: %s is empty; remove it and skm makes a new password", path)
	}
	return p, nil
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
