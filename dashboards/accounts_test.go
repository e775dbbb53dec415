package dashboards

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"skm/reports"
)

func fakeHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// fakeAccountStore keeps accounts (in the fixture's fakeAccounts), codes and tokens in memory.
type fakeAccountStore struct {
	*fakeAccounts
	mu     sync.Mutex
	codes  map[string]reports.AccountCode
	tokens []reports.Token
	hashes map[string]string // token id → hash of its secret
	newest map[string]string // username → hash of the code made last for it
	n      int
}

func newFakeAccountStore(a *fakeAccounts) *fakeAccountStore {
	return &fakeAccountStore{fakeAccounts: a, codes: map[string]reports.AccountCode{}, hashes: map[string]string{}, newest: map[string]string{}}
}

func (f *fakeAccountStore) Users(context.Context) ([]reports.User, error) {
	f.fakeAccounts.mu.Lock()
	defer f.fakeAccounts.mu.Unlock()
	var out []reports.User
	for _, u := range f.users {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Username < out[j].Username })
	return out, nil
}

func (f *fakeAccountStore) SaveUser(_ context.Context, u reports.User, by string, at time.Time) (uint64, error) {
	old, _, _ := f.User(context.Background(), u.Username)
	u.Version = max(old.Version+1, uint64(at.UnixNano()))
	u.ChangedAt, u.ChangedBy = at, by
	f.set(u)
	return u.Version, nil
}

func (f *fakeAccountStore) AccountCode(_ context.Context, hash string) (reports.AccountCode, bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.codes[hash]
	c.Superseded = ok && f.newest[c.Username] != hash
	return c, ok, nil
}

func (f *fakeAccountStore) SaveAccountCode(_ context.Context, c reports.AccountCode, _ time.Time) error {
	f.mu.Lock()
	if _, ok := f.codes[c.Hash]; !ok {
		f.newest[c.Username] = c.Hash
	}
	f.codes[c.Hash] = c
	f.mu.Unlock()
	return nil
}

func (f *fakeAccountStore) Tokens(_ context.Context, agency string) ([]reports.Token, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []reports.Token
	for _, t := range f.tokens {
		if agency == "" || t.Agency == agency {
			out = append(out, t)
		}
	}
	return out, nil
}

func (f *fakeAccountStore) CreateToken(_ context.Context, agency, name, kind string, at time.Time) (string, string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n++
	id, secret := fmt.Sprintf("%016x", f.n), fmt.Sprintf("rahasia%d", f.n)
	f.tokens = append(f.tokens, reports.Token{ID: id, Agency: agency, Name: name, Kind: kind, CreatedAt: at})
	f.hashes[id] = fakeHash(secret)
	return "skm_" + id + "_" + secret, id, nil
}

func (f *fakeAccountStore) RevokeToken(_ context.Context, t reports.Token, _ time.Time) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := range f.tokens {
		if f.tokens[i].ID == t.ID {
			f.tokens[i].Revoked = true
		}
	}
	return nil
}

var codeInPage = regexp.MustCompile(`/akun/setel-sandi\?kode=([a-z2-7]+)`)

