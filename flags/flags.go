// Package flags decides feature flags: a flag is off, on for everyone, or on for a stable
// percentage of users (the same users every time, chosen by a hash of flag and user).
package flags

import (
	"crypto/sha256"
	"encoding/binary"

	"github.com/google/uuid"
)

// NewCategorizationAgent turns the LLM categorization agent on.
const NewCategorizationAgent = "new_categorization_agent"

// Flag is a flag's setting.
type Flag struct {
	Name       string `json:"name"`
	Enabled    bool   `json:"enabled"`
	Percentage int    `json:"percentage"`
}

// Bucket places a user in 0..99 for a flag; independent flags get independent buckets.
func Bucket(name string, userID uuid.UUID) int {
	h := sha256.Sum256(append([]byte(name+":"), userID[:]...))
	return int(binary.BigEndian.Uint64(h[:8]) % 100)
}

// On tells whether the flag is on for the user.
func (f Flag) On(userID uuid.UUID) bool {
	return f.Enabled && Bucket(f.Name, userID) < f.Percentage
}
