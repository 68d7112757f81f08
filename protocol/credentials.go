package protocol

import (
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
)

// A Credential is one way of proving who the user is: a password, a token, a QR code. Every
// kind runs the same login steps (page, FonctionParametres, Identification, Authentification,
// ParametresUtilisateur); a credential only decides which page is opened, with which cookies,
// the Identification flags and the secret the challenge key is made of (protocol.md §6.1).
// Password, Token, QRCode and ENTCookies are the kinds this package knows.
type Credential interface {
	// plan validates the credential against the options and says how to log in.
	plan(o *Options) (*plan, error)
}

// plan is what a credential decides for one login.
type plan struct {
	url         string   // the space page, in any form spaceURL accepts
	mobilePage  bool     // open the mobile. page (token and QR logins, §2.1)
	appliMobile bool     // send appliMobile=1 on the page GET (§2.3)
	ent         bool     // identifiant and key come from Start's e and f; no login=true (§6.9)
	cookies     []string // "name=value" pairs put in the jar before the GET
	username    string
	secret      string // password, token or decrypted jeton; never logged
	flags       identFlags
	token       bool // the secret is the stored token (autoRelogin may use the new one)
}

// identFlags are the mobile flags of Identification (§6.2).
type identFlags struct {
	demande      bool // demandeConnexionAppliMobile: return a token
	demandeJeton bool // demandeConnexionAppliMobileJeton: the secret is a QR code's jeton
	enConnexion  bool // enConnexionAppliMobile: the secret is a token
}

// mobile reports whether the login goes with the device's uuidAppliMobile.
func (f identFlags) mobile() bool { return f.demande || f.demandeJeton || f.enConnexion }

// Password logs in with a username and password (§6.1, credentials). With Remember, the
// server is asked for a token (demandeConnexionAppliMobile) which Session.Token then holds:
// that is how "stay logged in" works, the token being kept and never the password.
type Password struct {
	Username string
	Password string // derives the challenge key; never stored, sent or logged
	Remember bool   // ask for a token; needs Options.DeviceUUID
}

func (c Password) plan(o *Options) (*plan, error) {
	switch {
	case strings.TrimSpace(c.Username) == "":
		return nil, argError("username", "is required")
	case c.Password == "":
		return nil, argError("password", "is required")
	case c.Remember && o.DeviceUUID == "":
		return nil, argError("deviceUUID", "is required to stay logged in (the token is bound to it)")
	}
	return &plan{url: o.URL, username: c.Username, secret: c.Password, flags: identFlags{demande: c.Remember}}, nil
}

// Token logs in with a token an earlier login returned (§6.6): the mobile page, opened with
// the cookie appliMobile=1, and enConnexionAppliMobile with the same device UUID the token
// was issued for. Each successful login rotates the token: the old one stops working.
type Token struct {
	Username string // the username the token was issued to (Session.Username)
	Token    string // kept like a password
}

func (c Token) plan(o *Options) (*plan, error) {
	switch {
	case strings.TrimSpace(c.Username) == "":
		return nil, argError("username", "is required with a token")
	case c.Token == "":
		return nil, argError("token", "is required")
	case o.DeviceUUID == "":
		return nil, argError("deviceUUID", "is required with a token (the one it was issued for)")
	}
	return &plan{url: o.URL, mobilePage: true, appliMobile: true, username: c.Username, secret: c.Token,
		flags: identFlags{enConnexion: true}, token: true}, nil
}

// ENTCookies logs in with the cookies of an ENT (CAS) login made elsewhere (§6.9): the page
// is opened with them and without login=true, and its Start() carries the login (e) and the
// password replacement (f). Browsers cannot obtain such cookies for a third-party ENT; an
// extension can, and the mobile-validation handshake (PrepareENT) avoids the need altogether.
type ENTCookies struct {
	Cookies []string // "name=value" pairs, set on the PRONOTE origin; never logged
}

func (c ENTCookies) plan(o *Options) (*plan, error) {
	for _, kv := range c.Cookies {
		if name, _, ok := strings.Cut(kv, "="); !ok || strings.TrimSpace(name) == "" {
			return nil, argError("cookies", "must be name=value pairs")
		}
	}
	return &plan{url: o.URL, ent: true, cookies: c.Cookies}, nil
}

// credential returns the credential of o: o.Credential, or a Password made of o.Username
// and o.Password.
func (o *Options) credential() Credential {
	if o.Credential != nil {
		return o.Credential
	}
	return Password{Username: o.Username, Password: o.Password}
}

// pageFor returns the URL to GET for a plan, its root and the account kind: the mobile page
// for token and QR logins, no login=true for ENT logins (§2.2, §6.7).
func pageFor(p *plan) (page, root *weburl.URL, kind Kind, err error) {
	page, root, kind, err = spaceURL(p.url)
	if err != nil {
		return nil, nil, "", err
	}
	if name := page.LastSegment(); p.mobilePage && !strings.HasPrefix(strings.ToLower(name), "mobile.") {
		page.Path = page.Path[:len(page.Path)-len(name)] + "mobile." + name
		page.SetQuery(map[string]string{"bydlg": bypassDelegation})
	}
	if p.ent {
		var keep []string
		for _, kv := range strings.Split(page.RawQuery, "&") {
			if name, _, _ := strings.Cut(kv, "="); name != "login" {
				keep = append(keep, kv)
			}
		}
		page.RawQuery = strings.Join(keep, "&")
	}
	return page, root, kind, nil
}
