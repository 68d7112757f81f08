package htmlent

import (
	"html"
	"strings"
	"testing"
)

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"r&eacute;sum&eacute; &amp; co":  "résumé & co",
		"&#233;&#xE9;&#XE9;":             "ééé",
		"&lt;b&gt; &quot;x&quot; &#39;":  `<b> "x" '`,
		"a &unknown; b":                  "a &unknown; b",
		"AT&T; & ;&":                     "AT&T; & ;&",
		"&#0; &#x110000;":                "\uFFFD \uFFFD",
		"&oelig;uvre &euro; &hellip;":    "œuvre € …",
		"no refs":                        "no refs",
		"&rho; = m/V, &Sigma;, &sigmaf;": "ρ = m/V, Σ, ς",
	} {
		if got := Unescape(in); got != want {
			t.Errorf("Unescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLatin1 checks the table against package html for every name it knows.
func TestLatin1(t *testing.T) {
	for _, name := range strings.Fields(latin1 + " " + greekSmall + " " + strings.ReplaceAll(greek, "-", "")) {
		ref := "&" + name + ";"
		if got, want := Unescape(ref), html.UnescapeString(ref); got != want {
			t.Errorf("%s = %q, html says %q", ref, got, want)
		}
	}
	for name := range named {
		ref := "&" + name + ";"
		if got, want := Unescape(ref), html.UnescapeString(ref); got != want {
			t.Errorf("%s = %q, html says %q", ref, got, want)
		}
	}
}

func FuzzUnescape(f *testing.F) {
	f.Add("r&eacute;sum&eacute; &#233; &#x;")
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.Contains(s, "&") && Unescape(s) != s {
			t.Fatal("text without references changed")
		}
	})
}
