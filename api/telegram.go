package api

import (
	"net/http"
	"time"
)

// linkCode makes a one-time code that links a Telegram chat to the caller (send /start CODE).
func (s *Server) linkCode(w http.ResponseWriter, r *http.Request) {
	code, err := s.Store.NewLinkCode(r.Context(), userFrom(r.Context()).ID, 15*time.Minute)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"code": code, "send": "/start " + code, "expires_in_seconds": 900})
}
