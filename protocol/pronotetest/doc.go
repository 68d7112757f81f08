// Package pronotetest is a fake PRONOTE server for tests, like net/http/httptest: it speaks
// the real wire protocol, server side (protocol.md), and answers from a demo school.
//
//	srv := pronotetest.NewServer(pronotetest.Options{Profile: pronotetest.Profile2025, Encrypt: true})
//	defer srv.Close()
//	// log in at srv.SpaceURL("student") with StudentUsername / StudentPassword
//
// What it enforces (a client bug makes a test fail):
//
//   - space pages need fd=1 (else the "incompatible browser" page); each GET creates a session
//     with its own h and cookie; the Start() markup, flag keys and version marker follow the
//     Profile (§2.4–2.6);
//   - every POST {root}appelfonction/{a}/{h}/{no}: a and h of the session, the body's session
//     (a JSON number) equal to h, exactly the dialect's outer keys, the body's order number equal
//     to the URL's and decrypting to the expected counter under the phase's key and IV (§4.2),
//     the payload encoded exactly per the flags, only the dialect's inner keys (FonctionParametres
//     may carry its data under both data and donnees), no signature on login calls;
//   - the login: Uuid (plain, RSA with the server's key, or the constant key's shape with
//     Options.ClientIV), the challenge of the profile (alea-wrapped, or direct on 2026.2.5+),
//     cle and the key switch, a rate limit (Options.MaxFailedLogins);
//   - data calls: a signature whose onglet is the function's and appears in listeOnglets;
//     for parents a Signature.membre naming a child (see Options.AllowMissingMember);
//     both spellings of ressource, numeroSemaine, dateDebut, dateFin; session-scoped N ids.
//
// Errors a client gets (top-level Erreur, §4.7). "Fatal" ones kill the session:
//
//	G 10 La page a expiré ! (3)   unknown or dead session, FaultExpireSession (fatal)
//	G 11 La page a expiré ! (4)   malformed envelope, wrong dialect keys, wrong a or session (fatal)
//	G 13 La page a expiré ! (6)   wrong or (with RequireCookie) missing cookie (fatal)
//	G 14 La page a expiré ! (7)   bad order number or payload before login, calls out of order (fatal)
//	G 8  La page a expiré ! (1)   bad order number or payload after login (fatal)
//	G 3  Accès refusé             onglet missing, not the function's, or not in listeOnglets; a
//	                              ressource or a homework item (SaisieTAFFaitEleve) of another pupil
//	G 21 Impossible d'afficher la page   unknown function, malformed request data
//	G 22 L'élément demandé n'existe plus  an N this session did not hand out
//	G 25 Vous avez dépassé …      rate limit on Identification/Authentification
//
// A refused Authentification answers data {Acces: 1} (no cle). A parent call without a valid
// membre answers a payload whose signature has Erreur true and MessageErreur.
//
// Functions served: FonctionParametres, Identification, Authentification,
// ParametresUtilisateur, PageEmploiDuTemps (16), DernieresNotes (198), PageCahierDeTexte (88
// homework, 89 lesson contents), SaisieTAFFaitEleve (88), PageInfosPerso (49 account details,
// 16 iCal parameters), PageEquipePedagogique (37), Navigation (7) and, on the 2023 profile
// only, Presence (7).
//
// Other URLs (§8.2): GET FichiersExternes/{hex}/{name}?Session={h} serves the files a session
// listed (DemoFile), and GET ical/mesinformations.ics?icalsecurise=… a pupil's iCal feed
// (ICalendar), without a session; anything else there is 404.
//
// News and messaging: PageActualites and SaisieActualites (8; in the 2026.1+ spelling,
// nature/listeNatures and no listeQuestions on informations, on the 2026 profile),
// ListeMessagerie, ListeMessages, SaisieMessage (replies and new discussions) and
// ListeRessourcesPourCommunication (131). Their writes last until Reset.
//
// The demo school (see Demo) is a pure function of Options.Now's date: tests pass a fixed date
// and compute expected values with NewDemo.
//
// Under GOOS=js the server works on Go's in-process fake network (httptest); only the pawnote
// interop test, which runs Node, is skipped there.
package pronotetest
