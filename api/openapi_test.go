package api

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aithena/aithena/categorize"
	"github.com/gorilla/mux"
)

// These tests need no database, Redis or Temporal: Routes() only registers handlers.

var specMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// publicRoutes are served without an API key.
var publicRoutes = map[string]bool{"/healthz": true, "/readyz": true, "/openapi.json": true, "/docs": true}

// loadTestSpec decodes the embedded spec independently of the docs renderer.
func loadTestSpec(t *testing.T) map[string]any {
	t.Helper()
	b, err := specFS.ReadFile("openapi.json")
	if err != nil {
		t.Fatalf("reading the embedded openapi.json: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	return doc
}

type specOp struct {
	path, method string
	op           map[string]any
}

func (o specOp) String() string { return strings.ToUpper(o.method) + " " + o.path }

func specOperations(t *testing.T, doc map[string]any) []specOp {
	t.Helper()
	paths, ok := doc["paths"].(map[string]any)
	if !ok || len(paths) == 0 {
		t.Fatal("openapi.json has no paths")
	}
	var ops []specOp
	for path, item := range paths {
		im, ok := item.(map[string]any)
		if !ok {
			t.Fatalf("paths[%q] is not an object", path)
		}
		for key, v := range im {
			if !slices.Contains(specMethods, key) {
				continue
			}
			op, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%s %s is not an object", key, path)
			}
			ops = append(ops, specOp{path, key, op})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].String() < ops[j].String() })
	return ops
}

func TestOpenAPISpecIsValid(t *testing.T) {
	doc := loadTestSpec(t)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", v)
	}
	info, _ := doc["info"].(map[string]any)
	for _, k := range []string{"title", "version", "description"} {
		if s, _ := info[k].(string); strings.TrimSpace(s) == "" {
			t.Errorf("info.%s is empty", k)
		}
	}
	if d, _ := info["description"].(string); !strings.Contains(d, "negative") || !strings.Contains(d, "amount_minor") {
		t.Error("info.description should explain the money convention (decimal strings, negative = money out, amount_minor)")
	}
	ops := specOperations(t, doc)
	for _, o := range ops {
		if s, _ := o.op["summary"].(string); strings.TrimSpace(s) == "" {
			t.Errorf("%s has no summary", o)
		}
		resps, _ := o.op["responses"].(map[string]any)
		if len(resps) == 0 {
			t.Errorf("%s has no responses", o)
		}
		for code := range resps {
			if n, err := strconv.Atoi(code); (err != nil && code != "default") || (err == nil && (n < 100 || n > 599)) {
				t.Errorf("%s: response key %q is not a status code", o, code)
			}
		}
		// Every {param} in the path is declared as a required path parameter.
		declared := map[string]bool{}
		params, _ := o.op["parameters"].([]any)
		for _, p := range params {
			pm := resolveParam(t, doc, p)
			if pm["in"] == "path" && pm["required"] == true {
				declared[pm["name"].(string)] = true
			}
		}
		for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(o.path, -1) {
			if !declared[m[1]] {
				t.Errorf("%s: path parameter %q is not declared as a required path parameter", o, m[1])
			}
		}
	}
	// The embedded spec must also go through the docs renderer's own parser.
	if _, err := parseSpec(mustSpec(t)); err != nil {
		t.Errorf("parseSpec: %v", err)
	}
}

func mustSpec(t *testing.T) []byte {
	t.Helper()
	b, err := specFS.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func resolveParam(t *testing.T, doc map[string]any, p any) map[string]any {
	t.Helper()
	pm, _ := p.(map[string]any)
	if ref, ok := pm["$ref"].(string); ok {
		v, err := lookupPointer(doc, ref)
		if err != nil {
			t.Fatalf("parameter %s: %v", ref, err)
		}
		pm, _ = v.(map[string]any)
	}
	if pm == nil {
		t.Fatalf("parameter %v is not an object", p)
	}
	return pm
}

// TestOpenAPIMatchesRoutes checks the spec documents exactly the routes the router serves.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	router := (&Server{}).Routes()
	served := map[string]bool{}
	err := router.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tpl, err := route.GetPathTemplate()
		if err != nil {
			return nil // a subrouter without a path of its own
		}
		methods, err := route.GetMethods()
		if err != nil {
			return nil // a path prefix, not an endpoint
		}
		for _, m := range methods {
			served[m+" "+tpl] = true
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walking the router: %v", err)
	}
	if len(served) == 0 {
		t.Fatal("the router has no routes")
	}
	documented := map[string]bool{}
	for _, o := range specOperations(t, loadTestSpec(t)) {
		documented[o.String()] = true
	}
	var undocumented, unserved []string
	for k := range served {
		if !documented[k] {
			undocumented = append(undocumented, k)
		}
	}
	for k := range documented {
		if !served[k] {
			unserved = append(unserved, k)
		}
	}
	sort.Strings(undocumented)
	sort.Strings(unserved)
	if len(undocumented) > 0 {
		t.Errorf("routes served by Routes() but missing from api/openapi.json paths:\n  %s", strings.Join(undocumented, "\n  "))
	}
	if len(unserved) > 0 {
		t.Errorf("operations in api/openapi.json that Routes() does not serve:\n  %s", strings.Join(unserved, "\n  "))
	}
}

