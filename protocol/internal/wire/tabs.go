package wire

// Tab numbers (onglets) of the student and parent spaces (§8.1): one place for the client,
// which signs its calls with them and checks them against listeOnglets, and the fake server,
// which lists them in listeOnglets and checks every call's signature against them.
const (
	TabKeepAlive      = 7   // Navigation, Presence
	TabTimetable      = 16  // PageEmploiDuTemps
	TabWork           = 61  // "Cahier de textes": the folder of TabHomework and TabLessonContents
	TabHomework       = 88  // PageCahierDeTexte (homework), SaisieTAFFaitEleve
	TabLessonContents = 89  // PageCahierDeTexte (lesson contents)
	TabGrades         = 198 // DernieresNotes
)

// Tabs of news and messaging (§8.1).
const (
	TabNews      = 8   // PageActualites, SaisieActualites
	TabMessaging = 131 // ListeMessagerie, ListeMessages, SaisieMessage, ListeRessourcesPourCommunication
)

// Tabs of attendance, menus, skills and report cards (§8.1).
const (
	TabMenus       = 10  // PageMenus
	TabReportCard  = 13  // PageBulletins
	TabAttendance  = 19  // PagePresence
	TabEvaluations = 201 // DernieresEvaluations
)

// Tabs of the account and the teaching team (data-c).
const (
	TabTeachers = 37 // PageEquipePedagogique
	TabAccount  = 49 // PageInfosPerso (account details; the iCal address is on TabTimetable)
)

// TabFolder is the tab each tab is nested under in listeOnglets; tabs absent from it are at
// the top of the tree.
var TabFolder = map[int]int{TabHomework: TabWork, TabLessonContents: TabWork}
