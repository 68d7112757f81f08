package ui

import (
	"github.com/pronote-web/pronote/protocol"
)

// unread counts the news items not read yet.
func unread(items []protocol.News) int {
	n := 0
	for _, it := range items {
		if !it.Read {
			n++
		}
	}
	return n
}

// tabCountWords says what a tab's count counts, for screen readers: "non lues" after the
// "3" of Informations. The words are the texts "tab.<id>.countOne" and "tab.<id>.countMany".
func tabCountWords(l Lang, id string, n int) string {
	key := "tab." + id + ".countMany"
	if n == 1 {
		key = "tab." + id + ".countOne"
	}
	return l.T(key)
}
