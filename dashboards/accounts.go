package dashboards

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"skm/reports"
	"skm/standard"
)

// AccountStore reads and writes staff accounts, their one-time codes and the agencies' API
// tokens: the read side for lists, the write side for changes (filled in by cmd/skm).
type AccountStore interface {
	Accounts
	// Users returns every account, by username.
	Users(ctx context.Context) ([]reports.User, error)
	// SaveUser stores u as the account's newest version, made by by at at, and returns the
	// version it got.
	SaveUser(ctx context.Context, u reports.User, by string, at time.Time) (version uint64, err error)
	// AccountCode finds a one-time code by its hash, saying whether a newer code of its
	// account supersedes it; SaveAccountCode stores a new version.
	AccountCode(ctx context.Context, hash string) (reports.AccountCode, bool, error)
	SaveAccountCode(ctx context.Context, c reports.AccountCode, at time.Time) error
	// Tokens returns the API tokens of agency ("" for all), of every kind, newest first.
	Tokens(ctx context.Context, agency string) ([]reports.Token, error)
	// CreateToken makes a token of kind (reports.Token.Kind) for agency and returns it once,
	// with its id.
	CreateToken(ctx context.Context, agency, name, kind string, at time.Time) (token, id string, err error)
	// RevokeToken stops t from working.
	RevokeToken(ctx context.Context, t reports.Token, at time.Time) error
}

// Actor is who changes an account or a token: a signed-in admin or head, or the command
// line (as an admin). Agency is a head's own agency.
type Actor struct {
	Username, Role, Agency string
	RequestID              string // of the web request, for the audit log
}

// NewAccount is an account to add. With Password empty (the screens), the account gets a
// one-time code with which the person sets their own password; the command line gives one.
type NewAccount struct {
	Username, DisplayName, Role, Agency string
	Password                            string
}

// AccountError is a refused change of an account or token: an Indonesian message for the
// person, the form field it concerns ("" for none) and the HTTP status that answers it
// (403: not the actor's to change, 404: no such account or token, 409: exists, 422: bad
// input, 410: a one-time code no longer valid).
type AccountError struct {
	Status  int
	Field   string
	Message string
}

func (e *AccountError) Error() string { return e.Message }

func refuse(status int, field, format string, args ...any) error {
	return &AccountError{Status: status, Field: field, Message: fmt.Sprintf(format, args...)}
}

// AccountCodeTTL is how long a one-time code for setting a password is valid.
const AccountCodeTTL = 24 * time.Hour

// Purposes of one-time codes.
const (
	CodeNewAccount = "baru"  // the first password of a new account
	CodeReset      = "reset" // a password reset
)

// AccountAdminOptions configure an AccountAdmin.
type AccountAdminOptions struct {
	// Set holds the agencies. Required.
	Set *standard.Set
	// Store reads and writes accounts, codes and tokens. Required.
	Store AccountStore
	// Auditor records every change. Required.
	Auditor Auditor
	// HashCode hashes a one-time code the way it is stored (ingest.TokenHash). Required.
	HashCode func(code string) string
	// Changed is told the username of every account changed (the staff app drops it from
	// its cache, so the change holds at once on this server); may be nil.
	Changed func(username string)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// AccountAdmin is the one place where staff accounts and API tokens are added and changed,
// for the admin screens and for `skm user` and `skm token`: who may change what (an admin
// every account and agency; a head the head and staff accounts and the tokens of their own
// agency), the checks of usernames, roles and passwords, one-time codes, and the audit log.
type AccountAdmin struct {
	o AccountAdminOptions
	// redeem makes the use of one-time codes one at a time on this server, so one code
	// cannot set two passwords.
	redeem sync.Mutex
}

// NewAccountAdmin returns an AccountAdmin.
func NewAccountAdmin(o AccountAdminOptions) *AccountAdmin {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Changed == nil {
		o.Changed = func(string) {}
	}
	return &AccountAdmin{o: o}
}

// CheckUsername allows 3–64 letters, digits, '.', '_' and '-' (ASCII).
func CheckUsername(u string) error {
	if len(u) < 3 || len(u) > 64 {
		return errors.New("nama pengguna harus 3 sampai 64 karakter")
	}
	for _, r := range u {
		if !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._-", r))) {
			return errors.New("nama pengguna hanya boleh memuat huruf, angka, titik, garis bawah dan tanda hubung")
		}
	}
	return nil
}

