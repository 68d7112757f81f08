package protocol

import (
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// These scanners replace two regular expressions: package regexp costs about 0.1 MiB gzip
// in the WebAssembly module, a tenth of its size budget.

// startObjects returns the index of the '{' of each `Start\s*\(\s*\{` in text, at most max.
func startObjects(text string, max int) []int {
	var out []int
	for i := 0; len(out) < max; {
		j := strings.Index(text[i:], "Start")
		if j < 0 {
			break
		}
		k := skipSpace(text, i+j+len("Start"))
		if k < len(text) && text[k] == '(' {
			if b := skipSpace(text, k+1); b < len(text) && text[b] == '{' {
				out = append(out, b)
			}
		}
		i += j + len("Start")
	}
	return out
}

// findVersion reads the first `PRONOTE\s+(\d{4})\.(\d+)\.(\d+)` in body (§1.3); a fourth
// component may follow and is ignored.
func findVersion(body string) (wire.Version, bool) {
	for i := 0; ; {
		j := strings.Index(body[i:], "PRONOTE")
		if j < 0 {
			return wire.Version{}, false
		}
		i += j + len("PRONOTE")
		k := skipSpace(body, i)
		if k == i {
			continue
		}
		if v, ok := versionAt(body[k:]); ok {
			return v, true
		}
	}
}

// versionAt parses dddd.d+.d+ at the start of s.
func versionAt(s string) (v wire.Version, ok bool) {
	for n := range v {
		d := 0
		for d < len(s) && s[d] >= '0' && s[d] <= '9' {
			d++
		}
		if d == 0 || (n == 0 && d != 4) {
			return v, false
		}
		v[n], _ = strconv.Atoi(s[:d])
		s = s[d:]
		if n < len(v)-1 {
			if s == "" || s[0] != '.' {
				return v, false
			}
			s = s[1:]
		}
	}
	return v, true
}

// skipSpace returns the index of the first non-space byte of s at or after i (regexp's \s: no \v).
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	return i
}
