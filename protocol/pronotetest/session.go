package pronotetest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"io"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// session is the server side of one PRONOTE session, created by a space page GET.
type session struct {
	h          int
	a          int
	kind       string // "student" or "parent"
	mobile     bool
	cookie     string // value of cookieName
	authCookie string // value of authCookieName, set by Authentification
	// newAuthCookie asks serveCall to send authCookie with this reply.
	newAuthCookie bool
	secret        []byte // derives the session-scoped N ids
	ids           map[string]string
	files         map[string]Attachment // the file attachments listed, by N (FichiersExternes)
	demo          *Demo

	expect  int    // the counter the next request must carry
	key, iv []byte // current AES key and IV
	dead    bool   // expired: every call answers G 10

	fpDone  bool        // FonctionParametres answered
	navID   string      // identifiantNav
	pending *loginState // Identification answered, Authentification expected
	user    *account    // logged in
	nextKey []byte      // session key to switch to after the Authentification reply
	// lastChild is the child of the last lenient parent call (Options.AllowMissingMember).
	lastChild Student
	// appliMobile: the page GET carried appliMobile=1 (token and QR logins, §2.3).
	appliMobile bool
	// twoFactor is what the session owes after Authentification (security.go).
	twoFactor *twoFactorState
	// entLogin is the account an ENT login opened the page for (ent.go), nil otherwise.
	entLogin  *account
	entSecret string
}

// loginState is what Identification told the client and Authentification must check.
type loginState struct {
	acct     *account // nil for an unknown username
	key      []byte   // challenge key
	expected string   // the plaintext a right answer decrypts to
	mobile   bool     // a mobile login: a new token is issued
	token    bool     // the secret was the stored token
	uuid     string   // uuidAppliMobile
	ent      bool     // pourENT: the key is made of the ENT secret alone (§6.4)
}

// newSession creates a session for a space page.
func (s *Server) newSession(sp space) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := &session{
		a: sp.a, kind: sp.kind, mobile: sp.mobile,
		cookie: s.randomHex(16),
		secret: s.randomBytes(32),
		ids:    map[string]string{},
		demo:   NewDemo(s.now()),
		expect: 1,
		key:    wire.InitialKey,
		iv:     wire.ZeroIV,
	}
	for {
		sess.h = 1000000 + int(binary.BigEndian.Uint32(s.randomBytes(4))%9000000)
		if s.sessions[strconv.Itoa(sess.h)] == nil {
			break
		}
	}
	hs := strconv.Itoa(sess.h)
	s.sessions[hs] = sess
	s.created = append(s.created, hs)
	if len(s.created) > maxSessions {
		delete(s.sessions, s.created[0])
		s.created = s.created[1:]
	}
	return sess
}

// randomBytes reads n bytes of the server's randomness. A failing source is a broken test
// setup, not an input, hence the panic.
func (s *Server) randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := io.ReadFull(s.opts.Rand, b); err != nil {
		panic("pronotetest: random source failed: " + err.Error())
	}
	return b
}

func (s *Server) randomHex(n int) string { return hex.EncodeToString(s.randomBytes(n)) }

// id returns the session-scoped N of a stable id: "<genre>#<43 base64url chars>" (§9.2).
// An N from another session is unknown here, like on a real server (G 22).
func (sess *session) id(genre int, stable string) string {
	m := hmac.New(sha256.New, sess.secret)
	m.Write([]byte(stable))
	n := strconv.Itoa(genre) + "#" + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
	sess.ids[n] = stable
	return n
}

// lookup maps an N this session handed out back to its stable id.
func (sess *session) lookup(n string) (string, bool) {
	stable, ok := sess.ids[n]
	return stable, ok
}

// student returns the pupil a data call is about: the student account itself, or for a
// parent the child named by membre (or, leniently, by ressource or the first child).
func (sess *session) childByN(n string) (Student, bool) {
	stable, ok := sess.lookup(n)
	if !ok || sess.user == nil {
		return Student{}, false
	}
	for _, c := range sess.user.children {
		if c.ID == stable {
			return c, true
		}
	}
	return Student{}, false
}

// keys returns the dialect's key names.
func (s *Server) keys() wire.Keys { return s.opts.Profile.dialect().Keys() }

// flags returns the session's payload transforms.
func (s *Server) flags() wire.Flags {
	return wire.Flags{Encrypt: s.opts.Encrypt, Compress: s.opts.Compress}
}

// hasCookie reports whether the request carries name=value.
func hasCookie(header string, name, value string) (present, match bool) {
	for _, part := range strings.Split(header, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		if k == name {
			present = true
			if v == value {
				return true, true
			}
		}
	}
	return present, false
}
