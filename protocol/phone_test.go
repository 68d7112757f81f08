package protocol

import "testing"

func TestPhoneOf(t *testing.T) {
	for _, tc := range []struct{ code, number, want string }{
		{"33", "06 12 34 56 78", "+33612345678"},
		{"+33", "06.12.34.56.78", "+33612345678"},
		{"33", "+33 6 12 34 56 78", "+33612345678"},
		{"", "06 12 34 56 78", "0612345678"},
		{"32", "470 12 34 56", "+32470123456"},
		{"33", "", ""},
		{"33", "n/a", ""},
	} {
		if got := phoneOf(tc.code, tc.number); got != tc.want {
			t.Errorf("phoneOf(%q, %q) = %q, want %q", tc.code, tc.number, got, tc.want)
		}
	}
}