// TestHeadManagesOnlyOwnAgencyAccounts: a head sees and changes the heads and staff of their
// own agency, never an admin or another agency's account, and can never make an admin; a
// staff member cannot use the screens at all.
func TestHeadManagesOnlyOwnAgencyAccounts(t *testing.T) {
	f := newStaffFixture(t)
	head, staff, admin := f.login(t, "kepala-kalbar"), f.login(t, "staf-kalbar"), f.login(t, "admin")
	w := f.do(http.MethodGet, "/admin/akun", head, nil)
	body := w.Body.String()
	if w.Code != http.StatusOK {
		t.Fatalf("GET /admin/akun as head: %d", w.Code)
	}
	for _, u := range []string{"staf-kalbar", "mantan"} {
		if !strings.Contains(body, `data-akun="`+u+`"`) {
			t.Errorf("the head's list lacks %s", u)
		}
	}
	for _, u := range []string{"admin", "staf-ntt", "kepala-ntt"} {
		if strings.Contains(body, `data-akun="`+u+`"`) {
			t.Errorf("the head's list shows %s", u)
		}
	}
	if strings.Contains(body, `<option value="admin"`) || strings.Contains(body, `value="bppd-ntt"`) {
		t.Error("the head's form offers the admin role or another agency")
	}
	before := len(f.audit.actions())
	for _, tc := range []struct {
		form url.Values
		want int
	}{
		{url.Values{"username": {"bos-baru"}, "role": {"admin"}}, http.StatusForbidden},
		{url.Values{"akun": {"staf-ntt"}, "aksi": {"nonaktifkan"}}, http.StatusNotFound},
		{url.Values{"akun": {"admin"}, "aksi": {"nonaktifkan"}}, http.StatusNotFound},
		{url.Values{"akun": {"admin"}, "aksi": {"setel-ulang"}}, http.StatusNotFound},
		{url.Values{"akun": {"staf-kalbar"}, "aksi": {"peran"}, "peran": {"admin"}}, http.StatusUnprocessableEntity},
		{url.Values{"akun": {"kepala-kalbar"}, "aksi": {"nonaktifkan"}}, http.StatusUnprocessableEntity}, // oneself
		{url.Values{"akun": {"staf-kalbar"}, "aksi": {"hapus"}}, http.StatusUnprocessableEntity},
		{url.Values{"username": {"staf-baru"}, "role": {"staff"}, "name": {"Budi\u202e nimda"}}, http.StatusUnprocessableEntity}, // a bidi override
		{url.Values{"username": {"staf-baru"}, "role": {"staff"}, "name": {"Budi\nSantoso"}}, http.StatusUnprocessableEntity},
	} {
		target := "/admin/akun/ubah"
		if tc.form.Has("username") {
			target = "/admin/akun"
		}
		if w := f.do(http.MethodPost, target, head, tc.form); w.Code != tc.want {
			t.Errorf("head POST %s %v: %d, want %d", target, tc.form, w.Code, tc.want)
		}
	}
	if _, found, _ := f.accounts.User(context.Background(), "bos-baru"); found {
		t.Error("a head made an admin account")
	}
	for _, name := range []string{"staf-ntt", "admin", "staf-kalbar"} {
		if u, _, _ := f.accounts.User(context.Background(), name); u.Disabled || u.Role == RoleAdmin && name != "admin" || u.Version != 1 {
			t.Errorf("%s changed by refused requests: %+v", name, u)
		}
	}
	if got := len(f.audit.actions()); got != before {
		t.Errorf("refused changes were audited: %v", f.audit.actions()[before:])
	}
	// Tampered form: a head adding to another agency gets an account of their own agency.
	if w := f.do(http.MethodPost, "/admin/akun", head, url.Values{"username": {"staf-baru"}, "role": {"staff"}, "agency": {"bppd-ntt"}}); w.Code != http.StatusOK {
		t.Fatalf("head adds staff: %d %s", w.Code, w.Body)
	}
	if u, _, _ := f.accounts.User(context.Background(), "staf-baru"); u.Agency != "bppd-kalbar" || u.Role != RoleStaff || u.PasswordHash != "" {
		t.Errorf("the head's new account: %+v", u)
	}
	// Through AccountAdmin directly (as the command line would call it), another agency is refused.
	m := NewAccountAdmin(AccountAdminOptions{Set: f.set, Store: f.store, Auditor: f.audit, HashCode: fakeHash})
	if _, err := m.Add(context.Background(), Actor{Username: "kepala-kalbar", Role: RoleHead, Agency: "bppd-kalbar"},
		NewAccount{Username: "staf-lain", Role: RoleStaff, Agency: "bppd-ntt"}); err == nil || err.(*AccountError).Status != http.StatusForbidden {
		t.Errorf("head adds to another agency: %v", err)
	}
	// The head promotes their staff member to head: the old session ends.
	if w := f.do(http.MethodPost, "/admin/akun/ubah", head, url.Values{"akun": {"staf-kalbar"}, "aksi": {"peran"}, "peran": {"head"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("change role: %d %s", w.Code, w.Body)
	}
	if u, _, _ := f.accounts.User(context.Background(), "staf-kalbar"); u.Role != RoleHead || u.ChangedBy != "kepala-kalbar" {
		t.Errorf("after the role change: %+v", u)
	}
	if w := f.do(http.MethodGet, "/cases/bppd-kalbar", staff, nil); w.Code != http.StatusSeeOther {
		t.Errorf("the session made before the role change still works: %d", w.Code)
	}
	if !strings.Contains(strings.Join(f.audit.actions(), " "), "user.role:kepala-kalbar") {
		t.Errorf("role change not audited: %v", f.audit.actions())
	}
	// An admin cannot disable their own account either; staff never reach the screens.
	if w := f.do(http.MethodPost, "/admin/akun/ubah", admin, url.Values{"akun": {"admin"}, "aksi": {"nonaktifkan"}}); w.Code != http.StatusUnprocessableEntity {
		t.Errorf("admin disables self: %d", w.Code)
	}
	staff2 := f.login(t, "staf-ntt")
	for _, target := range []string{"/admin/akun", "/admin/token"} {
		if w := f.do(http.MethodGet, target, staff2, nil); w.Code != http.StatusForbidden {
			t.Errorf("staff GET %s: %d", target, w.Code)
		}
	}
}

// TestOneTimeCodeSetsThePasswordOnce: a new account's link sets its first password once; the
// code is shown once and never audited; a reset ends the old sessions; an expired or used
// code is refused with 410.
func TestOneTimeCodeSetsThePasswordOnce(t *testing.T) {
	f := newStaffFixture(t)
	admin := f.login(t, "admin")
	w := f.do(http.MethodPost, "/admin/akun", admin, url.Values{"username": {"petugas-baru"}, "name": {"Petugas Baru"},
		"role": {"staff"}, "agency": {"bppd-kalbar"}})
	m := codeInPage.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil || w.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("add: %d %q %s", w.Code, w.Header().Get("Cache-Control"), w.Body)
	}
	code := m[1]
	if len(code) < 26 { // 128 bits and more in base32
		t.Errorf("code %q too short", code)
	}
	if w := f.do(http.MethodPost, "/admin/akun", admin, url.Values{"username": {"petugas-baru"}, "role": {"staff"}, "agency": {"bppd-kalbar"}}); w.Code != http.StatusConflict {
		t.Errorf("the same username again: %d", w.Code)
	}
	// No password works before the person sets one.
	if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"petugas-baru"}, "password": {""}}); w.Code == http.StatusSeeOther {
		t.Error("a new account logged in without a password")
	}
	if w := f.do(http.MethodGet, "/akun/setel-sandi?kode="+code, nil, nil); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "petugas-baru") {
		t.Fatalf("open the link: %d %s", w.Code, w.Body)
	}
	for _, tc := range []struct{ pw, again, msg string }{
		{"kata-sandi-baru-1", "kata-sandi-baru-2", "Kedua kata sandi berbeda"},
		{"pendek", "pendek", "minimal 10 karakter"},
		{"petugas-baru-2026", "petugas-baru-2026", "tidak boleh memuat nama pengguna"},
	} {
		w := f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {code}, "sandi": {tc.pw}, "ulang": {tc.again}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), tc.msg) {
			t.Errorf("set %q/%q: %d, want 422 %q", tc.pw, tc.again, w.Code, tc.msg)
		}
	}
	w = f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {strings.ToUpper(code)}, "sandi": {"Tepian-Kapuas-88"}, "ulang": {"Tepian-Kapuas-88"}})
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/login?sandi=baru") {
		t.Fatalf("set the password: %d %s", w.Code, w.Body)
	}
	if w := f.do(http.MethodPost, "/login", nil, url.Values{"username": {"petugas-baru"}, "password": {"Tepian-Kapuas-88"}}); w.Code != http.StatusSeeOther {
		t.Errorf("login with the new password: %d", w.Code)
	}
	// Used: the same code no longer opens or sets anything.
	if w := f.do(http.MethodGet, "/akun/setel-sandi?kode="+code, nil, nil); w.Code != http.StatusGone {
		t.Errorf("a used link opens: %d", w.Code)
	}
	if w := f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {code}, "sandi": {"Lain-Lagi-777x"}, "ulang": {"Lain-Lagi-777x"}}); w.Code != http.StatusGone {
		t.Errorf("a used code sets a password: %d", w.Code)
	}
	// A reset ends the sessions made before the new password.
	staff := f.login(t, "staf-kalbar")
	w = f.do(http.MethodPost, "/admin/akun/ubah", admin, url.Values{"akun": {"staf-kalbar"}, "aksi": {"setel-ulang"}})
	m = codeInPage.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || m == nil {
		t.Fatalf("reset: %d %s", w.Code, w.Body)
	}
	if w := f.do(http.MethodGet, "/cases/bppd-kalbar", staff, nil); w.Code != http.StatusOK {
		t.Errorf("issuing a code ended the session already: %d", w.Code)
	}
	if w := f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {m[1]}, "sandi": {"Sungai-Kapuas-21"}, "ulang": {"Sungai-Kapuas-21"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("reset with the code: %d %s", w.Code, w.Body)
	}
	if w := f.do(http.MethodGet, "/cases/bppd-kalbar", staff, nil); w.Code != http.StatusSeeOther {
		t.Errorf("the old session survived the new password: %d", w.Code)
	}
	// Expired: a code older than 24 hours is refused.
	w = f.do(http.MethodPost, "/admin/akun/ubah", admin, url.Values{"akun": {"kepala-ntt"}, "aksi": {"setel-ulang"}})
	m = codeInPage.FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("reset: %d", w.Code)
	}
	f.now = f.now.Add(AccountCodeTTL + time.Second)
	if w := f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {m[1]}, "sandi": {"Sungai-Kapuas-21"}, "ulang": {"Sungai-Kapuas-21"}}); w.Code != http.StatusGone {
		t.Errorf("an expired code: %d", w.Code)
	}
	// Audited, without any code or password in the log.
	var kinds []string
	for _, e := range f.audit.entries {
		if strings.HasPrefix(e.Action, "user.") {
			kinds = append(kinds, e.Action+":"+e.Target)
		}
		for _, secret := range []string{code, m[1], "Tepian-Kapuas-88", "Sungai-Kapuas-21"} {
			if strings.Contains(e.Detail+e.Target, secret) {
				t.Errorf("audit line %+v holds a secret", e)
			}
		}
	}
	want := "user.add:petugas-baru user.passwd:petugas-baru user.reset:staf-kalbar user.passwd:staf-kalbar user.reset:kepala-ntt"
	if strings.Join(kinds, " ") != want {
		t.Errorf("audit: %v, want %s", kinds, want)
	}
	for _, name := range []string{"user.role", "user.reset", "token.create", "token.revoke"} {
		if !knownAuditKind(name) {
			t.Errorf("audit kind %s is not in the filter list", name)
		}
	}
}

