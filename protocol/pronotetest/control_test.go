package pronotetest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestControl drives faults, Reset and the request log through the Control handler.
func TestControl(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2025})
	ctl := httptest.NewServer(http.StripPrefix("/__control", srv.Control()))
	defer ctl.Close()
	post := func(path string) int {
		resp, err := http.Post(ctl.URL+"/__control/"+path, "text/plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	if post("fault?kind=ip") != 200 {
		t.Fatal("fault refused")
	}
	if _, body := fetch(t, srv.SpaceURL("student")); !strings.Contains(body, "adresse IP") {
		t.Errorf("ip fault not served: %.100s", body)
	}
	if post("reset") != 200 || post("fault?kind=nope") != 400 || post("fault?kind=server&g=25") != 200 {
		t.Fatal("control status")
	}
	c := open(t, srv, "mobile.eleve.html")
	if _, e := c.login(StudentUsername, StudentPassword); e == nil || e.G != 25 || !strings.HasPrefix(e.Titre, "Vous avez d") {
		t.Errorf("server fault: %+v", e)
	}

	resp, err := http.Get(ctl.URL + "/__control/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var log []LoggedRequest
	if err := json.NewDecoder(resp.Body).Decode(&log); err != nil || len(log) != 2 {
		t.Fatalf("requests: %v, %d entries", err, len(log))
	}
	if log[0].Method != "GET" || !strings.HasPrefix(log[0].Path, "/pronote/mobile.eleve.html?fd=1") ||
		log[1].Method != "POST" || !strings.Contains(log[1].Text, `"id":"FonctionParametres"`) {
		t.Errorf("log %+v", log)
	}
}

// TestRequestLogHasNoPassword shows how client tests assert that the password never leaves.
func TestRequestLogHasNoPassword(t *testing.T) {
	srv := startServer(t, Options{Profile: Profile2026, Encrypt: true})
	open(t, srv, "eleve.html").mustLogin(StudentUsername, StudentPassword)
	reqs := srv.Requests()
	if len(reqs) != 5 {
		t.Fatalf("%d requests", len(reqs))
	}
	for _, r := range reqs {
		dump, _ := json.Marshal(r)
		if strings.Contains(string(dump), StudentPassword) || strings.Contains(string(r.Body), StudentPassword) {
			t.Errorf("password in %s %s", r.Method, r.Path)
		}
	}
}
