package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pronote-web/pronote/protocol"
)

// The ids PRONOTE hands out (homework, periods, children, file addresses) are valid in their
// own session only (§9.2), and each run of the command is a session of its own: these
// commands and flags find what they act on by what a person knows (a date, a subject, a
// name) in the run's session.

// downloadArgs are the download command's flags: an attachment, or a name and the days whose
// homework and lesson contents hold it.
type downloadArgs struct {
	protocol.Attachment
	From protocol.Date `json:"from,omitempty"`
	To   protocol.Date `json:"to,omitempty"`
}

// download fetches an attachment. With --from it first finds, in the same session, the
// attachment called --name in the homework and lesson contents of those days: an address
// printed by an earlier run names that run's session, which this one cannot use.
func download(ctx context.Context, s *protocol.Session, text []byte) (any, error) {
	var q downloadArgs
	if err := decodeQuery(text, &q); err != nil {
		return nil, err
	}
	if q.From == "" {
		return s.Download(ctx, protocol.DownloadQuery{Attachment: q.Attachment})
	}
	hw, err := s.Homework(ctx, protocol.HomeworkQuery{From: q.From, To: q.To})
	if err != nil {
		return nil, err
	}
	contents, err := s.LessonContents(ctx, protocol.LessonContentsQuery{From: q.From, To: q.To})
	if err != nil {
		return nil, err
	}
	var all []protocol.Attachment
	for _, h := range hw {
		all = append(all, h.Attachments...)
	}
	for _, c := range contents {
		for _, part := range c.Contents {
			all = append(all, part.Attachments...)
		}
	}
	for _, a := range all {
		if a.Name == q.Name && (q.Kind == "" || a.Kind == q.Kind) {
			return s.Download(ctx, protocol.DownloadQuery{Attachment: a})
		}
	}
	return nil, &usageError{"pronote: download: no attachment of that name in the homework and lesson contents of those days"}
}

// homeworkDoneArgs are the setHomeworkDone command's flags.
type homeworkDoneArgs struct {
	Due     protocol.Date `json:"due"`
	Subject string        `json:"subject"`
	Text    string        `json:"text,omitempty"`
	Done    *bool         `json:"done"`
}

// setHomeworkDone finds, in this session, the homework due on a day for a subject (and whose
// text holds --text), then marks it; exactly one item must match. It prints the item as it
// now is.
func setHomeworkDone(ctx context.Context, s *protocol.Session, text []byte) (any, error) {
	var q homeworkDoneArgs
	if err := decodeQuery(text, &q); err != nil {
		return nil, err
	}
	if q.Due == "" || q.Subject == "" || q.Done == nil {
		return nil, &usageError{"pronote: setHomeworkDone needs --due, --subject and --done (or --done=false)"}
	}
	hw, err := s.Homework(ctx, protocol.HomeworkQuery{From: q.Due})
	if err != nil {
		return nil, err
	}
	var match []protocol.Homework
	for _, h := range hw {
		if strings.EqualFold(h.Subject, q.Subject) && strings.Contains(strings.ToLower(h.Text), strings.ToLower(q.Text)) {
			match = append(match, h)
		}
	}
	if len(match) != 1 {
		return nil, &usageError{fmt.Sprintf("pronote: setHomeworkDone: %d items match (want exactly one; --text narrows)", len(match))}
	}
	if _, err := s.SetHomeworkDone(ctx, protocol.SetHomeworkDoneQuery{ID: match[0].ID, Done: q.Done}); err != nil {
		return nil, err
	}
	match[0].Done = *q.Done
	return match[0], nil
}

// periodByName lets --period name a period ("Trimestre 1"): period ids name their session,
// so one printed by an earlier run is of no use to this one.
func periodByName(s *protocol.Session, query []byte) []byte {
	var m map[string]any
	if json.Unmarshal(query, &m) != nil {
		return query
	}
	name, ok := m["period"].(string)
	if !ok {
		return query
	}
	for _, p := range s.Periods() {
		if strings.EqualFold(p.Name, name) {
			m["period"] = p.ID
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return query
	}
	return out
}
