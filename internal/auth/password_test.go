package auth

import (
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	p := Params{Memory: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16}
	h := HashPassword("correct horse battery", p)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q", h)
	}
	if h == HashPassword("correct horse battery", p) {
		t.Error("two hashes of one password are equal: no salt")
	}
	if !CheckPassword("correct horse battery", h) || CheckPassword("correct horse batterY", h) {
		t.Error("CheckPassword")
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdA$a2V5",
		strings.Replace(h, "$argon2id$", "$bcrypt$", 1)} {
		if CheckPassword("correct horse battery", bad) {
			t.Errorf("malformed hash %q matched", bad)
		}
	}
	if DefaultParams.Memory != 19*1024 || DefaultParams.Time != 2 {
		t.Error("DefaultParams differ from the documented ones")
	}
}

func TestTokenRoundTrip(t *testing.T) {
	t.Parallel()
	secret := []byte("test-only-secret-not-for-production-0123456789")
	now := time.Now()
	tok, exp, err := signToken(secret, "user1", "sess1", now, time.Minute)
	if err != nil || !exp.After(now) {
		t.Fatal(err)
	}
	c, err := parseToken(secret, tok, now)
	if err != nil || c.Subject != "user1" || c.SessionID != "sess1" {
		t.Fatalf("%+v %v", c, err)
	}
	if _, err := parseToken(secret, tok, now.Add(2*time.Minute)); err == nil {
		t.Error("an expired token was accepted")
	}
}

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		password, why string
	}{
		{"short", "at least 8"},
		{"password", "leaked"},
		{"Password1", "leaked"},
		{"iloveyou", "leaked"},
		{"12345678", "run"},
		{"aaaaaaaa", "run"},
		{"abcdefgh", "run"},
		{"87654321", "run"},
		{"ravi.kumar@example.com", "email address or your name"},
		{"RAVI.Kumar@Example.com", "email address or your name"},
		{"ravi.kumar", "email address or your name"},
		{"Ravi Kumar Sharma", "email address or your name"},
		{strings.Repeat("x", 257), "at most 256"},
		{"correct horse battery", ""},
		{"tq8 vwm2 zlp", ""},
	} {
		err := checkPasswordRules("password", tc.password, "ravi.kumar@example.com", "Ravi Kumar Sharma")
		switch {
		case tc.why == "" && err != nil:
			t.Errorf("%q refused: %v", tc.password, err)
		case tc.why != "" && (err == nil || !strings.Contains(err.Error(), tc.why)):
			t.Errorf("%q: %v, want a refusal saying %q", tc.password, err, tc.why)
		}
	}
}
