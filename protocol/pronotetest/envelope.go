package pronotetest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// protoError is an Erreur reply. kill marks errors after which the session is dead (order or
// crypto desynchronisation, wrong dialect); the others consume the exchange and the session
// goes on.
type protoError struct {
	G     int
	Title string
	kill  bool
}

// titles are the Titre of the Erreur codes the server sends (§7.3).
var titles = map[int]string{
	3:  "Accès refusé",
	8:  "La page a expiré ! (1)",
	10: "La page a expiré ! (3)",
	11: "La page a expiré ! (4)",
	13: "La page a expiré ! (6)",
	14: "La page a expiré ! (7)",
	21: "Impossible d'afficher la page",
	22: "L'élément demandé n'existe plus",
	25: "Vous avez dépassé le nombre autorisé de tentatives de connexion",
}

func fail(g int) *protoError { return &protoError{G: g, Title: titles[g]} }

func fatal(g int) *protoError { return &protoError{G: g, Title: titles[g], kill: true} }

// request is a decoded call: its function name and the inner data and signature objects
// (nil when absent).
type request struct {
	name string
	data json.RawMessage
	sig  json.RawMessage
}

// reply is what a function answers: the inner data object and an optional signature.
type reply struct {
	data any
	sig  any
}

// serveCall handles POST {root}appelfonction/{a}/{h}/{no}.
func (s *Server) serveCall(w http.ResponseWriter, r *http.Request, tail string, body []byte) {
	parts := strings.Split(tail, "/")
	s.mu.Lock()
	var sess *session
	if len(parts) == 3 {
		sess = s.sessions[parts[1]]
	}
	if sess == nil {
		s.mu.Unlock()
		writeErreur(w, fatal(10))
		return
	}
	out, perr := s.exchange(sess, r, parts[0], parts[2], body)
	if perr != nil {
		if perr.kill {
			sess.dead = true
		} else {
			sess.expect += 2
		}
		s.mu.Unlock()
		writeErreur(w, perr)
		return
	}
	if sess.newAuthCookie {
		sess.newAuthCookie = false
		http.SetCookie(w, &http.Cookie{Name: authCookieName, Value: sess.authCookie, Path: RootPath, HttpOnly: true})
	}
	fault, hold := s.takeReplyFault()
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	writeReply(w, r, fault, hold, out)
}

// exchange checks one call against the session, runs it and encodes the reply.
func (s *Server) exchange(sess *session, r *http.Request, a, no string, body []byte) ([]byte, *protoError) {
	if sess.dead {
		return nil, fatal(10)
	}
	if a != strconv.Itoa(sess.a) {
		return nil, fatal(11)
	}
	if perr := s.checkCookies(sess, r.Header.Get("Cookie")); perr != nil {
		return nil, perr
	}
	req, perr := s.openEnvelope(sess, no, body)
	if perr != nil {
		return nil, perr
	}
	if sess.user != nil && s.faults.expire {
		s.faults.expire = false
		return nil, fatal(10)
	}
	if perr := s.takeServerError(); perr != nil {
		return nil, perr
	}
	rep, perr := s.dispatch(sess, req)
	if perr != nil {
		return nil, perr
	}
	out := s.encodeReply(sess, req.name, rep)
	if sess.nextKey != nil {
		sess.key, sess.nextKey = sess.nextKey, nil
	}
	sess.expect += 2
	return out, nil
}

// checkCookies refuses a wrong session cookie, and a missing one with RequireCookie.
func (s *Server) checkCookies(sess *session, header string) *protoError {
	present, ok := hasCookie(header, cookieName, sess.cookie)
	if (present || s.opts.RequireCookie) && !ok {
		return fatal(13)
	}
	if sess.authCookie == "" {
		return nil
	}
	present, ok = hasCookie(header, authCookieName, sess.authCookie)
	if (present || s.opts.RequireCookie) && !ok {
		return fatal(13)
	}
	return nil
}

