package protocol

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// TestQRCodeVectors decrypts the QR code of protocol.md §10.6 and rewrites its URL (§6.7).
func TestQRCodeVectors(t *testing.T) {
	data := `{"avecPageConnexion":false,"jeton":"67802FE8E14B63C8B56CEED770E842D95406AB51EDE5CC7EF0E0C7AAAA857FF6E0DC0BA7F63AD19B3E6E66957E8985F8",` +
		`"login":"F8E83FA7E9A21441A2596950DA79441E","url":"https://0000000a.index-education.net/pronote/parent.html?login=true&x=1#frag"}`
	o := &Options{DeviceUUID: "d"}
	p, err := QRCode{Data: data, PIN: "1234"}.plan(o)
	if err != nil {
		t.Fatal(err)
	}
	if p.username != "demonstration" || p.secret != "0123456789ABCDEF0123456789ABCDEF" {
		t.Errorf("decrypted login %q, jeton of %d chars", p.username, len(p.secret))
	}
	if !p.flags.demande || !p.flags.demandeJeton || p.flags.enConnexion || !p.appliMobile {
		t.Errorf("flags %+v, appliMobile %v", p.flags, p.appliMobile)
	}
	page, _, kind, err := pageFor(p)
	want := "https://0000000a.index-education.net/pronote/mobile.parent.html?bydlg=" + bypassDelegation + "&fd=1&login=true"
	if err != nil || page.String() != want || kind != KindParent {
		t.Errorf("page %v (%s, %v), want %s", page, kind, err, want)
	}
	_, err = QRCode{Data: data, PIN: "0000"}.plan(o)
	if !errors.Is(err, ErrBadCredentials) || !strings.Contains(err.Error(), "PIN") || Code(err) != "BAD_CREDENTIALS" {
		t.Errorf("wrong PIN: %v", err)
	}
	for _, bad := range []string{"", "{}", "not json", `{"jeton":"zz","login":"F8","url":"https://x/pronote/eleve.html"}`} {
		if _, err := (QRCode{Data: bad, PIN: "1234"}).plan(o); err == nil {
			t.Errorf("QR %q accepted", bad)
		}
	}
	if _, err := (QRCode{Data: data, PIN: "1234"}).plan(&Options{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("no device UUID: %v", err)
	}
}

// TestCodePinVector is §10.4: the PIN encrypted with the session key.
func TestCodePinVector(t *testing.T) {
	key := unhexT(t, "5289df737df57326fcdd22597afb1fac")
	iv := unhexT(t, "1ac1ef01e96caf1be0d329331a4fc2a8")
	if got := wire.EncryptHex(key, iv, "1234"); got != "133b42ee86d06985345d782b404d3124" {
		t.Errorf("codePin = %s", got)
	}
}

// TestPageFor checks the pages of each kind: token logins open the mobile page, ENT logins
// drop login=true.
func TestPageFor(t *testing.T) {
	tests := []struct {
		p    plan
		want string
	}{
		{plan{url: "https://s.test/pronote/eleve.html"}, "https://s.test/pronote/eleve.html?fd=1&login=true"},
		{plan{url: "https://s.test/pronote/eleve.html", mobilePage: true}, "https://s.test/pronote/mobile.eleve.html?bydlg=" + bypassDelegation + "&fd=1&login=true"},
		{plan{url: "https://s.test/pronote/mobile.parent.html?login=true", mobilePage: true}, "https://s.test/pronote/mobile.parent.html?bydlg=" + bypassDelegation + "&fd=1&login=true"},
		{plan{url: "https://s.test/pronote/eleve.html?login=true&a=b", ent: true}, "https://s.test/pronote/eleve.html?a=b&fd=1"},
	}
	for _, tt := range tests {
		page, _, _, err := pageFor(&tt.p)
		if err != nil || page.String() != tt.want {
			t.Errorf("%+v: %v (%v), want %s", tt.p, page, err, tt.want)
		}
	}
}

func unhexT(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzQRCode: whatever is pasted as a QR code and its PIN, planning the login never panics,
// and fails with an invalid argument or a wrong PIN unless it yields a usable page.
func FuzzQRCode(f *testing.F) {
	f.Add(`{"jeton":"67802FE8E14B63C8B56CEED770E842D95406AB51EDE5CC7EF0E0C7AAAA857FF6E0DC0BA7F63AD19B3E6E66957E8985F8","login":"F8E83FA7E9A21441A2596950DA79441E","url":"https://x.test/pronote/eleve.html"}`, "1234")
	f.Add(`{"jeton":"00","login":"zz","url":"javascript:alert(1)"}`, "0000")
	f.Add(`[]`, "")
	f.Fuzz(func(t *testing.T, data, pin string) {
		p, err := QRCode{Data: data, PIN: pin}.plan(&Options{DeviceUUID: "d"})
		if err != nil {
			if !errors.Is(err, ErrInvalidArgument) && !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		if _, _, _, err := pageFor(p); err != nil && !errors.Is(err, ErrInvalidArgument) {
			t.Fatalf("page: %v", err)
		}
	})
}
