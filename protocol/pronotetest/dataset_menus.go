package pronotetest

import (
	"strings"
	"time"
)

// MenuDay is the canteen's menu of one day (PageMenus ListeJours).
type MenuDay struct {
	Date  time.Time
	Meals []Meal
}

// Meal is a lunch (G 0) or a dinner (G 1).
type Meal struct {
	Dinner  bool
	Courses []Course
}

// Course is one course of a meal: G 0 starter, 1 main, 2 side, 3 other, 4 dessert, 5 cheese.
type Course struct {
	Kind   int
	Dishes []Dish
}

// Dish is a dish and its food labels.
type Dish struct {
	Name   string
	Labels []string
}

// MenuLabels are the food labels the demo canteen uses, with their colours.
var MenuLabels = map[string]string{
	"Bio": "#4CAF50", "Fait maison": "#FF9800", "Label Rouge": "#D32F2F", "Végétarien": "#8BC34A",
	"Produit local": "#795548", "Pêche durable": "#1976D2",
}

// Courses of a day, in order: starter, main, side, cheese, dessert. "name|label;label" with
// " + " between the dishes of one course; "" for no such course.
var (
	courseOrder = []int{0, 1, 2, 5, 4}
	lunches     = [10][5]string{
		{"Carottes râpées|Bio", "Poulet rôti|Label Rouge + Omelette aux herbes|Végétarien", "Haricots verts", "", "Compote de pommes|Fait maison"},
		{"Salade de lentilles", "Lasagnes à la bolognaise|Fait maison", "Salade verte", "Emmental", "Clémentines|Bio"},
		{"Potage de légumes|Fait maison", "Filet de colin meunière|Pêche durable", "Riz pilaf", "", "Yaourt nature|Bio;Produit local"},
		{"Betteraves vinaigrette", "Chili sin carne|Végétarien", "Riz complet|Bio", "Camembert|Produit local", "Poire"},
		{"Céleri rémoulade", "Sauté de porc au caramel + Boulettes de soja|Végétarien", "Purée de patates douces|Fait maison", "", "Crème dessert vanille"},
		{"Taboulé|Fait maison", "Bœuf bourguignon|Label Rouge", "Pommes vapeur", "Tomme de Savoie", "Banane|Bio"},
		{"Salade de chou rouge", "Quiche aux poireaux|Fait maison;Végétarien", "Salade verte", "", "Fromage blanc|Produit local"},
		{"Œuf mayonnaise|Bio", "Cuisse de canard", "Petits pois carottes", "Saint-Paulin", "Tarte aux pommes|Fait maison"},
		{"Velouté de potiron|Fait maison;Produit local", "Pavé de saumon|Pêche durable", "Semoule", "", "Kiwi"},
		{"Macédoine de légumes", "Hachis parmentier|Fait maison", "Salade verte", "Brie", "Mousse au chocolat"},
	}
	dinners = map[int][5]string{
		1: {"Soupe à l'oignon", "Gratin de pâtes|Végétarien", "", "", "Pomme|Produit local"},
		3: {"Salade composée", "Croque-monsieur|Fait maison", "Salade verte", "", "Flan pâtissier"},
		6: {"Potage cultivateur|Fait maison", "Omelette aux pommes de terre|Bio", "", "", "Compote"},
		8: {"Carottes vinaigrette", "Pizza margherita|Fait maison;Végétarien", "", "", "Yaourt aux fruits"},
	}
)

// Menus returns the canteen's menus from one date to another (both inclusive). The canteen
// serves the school days of the anchor's week and of the next one (the same for every pupil),
// lunch every day and dinner (the boarders') on Tuesdays and Thursdays; other weeks have no
// menu published yet.
func (d *Demo) Menus(from, to time.Time) []MenuDay {
	first := mondayOf(d.Now)
	var out []MenuDay
	for i := range lunches {
		day := first.AddDate(0, 0, i/5*7+i%5)
		if day.Before(dateOf(from)) || day.After(dateOf(to)) || !d.IsSchoolDay(day) {
			continue
		}
		m := MenuDay{Date: day, Meals: []Meal{menuMeal(lunches[i], false)}}
		if spec, ok := dinners[i]; ok {
			m.Meals = append(m.Meals, menuMeal(spec, true))
		}
		out = append(out, m)
	}
	return out
}

func menuMeal(spec [5]string, dinner bool) Meal {
	meal := Meal{Dinner: dinner}
	for i, c := range spec {
		if c == "" {
			continue
		}
		course := Course{Kind: courseOrder[i]}
		for _, dish := range strings.Split(c, " + ") {
			name, tags, _ := strings.Cut(dish, "|")
			d := Dish{Name: name}
			if tags != "" {
				d.Labels = strings.Split(tags, ";")
			}
			course.Dishes = append(course.Dishes, d)
		}
		meal.Courses = append(meal.Courses, course)
	}
	return meal
}
