package ui

import (
	"sort"
	"strings"
	"time"

	"github.com/pronote-web/pronote/protocol"
)

// periodOrder is the order in which a view that opens by itself tries the periods: the current
// one (the shortest period holding today, so a trimester before the year), then the periods
// that have begun, the latest first (a tie goes to the shorter one). Periods that have not
// begun are left out. Without dates it is nil: the view asks for the account's default period.
func periodOrder(periods []protocol.Period, today time.Time) []string {
	type dated struct {
		id         string
		start, end time.Time
	}
	var begun []dated
	for _, p := range periods {
		start, ok1 := parseDate(p.Start)
		end, ok2 := parseDate(p.End)
		if ok1 && ok2 && !start.After(today) {
			begun = append(begun, dated{p.ID, start, end})
		}
	}
	shorter := func(a, b dated) bool { return a.end.Sub(a.start) < b.end.Sub(b.start) }
	sort.SliceStable(begun, func(i, j int) bool {
		if !begun[i].start.Equal(begun[j].start) {
			return begun[i].start.After(begun[j].start)
		}
		return shorter(begun[i], begun[j])
	})
	cur := -1
	for i, p := range begun {
		if !today.After(p.end) && (cur < 0 || shorter(p, begun[cur])) {
			cur = i
		}
	}
	var out []string
	if cur >= 0 {
		out = append(out, begun[cur].id)
	}
	for i, p := range begun {
		if i != cur {
			out = append(out, p.id)
		}
	}
	return out
}

// trendPeriods are the periods the overall-average chart follows, in time order: those of the
// current period's kind (the trimesters, not the year) that have begun. Without a current
// period, every begun period but the year ones.
func trendPeriods(periods []protocol.Period, today time.Time) []protocol.Period {
	order := periodOrder(periods, today)
	kind := ""
	if len(order) > 0 {
		if cur, ok := findPeriod(periods, order[0]); ok {
			start, _ := parseDate(cur.Start)
			end, _ := parseDate(cur.End)
			if !today.Before(start) && !today.After(end) {
				kind = cur.Kind
			}
		}
	}
	var out []protocol.Period
	for _, id := range order {
		p, _ := findPeriod(periods, id)
		if kind != "" && p.Kind != kind || kind == "" && p.Kind == "year" {
			continue
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func findPeriod(periods []protocol.Period, id string) (protocol.Period, bool) {
	for _, p := range periods {
		if p.ID == id {
			return p, true
		}
	}
	return protocol.Period{}, false
}

// periodData is a view's data by period, and which period it shows: the one the user chose, or
// else the first period of the view's order whose data has something (the current one when
// none has).
type periodData[T any] struct {
	chosen  string // the user's choice; "" until they make one
	byID    map[string]T
	loading map[string]bool
	errs    map[string]string // the error code of each period's failed load
}

// shown says which period to show and whether its data must be loaded first. When the view
// chose by itself and skipped the current period, fellBack is true. Each call walks order
// (periodOrder's) from the start, so the answer moves on as the periods load.
func (p *periodData[T]) shown(order []string, has func(T) bool) (id string, load, fellBack bool) {
	if p.chosen != "" || len(order) == 0 {
		_, ok := p.byID[p.chosen]
		return p.chosen, !ok, false
	}
	for i, id := range order {
		v, ok := p.byID[id]
		if !ok {
			return id, true, false
		}
		if has(v) {
			return id, false, i > 0
		}
	}
	return order[0], false, false
}

// got stores a period's data.
func (p *periodData[T]) got(id string, v T) {
	if p.byID == nil {
		p.byID = map[string]T{}
	}
	p.byID[id] = v
	delete(p.loading, id)
}

// start marks a period as loading, forgetting an earlier failure; false when it already is.
func (p *periodData[T]) start(id string) bool {
	if p.loading == nil {
		p.loading = map[string]bool{}
	}
	if p.loading[id] {
		return false
	}
	p.loading[id] = true
	delete(p.errs, id)
	return true
}

// failed records a period's failed load.
func (p *periodData[T]) failed(id, code string) {
	delete(p.loading, id)
	if p.errs == nil {
		p.errs = map[string]string{}
	}
	p.errs[id] = code
}

// periodName is a period's name inside a sentence: "le Trimestre 1" in French (« Année »
// for a name that takes no article), the name itself in English.
func periodName(l Lang, name string) string {
	if l == English {
		return name
	}
	for _, w := range []string{"Trimestre", "Semestre"} {
		if strings.HasPrefix(name, w) {
			return "le " + name
		}
	}
	return "« " + name + " »"
}
