package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pronote-web/pronote/protocol"
)

func TestMessagingWords(t *testing.T) {
	tests := []struct{ got, want string }{
		{unreadLabel(French, 1), "1 message non lu"},
		{unreadLabel(French, 2), "2 messages non lus"},
		{unreadLabel(English, 3), "3 unread messages"},
		{countLabel(English, 1), "1 message"},
		{countLabel(French, 0), "0 message"},
		{discussionDate(French, "22/11/26"), "22 nov. 2026"},
		{discussionDate(English, "03/05/26"), "3 May 2026"},
		{discussionDate(French, "lundi 14h30"), "lundi 14h30"},
		{discussionDate(French, "31/02/26"), "31/02/26"},
		{discussionDate(French, "aa/bb/cc"), "aa/bb/cc"},
		{messageDate(French, "2026-11-21T17:42:00"), "samedi 21 novembre 2026, 17h42"},
		{messageDate(English, "2026-11-22T08:10:00"), "Sunday 22 November 2026, 8:10"},
		{messageDate(French, "hier"), "hier"},
		{people(French, protocol.Discussion{Creator: "MARTIN Léa", Recipients: "M. DUPONT"}), "De Léa MARTIN à M. DUPONT"},
		{people(English, protocol.Discussion{Recipients: "Parents d'élèves"}), "To Parents d'élèves"},
		{people(French, protocol.Discussion{Creator: "M. FABRE"}), "De M. FABRE"},
		{recipientKind(French, protocol.Recipient{Kind: "staff"}), "Personnel"},
		{recipientKind(English, protocol.Recipient{Kind: "teacher"}), "Teacher"},
		{recipientDetail(protocol.Recipient{Subjects: []string{"Maths", "SVT"}}), "Maths, SVT"},
		{recipientDetail(protocol.Recipient{Role: "Principal", Subjects: []string{}}), "Principal"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestMatchRecipient(t *testing.T) {
	noel := protocol.Recipient{Name: "Mme NOËL", Kind: "staff", Role: "Conseillère principale d'éducation"}
	dupont := protocol.Recipient{Name: "M. DUPONT", Kind: "teacher", Subjects: []string{"Mathématiques"}}
	tests := []struct {
		r      protocol.Recipient
		filter string
		want   bool
	}{
		{noel, "", true},
		{noel, "noel", true},
		{noel, "  NOËL ", true},
		{noel, "education", true},
		{noel, "dupont", false},
		{dupont, "maths", false}, // "maths" is not in "mathematiques"
		{dupont, "math dup", true},
		{dupont, "mathématiques noel", false},
	}
	for _, tt := range tests {
		if got := matchRecipient(tt.r, tt.filter); got != tt.want {
			t.Errorf("matchRecipient(%s, %q) = %v", tt.r.Name, tt.filter, got)
		}
	}
}

func TestComposeProblems(t *testing.T) {
	if got := composeProblems(nil, " ", "\n"); !reflect.DeepEqual(got, []string{"to", "subject", "text"}) {
		t.Errorf("empty form: %v", got)
	}
	if got := composeProblems([]string{"a"}, "Objet", " "); !reflect.DeepEqual(got, []string{"text"}) {
		t.Errorf("no text: %v", got)
	}
	if got := composeProblems([]string{"a"}, "Objet", "Bonjour"); got != nil {
		t.Errorf("complete form: %v", got)
	}
	for k := range map[string]bool{"to": true, "subject": true, "text": true} {
		if _, ok := texts[problemKey[k]]; !ok {
			t.Errorf("no sentence for problem %q", k)
		}
	}
}

func TestWriteErrorText(t *testing.T) {
	if got := writeErrorText(French, "ACCESS_DENIED", true); got != French.T("messages.errClosed") {
		t.Errorf("closed: %q", got)
	}
	if got := writeErrorText(French, "ACCESS_DENIED", false); got != French.T("messages.errRefused") {
		t.Errorf("refused: %q", got)
	}
	for _, code := range []string{"NETWORK_ERROR", "TIMEOUT"} {
		got := writeErrorText(English, code, true)
		if !strings.HasPrefix(got, English.ErrorText(code)) || !strings.HasSuffix(got, English.T("messages.maybeSent")) {
			t.Errorf("%s: %q", code, got)
		}
	}
	if got := writeErrorText(French, codeInterrupted, false); !strings.Contains(got, "peut-être parti") {
		t.Errorf("interrupted: %q", got)
	}
	if got := writeErrorText(French, "RATE_LIMITED", false); got != French.ErrorText("RATE_LIMITED") {
		t.Errorf("other: %q", got)
	}
}

func TestMessagingLists(t *testing.T) {
	ds := []protocol.Discussion{{ID: "a", Unread: 2}, {ID: "b", Folder: "trash", Unread: 1}, {ID: "c", Folder: "drafts"}, {ID: "d"}}
	inbox, drafts, trash := folders(ds)
	if len(inbox) != 2 || inbox[1].ID != "d" || len(drafts) != 1 || len(trash) != 1 || unreadDiscussions(ds) != 2 {
		t.Errorf("folders %v %v %v", inbox, drafts, trash)
	}
	if got := newDiscussion(ds, append([]protocol.Discussion{{ID: "n"}}, ds...)); got != "n" {
		t.Errorf("new discussion %q", got)
	}
	if got := newDiscussion(ds, append([]protocol.Discussion{{ID: "n"}, {ID: "m"}}, ds...)); got != "" {
		t.Errorf("two new discussions: %q", got)
	}
	if got := newDiscussion(ds, ds); got != "" {
		t.Errorf("none new: %q", got)
	}
	offered := []protocol.Recipient{{ID: "staff"}, {ID: "t2"}}
	to := []string{"t1", "staff"}
	if got := pruneRecipients(to, offered); !reflect.DeepEqual(got, []string{"staff"}) || to[0] != "t1" {
		t.Errorf("pruned %v (from %v)", got, to)
	}
}
