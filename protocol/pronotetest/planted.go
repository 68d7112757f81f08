package pronotetest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// PlantHomework adds a homework item, due on due, to every student's list, with html as its
// descriptif, sent as is (tests plant hostile HTML to check that clients render it inert), and
// links as link attachments (Name and URL, sent as is too). Its subject is the student's first
// one. It lasts until Reset.
func (s *Server) PlantHomework(due time.Time, html string, links ...Attachment) {
	s.mu.Lock()
	defer s.mu.Unlock()
	day := dateOf(due)
	id := fmt.Sprintf("planted:%d", len(s.planted))
	hw := Homework{ID: id, Given: day.AddDate(0, 0, -1), Due: day, HTML: html}
	for i, l := range links {
		hw.Attachments = append(hw.Attachments, Attachment{ID: fmt.Sprintf("%s:%d", id, i), Name: l.Name, URL: l.URL})
	}
	s.planted = append(s.planted, hw)
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

// controlPlant serves POST homework {"due": "YYYY-MM-DD", "html": "…", "links": [{"name", "url"}]}.
func (s *Server) controlPlant(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Due   string `json:"due"`
		HTML  string `json:"html"`
		Links []struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		} `json:"links"`
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
	var links []Attachment
	for _, l := range q.Links {
		links = append(links, Attachment{Name: l.Name, URL: l.URL})
	}
	s.PlantHomework(due, q.HTML, links...)
	writeJSON(w, map[string]bool{"ok": true})
}

// PlantGrade adds a grade of value out of outOf, dated date, to every student's grades of the
// periods that contain date, in the student's first graded subject of that period, with
// comment as its commentaire. It lasts until Reset (notification checks find it as new).
func (s *Server) PlantGrade(date time.Time, value string, outOf float64, comment string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := fmt.Sprintf("planted-grade:%d", len(s.plantedGrades))
	s.plantedGrades = append(s.plantedGrades, Grade{ID: id, Date: dateOf(date), Value: value, OutOf: outOf,
		Coefficient: 1, Comment: comment})
}

// withPlantedGrades returns rep's grades with the planted ones of period p, in the subject of
// rep's first grade, or in first when the period has none yet (a period just begun). s.mu must
// be held (the data functions run under it).
func (s *Server) withPlantedGrades(p Period, grades []Grade, first Subject) []Grade {
	if len(grades) > 0 {
		first = grades[0].Subject
	}
	grades = grades[:len(grades):len(grades)] // appends copy: the dataset's slice stays as it is
	for _, g := range s.plantedGrades {
		if g.Date.Before(dateOf(p.Start)) || g.Date.After(dateOf(p.End)) {
			continue
		}
		g.Subject = first
		grades = append(grades, g)
	}
	return grades
}

// controlPlantGrade serves POST grade {"date": "YYYY-MM-DD", "value": "17,5", "outOf": 20, "comment": "…"}.
func (s *Server) controlPlantGrade(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Date    string  `json:"date"`
		Value   string  `json:"value"`
		OutOf   float64 `json:"outOf"`
		Comment string  `json:"comment"`
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil || json.Unmarshal(body, &q) != nil || q.Value == "" {
		http.Error(w, "want JSON {date, value, outOf, comment}", http.StatusBadRequest)
		return
	}
	date, err := time.Parse("2006-01-02", q.Date)
	if err != nil {
		http.Error(w, "date: want YYYY-MM-DD", http.StatusBadRequest)
		return
	}
	if q.OutOf <= 0 {
		q.OutOf = 20
	}
	s.PlantGrade(date, q.Value, q.OutOf, q.Comment)
	writeJSON(w, map[string]bool{"ok": true})
}
