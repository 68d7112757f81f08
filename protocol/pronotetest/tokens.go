package pronotetest

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// issueToken makes a new mobile token for (account, device) and forgets the previous one:
// only the last token works (§6.6). It must be called with s.mu held.
func (s *Server) issueToken(a *account, uuid string) string {
	token := strings.ToUpper(s.randomHex(32))
	s.tokens[a.username+"\x00"+uuid] = token
	return token
}

// jetonAppliMobile answers JetonAppliMobile (§6.7): a QR code's jeton and login, encrypted
// with MD5(code) and a zero IV. The jeton works for one QR login.
func (s *Server) jetonAppliMobile(sess *session, req request, _ Student) (reply, *protoError) {
	var q struct {
		Code string `json:"code"`
	}
	if req.data == nil || json.Unmarshal(req.data, &q) != nil || q.Code == "" {
		return reply{}, fail(3)
	}
	jeton, login := s.newQR(sess.user, q.Code)
	return reply{data: map[string]any{"jeton": jeton, "login": login}}, nil
}

// newQR draws a QR jeton for a and returns the jeton and login fields encrypted with pin.
func (s *Server) newQR(a *account, pin string) (jeton, login string) {
	s.sec.init()
	plain := strings.ToUpper(s.randomHex(16))
	s.sec.qr[a.username] = plain
	key := wire.MD5([]byte(pin))
	return strings.ToUpper(wire.EncryptHex(key, wire.ZeroIV, plain)), strings.ToUpper(wire.EncryptHex(key, wire.ZeroIV, a.username))
}

// QRCode returns the JSON text of a QR code for the account username of kind ("student" or
// "parent"), made with pin, as the PRONOTE web client shows it (§6.7): what a test or a demo
// user pastes into a QR login. It fails for an unknown account.
func (s *Server) QRCode(kind, username, pin string) (string, bool) {
	a := findAccount(username, kind)
	if a == nil || pin == "" {
		return "", false
	}
	s.mu.Lock()
	jeton, login := s.newQR(a, pin)
	s.mu.Unlock()
	page := "mobile.eleve.html"
	if kind == "parent" {
		page = "mobile.parent.html"
	}
	b, _ := json.Marshal(map[string]any{"avecPageConnexion": false, "jeton": jeton, "login": login, "url": s.URL + page})
	return string(b), true
}

// Logins is the number of successful Authentifications the server answered.
func (s *Server) Logins() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sec.logins
}

// Count is the number of requests to the PRONOTE function name the server received (an
// Authentification refused counts as much as an accepted one).
func (s *Server) Count(name string) int {
	n := 0
	for _, r := range s.Requests() {
		var env map[string]json.RawMessage
		if r.Method != http.MethodPost || json.Unmarshal(r.Body, &env) != nil {
			continue
		}
		for _, k := range []string{"nom", "id"} {
			var got string
			if json.Unmarshal(env[k], &got) == nil && got == name {
				n++
			}
		}
	}
	return n
}

// controlSecurity serves the Control endpoints of this file:
//
//	POST qr?kind=student&username=…&pin=1234   a QR code's JSON text (QRCode)
//	GET  count?function=Authentification         {"count": n, "logins": successful ones}
func (s *Server) controlSecurity(name string, w http.ResponseWriter, r *http.Request) bool {
	q := r.URL.Query()
	switch {
	case name == "qr" && r.Method == http.MethodPost:
		text, ok := s.QRCode(q.Get("kind"), q.Get("username"), q.Get("pin"))
		if !ok {
			http.Error(w, "unknown account", http.StatusBadRequest)
			return true
		}
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.Write([]byte(text))
	case name == "count" && r.Method == http.MethodGet:
		writeJSON(w, map[string]int{"count": s.Count(q.Get("function")), "logins": s.Logins()})
	default:
		return false
	}
	return true
}

// hasAppliMobile reports whether a page GET carries the cookie appliMobile=1.
func hasAppliMobile(r *http.Request) bool {
	c, err := r.Cookie("appliMobile")
	return err == nil && c.Value == "1"
}
