package pronotetest

import (
	"encoding/json"
	"sort"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

func init() {
	register("PageMenus", function{stage: stageLogged, data: (*Server).menus, onglets: []int{wire.TabMenus}})
}

// menus answers PageMenus (onglet 10): the week starting on data.date {_T:7}, which must be a
// Monday (§8.1: the client names the week by its Monday; the fake server refuses another day
// to catch clients that do not).
func (s *Server) menus(sess *session, req request, _ Student) (reply, *protoError) {
	var q struct {
		Date *struct {
			V string `json:"V"`
		} `json:"date"`
	}
	if perr := hasKeys(req, "date"); perr != nil {
		return reply{}, perr
	}
	if json.Unmarshal(req.data, &q) != nil || q.Date == nil {
		return reply{}, fail(21)
	}
	monday, err := wire.ParseDate(q.Date.V, sess.demo.Now)
	if err != nil || monday.Weekday() != time.Monday {
		return reply{}, fail(21)
	}
	days := []map[string]any{}
	for _, day := range sess.demo.Menus(monday, monday.AddDate(0, 0, 6)) {
		meals := []map[string]any{}
		for _, m := range day.Meals {
			meals = append(meals, s.mealJSON(sess, day.Date, m))
		}
		days = append(days, map[string]any{"Date": date7(day.Date), "ListeRepas": list24(meals)})
	}
	d := sess.demo
	var weeks []int // the weeks with a menu: the anchor's and the next
	for _, m := range d.Menus(mondayOf(d.Now), mondayOf(d.Now).AddDate(0, 0, 13)) {
		if w := d.Week(m.Date); len(weeks) == 0 || weeks[len(weeks)-1] != w {
			weeks = append(weeks, w)
		}
	}
	labels := []map[string]any{}
	for _, l := range sortedKeys(MenuLabels) {
		labels = append(labels, map[string]any{"N": sess.id(0, "label:"+l), "L": l, "couleur": MenuLabels[l]})
	}
	return reply{data: map[string]any{
		"ListeJours": list24(days), "AvecRepasMidi": true, "AvecRepasSoir": true,
		"DomaineDePresence": tv(8, wire.FormatDomain(weeks)), "ListeAllergenes": list24([]map[string]any{}),
		"Listelabels": list24(labels),
	}}, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *Server) mealJSON(sess *session, day time.Time, m Meal) map[string]any {
	g, name := 0, "Déjeuner"
	if m.Dinner {
		g, name = 1, "Dîner"
	}
	courses := []map[string]any{}
	for _, c := range m.Courses {
		dishes := []map[string]any{}
		for _, f := range c.Dishes {
			labels := []map[string]any{}
			for _, l := range f.Labels {
				labels = append(labels, map[string]any{"N": sess.id(0, "label:"+l), "L": l, "couleur": MenuLabels[l]})
			}
			dishes = append(dishes, map[string]any{"N": sess.id(0, "aliment:"+f.Name), "L": f.Name,
				"listeLabelsAlimentaires": list24(labels), "listeAllergenesAlimentaire": list24([]map[string]any{})})
		}
		courses = append(courses, map[string]any{"G": c.Kind, "ListeAliments": list24(dishes)})
	}
	return map[string]any{"N": sess.id(0, "repas:"+wire.FormatDate(day)+name), "L": name, "G": g, "ListePlats": list24(courses)}
}
