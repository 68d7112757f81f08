package pronotetest

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
)

// The ENT in front of the school (Options.ENT): a CAS login page, its cookie, and the
// mobile-validation handshake of protocol.md §12.1.
const (
	casCookie     = "pronotetest-cas"
	casPath       = "cas/login"
	validationKey = "validationAppliMobile"
)

// casInfo is InfoMobileApp.json's CAS object (§2.8): active with a jetonCAS behind an ENT.
func (s *Server) casInfo() map[string]any {
	if !s.opts.ENT {
		return map[string]any{"actif": false, "casURL": ""}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]any{"actif": true, "casURL": s.URL + casPath, "jetonCAS": s.casJeton()}
}

// casJeton is the server's jetonCAS, drawn once. s.mu must be held.
func (s *Server) casJeton() string {
	s.sec.init()
	if s.sec.jetonCAS == "" {
		s.sec.jetonCAS = strings.ToUpper(s.randomHex(16))
	}
	return s.sec.jetonCAS
}

// serveENT handles a space page GET behind the ENT. Without login=true the page needs the
// CAS cookie: absent, it redirects to the CAS page; present, the session is an ENT one
// (Start carries e, f and g:3). It reports whether it answered.
func (s *Server) serveENT(w http.ResponseWriter, r *http.Request, sp space) bool {
	if !s.opts.ENT || r.URL.Query().Get("login") == "true" || r.URL.Query().Get("fd") != "1" {
		return false
	}
	s.mu.Lock()
	s.sec.init()
	var acct *account
	if c, err := r.Cookie(casCookie); err == nil {
		acct = s.sec.casTickets[c.Value]
	}
	s.mu.Unlock()
	if acct == nil || acct.kind != sp.kind {
		http.Redirect(w, r, s.URL+casPath+"?service="+url.QueryEscape(s.URL+strings.TrimPrefix(r.URL.RequestURI(), RootPath)), http.StatusFound)
		return true
	}
	sess := s.newSession(sp)
	s.mu.Lock()
	sess.entLogin, sess.entSecret = acct, strings.ToUpper(s.randomHex(20))
	state := s.validationState(r, sp, acct)
	s.mu.Unlock()
	sess.appliMobile = hasAppliMobile(r)
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: sess.cookie, Path: RootPath, HttpOnly: true})
	page := s.page(sess)
	if state != "" {
		// What the official client does after its Authentification in this mode (§12.1 step 4).
		http.SetCookie(w, &http.Cookie{Name: validationKey, Value: "", Path: RootPath, MaxAge: -1})
		http.SetCookie(w, &http.Cookie{Name: "appliMobile", Value: "1", Path: RootPath})
		page = strings.Replace(page, "</head>", "<script>window.loginState = "+state+";</script>\n</head>", 1)
	}
	writeHTML(w, page)
	return true
}

// validationState is window.loginState for a mobile page opened with the validation cookies
// (§12.1): the ENT login done, the page hands a token for uuidAppliMobile. "" otherwise.
// s.mu must be held.
func (s *Server) validationState(r *http.Request, sp space, acct *account) string {
	v, err1 := r.Cookie(validationKey)
	u, err2 := r.Cookie("uuidAppliMobile")
	if !sp.mobile || err1 != nil || err2 != nil || v.Value != s.casJeton() || u.Value == "" {
		return ""
	}
	token := s.issueToken(acct, u.Value)
	return string(marshal(map[string]any{"status": 0, "libelle": acct.name, "login": acct.username, "mdp": token}))
}

// serveCAS is the fake ENT's login page: GET shows the form, POST checks the account's
// PRONOTE password and sets the CAS cookie, then sends the browser back to service.
func (s *Server) serveCAS(w http.ResponseWriter, r *http.Request, body []byte) {
	form, _ := url.ParseQuery(string(body)) // ServeHTTP has read the body
	service := r.URL.Query().Get("service")
	if r.Method == http.MethodPost {
		service = form.Get("service")
	}
	if !strings.HasPrefix(service, s.URL) {
		service = s.URL + "eleve.html?fd=1"
	}
	if r.Method == http.MethodPost {
		kind := "student"
		if strings.Contains(service, "parent.html") {
			kind = "parent"
		}
		a := findAccount(form.Get("username"), kind)
		s.mu.Lock()
		ok := a != nil && form.Get("password") == s.passwordOf(a)
		if ok {
			ticket := s.randomHex(16)
			s.sec.casTickets[ticket] = a
			http.SetCookie(w, &http.Cookie{Name: casCookie, Value: ticket, Path: RootPath, HttpOnly: true})
		}
		s.mu.Unlock()
		if ok {
			http.Redirect(w, r, service, http.StatusFound)
			return
		}
	}
	writeHTML(w, fmt.Sprintf(`<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>ENT de démonstration</title></head>
<body><h1>ENT de démonstration</h1>
<form method="post" action="%s"><input type="hidden" name="service" value="%s">
<label>Identifiant <input name="username" autocomplete="username"></label>
<label>Mot de passe <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Se connecter</button></form></body></html>
`, html.EscapeString(s.URL+casPath), html.EscapeString(service)))
}
