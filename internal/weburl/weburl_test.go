package weburl

import (
	"net/url"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in, out, host, path, query, dir string
		userinfo                        bool
	}{
		{"https://0000000a.index-education.net/pronote/eleve.html?fd=1#x", "https://0000000a.index-education.net/pronote/eleve.html?fd=1#x", "0000000a.index-education.net", "/pronote/eleve.html", "fd=1", "https://0000000a.index-education.net/pronote/", false},
		{"HTTP://127.0.0.1:8080", "http://127.0.0.1:8080/", "127.0.0.1:8080", "/", "", "http://127.0.0.1:8080/", false},
		{"https://a.example@evil.example/p", "https://evil.example/p", "evil.example", "/p", "", "https://evil.example/", true},
		{"https://[::1]:9/x/", "https://[::1]:9/x/", "[::1]:9", "/x/", "", "https://[::1]:9/x/", false},
	}
	for _, tt := range tests {
		u, err := Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		if u.String() != tt.out || u.Host != tt.host || u.Path != tt.path || u.RawQuery != tt.query || u.Dir().String() != tt.dir || u.UserInfo != tt.userinfo {
			t.Errorf("Parse(%q) = %+v", tt.in, u)
		}
	}
	for _, bad := range []string{"", "eleve.html", "ftp://x/", "https://", "https:///p", "https://a b/", "https://a/\r\n", "javascript://x", "https://a%2eb/", "https://a\\b/"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

func TestResolveAndQuery(t *testing.T) {
	u, _ := Parse("https://x.example/pronote/eleve.html?x=1&fd=0")
	for ref, want := range map[string]string{
		"appelfonction/3/123/ab": "https://x.example/pronote/appelfonction/3/123/ab",
		"/other":                 "https://x.example/other",
		"https://y.example/z":    "https://y.example/z",
	} {
		if got := u.Resolve(ref); got != want {
			t.Errorf("Resolve(%q) = %s", ref, got)
		}
	}
	u.SetQuery(map[string]string{"fd": "1", "login": "true"})
	if got := u.String(); got != "https://x.example/pronote/eleve.html?fd=1&login=true&x=1" {
		t.Errorf("SetQuery = %s", got)
	}
}

// TestPathEscape compares with net/url, which escapes a few sub-delimiters less.
func TestPathEscape(t *testing.T) {
	for _, s := range []string{"a b.pdf", "énoncé (1).pdf", "x/y?z#w", "100%+1", "plain-name_1.txt"} {
		got := PathEscape(s)
		back, err := url.PathUnescape(got)
		if err != nil || back != s {
			t.Errorf("PathEscape(%q) = %q does not round-trip", s, got)
		}
	}
	if PathEscape("a b+c/d") != "a%20b%2Bc%2Fd" {
		t.Errorf("PathEscape = %s", PathEscape("a b+c/d"))
	}
}

func FuzzParse(f *testing.F) {
	f.Add("https://x.example/pronote/eleve.html?fd=1#x")
	f.Add("http://a@b:1/")
	f.Fuzz(func(t *testing.T, s string) {
		u, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(u.String())
		if err != nil || again.String() != u.String() {
			t.Fatalf("%q: String does not re-parse to itself: %q", s, u.String())
		}
	})
}
