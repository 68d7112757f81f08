// Command fakepronote runs the fake PRONOTE server of protocol/pronotetest on a loopback
// address, for JavaScript tests, the pawnote interop and the dev server's demo school.
//
//	go run ./cmd/fakepronote -profile 2025 -encrypt -compress -now 2026-11-23
//
// Once listening it prints one JSON line on stdout:
//
//	{"url":"http://127.0.0.1:PORT/pronote/","profile":"2025","student":{"username":…,"password":…},"parent":{…},
//	 "twoFactor":{…},"twoFactorPIN":"1234","passwordChange":{…}}
//
// (the demo accounts' public credentials), then serves until SIGINT or SIGTERM. The test
// control endpoints of Server.Control are mounted under /__control/.
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pronote-web/pronote/protocol/pronotetest"
)

type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "fakepronote:", err)
		os.Exit(1)
	}
}

func run() error {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	profile := flag.String("profile", "2025", "PRONOTE profile: 2023, 2024.3.9, 2025 or 2026")
	encrypt := flag.Bool("encrypt", false, "encrypt payloads")
	compress := flag.Bool("compress", false, "compress payloads")
	legacyRSA := flag.Bool("legacy-rsa", false, "serve MR/ER of the server's own RSA key (≤ 2022 style)")
	httpMode := flag.Bool("http", false, "add http:true to Start(): the Uuid is RSA-encrypted with the constant key (needs -client-iv)")
	clientIV := flag.String("client-iv", "", "the client's iv_temp as hex, for -http (the server cannot decrypt the Uuid)")
	now := flag.String("now", "", "fixed dataset date YYYY-MM-DD (default: today)")
	requireCookie := flag.Bool("require-cookie", false, "require the session cookie on every POST")
	ent := flag.Bool("ent", false, "put the fake ENT (CAS) in front of the space pages (Options.ENT)")
	allowMissingMember := flag.Bool("allow-missing-member", false, "accept parent calls without Signature.membre (pawnote 1.6.2)")
	noICal := flag.Bool("no-ical", false, "play a school that publishes no iCal feed")
	flag.Parse()

	opts, err := options(*profile, *now)
	if err != nil {
		return err
	}
	opts.Encrypt, opts.Compress, opts.LegacyRSA, opts.HTTP = *encrypt, *compress, *legacyRSA, *httpMode
	if opts.ClientIV, err = hex.DecodeString(*clientIV); err != nil {
		return errors.New("bad -client-iv: want hex")
	}
	if *httpMode && len(opts.ClientIV) == 0 {
		return errors.New("-http needs -client-iv: the client's iv_temp as hex")
	}
	opts.RequireCookie, opts.AllowMissingMember, opts.ENT = *requireCookie, *allowMissingMember, *ent
	opts.NoICal = *noICal
	return serve(*addr, pronotetest.New(opts), opts.Profile.Name)
}

// options builds the server options of the profile and date flags.
func options(profile, now string) (pronotetest.Options, error) {
	p, ok := pronotetest.ProfileByName(profile)
	if !ok {
		return pronotetest.Options{}, fmt.Errorf("unknown profile %q", profile)
	}
	opts := pronotetest.Options{Profile: p}
	if now != "" {
		day, err := time.Parse("2006-01-02", now)
		if err != nil {
			return opts, fmt.Errorf("bad -now %q: want YYYY-MM-DD", now)
		}
		opts.Now = func() time.Time { return day }
	}
	return opts, nil
}

// serve listens, prints the JSON line and serves until a signal arrives.
func serve(addr string, srv *pronotetest.Server, profile string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		ln.Close()
		return errors.New("refusing a non-loopback address")
	}
	srv.URL = "http://" + ln.Addr().String() + pronotetest.RootPath
	mux := http.NewServeMux()
	mux.Handle(pronotetest.RootPath, srv)
	mux.Handle("/__control/", http.StripPrefix("/__control", srv.Control()))
	hs := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	line, _ := json.Marshal(struct {
		URL            string      `json:"url"`
		Profile        string      `json:"profile"`
		Student        credentials `json:"student"`
		Parent         credentials `json:"parent"`
		TwoFactor      credentials `json:"twoFactor"`
		TwoFactorPIN   string      `json:"twoFactorPIN"`
		PasswordChange credentials `json:"passwordChange"`
	}{srv.URL, profile,
		credentials{pronotetest.StudentUsername, pronotetest.StudentPassword},
		credentials{pronotetest.ParentUsername, pronotetest.ParentPassword},
		credentials{pronotetest.TwoFactorUsername, pronotetest.TwoFactorPassword}, pronotetest.TwoFactorPIN,
		credentials{pronotetest.PasswordChangeUsername, pronotetest.PasswordChangePassword}})
	fmt.Println(string(line))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		return hs.Shutdown(shut)
	}
}
