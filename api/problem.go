package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/aithena/aithena/ledger"
)

// Problem is an RFC 9457 problem details body. Errors lists each field that is wrong.
type Problem struct {
	Type     string              `json:"type"`
	Title    string              `json:"title"`
	Status   int                 `json:"status"`
	Detail   string              `json:"detail,omitempty"`
	Instance string              `json:"instance,omitempty"`
	Errors   []ledger.FieldError `json:"errors,omitempty"`
}

const problemBase = "https://aithena.dev/problems/"

func writeProblem(w http.ResponseWriter, r *http.Request, status int, kind, detail string, fields ...ledger.FieldError) {
	p := Problem{
		Type: problemBase + kind, Title: http.StatusText(status), Status: status, Detail: detail,
		Instance: r.URL.Path, Errors: fields,
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

func writeValidation(w http.ResponseWriter, r *http.Request, fields []ledger.FieldError) {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Field
	}
	writeProblem(w, r, http.StatusUnprocessableEntity, "validation",
		"these fields are not valid: "+strings.Join(names, ", "), fields...)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// decodeStrict reads one JSON value into v, rejecting unknown fields, trailing data and bodies
// over the limit; a failure is turned into a problem that names the field when it can.
func decodeStrict(w http.ResponseWriter, r *http.Request, limit int64, v any) bool {
	b, ok := readBody(w, r, limit)
	return ok && decodeBytes(w, r, b, v)
}

func writeDecodeError(w http.ResponseWriter, r *http.Request, err error, limit int64) {
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var amountErr *amountError
	switch {
	case errors.As(err, &tooBig):
		writeProblem(w, r, http.StatusRequestEntityTooLarge, "body-too-large", fmt.Sprintf("the body is larger than %d bytes", limit))
	case errors.As(err, &amountErr):
		writeValidation(w, r, []ledger.FieldError{{Field: amountErr.field, Message: amountErr.msg}})
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			field = "body"
		}
		writeValidation(w, r, []ledger.FieldError{{Field: field, Message: fmt.Sprintf("must be a %s, not a JSON %s", jsonKind(typeErr.Type.Kind().String()), typeErr.Value)}})
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		writeProblem(w, r, http.StatusBadRequest, "malformed-json", "the body is not valid JSON: "+err.Error())
	case errors.Is(err, io.EOF):
		writeProblem(w, r, http.StatusBadRequest, "malformed-json", "the body is empty; a JSON object is required")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		writeValidation(w, r, []ledger.FieldError{{Field: field, Message: "is not a known field"}})
	default:
		writeProblem(w, r, http.StatusBadRequest, "malformed-json", err.Error())
	}
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice", "array":
		return "array"
	case "struct", "map":
		return "object"
	case "bool":
		return "boolean"
	}
	return "number"
}

// amountError is a badly typed amount; it names its field.
type amountError struct{ field, msg string }

func (e *amountError) Error() string { return e.field + ": " + e.msg }

// Amount accepts a decimal as a JSON string ("-4.50", preferred: exact) or a JSON number,
// keeping its text so no float ever touches money.
type Amount string

// UnmarshalJSON implements json.Unmarshaler.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case strings.HasPrefix(s, `"`):
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*a = Amount(v)
	case s == "null":
		*a = ""
	case len(s) > 0 && (s[0] == '-' || (s[0] >= '0' && s[0] <= '9')):
		*a = Amount(s)
	default:
		return &amountError{"amount", "must be a decimal string such as \"-4.50\" or a JSON number"}
	}
	return nil
}

// oneOf lists the words a field accepts, for its error message: "a", "b" or "c".
func oneOf[T ~string](words ...T) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = strconv.Quote(string(w))
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