func TestOpenAPISecurity(t *testing.T) {
	doc := loadTestSpec(t)
	comps, _ := doc["components"].(map[string]any)
	schemes, _ := comps["securitySchemes"].(map[string]any)
	var bearer, apiKey bool
	for _, s := range schemes {
		sm, _ := s.(map[string]any)
		switch {
		case sm["type"] == "http" && strings.EqualFold(fmt.Sprint(sm["scheme"]), "bearer"):
			bearer = true
		case sm["type"] == "apiKey" && sm["in"] == "header" && sm["name"] == "X-API-Key":
			apiKey = true
		}
	}
	if !bearer || !apiKey {
		t.Errorf("securitySchemes should hold an http bearer scheme (found: %v) and an X-API-Key header apiKey scheme (found: %v)", bearer, apiKey)
	}
	for _, o := range specOperations(t, doc) {
		raw, present := o.op["security"]
		reqs, isList := raw.([]any)
		switch {
		case !present || !isList:
			t.Errorf("%s does not declare security (want [] for a public route, the API key schemes otherwise)", o)
		case publicRoutes[o.path] && len(reqs) != 0:
			t.Errorf("%s is public but declares security %v; want security: []", o, reqs)
		case !publicRoutes[o.path] && len(reqs) == 0:
			t.Errorf("%s needs an API key but declares security: []", o)
		}
		for _, r := range reqs {
			rm, _ := r.(map[string]any)
			for name := range rm {
				if _, ok := schemes[name]; !ok {
					t.Errorf("%s: security scheme %q is not in components.securitySchemes", o, name)
				}
			}
		}
		// Errors are problem details (readyz's 503 is its ordinary readiness report).
		resps, _ := o.op["responses"].(map[string]any)
		for code, r := range resps {
			if n, _ := strconv.Atoi(code); n < 400 || o.path == "/readyz" {
				continue
			}
			rm, _ := r.(map[string]any)
			if ref, ok := rm["$ref"].(string); ok {
				v, err := lookupPointer(doc, ref)
				if err != nil {
					continue // reported by TestOpenAPIRefsResolve
				}
				rm, _ = v.(map[string]any)
			}
			content, _ := rm["content"].(map[string]any)
			if _, ok := content["application/problem+json"]; !ok {
				t.Errorf("%s: response %s is not application/problem+json", o, code)
			}
		}
	}
}

// externalAsset matches a script, stylesheet, image or frame loaded from another host.
var externalAsset = regexp.MustCompile(`(?i)<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=\s*["']?\s*(https?:)?//|@import|url\(\s*["']?\s*(https?:)?//`)

func TestDocsPage(t *testing.T) {
	page, err := docsPage()
	if err != nil {
		t.Fatalf("rendering the docs from openapi.json: %v", err)
	}
	if len(page) == 0 {
		t.Fatal("the docs page is empty")
	}

	rec := httptest.NewRecorder()
	(&Server{}).Routes().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/docs", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /docs = %d, want 200: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("GET /docs Content-Type = %q, want text/html", ct)
	}
	raw := rec.Body.String()
	body := html.UnescapeString(raw) // html/template escapes such characters as + and '
	for _, o := range specOperations(t, loadTestSpec(t)) {
		if !strings.Contains(body, o.path) {
			t.Errorf("the docs page does not mention %s", o.path)
		}
		if s, _ := o.op["summary"].(string); !strings.Contains(body, s) {
			t.Errorf("the docs page does not show the summary of %s (%q)", o, s)
		}
	}
	for _, want := range []string{"X-API-Key", "Idempotency-Key", "application/problem+json", "amount_minor"} {
		if !strings.Contains(body, want) {
			t.Errorf("the docs page does not mention %s", want)
		}
	}
	if m := externalAsset.FindString(raw); m != "" {
		t.Errorf("the docs page loads something from the network (it must work offline): %q", m)
	}
	if strings.Contains(strings.ToLower(raw), "<script") {
		t.Error("the docs page has a <script>; it should be plain HTML and CSS")
	}
}

