package ui

// The timetable's lesson details, moved lessons and the homework's done box.
func init() {
	addTexts(map[string][2]string{
		"move.to":                {"Déplacé au {day} à {time}", "Moved to {day}, {time}"},
		"move.from":              {"Déplacé du {day} à {time}", "Moved from {day}, {time}"},
		"move.away":              {"Déplacé ailleurs", "Moved elsewhere"},
		"move.here":              {"Déplacé ici", "Moved here"},
		"move.toLong":            {"Ce cours n'a pas lieu à cet horaire : il est déplacé au {day} à {time}.", "This lesson does not take place at this time: it is moved to {day}, {time}."},
		"move.fromLong":          {"Ce cours a lieu à cet horaire à la place du {day} à {time}.", "This lesson takes place at this time instead of {day}, {time}."},
		"move.awayLong":          {"Ce cours n'a pas lieu à cet horaire : il est déplacé à un autre moment.", "This lesson does not take place at this time: it is moved to another time."},
		"move.hereLong":          {"Ce cours a été déplacé à cet horaire.", "This lesson was moved to this time."},
		"lesson.details":         {"Détails du cours", "Lesson details"},
		"lesson.close":           {"Fermer", "Close"},
		"lesson.teachers":        {"Professeur", "Teacher"},
		"lesson.rooms":           {"Salle", "Room"},
		"lesson.groups":          {"Groupe", "Group"},
		"lesson.memo":            {"Mémo", "Note"},
		"lesson.content":         {"Contenu du cours", "What was done"},
		"lesson.noContent":       {"Aucun contenu n'a été saisi pour ce cours.", "Nothing has been written about this lesson yet."},
		"lesson.homework":        {"Devoirs", "Homework"},
		"lesson.given":           {"Donnés pendant ce cours", "Given in this lesson"},
		"lesson.dueHere":         {"À faire pour ce cours", "Due for this lesson"},
		"lesson.noHomework":      {"Aucun devoir n'est lié à ce cours.", "No homework is linked to this lesson."},
		"homework.markDone":      {"Fait", "Done"},
		"homework.saving":        {"Enregistrement…", "Saving…"},
		"homework.notSaved":      {"Non enregistré.", "Not saved."},
		"homework.maybeNotSaved": {"Le changement n'a peut-être pas été enregistré (rechargez la page pour le vérifier).", "The change may not have been saved (reload the page to check)."},
		"homework.savedDone":     {"Marqué comme fait.", "Marked as done."},
		"homework.savedTodo":     {"Marqué comme à faire.", "Marked as to do."},
	})
}
