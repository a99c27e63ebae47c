// Command gen builds the knowledge base the categorizer ships (categorize/kb/data/kb.tsv.gz)
// from the name-suggestion-index (NSI), a public list of brand and operator names with their
// OpenStreetMap tags:
//
//	make kb   # fetches the pinned NSI release with npm pack, then runs:
//	go run ./categorize/kb/gen -nsi DIR/package/dist/json/nsi.json -out categorize/kb/data/kb.tsv.gz
//
// Every NSI entry whose OSM tags say what it sells (shop=supermarket, amenity=fuel,
// tourism=hotel, office=insurance, power=plant operators, train networks, ...) becomes
// training data for its Plaid category through the table in tags.go; entries whose tags say
// nothing about spending (ATMs, banks, post boxes, schools run by a council, ...) are left
// out. A name keeps the category most of its entries agree on, if at least 60 % do.
//
// The same names, the lexicon's keywords and the generic words NSI lists per category (in
// many languages) train a multinomial naive-Bayes model over words and character 4-grams.
// Its confidence is calibrated on a fifth of the names held out from a first training run
// (histogram binning over the posterior, made monotone), then the model is trained on all
// of them. The output is deterministic: the same input gives the same bytes.
package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"log"
	"maps"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/categorize/kb"
)

type nsiFile struct {
	Meta struct {
		Version string `json:"version"`
	} `json:"_meta"`
	NSI map[string]struct {
		Properties struct {
			Exclude struct {
				Generic []string `json:"generic"`
			} `json:"exclude"`
		} `json:"properties"`
		Items []struct {
			ID          string            `json:"id"`
			DisplayName string            `json:"displayName"`
			MatchNames  []string          `json:"matchNames"`
			Tags        map[string]string `json:"tags"`
		} `json:"items"`
	} `json:"nsi"`
}

// doc is one training example: the tokens of a name and its category.
type doc struct {
	id    string
	toks  []string
	class string
}

const (
	alpha    = 0.1
	minShare = 0.6
	bins     = 10
	minCount = 2
)

func main() {
	in := flag.String("nsi", "", "the name-suggestion-index's dist/json/nsi.json")
	out := flag.String("out", "categorize/kb/data/kb.tsv.gz", "where to write the knowledge base")
	flag.Parse()
	if *in == "" {
		log.Fatal("-nsi is required")
	}
	raw, err := os.ReadFile(*in)
	if err != nil {
		log.Fatalf("read NSI: %v", err)
	}
	var f nsiFile
	if err := json.Unmarshal(raw, &f); err != nil {
		log.Fatalf("parse NSI: %v", err)
	}
	data, stats := build(f)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		log.Fatalf("write %s: %v", *out, err)
	}
	fmt.Fprintf(os.Stderr, "%s: %s\n", *out, stats)
}

