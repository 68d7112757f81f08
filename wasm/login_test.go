package main

import (
	"errors"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

func TestLoginArgsCredential(t *testing.T) {
	url := "https://s.test/pronote/eleve.html"
	tests := []struct {
		name string
		json string
		want any // the credential type, or the invalid argument's name
	}{
		{"password", `{"url":"` + url + `","username":"u","password":"p"}`, protocol.Password{}},
		{"remember", `{"url":"` + url + `","username":"u","password":"p","remember":true}`, protocol.Password{}},
		{"token", `{"url":"` + url + `","username":"u","token":"t"}`, protocol.Token{}},
		{"qr text", `{"qr":{"data":"{\"jeton\":\"A\"}","pin":"1"}}`, protocol.QRCode{}},
		{"qr object", `{"qr":{"data":{"jeton":"A"},"pin":"1"}}`, protocol.QRCode{}},
		{"ent cookies", `{"url":"` + url + `","entCookies":["a=b"]}`, protocol.ENTCookies{}},
		{"qr number", `{"qr":{"data":5,"pin":"1"}}`, "qr"},
		{"qr and password", `{"qr":{"data":"{}"},"password":"p"}`, "qr"},
		{"both secrets", `{"url":"` + url + `","username":"u","password":"p","token":"t"}`, "token"},
		{"no secret", `{"url":"` + url + `","username":"u"}`, "password"},
		{"remember a token", `{"url":"` + url + `","username":"u","token":"t","remember":true}`, "remember"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a loginArgs
			if err := decodeArgs("options", tt.json, &a); err != nil {
				t.Fatal(err)
			}
			err := a.check()
			var c protocol.Credential
			if err == nil {
				c, err = a.credential()
			}
			if name, ok := tt.want.(string); ok {
				var ae *protocol.ArgumentError
				if !errors.As(err, &ae) || ae.Name != name {
					t.Fatalf("err = %v, want an invalid %s", err, name)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch tt.want.(type) {
			case protocol.Password:
				_, ok := c.(protocol.Password)
				if !ok || c.(protocol.Password).Remember != (tt.name == "remember") {
					t.Errorf("credential %T", c)
				}
			case protocol.Token:
				if _, ok := c.(protocol.Token); !ok {
					t.Errorf("credential %T", c)
				}
			case protocol.QRCode:
				if q, ok := c.(protocol.QRCode); !ok || q.Data != `{"jeton":"A"}` {
					t.Errorf("credential %T %+v", c, c)
				}
			case protocol.ENTCookies:
				if _, ok := c.(protocol.ENTCookies); !ok {
					t.Errorf("credential %T", c)
				}
			}
		})
	}
}

func TestTwoFactorAnswerOf(t *testing.T) {
	for _, text := range []string{"", "null"} {
		if a, err := twoFactorAnswerOf(text); a != nil || err != nil {
			t.Errorf("%q: %v, %v", text, a, err)
		}
	}
	a, err := twoFactorAnswerOf(`{"pin":"1234","deviceName":"PC"}`)
	if err != nil || a.PIN != "1234" || a.DeviceName != "PC" {
		t.Errorf("answer %+v, %v", a, err)
	}
	if _, err := twoFactorAnswerOf(`{"pin":1234}`); !errors.Is(err, protocol.ErrInvalidArgument) {
		t.Errorf("a numeric PIN: %v", err)
	}
}
