package commonpw

import "testing"

func TestContains(t *testing.T) {
	t.Parallel()
	if n := Len(); n < 17_000 {
		t.Fatalf("the list has %d passwords", n)
	}
	for _, p := range []string{"password", "12345678", "PASSWORD", "iloveyou", "qwertyuiop", "baseball"} {
		if !Contains(p) {
			t.Errorf("%q is not on the list", p)
		}
	}
	for _, p := range []string{"correct horse battery", "a long passphrase", "Tq8#vWm2!zLp"} {
		if Contains(p) {
			t.Errorf("%q is on the list", p)
		}
	}
}
