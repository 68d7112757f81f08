package relay

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DefaultUserAgent is the User-Agent PRONOTE servers accept from every generation
// (protocol.md §2.3). Note the two spaces before "PRONOTE".
const DefaultUserAgent = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:73.0) Gecko/20100101 Firefox/73.0  PRONOTE Mobile APP"

// Defaults used for the zero fields of a [Config].
const (
	DefaultHosts            = "*.index-education.net"
	DefaultPathPrefix       = "/pronote/"
	DefaultOrigins          = "*"
	DefaultMaxRequestBytes  = 1 << 20
	DefaultMaxResponseBytes = 8 << 20
	DefaultUpstreamTimeout  = 30 * time.Second
	DefaultLoginLimit       = 10
	DefaultLoginWindow      = 10 * time.Minute
)

// Config configures the relay. The zero value of each field means its default.
type Config struct {
	// Hosts lists the upstream hosts allowed, each "[scheme://]name[:port]": an exact name
	// ("demo.example.org"), a wildcard over subdomains ("*.index-education.net", at least two
	// labels after "*."), or an IPv4 literal. Scheme is https unless "http://" is written;
	// a port must be listed to be allowed. IP literals and localhost match only exact entries.
	Hosts []string
	// PathPrefixes lists the allowed path prefixes, each starting with "/".
	PathPrefixes []string
	// Origins lists the browser origins allowed ("https://app.example"), or "*" for all.
	Origins []string
	// UserAgent is sent upstream on every request.
	UserAgent string
	// MaxRequestBytes caps the request body.
	MaxRequestBytes int64
	// MaxResponseBytes caps the upstream response body.
	MaxResponseBytes int64
	// UpstreamTimeout bounds an upstream exchange, body included.
	UpstreamTimeout time.Duration
	// LoginLimit and LoginWindow bound the Identification requests one client (IP) may send
	// to one school host: at most LoginLimit in any LoginWindow (see [Limiter]).
	LoginLimit  int
	LoginWindow time.Duration
	// Limiter, when set, counts the Identification requests instead of an in-memory
	// [WindowLimiter] of LoginLimit per LoginWindow (the Worker sets Cloudflare's binding).
	Limiter Limiter
}

// Worker variable names read by [ConfigFromEnv].
const (
	EnvHosts            = "PRONOTE_HOSTS"
	EnvPathPrefixes     = "PATH_PREFIXES"
	EnvOrigins          = "ALLOWED_ORIGINS"
	EnvUserAgent        = "USER_AGENT"
	EnvMaxRequestBytes  = "MAX_REQUEST_BYTES"
	EnvMaxResponseBytes = "MAX_RESPONSE_BYTES"
	EnvUpstreamTimeout  = "UPSTREAM_TIMEOUT_MS"
	EnvLoginLimit       = "LOGIN_LIMIT"
	EnvLoginWindow      = "LOGIN_WINDOW_SECONDS"
)

// ConfigFromEnv builds a Config from variables read with getenv (os.Getenv, or the Worker's
// environment). Lists are separated by commas or spaces; empty variables mean defaults.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Hosts:        splitList(getenv(EnvHosts)),
		PathPrefixes: splitList(getenv(EnvPathPrefixes)),
		Origins:      splitList(getenv(EnvOrigins)),
		UserAgent:    strings.TrimSpace(getenv(EnvUserAgent)),
	}
	var err error
	if c.MaxRequestBytes, err = envInt(getenv, EnvMaxRequestBytes); err != nil {
		return Config{}, err
	}
	if c.MaxResponseBytes, err = envInt(getenv, EnvMaxResponseBytes); err != nil {
		return Config{}, err
	}
	ms, err := envInt(getenv, EnvUpstreamTimeout)
	if err != nil {
		return Config{}, err
	}
	c.UpstreamTimeout = time.Duration(ms) * time.Millisecond
	limit, err := envInt(getenv, EnvLoginLimit)
	if err != nil {
		return Config{}, err
	}
	c.LoginLimit = int(min(limit, 1<<30))
	secs, err := envInt(getenv, EnvLoginWindow)
	if err != nil {
		return Config{}, err
	}
	c.LoginWindow = time.Duration(min(secs, 1<<30)) * time.Second
	return c, nil
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
}

func envInt(getenv func(string) string, name string) (int64, error) {
	s := strings.TrimSpace(getenv(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("relay: %s must be a positive integer", name)
	}
	return n, nil
}

// policy is a validated Config with defaults applied.
type policy struct {
	hosts       []hostRule
	prefixes    []string
	anyOrigin   bool
	origins     map[string]bool
	userAgent   string
	maxRequest  int64
	maxResponse int64
	timeout     time.Duration
	limiter     Limiter
}

func (c Config) compile() (*policy, error) {
	p := &policy{
		userAgent:   orDefault(c.UserAgent, DefaultUserAgent),
		maxRequest:  orDefault(c.MaxRequestBytes, DefaultMaxRequestBytes),
		maxResponse: orDefault(c.MaxResponseBytes, DefaultMaxResponseBytes),
		timeout:     orDefault(c.UpstreamTimeout, DefaultUpstreamTimeout),
		origins:     map[string]bool{},
		limiter:     c.Limiter,
	}
	if p.limiter == nil {
		p.limiter = NewWindowLimiter(orDefault(c.LoginLimit, DefaultLoginLimit), orDefault(c.LoginWindow, DefaultLoginWindow))
	}
	if c.LoginLimit < 0 || c.LoginWindow < 0 {
		return nil, errors.New("relay: the login limit and window must be positive")
	}
	if err := checkHeaderValue(p.userAgent); err != nil {
		return nil, errors.New("relay: user agent has control characters")
	}
	for _, s := range orDefaultList(c.Hosts, []string{DefaultHosts}) {
		rule, err := parseHostRule(s)
		if err != nil {
			return nil, err
		}
		p.hosts = append(p.hosts, rule)
	}
	for _, s := range orDefaultList(c.PathPrefixes, []string{DefaultPathPrefix}) {
		if !strings.HasPrefix(s, "/") || strings.Contains(s, "..") || checkRaw(s) != nil {
			return nil, fmt.Errorf("relay: path prefix %q must start with / and be plain", s)
		}
		p.prefixes = append(p.prefixes, s)
	}
	return p, p.addOrigins(orDefaultList(c.Origins, []string{DefaultOrigins}))
}

func (p *policy) addOrigins(list []string) error {
	for _, o := range list {
		switch {
		case o == "*":
			p.anyOrigin = true
		case (strings.HasPrefix(o, "https://") || strings.HasPrefix(o, "http://")) &&
			!strings.HasSuffix(o, "/") && checkRaw(o) == nil:
			p.origins[strings.ToLower(o)] = true
		default:
			return fmt.Errorf("relay: origin %q must be * or scheme://host[:port]", o)
		}
	}
	return nil
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

func orDefaultList(v, def []string) []string {
	if len(v) == 0 {
		return def
	}
	return v
}
