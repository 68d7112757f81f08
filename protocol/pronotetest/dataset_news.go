package pronotetest

import "time"

// NewsItem is an information or a survey of PageActualites.
type NewsItem struct {
	ID          string
	Title       string
	Author      string
	Category    NewsCategory
	Created     time.Time // dateCreation (date and time)
	Start, End  time.Time // dateDebut, dateFin
	Read        bool      // lue as laid out (the server keeps changes made by SaisieActualites)
	Survey      bool      // estSondage; else an information
	HTML        string    // an information's text
	Attachments []Attachment
	Questions   []NewsQuestion // a survey's questions
}

// NewsCategory is an entry of listeCategories (listeNatures on 2026.1+).
type NewsCategory struct {
	ID   string
	Name string
}

// NewsQuestion is a survey question; Kind is genreReponse (1 free text, 2 one choice, 3
// several choices, 5 text to read).
type NewsQuestion struct {
	ID       string
	Title    string
	HTML     string
	Kind     int
	Choices  []string
	Answered bool
}

// The news categories of the demo school.
var (
	CategorySchoolLife = NewsCategory{"cat-vie", "Vie de l'établissement"}
	CategoryOutings    = NewsCategory{"cat-sorties", "Sorties et voyages"}
	CategoryCanteen    = NewsCategory{"cat-cantine", "Restauration"}
)

// NewsCategories is listeCategories.
func (d *Demo) NewsCategories() []NewsCategory {
	return []NewsCategory{CategorySchoolLife, CategoryOutings, CategoryCanteen}
}

// News returns the news a student sees (a parent sees the selected child's), in display
// order: an information for the class with a file attached (unread; Hugo's also links to the
// museum's site), a survey for the class with a single-choice, a multiple-choice and a
// free-text question (unanswered; Hugo has answered the first), and a school-wide
// information without attachment (read).
func (d *Demo) News(st Student) []NewsItem {
	at := func(days, h, m int) time.Time {
		return d.Now.AddDate(0, 0, days).Add(time.Duration(h*60+m) * time.Minute)
	}
	class := st.Class
	trip := NewsItem{
		ID: "actu:sortie:" + class, Title: "Sortie au musée des Arts et Métiers (" + class + ")",
		Author: "M. BERNARD", Category: CategoryOutings, Created: at(-3, 8, 15), Start: at(-3, 0, 0), End: at(10, 0, 0),
		HTML: "<p>La classe de " + class + " visitera le musée <b>jeudi prochain</b>.</p>" +
			"<p>Merci de rendre l&#39;autorisation signée avant lundi.</p>",
		Attachments: []Attachment{{ID: "pj:autorisation:" + class, Name: "autorisation-sortie.pdf", Kind: 1}},
	}
	survey := NewsItem{
		ID: "actu:sondage:" + class, Title: "Ateliers du jeudi midi", Author: "Mme NOËL",
		Category: CategorySchoolLife, Created: at(-1, 12, 30), Start: at(-1, 0, 0), End: at(14, 0, 0), Survey: true,
		Questions: []NewsQuestion{
			{ID: "q:atelier:" + class, Title: "Atelier", HTML: "<p>Quel atelier choisis-tu ?</p>", Kind: 2,
				Choices: []string{"Théâtre", "Robotique", "Chorale"}, Answered: st.ID == StudentHugo.ID},
			{ID: "q:jours:" + class, Title: "Jours", HTML: "<p>Quels jours es-tu disponible ?</p>", Kind: 3,
				Choices: []string{"Lundi", "Mardi", "Jeudi", "Vendredi"}},
			{ID: "q:remarque:" + class, Title: "Remarques", HTML: "<p>Une remarque ?</p>", Kind: 1, Choices: []string{}},
		},
	}
	if st.ID == StudentHugo.ID {
		trip.Attachments = append(trip.Attachments, Attachment{ID: "pj:musee:" + class, Name: "Site du musée",
			Kind: 0, URL: "https://www.arts-et-metiers.net/"})
	}
	canteen := NewsItem{
		ID: "actu:noel", Title: "Repas de Noël", Author: "M. FABRE", Category: CategoryCanteen,
		Created: at(-7, 9, 0), Start: at(-7, 0, 0), End: at(25, 0, 0), Read: true,
		HTML: "<p>Le repas de Noël sera servi le <i>dernier jeudi avant les vacances</i> &ndash; bon appétit !</p>",
	}
	return []NewsItem{trip, survey, canteen}
}