// manages reports whether by may act on the accounts and tokens of agency with role (""
// for tokens): an admin on all; a head only on heads and staff of their own agency.
func manages(by Actor, agency, role string) bool {
	switch by.Role {
	case RoleAdmin:
		return true
	case RoleHead:
		return by.Agency != "" && agency == by.Agency && role != RoleAdmin
	}
	return false
}

// Accounts returns the accounts by may manage, by username.
func (m *AccountAdmin) Accounts(ctx context.Context, by Actor) ([]reports.User, error) {
	all, err := m.o.Store.Users(ctx)
	if err != nil {
		return nil, fmt.Errorf("dashboards: accounts: %w", err)
	}
	out := all[:0]
	for _, u := range all {
		if manages(by, u.Agency, u.Role) {
			out = append(out, u)
		}
	}
	return out, nil
}

// checkPlace checks a role and agency for an account by may give: a known role; an admin
// without agency, a head or staff with a known one; and by's right to give them.
func (m *AccountAdmin) checkPlace(by Actor, role, agency string) error {
	if !ValidRole(role) {
		return refuse(http.StatusUnprocessableEntity, "role", "pilih peran: admin, kepala atau staf")
	}
	if role == RoleAdmin && agency != "" {
		return refuse(http.StatusUnprocessableEntity, "agency", "admin bekerja untuk semua instansi: kosongkan instansi")
	}
	if role != RoleAdmin {
		if _, ok := m.o.Set.Agency(agency); !ok {
			return refuse(http.StatusUnprocessableEntity, "agency", "akun %s memerlukan instansi yang dikenal", strings.ToLower(roleLabel(role)))
		}
	}
	if !manages(by, agency, role) {
		return refuse(http.StatusForbidden, "role", "Anda tidak dapat memberi peran %s untuk instansi ini", strings.ToLower(roleLabel(role)))
	}
	return nil
}

// Add creates an account and returns a one-time code for its first password (none when
// a.Password is given, as by the command line).
func (m *AccountAdmin) Add(ctx context.Context, by Actor, a NewAccount) (code string, err error) {
	a.Username, a.DisplayName = strings.TrimSpace(a.Username), strings.TrimSpace(a.DisplayName)
	if err := CheckUsername(a.Username); err != nil {
		return "", refuse(http.StatusUnprocessableEntity, "username", "%s", err.Error())
	}
	if utf8.RuneCountInString(a.DisplayName) > 100 || !standard.ReadableLine(a.DisplayName) {
		return "", refuse(http.StatusUnprocessableEntity, "name", "nama paling banyak 100 karakter, satu baris, tanpa karakter kendali")
	}
	if err := m.checkPlace(by, a.Role, a.Agency); err != nil {
		return "", err
	}
	u := reports.User{Username: a.Username, Agency: a.Agency, Role: a.Role, DisplayName: a.DisplayName}
	if a.Password != "" {
		if err := CheckPasswordStrength(a.Password, a.Username); err != nil {
			return "", refuse(http.StatusUnprocessableEntity, "password", "%s", err.Error())
		}
		if u.PasswordHash, err = HashPassword(a.Password); err != nil {
			return "", err
		}
	}
	if _, found, err := m.o.Store.User(ctx, a.Username); err != nil {
		return "", fmt.Errorf("dashboards: read account: %w", err)
	} else if found {
		return "", refuse(http.StatusConflict, "username", "akun %q sudah ada", a.Username)
	}
	now := m.o.Now()
	if u.Version, err = m.o.Store.SaveUser(ctx, u, by.Username, now); err != nil {
		return "", fmt.Errorf("dashboards: add account: %w", err)
	}
	m.o.Changed(u.Username)
	detail := u.Role
	if a.Password == "" {
		if code, err = m.newCode(ctx, by, u, CodeNewAccount, now); err != nil {
			return "", err
		}
		detail += "; kode sekali pakai untuk kata sandi pertama"
	}
	return code, m.audit(ctx, by, u.Agency, u.Username, "user.add", detail)
}

