package protocol

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// Options configure Login.
type Options struct {
	// URL is a space page: https://…/pronote/eleve.html, parent.html, mobile.eleve.html, …
	URL      string
	Username string
	Password string // used to derive the login key; never stored, sent or logged
	// DeviceUUID identifies this installation; it is kept for later token logins.
	DeviceUUID string
	// IdentifiantNav is the value an earlier session with this server returned, if any.
	IdentifiantNav string

	Transport  Transport
	OnProgress func(step string) // "page", "parameters", "identification", "authentication", "user"
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
	StepUser           = "user"
)

// Login opens a session on a space page and logs in with a username and password. It makes
// one attempt: a refused login is never retried, since repeated failures get the client's IP
// suspended (§7.4).
func Login(ctx context.Context, o Options) (*Session, error) {
	switch {
	case o.Transport == nil:
		return nil, argError("transport", "is required")
	case strings.TrimSpace(o.Username) == "":
		return nil, argError("username", "is required")
	case o.Password == "":
		return nil, argError("password", "is required")
	}
	page, root, kind, err := spaceURL(o.URL)
	if err != nil {
		return nil, err
	}
	s := newSession(o.Transport, &o)
	s.page, s.root, s.kind = page, root, kind
	s.acct.username = o.Username
	s.acct.identifiantNav = o.IdentifiantNav
	s.sem <- struct{}{} // held for the whole login, like any call
	err = s.login(ctx, &o)
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

func (s *Session) login(ctx context.Context, o *Options) error {
	progress := func(step string) {
		if o.OnProgress != nil {
			o.OnProgress(step)
		}
	}
	progress(StepPage)
	info, err := s.bootstrap(ctx)
	if err != nil {
		return err
	}
	progress(StepParameters)
	if err := s.parameters(ctx, info); err != nil {
		return err
	}
	progress(StepIdentification)
	challenge, err := s.identify(ctx, o.Username)
	if err != nil {
		return err
	}
	progress(StepAuthentication)
	if err := s.authenticate(ctx, challenge, o.Username, o.Password); err != nil {
		return err
	}
	progress(StepUser)
	return s.loadUser(ctx)
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
