package ui

// The strings of the grades tab's charts and period choice, and of the skills and report-card
// tabs.
func init() {
	addTexts(map[string][2]string{
		"grades.fallback":   {"Période en cours ({current}) sans note : voici {shown}.", "No grades yet in the current period ({current}): showing {shown}."},
		"chart.legend":      {"Légende", "Legend"},
		"chart.bars":        {"Moyennes par matière", "Averages by subject"},
		"chart.subject":     {"Matière", "Subject"},
		"chart.barStudent":  {"Élève : barre pleine", "Student: solid bar"},
		"chart.barClass":    {"Classe : barre hachurée", "Class: hatched bar"},
		"chart.trend":       {"Moyenne générale par période", "Overall average by period"},
		"chart.lineStudent": {"Élève : trait plein, ronds", "Student: solid line, dots"},
		"chart.lineClass":   {"Classe : pointillés, carrés", "Class: dotted line, squares"},
		"chart.showTable":   {"Voir les chiffres", "Show the figures"},
		"chart.hideTable":   {"Masquer les chiffres", "Hide the figures"},
		"chart.loading":     {"Chargement des autres périodes…", "Loading the other periods…"},
	})
}