// change applies f to the account named username after the checks every change shares: it
// exists, by manages it, and (keep) by does not change their own account that way.
func (m *AccountAdmin) change(ctx context.Context, by Actor, username string, self bool,
	f func(u *reports.User) error) (reports.User, error) {
	u, found, err := m.o.Store.User(ctx, username)
	if err != nil {
		return u, fmt.Errorf("dashboards: read account: %w", err)
	}
	if !found || !manages(by, u.Agency, u.Role) {
		// Another agency's account is not named to a head: it is as if there were none.
		return u, refuse(http.StatusNotFound, "username", "akun %q tidak ditemukan", username)
	}
	if !self && username == by.Username {
		return u, refuse(http.StatusUnprocessableEntity, "username", "peran dan status akun Anda sendiri diubah oleh admin lain")
	}
	if err := f(&u); err != nil {
		return u, err
	}
	if u.Version, err = m.o.Store.SaveUser(ctx, u, by.Username, m.o.Now()); err != nil {
		return u, fmt.Errorf("dashboards: change account: %w", err)
	}
	m.o.Changed(u.Username)
	return u, nil
}

// SetDisabled disables or enables an account; a disabled account's sessions end.
func (m *AccountAdmin) SetDisabled(ctx context.Context, by Actor, username string, disabled bool) error {
	u, err := m.change(ctx, by, username, false, func(u *reports.User) error {
		u.Disabled = disabled
		return nil
	})
	if err != nil {
		return err
	}
	action := map[bool]string{true: "user.disable", false: "user.enable"}[disabled]
	return m.audit(ctx, by, u.Agency, u.Username, action, u.Role)
}

// SetRole gives an account another role (within its agency); its sessions end.
func (m *AccountAdmin) SetRole(ctx context.Context, by Actor, username, role string) error {
	var from string
	u, err := m.change(ctx, by, username, false, func(u *reports.User) error {
		if role == RoleAdmin && u.Role != RoleAdmin {
			// An admin has no agency: made with its own form (Add), never by turning an
			// agency's account into one.
			return refuse(http.StatusUnprocessableEntity, "role", "akun instansi tidak dapat dijadikan admin; buat akun admin tersendiri")
		}
		if u.Role == RoleAdmin && role != RoleAdmin {
			return refuse(http.StatusUnprocessableEntity, "role", "akun admin tidak memiliki instansi; nonaktifkan akun ini dan buat akun instansi")
		}
		if err := m.checkPlace(by, role, u.Agency); err != nil {
			return err
		}
		from, u.Role = u.Role, role
		return nil
	})
	if err != nil {
		return err
	}
	return m.audit(ctx, by, u.Agency, u.Username, "user.role", from+" → "+role)
}

// SetPassword sets an account's password (the command line); its sessions end.
func (m *AccountAdmin) SetPassword(ctx context.Context, by Actor, username, password string) error {
	if err := CheckPasswordStrength(password, username); err != nil {
		return refuse(http.StatusUnprocessableEntity, "password", "%s", err.Error())
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	u, err := m.change(ctx, by, username, true, func(u *reports.User) error {
		u.PasswordHash = hash
		return nil
	})
	if err != nil {
		return err
	}
	return m.audit(ctx, by, u.Agency, u.Username, "user.passwd", u.Role)
}

// IssueReset makes a one-time code with which the account's owner sets a new password; the
// old password keeps working until then.
func (m *AccountAdmin) IssueReset(ctx context.Context, by Actor, username string) (string, error) {
	u, found, err := m.o.Store.User(ctx, username)
	if err != nil {
		return "", fmt.Errorf("dashboards: read account: %w", err)
	}
	if !found || !manages(by, u.Agency, u.Role) {
		return "", refuse(http.StatusNotFound, "username", "akun %q tidak ditemukan", username)
	}
	if u.Disabled {
		return "", refuse(http.StatusUnprocessableEntity, "username", "akun %q nonaktif: aktifkan dulu, lalu setel ulang kata sandinya", username)
	}
	code, err := m.newCode(ctx, by, u, CodeReset, m.o.Now())
	if err != nil {
		return "", err
	}
	return code, m.audit(ctx, by, u.Agency, u.Username, "user.reset", "kode sekali pakai, berlaku 24 jam")
}

// newCode stores and returns a one-time code for u: 160 random bits, of which only the
// hash is stored.
func (m *AccountAdmin) newCode(ctx context.Context, by Actor, u reports.User, purpose string, now time.Time) (string, error) {
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("dashboards: account code: %w", err)
	}
	code := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	c := reports.AccountCode{Hash: m.o.HashCode(code), Username: u.Username, Purpose: purpose, UserVersion: u.Version,
		CreatedAt: now, ExpiresAt: now.Add(AccountCodeTTL), CreatedBy: by.Username}
	if err := m.o.Store.SaveAccountCode(ctx, c, now); err != nil {
		return "", fmt.Errorf("dashboards: store account code: %w", err)
	}
	return code, nil
}