func build(f nsiFile) ([]byte, string) {
	classes := slices.Clone(categorize.SystemCategories)
	classIdx := map[string]int{}
	for i, c := range classes {
		classIdx[c] = i
	}

	// Names: every spelling of an entry votes for its category once.
	votes := map[string]map[string]float64{}
	var docs []doc
	paths := slices.Sorted(maps.Keys(f.NSI))
	generic := 0
	for _, path := range paths {
		cat := f.NSI[path]
		kind, weight := kindOf(path)
		if kind == "" {
			continue
		}
		pathClass := ""
		for _, it := range cat.Items {
			class, ok := categoryOf(kind, it.Tags)
			if !ok {
				continue
			}
			pathClass = class
			names := map[string]bool{}
			vote := func(key string, w float64) bool {
				if key == "" || names[key] {
					return false
				}
				names[key] = true
				if votes[key] == nil {
					votes[key] = map[string]float64{}
				}
				votes[key][class] += w
				return true
			}
			for _, n := range spellings(it.DisplayName, it.Tags, it.MatchNames) {
				toks := kb.Tokens(n)
				if !vote(strings.Join(toks, " "), weight) {
					continue
				}
				docs = append(docs, doc{id: it.ID, toks: toks, class: class})
				// Statements often drop a store-kind word from the end ("BUNNINGS" for
				// Bunnings Warehouse): the shorter name votes too, with half the weight.
				if short, ok := withoutStoreWord(toks); ok {
					vote(strings.Join(short, " "), weight/2)
				}
			}
		}
		// The words NSI treats as generic for this kind ("bakery", "bäckerei",
		// "panadería") are the best evidence the model can have.
		if pathClass != "" {
			for _, w := range genericWords(cat.Properties.Exclude.Generic) {
				docs = append(docs, doc{id: "generic:" + w, toks: kb.Tokens(w), class: pathClass})
				generic++
			}
		}
	}
	for _, kw := range categorize.LexiconKeywords() {
		if kw.Out == "" || kw.Method {
			continue
		}
		docs = append(docs, doc{id: "lexicon:" + kw.Keyword, toks: kb.Tokens(kw.Keyword), class: kw.Out})
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "S\tname-suggestion-index %s (BSD-3-Clause; names collected from OpenStreetMap, ODbL 1.0)\n", f.Meta.Version)
	fmt.Fprintf(&b, "C\t%s\n", strings.Join(classes, ","))
	fmt.Fprintf(&b, "A\t%g\n", alpha)

	brands := 0
	for _, key := range slices.Sorted(maps.Keys(votes)) {
		v := votes[key]
		if !brandKey(key) {
			continue
		}
		var total float64
		top := ""
		for _, c := range slices.Sorted(maps.Keys(v)) {
			total += v[c]
			if top == "" || v[c] > v[top] {
				top = c
			}
		}
		share := v[top] / total
		if share < minShare {
			continue
		}
		fmt.Fprintf(&b, "B\t%s\t%d\t%d\t%d\n", key, classIdx[top], int(math.Round(share*100)), int(math.Ceil(total)))
		brands++
	}

	// Calibration: train on four fifths of the entries (split by entry, so the spellings of
	// one brand stay together), bin the posteriors of the held-out fifth.
	var train, held []doc
	for _, d := range docs {
		if bucket(d.id) == 0 {
			held = append(held, d)
		} else {
			train = append(train, d)
		}
	}
	cal := calibrate(train, held, classes, classIdx)
	full := fit(docs, classes, classIdx)
	fmt.Fprintf(&b, "V\t%d\n", len(full.counts))
	totals := make([]string, len(classes))
	for c := range classes {
		totals[c] = fmt.Sprint(full.totals[c])
	}
	fmt.Fprintf(&b, "D\t%s\n", strings.Join(totals, ","))
	for _, feat := range slices.Sorted(maps.Keys(full.counts)) {
		cs := full.counts[feat]
		parts := make([]string, 0, len(cs))
		for _, c := range slices.Sorted(maps.Keys(cs)) {
			parts = append(parts, fmt.Sprintf("%d:%d", c, cs[c]))
		}
		fmt.Fprintf(&b, "F\t%s\t%s\n", feat, strings.Join(parts, ","))
	}
	for _, bin := range cal {
		fmt.Fprintf(&b, "K\t%.3f\t%.3f\n", bin[0], bin[1])
	}

	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(b.Bytes())
	zw.Close()
	return z.Bytes(), fmt.Sprintf("%d brand keys, %d training names (%d generic words), %d features, calibration %v",
		brands, len(docs), generic, len(full.counts), cal)
}

// storeWords end names of chains without being part of what statements print.
var storeWords = map[string]bool{
	"warehouse": true, "supermarket": true, "supermarkets": true, "supermarkt": true, "store": true,
	"stores": true, "shop": true, "market": true, "markt": true, "express": true, "superstore": true,
	"hypermarket": true, "pharmacy": true, "apotheke": true, "restaurant": true, "restaurants": true,
	"hotel": true, "hotels": true, "cafe": true, "coffee": true, "drogerie": true, "baumarkt": true,
}

func withoutStoreWord(toks []string) ([]string, bool) {
	if len(toks) < 2 || !storeWords[toks[len(toks)-1]] {
		return nil, false
	}
	short := toks[:len(toks)-1]
	if len(short) == 1 && (len(short[0]) < 4 || kb.Stop(short[0])) {
		return nil, false
	}
	return short, true
}

