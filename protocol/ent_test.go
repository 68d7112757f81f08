package protocol_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
	"github.com/pronote-web/pronote/protocol/httptransport"
	"github.com/pronote-web/pronote/protocol/pronotetest"
)

// TestENT runs the mobile-validation handshake of protocol.md §12.1 on every profile, a Go
// HTTP client with a cookie jar playing the user's browser tab: PrepareENT's cookies, the
// mobile page, the ENT's login form, window.loginState, then a token login. It also logs in
// with the ENT's cookies directly (§6.9).
func TestENT(t *testing.T) {
	for _, p := range pronotetest.Profiles() {
		t.Run(p.Name, func(t *testing.T) {
			srv := newServer(t, pronotetest.Options{Profile: p, Encrypt: true, Compress: true, ENT: true})
			ctx := context.Background()
			const device = "ent-device"
			h, err := protocol.PrepareENT(ctx, srv.SpaceURL("student"), device, httptransport.New(nil))
			if err != nil {
				t.Fatal(err)
			}
			if !h.CAS || !strings.HasSuffix(h.Page, "/mobile.eleve.html?fd=1") || len(h.Cookies) != 3 || len(h.Spaces) != 2 {
				t.Fatalf("handshake = %+v", h)
			}
			login, token, casCookie := browserENT(t, srv, h)
			o := credOptions(srv, "student", protocol.Token{Username: login, Token: token})
			o.DeviceUUID = device
			s, err := protocol.Login(ctx, o)
			if err != nil || s.User().Name != pronotetest.StudentLea.Name || s.Token() == token {
				t.Fatalf("token login after the handshake: %v", err)
			}
			es, err := protocol.Login(ctx, credOptions(srv, "student", protocol.ENTCookies{Cookies: []string{casCookie}}))
			if err != nil || es.User().Name != pronotetest.StudentLea.Name {
				t.Fatalf("ENT cookies login: %v", err)
			}
			_, err = protocol.Login(ctx, credOptions(srv, "student", protocol.ENTCookies{}))
			if !errors.Is(err, protocol.ErrENTRequired) {
				t.Errorf("without the ENT cookies: %v", err)
			}
		})
	}
}

// browserENT plays the tab: it returns loginState's login and mdp and the ENT's cookie.
func browserENT(t *testing.T, srv *pronotetest.Server, h *protocol.ENTHandshake) (login, token, casCookie string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	root, _ := url.Parse(srv.URL)
	var set []*http.Cookie
	for _, c := range h.Cookies {
		set = append(set, &http.Cookie{Name: c.Name, Value: c.Value, Path: c.Path})
	}
	jar.SetCookies(root, set)
	client := &http.Client{Jar: jar}
	resp, err := client.Get(h.Page)
	body := readAll(t, resp, err)
	if !strings.Contains(body, `name="password"`) {
		t.Fatalf("the page did not lead to the ENT's form: %.200s", body)
	}
	service := resp.Request.URL.Query().Get("service")
	resp, err = client.PostForm(srv.URL+"cas/login", url.Values{"service": {service},
		"username": {pronotetest.StudentUsername}, "password": {pronotetest.StudentPassword}})
	body = readAll(t, resp, err)
	_, rest, ok := strings.Cut(body, "window.loginState = ")
	state, _, _ := strings.Cut(rest, ";</script>")
	var ls struct {
		Status int    `json:"status"`
		Login  string `json:"login"`
		Mdp    string `json:"mdp"`
	}
	if !ok || json.Unmarshal([]byte(state), &ls) != nil || ls.Status != 0 || ls.Login == "" || ls.Mdp == "" {
		t.Fatalf("no loginState in the page after the ENT login: %.300s", body)
	}
	for _, c := range jar.Cookies(root) {
		if c.Name == "validationAppliMobile" {
			t.Error("validationAppliMobile was not cleared")
		}
		if c.Name == "pronotetest-cas" {
			casCookie = c.Name + "=" + c.Value
		}
	}
	return ls.Login, ls.Mdp, casCookie
}

func readAll(t *testing.T, resp *http.Response, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("HTTP %d, %v", resp.StatusCode, err)
	}
	return string(b)
}