// normalizeCode accepts a code as typed: spaces and capitals are ignored.
func normalizeCode(code string) string {
	return strings.ToLower(strings.Join(strings.Fields(code), ""))
}

// CodeAccount returns the account a one-time code is for, while the code is valid: not
// used, not expired, the newest code of its account (a new link ends the earlier ones), and
// the account unchanged since it was made.
func (m *AccountAdmin) CodeAccount(ctx context.Context, code string) (reports.User, reports.AccountCode, error) {
	code = normalizeCode(code)
	gone := refuse(http.StatusGone, "kode", "Kode atau tautan ini tidak berlaku: sudah dipakai, sudah lewat 24 jam, atau salah ketik. Mintalah kode baru kepada admin atau kepala instansi Anda.")
	if len(code) < 20 || len(code) > 64 {
		return reports.User{}, reports.AccountCode{}, gone
	}
	c, found, err := m.o.Store.AccountCode(ctx, m.o.HashCode(code))
	if err != nil {
		return reports.User{}, c, fmt.Errorf("dashboards: read account code: %w", err)
	}
	if !found || c.Used || c.Superseded || !m.o.Now().Before(c.ExpiresAt) {
		return reports.User{}, c, gone
	}
	u, found, err := m.o.Store.User(ctx, c.Username)
	if err != nil {
		return u, c, fmt.Errorf("dashboards: read account: %w", err)
	}
	if !found || u.Version != c.UserVersion || u.Disabled {
		return u, c, gone
	}
	return u, c, nil
}

// Redeem sets the password of the account a valid one-time code is for, and uses the code
// up. The account's sessions end (its version changes). It returns the account.
func (m *AccountAdmin) Redeem(ctx context.Context, code, password, again string, requestID string) (reports.User, error) {
	m.redeem.Lock()
	defer m.redeem.Unlock()
	u, c, err := m.CodeAccount(ctx, code)
	if err != nil {
		return u, err
	}
	if password != again {
		return u, refuse(http.StatusUnprocessableEntity, "again", "kedua kata sandi berbeda: ketik kata sandi yang sama dua kali")
	}
	if err := CheckPasswordStrength(password, u.Username); err != nil {
		return u, refuse(http.StatusUnprocessableEntity, "password", "%s", err.Error())
	}
	if u.PasswordHash, err = HashPassword(password); err != nil {
		return u, err
	}
	now := m.o.Now()
	// The code is used up first: a failure after it leaves no usable code behind.
	c.Used = true
	if err := m.o.Store.SaveAccountCode(ctx, c, now); err != nil {
		return u, fmt.Errorf("dashboards: use account code: %w", err)
	}
	if u.Version, err = m.o.Store.SaveUser(ctx, u, u.Username, now); err != nil {
		return u, fmt.Errorf("dashboards: set password: %w", err)
	}
	m.o.Changed(u.Username)
	by := Actor{Username: u.Username, Role: u.Role, Agency: u.Agency, RequestID: requestID}
	return u, m.audit(ctx, by, u.Agency, u.Username, "user.passwd", "dengan kode sekali pakai ("+c.Purpose+")")
}

