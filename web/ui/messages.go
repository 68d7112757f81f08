package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// The messaging tab's logic that needs no DOM: counts in words, dates, the recipient filter,
// the checks made before anything is sent, and the sentences for a failed write.

// inFlight marks a call under way. a.call never answers a call whose screen or child changed
// meanwhile, so such a call stops counting as under way (see app.busy); a write in that case
// is reported as interrupted, since whether PRONOTE recorded it is unknown.
type inFlight struct {
	on       bool
	seq, gen int
}

// Codes of the messaging tab's own errors, beside the API's (explained by writeErrorText).
const (
	codeInterrupted = "INTERRUPTED" // the answer of a write was never delivered
)

// unreadLabel says how many messages are unread: "1 message non lu", "3 unread messages".
func unreadLabel(l Lang, n int) string {
	return plural(l, n, "messages.unreadOne", "messages.unreadMany")
}

// countLabel says how many messages a discussion holds: "1 message", "4 messages".
func countLabel(l Lang, n int) string {
	return plural(l, n, "messages.countOne", "messages.countMany")
}

// plural is n followed by the singular text (n ≤ 1, as French counts 0 and 1) or the plural.
func plural(l Lang, n int, one, many string) string {
	key := many
	if n <= 1 {
		key = one
	}
	return strconv.Itoa(n) + " " + l.T(key)
}

// unreadDiscussions counts the discussions with an unread message.
func unreadDiscussions(ds []protocol.Discussion) int {
	n := 0
	for _, d := range ds {
		if d.Unread > 0 {
			n++
		}
	}
	return n
}

// folders splits the discussions by folder, PRONOTE's order kept in each: the inbox, the
// drafts and the trash.
func folders(ds []protocol.Discussion) (inbox, drafts, trash []protocol.Discussion) {
	for _, d := range ds {
		switch d.Folder {
		case "drafts":
			drafts = append(drafts, d)
		case "trash":
			trash = append(trash, d)
		default:
			inbox = append(inbox, d)
		}
	}
	return inbox, drafts, trash
}

// discussionDate reads PRONOTE's label of a discussion's last date: a "DD/MM/YY" label becomes
// "22 nov. 2026" (or "22 Nov 2026"); any other label ("lundi 14h30") is shown as sent.
func discussionDate(l Lang, label string) string {
	label = strings.TrimSpace(label)
	if len(label) != 8 || label[2] != '/' || label[5] != '/' {
		return label
	}
	d, m, y := digits(label[0:2]), digits(label[3:5]), digits(label[6:8])
	t := time.Date(2000+y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if d < 1 || m < 1 || y < 0 || t.Day() != d || int(t.Month()) != m {
		return label
	}
	return dateShort(l, t) + " " + strconv.Itoa(t.Year())
}

// messageDate is a message's date and time: "samedi 21 novembre 2026, 17h42".
func messageDate(l Lang, dt string) string {
	t, ok := parseDateTime(dt)
	if !ok {
		return dt
	}
	return dayLong(l, t) + " " + strconv.Itoa(t.Year()) + ", " + clock(l, t)
}

// people says who a discussion is between: "De M. FABRE à Élèves de 3ème B".
func people(l Lang, d protocol.Discussion) string {
	var parts []string
	if d.Creator != "" {
		parts = append(parts, l.T("messages.from"), displayName(d.Creator))
	}
	if d.Recipients != "" {
		to := l.T("messages.to")
		if len(parts) == 0 {
			to = l.T("messages.toFirst")
		}
		parts = append(parts, to, d.Recipients)
	}
	return strings.Join(parts, " ")
}

// recipientKind is the kind of a recipient in words: "Professeur", "Personnel".
func recipientKind(l Lang, r protocol.Recipient) string {
	if r.Kind == "staff" {
		return l.T("messages.kindStaff")
	}
	return l.T("messages.kindTeacher")
}

// recipientDetail is what a recipient teaches or does: "Mathématiques, Physique-Chimie".
func recipientDetail(r protocol.Recipient) string {
	if r.Role != "" {
		return r.Role
	}
	return strings.Join(r.Subjects, ", ")
}

// matchRecipient reports whether a recipient fits the filter typed: every word of it is in
// the name, the function or a subject, whatever the case and the accents ("noel" finds
// "Mme NOËL", "maths dupont" finds the mathematics teacher M. DUPONT).
func matchRecipient(r protocol.Recipient, filter string) bool {
	hay := fold(r.Name + " " + r.Role + " " + strings.Join(r.Subjects, " "))
	for _, w := range strings.Fields(fold(filter)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// fold is s in lower case without the accents of French names, for comparisons; hyphens and
// apostrophes become spaces. (A strings.Replacer would weigh more in pronote.wasm.)
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case 'à', 'â', 'ä', 'á':
			r = 'a'
		case 'ç':
			r = 'c'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'î', 'ï', 'í':
			r = 'i'
		case 'ô', 'ö', 'ó':
			r = 'o'
		case 'ù', 'û', 'ü', 'ú':
			r = 'u'
		case 'ÿ':
			r = 'y'
		case 'ñ':
			r = 'n'
		case 'œ':
			b.WriteString("oe")
			continue
		case 'æ':
			b.WriteString("ae")
			continue
		case '-', '\'', '’':
			r = ' '
		}
		b.WriteRune(r)
	}
	return b.String()
}

// composeProblems lists what keeps a new message from being sent, in the form's order: no
// recipient ("to"), no subject ("subject"), no text ("text").
func composeProblems(to []string, subject, text string) []string {
	var out []string
	if len(to) == 0 {
		out = append(out, "to")
	}
	if strings.TrimSpace(subject) == "" {
		out = append(out, "subject")
	}
	if strings.TrimSpace(text) == "" {
		out = append(out, "text")
	}
	return out
}

// problemKey is the sentence of each problem composeProblems finds.
var problemKey = map[string]string{"to": "messages.needTo", "subject": "messages.needSubject", "text": "messages.needText"}

// writeErrorText explains why a reply (reply true) or a new message was not sent. When the
// answer was lost on the way, PRONOTE may have recorded the message: the sentence says to
// look before sending it again, since nothing is ever sent twice on its own.
func writeErrorText(l Lang, code string, reply bool) string {
	switch code {
	case codeInterrupted:
		return l.T("messages.errInterrupted")
	case "ACCESS_DENIED":
		if reply {
			return l.T("messages.errClosed")
		}
		return l.T("messages.errRefused")
	case "INVALID_ARGUMENT":
		return l.T("messages.errInvalid")
	case "NETWORK_ERROR", "TIMEOUT", "ABORTED", "SERVER_ERROR", "PROTOCOL_ERROR":
		return l.ErrorText(code) + " " + l.T("messages.maybeSent")
	}
	return l.ErrorText(code)
}

// newDiscussion finds the discussion a new message started: the one listed now that was not
// before (PRONOTE lists it first); "" when it is not exactly one.
func newDiscussion(before, after []protocol.Discussion) string {
	known := map[string]bool{}
	for _, d := range before {
		known[d.ID] = true
	}
	found := ""
	for _, d := range after {
		if !known[d.ID] {
			if found != "" {
				return ""
			}
			found = d.ID
		}
	}
	return found
}

// pruneRecipients keeps the chosen ids that are among the recipients offered (a parent who
// picks another child keeps the staff chosen, not the other child's teachers).
func pruneRecipients(to []string, offered []protocol.Recipient) []string {
	ok := map[string]bool{}
	for _, r := range offered {
		ok[r.ID] = true
	}
	out := to[:0:0]
	for _, id := range to {
		if ok[id] {
			out = append(out, id)
		}
	}
	return out
}
