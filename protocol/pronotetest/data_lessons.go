package pronotetest

import "github.com/pronote-web/pronote/protocol/internal/wire"

// lessonContents is the reply of PageCahierDeTexte on onglet 89: the class book of the
// lessons in the weeks asked (ListeCahierDeTextes, §8.3 "Lesson content").
func (s *Server) lessonContents(sess *session, st Student, weeks []int) reply {
	items := []map[string]any{}
	d := sess.demo
	for _, w := range weeks {
		monday := d.MondayOfWeek(w)
		for _, c := range d.LessonContents(st, monday, monday.AddDate(0, 0, 6)) {
			items = append(items, s.lessonContentJSON(sess, c))
		}
	}
	return reply{data: map[string]any{"ListeCahierDeTextes": list24(items)}}
}

func (s *Server) lessonContentJSON(sess *session, c LessonContent) map[string]any {
	l := c.Lesson
	groups := []map[string]any{}
	if l.Group != "" {
		groups = append(groups, map[string]any{"N": sess.id(2, "groupe:"+l.Group), "L": l.Group})
	}
	contents := []map[string]any{}
	for _, it := range c.Items {
		files := []map[string]any{}
		for _, a := range it.Attachments {
			files = append(files, sess.attachmentJSON(a))
		}
		ct := map[string]any{
			"N":                sess.id(89, it.ID),
			"descriptif":       tv(21, it.HTML),
			"categorie":        tv(24, map[string]any{"G": it.CategoryG, "L": it.Category}),
			"ListePieceJointe": list24(files),
			"ListeThemes":      list24([]map[string]any{}),
			"parcoursEducatif": 0,
		}
		if it.Title != "" {
			ct["L"] = it.Title
		}
		contents = append(contents, ct)
	}
	out := map[string]any{
		"N":                sess.id(89, c.ID),
		"cours":            tv(24, map[string]any{"N": sess.id(41, l.ID)}),
		"Matiere":          tv(24, map[string]any{"N": sess.id(16, l.Subject.ID), "L": l.Subject.Name}),
		"Date":             tv(7, wire.FormatDateTime(l.Start)),
		"DateFin":          tv(7, wire.FormatDateTime(l.End)),
		"CouleurFond":      l.Subject.Color,
		"listeProfesseurs": list24([]map[string]any{{"N": sess.id(3, "prof:"+l.Subject.Teacher), "L": l.Subject.Teacher}}),
		"listeGroupes":     list24(groups),
		"listeContenus":    list24(contents),
	}
	if !c.HomeworkDue.IsZero() {
		out["dateTAF"] = date7(c.HomeworkDue)
	}
	return out
}
