package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

// readBody reads at most limit bytes of the body.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		writeDecodeError(w, r, err, limit)
		return nil, false
	}
	return b, true
}

// decodeBytes is decodeStrict for a body already read.
func decodeBytes(w http.ResponseWriter, r *http.Request, b []byte, v any) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("body must hold a single JSON value")
		}
	}
	if err != nil {
		writeDecodeError(w, r, err, int64(len(b)))
		return false
	}
	return true
}

// isBatch tells a {"transactions": [...]} body from a single transaction.
func isBatch(b []byte) bool {
	var probe map[string]json.RawMessage
	if json.Unmarshal(b, &probe) != nil {
		return false
	}
	_, ok := probe["transactions"]
	return ok
}
