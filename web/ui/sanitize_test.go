package ui

import (
	"html"
	"strings"
	"testing"
)

// render writes nodes back as HTML, for assertions: text escaped, links with their href.
func render(nodes []*richNode) string {
	var b strings.Builder
	for _, n := range nodes {
		switch {
		case n.Tag == "":
			b.WriteString(html.EscapeString(n.Text))
		case n.Tag == "br":
			b.WriteString("<br>")
		case n.Tag == "a" && n.Href != "":
			b.WriteString(`<a href="` + html.EscapeString(n.Href) + `">` + render(n.Children) + "</a>")
		default:
			b.WriteString("<" + n.Tag + ">" + render(n.Children) + "</" + n.Tag + ">")
		}
	}
	return b.String()
}

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Exercices 12 et 13", "Exercices 12 et 13"},
		{"entities", "<p>r&eacute;pondre &amp; lire &#39;x&#x27; &laquo;a&raquo;</p>", "<p>répondre &amp; lire &#39;x&#39; «a»</p>"},
		{"formatting", "<p>Lire <b>12</b>, <i>13</i> et <u>14</u><br/>demain</p>", "<p>Lire <b>12</b>, <i>13</i> et <u>14</u><br>demain</p>"},
		{"lists", "<ul><li>un</li><li>deux</ul>", "<ul><li>un</li><li>deux</li></ul>"},
		{"case", "<P>Un<BR>Deux</P>", "<p>Un<br>Deux</p>"},
		{"script", "a<script>alert(1)</script>b", "ab"},
		{"script upper case", "a<SCRIPT type=x>alert('</p>')</SCRIPT >b", "ab"},
		{"unterminated script", "a<script>alert(1)", "a"},
		{"style", "<style>p{color:red}</style><p>x</p>", "<p>x</p>"},
		{"event attributes", `<p onclick="alert(1)" style="x" class="y">x</p><img src=x onerror=alert(1)>`, "<p>x</p>"},
		{"javascript link", `<a href="javascript:alert(1)">x</a>`, "<a>x</a>"},
		{"obfuscated link", `<a href=" jav&#x09;ascript:alert(1)">x</a><a href="JaVaScRiPt:alert(1)">y</a>`, "<a>x</a><a>y</a>"},
		{"data link", `<a href="data:text/html,<script>alert(1)</script>">x</a>`, "<a>x</a>"},
		{"relative link", `<a href="/pronote/x">x</a>`, "<a>x</a>"},
		{"https link", `<a href="https://example.org/a?b=1&amp;c=2" target="_self">lien</a>`, `<a href="https://example.org/a?b=1&amp;c=2">lien</a>`},
		{"nested links", `<a href="https://a.example/">x<a href="https://b.example/">y</a></a>`, `<a href="https://a.example/">xy</a>`},
		{"unknown kept as text", "<div><font color=red>rouge</font> <h1>titre</h1></div>", "<div>rouge titre</div>"},
		{"iframe", `<iframe src="https://evil.example/">fallback</iframe>ok`, "ok"},
		{"svg", `<svg><script>alert(1)</script><a href="javascript:x">y</a></svg>ok`, "ok"},
		{"comment", "a<!-- <script>alert(1)</script> -->b", "ab"},
		{"lone lt", "3 < 4 et 5 <= 6", "3 &lt; 4 et 5 &lt;= 6"},
		{"attribute with gt", `<p title="a>b" onmouseover='x>y'>t</p>`, "<p>t</p>"},
		{"stray end tags", "</p>a</b>", "a"},
		{"unclosed", "<b>gras", "<b>gras</b>"},
		{"misnested", "<b><i>x</b>y</i>", "<b><i>x</i></b>y"},
		{"template", "<template><p>x</p></template>y", "y"},
		{"noscript", "<noscript><p>x</p></noscript>y", "y"},
		{"non-ascii before end tag", "<script>İİİ</script>ok", "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(sanitize(tt.in)); got != tt.want {
				t.Errorf("sanitize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestSanitizeDepth(t *testing.T) {
	in := strings.Repeat("<span>", 1000) + "x"
	depth := 0
	for n := sanitize(in); len(n) > 0; n = n[0].Children {
		depth++
	}
	if depth > maxDepth+1 {
		t.Errorf("depth %d", depth)
	}
}

// FuzzSanitize checks that nothing outside the allow-list ever comes out, whatever the input.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"<p>a</p>", `<a href="https://x.example/">y</a>`, "<script>x</script>",
		`<a href="javascript:1">`, "<b><i>x</b></i>", "<!--", "<p =x>", "<a href='http://[::1]/'>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var walk func([]*richNode, int)
		walk = func(nodes []*richNode, depth int) {
			if depth > maxDepth+1 {
				t.Fatalf("too deep")
			}
			for _, n := range nodes {
				if n.Tag != "" && !allowedTags[n.Tag] {
					t.Fatalf("tag %q kept", n.Tag)
				}
				if n.Href != "" && !strings.HasPrefix(n.Href, "http://") && !strings.HasPrefix(n.Href, "https://") {
					t.Fatalf("href %q kept", n.Href)
				}
				if n.Tag == "" && len(n.Children) > 0 {
					t.Fatalf("text with children")
				}
				walk(n.Children, depth+1)
			}
		}
		walk(sanitize(in), 0)
	})
}
