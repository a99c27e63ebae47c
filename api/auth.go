package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aithena/aithena/store"
	"github.com/ulule/limiter/v3"
	redisstore "github.com/ulule/limiter/v3/drivers/store/redis"
)

type userKey struct{}

func userFrom(ctx context.Context) store.User { return ctx.Value(userKey{}).(store.User) }

// authenticate accepts "Authorization: Bearer KEY" or "X-API-Key: KEY".
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-API-Key")
		if h := r.Header.Get("Authorization"); key == "" && h != "" {
			scheme, token, _ := strings.Cut(h, " ")
			if strings.EqualFold(scheme, "Bearer") {
				key = strings.TrimSpace(token)
			}
		}
		if key == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="aithena"`)
			writeProblem(w, r, http.StatusUnauthorized, "unauthorized", "an API key is required: Authorization: Bearer <key>")
			return
		}
		u, err := s.Store.UserByAPIKey(r.Context(), key)
		if errors.Is(err, store.ErrNotFound) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="aithena", error="invalid_token"`)
			writeProblem(w, r, http.StatusUnauthorized, "unauthorized", "the API key is not valid")
			return
		}
		if err != nil {
			s.internal(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	})
}

// rateLimit limits each user to RateLimit requests a minute, counted in Redis so that every
// API instance shares the budget.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.Config.RateLimit == 0 {
		return next
	}
	st, err := redisstore.NewStoreWithOptions(s.Redis, limiter.StoreOptions{Prefix: "aithena:ratelimit"})
	if err != nil {
		panic(err) // only fails on a nil client
	}
	lim := limiter.New(st, limiter.Rate{Period: time.Minute, Limit: int64(s.Config.RateLimit)})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userFrom(r.Context())
		c, err := lim.Get(r.Context(), u.ID.String())
		if err != nil {
			// Redis away: serve rather than fail every request; readyz reports it.
			s.Log.Warn("rate limiter unavailable", "error", err)
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("X-RateLimit-Limit", strconv.FormatInt(c.Limit, 10))
		w.Header().Set("X-RateLimit-Remaining", strconv.FormatInt(c.Remaining, 10))
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(c.Reset, 10))
		if c.Reached {
			w.Header().Set("Retry-After", strconv.FormatInt(max(1, c.Reset-time.Now().Unix()), 10))
			writeProblem(w, r, http.StatusTooManyRequests, "rate-limited", "too many requests; try again after Retry-After seconds")
			return
		}
		next.ServeHTTP(w, r)
	})
}
