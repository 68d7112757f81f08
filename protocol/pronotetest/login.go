package pronotetest

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// The login sequence (§5, §6).
func init() {
	register("FonctionParametres", function{stage: stageStart, login: (*Server).fonctionParametres})
	register("Identification", function{stage: stageIdentify, login: (*Server).identification})
	register("Authentification", function{stage: stageAnswer, login: (*Server).authentification})
}

// fonctionParametres reads the Uuid, switches the IV to MD5(iv_temp) for the reply and every
// later exchange (§5), and answers the instance parameters.
func (s *Server) fonctionParametres(sess *session, req request) (reply, *protoError) {
	var q struct {
		Uuid           *string `json:"Uuid"`
		IdentifiantNav *string `json:"identifiantNav"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Uuid == nil {
		return reply{}, fatal(14)
	}
	ivTemp, ok := s.uuidIV(*q.Uuid)
	if !ok {
		return reply{}, fatal(14)
	}
	sess.iv = wire.IVFrom(ivTemp)
	sess.fpDone = true
	sess.navID = strings.ToUpper(s.randomHex(56))
	if q.IdentifiantNav != nil && *q.IdentifiantNav != "" {
		sess.navID = *q.IdentifiantNav
	}
	return reply{data: s.parametres(sess)}, nil
}

// uuidIV recovers iv_temp from the Uuid: plain base64 over HTTPS, RSA with the server's own
// key (LegacyRSA), or with the constant key (HTTP: only its shape can be checked, the IV comes
// from Options.ClientIV). Line breaks inside the base64 are tolerated (pawnote sends them).
func (s *Server) uuidIV(uuid string) ([]byte, bool) {
	raw, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(uuid))
	if err != nil {
		return nil, false
	}
	switch {
	case s.rsaKey != nil:
		// PRONOTE's own scheme (protocol.md §4): the fake server must decrypt what clients send.
		//lint:ignore SA1019 the protocol fixes PKCS #1 v1.5; this is the test server's side of it
		iv, err := rsa.DecryptPKCS1v15(nil, s.rsaKey, raw)
		return iv, err == nil && len(iv) == 16
	case s.opts.HTTP:
		return s.opts.ClientIV, len(raw) == 128 && len(s.opts.ClientIV) > 0
	}
	return raw, len(raw) == 16
}

// identification issues the challenge (§6.3): alea-wrapped before 2026.2.5, direct after. An
// unknown username still gets a challenge, which no answer can solve.
func (s *Server) identification(sess *session, req request) (reply, *protoError) {
	if s.rateLimited() {
		return reply{}, fail(25)
	}
	var q struct {
		Identifiant     *string `json:"identifiant"`
		GenreEspace     *int    `json:"genreEspace"`
		GenreConnexion  int     `json:"genreConnexion"`
		PourENT         bool    `json:"pourENT"`
		EnConnexionAppl bool    `json:"enConnexionAppliMobile"`
		DemandeAppli    bool    `json:"demandeConnexionAppliMobile"`
		UUID            string  `json:"uuidAppliMobile"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Identifiant == nil ||
		q.GenreEspace == nil || *q.GenreEspace != sess.a || q.GenreConnexion != 0 || q.PourENT {
		return reply{}, fatal(14)
	}
	acct := findAccount(*q.Identifiant, sess.kind)
	st := &loginState{acct: acct, mobile: q.DemandeAppli || q.EnConnexionAppl, uuid: q.UUID}
	secret, user := "", strings.ToLower(*q.Identifiant)
	if acct != nil {
		secret = acct.password
		if q.EnConnexionAppl {
			secret = s.tokens[acct.username+"\x00"+q.UUID]
			st.token = true
		}
	}
	alea, challenge := s.issueChallenge(sess, st, user, secret)
	sess.pending = st
	return reply{data: map[string]any{"alea": alea, "challenge": challenge, "modeCompLog": 1, "modeCompMdp": 0}}, nil
}

// issueChallenge draws the challenge of the profile and records the expected answer's
// plaintext and the key in st. Without a known secret the key is random: no answer works.
func (s *Server) issueChallenge(sess *session, st *loginState, user, secret string) (alea, challenge string) {
	if s.opts.Profile.DirectChallenge {
		challenge = strings.ToUpper(s.randomHex(16))
		st.expected = challenge
	} else {
		alea = s.randomHex(8)
		st.expected = s.randomHex(10)
	}
	st.key = wire.ChallengeKey(user, alea, secret, true, false)
	if st.acct == nil || secret == "" {
		st.key = s.randomBytes(16)
	}
	if challenge == "" {
		challenge = wire.EncryptHex(st.key, sess.iv, s.wrapAlea(st.expected))
	}
	return alea, challenge
}

// wrapAlea interleaves a random character after each character of text: the client keeps the
// characters at even indices (§6.4 scheme A).
func (s *Server) wrapAlea(text string) string {
	noise := s.randomHex(len(text))
	var b strings.Builder
	for i := range text {
		b.WriteByte(text[i])
		b.WriteByte(noise[i])
	}
	return b.String()
}

// authentification checks the answer. A wrong one gets Acces 1 and counts toward the rate
// limit; a right one gets cle, and the session key becomes MD5(cle bytes) after this reply.
func (s *Server) authentification(sess *session, req request) (reply, *protoError) {
	if s.rateLimited() {
		return reply{}, fail(25)
	}
	var q struct {
		Connexion *int    `json:"connexion"`
		Challenge *string `json:"challenge"`
		Espace    *int    `json:"espace"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Challenge == nil ||
		q.Espace == nil || *q.Espace != sess.a || q.Connexion == nil {
		return reply{}, fatal(14)
	}
	st := sess.pending
	sess.pending = nil
	answer, err := wire.DecryptHex(st.key, sess.iv, *q.Challenge)
	if st.acct == nil || err != nil || string(answer) != st.expected {
		s.failed++
		return reply{data: map[string]any{"Acces": 1}}, nil
	}
	s.failed = 0
	raw := s.randomBytes(16)
	parts := make([]string, len(raw))
	for i, b := range raw {
		parts[i] = strconv.Itoa(int(b))
	}
	sess.nextKey = wire.MD5(raw)
	sess.user = st.acct
	sess.authCookie, sess.newAuthCookie = s.randomHex(16), true
	data := map[string]any{
		"cle":               wire.EncryptHex(st.key, sess.iv, strings.Join(parts, ",")),
		"libelleUtil":       st.acct.name,
		"derniereConnexion": tv(7, wire.FormatDateTime(sess.demo.Now.AddDate(0, 0, -1).Add(18*time.Hour+7*time.Minute))),
	}
	if st.mobile {
		token := strings.ToUpper(s.randomHex(32))
		s.tokens[st.acct.username+"\x00"+st.uuid] = token
		data["jetonConnexionAppliMobile"] = token
	}
	return reply{data: data}, nil
}
