package main

import (
	"encoding/json"
	"strings"

	"github.com/pronote-web/pronote/protocol"
)

// loginArgs are the JSON-able fields of login's options. onProgress, onToken, onTwoFactor
// and signal are read separately (functions and AbortSignals do not survive JSON.stringify).
type loginArgs struct {
	URL            string   `json:"url"`
	Username       string   `json:"username"`
	Password       string   `json:"password"`
	Token          string   `json:"token"`
	QR             *qrArgs  `json:"qr"`
	Remember       bool     `json:"remember"`
	PIN            string   `json:"pin"`
	DeviceName     string   `json:"deviceName"`
	NewPassword    string   `json:"newPassword"`
	AutoRelogin    bool     `json:"autoRelogin"`
	DeviceUUID     string   `json:"deviceUUID"`
	IdentifiantNav string   `json:"identifiantNav"`
	Cookies        []string `json:"entCookies"`
	Relay          string   `json:"relay"`
	Timeout        float64  `json:"timeout"` // milliseconds per request, 0 for the default
}

// qrArgs is login's qr option: the QR code's JSON text or the parsed object, and its PIN.
type qrArgs struct {
	Data json.RawMessage `json:"data"`
	PIN  string          `json:"pin"`
}

// check refuses what cannot make a login; the credential's own rules are protocol's.
func (a *loginArgs) check() error {
	if err := checkTimeout(a.Timeout); err != nil {
		return err
	}
	secrets := 0
	for _, s := range []string{a.Password, a.Token} {
		if s != "" {
			secrets++
		}
	}
	switch {
	case a.QR != nil && (secrets > 0 || len(a.Cookies) > 0):
		return argError("qr", "goes without username, password or token")
	case a.QR != nil:
	case strings.TrimSpace(a.URL) == "":
		return argError("url", "is required")
	case len(a.Cookies) > 0:
	case strings.TrimSpace(a.Username) == "":
		return argError("username", "is required")
	case secrets == 0:
		return argError("password", "is required (or token, or qr)")
	case secrets > 1:
		return argError("token", "goes without password")
	case a.Remember && a.Token != "":
		return argError("remember", "is for a password login (a token login always returns the next token)")
	}
	return checkRelay(a.Relay)
}

// credential is the protocol credential the options describe.
func (a *loginArgs) credential() (protocol.Credential, error) {
	switch {
	case a.QR != nil:
		data := strings.TrimSpace(string(a.QR.Data))
		var text string
		if json.Unmarshal(a.QR.Data, &text) == nil {
			data = text // the QR code's text, as scanned
		} else if !strings.HasPrefix(data, "{") {
			return nil, argError("qr", "data must be the QR code's JSON text or its parsed object")
		}
		return protocol.QRCode{Data: data, PIN: a.QR.PIN}, nil
	case len(a.Cookies) > 0:
		return protocol.ENTCookies{Cookies: a.Cookies}, nil
	case a.Token != "":
		return protocol.Token{Username: a.Username, Token: a.Token}, nil
	}
	return protocol.Password{Username: a.Username, Password: a.Password, Remember: a.Remember}, nil
}

// twoFactor is the answer given up front, nil when none.
func (a *loginArgs) twoFactor() *protocol.TwoFactorAnswer {
	if a.PIN == "" && a.DeviceName == "" && a.NewPassword == "" {
		return nil
	}
	return &protocol.TwoFactorAnswer{PIN: a.PIN, DeviceName: a.DeviceName, NewPassword: a.NewPassword}
}

// options turns the arguments into protocol options (callbacks and transport added by the
// caller).
func (a *loginArgs) options() (protocol.Options, error) {
	c, err := a.credential()
	if err != nil {
		return protocol.Options{}, err
	}
	return protocol.Options{URL: a.URL, Credential: c, DeviceUUID: a.DeviceUUID, IdentifiantNav: a.IdentifiantNav,
		TwoFactor: a.twoFactor(), AutoRelogin: a.AutoRelogin, Timeout: timeoutOf(a.Timeout)}, nil
}

// twoFactorReply is what onTwoFactor's Promise resolves with.
type twoFactorReply struct {
	PIN         string `json:"pin"`
	DeviceName  string `json:"deviceName"`
	NewPassword string `json:"newPassword"`
}

// answer reads onTwoFactor's resolution: null or undefined (text "") means the user gave up.
func twoFactorAnswerOf(text string) (*protocol.TwoFactorAnswer, error) {
	if text == "" || text == "null" {
		return nil, nil
	}
	var r twoFactorReply
	if err := decodeArgs("onTwoFactor", text, &r); err != nil {
		return nil, argError("onTwoFactor", "must resolve with { pin, deviceName }, { newPassword } or null")
	}
	return &protocol.TwoFactorAnswer{PIN: r.PIN, DeviceName: r.DeviceName, NewPassword: r.NewPassword}, nil
}

// entArgs are prepareENT's options.
type entArgs struct {
	URL        string `json:"url"`
	DeviceUUID string `json:"deviceUUID"`
	Relay      string `json:"relay"`
}
