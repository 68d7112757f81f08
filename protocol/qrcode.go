package protocol

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// QRCode logs in with a QR code made in PRONOTE for the mobile app and the 4-digit PIN typed
// when it was made (§6.7). Its login and jeton are decrypted here with MD5(PIN): a PIN that
// does not decrypt them is reported as ErrBadCredentials before anything is sent. The login
// then runs as a token login whose secret is the jeton, and returns the first token. A QR
// code is valid for about 10 minutes and once.
type QRCode struct {
	Data string // the QR code's JSON text: {"jeton":…,"login":…,"url":…}
	PIN  string // never stored, sent or logged
}

// ErrWrongPIN is the error of a PIN that does not decrypt a QR code; it is an
// ErrBadCredentials.
var ErrWrongPIN = fmt.Errorf("%w: the PIN does not match this QR code (nothing was sent)", ErrBadCredentials)

// qrData is the QR code's JSON (unknown keys, such as avecPageConnexion, are ignored).
type qrData struct {
	Jeton string `json:"jeton"`
	Login string `json:"login"`
	URL   string `json:"url"`
}

func (c QRCode) plan(o *Options) (*plan, error) {
	var q qrData
	if err := json.Unmarshal([]byte(strings.TrimSpace(c.Data)), &q); err != nil || q.Jeton == "" || q.Login == "" || q.URL == "" {
		return nil, argError("qr", "is not a PRONOTE QR code (want the JSON text with jeton, login and url)")
	}
	switch {
	case c.PIN == "":
		return nil, argError("pin", "is required with a QR code")
	case o.DeviceUUID == "":
		return nil, argError("deviceUUID", "is required with a QR code (the token it gives is bound to it)")
	}
	key := wire.MD5([]byte(c.PIN))
	login, err1 := decryptQR(key, q.Login)
	jeton, err2 := decryptQR(key, q.Jeton)
	if err1 != nil || err2 != nil {
		return nil, ErrWrongPIN
	}
	page, err := qrPage(q.URL)
	if err != nil {
		return nil, err
	}
	return &plan{url: page, mobilePage: true, appliMobile: true, username: login, secret: jeton,
		flags: identFlags{demande: true, demandeJeton: true}}, nil
}

// decryptQR decrypts one field of a QR code: AES with MD5(PIN) and a zero IV (§10.6). Bad
// hex is a malformed code; bad padding or a plaintext that is not text is a wrong PIN.
func decryptQR(key []byte, field string) (string, error) {
	plain, err := wire.DecryptHex(key, wire.ZeroIV, field)
	if err != nil || len(plain) == 0 || !utf8.Valid(plain) {
		return "", ErrWrongPIN
	}
	return string(plain), nil
}

// qrPage rewrites a QR code's url (§6.7): the query and fragment go (spaceURL and pageFor
// add fd=1, bydlg and login=true), the page becomes the mobile one.
func qrPage(raw string) (string, error) {
	u, err := weburl.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", argError("qr", "has no usable url")
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}
