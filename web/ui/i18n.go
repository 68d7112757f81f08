package ui

import "strings"

// Lang is a language of the interface.
type Lang int

// The interface languages. French is the default: PRONOTE is a French application.
const (
	French Lang = iota
	English
)

// ParseLang reads a language tag ("fr", "en-GB", …); anything that is not English is French.
func ParseLang(tag string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(tag)), "en") {
		return English
	}
	return French
}

// Tag is the BCP 47 tag of l, for the lang attribute.
func (l Lang) Tag() string {
	if l == English {
		return "en"
	}
	return "fr"
}

// T returns the text for key in l; an unknown key is returned as is (tests keep the table
// complete). Not inlined: its map lookup copied into each of the views' many calls weighed
// 9 KB of gzip in pronote.wasm.
//
//go:noinline
func (l Lang) T(key string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	return t[l]
}

// addTexts adds a view's strings to the table, from an init function in the view's own
// i18n_*.go file; a key defined twice is a bug caught at start.
func addTexts(m map[string][2]string) {
	for k, v := range m {
		if _, dup := texts[k]; dup {
			panic("ui: text " + k + " defined twice")
		}
		texts[k] = v
	}
}

// texts holds every interface string: {French, English}. Views add theirs with addTexts.
var texts = map[string][2]string{
	"app.title":            {"Préau", "Préau"},
	"app.tagline":          {"Un client libre pour PRONOTE", "A free client for PRONOTE"},
	"lang.switch":          {"English", "Français"},
	"lang.switchLabel":     {"EN, switch to English", "FR, passer en français"},
	"login.title":          {"Connexion", "Log in"},
	"login.school":         {"Établissement", "School"},
	"login.demo":           {"Démonstration", "Demo school"},
	"login.own":            {"Mon établissement", "My school"},
	"login.url":            {"Adresse PRONOTE de l'établissement", "Your school's PRONOTE address"},
	"login.urlHint":        {"Par exemple https://0000000a.index-education.net/pronote/", "For example https://0000000a.index-education.net/pronote/"},
	"login.kind":           {"Je suis", "I am"},
	"login.student":        {"Élève", "Student"},
	"login.parent":         {"Parent", "Parent"},
	"login.username":       {"Identifiant", "Username"},
	"login.password":       {"Mot de passe", "Password"},
	"login.submit":         {"Se connecter", "Log in"},
	"login.demoHint":       {"Identifiants de démonstration :", "Demonstration credentials:"},
	"login.privacy":        {"Le mot de passe reste dans votre navigateur : il n'est jamais envoyé au relais ni enregistré.", "Your password stays in your browser: it is never sent to the relay nor stored."},
	"step.page":            {"Ouverture de l'espace PRONOTE", "Opening the PRONOTE space"},
	"step.parameters":      {"Échange des clés de chiffrement", "Exchanging encryption keys"},
	"step.identification":  {"Identification", "Identification"},
	"step.authentication":  {"Vérification du mot de passe", "Checking the password"},
	"step.user":            {"Chargement du compte", "Loading the account"},
	"step.twoFactor":       {"Double authentification", "Two-factor authentication"},
	"login.method":         {"Se connecter avec", "Log in with"},
	"login.withPassword":   {"Compte PRONOTE", "PRONOTE account"},
	"login.withQR":         {"Code QR", "QR code"},
	"login.qrData":         {"Texte du code QR", "The QR code's text"},
	"login.qrHint":         {"Dans PRONOTE : « Mes données », puis « Code QR pour l'application mobile ». Choisissez un code à 4 chiffres, puis collez ici le texte du code QR (valable 10 minutes, une fois).", "In PRONOTE: \"My data\", then \"QR code for the mobile app\". Choose a 4-digit code, then paste the QR code's text here (valid 10 minutes, once)."},
	"login.qrPIN":          {"Code à 4 chiffres du code QR", "The QR code's 4-digit code"},
	"login.remember":       {"Rester connecté", "Stay logged in"},
	"login.rememberHint":   {"Garde sur cet appareil un jeton de connexion (jamais le mot de passe) : un rechargement ou un nouvel onglet s'ouvre sans mot de passe. « Se déconnecter » l'oublie. À éviter sur un ordinateur partagé.", "Keeps a login token (never the password) on this device: a reload or a new tab opens without the password. \"Log out\" forgets it. Avoid on a shared computer."},
	"tf.title":             {"Double authentification", "Two-factor authentication"},
	"tf.intro":             {"PRONOTE demande une vérification pour cet appareil. Elle ne sera plus demandée ensuite sur cet appareil.", "PRONOTE asks to verify this device. It will not be asked again on this device."},
	"tf.pin":               {"Code PIN", "PIN"},
	"tf.device":            {"Nom de cet appareil", "Name of this device"},
	"tf.newPassword":       {"Nouveau mot de passe (8 caractères au moins)", "New password (at least 8 characters)"},
	"tf.submit":            {"Valider", "Confirm"},
	"tf.cancel":            {"Annuler", "Cancel"},
	"step.resume":          {"Reprise de la session", "Resuming the session"},
	"tab.timetable":        {"Emploi du temps", "Timetable"},
	"tab.grades":           {"Notes", "Grades"},
	"tab.homework":         {"Devoirs", "Homework"},
	"tabs.label":           {"Rubriques", "Sections"},
	"child.label":          {"Enfant", "Child"},
	"logout":               {"Se déconnecter", "Log out"},
	"loading":              {"Chargement…", "Loading…"},
	"retry":                {"Réessayer", "Try again"},
	"week.previous":        {"Semaine précédente", "Previous week"},
	"week.next":            {"Semaine suivante", "Next week"},
	"week.today":           {"Aujourd'hui", "Today"},
	"week.empty":           {"Aucun cours cette semaine.", "No lessons this week."},
	"week.days":            {"Jours de la semaine", "Days of the week"},
	"day.empty":            {"Pas de cours", "No lessons"},
	"lesson.cancelled":     {"Annulé", "Cancelled"},
	"lesson.exempted":      {"Dispensé", "Exempted"},
	"lesson.room":          {"Salle", "Room"},
	"grades.period":        {"Période", "Period"},
	"grades.overall":       {"Moyenne générale", "Overall average"},
	"grades.class":         {"Classe", "Class"},
	"grades.student":       {"Élève", "Student"},
	"grades.classAverage":  {"Moyenne de la classe", "Class average"},
	"grades.coef":          {"coef.", "coef."},
	"grades.empty":         {"Aucune note pour cette période.", "No grades for this period."},
	"grades.bonus":         {"bonus", "bonus"},
	"grades.optional":      {"facultative", "optional"},
	"homework.empty":       {"Aucun devoir à faire pour les deux prochaines semaines.", "No homework due in the next two weeks."},
	"homework.done":        {"Fait", "Done"},
	"homework.todo":        {"À faire", "To do"},
	"homework.due":         {"Pour", "Due"},
	"homework.tomorrow":    {"Pour demain", "Due tomorrow"},
	"homework.today":       {"Pour aujourd'hui", "Due today"},
	"homework.given":       {"Donné le", "Given on"},
	"homework.attachments": {"Pièces jointes", "Attachments"},
	"mark.absent":          {"Absent", "Absent"},
	"mark.exempted":        {"Dispensé", "Exempted"},
	"mark.notGraded":       {"Non noté", "Not graded"},
	"mark.unfit":           {"Inapte", "Unfit"},
	"mark.notReturned":     {"Non rendu", "Not handed in"},
	"mark.absentZero":      {"Absent (0)", "Absent (0)"},
	"mark.notReturnedZero": {"Non rendu (0)", "Not handed in (0)"},
	"mark.congratulations": {"Félicitations", "Congratulations"},
	"mark.other":           {"Autre", "Other"},
	"mark.none":            {"—", "—"},
}