// openEnvelope checks the outer keys, the session number and the order number, then decodes
// the payload strictly per the session's flags and splits it into data and signature.
func (s *Server) openEnvelope(sess *session, urlNo string, body []byte) (request, *protoError) {
	desync := fatal(8)
	if sess.user == nil {
		desync = fatal(14)
	}
	k := s.keys()
	var env map[string]json.RawMessage
	if json.Unmarshal(body, &env) != nil {
		return request{}, fatal(11)
	}
	for key := range env {
		if key != k.Name && key != k.Order && key != k.Payload && key != "session" {
			return request{}, fatal(11)
		}
	}
	var name, no string
	var h json.Number
	if json.Unmarshal(env[k.Name], &name) != nil || json.Unmarshal(env[k.Order], &no) != nil ||
		env[k.Payload] == nil || json.Unmarshal(env["session"], &h) != nil {
		return request{}, fatal(11)
	}
	if string(h) != strconv.Itoa(sess.h) || bytes.HasPrefix(bytes.TrimSpace(env["session"]), []byte(`"`)) {
		return request{}, fatal(11)
	}
	if no != urlNo || !wire.OrderNumberIs(sess.key, sess.iv, no, sess.expect) {
		return request{}, desync
	}
	payload := bytes.TrimSpace(env[k.Payload])
	if (s.opts.Encrypt || s.opts.Compress) && (len(payload) == 0 || payload[0] != '"') {
		return request{}, desync
	}
	plain, err := wire.DecodeRequest(s.flags(), wire.Crypt{Key: sess.key, IV: sess.iv}, payload)
	if err != nil {
		return request{}, desync
	}
	return s.splitPayload(name, plain)
}

// splitPayload reads the inner object: only the dialect's data and signature keys, except
// that FonctionParametres may carry the same data under both data and donnees (§1.3 rule 2).
func (s *Server) splitPayload(name string, plain []byte) (request, *protoError) {
	k := s.keys()
	var m map[string]json.RawMessage
	if json.Unmarshal(plain, &m) != nil || m == nil {
		return request{}, fatal(11)
	}
	req := request{name: name}
	var alias json.RawMessage
	for key, v := range m {
		switch {
		case key == k.Data:
			req.data = v
		case key == k.Signature:
			req.sig = v
		case name == "FonctionParametres" && (key == "data" || key == "donnees"):
			alias = v
		default:
			return request{}, fatal(11)
		}
	}
	if alias != nil && (req.data == nil || !sameJSON(alias, req.data)) {
		return request{}, fatal(11)
	}
	return req, nil
}

// encodeReply builds the response envelope of the dialect: name, session, order number
// counter+1 and the payload {nom, data, signature} encoded per the flags.
func (s *Server) encodeReply(sess *session, name string, rep reply) []byte {
	k := s.keys()
	inner := map[string]any{"nom": name, k.Data: rep.data}
	if rep.sig != nil {
		inner[k.Signature] = rep.sig
	}
	counter := sess.expect + 1
	if s.faults.wrongOrder {
		s.faults.wrongOrder = false
		counter += 2
	}
	payload := wire.EncodeResponse(s.flags(), wire.Crypt{Key: sess.key, IV: sess.iv}, marshal(inner))
	var b bytes.Buffer
	b.WriteString("{")
	writePair(&b, k.Name, name, true)
	writePair(&b, "session", sess.h, true)
	writePair(&b, k.Order, wire.OrderNumber(sess.key, sess.iv, counter), true)
	writePair(&b, k.Payload, payload, false)
	b.WriteString("}")
	return b.Bytes()
}

func writePair(b *bytes.Buffer, key string, v any, comma bool) {
	b.Write(marshal(key))
	b.WriteString(":")
	if raw, ok := v.(json.RawMessage); ok {
		b.Write(raw)
	} else {
		b.Write(marshal(v))
	}
	if comma {
		b.WriteString(",")
	}
}

// writeErreur answers the top-level Erreur shape (§4.7) with HTTP 200.
func writeErreur(w http.ResponseWriter, e *protoError) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Write(marshal(map[string]any{"Erreur": map[string]any{"G": e.G, "Titre": e.Title, "Message": ""}}))
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.Write(marshal(v))
}

// marshal writes compact JSON without HTML escaping (as PRONOTE does). Values are the
// server's own, so an error is a programming error.
func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("pronotetest: cannot encode a reply: " + err.Error())
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y bytes.Buffer
	return json.Compact(&x, a) == nil && json.Compact(&y, b) == nil && bytes.Equal(x.Bytes(), y.Bytes())
}
