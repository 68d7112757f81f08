package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/pronote-web/pronote/protocol/pronotetest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "devserver:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("devserver", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8787", "listen address (loopback only; port 0 picks a free one)")
	dir := fs.String("dir", ".", "the directory holding index.html and dist/")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := listen(*addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	h, demo, err := newHandler(*dir, base)
	if err != nil {
		ln.Close()
		return err
	}
	printBanner(out, base, demo)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, ln, h)
}

// listen opens a loopback address; a busy default port falls back to a free one.
func listen(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, errors.New("refusing a non-loopback address: the demo is for this machine only")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	return ln, err
}

// serve runs the server until ctx ends, then shuts it down.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		err := hs.Shutdown(shut)
		fmt.Fprintln(os.Stderr, "\ndevserver: stopped")
		return err
	}
}

func printBanner(out io.Writer, base string, d demoInfo) {
	fmt.Fprintf(out, "\n  Préau demo:    %s/   (Préau, a free client for PRONOTE; not affiliated with Index Education)\n\n", base)
	fmt.Fprintf(out, "  demo school    %s (through the relay at %s/relay/)\n", d.URL, base)
	fmt.Fprintf(out, "  student        %s / %s\n", pronotetest.StudentUsername, pronotetest.StudentPassword)
	fmt.Fprintf(out, "  parent         %s / %s\n", pronotetest.ParentUsername, pronotetest.ParentPassword)
	fmt.Fprintf(out, "  double auth    %s / %s, PIN %s (asked once per device)\n", pronotetest.TwoFactorUsername,
		pronotetest.TwoFactorPassword, pronotetest.TwoFactorPIN)
	fmt.Fprintf(out, "  new password   %s / %s (must choose a new password, 8 characters or more)\n",
		pronotetest.PasswordChangeUsername, pronotetest.PasswordChangePassword)
	fmt.Fprintf(out, "  QR code        %s/demo-qr (student) or %s/demo-qr?kind=parent: paste the text, PIN %s\n", base, base, demoQRPIN)
	fmt.Fprintf(out, "  ENT (CAS)      %scas/login, with the accounts above (for the §12.1 handshake)\n\n", d.URL)
	fmt.Fprintln(out, "  Ctrl-C stops the server.")
}