// TestTokenScreen: a token is shown once, never listed with its secret; a head makes and
// revokes tokens of their own agency only.
func TestTokenScreen(t *testing.T) {
	f := newStaffFixture(t)
	head, other := f.login(t, "kepala-kalbar"), f.login(t, "kepala-ntt")
	w := f.do(http.MethodPost, "/admin/token", head, url.Values{"name": {"Sistem kasus"}, "agency": {"bppd-ntt"}})
	tok := regexp.MustCompile(`skm_[0-9a-f]+_[a-z0-9]+`).FindString(w.Body.String())
	if w.Code != http.StatusOK || tok == "" || w.Header().Get("Cache-Control") != "no-store" || !strings.Contains(w.Body.String(), "hanya ditampilkan sekali") {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	list, _ := f.store.Tokens(context.Background(), "")
	if len(list) != 1 || list[0].Agency != "bppd-kalbar" || list[0].Name != "Sistem kasus" {
		t.Fatalf("stored tokens: %+v", list)
	}
	id := list[0].ID
	w = f.do(http.MethodGet, "/admin/token", head, nil)
	if !strings.Contains(w.Body.String(), id) || strings.Contains(w.Body.String(), tok) {
		t.Errorf("the list lacks the id or shows the token")
	}
	if w := f.do(http.MethodGet, "/admin/token", other, nil); strings.Contains(w.Body.String(), id) {
		t.Error("another agency's head sees the token")
	}
	if w := f.do(http.MethodPost, "/admin/token/cabut", other, url.Values{"id": {id}}); w.Code != http.StatusNotFound {
		t.Errorf("another agency's head revokes: %d", w.Code)
	}
	if l, _ := f.store.Tokens(context.Background(), ""); l[0].Revoked {
		t.Fatal("revoked by another agency's head")
	}
	if w := f.do(http.MethodPost, "/admin/token/cabut", head, url.Values{"id": {id}}); w.Code != http.StatusSeeOther {
		t.Fatalf("revoke: %d %s", w.Code, w.Body)
	}
	if l, _ := f.store.Tokens(context.Background(), ""); !l[0].Revoked {
		t.Error("not revoked")
	}
	if w := f.do(http.MethodGet, "/admin/token", head, nil); !strings.Contains(w.Body.String(), "dicabut") {
		t.Error("the list does not say revoked")
	}
	got := strings.Join(f.audit.actions(), " ")
	if !strings.Contains(got, "token.create:kepala-kalbar") || !strings.Contains(got, "token.revoke:kepala-kalbar") {
		t.Errorf("audit: %s", got)
	}
	for _, e := range f.audit.entries {
		if strings.Contains(e.Detail+e.Target, tok[len(tok)-8:]) {
			t.Errorf("audit line holds the secret: %+v", e)
		}
	}
}

// TestNewCodeEndsTheEarlierOnes: a manager who hands out a new link (a reset after the first
// link of a new account, or a second reset) makes every earlier link of the account useless,
// so a link that went astray cannot set the password after it was replaced.
func TestNewCodeEndsTheEarlierOnes(t *testing.T) {
	f := newStaffFixture(t)
	head := f.login(t, "kepala-kalbar")
	w := f.do(http.MethodPost, "/admin/akun", head, url.Values{"username": {"petugas-hilang"}, "name": {"Petugas"}, "role": {"staff"}})
	first := codeInPage.FindStringSubmatch(w.Body.String())
	if w.Code != http.StatusOK || first == nil {
		t.Fatalf("add: %d %s", w.Code, w.Body)
	}
	codes := []string{first[1]}
	for range 2 {
		f.now = f.now.Add(time.Minute)
		w := f.do(http.MethodPost, "/admin/akun/ubah", head, url.Values{"akun": {"petugas-hilang"}, "aksi": {"setel-ulang"}})
		m := codeInPage.FindStringSubmatch(w.Body.String())
		if w.Code != http.StatusOK || m == nil {
			t.Fatalf("reset: %d %s", w.Code, w.Body)
		}
		codes = append(codes, m[1])
	}
	for _, old := range codes[:2] {
		if w := f.do(http.MethodGet, "/akun/setel-sandi?kode="+old, nil, nil); w.Code != http.StatusGone {
			t.Errorf("a replaced link opens: %d", w.Code)
		}
		if w := f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {old}, "sandi": {"Bukan-Pemilik-99"}, "ulang": {"Bukan-Pemilik-99"}}); w.Code != http.StatusGone {
			t.Errorf("a replaced link sets the password: %d", w.Code)
		}
	}
	if w := f.do(http.MethodPost, "/akun/setel-sandi", nil, url.Values{"kode": {codes[2]}, "sandi": {"Tepian-Kapuas-88"}, "ulang": {"Tepian-Kapuas-88"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("the newest link: %d %s", w.Code, w.Body)
	}
}