// Tokens returns the agencies' machine tokens by may manage, of agency ("" for all by may
// see); kiosk devices are KioskDevices.
func (m *AccountAdmin) Tokens(ctx context.Context, by Actor, agency string) ([]reports.Token, error) {
	if by.Role == RoleHead {
		agency = by.Agency
	}
	return m.tokensOf(ctx, agency, "", func(t reports.Token) bool { return manages(by, t.Agency, "") })
}

// tokensOf returns the tokens of agency ("" for all) of kind that may holds.
func (m *AccountAdmin) tokensOf(ctx context.Context, agency, kind string, may func(reports.Token) bool) ([]reports.Token, error) {
	all, err := m.o.Store.Tokens(ctx, agency)
	if err != nil {
		return nil, fmt.Errorf("dashboards: tokens: %w", err)
	}
	out := all[:0]
	for _, t := range all {
		if t.Kind == kind && may(t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// CreateToken makes an API token for agency, named name, and returns it — once — with its id.
func (m *AccountAdmin) CreateToken(ctx context.Context, by Actor, agency, name string) (token, id string, err error) {
	if _, ok := m.o.Set.Agency(agency); !ok {
		return "", "", refuse(http.StatusUnprocessableEntity, "agency", "pilih instansi yang dikenal")
	}
	if !manages(by, agency, "") {
		return "", "", refuse(http.StatusForbidden, "agency", "Anda hanya dapat membuat token untuk instansi Anda sendiri")
	}
	return m.newToken(ctx, by, agency, name, "", "token.create", "isi nama token (siapa atau apa yang memakainya), paling banyak 100 karakter")
}

// newToken makes a token of kind once its agency is allowed, checking its name (nameRule
// says what a name must be), and audits it as action.
func (m *AccountAdmin) newToken(ctx context.Context, by Actor, agency, name, kind, action, nameRule string) (token, id string, err error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 || !utf8.ValidString(name) {
		return "", "", refuse(http.StatusUnprocessableEntity, "name", "%s", nameRule)
	}
	if token, id, err = m.o.Store.CreateToken(ctx, agency, name, kind, m.o.Now()); err != nil {
		return "", "", fmt.Errorf("dashboards: create token: %w", err)
	}
	return token, id, m.audit(ctx, by, agency, "token "+id, action, name)
}

// RevokeToken stops the token with id of agency ("" for any the actor manages) from
// working.
func (m *AccountAdmin) RevokeToken(ctx context.Context, by Actor, agency, id string) error {
	list, err := m.Tokens(ctx, by, agency)
	if err != nil {
		return err
	}
	return m.revokeOne(ctx, by, list, id, "token.revoke", "pilih token yang akan dicabut", "token %q tidak ditemukan")
}

// revokeOne revokes the token with id among list (the tokens by may revoke) and audits it as
// action; pick and unknown word the refusals of no id and of an id not in list.
func (m *AccountAdmin) revokeOne(ctx context.Context, by Actor, list []reports.Token, id, action, pick, unknown string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		return refuse(http.StatusUnprocessableEntity, "id", "%s", pick)
	}
	for _, t := range list {
		if t.ID != id {
			continue
		}
		if t.Revoked {
			return nil // revoked already: nothing changes
		}
		if err := m.o.Store.RevokeToken(ctx, t, m.o.Now()); err != nil {
			return fmt.Errorf("dashboards: revoke token: %w", err)
		}
		return m.audit(ctx, by, t.Agency, "token "+t.ID, action, t.Name)
	}
	return refuse(http.StatusNotFound, "id", unknown, id)
}

// audit records a change of target (an account or a token) of agency by by. The detail never
// holds a password, code or token.
func (m *AccountAdmin) audit(ctx context.Context, by Actor, agency, target, action, detail string) error {
	e := reports.AuditEntry{At: m.o.Now(), Agency: agency, Username: by.Username, Role: by.Role, Action: action,
		Target: target, Detail: detail, RequestID: by.RequestID}
	if err := m.o.Auditor.Audit(ctx, e); err != nil {
		return fmt.Errorf("dashboards: the change is saved, but the audit log was not written: %w", err)
	}
	return nil
}

// sentence writes a message as a sentence: a capital first letter and a full stop.
func sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