// errorTexts explains every error code of the API, in plain words.
var errorTexts = map[string][2]string{
	"BAD_CREDENTIALS":          {"Identifiant ou mot de passe incorrect.", "Wrong username or password."},
	"ACCESS_DENIED":            {"PRONOTE refuse l'accès à ce compte (compte désactivé ou non autorisé).", "PRONOTE refuses access to this account (disabled or not allowed)."},
	"SESSION_EXPIRED":          {"Votre session a expiré. Reconnectez-vous.", "Your session has expired. Please log in again."},
	"RATE_LIMITED":             {"Trop de tentatives de connexion : PRONOTE refuse pour l'instant les connexions depuis cette adresse.", "Too many login attempts: PRONOTE refuses logins from this address for now."},
	"IP_SUSPENDED":             {"Le serveur PRONOTE a suspendu temporairement cette adresse IP.", "The PRONOTE server has temporarily suspended this IP address."},
	"TWO_FACTOR_REQUIRED":      {"Ce compte demande une double authentification : la connexion a été annulée sans code PIN.", "This account requires two-factor authentication: the login was cancelled without a PIN."},
	"PASSWORD_CHANGE_REQUIRED": {"PRONOTE demande de choisir un nouveau mot de passe pour ce compte.", "PRONOTE asks to choose a new password for this account."},
	"PIN_REFUSED":              {"Code PIN refusé par PRONOTE. Attention : le nombre d'essais est limité.", "PRONOTE refused the PIN. Careful: the number of tries is limited."},
	"QR_REFUSED":               {"Code QR refusé : le code à 4 chiffres ne correspond pas, ou le code QR a expiré ou déjà servi.", "QR code refused: the 4-digit code does not match, or the QR code expired or was already used."},
	"REMEMBER_EXPIRED":         {"La connexion gardée sur cet appareil n'est plus valable. Reconnectez-vous.", "The login kept on this device is no longer valid. Please log in again."},
	"SERVER_ERROR":             {"Le serveur PRONOTE a renvoyé une erreur ou est en maintenance. Réessayez plus tard.", "The PRONOTE server returned an error or is under maintenance. Try again later."},
	"PROTOCOL_ERROR":           {"Réponse inattendue de PRONOTE. Vérifiez l'adresse de l'établissement.", "Unexpected reply from PRONOTE. Check the school's address."},
	"NETWORK_ERROR":            {"Impossible de joindre le serveur. Vérifiez votre connexion.", "Cannot reach the server. Check your connection."},
	"TIMEOUT":                  {"Le serveur PRONOTE n'a pas répondu à temps. Réessayez dans un instant.", "The PRONOTE server did not answer in time. Try again in a moment."},
	"RELAY_REFUSED":            {"Le relais a refusé la demande.", "The relay refused the request."},
	"RELAY_HOST_NOT_ALLOWED":   {"Ce relais ne sert pas cet établissement : son adresse n'est pas dans la liste de ceux qu'il accepte. Vérifiez l'adresse, ou utilisez un relais qui l'accepte.", "This relay does not serve this school: its address is not on the list the relay accepts. Check the address, or use a relay that accepts it."},
	"RELAY_PATH_NOT_ALLOWED":   {"Ce relais n'accepte que les pages PRONOTE (…/pronote/…) : vérifiez l'adresse de l'établissement.", "This relay only accepts PRONOTE pages (…/pronote/…): check the school's address."},
	"RELAY_ORIGIN_NOT_ALLOWED": {"Ce relais n'accepte pas les demandes venant de cette page.", "This relay does not accept requests from this page."},
	"RELAY_UPSTREAM_ERROR":     {"Le relais n'a pas pu joindre le serveur PRONOTE de l'établissement (adresse erronée, ou serveur arrêté). Vérifiez l'adresse ou réessayez plus tard.", "The relay could not reach the school's PRONOTE server (wrong address, or the server is down). Check the address or try again later."},
	"RELAY_UPSTREAM_TIMEOUT":   {"Le serveur PRONOTE de l'établissement n'a pas répondu à temps au relais. Réessayez dans un instant.", "The school's PRONOTE server did not answer the relay in time. Try again in a moment."},
	"RELAY_RATE_LIMITED":       {"Trop de tentatives de connexion à cet établissement par ce relais. Patientez jusqu'à 10 minutes avant de réessayer.", "Too many login attempts to this school through this relay. Wait up to 10 minutes before trying again."},
	"RELAY_UNREACHABLE":        {"Impossible de joindre le relais. Vérifiez votre connexion à Internet.", "Cannot reach the relay. Check your Internet connection."},
	"INVALID_ARGUMENT":         {"Vérifiez les champs du formulaire (adresse, identifiant, mot de passe).", "Check the form fields (address, username, password)."},
	"ABORTED":                  {"Demande annulée.", "Request cancelled."},
	"CLOSED":                   {"La session est fermée. Reconnectez-vous.", "The session is closed. Please log in again."},
	"INTERNAL_ERROR":           {"Une erreur interne est survenue. Reconnectez-vous.", "An internal error occurred. Please log in again."},
	"":                         {"Une erreur inattendue est survenue.", "An unexpected error occurred."},
}

// pageTitle is the document's title: the open view (or screen) and the product's name.
func pageTitle(l Lang, screen string) string {
	name := l.T("app.title")
	if screen == "" {
		return name
	}
	return screen + " · " + name
}

// ErrorText explains an error code in l; unknown codes get a generic sentence.
func (l Lang) ErrorText(code string) string {
	t, ok := errorTexts[code]
	if !ok {
		t = errorTexts[""]
	}
	return t[l]
}

var weekdayNames = [2][7]string{
	{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

var monthNames = [2][12]string{
	{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// displayName turns PRONOTE's "MARTIN Léa" (surname words in capitals first) into
// "Léa MARTIN"; other shapes stay as sent.
func displayName(name string) string {
	words := strings.Fields(name)
	i := 0
	for i < len(words) && isUpperWord(words[i]) {
		i++
	}
	if i == 0 || i == len(words) {
		return name
	}
	return strings.Join(append(words[i:], words[:i]...), " ")
}

func isUpperWord(s string) bool {
	return strings.ToUpper(s) == s && strings.ToLower(s) != s
}
