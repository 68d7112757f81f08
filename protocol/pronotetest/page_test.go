package pronotetest

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestPages checks the space page markup of each profile.
func TestPages(t *testing.T) {
	tests := []struct {
		profile  Profile
		page     string
		enc      bool
		contains []string
		absent   []string
	}{
		{Profile2023, "eleve.html", false,
			[]string{`onload="try { Start ({h:'`, `',sCrA:true,sCoA:true,a:3,d:false}) } catch (e) { messageErreur (e) } "`, ">PRONOTE 2023.0.3.4<"},
			[]string{",CrA:", `"h"`}},
		{Profile2024, "parent.html", true,
			[]string{`sCrA:false,sCoA:true,a:2,d:false})`, ">PRONOTE 2024.3.9<"}, []string{"http:"}},
		{Profile2025, "mobile.eleve.html", true,
			[]string{`,CrA:true,CoA:false,a:6,d:false})`, ">PRONOTE 2025.2.6<"}, []string{"sCrA"}},
		{Profile2025, "mobile.parent.html", false, []string{`,a:7,`}, nil},
		{Profile2026, "eleve.html", true,
			[]string{`<script>`, `window.addEventListener("load", () => {try{Start ({"h":`, `,"CrA":true,"CoA":false,"a":3});} catch (e) {`,
				"Ce navigateur n'est plus supporté", ">PRONOTE 2026.2.5.7<"},
			[]string{"onload=", "'"}},
		{Profile2026, "mobile.eleve.html", true, []string{`,"CrA":true,"a":6});}`}, []string{`"CoA"`}},
	}
	for _, tc := range tests {
		t.Run(tc.profile.Name+"/"+tc.page, func(t *testing.T) {
			srv := startServer(t, Options{Profile: tc.profile, Encrypt: tc.enc})
			resp, body := fetch(t, srv.URL+tc.page+"?fd=1&login=true")
			mustContain(t, body, tc.contains...)
			for _, a := range tc.absent {
				if strings.Contains(body[strings.Index(body, "Start"):strings.Index(body, "Start")+80], a) {
					t.Errorf("Start() has %q", a)
				}
			}
			if len(resp.Cookies()) == 0 {
				t.Error("no session cookie")
			}
			if _, body := fetch(t, srv.URL+tc.page); strings.Contains(body, "Start") || !strings.Contains(body, "navigateur") {
				t.Errorf("without fd=1: %.200s", body)
			}
		})
	}
}

// TestPageFaults checks the pages of the persistent faults and Reset.
func TestPageFaults(t *testing.T) {
	srv := startServer(t, Options{})
	tests := []struct {
		fault  Fault
		status int
		text   string
	}{
		{FaultIPSuspended, 200, "Votre adresse IP est provisoirement suspendue"},
		{FaultBusy, 200, "Le site est momentanément indisponible"},
		{FaultUnavailable, 200, "Le site n'est pas disponible"},
		{FaultMaintenance, 503, ""},
	}
	for _, tc := range tests {
		srv.Inject(tc.fault)
		resp, body := fetch(t, srv.SpaceURL("student"))
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.text) || strings.Contains(body, "Start") {
			t.Errorf("fault %v: status %d, body %.200s", tc.fault, resp.StatusCode, body)
		}
		srv.Reset()
	}
	if _, body := fetch(t, srv.SpaceURL("parent")+"?fd=1"); !strings.Contains(body, "Start (") {
		t.Errorf("after Reset: %.200s", body)
	}
}

func fetch(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}
