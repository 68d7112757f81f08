package protocol

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func TestSpaceURL(t *testing.T) {
	tests := []struct {
		in, page, root string
		kind           Kind
	}{
		{"https://0000000a.index-education.net/pronote/eleve.html", "https://0000000a.index-education.net/pronote/eleve.html?fd=1&login=true", "https://0000000a.index-education.net/pronote/", KindStudent},
		{"https://x.example/pronote/mobile.parent.html?x=1#frag", "https://x.example/pronote/mobile.parent.html?bydlg=A6ABB224-12DD-4E31-AD3E-8A39A1C2C335&fd=1&login=true&x=1", "https://x.example/pronote/", KindParent},
		{" http://127.0.0.1:8080/p/professeur.html ", "http://127.0.0.1:8080/p/professeur.html?fd=1&login=true", "http://127.0.0.1:8080/p/", KindTeacher},
		{"https://x.example/pronote/viescolaire.html?login=true", "https://x.example/pronote/viescolaire.html?fd=1&login=true", "https://x.example/pronote/", KindStaff},
	}
	for _, tt := range tests {
		page, root, kind, err := spaceURL(tt.in)
		if err != nil || page.String() != tt.page || root.String() != tt.root || kind != tt.kind {
			t.Errorf("spaceURL(%q) = %v, %v, %v, %v", tt.in, page, root, kind, err)
		}
	}
	for _, bad := range []string{"", "eleve.html", "ftp://x/eleve.html", "https://x.example/pronote/", "https://x.example/pronote/index.php", "https:///eleve.html"} {
		_, _, _, err := spaceURL(bad)
		var ae *ArgumentError
		if !errors.As(err, &ae) || ae.Name != "url" {
			t.Errorf("spaceURL(%q) = %v, want an url argument error", bad, err)
		}
	}
}

func TestParsePage(t *testing.T) {
	tests := []struct {
		name  string
		html  string
		h     string
		a     int
		flags map[string]bool
		ver   wire.Version
	}{
		{"2023 onload", `<html><body id="id_body" role="application" onload="try { Start ({h:'2052117',sCrA:false,sCoA:false,a:3,d:false}) } catch (e) { messageErreur (e) } " class="EspaceIndex"><div>PRONOTE 2024.2.7</div>`,
			"2052117", 3, map[string]bool{"sCrA": false, "sCoA": false, "d": false}, wire.Version{2024, 2, 7}},
		{"2026 script", `<script>window.addEventListener("load", () => {try{Start ({"h":4873407,"CrA":true,"CoA":false,"a":6});} catch (e) {IE.sendLogFailStart (4873407, e)}});</script><script>var m = "Ce navigateur n'est plus supporté";</script><body id="id_body" class="EspaceIndex">PRONOTE 2026.2.5.7`,
			"4873407", 6, map[string]bool{"CrA": true, "CoA": false}, wire.Version{2026, 2, 5}},
		{"entities", `<body onload="try { Start ({h:&quot;77&quot;,a:&#39;7&#39;,http:1,MR:&#39;AB, CD&#39;}) } catch (e) {}">`,
			"77", 7, map[string]bool{"http": true}, wire.Version{}},
		{"nested and tricky strings", `<script>Start ({x:{y:[1,{z:'}'}]},url:'https://a/b,c:d',h:"12",sCrA:"1",sCoA:0,a:2})</script>`,
			"12", 2, map[string]bool{"sCrA": true, "sCoA": false}, wire.Version{}},
		{"first without h skipped", `<script>Start({a:1})</script><script>Start ( { h : 5 , a : 3 } )</script>`,
			"5", 3, map[string]bool{}, wire.Version{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := parsePage(200, "", tt.html)
			if err != nil {
				t.Fatal(err)
			}
			if info.h != tt.h || info.a != tt.a || info.version != tt.ver {
				t.Errorf("h=%s a=%d version=%v", info.h, info.a, info.version)
			}
			for k, v := range tt.flags {
				if got, ok := info.flags[k]; !ok || got != v {
					t.Errorf("flag %s = %v (present %v), want %v", k, got, ok, v)
				}
			}
		})
	}
}

func TestParsePageErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		loc    string
		html   string
		want   error
	}{
		{"maintenance", 503, "", "", ErrMaintenance},
		{"ENT redirect", 302, "https://ent.example/cas/login", "", ErrENTRequired},
		{"ip suspended", 200, "", "<p>Votre adresse IP est provisoirement suspendue</p>", ErrIPSuspended},
		{"ip, no start", 200, "", "<p>Votre adresse IP a été bloquée</p>", ErrIPSuspended},
		{"busy", 200, "", "Le site est momentanément indisponible", ErrUnavailable},
		{"closed", 200, "", "Le site n'est pas disponible", ErrUnavailable},
		{"incompatible browser", 200, "", "<h1>Ce navigateur n'est plus supporté</h1>", ErrIncompatibleClient},
		{"not pronote", 200, "", "<html>hello</html>", ErrNotSpacePage},
		{"404", 404, "", "not found", ErrUnavailable},
		{"start without a", 200, "", "Start({h:1})", ErrNotSpacePage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parsePage(tt.status, tt.loc, tt.html)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestDialectFromPage(t *testing.T) {
	tests := []struct {
		html    string
		dialect wire.Dialect
		flags   wire.Flags
	}{
		{`Start({h:1,a:3,CrA:true}) PRONOTE 2025.2.6`, wire.D2025, wire.Flags{Encrypt: true}},
		{`Start({h:1,a:3,CoA:1})`, wire.D2025, wire.Flags{Compress: true}},
		{`Start({h:1,a:3,sCrA:false,sCoA:true}) PRONOTE 2024.3.9`, wire.D2024, wire.Flags{Encrypt: true}},
		{`Start({h:1,a:3,sCrA:true}) PRONOTE 2024.3.8`, wire.D2023, wire.Flags{Compress: true}},
		{`Start({h:1,a:3,sCrA:true,sCoA:true})`, wire.D2023, wire.Flags{}},
		{`Start({h:1,a:3})`, wire.D2025, wire.Flags{}},
		{`Start({h:1,a:3}) PRONOTE 2026.2.4`, wire.D2025, wire.Flags{}},
		{`Start({h:1,a:3}) PRONOTE 2023.0.1`, wire.D2023, wire.Flags{Encrypt: true, Compress: true}},
	}
	for _, tt := range tests {
		info, err := parsePage(200, "", tt.html)
		if err != nil {
			t.Fatal(err)
		}
		d, f := dialectFromPage(info)
		if d != tt.dialect || f != tt.flags {
			t.Errorf("%s: dialect %v flags %+v", tt.html, d, f)
		}
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		`<p>Exercices <b>1 &amp; 2</b> p.&nbsp;42</p><ul><li>relire</li><li>r&eacute;sumer</li></ul>`: "Exercices 1 & 2 p. 42\n- relire\n- résumer",
		`<div>a<br/>b</div><script>alert(1)</script>c`:                                                "a\nb\nc",
		`plain`:            "plain",
		`<a href="x">lien`: "lien",
		`x <unterminated`:  "x",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJar(t *testing.T) {
	var j jar
	j.set([]string{"a=1; Path=/; HttpOnly", "b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "junk", "=x"})
	j.set([]string{"a=3"})
	if got := j.header(); got != "a=3; b=2" {
		t.Errorf("jar = %q", got)
	}
	j.set([]string{"a=; Max-Age=0", "b=9; Max-Age=0"})
	if got := j.header(); got != "" {
		t.Errorf("jar after deletes = %q", got)
	}
}

// FuzzParsePage feeds arbitrary pages to the bootstrap parser: never a panic, and a parsed
// page always has a positive session number.
func FuzzParsePage(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/pages/*.html")
	for _, p := range seeds {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	f.Add(`Start({h:'1',a:3,sCrA:false})`)
	f.Add(`Start ({"h":4873407,"CrA":true,"a":6});`)
	f.Add(`Start({h:1,a:[[[[[[{`)
	f.Fuzz(func(t *testing.T, html string) {
		info, err := parsePage(200, "", html)
		if err == nil && (info.hNum <= 0 || !strings.Contains(html, "Start")) {
			t.Fatalf("accepted a page without a valid Start: %+v", info)
		}
		if err == nil {
			dialectFromPage(info)
		}
	})
}

func TestDateFormatting(t *testing.T) {
	tm := time.Date(2026, 3, 7, 8, 5, 9, 0, time.UTC)
	if fmtDate(tm) != "2026-03-07" || fmtDateTime(tm) != "2026-03-07T08:05:09" {
		t.Errorf("fmtDate = %s, fmtDateTime = %s", fmtDate(tm), fmtDateTime(tm))
	}
	for _, ok := range []string{"2026-11-23", "2024-02-29"} {
		if d, err := parseDay("from", ok); err != nil || fmtDate(d) != ok {
			t.Errorf("parseDay(%s) = %v, %v", ok, d, err)
		}
	}
	for _, bad := range []string{"2026-02-29", "2026-13-01", "2026-1-01", "23/11/2026", "2026-11-2x", "+026-11-23", "2026-+1-23", "0000-01-01"} {
		if _, err := parseDay("from", bad); err == nil {
			t.Errorf("parseDay(%q) accepted", bad)
		}
	}
}
