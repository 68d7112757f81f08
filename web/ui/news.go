package ui

import (
	"strconv"

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

// tabCountLabel is how a tab spells out its count for screen readers: ", 3 non lues".
func tabCountLabel(l Lang, n int) string {
	key := "news.unreadMany"
	if n == 1 {
		key = "news.unreadOne"
	}
	return ", " + strconv.Itoa(n) + " " + l.T(key)
}
