package pronotetest

import (
	"bytes"
	"net/http"
)

// maxLogged bounds the request log of a long-running server (oldest entries are dropped).
const maxLogged = 5000

// LoggedRequest is one request the server received, as received.
type LoggedRequest struct {
	Method string      `json:"method"`
	Path   string      `json:"path"` // path and query, e.g. "/pronote/eleve.html?fd=1"
	Header http.Header `json:"header"`
	Body   []byte      `json:"-"`
	Text   string      `json:"body"` // Body as text, for the JSON of Control's requests
}

func (s *Server) record(r *http.Request, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.log) >= maxLogged {
		s.log = append(s.log[:0], s.log[len(s.log)-maxLogged/2:]...)
	}
	s.log = append(s.log, LoggedRequest{
		Method: r.Method,
		Path:   r.URL.RequestURI(),
		Header: r.Header.Clone(),
		Body:   bytes.Clone(body),
		Text:   string(body),
	})
}

// Requests returns a copy of the request log, oldest first, so tests can assert on what a
// client sent (for instance that the password never appears in any request).
func (s *Server) Requests() []LoggedRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]LoggedRequest, len(s.log))
	for i, r := range s.log {
		out[i] = r
		out[i].Header = r.Header.Clone()
		out[i].Body = bytes.Clone(r.Body)
	}
	return out
}
