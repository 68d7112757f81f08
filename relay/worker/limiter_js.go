package main

import (
	"context"
	"syscall/js"
)

// bindingLimiter is a relay.Limiter over Cloudflare's rate-limiting binding:
// limit({key}) resolves to {success}. Its counts are per Cloudflare location and approximate,
// and its period is 10 or 60 seconds (wrangler.toml).
type bindingLimiter struct{ b js.Value }

func (l bindingLimiter) Allow(_ context.Context, key string) (bool, error) {
	arg := js.Global().Get("Object").New()
	arg.Set("key", key)
	v, err := await(l.b.Call("limit", arg))
	if err != nil {
		return false, err
	}
	return v.Get("success").Bool(), nil
}
