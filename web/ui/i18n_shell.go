package ui

// The shell's own strings: the product's name line, the phone menu, Cancel.
func init() {
	addTexts(map[string][2]string{
		"app.notAffiliated": {"Non affilié à Index Education, l'éditeur de PRONOTE.", "Not affiliated with Index Education, the publisher of PRONOTE."},
		"app.footer":        {"Préau, un client libre pour PRONOTE", "Préau, a free client for PRONOTE"},
		"menu":              {"Menu", "Menu"},
		"cancel":            {"Annuler", "Cancel"},
		"login.cancel":      {"Annuler la connexion", "Cancel the login"},
	})
}
