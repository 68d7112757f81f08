package pronotetest

import (
	"fmt"
	"time"
)

// LessonContent is one entry of ListeCahierDeTextes: what was done in a lesson.
type LessonContent struct {
	ID          string
	Lesson      Lesson    // the timetable lesson it is about (its N is the lesson's)
	HomeworkDue time.Time // dateTAF: the due date of the homework given in that lesson; zero for none
	Items       []ContentItem
}

// ContentItem is one part of a lesson content (listeContenus).
type ContentItem struct {
	ID          string
	Title       string // L; "" for an untitled part
	HTML        string // descriptif
	Category    string // categorie.L
	CategoryG   int    // categorie.G
	Attachments []Attachment
}

var lessonTexts = map[string][2]string{
	"mat-maths":    {"Les fractions", "<p>Addition et soustraction de fractions : m&ecirc;me d&eacute;nominateur.</p>"},
	"mat-francais": {"Le Petit Prince", "<p>Lecture analytique du chapitre 2 ; <i>l&#39;aviateur et le mouton</i>.</p>"},
	"mat-hg":       {"La Première Guerre mondiale", "<p>Les causes du conflit &amp; la guerre de position.</p>"},
	"mat-anglais":  {"Irregular verbs", "<p>Simple past: <b>went, saw, took</b>.</p>"},
	"mat-espagnol": {"La ciudad", "<p>Vocabulario: <i>el barrio, la plaza, el mercado</i>.</p>"},
	"mat-svt":      {"La cellule", "<p>Observation au microscope d&#39;une cellule d&#39;oignon.</p>"},
	"mat-pc":       {"La masse volumique", "<p>Mesure de &rho; = m / V pour trois solides.</p>"},
	"mat-eps":      {"Course d'endurance", "<p>Échauffement puis 3 &times; 8 minutes de course.</p>"},
	"mat-techno":   {"Projet : le diaporama", "<p>Travail en groupe sur le plan du diaporama.</p>"},
	"mat-arts":     {"Le collage", "<p>Composition à partir de magazines découpés.</p>"},
	"mat-musique":  {"Le Chant des partisans", "<p>Écoute et analyse ; reprise du refrain.</p>"},
}

var contentCategories = []struct {
	G int
	L string
}{{1, "Cours"}, {2, "Correction"}, {4, "Exercices"}, {7, "Travaux pratiques"}}

// LessonContents returns the class book of a student's lessons from one date to another (both
// inclusive), up to the anchor's date: teachers write it on the day. Every lesson that took
// place has one; each has a part with its subject's text and a category, and some (one in
// four) a second, untitled "Exercices" part. The first lesson of each Tuesday has a file
// attached (cours.pdf), the first of each Wednesday a link. A lesson links to homework (its
// HomeworkDue) when homework of its subject, given that day, is due a week later.
func (d *Demo) LessonContents(st Student, from, to time.Time) []LessonContent {
	if to = dateOf(to); to.After(d.Now) {
		to = d.Now
	}
	var out []LessonContent
	seen := map[string]bool{} // day and subject: homework links to the day's first such lesson
	var prev time.Time
	for _, l := range d.Lessons(st, from, to) {
		if l.Cancelled {
			continue
		}
		day := dateOf(l.Start)
		key := day.String() + l.Subject.ID
		out = append(out, d.lessonContent(st, l, !day.Equal(prev), !seen[key]))
		seen[key], prev = true, day
	}
	return out
}

func (d *Demo) lessonContent(st Student, l Lesson, firstOfDay, firstOfSubject bool) LessonContent {
	day := dateOf(l.Start)
	id := "cdt:" + l.ID
	h := mix(id)
	text, ok := lessonTexts[l.Subject.ID]
	if !ok {
		text = [2]string{l.Subject.Name, "<p>Séance de " + l.Subject.Name + ".</p>"}
	}
	cat := contentCategories[int(h%uint32(len(contentCategories)))]
	main := ContentItem{ID: id + ":1", Title: text[0], HTML: text[1], Category: cat.L, CategoryG: cat.G}
	if firstOfDay && day.Weekday() == time.Tuesday {
		main.Attachments = append(main.Attachments, Attachment{ID: id + ":fichier", Name: "cours.pdf", Kind: 1})
	}
	if firstOfDay && day.Weekday() == time.Wednesday {
		main.Attachments = append(main.Attachments, Attachment{ID: id + ":lien", Name: "Pour aller plus loin", Kind: 0,
			URL: "https://example.org/cours/" + l.Subject.ID})
	}
	c := LessonContent{ID: id, Lesson: l, Items: []ContentItem{main}}
	if h%4 == 0 {
		c.Items = append(c.Items, ContentItem{ID: id + ":2", HTML: fmt.Sprintf("<p>Exercices %d et %d.</p>", 1+h%9, 2+h%9),
			Category: "Exercices", CategoryG: 4})
	}
	due := day.AddDate(0, 0, 7)
	for _, hw := range d.Homework(st, due, due) {
		if firstOfSubject && hw.Subject.ID == l.Subject.ID && hw.Given.Equal(day) {
			c.HomeworkDue = due
		}
	}
	return c
}
