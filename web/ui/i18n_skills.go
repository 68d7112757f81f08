package ui

// The strings of the skills (Compétences) and report-card (Bulletin) tabs.
func init() {
	addTexts(map[string][2]string{
		"tab.skills":            {"Compétences", "Skills"},
		"skills.fallback":       {"Période en cours ({current}) sans évaluation : voici {shown}.", "No evaluations yet in the current period ({current}): showing {shown}."},
		"skills.empty":          {"Aucune évaluation de compétences pour cette période.", "No skill evaluations for this period."},
		"skills.levels":         {"Niveaux de maîtrise", "Levels of mastery"},
		"skills.skills":         {"Compétences évaluées", "Skills assessed"},
		"tab.report":            {"Bulletin", "Report card"},
		"report.fallback":       {"Le bulletin de la période en cours ({current}) n'est pas encore publié : voici le dernier publié, {shown}.", "The current period's report card ({current}) is not published yet: showing the latest published one, {shown}."},
		"report.unpublished":    {"Le bulletin de la période {period} n'est pas encore publié par l'établissement.", "The report card for {period} is not published by the school yet."},
		"report.unpublishedAny": {"Ce bulletin n'est pas encore publié par l'établissement.", "This report card is not published by the school yet."},
		"report.general":        {"Appréciations générales", "General comments"},
		"report.comment":        {"Appréciation", "Comment"},
		"report.min":            {"Moyenne la plus basse", "Lowest average"},
		"report.max":            {"Moyenne la plus haute", "Highest average"},
		"report.empty":          {"Ce bulletin ne contient ni moyenne ni appréciation.", "This report card holds no averages and no comments."},
	})
}
