package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// The reference page is rendered once, server-side, from the embedded OpenAPI document: it
// needs no JavaScript, no stylesheet and no font from anywhere, so it works offline.

var (
	docsOnce sync.Once
	docsHTML []byte
	docsErr  error
)

// docsPage returns the rendered reference page; the spec is parsed and rendered only once.
func docsPage() ([]byte, error) {
	docsOnce.Do(func() {
		b, err := specFS.ReadFile("openapi.json")
		if err != nil {
			docsErr = err
			return
		}
		docsHTML, docsErr = renderDocs(b)
	})
	return docsHTML, docsErr
}

func (s *Server) docs(w http.ResponseWriter, r *http.Request) {
	page, err := docsPage()
	if err != nil {
		if s.Log != nil {
			s.Log.Error("rendering the API reference", "error", err)
		}
		writeProblem(w, r, http.StatusInternalServerError, "internal", "the API reference could not be rendered")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write(page)
}

// specObject is a JSON object that keeps its keys in document order, so the page lists paths,
// properties and examples in the order the spec gives them.
type specObject struct {
	keys []string
	vals map[string]any
}

func (o *specObject) get(key string) any {
	if o == nil {
		return nil
	}
	return o.vals[key]
}

func (o *specObject) obj(key string) *specObject {
	v, _ := o.get(key).(*specObject)
	return v
}

func (o *specObject) str(key string) string {
	v, _ := o.get(key).(string)
	return v
}

func (o *specObject) arr(key string) []any {
	v, _ := o.get(key).([]any)
	return v
}

func (o *specObject) has(key string) bool {
	return o != nil && o.vals[key] != nil
}

// MarshalJSON writes the keys in order, without escaping <, > and & (the page escapes).
func (o *specObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, err := marshalPlain(k)
		if err != nil {
			return nil, err
		}
		vb, err := marshalPlain(o.vals[k])
		if err != nil {
			return nil, err
		}
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func marshalPlain(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// parseSpec decodes an OpenAPI document, keeping key order, and checks its outline.
func parseSpec(b []byte) (*specObject, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeOrdered(dec)
	if err != nil {
		return nil, fmt.Errorf("openapi.json: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("openapi.json: data after the document")
	}
	root, ok := v.(*specObject)
	switch {
	case !ok:
		return nil, errors.New("openapi.json: the document is not a JSON object")
	case !strings.HasPrefix(root.str("openapi"), "3.1."):
		return nil, fmt.Errorf("openapi.json: openapi is %q, want 3.1.x", root.str("openapi"))
	case root.obj("info") == nil || root.obj("paths") == nil:
		return nil, errors.New("openapi.json: info or paths is missing")
	}
	return root, nil
}

func decodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		o := &specObject{vals: map[string]any{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, ok := kt.(string)
			if !ok {
				return nil, fmt.Errorf("object key %v is not a string", kt)
			}
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := o.vals[k]; dup {
				return nil, fmt.Errorf("duplicate key %q", k)
			}
			o.keys = append(o.keys, k)
			o.vals[k] = v
		}
		if _, err := dec.Token(); err != nil { // '}'
			return nil, err
		}
		return o, nil
	case json.Delim('['):
		a := []any{}
		for dec.More() {
			v, err := decodeOrdered(dec)
			if err != nil {
				return nil, err
			}
			a = append(a, v)
		}
		if _, err := dec.Token(); err != nil { // ']'
			return nil, err
		}
		return a, nil
	}
	return tok, nil
}

// resolvePointer follows a local reference such as "#/components/schemas/Transaction".
func resolvePointer(root any, ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("%s: only local references (#/...) are supported", ref)
	}
	cur := root
	for _, part := range strings.Split(ref[2:], "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		o, ok := cur.(*specObject)
		if !ok || !o.has(part) {
			return nil, fmt.Errorf("%s: %q not found", ref, part)
		}
		cur = o.vals[part]
	}
	return cur, nil
}

// Views the template renders.

type docView struct {
	Title, Version, Summary string
	Description             []string
	Auth                    []authView
	DefaultAuth             string
	Groups                  []groupView
	Schemas                 []schemaView
}

type authView struct{ Name, Kind, Description string }

type groupView struct {
	Name, Anchor, Description string
	Ops                       []opView
}

type opView struct {
	Method, MethodClass, Path, Anchor, Summary string
	Description                                []string
	Security                                   string
	Public                                     bool
	Params                                     []paramView
	Body                                       *bodyView
	Responses                                  []responseView
}

type paramView struct {
	Name, In, Description, Constraints, Example string
	Type                                        []typePart
	Required                                    bool
}

type typePart struct{ Text, Anchor string }

type bodyView struct {
	Description string
	Required    bool
	Media       []mediaView
}

type mediaView struct {
	Type     string
	Schema   []typePart
	Tables   []tableView
	Examples []exampleView
}

type tableView struct {
	Caption, Anchor, Note string
	Fields                []fieldView
}

type fieldView struct {
	Name, Description, Constraints string
	Type                           []typePart
	Required                       bool
}

type exampleView struct{ Title, Text string }

type responseView struct {
	Code, Class, Description string
	Headers                  []paramView
	Media                    []mediaView
}

type schemaView struct {
	Name, Anchor, Description string
	Type                      []typePart
	Table                     *tableView
	Examples                  []exampleView
}

// docRenderer turns the spec into views, resolving references against root.
type docRenderer struct {
	root *specObject
	err  error
}

func renderDocs(spec []byte) ([]byte, error) {
	root, err := parseSpec(spec)
	if err != nil {
		return nil, err
	}
	d := &docRenderer{root: root}
	v := d.view()
	if d.err != nil {
		return nil, d.err
	}
	var buf bytes.Buffer
	if err := docsTemplate.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// deref follows $ref chains; a broken reference is recorded and yields nil.
func (d *docRenderer) deref(v any) *specObject {
	for range 32 {
		o, ok := v.(*specObject)
		if !ok {
			return nil
		}
		ref := o.str("$ref")
		if ref == "" {
			return o
		}
		next, err := resolvePointer(d.root, ref)
		if err != nil {
			if d.err == nil {
				d.err = err
			}
			return nil
		}
		v = next
	}
	return nil
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var notAnchor = regexp.MustCompile(`[^A-Za-z0-9]+`)

func anchor(parts ...string) string {
	return strings.Trim(notAnchor.ReplaceAllString(strings.Join(parts, "-"), "-"), "-")
}

func (d *docRenderer) view() docView {
	info := d.root.obj("info")
	v := docView{
		Title:       info.str("title"),
		Version:     info.str("version"),
		Summary:     info.str("summary"),
		Description: paragraphs(info.str("description")),
	}
	schemes := d.root.obj("components").obj("securitySchemes")
	for _, name := range schemes.keysOrNil() {
		sc := d.deref(schemes.get(name))
		kind := sc.str("type")
		switch kind {
		case "http":
			kind = "HTTP " + sc.str("scheme") + ": the header Authorization: " + titleCase(sc.str("scheme")) + " <key>"
		case "apiKey":
			kind = "API key in the " + sc.str("in") + " " + sc.str("name")
		}
		v.Auth = append(v.Auth, authView{Name: name, Kind: kind, Description: sc.str("description")})
	}
	v.DefaultAuth = securityText(d.root.arr("security"))

	// Group operations by their first tag, in the order of the top-level tags.
	groups := map[string]*groupView{}
	var order []string
	addGroup := func(name, desc string) *groupView {
		if g, ok := groups[name]; ok {
			return g
		}
		groups[name] = &groupView{Name: name, Anchor: anchor("tag", name), Description: desc}
		order = append(order, name)
		return groups[name]
	}
	for _, t := range d.root.arr("tags") {
		if to, ok := t.(*specObject); ok {
			addGroup(to.str("name"), to.str("description"))
		}
	}
	paths := d.root.obj("paths")
	for _, path := range paths.keys {
		item := d.deref(paths.get(path))
		for _, m := range item.keysOrNil() {
			if !slices.Contains(httpMethods, m) {
				continue
			}
			op := d.deref(item.get(m))
			tag := "Other"
			if tags := op.arr("tags"); len(tags) > 0 {
				tag, _ = tags[0].(string)
			}
			g := addGroup(tag, "")
			g.Ops = append(g.Ops, d.operation(path, m, item, op))
		}
	}
	for _, name := range order {
		if g := groups[name]; len(g.Ops) > 0 {
			v.Groups = append(v.Groups, *g)
		}
	}

	schemas := d.root.obj("components").obj("schemas")
	for _, name := range schemas.keysOrNil() {
		s := d.deref(schemas.get(name))
		sv := schemaView{Name: name, Anchor: anchor("schema", name), Description: s.str("description"), Type: d.typeOf(s)}
		if s.obj("properties") != nil {
			t := d.table(s, "", "")
			sv.Table = &t
		}
		if s.obj("properties") != nil || s.has("examples") {
			sv.Examples = d.examples(nil, s, true)
		}
		v.Schemas = append(v.Schemas, sv)
	}
	return v
}

func (o *specObject) keysOrNil() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// securityText describes a security requirement list: alternatives joined by "or".
func securityText(reqs []any) string {
	if len(reqs) == 0 {
		return "none: this route is public"
	}
	var alts []string
	for _, r := range reqs {
		ro, ok := r.(*specObject)
		if !ok {
			continue
		}
		if len(ro.keys) == 0 {
			alts = append(alts, "none")
			continue
		}
		alts = append(alts, strings.Join(ro.keys, " and "))
	}
	return strings.Join(alts, " or ")
}

func (d *docRenderer) operation(path, method string, item, op *specObject) opView {
	ov := opView{
		Method:      strings.ToUpper(method),
		MethodClass: "m-" + method,
		Path:        path,
		Anchor:      anchor("op", method, path),
		Summary:     op.str("summary"),
		Description: paragraphs(op.str("description")),
	}
	sec := d.root.arr("security")
	if op.has("security") {
		sec = op.arr("security")
	}
	ov.Security = securityText(sec)
	ov.Public = len(sec) == 0
	params := append(slices.Clone(item.arr("parameters")), op.arr("parameters")...)
	for _, p := range params {
		ov.Params = append(ov.Params, d.param(d.deref(p)))
	}
	if rb := d.deref(op.get("requestBody")); rb != nil {
		ov.Body = &bodyView{Description: rb.str("description"), Required: rb.get("required") == true, Media: d.media(rb.obj("content"), true)}
	}
	resps := op.obj("responses")
	for _, code := range resps.keysOrNil() {
		r := d.deref(resps.get(code))
		rv := responseView{Code: code, Class: "s" + code[:1], Description: r.str("description"), Media: d.media(r.obj("content"), false)}
		hs := r.obj("headers")
		for _, name := range hs.keysOrNil() {
			h := d.deref(hs.get(name))
			pv := d.param(h)
			pv.Name = name
			rv.Headers = append(rv.Headers, pv)
		}
		ov.Responses = append(ov.Responses, rv)
	}
	return ov
}

func (d *docRenderer) param(p *specObject) paramView {
	schema := p.get("schema")
	pv := paramView{
		Name: p.str("name"), In: p.str("in"), Description: p.str("description"),
		Required: p.get("required") == true, Type: d.typeOf(schema), Constraints: d.constraints(d.deref(schema)),
	}
	if p.has("example") {
		pv.Example = plain(p.get("example"))
	}
	return pv
}

// media lists each content type with its schema: for a request body a field table of the
// schema (or of each alternative), and an example for both.
func (d *docRenderer) media(content *specObject, tables bool) []mediaView {
	var out []mediaView
	for _, ct := range content.keysOrNil() {
		m := d.deref(content.get(ct))
		schemaRaw := m.get("schema")
		mv := mediaView{Type: ct, Schema: d.typeOf(schemaRaw)}
		if tables {
			for _, alt := range d.alternatives(schemaRaw) {
				s := d.deref(alt)
				if s.obj("properties") == nil {
					continue
				}
				caption, anc := "", ""
				if ao, ok := alt.(*specObject); ok && ao.str("$ref") != "" {
					caption = refName(ao.str("$ref"))
					anc = "#" + anchor("schema", caption)
				}
				mv.Tables = append(mv.Tables, d.table(s, caption, anc))
			}
		}
		mv.Examples = d.examples(m, d.deref(schemaRaw), strings.Contains(ct, "json"))
		out = append(out, mv)
	}
	return out
}

// alternatives splits a oneOf/anyOf schema (after references) into its branches.
func (d *docRenderer) alternatives(raw any) []any {
	s := d.deref(raw)
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts := s.arr(k); len(alts) > 0 {
			return alts
		}
	}
	return []any{raw}
}

// examples picks the media type's examples, else the schema's, else (for JSON) one built from
// the schema.
func (d *docRenderer) examples(m, schema *specObject, synth bool) []exampleView {
	if m.has("example") {
		return []exampleView{{Text: exampleText(m.get("example"))}}
	}
	if exs := m.obj("examples"); exs != nil {
		var out []exampleView
		for _, name := range exs.keys {
			e := d.deref(exs.get(name))
			title := e.str("summary")
			if title == "" {
				title = name
			}
			out = append(out, exampleView{Title: title, Text: exampleText(e.get("value"))})
		}
		return out
	}
	if schema == nil {
		return nil
	}
	if exs := schema.arr("examples"); len(exs) > 0 {
		return []exampleView{{Text: exampleText(exs[0])}}
	}
	if !synth {
		return nil
	}
	return []exampleView{{Text: exampleText(d.synthesize(schema, 0))}}
}

func exampleText(v any) string {
	if s, ok := v.(string); ok && strings.Contains(s, "\n") {
		return s // a CSV file or other text body: show it as it is
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimRight(buf.String(), "\n")
}

// synthesize builds an example value from a schema when the spec gives none.
func (d *docRenderer) synthesize(raw any, depth int) any {
	s := d.deref(raw)
	if s == nil || depth > 6 {
		return nil
	}
	if exs := s.arr("examples"); len(exs) > 0 {
		return exs[0]
	}
	for _, k := range []string{"example", "const", "default"} {
		if s.has(k) {
			return s.get(k)
		}
	}
	if e := s.arr("enum"); len(e) > 0 {
		return e[0]
	}
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		if alts := s.arr(k); len(alts) > 0 {
			return d.synthesize(alts[0], depth+1)
		}
	}
	switch schemaTypes(s)[0] {
	case "object":
		o := &specObject{vals: map[string]any{}}
		props := s.obj("properties")
		for _, k := range props.keysOrNil() {
			o.keys = append(o.keys, k)
			o.vals[k] = d.synthesize(props.get(k), depth+1)
		}
		return o
	case "array":
		return []any{d.synthesize(s.get("items"), depth+1)}
	case "integer", "number":
		return 0
	case "boolean":
		return false
	case "null":
		return nil
	}
	switch s.str("format") {
	case "uuid":
		return "00000000-0000-0000-0000-000000000000"
	case "date":
		return "2024-05-03"
	case "date-time":
		return "2024-05-03T09:12:44Z"
	}
	return "string"
}

func schemaTypes(s *specObject) []string {
	switch t := s.get("type").(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if xs, ok := x.(string); ok {
				out = append(out, xs)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	if s.obj("properties") != nil {
		return []string{"object"}
	}
	return []string{"any"}
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

// typeOf names a schema's type, linking referenced component schemas.
func (d *docRenderer) typeOf(raw any) []typePart {
	s, ok := raw.(*specObject)
	if !ok || s == nil {
		return []typePart{{Text: "any"}}
	}
	if ref := s.str("$ref"); ref != "" {
		name := refName(ref)
		if strings.HasPrefix(ref, "#/components/schemas/") {
			return []typePart{{Text: name, Anchor: "#" + anchor("schema", name)}}
		}
		return d.typeOf(d.deref(s))
	}
	for _, k := range []string{"oneOf", "anyOf"} {
		if alts := s.arr(k); len(alts) > 0 {
			var out []typePart
			for i, a := range alts {
				if i > 0 {
					out = append(out, typePart{Text: " | "})
				}
				out = append(out, d.typeOf(a)...)
			}
			return out
		}
	}
	if all := s.arr("allOf"); len(all) == 1 {
		return d.typeOf(all[0])
	}
	var out []typePart
	for i, t := range schemaTypes(s) {
		if i > 0 {
			out = append(out, typePart{Text: " | "})
		}
		switch {
		case t == "array" && s.has("items"):
			out = append(out, typePart{Text: "array of "})
			out = append(out, d.typeOf(s.get("items"))...)
		case t == "object" && s.obj("properties") == nil && s.obj("additionalProperties") != nil:
			out = append(out, typePart{Text: "map of "})
			out = append(out, d.typeOf(s.get("additionalProperties"))...)
		case s.str("format") != "" && t != "null":
			out = append(out, typePart{Text: t + " (" + s.str("format") + ")"})
		default:
			out = append(out, typePart{Text: t})
		}
	}
	return out
}

// constraints describes a schema's validation keywords in a line.
func (d *docRenderer) constraints(s *specObject) string {
	if s == nil {
		return ""
	}
	var out []string
	add := func(label, key string) {
		if s.has(key) {
			out = append(out, label+" "+plain(s.get(key)))
		}
	}
	if e := s.arr("enum"); len(e) > 0 {
		vals := make([]string, len(e))
		for i, x := range e {
			vals[i] = plain(x)
		}
		out = append(out, "one of: "+strings.Join(vals, ", "))
	}
	add("always", "const")
	add("pattern", "pattern")
	add("min length", "minLength")
	add("max length", "maxLength")
	add("min", "minimum")
	add("max", "maximum")
	add("min items", "minItems")
	add("max items", "maxItems")
	add("default", "default")
	add("media type", "contentMediaType")
	return strings.Join(out, "; ")
}

func plain(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := marshalPlain(v)
	return string(b)
}

// table lists an object schema's properties; inline nested objects and arrays of objects are
// flattened with dotted names (a.b, a[].b).
func (d *docRenderer) table(s *specObject, caption, anc string) tableView {
	t := tableView{Caption: caption, Anchor: anc}
	if s.get("additionalProperties") == false {
		t.Note = "Unknown fields are rejected."
	}
	d.fields(s, "", &t.Fields, 0)
	return t
}

func (d *docRenderer) fields(s *specObject, prefix string, out *[]fieldView, depth int) {
	if depth > 4 {
		return
	}
	required := map[string]bool{}
	for _, r := range s.arr("required") {
		if rs, ok := r.(string); ok {
			required[rs] = true
		}
	}
	props := s.obj("properties")
	for _, name := range props.keysOrNil() {
		raw := props.get(name)
		p, _ := raw.(*specObject)
		resolved := d.deref(raw)
		desc := p.str("description")
		if desc == "" {
			desc = resolved.str("description")
		}
		*out = append(*out, fieldView{
			Name: prefix + name, Type: d.typeOf(raw), Required: required[name],
			Description: desc, Constraints: d.constraints(resolved),
		})
		if p.str("$ref") != "" {
			continue // documented under Schemas
		}
		switch {
		case p.obj("properties") != nil:
			d.fields(p, prefix+name+".", out, depth+1)
		case p.obj("items") != nil && p.obj("items").str("$ref") == "" && p.obj("items").obj("properties") != nil:
			d.fields(p.obj("items"), prefix+name+"[].", out, depth+1)
		}
	}
}

var docsTemplate = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} {{.Version}}</title>
<style>
:root { --fg: #1d2330; --muted: #5b6475; --line: #dfe3ea; --bg: #f7f8fa; --accent: #2f5bd3; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); display: flex; }
nav { position: sticky; top: 0; height: 100vh; overflow-y: auto; width: 270px; flex: none; padding: 1rem; background: var(--bg); border-right: 1px solid var(--line); font-size: 13px; }
nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 1rem 0 .3rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li { margin: .15rem 0; }
nav a { color: var(--fg); text-decoration: none; }
nav a:hover { color: var(--accent); }
main { flex: 1; min-width: 0; max-width: 1000px; padding: 1.5rem 2rem 4rem; }
h1 { margin: 0 0 .3rem; } h1 small { font-size: 55%; color: var(--muted); font-weight: normal; }
h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--line); padding-bottom: .3rem; }
h3 { margin: 0; font-size: 1.1rem; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
h4 { margin: 1.1rem 0 .4rem; font-size: .95rem; }
a { color: var(--accent); }
code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: #0f172a; color: #e2e8f0; padding: .8rem 1rem; border-radius: 6px; overflow-x: auto; margin: .4rem 0; }
section.op { border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin: 1.2rem 0; }
.summary { color: var(--muted); margin: .3rem 0 .6rem; font-weight: 500; }
.method { font: bold 12px/1 ui-monospace, monospace; color: #fff; padding: .35rem .5rem; border-radius: 4px; min-width: 4.2em; text-align: center; }
.m-get { background: #1f7a4d; } .m-post { background: #2f5bd3; } .m-patch { background: #b5651d; } .m-put { background: #7a4fc2; } .m-delete { background: #c0392b; }
.auth { font-size: 13px; color: var(--muted); } .auth b { color: var(--fg); }
.public { background: #e6f4ea; color: #1f7a4d; font-size: 11px; padding: .1rem .45rem; border-radius: 10px; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .6rem; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .5rem; }
th { background: var(--bg); font-weight: 600; }
td.name { font-family: ui-monospace, monospace; white-space: nowrap; }
.req { color: #c0392b; font-size: 11px; font-weight: 600; }
.con { color: var(--muted); font-size: 12px; display: block; }
.code { font-weight: bold; font-family: ui-monospace, monospace; }
.s2 { color: #1f7a4d; } .s4 { color: #b5651d; } .s5 { color: #c0392b; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
details { margin: .3rem 0; } summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.note { color: var(--muted); font-size: 12.5px; margin: 0 0 .6rem; }
</style>
</head>
<body>
<nav>
<strong><a href="#top">{{.Title}}</a></strong>
<ul><li><a href="#auth">Authentication</a></li><li><a href="/openapi.json">openapi.json</a></li></ul>
{{range .Groups}}<h2><a href="#{{.Anchor}}">{{.Name}}</a></h2>
<ul>{{range .Ops}}<li><a href="#{{.Anchor}}"><code>{{.Method}}</code> {{.Path}}</a></li>{{end}}</ul>
{{end}}<h2><a href="#schemas">Schemas</a></h2>
<ul>{{range .Schemas}}<li><a href="#{{.Anchor}}">{{.Name}}</a></li>{{end}}</ul>
</nav>
<main id="top">
<h1>{{.Title}} <small>{{.Version}}</small></h1>
{{if .Summary}}<p class="summary">{{.Summary}}</p>{{end}}
{{range .Description}}<p>{{.}}</p>
{{end}}<p>The machine-readable OpenAPI 3.1 document is at <a href="/openapi.json"><code>/openapi.json</code></a>.</p>

<h2 id="auth">Authentication</h2>
<p>Unless a route is marked public, send an API key in one of these ways (required: {{.DefaultAuth}}):</p>
<table><tr><th>Scheme</th><th>How</th><th>Notes</th></tr>
{{range .Auth}}<tr><td class="name">{{.Name}}</td><td>{{.Kind}}</td><td>{{.Description}}</td></tr>
{{end}}</table>
<p>A missing or unknown key is answered with <code>401</code> and a <code>WWW-Authenticate</code> header; a spent per-minute budget with <code>429</code> and <code>Retry-After</code>.</p>
{{range .Groups}}
<h2 id="{{.Anchor}}">{{.Name}}</h2>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{range .Ops}}<section class="op" id="{{.Anchor}}">
<h3><span class="method {{.MethodClass}}">{{.Method}}</span> <code>{{.Path}}</code>{{if .Public}} <span class="public">public</span>{{end}}</h3>
<p class="summary">{{.Summary}}</p>
{{range .Description}}<p>{{.}}</p>
{{end}}<p class="auth"><b>Authentication:</b> {{.Security}}</p>
{{if .Params}}<h4>Parameters</h4>
<table><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr>
{{range .Params}}<tr><td class="name">{{.Name}}{{if .Required}} <span class="req">required</span>{{end}}</td><td>{{.In}}</td><td>{{template "type" .Type}}</td><td>{{.Description}}{{if .Constraints}}<span class="con">{{.Constraints}}</span>{{end}}{{if .Example}}<span class="con">example: <code>{{.Example}}</code></span>{{end}}</td></tr>
{{end}}</table>
{{end}}{{with .Body}}<h4>Request body{{if .Required}} <span class="req">required</span>{{end}}</h4>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{range .Media}}<p><code>{{.Type}}</code>: {{template "type" .Schema}}</p>
{{range .Tables}}{{template "table" .}}{{end}}{{template "examples" .Examples}}{{end}}{{end}}
<h4>Responses</h4>
<table><tr><th>Status</th><th>Description</th><th>Body</th></tr>
{{range .Responses}}<tr><td class="code {{.Class}}">{{.Code}}</td><td>{{.Description}}{{range .Headers}}<span class="con">header <code>{{.Name}}</code>: {{.Description}}</span>{{end}}</td>
<td>{{range .Media}}<div><code>{{.Type}}</code>: {{template "type" .Schema}}{{if .Examples}}<details><summary>example</summary>{{template "examples" .Examples}}</details>{{end}}</div>{{end}}</td></tr>
{{end}}</table>
</section>
{{end}}{{end}}
<h2 id="schemas">Schemas</h2>
{{range .Schemas}}<section class="op" id="{{.Anchor}}">
<h3>{{.Name}}</h3>
<p class="note">{{template "type" .Type}}</p>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{with .Table}}{{template "table" .}}{{end}}{{if .Examples}}<details><summary>example</summary>{{template "examples" .Examples}}</details>{{end}}
</section>
{{end}}</main>
</body>
</html>
{{- define "type"}}{{range .}}{{if .Anchor}}<a href="{{.Anchor}}">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}{{end -}}
{{define "table"}}<table>{{if .Caption}}<caption>{{if .Anchor}}<a href="{{.Anchor}}">{{.Caption}}</a>{{else}}{{.Caption}}{{end}}</caption>{{end}}
<tr><th>Field</th><th>Type</th><th>Description</th></tr>
{{range .Fields}}<tr><td class="name">{{.Name}}{{if .Required}} <span class="req">required</span>{{end}}</td><td>{{template "type" .Type}}</td><td>{{.Description}}{{if .Constraints}}<span class="con">{{.Constraints}}</span>{{end}}</td></tr>
{{end}}</table>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}{{end -}}
{{define "examples"}}{{range .}}{{if .Title}}<p class="note">{{.Title}}</p>{{end}}<pre>{{.Text}}</pre>{{end}}{{end -}}
`))
