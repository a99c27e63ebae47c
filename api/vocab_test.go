package api

import (
	"fmt"
	"slices"
	"testing"

	"github.com/aithena/aithena/vocab"
)

// The spec's enums are vocab's lists: a word added in one place and not the other fails here.
func TestSpecEnumsAreVocab(t *testing.T) {
	doc := loadTestSpec(t)
	cases := []struct {
		path []string
		want []string
	}{
		{[]string{"components", "schemas", "Transaction", "properties", "status", "enum"}, words(vocab.StoredStatuses())},
		{[]string{"components", "schemas", "Transaction", "properties", "step", "enum"}, words(vocab.Steps())},
		{[]string{"components", "schemas", "Alert", "properties", "kind", "enum"}, words(vocab.AlertKinds())},
		{[]string{"components", "schemas", "Alert", "properties", "severity", "enum"}, words(vocab.Severities())},
		{[]string{"components", "schemas", "Alert", "properties", "status", "enum"}, words(vocab.AlertStates())},
		{[]string{"components", "schemas", "ReviewRequest", "properties", "verdict", "enum"}, words(vocab.OwnerVerdicts())},
		{[]string{"components", "schemas", "ReviewResult", "properties", "verdict", "enum"}, words(vocab.OwnerVerdicts())},
		{[]string{"paths", "/v1/alerts", "get", "parameters", "0", "schema", "enum"}, words(vocab.AlertStates())},
		{[]string{"paths", "/v1/alerts", "get", "parameters", "1", "schema", "enum"}, words(vocab.AlertKinds())},
	}
	for _, c := range cases {
		got := specWords(t, doc, c.path)
		if !slices.Equal(got, c.want) {
			t.Errorf("%v = %v, want %v (package vocab)", c.path, got, c.want)
		}
	}
}

func words[T ~string](ws []T) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = string(w)
	}
	return out
}

// specWords follows path (object keys and array indexes) to a list of strings.
func specWords(t *testing.T, doc map[string]any, path []string) []string {
	t.Helper()
	var cur any = doc
	for _, p := range path {
		switch v := cur.(type) {
		case map[string]any:
			cur = v[p]
		case []any:
			var i int
			if _, err := fmt.Sscan(p, &i); err != nil || i >= len(v) {
				t.Fatalf("%v: no element %s", path, p)
			}
			cur = v[i]
		default:
			t.Fatalf("%v: %s is not in the spec", path, p)
		}
	}
	list, ok := cur.([]any)
	if !ok {
		t.Fatalf("%v is not a list", path)
	}
	out := make([]string, len(list))
	for i, w := range list {
		out[i], _ = w.(string)
	}
	return out
}
