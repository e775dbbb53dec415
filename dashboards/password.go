package dashboards

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters as OWASP recommends for a 19 MiB budget: a check costs tens of
// milliseconds on our 2-core servers, and logins are rate-limited besides.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// MinPasswordLength is the shortest password accepted for an account.
const MinPasswordLength = 10

// CheckPasswordStrength returns an Indonesian message when password is too weak to use.
func CheckPasswordStrength(password, username string) error {
	switch {
	case utf8.RuneCountInString(password) < MinPasswordLength:
		return fmt.Errorf("kata sandi minimal %d karakter", MinPasswordLength)
	case strings.EqualFold(password, username) || strings.Contains(strings.ToLower(password), strings.ToLower(username)) && username != "":
		return errors.New("kata sandi tidak boleh memuat nama pengguna")
	case strings.Trim(password, password[:1]) == "":
		return errors.New("kata sandi tidak boleh satu karakter yang diulang")
	}
	return nil
}

// HashPassword returns the argon2id hash of password in the PHC string form
// ($argon2id$v=19$m=…,t=…,p=…$salt$key), with a fresh random salt.
func HashPassword(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("dashboards: password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches hash (as made by HashPassword, with any
// parameters), in constant time. A malformed hash never matches.
func VerifyPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || m == 0 || m > 1<<20 || t == 0 || t > 16 || p == 0 {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	key, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 || len(key) > 128 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is verified against when a login names no account, so that the answer takes as
// long as for a wrong password and does not tell which usernames exist.
// It is made on first use, so commands that never check a login do not pay for it.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("tidak-ada-akun-ini")
	if err != nil {
		return "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	}
	return h
})
