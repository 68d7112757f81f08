package protocol

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Options configure Login.
type Options struct {
	// URL is a space page: https://…/pronote/eleve.html, parent.html, mobile.eleve.html, …
	// (a QR code carries its own).
	URL string
	// Credential says how to log in: Password, Token, QRCode or ENTCookies. When nil, Username
	// and Password are used as a Password credential.
	Credential Credential
	Username   string
	Password   string // used to derive the login key; never stored, sent or logged
	// DeviceUUID identifies this installation. Keep it the same across logins: a token only
	// works with the UUID it was issued for, and the server recognises a device by it.
	DeviceUUID string
	// IdentifiantNav is the value an earlier session with this server returned, if any
	// (Session.IdentifiantNav): a device registered for double authentication is known by it.
	IdentifiantNav string

	// TwoFactor answers double authentication up front (a PIN and a device name, or a new
	// password); OnTwoFactor is asked in the middle of the login when the server wants more
	// than TwoFactor gives. Without either, such a login fails with a *TwoFactorError.
	TwoFactor   *TwoFactorAnswer
	OnTwoFactor func(ctx context.Context, need TwoFactorNeed) (*TwoFactorAnswer, error)
	// OnToken is called with the new token whenever the session's token changes (every
	// mobile login rotates it): store it at once, the previous one no longer works.
	OnToken func(token string)
	// AutoRelogin lets Session.Do log in once again with the current token when a call meets
	// an expired session (see Session.Do). Off by default.
	AutoRelogin bool

	Transport  Transport
	OnProgress func(step string) // "page", "parameters", "identification", "authentication", "twoFactor", "user"
	Logger     Logger            // optional (a *slog.Logger will do); receives no secret
	Rand       io.Reader         // optional; crypto/rand by default
	Now        func() time.Time  // optional; time.Now by default
	// Timeout bounds each request (DefaultTimeout when 0); past it the call fails with
	// ErrTimeout and the session stays usable.
	Timeout time.Duration
}

// The login steps reported to OnProgress, in order.
const (
	StepPage           = "page"
	StepParameters     = "parameters"
	StepIdentification = "identification"
	StepAuthentication = "authentication"
	StepTwoFactor      = "twoFactor" // only when the server asks for double authentication
	StepUser           = "user"
)

