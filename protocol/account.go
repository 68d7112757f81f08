package protocol

import (
	"context"
	"strconv"
	"strings"

	"github.com/pronote-web/pronote/internal/weburl"
	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// AccountQuery is the (empty) query of Account.
type AccountQuery struct{}

// Account is the contact details PRONOTE holds for the account, or for a parent the selected
// child (§8.1, PageInfosPerso onglet 49). Empty values are left out.
type Account struct {
	Email      string   `json:"email,omitempty"`
	Phone      string   `json:"phone,omitempty"` // the mobile number, "+33612345678" when a country code is given
	Address    []string `json:"address"`         // the address lines, in order
	PostalCode string   `json:"postalCode,omitempty"`
	City       string   `json:"city,omitempty"`
	Country    string   `json:"country,omitempty"`
	INE        string   `json:"ine,omitempty"` // the student's national identifier (numéro INE)
}

// Account returns the account's contact details (PageInfosPerso, onglet 49, §8.1).
func (s *Session) Account(ctx context.Context, q AccountQuery) (*Account, error) {
	return run(ctx, s, accountCall, q)
}

var accountCall = endpoint[AccountQuery, *Account]{
	name: "PageInfosPerso", onglet: wire.TabAccount,
	requests: signatureOnly[AccountQuery],
	decode: func(_ *Session, _ AccountQuery, replies []obj) (*Account, error) {
		inf := replies[0].obj("Informations")
		a := &Account{Email: inf.str("eMail"), PostalCode: inf.str("codePostal"), City: inf.str("ville"),
			Country: inf.str("pays"), INE: inf.str("numeroINE"), Address: []string{}}
		for i := 1; i <= 4; i++ {
			if line := strings.TrimSpace(inf.str("adresse" + strconv.Itoa(i))); line != "" {
				a.Address = append(a.Address, line)
			}
		}
		a.Phone = phoneOf(inf.str("indicatifTel"), inf.str("telephonePortable"))
		return a, nil
	},
}

// phoneOf joins a country code and a number. protocol.md is silent on their format; this
// assumes a code of digits ("33") and a national number ("06 12 34 56 78"), and writes what a
// phone dials: "+33612345678" (separators dropped, the national leading 0 dropped). A number
// already international ("+…") or without a code is kept as sent, separators dropped.
func phoneOf(code, number string) string {
	digits := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			if r >= '0' && r <= '9' || r == '+' && b.Len() == 0 {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	n, c := digits(number), strings.TrimPrefix(digits(code), "+")
	if n == "" || strings.HasPrefix(n, "+") || c == "" {
		return n
	}
	return "+" + c + strings.TrimPrefix(n, "0")
}

// ICalQuery is the (empty) query of ICalURL.
type ICalQuery struct{}

// ICalURL returns the address of the timetable's iCalendar feed (PageInfosPerso, onglet 16,
// §8.1 and §8.2): an absolute URL calendar applications can subscribe to without a session.
// It is nil when the school publishes none. Treat it as a secret: whoever has it reads the
// timetable.
func (s *Session) ICalURL(ctx context.Context, q ICalQuery) (*string, error) {
	return run(ctx, s, icalCall, q)
}

var icalCall = endpoint[ICalQuery, *string]{
	name: "PageInfosPerso", onglet: wire.TabTimetable,
	requests: signatureOnly[ICalQuery],
	decode: func(s *Session, _ ICalQuery, replies []obj) (*string, error) {
		feeds := replies[0].obj("iCal").list("liste")
		if len(feeds) == 0 || feeds[0].str("paramICal") == "" {
			return nil, nil
		}
		v := s.acct.school.Version
		q := "icalsecurise=" + weburl.PathEscape(feeds[0].str("paramICal")) +
			"&version=" + strconv.Itoa(v[0]) + "." + strconv.Itoa(v[1]) + "." + strconv.Itoa(v[2])
		// §8.2 always writes param=; it is left out when the school sent no paramSuppl.
		if p := feeds[0].str("paramSuppl"); p != "" {
			q += "&param=" + weburl.PathEscape(p)
		}
		u := resolve(s.root, "ical/mesinformations.ics?"+q)
		return &u, nil
	},
}

// signatureOnly is requests for a call whose only request carries no data object (signature only).
func signatureOnly[Q any](*Session, subject, Q) ([]any, error) { return []any{nil}, nil }