// brandKey drops keys that would match ordinary words: single short tokens and single
// statement words.
func brandKey(key string) bool {
	if strings.Contains(key, " ") {
		return true
	}
	return len(key) >= 3 && !kb.Stop(key) && !isNumber(key)
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func bucket(id string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32() % 5
}

type counts struct {
	counts map[string]map[int]int
	totals []int
}

// features drops statement words, then takes kb.Features.
func features(toks []string) []string {
	var keep []string
	for _, t := range toks {
		if !kb.Stop(t) {
			keep = append(keep, t)
		}
	}
	return kb.Features(keep)
}

func fit(docs []doc, classes []string, classIdx map[string]int) counts {
	m := counts{counts: map[string]map[int]int{}, totals: make([]int, len(classes))}
	for _, d := range docs {
		c := classIdx[d.class]
		for _, f := range features(d.toks) {
			if m.counts[f] == nil {
				m.counts[f] = map[int]int{}
			}
			m.counts[f][c]++
			m.totals[c]++
		}
	}
	// A feature seen once (most 4-grams of a proper name) only memorises that name, which
	// the brand table already does; dropping them keeps the model a fraction of the size.
	for f, cs := range m.counts {
		n := 0
		for _, k := range cs {
			n += k
		}
		if n < minCount {
			for c, k := range cs {
				m.totals[c] -= k
			}
			delete(m.counts, f)
		}
	}
	return m
}

// calibrate returns bins of [posterior upper bound, accuracy] from a model trained on train
// and scored on held, with accuracies made non-decreasing (pool adjacent violators).
func calibrate(train, held []doc, classes []string, classIdx map[string]int) [][2]float64 {
	m := fit(train, classes, classIdx)
	vocab := float64(len(m.counts))
	logDenom := make([]float64, len(classes))
	for c := range classes {
		logDenom[c] = math.Log(float64(m.totals[c]) + alpha*vocab)
	}
	type obs struct {
		p  float64
		ok bool
	}
	var os []obs
	for _, d := range held {
		scores := make([]float64, len(classes))
		known := 0
		for _, f := range features(d.toks) {
			cs, ok := m.counts[f]
			if !ok {
				continue
			}
			known++
			for c := range scores {
				scores[c] += math.Log(alpha) - logDenom[c]
			}
			for c, n := range cs {
				scores[c] += math.Log(float64(n)+alpha) - math.Log(alpha)
			}
		}
		if known == 0 {
			continue
		}
		top := 0
		for c := range scores {
			if scores[c] > scores[top] {
				top = c
			}
		}
		var z float64
		for c := range scores {
			z += math.Exp(scores[c] - scores[top])
		}
		os = append(os, obs{1 / z, classes[top] == d.class})
	}
	slices.SortFunc(os, func(a, b obs) int { return cmp.Compare(a.p, b.p) })
	// Equal-count bins, then pool adjacent violators on their accuracies.
	type pool struct{ up, ok, n float64 }
	var ps []pool
	for i := range bins {
		lo, hi := i*len(os)/bins, (i+1)*len(os)/bins
		if hi <= lo {
			continue
		}
		p := pool{up: os[hi-1].p}
		for _, o := range os[lo:hi] {
			p.n++
			if o.ok {
				p.ok++
			}
		}
		ps = append(ps, p)
		for len(ps) >= 2 && ps[len(ps)-1].ok/ps[len(ps)-1].n < ps[len(ps)-2].ok/ps[len(ps)-2].n {
			last, prev := ps[len(ps)-1], ps[len(ps)-2]
			ps = append(ps[:len(ps)-2], pool{up: last.up, ok: last.ok + prev.ok, n: last.n + prev.n})
		}
	}
	out := make([][2]float64, len(ps))
	for i, p := range ps {
		out[i] = [2]float64{p.up, p.ok / p.n}
	}
	if len(out) > 0 {
		out[len(out)-1][0] = 1
	}
	return out
}

// spellings are the names an entry is known by: its display name, brand and name tags (also
// the localized ones in Latin script) and NSI's match names.
func spellings(display string, tags map[string]string, match []string) []string {
	out := []string{display}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		base, lang, _ := strings.Cut(k, ":")
		if (base == "brand" || base == "name" || base == "operator" || base == "network" || k == "short_name") &&
			(lang == "" || len(lang) == 2) && latin(tags[k]) {
			out = append(out, tags[k])
		}
	}
	for _, m := range match {
		if latin(m) {
			out = append(out, m)
		}
	}
	return out
}

func latin(s string) bool {
	for _, r := range s {
		if r > 0x024F && r != '’' && r != '–' {
			return false
		}
	}
	return true
}

var simpleAlt = regexp.MustCompile(`^\^\(?([\p{L} |'’-]+)\)?\$$`)

// genericWords expands NSI's generic-name patterns that are plain alternatives of words
// ("^(bakery|bäckerei|boulangerie)$"); patterns with other regular-expression syntax are
// skipped.
func genericWords(patterns []string) []string {
	var out []string
	for _, p := range patterns {
		m := simpleAlt.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		for _, w := range strings.Split(m[1], "|") {
			if w = strings.TrimSpace(w); w != "" && latin(w) {
				out = append(out, w)
			}
		}
	}
	return out
}
