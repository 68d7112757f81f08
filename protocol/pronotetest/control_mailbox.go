package pronotetest

import "net/http"

// Mailbox returns a copy of the discussions the server holds for an account (kind "student"
// or "parent", its username): the demo's, with what SaisieMessage and ListeMessages changed
// since the last Reset. ok is false for an unknown account.
func (s *Server) Mailbox(kind, username string) (box []Discussion, ok bool) {
	a := findAccount(username, kind)
	if a == nil {
		return nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	held, written := s.mail[a.id]
	if !written {
		return NewDemo(s.now()).Discussions(a.id), true
	}
	for _, d := range held {
		d.To = append([]string(nil), d.To...)
		d.Messages = append([]Message(nil), d.Messages...)
		box = append(box, d)
	}
	return box, true
}

// controlMailbox serves GET mailbox?kind=…&username=…: the account's discussions as the
// server holds them, so an out-of-process test checks what a client wrote without going
// through a client.
func (s *Server) controlMailbox(name string, w http.ResponseWriter, r *http.Request) bool {
	if name != "mailbox" || r.Method != http.MethodGet {
		return false
	}
	q := r.URL.Query()
	box, ok := s.Mailbox(q.Get("kind"), q.Get("username"))
	if !ok {
		http.Error(w, "unknown account", http.StatusBadRequest)
		return true
	}
	type message struct {
		Author  string `json:"author"`
		Mine    bool   `json:"mine"`
		Date    string `json:"date"`
		Content string `json:"content"`
		Read    bool   `json:"read"`
	}
	type discussion struct {
		Subject  string    `json:"subject"`
		Creator  string    `json:"creator"`
		Public   string    `json:"public"`
		To       []string  `json:"to"`
		Closed   bool      `json:"closed"`
		Unread   int       `json:"unread"`
		Messages []message `json:"messages"`
	}
	out := []discussion{}
	for _, d := range box {
		o := discussion{Subject: d.Subject, Creator: d.Creator, Public: d.Public, To: d.To, Closed: d.Closed,
			Unread: d.Unread(), Messages: []message{}}
		if o.To == nil {
			o.To = []string{}
		}
		for _, m := range d.Messages {
			o.Messages = append(o.Messages, message{Author: m.Author, Mine: m.Mine, Date: m.Date.Format("2006-01-02T15:04:05"),
				Content: m.Content, Read: m.Read})
		}
		out = append(out, o)
	}
	writeJSON(w, out)
	return true
}
