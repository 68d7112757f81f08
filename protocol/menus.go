package protocol

import (
	"context"
	"sort"
	"time"

	"github.com/pronote-web/pronote/protocol/internal/wire"
)

// MenusQuery selects days, "YYYY-MM-DD", both included (at most maxWeeks weeks); To defaults
// to From.
type MenusQuery struct {
	From Date `json:"from"`
	To   Date `json:"to,omitempty"`
}

// MenuDay is the canteen's menu of one day (§8.3).
type MenuDay struct {
	Date  Date   `json:"date"`
	Meals []Meal `json:"meals"`
}

// Meal is a lunch or a dinner.
type Meal struct {
	Kind    string   `json:"kind"` // "lunch" or "dinner"
	Courses []Course `json:"courses"`
}

// Course is one course of a meal and its dishes.
type Course struct {
	Kind   string `json:"kind"` // "starter", "main", "side", "other", "dessert" or "cheese"
	Dishes []Dish `json:"dishes"`
}

// Dish is a dish and its food labels (e.g. "Bio", "Fait maison").
type Dish struct {
	Name   string   `json:"name"`
	Labels []string `json:"labels"`
}

// Menus returns the canteen menus of a range of days, by date (PageMenus, onglet 10, §8.1): one
// request per week, each naming its Monday.
func (s *Session) Menus(ctx context.Context, q MenusQuery) ([]MenuDay, error) {
	return run(ctx, s, menusCall, q)
}

var menusCall = endpoint[MenusQuery, []MenuDay]{
	name: "PageMenus", onglet: wire.TabMenus,
	requests: func(_ *Session, _ subject, q MenusQuery) ([]any, error) {
		mondays, err := menuWeeks(q)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(mondays))
		for i, m := range mondays {
			out[i] = map[string]any{"date": wireDay(m)}
		}
		return out, nil
	},
	decode: func(s *Session, q MenusQuery, replies []obj) ([]MenuDay, error) {
		from, to, _ := dayRange(q.From, q.To)
		lo, hi := fmtDate(from), fmtDate(to)
		days := []MenuDay{}
		for _, r := range replies {
			for _, it := range r.list("ListeJours") {
				if d := s.menuDayFrom(it); d.Date >= lo && d.Date <= hi {
					days = append(days, d)
				}
			}
		}
		sort.SliceStable(days, func(i, j int) bool { return days[i].Date < days[j].Date })
		return days, nil
	},
}

// menuWeeks lists the Mondays of the weeks a query touches.
func menuWeeks(q MenusQuery) ([]time.Time, error) {
	if q.From == "" {
		return nil, argError("from", "is required")
	}
	from, to, err := dayRange(q.From, q.To)
	if err != nil {
		return nil, err
	}
	monday := from.AddDate(0, 0, -((int(from.Weekday()) + 6) % 7))
	var out []time.Time
	for m := monday; !m.After(to); m = m.AddDate(0, 0, 7) {
		if len(out) == maxWeeks {
			return nil, argError("to", "the range spans more than %d weeks", maxWeeks)
		}
		out = append(out, m)
	}
	return out, nil
}

var (
	mealKinds   = map[int]string{0: "lunch", 1: "dinner"}
	courseKinds = map[int]string{0: "starter", 1: "main", 2: "side", 3: "other", 4: "dessert", 5: "cheese"}
)

// menuDayFrom reads a ListeJours item. A meal of a kind other than dinner is taken as lunch and
// a course of an unknown kind as "other": the food is what the reader is after.
func (s *Session) menuDayFrom(it obj) MenuDay {
	d := MenuDay{Date: dateOf(it.get("Date"), s.today), Meals: []Meal{}}
	for _, m := range it.list("ListeRepas") {
		meal := Meal{Kind: kindOr(mealKinds, m.int("G"), "lunch"), Courses: []Course{}}
		for _, c := range m.list("ListePlats") {
			course := Course{Kind: kindOr(courseKinds, c.int("G"), "other"), Dishes: []Dish{}}
			for _, f := range c.list("ListeAliments") {
				course.Dishes = append(course.Dishes, Dish{Name: f.str("L"), Labels: labels(f.list("listeLabelsAlimentaires"))})
			}
			meal.Courses = append(meal.Courses, course)
		}
		d.Meals = append(d.Meals, meal)
	}
	return d
}

func kindOr(kinds map[int]string, g int, def string) string {
	if k, ok := kinds[g]; ok {
		return k
	}
	return def
}
