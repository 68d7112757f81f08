package pronotetest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// PlantHomework adds a homework item, due on due, to every student's list, with html as its
// descriptif, sent as is (tests plant hostile HTML to check that clients render it inert). Its
// subject is the student's first one. It lasts until Reset.
func (s *Server) PlantHomework(due time.Time, html string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	day := dateOf(due)
	s.planted = append(s.planted, Homework{ID: fmt.Sprintf("planted:%d", len(s.planted)),
		Given: day.AddDate(0, 0, -1), Due: day, HTML: html})
}

// plantedIn returns the planted homework due from one date to another (both inclusive), as
// the student sees it. s.mu must be held.
func (s *Server) plantedIn(st Student, from, to time.Time) []Homework {
	var out []Homework
	for _, hw := range s.planted {
		if hw.Due.Before(dateOf(from)) || hw.Due.After(dateOf(to)) {
			continue
		}
		if subjects := plans[st.Class].subjects; len(subjects) > 0 {
			hw.Subject = subjects[0]
		}
		out = append(out, hw)
	}
	return out
}

// controlPlant serves POST homework {"due": "YYYY-MM-DD", "html": "…"}.
func (s *Server) controlPlant(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Due  string `json:"due"`
		HTML string `json:"html"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &q) != nil {
		http.Error(w, "want JSON {due, html}", http.StatusBadRequest)
		return
	}
	due, err := time.Parse("2006-01-02", q.Due)
	if err != nil {
		http.Error(w, "due: want YYYY-MM-DD", http.StatusBadRequest)
		return
	}
	s.PlantHomework(due, q.HTML)
	writeJSON(w, map[string]bool{"ok": true})
}
