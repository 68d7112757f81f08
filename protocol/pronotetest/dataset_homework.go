package pronotetest

import (
	"fmt"
	"time"
)

// Homework is one item of ListeTravauxAFaire.
type Homework struct {
	ID          string
	Subject     Subject
	Given       time.Time // DonneLe
	Due         time.Time // PourLe
	HTML        string    // descriptif (HTML with entities)
	Done        bool      // TAFFait as laid out (the server keeps changes made by SaisieTAFFaitEleve)
	Attachments []Attachment
}

// Attachment is a homework attachment: a file (Kind 1) or a link (Kind 0, with URL).
type Attachment struct {
	ID   string
	Name string
	Kind int
	URL  string
}

var homeworkTexts = map[string][]string{
	"mat-maths": {
		"<p>Exercices <b>12, 13 et 14</b> page 87.</p>",
		"<p>Revoir le chapitre sur les fractions :</p><ul><li>addition &amp; soustraction</li><li>multiplication</li></ul>",
	},
	"mat-francais": {
		"<p>Lire le chapitre 3 de <i>Le Petit Prince</i> et r&eacute;pondre aux questions.</p>",
		"<p>Rédaction : <b>raconter un souvenir d&#39;enfance</b> (20 lignes).</p>",
	},
	"mat-hg": {
		"<p>Apprendre la leçon sur la Première Guerre mondiale.</p><ol><li>dates clés</li><li>carte de l&#39;Europe</li></ol>",
	},
	"mat-anglais": {
		"<p>Learn the irregular verbs (list 2) &ndash; quiz next lesson.</p>",
		"<p>Watch the video: <a href=\"https://example.org/anglais/video\">lien</a> and take notes.</p>",
	},
	"mat-espagnol": {"<p>Aprender el vocabulario de la unidad 4 &laquo; La ciudad &raquo;.</p>"},
	"mat-svt":      {"<p>Compléter le schéma de la cellule (feuille distribuée).</p>"},
	"mat-pc":       {"<p>Exercice 5 p. 112 : calculer la masse volumique &rho;.</p>"},
	"mat-eps":      {"<p>Apporter une tenue de sport <b>et</b> une bouteille d&#39;eau.</p>"},
	"mat-techno":   {"<p>Terminer le diaporama du projet (groupe de 3).</p>"},
	"mat-arts":     {"<p>Apporter des magazines à découper.</p>"},
	"mat-musique":  {"<p>Réviser le chant « Le Chant des partisans ».</p>"},
}

// Homework returns a student's homework due from one date to another (both inclusive). On
// each school day, homework is due for some of that day's subjects (at least one); the first
// item due on a Monday has a file attached, the first due on a Thursday a link. Items due
// before the anchor are mostly done, and a few later ones are done ahead.
func (d *Demo) Homework(st Student, from, to time.Time) []Homework {
	from, to = dateOf(from), dateOf(to)
	var out []Homework
	for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
		if !d.IsSchoolDay(day) {
			continue
		}
		seen := map[string]bool{}
		for i, l := range d.Lessons(st, day, day) {
			if seen[l.Subject.ID] || l.Cancelled {
				continue
			}
			seen[l.Subject.ID] = true
			h := mix(st.Class, day.Format("2006-01-02"), l.Subject.ID)
			if i > 0 && h%3 != 0 {
				continue
			}
			out = append(out, d.homework(st, day, l.Subject, h, len(seen) == 1))
		}
	}
	return out
}

func (d *Demo) homework(st Student, day time.Time, s Subject, h uint32, first bool) Homework {
	texts := homeworkTexts[s.ID]
	if len(texts) == 0 {
		texts = []string{"<p>Revoir le cours.</p>"}
	}
	hw := Homework{
		ID:      fmt.Sprintf("taf:%s:%s:%s", st.Class, day.Format("2006-01-02"), s.ID),
		Subject: s,
		Given:   day.AddDate(0, 0, -7),
		Due:     day,
		HTML:    texts[int(h)%len(texts)],
		Done:    day.Before(d.Now) && h%4 != 0 || !day.Before(d.Now) && h%5 == 1,
	}
	if first && day.Weekday() == time.Monday {
		hw.Attachments = append(hw.Attachments, Attachment{ID: hw.ID + ":fichier", Name: "exercices.pdf", Kind: 1})
	}
	if first && day.Weekday() == time.Thursday {
		hw.Attachments = append(hw.Attachments, Attachment{ID: hw.ID + ":lien", Name: "Ressource en ligne", Kind: 0, URL: "https://example.org/ressources/" + s.ID})
	}
	return hw
}
