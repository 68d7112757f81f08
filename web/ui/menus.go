package ui

import (
	"sort"

	"github.com/pronote-web/pronote/protocol"
)

// courseRank orders a meal's courses as a menu is read: starter, main, side, other, cheese,
// dessert; a kind the client does not know goes last.
var courseRank = map[string]int{"starter": 1, "main": 2, "side": 3, "other": 4, "cheese": 5, "dessert": 6}

// orderMeal returns the courses of a meal in reading order, leaving out empty ones.
func orderMeal(m protocol.Meal) []protocol.Course {
	var out []protocol.Course
	for _, c := range m.Courses {
		if len(c.Dishes) > 0 {
			out = append(out, c)
		}
	}
	rank := func(k string) int {
		if r, ok := courseRank[k]; ok {
			return r
		}
		return len(courseRank) + 1
	}
	sort.SliceStable(out, func(i, j int) bool { return rank(out[i].Kind) < rank(out[j].Kind) })
	return out
}

// orderMeals puts lunch before dinner, leaving out meals without a dish.
func orderMeals(ms []protocol.Meal) []protocol.Meal {
	var out []protocol.Meal
	for _, m := range ms {
		if len(orderMeal(m)) > 0 {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Kind == "lunch" && out[j].Kind != "lunch" })
	return out
}

// menuDays keeps the days of a week's menus that have a meal, by date.
func menuDays(days []protocol.MenuDay) []protocol.MenuDay {
	var out []protocol.MenuDay
	for _, d := range days {
		if len(orderMeals(d.Meals)) > 0 {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
