package wire

import (
	"encoding/json"
	"testing"
	"time"
)

// FuzzDecodeResponse feeds arbitrary dataSec values to the liberal decoder: it must never
// panic, and whatever it accepts is valid JSON.
func FuzzDecodeResponse(f *testing.F) {
	c := Crypt{InitialKey, IVFrom(ivTemp)}
	f.Add([]byte(`"07C37FDDF21C752FCD88F28B5F839BBE"`), true, true)
	f.Add([]byte(`{"data":{}}`), false, false)
	f.Add([]byte(string(EncodeResponse(Flags{true, true}, c, []byte(`{"a":1}`)))), true, true)
	f.Fuzz(func(t *testing.T, v []byte, enc, comp bool) {
		out, err := DecodeResponse(Flags{enc, comp}, c, v)
		if err == nil && !json.Valid(out) {
			t.Fatalf("accepted invalid JSON %q", out)
		}
	})
}

// FuzzDecrypt checks that decryption of arbitrary bytes fails cleanly or round-trips.
func FuzzDecrypt(f *testing.F) {
	f.Add([]byte("0123456789abcdef"))
	f.Add(Encrypt(InitialKey, ZeroIV, []byte("1")))
	f.Fuzz(func(t *testing.T, ct []byte) {
		plain, err := Decrypt(InitialKey, ZeroIV, ct)
		if err == nil && string(Encrypt(InitialKey, ZeroIV, plain)) != string(ct) {
			t.Fatal("decrypt/encrypt is not a round trip")
		}
	})
}

// FuzzValues runs the value decoders on arbitrary text.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"17/11/2025 13:30:00", "[1,3..5]", "|1", "15,5", "08h30", "2/9/24 8:5:0"} {
		f.Add(s)
	}
	ref := time.Date(2025, 11, 23, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		ParseDate(s, ref)
		ParseHour(s)
		ParseGrade(s)
		if d, err := ParseDomain(s); err == nil {
			again, err := ParseDomain(FormatDomain(d))
			if err != nil || len(again) != len(d) {
				t.Fatalf("domain %q does not round-trip", s)
			}
		}
		SessionKey(s)
		StripAlea(s)
	})
}
