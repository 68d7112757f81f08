// Command devserver runs the whole static demo on one loopback port: the page (index.html and
// dist/), the relay (package relay, allowed to reach the demo school over http on loopback)
// and a demo school (protocol/pronotetest with its demo dataset laid out around today).
//
//	./build.sh serve                 # builds dist/, then runs this command
//	go run ./cmd/devserver -addr 127.0.0.1:8787 -dir .
//
// It prints the page's address and the demo accounts' public credentials, and stops cleanly
// on Ctrl-C. The page is configured through its <meta name="pronote-…"> tags, which the server
// fills in; the same files work on any static host with query parameters instead
// (web/README-ui.md).
package main
