// Command pronote reads PRONOTE from scripts and home-automation systems: it logs in, makes
// one typed call and prints its result as JSON on stdout.
//
//	export PRONOTE_PASSWORD=…            # or type it at the prompt (never a flag)
//	pronote -url https://…/pronote/eleve.html -user jdupont timetable --from 2026-11-23 --to 2026-11-29
//	pronote -url … -user … grades --period 2#…
//	pronote -url …/parent.html -user … -child Hugo homework --from 2026-11-23
//	pronote -url … -user … download --kind file --name cours.pdf --url 'https://…' -o cours.pdf
//
// Every call of the Go API is a command with the same name, and its query's fields are its
// flags (`pronote --help` lists them): the same validation as the Go and JavaScript APIs, so a
// bad argument is refused before anything is sent. For parent accounts -child names the child
// (an id from the user command, or a name; the first child by default).
//
// The password comes from the environment variable PRONOTE_PASSWORD or, when stdin is a
// terminal, from a prompt that does not echo (stty); it is never a flag, so that it stays out
// of shell history and process lists. The URL and username may come from PRONOTE_URL and
// PRONOTE_USER. Each run is one login: like the library, the command never retries a login,
// since repeated failures get the client's IP suspended.
//
// Exit status: 0 on success; 2 for a usage or argument error (INVALID_ARGUMENT); 1 otherwise,
// with "pronote: … [CODE]" on stderr, CODE being the library's stable code (BAD_CREDENTIALS,
// SESSION_EXPIRED, RATE_LIMITED, SERVER_ERROR, NETWORK_ERROR, …).
package main