// Login opens a session on a space page and logs in with o's credential. It makes one
// attempt: a refused login is never retried, since repeated failures get the client's IP
// suspended (§7.4). After RATE_LIMITED or IP_SUSPENDED from a school, logins to it fail at
// once for a cool-down (see LoginCoolDown).
func Login(ctx context.Context, o Options) (*Session, error) {
	if o.Transport == nil {
		return nil, argError("transport", "is required")
	}
	p, err := o.credential().plan(&o)
	if err != nil {
		return nil, err
	}
	if err := o.TwoFactor.check(); err != nil {
		return nil, err
	}
	page, root, kind, err := pageFor(p)
	if err != nil {
		return nil, err
	}
	s := newSession(o.Transport, &o)
	s.page, s.root, s.kind = page, root, kind
	s.acct.username = p.username
	s.acct.identifiantNav = o.IdentifiantNav
	if err := guard.check(root.Host, s.now()); err != nil {
		return nil, err
	}
	s.sem <- struct{}{} // held for the whole login, like any call
	err = s.login(ctx, &o, p)
	guard.record(root.Host, err, s.now())
	var ab errAbandoned
	if errors.As(err, &ab) {
		return nil, ab.err // the exchange still in flight releases the token when it settles
	}
	s.unlock()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// login runs the five steps (and double authentication when asked) for plan p.
func (s *Session) login(ctx context.Context, o *Options, p *plan) error {
	progress := func(step string) {
		if o.OnProgress != nil {
			o.OnProgress(step)
		}
	}
	progress(StepPage)
	s.st.jar.set(p.cookies)
	if p.appliMobile {
		s.st.jar.set([]string{"appliMobile=1"})
	}
	info, err := s.bootstrap(ctx)
	if err != nil {
		return err
	}
	if p.ent {
		if info.e == "" || info.f == "" {
			return fmt.Errorf("%w: the page carries no ENT login (the ENT cookies are missing or expired)", ErrBadCredentials)
		}
		p.username, p.secret = info.e, info.f
		s.acct.username = info.e
	}
	progress(StepParameters)
	if err := s.parameters(ctx, info); err != nil {
		return err
	}
	progress(StepIdentification)
	challenge, err := s.identify(ctx, p)
	if err != nil {
		return err
	}
	progress(StepAuthentication)
	auth, err := s.authenticate(ctx, challenge, p)
	if err != nil {
		return err
	}
	if need, ok := twoFactorNeedOf(auth); ok {
		progress(StepTwoFactor)
		if err := s.twoFactor(ctx, o, need); err != nil {
			return err
		}
	}
	progress(StepUser)
	if err := s.loadUser(ctx); err != nil {
		return err
	}
	s.publish()
	return nil
}

// bootstrap GETs the space page and sets the session's wire state from its Start() (§2).
func (s *Session) bootstrap(ctx context.Context) (*startInfo, error) {
	resp, err := s.do(ctx, "space page", &Request{Method: "GET", URL: s.page.String(), Header: s.headers("")})
	if err != nil {
		return nil, err
	}
	s.st.jar.set(resp.SetCookies)
	info, err := parsePage(resp.Status, resp.Header["Location"], string(resp.Body))
	if err != nil {
		return nil, err
	}
	s.st.h, s.st.hNum, s.st.a = info.h, info.hNum, info.a
	s.st.dialect, s.st.flags = dialectFromPage(info)
	s.st.key, s.st.iv = wire.InitialKey, wire.ZeroIV
	s.st.counter = 1
	s.log.Debug("pronote space page", "dialect", s.st.dialect.String(), "encrypt", s.st.flags.Encrypt, "compress", s.st.flags.Compress)
	return info, nil
}

// dialectFromPage applies §1.3 and §2.6. An unknown 2023/2024 split is reported as D2023 (the
// outer keys are the same) and settled by FonctionParametres.
func dialectFromPage(info *startInfo) (wire.Dialect, wire.Flags) {
	_, crA := info.flags["CrA"]
	_, coA := info.flags["CoA"]
	_, scrA := info.flags["sCrA"]
	_, scoA := info.flags["sCoA"]
	old := wire.Flags{Encrypt: !info.flags["sCrA"], Compress: !info.flags["sCoA"]}
	switch {
	case crA || coA:
		return wire.D2025, wire.Flags{Encrypt: info.flags["CrA"], Compress: info.flags["CoA"]}
	case scrA || scoA:
		if info.hasVersion {
			return wire.DialectOf(info.version), old
		}
		return wire.D2023, old
	case !info.hasVersion || !info.version.Less(wire.Version{2025, 1, 3}):
		return wire.D2025, wire.Flags{}
	}
	return wire.DialectOf(info.version), old
}

// parameters sends FonctionParametres (§5) and switches the IV.
func (s *Session) parameters(ctx context.Context, info *startInfo) error {
	ivTemp := make([]byte, 16)
	if _, err := io.ReadFull(s.rand, ivTemp); err != nil {
		return fmt.Errorf("pronote: random source: %w", err)
	}
	uuid, err := uuidFor(s.rand, info, ivTemp)
	if err != nil {
		return err
	}
	var nav any
	if s.acct.identifiantNav != "" {
		nav = s.acct.identifiantNav
	}
	data := map[string]any{"Uuid": uuid, "identifiantNav": nav}
	payload := map[string]any{s.st.dialect.Keys().Data: data}
	if s.st.dialect != wire.D2025 && !info.hasVersion {
		payload["data"], payload["donnees"] = data, data // §1.3 rule 2
	}
	newIV := wire.IVFrom(ivTemp)
	ex := exchange{name: "FonctionParametres", payload: payload,
		send: wire.Crypt{Key: wire.InitialKey, IV: wire.ZeroIV},
		recv: wire.Crypt{Key: wire.InitialKey, IV: newIV}}
	rep, err := s.roundTrip(ctx, ex)
	if err != nil {
		return err
	}
	s.st.iv = newIV
	if err := checkOrder(ex.name, rep.no, 2, keyIV{wire.InitialKey, newIV}, keyIV{wire.InitialKey, wire.ZeroIV}); err != nil {
		return err
	}
	return s.readParameters(rep.data)
}

// uuidFor encodes iv_temp as the Uuid: RSA with MR/ER, RSA with the constant key when the page
// says http, plain base64 otherwise (§3.4).
func uuidFor(rnd io.Reader, info *startInfo, ivTemp []byte) (string, error) {
	modulus, exponent := "", ""
	switch {
	case info.mr != "" && info.er != "":
		modulus, exponent = info.mr, info.er
	case info.flags["http"]:
		modulus, exponent = wire.RSAModulus, "10001"
	default:
		return base64.StdEncoding.EncodeToString(ivTemp), nil
	}
	n, e, err := wire.ParseRSAKey(modulus, exponent)
	if err != nil {
		return "", fmt.Errorf("%w: Start() has an unusable RSA key", ErrProtocol)
	}
	c, err := wire.RSAEncrypt(rnd, n, e, ivTemp)
	if err != nil {
		return "", fmt.Errorf("pronote: encrypting the Uuid: %w", err)
	}
	return base64.StdEncoding.EncodeToString(c), nil
}
