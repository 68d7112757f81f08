package protocol

import (
	"strings"

	"github.com/pronote-web/pronote/internal/htmlent"
)

// blockTags end a line in the text version of PRONOTE HTML.
var blockTags = map[string]bool{"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "tr": true, "table": true, "blockquote": true}

// htmlText turns a PRONOTE HTML fragment into plain text (§9.6): tags removed, entities
// decoded, block elements as line breaks, list items prefixed, blank runs collapsed. Script
// and style contents are dropped.
func htmlText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:lt])
		gt := strings.IndexByte(s[lt:], '>')
		if gt < 0 {
			break // an unterminated tag: drop the rest
		}
		body := s[lt+1 : lt+gt]
		tag, closing := tagName(body), strings.HasPrefix(strings.TrimSpace(body), "/")
		s = s[lt+gt+1:]
		if !closing && (tag == "script" || tag == "style") {
			if end := strings.Index(strings.ToLower(s), "</"+tag); end >= 0 {
				s = s[end:]
			} else {
				s = ""
			}
			continue
		}
		if blockTags[tag] {
			b.WriteByte('\n')
		}
		if tag == "li" && !closing {
			b.WriteString("- ")
		}
	}
	return tidy(htmlent.Unescape(b.String()))
}

// tagName returns the lower-case name of a tag body such as "/p" or "a href=…".
func tagName(body string) string {
	body = strings.TrimPrefix(strings.TrimSpace(body), "/")
	end := strings.IndexAny(body, " \t\r\n/")
	if end >= 0 {
		body = body[:end]
	}
	return strings.ToLower(body)
}

// tidy collapses spaces within lines and blank lines, and trims.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}
