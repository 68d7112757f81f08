// Package htmlent decodes HTML character references: numeric ones and the named entities
// PRONOTE's editor writes (the Latin-1 set, French typography, a few symbols). It replaces
// package html, whose table of 2,231 entities costs about 27 KiB of gzip in pronote.wasm.
// An unknown named reference is left as written, as browsers do.
package htmlent

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// named maps entity names to their text. The Latin-1 range comes from latin1 below.
var named = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'", "nbsp": "\u00a0",
	"oelig": "œ", "OElig": "Œ", "euro": "€", "hellip": "…", "ndash": "–", "mdash": "—",
	"lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "bull": "•", "laquo": "«",
	"raquo": "»", "thinsp": "\u2009", "ensp": "\u2002", "emsp": "\u2003", "rarr": "→",
	"larr": "←", "le": "≤", "ge": "≥", "ne": "≠", "times": "×", "divide": "÷", "minus": "−",
	"trade": "™", "dagger": "†", "permil": "‰", "sbquo": "‚", "bdquo": "„", "Yuml": "Ÿ",
	"scaron": "š", "Scaron": "Š", "infin": "∞", "asymp": "≈", "sum": "∑", "radic": "√",
	"prime": "′", "Prime": "″", "part": "∂", "nabla": "∇", "isin": "∈", "notin": "∉",
	"forall": "∀", "exist": "∃", "empty": "∅", "cap": "∩", "cup": "∪", "int": "∫", "prop": "∝",
	"equiv": "≡", "sub": "⊂", "sup": "⊃", "sube": "⊆", "supe": "⊇", "and": "∧", "or": "∨",
	"harr": "↔", "uarr": "↑", "darr": "↓", "rArr": "⇒", "lArr": "⇐", "hArr": "⇔", "sdot": "⋅",
	"frasl": "⁄", "ang": "∠", "perp": "⊥", "there4": "∴", "sim": "∼", "cong": "≅",
}

// latin1 names U+00A1 to U+00FF in order (U+00A0 is nbsp, above).
const latin1 = "iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg " +
	"plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest " +
	"Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute " +
	"Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc " +
	"Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute " +
	"ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide " +
	"oslash ugrave uacute ucirc uuml yacute thorn yuml"

// greek names the Greek letters of science lessons, from U+0391 (Alpha) and U+03B1 (alpha) in
// order; U+03A2 has no letter ("-").
const greek = "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron " +
	"Pi Rho - Sigma Tau Upsilon Phi Chi Psi Omega"

const greekSmall = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi " +
	"omicron pi rho sigmaf sigma tau upsilon phi chi psi omega"

func init() {
	add := func(names string, first rune) {
		for i, name := range strings.Fields(names) {
			if _, dup := named[name]; !dup && name != "-" {
				named[name] = string(first + rune(i))
			}
		}
	}
	add(latin1, 0xa1)
	add(greek, 0x391)
	add(greekSmall, 0x3b1)
}

// Unescape decodes the character references of s: "&eacute;" → "é", "&#233;" and "&#xE9;"
// → "é". References must end with ";"; invalid code points become U+FFFD.
func Unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for {
		amp := strings.IndexByte(s, '&')
		if amp < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:amp])
		s = s[amp:]
		semi := strings.IndexByte(s, ';')
		if semi < 2 || semi > 32 {
			b.WriteByte('&')
			s = s[1:]
			continue
		}
		if text, ok := decode(s[1:semi]); ok {
			b.WriteString(text)
			s = s[semi+1:]
		} else {
			b.WriteByte('&')
			s = s[1:]
		}
	}
}

func decode(ref string) (string, bool) {
	if ref[0] != '#' {
		text, ok := named[ref]
		return text, ok
	}
	digits, base := ref[1:], 10
	if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits == "" {
		return "", false
	}
	r := rune(n)
	if n == 0 || n > utf8.MaxRune || !utf8.ValidRune(r) {
		r = utf8.RuneError
	}
	return string(r), true
}
