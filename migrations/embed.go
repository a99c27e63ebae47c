// Package migrations holds the SQL schema, embedded in the binary and applied with goose.
package migrations

import "embed"

// FS is the set of goose migrations, in order of their numeric prefix.
//
//go:embed *.sql
var FS embed.FS