// TestDocsRejectsBrokenSpec makes sure a spec that does not parse is an error, not a blank page.
func TestDocsRejectsBrokenSpec(t *testing.T) {
	for name, spec := range map[string]string{
		"truncated":       `{"openapi": "3.1.0", "info": {"title": "x"`,
		"trailing":        `{"openapi": "3.1.0", "info": {}, "paths": {}} {}`,
		"wrong version":   `{"openapi": "3.0.3", "info": {}, "paths": {}}`,
		"no paths":        `{"openapi": "3.1.0", "info": {}}`,
		"broken $ref":     `{"openapi": "3.1.0", "info": {}, "paths": {"/x": {"get": {"summary": "x", "responses": {"200": {"$ref": "#/components/responses/Nope"}}}}}}`,
		"not an object":   `[]`,
		"duplicate field": `{"openapi": "3.1.0", "openapi": "3.1.0", "info": {}, "paths": {}}`,
	} {
		if _, err := renderDocs([]byte(spec)); err == nil {
			t.Errorf("%s: renderDocs accepted a broken spec", name)
		}
	}
}

// TestOpenAPIRefsResolve checks every $ref points at something in the document.
func TestOpenAPIRefsResolve(t *testing.T) {
	doc := loadTestSpec(t)
	var refs int
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			if ref, ok := x["$ref"].(string); ok {
				refs++
				if _, err := lookupPointer(doc, ref); err != nil {
					t.Errorf("%s: $ref %q does not resolve: %v", at, ref, err)
				}
			}
			for k, c := range x {
				walk(c, at+"/"+k)
			}
		case []any:
			for i, c := range x {
				walk(c, at+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(doc, "#")
	if refs == 0 {
		t.Error("the spec has no $ref at all; expected shared components")
	}
}

// lookupPointer resolves a local JSON pointer (RFC 6901) in a document decoded by encoding/json.
func lookupPointer(doc map[string]any, ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("not a local reference")
	}
	var cur any = doc
	for _, part := range strings.Split(ref[2:], "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[part]
			if !ok {
				return nil, fmt.Errorf("no %q", part)
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil, fmt.Errorf("no index %q", part)
			}
			cur = c[i]
		default:
			return nil, fmt.Errorf("%q is inside a scalar", part)
		}
	}
	return cur, nil
}

// TestForecastSchemaMatchesView keeps the spec's CategoryForecast and the handler's view in
// step: every JSON field of the view is a property of the schema, required, with the right
// type, and the schema has no property the view lacks.
func TestForecastSchemaMatchesView(t *testing.T) {
	doc := loadTestSpec(t)
	schema := doc["components"].(map[string]any)["schemas"].(map[string]any)["CategoryForecast"].(map[string]any)
	props := schema["properties"].(map[string]any)
	required := map[string]bool{}
	for _, r := range schema["required"].([]any) {
		required[r.(string)] = true
	}
	view := reflect.TypeOf(categoryForecastView{})
	for i := range view.NumField() {
		f := view.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		want := "string"
		if f.Type.Kind() == reflect.Bool {
			want = "boolean"
		}
		p, ok := props[name].(map[string]any)
		switch {
		case !ok:
			t.Errorf("field %q of the forecast view is not in the spec", name)
		case p["type"] != want:
			t.Errorf("property %q has type %v, want %s", name, p["type"], want)
		case !required[name]:
			t.Errorf("property %q is not required, though always present", name)
		}
		delete(props, name)
	}
	for name := range props {
		t.Errorf("the spec's CategoryForecast has %q, which the view does not send", name)
	}
}

// TestCategoryMethodsInSpec: every method a categorization decision can carry is in the
// spec's CategoryMethod enum.
func TestCategoryMethodsInSpec(t *testing.T) {
	doc := loadTestSpec(t)
	enum := doc["components"].(map[string]any)["schemas"].(map[string]any)["CategoryMethod"].(map[string]any)["enum"].([]any)
	have := map[string]bool{}
	for _, e := range enum {
		have[e.(string)] = true
	}
	for _, m := range []string{categorize.MethodRule, categorize.MethodMemory, categorize.MethodFamily, categorize.MethodNeighbours,
		categorize.MethodMCC, categorize.MethodLexicon, categorize.MethodBrand, categorize.MethodModel, categorize.MethodFallback,
		categorize.MethodCorrection, categorize.MethodAgent} {
		if !have[m] {
			t.Errorf("method %q is missing from CategoryMethod's enum", m)
		}
	}
}
