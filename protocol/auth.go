package protocol

import (
	"context"
	"fmt"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// challenge is what Identification returns (§6.3).
type challenge struct {
	text, alea             string
	lowerUser, lowerSecret bool
}

// identify sends Identification (§6.2) with the flags of the login's kind (§6.1).
func (s *Session) identify(ctx context.Context, p *plan) (*challenge, error) {
	uuid := ""
	if p.flags.mobile() {
		uuid = s.device
	}
	data := map[string]any{
		"genreConnexion": 0, "genreEspace": s.st.a, "identifiant": p.username, "pourENT": p.ent,
		"enConnexionAuto": false, "demandeConnexionAuto": false, "demandeConnexionAppliMobile": p.flags.demande,
		"demandeConnexionAppliMobileJeton": p.flags.demandeJeton, "enConnexionAppliMobile": p.flags.enConnexion,
		"uuidAppliMobile": uuid, "loginTokenSAV": "",
	}
	rep, err := s.loginCall(ctx, "Identification", data, keyIV{wire.InitialKey, s.st.iv})
	if err != nil {
		return nil, err
	}
	c := &challenge{
		text:        rep.data.str("challenge"),
		alea:        rep.data.str("alea"),
		lowerUser:   rep.data.flag("modeCompLog"),
		lowerSecret: rep.data.flag("modeCompMdp"),
	}
	if c.text == "" {
		return nil, protoErr("Identification", "reply has no challenge")
	}
	if login := rep.data.str("login"); login != "" {
		s.acct.username = login
	}
	return c, nil
}

// loginCall is an exchange of the login phase: the initial key, the session IV, data only.
func (s *Session) loginCall(ctx context.Context, name string, data map[string]any, order ...keyIV) (*reply, error) {
	crypt := wire.Crypt{Key: wire.InitialKey, IV: s.st.iv}
	counter := s.st.counter
	payload := map[string]any{s.st.dialect.Keys().Data: data}
	rep, err := s.roundTrip(ctx, exchange{name: name, payload: payload, send: crypt, recv: crypt})
	if err != nil {
		return nil, err
	}
	if len(order) > 0 {
		if err := checkOrder(name, rep.no, counter+1, order...); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// answer solves the challenge (§6.4): the direct 2026.2.5 scheme when its shape says so,
// the legacy alea scheme otherwise, falling back to direct when the legacy one cannot decrypt.
func (c *challenge) answer(key, iv []byte) string {
	if wire.IsDirectChallenge(c.alea, c.text) {
		return wire.SolveDirectChallenge(key, iv, c.text)
	}
	if a, err := wire.SolveLegacyChallenge(key, iv, c.text); err == nil {
		return a
	}
	return wire.SolveDirectChallenge(key, iv, c.text)
}

// authenticate sends Authentification and switches to the session key (§6.5). One attempt.
// It returns the reply's data, which may ask for double authentication, and keeps the token
// a mobile login returns.
func (s *Session) authenticate(ctx context.Context, c *challenge, p *plan) (obj, error) {
	key := wire.ChallengeKey(p.username, c.alea, p.secret, c.lowerUser, c.lowerSecret)
	if p.ent {
		key = wire.ENTKey(p.secret)
	}
	data := map[string]any{"connexion": 0, "challenge": c.answer(key, s.st.iv), "espace": s.st.a}
	counter := s.st.counter
	rep, err := s.loginCall(ctx, "Authentification", data)
	if err != nil {
		return nil, err
	}
	if err := accessError(rep.data); err != nil {
		return nil, err
	}
	cle := rep.data.str("cle")
	if cle == "" {
		return nil, ErrBadCredentials
	}
	plain, err := wire.DecryptHex(key, s.st.iv, cle)
	if err != nil {
		return nil, protoErr("Authentification", "cle does not decrypt")
	}
	sessionKey, err := wire.SessionKey(string(plain))
	if err != nil {
		return nil, protoErr("Authentification", "cle is not a list of bytes")
	}
	if err := checkOrder("Authentification", rep.no, counter+1, keyIV{wire.InitialKey, s.st.iv}, keyIV{sessionKey, s.st.iv}); err != nil {
		return nil, err
	}
	s.st.key = sessionKey
	if token := rep.data.str("jetonConnexionAppliMobile"); token != "" {
		s.setToken(token)
	}
	return rep.data, nil
}

// accessError maps a non-zero Acces to its error (§6.5).
func accessError(data obj) error {
	switch code := data.int("Acces"); code {
	case 0:
		return nil
	case 1:
		return ErrBadCredentials
	case 6, 10:
		return ErrAccountDisabled
	case 9:
		m := data.obj("AccesMessage")
		msg := m.str("message")
		if t := m.str("titre"); t != "" {
			msg = t + ": " + msg
		}
		return fmt.Errorf("%w: %s", ErrAccessDenied, msg)
	default:
		return fmt.Errorf("%w (code %d)", ErrAccessDenied, code)
	}
}
