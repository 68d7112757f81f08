package pronotetest

import (
	"fmt"
	"strings"
	"time"
)

// Evaluation is a skills assessment (DernieresEvaluations).
type Evaluation struct {
	ID          string
	Name        string
	Date        time.Time
	Subject     Subject
	Coefficient float64
	Description string
	Skills      []SkillResult
}

// SkillResult is one skill assessed and the level reached.
type SkillResult struct {
	ID     string
	Domain string
	Item   string
	Pillar Pillar
	Level  Level
}

// Pillar is a component of the common core (socle commun).
type Pillar struct {
	ID, Name, Prefix string
}

// Level is an acquisition level of General.ListeNiveauxDAcquisitions.
type Level struct {
	G            int
	Name         string
	Abbreviation string
}

// Levels are the demo school's acquisition levels, best first.
var Levels = []Level{
	{1, "Très bonne maîtrise", "++"}, {2, "Maîtrise satisfaisante", "+"},
	{3, "Maîtrise fragile", "-"}, {4, "Maîtrise insuffisante", "--"},
}

var (
	pillarFrench  = Pillar{"pilier-d11", "Comprendre, s'exprimer en utilisant la langue française", "D1.1"}
	pillarLangs   = Pillar{"pilier-d12", "Comprendre, s'exprimer en utilisant une langue étrangère", "D1.2"}
	pillarMaths   = Pillar{"pilier-d13", "Comprendre, s'exprimer en utilisant les langages mathématiques", "D1.3"}
	pillarMethods = Pillar{"pilier-d2", "Les méthodes et outils pour apprendre", "D2"}
	pillarNature  = Pillar{"pilier-d4", "Les systèmes naturels et les systèmes techniques", "D4"}
	pillarWorld   = Pillar{"pilier-d5", "Les représentations du monde et l'activité humaine", "D5"}
)

type skillDef struct {
	domain, item string
	pillar       Pillar
}

type subjectSkills struct {
	names  []string // evaluation titles, used in turn
	skills []skillDef
}

// evaluated are the subjects assessed by skills and what they assess.
var evaluated = map[string]subjectSkills{
	"mat-maths": {[]string{"Fractions", "Géométrie du triangle", "Calcul littéral", "Proportionnalité"}, []skillDef{
		{"Calculer", "Calculer avec des nombres rationnels", pillarMaths},
		{"Raisonner", "Démontrer une propriété", pillarMaths},
		{"Chercher", "Extraire l'information utile d'un énoncé", pillarMethods},
	}},
	"mat-francais": {[]string{"Lecture analytique", "Rédaction", "Grammaire : la phrase complexe"}, []skillDef{
		{"Lire", "Comprendre un texte littéraire", pillarFrench},
		{"Écrire", "Rédiger un texte organisé", pillarFrench},
	}},
	"mat-hg": {[]string{"La Grande Guerre", "Croquis : l'espace français", "Les régimes totalitaires"}, []skillDef{
		{"Se repérer dans le temps", "Situer un fait dans une époque", pillarWorld},
		{"Analyser un document", "Identifier un document et sa source", pillarMethods},
	}},
	"mat-anglais": {[]string{"Oral : présenter sa ville", "Compréhension de l'écrit"}, []skillDef{
		{"Parler en continu", "Décrire et raconter", pillarLangs},
		{"Écouter et comprendre", "Comprendre un message oral", pillarLangs},
	}},
	"mat-svt": {[]string{"La cellule", "Démarche expérimentale"}, []skillDef{
		{"Pratiquer des démarches scientifiques", "Formuler une hypothèse", pillarNature},
		{"Communiquer", "Réaliser un schéma légendé", pillarMethods},
	}},
}

// Evaluations returns a student's skill evaluations of a period, dated on or before the
// anchor: two per trimester in each assessed subject (Mathématiques, Français,
// Histoire-Géographie, Anglais LV1, SVT), each assessing that subject's two or three skills.
// Levels vary with the pupil (Léa reaches no "Maîtrise insuffisante").
func (d *Demo) Evaluations(st Student, periodID string) []Evaluation {
	p, ok := d.PeriodByID(periodID)
	if !ok {
		return nil
	}
	var out []Evaluation
	for ti, t := range d.Periods[:3] {
		if t.Start.Before(p.Start) || t.End.After(p.End) {
			continue
		}
		for _, s := range d.Subjects(st) {
			def, ok := evaluated[s.ID]
			if !ok {
				continue
			}
			for i := range 2 {
				if e, ok := d.evaluation(st, t, s, def, ti*2+i); ok {
					out = append(out, e)
				}
			}
		}
	}
	return out
}

func (d *Demo) evaluation(st Student, t Period, s Subject, def subjectSkills, n int) (Evaluation, bool) {
	date := t.Start.AddDate(0, 0, 12+30*(n%2)+int(mix(st.Class, s.ID, t.ID)%6))
	for date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
		date = date.AddDate(0, 0, 1)
	}
	if date.After(d.Now) {
		return Evaluation{}, false
	}
	e := Evaluation{
		ID: fmt.Sprintf("eval:%s:%s:%d", st.ID, s.ID, n), Name: def.names[n%len(def.names)], Date: date, Subject: s,
		Coefficient: float64(1 + n%2), Description: "Évaluation écrite (45 minutes).",
	}
	if strings.HasPrefix(e.Name, "Oral") {
		e.Description = "Évaluation orale en classe."
	}
	for k, sk := range def.skills {
		level := int(mix(st.ID, e.ID, fmt.Sprint(k)) % 4)
		if st.ID == StudentLea.ID && level == 3 {
			level = 1
		}
		e.Skills = append(e.Skills, SkillResult{ID: fmt.Sprintf("%s:%d", e.ID, k), Domain: sk.domain, Item: sk.item,
			Pillar: sk.pillar, Level: Levels[level]})
	}
	return e, true
}
