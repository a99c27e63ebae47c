// Package merchant turns raw bank descriptions into clean merchant names
// ("POS PURCHASE STARBUCKS #1234 SEATTLE WA 07/14" → "Starbucks") and into
// stable keys for grouping transactions by merchant.
//
// Descriptors follow loose conventions rather than a grammar, so Normalize
// is a pipeline of heuristics: drop what banks and processors add around the
// name, then title-case what is left. It never fails; at worst it returns
// the tidied input.
package merchant

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns a display name for the merchant of a raw bank
// description. It strips transaction-type prefixes (POS, CHECKCARD,
// Lastschrift, ...), processor codes (SQ *, TST*, PAYPAL *), store numbers,
// dates, card masks, references, domains and trailing locations, maps
// common brands to their usual spelling and title-cases the rest. Input
// with a letter always gives a non-empty name, which has a letter too
// unless the input's letters all come after its first KiB.
func Normalize(raw string) string {
	name := step(upper(prepare(namedField(raw))))
	// A pass can expose new noise (a prefix behind a processor code, a
	// state code behind a store number), so repeat until stable: stored
	// names get normalized again and must not drift. Passes mostly remove
	// words or map to a fixed brand name, so this settles within a round or
	// two; the bound is only a guard.
	for range 8 {
		next := step(upper(name))
		if next == name {
			break
		}
		name = next
	}
	return name
}

// namedField returns the counterparty of a structured SEPA line ("/TRTP/SEPA Incasso
// .../NAME/DUO Hoofdrekening/MARF/...", as Dutch banks export them): the text of its NAME
// field. Other input comes back as it is.
func namedField(raw string) string {
	i := strings.Index(strings.ToUpper(raw), "/NAME/")
	if i < 0 || !strings.HasPrefix(strings.TrimSpace(raw), "/") {
		return raw
	}
	rest := raw[i+len("/NAME/"):]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		rest = rest[:j]
	}
	if strings.TrimSpace(rest) == "" {
		return raw
	}
	return rest
}

// maxInput bounds the work per description. Real descriptors are under
// 200 bytes (SEPA remittance text is at most 140 characters); the rest of
// anything longer is noise.
const maxInput = 1024

// prepare makes raw valid UTF-8 without leading blanks and cuts it to
// maxInput bytes; a rune split by the cut is invalid and becomes a space in
// upper. Trimming first keeps the cut from leaving nothing.
func prepare(raw string) string {
	s := strings.TrimLeftFunc(strings.ToValidUTF8(raw, " "), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	})
	return s[:min(len(s), maxInput)]
}

// step is one pass of Normalize on upper-cased input.
func step(s string) string {
	name := clean(s)
	if name == "" || (hasLetter(s) && !hasLetter(name)) {
		name = fallback(s)
	}
	return name
}

// Key returns a grouping key for a merchant name: lower case, letters and
// digits only, words separated by single spaces, common Latin accents
// folded. Apostrophes vanish so that "Joe's" and "JOES" agree. Key expects
// a Normalize result; it does not remove store numbers or locations itself,
// so that user-chosen names are grouped exactly as written.
func Key(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	gap := false
	for _, r := range name {
		switch {
		case r == '\'' || r == '’' || r == '`' || r == '´':
			// Inside a word: "McDonald's" → "mcdonalds".
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			r = unicode.ToLower(r)
			if f, ok := foldRune[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		default:
			gap = true
		}
	}
	return b.String()
}

// foldRune folds accents so that "Café" and "CAFE" share a key; banks often
// drop accents, users type them.
var foldRune = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i",
	'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o",
	'ø': "o", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
	'ß': "ss", 'æ': "ae", 'œ': "oe",
}

// domainMark tags a token that came from a domain name. Such a token names
// the merchant only when nothing precedes it ("NETFLIX.COM"); later on it
// is contact information ("UBER *TRIP HELP.UBER.COM"). Control characters
// never survive upper, so the mark cannot clash with input.
const domainMark = "\x01"

// clean runs one pass of the pipeline on upper-cased input; "" means
// nothing was left.
func clean(s string) string {
	toks := combine(segments(s))
	if len(toks) == 0 {
		return ""
	}
	if name, ok := alias(toks); ok {
		return name
	}
	toks = cutAtStoreNumber(toks)
	toks = trimTrailing(toks)
	return titleCase(toks)
}

// upper makes input valid UTF-8 in upper case, turns whitespace and control
// characters into spaces and detaches '#' so that "STORE#12" has a store
// number token.
func upper(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	for _, r := range strings.ToValidUTF8(raw, " ") {
		switch {
		case r == '#':
			b.WriteString(" #")
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// segments splits the input at '*', the separator processors and
// marketplaces put between their code, the merchant and a reference, and
// tidies each segment's tokens. Card masks go first because they contain
// stars themselves.
func segments(s string) [][]string {
	var kept []string
	for _, f := range strings.Fields(s) {
		if !isMask(f) {
			kept = append(kept, f)
		}
	}
	var segs [][]string
	for _, part := range strings.Split(strings.Join(kept, " "), "*") {
		if t := tidy(strings.Fields(part)); len(t) > 0 {
			segs = append(segs, t)
		}
	}
	return segs
}

// tidy drops dates and times, reduces domains to their name and splits
// tokens at punctuation that never belongs to a name.
func tidy(fs []string) []string {
	out := make([]string, 0, len(fs))
	for i, f := range fs {
		if isDate(f) || isTime(f) {
			continue
		}
		if f == "ON" && i+1 < len(fs) && isDate(fs[i+1]) {
			continue // "ON 12/07"
		}
		if label, ok := domainLabel(f); ok {
			if label != "" {
				out = append(out, domainMark+label)
			}
			continue
		}
		for _, p := range strings.FieldsFunc(f, isSeparator) {
			if p = trimEdges(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// combine joins the star-separated segments: a processor code gives way to
// the merchant after it, and a segment that starts with a reference ends
// the name ("AMZN MKTP US*2K4L33").
func combine(segs [][]string) []string {
	var out []string
	for i, seg := range segs {
		if i > 0 && len(out) > 0 && !isProcessor(out) && (isRef(seg[0]) || isNumber(seg[0])) {
			break
		}
		seg = stripLeading(seg)
		switch {
		case i == 0 || len(out) == 0:
			out = seg
		case len(seg) == 0:
		case isProcessor(out):
			out = seg
		default:
			out = append(out, seg...)
		}
	}
	res := out[:0:0]
	for i, t := range out {
		if label, ok := strings.CutPrefix(t, domainMark); ok {
			if i > 0 {
				continue
			}
			t = label
		}
		res = append(res, t)
	}
	return res
}

// isProcessor reports whether toks is just a processor code.
func isProcessor(toks []string) bool { return len(toks) <= 2 && processors[keyOf(toks)] }

// stripLeading removes transaction-type prefixes and the numbers, dates and
// references that follow them ("CHECKCARD 0714 ..."). A known brand stops
// it, so that "MC DONALDS" keeps its "MC".
func stripLeading(seg []string) []string {
	afterPrefix := false
	for len(seg) > 0 {
		if _, ok := alias(seg); ok {
			return seg
		}
		if n := matchPrefix(seg, prefixes); n > 0 {
			seg, afterPrefix = seg[n:], true
			continue
		}
		t := seg[0]
		// Short leading numbers are kept unless a prefix came first:
		// "99 RANCH MARKET" is a name, "POS 12 ..." is not.
		if tokenKey(t) == "" || isRef(t) || isStoreNumber(t) ||
			(isNumber(t) && (afterPrefix || digitCount(t) >= 4)) {
			seg = seg[1:]
			continue
		}
		break
	}
	return seg
}

// cutAtStoreNumber ends the name at the first store number, reference,
// reference keyword or "KEY:value" field after its first word: what follows is location or
// bookkeeping ("SHELL OIL 57442 HOUSTON TX", "COMCAST DES:CABLE ID:123").
// Numbers of one or two digits stay, as in "PIER 1 IMPORTS".
func cutAtStoreNumber(toks []string) []string {
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if isStoreNumber(t) || isRef(t) || (refWords[tokenKey(t)] && i+1 < len(toks)) || strings.IndexByte(t, ':') > 0 ||
			(isNumber(t) && digitCount(t) >= 3) {
			toks = toks[:i]
			for len(toks) > 1 && storeWords[tokenKey(toks[len(toks)-1])] {
				toks = toks[:len(toks)-1]
			}
			break
		}
	}
	return toks
}

// trimTrailing removes trailing numbers, noise words, legal forms, state
// and country codes and cities, always keeping the first word. A city that
// is not in the table is recognised only by position: the word before a
// state code, when at least two words would remain.
func trimTrailing(toks []string) []string {
	afterState := false
	for len(toks) > 1 {
		n := len(toks)
		last := toks[n-1]
		k := tokenKey(last)
		switch {
		case k == "" || isNumber(last) || isRef(last) || isStoreNumber(last):
			toks = toks[:n-1]
			continue
		case k == "CO" && n >= 3 && tokenKey(toks[n-2]) == "":
			toks = toks[:n-2] // "& CO"
			continue
		}
		if m := matchSuffix(toks, trailingNoise); m > 0 && m < n {
			toks = toks[:n-m]
			continue
		}
		// Codes that are also words ("CO", "IN", "MD") need a city before
		// them or a long name to count as a location.
		if ambiguous, ok := states[k]; ok && (!ambiguous || n >= 4 || matchSuffix(toks[:n-1], cities) > 0) {
			toks, afterState = toks[:n-1], true
			continue
		}
		if m := matchSuffix(toks, cities); m > 0 && m < n {
			toks, afterState = toks[:n-m], false
			continue
		}
		if afterState && n >= 3 {
			m := 1
			if n >= 4 && cityPrefixes[tokenKey(toks[n-2])] {
				m = 2
			}
			toks = toks[:n-m]
		}
		break
	}
	return toks
}

// fallback is the tidied input, used when cleaning left nothing (or no
// letters): the tokens cleaning worked on, without prefix and trailing
// removal, or failing that the raw words.
func fallback(s string) string {
	var toks []string
	for _, seg := range segments(s) {
		for _, t := range seg {
			toks = append(toks, strings.TrimPrefix(t, domainMark))
		}
	}
	if len(toks) > 0 && (hasLetter(strings.Join(toks, "")) || !hasLetter(s)) {
		return titleCase(toks)
	}
	toks = toks[:0]
	for _, f := range strings.Fields(s) {
		if p := trimEdges(f); p != "" {
			toks = append(toks, p)
		}
	}
	if len(toks) == 0 {
		return strings.Join(strings.Fields(s), " ")
	}
	return titleCase(toks)
}

// alias looks up the longest known brand spelling at the start of toks.
func alias(toks []string) (string, bool) {
	keys := make([]string, 0, maxAlias)
	// Punctuation tokens have no key; looking a few tokens further is
	// enough for "MARKS & SPENCER" without scanning long inputs.
	for _, t := range toks[:min(len(toks), 2*maxAlias)] {
		if k := tokenKey(t); k != "" {
			keys = append(keys, k)
			if len(keys) == maxAlias {
				break
			}
		}
	}
	for n := len(keys); n > 0; n-- {
		if name, ok := aliases[strings.Join(keys[:n], " ")]; ok {
			return name, true
		}
	}
	return "", false
}

// matchPrefix returns the length of the first phrase that starts toks.
func matchPrefix(toks []string, phrases [][]string) int {
	if len(toks) == 0 {
		return 0
	}
	first := tokenKey(toks[0])
outer:
	for _, p := range phrases {
		if len(p) > len(toks) || p[0] != first {
			continue
		}
		for i := 1; i < len(p); i++ {
			if tokenKey(toks[i]) != p[i] {
				continue outer
			}
		}
		return len(p)
	}
	return 0
}

// matchSuffix returns the length of the first phrase that ends toks.
func matchSuffix(toks []string, phrases [][]string) int {
	if len(toks) == 0 {
		return 0
	}
	last := tokenKey(toks[len(toks)-1])
outer:
	for _, p := range phrases {
		off := len(toks) - len(p)
		if off < 0 || p[len(p)-1] != last {
			continue
		}
		for i := 0; i < len(p)-1; i++ {
			if tokenKey(toks[off+i]) != p[i] {
				continue outer
			}
		}
		return len(p)
	}
	return 0
}

// titleCase formats the tokens as a display name.
func titleCase(toks []string) string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = titleWord(t, i == 0)
	}
	return strings.Join(words, " ")
}

// titleWord title-cases one upper-case token. Known acronyms and short
// vowel-less words ("BP", "CVS", "H&M") stay upper case.
func titleWord(t string, first bool) string {
	k := tokenKey(t)
	switch {
	case acronyms[k]:
		return t
	case !first && smallWords[k]:
		return strings.ToLower(t)
	case looksAcronym(t, k):
		return t
	}
	var b strings.Builder
	b.Grow(len(t))
	start := true
	rs := []rune(t)
	for i, r := range rs {
		switch {
		case unicode.IsLetter(r):
			if start {
				b.WriteRune(unicode.ToTitle(r))
				start = false
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			continue
		case r == '\'' || r == '’':
			// "O'Reilly" but "Joe's": capitalise only before a longer part.
			n := 0
			for _, q := range rs[i+1:] {
				if !unicode.IsLetter(q) {
					break
				}
				n++
			}
			start = n > 1
		case r == '-' || r == '.' || r == '&' || r == '/':
			start = true
		}
		b.WriteRune(r)
	}
	return b.String()
}

// looksAcronym reports short vowel-less words and short '&' names, which
// read as acronyms ("CVS", "TJ", "B&Q", "AT&T").
func looksAcronym(t, k string) bool {
	n := utf8.RuneCountInString(k)
	if n < 2 || titleWords[k] {
		return false
	}
	if strings.Contains(t, "&") && n <= 4 {
		return true
	}
	if n > 3 {
		return false
	}
	for _, r := range k {
		if r < 'A' || r > 'Z' || strings.ContainsRune("AEIOUY", r) {
			return false
		}
	}
	return true
}

// tokenKey keeps a token's letters and digits; tables are keyed by it so
// that "MCDONALD'S", "7-ELEVEN" and "INC." match "MCDONALDS", "7ELEVEN" and
// "INC".
func tokenKey(t string) string {
	clean := true
	for _, r := range t {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			clean = false
			break
		}
	}
	if clean {
		return t
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, t)
}

// keyOf is the phrase key of a token list.
func keyOf(toks []string) string {
	ks := make([]string, 0, len(toks))
	for _, t := range toks {
		if k := tokenKey(t); k != "" {
			ks = append(ks, k)
		}
	}
	return strings.Join(ks, " ")
}

func isSeparator(r rune) bool { return strings.ContainsRune("/\\,;|()[]{}\"+=!?<>_~^", r) }

// trimEdges strips punctuation around a token but keeps the lone "&" and
// "#" and a leading '#' before a code with digits (a store number or
// reference, "#1234", "#IB0A1").
func trimEdges(p string) string {
	if p == "&" || p == "#" {
		return p
	}
	hash := strings.HasPrefix(p, "#")
	p = strings.TrimFunc(p, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	if hash && digitCount(p) > 0 {
		return "#" + p
	}
	return p
}

// isMask reports card masks such as XXXX1234, ****1234, *1234 and 5540XXXXXXXX2291.
func isMask(f string) bool {
	if f == "" {
		return false
	}
	if f[0] >= '0' && f[0] <= '9' {
		// Digits first: only a run of four or more marks makes it a mask ("5540XXXXXXXX2291").
		return strings.Count(f, "XXXX") > 0 || strings.Count(f, "****") > 0
	}
	if f[0] != '*' && f[0] != 'X' {
		return false
	}
	marks, digits := 0, 0
	for _, r := range f {
		switch {
		case r == '*' || r == 'X':
			marks++
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == '.':
		default:
			return false
		}
	}
	return marks >= 4 || (marks >= 2 && digits > 0) || (f[0] == '*' && digits >= 2)
}

// isStoreNumber reports "#1234" and a lone "#".
func isStoreNumber(t string) bool { return strings.HasPrefix(t, "#") }

// isNumber reports tokens whose letters-and-digits are all digits:
// "1234", "#12", "866-579-7172".
func isNumber(t string) bool {
	k := tokenKey(t)
	if k == "" {
		return false
	}
	for _, r := range k {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isRef reports reference codes such as 2K4L33, F12345 or T-1234: letters
// mixed with at least three digits. Names rarely carry three digits in one
// word ("7-ELEVEN", "24HR" stay).
func isRef(t string) bool {
	k := tokenKey(t)
	letters, digits := 0, 0
	for _, r := range k {
		if unicode.IsDigit(r) {
			digits++
		} else {
			letters++
		}
	}
	return letters > 0 && digits >= 3 && letters+digits >= 5
}

func digitCount(t string) int {
	n := 0
	for _, r := range t {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

var months = keySet("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

// isDate reports 07/14, 12/07/2024, 12.07., 2024-07-12, 14JUL and 14JUL24.
func isDate(t string) bool {
	t = strings.TrimSuffix(t, ".")
	if t == "" {
		return false
	}
	if d := leadingDigits(t); d >= 1 && d <= 2 && len(t) >= d+3 && months[t[d:d+3]] {
		rest := t[d+3:]
		return rest == "" || (allDigits(rest) && (len(rest) == 2 || len(rest) == 4))
	}
	if !strings.ContainsAny(t, "/.-") {
		return false
	}
	parts := strings.FieldsFunc(t, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	for _, p := range parts {
		if !allDigits(p) {
			return false
		}
	}
	switch len(parts) {
	case 2:
		if len(parts[0]) > 2 || len(parts[1]) > 2 {
			return false
		}
		x, y := atoi(parts[0]), atoi(parts[1])
		return x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)
	case 3:
		a, b, c := len(parts[0]), len(parts[1]), len(parts[2])
		return (a <= 2 && b <= 2 && (c == 2 || c == 4)) || (a == 4 && b <= 2 && c <= 2)
	}
	return false
}

// isTime reports 12:34, 12:34:56, 4PM and 10:15AM.
func isTime(t string) bool {
	s := strings.TrimSuffix(strings.TrimSuffix(t, "AM"), "PM")
	if s == "" {
		return false
	}
	if s != t && allDigits(s) && len(s) <= 2 {
		return true
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 2 || !allDigits(p) {
			return false
		}
	}
	return true
}

// domainLabel reduces a domain to the name before its public suffix:
// NETFLIX.COM → NETFLIX, HELP.UBER.COM → UBER, AMAZON.CO.UK → AMAZON,
// APPLE.COM/BILL → APPLE. ok is false when t is not a domain.
func domainLabel(t string) (label string, ok bool) {
	if !strings.Contains(t, ".") {
		return "", false
	}
	s := strings.TrimPrefix(strings.TrimPrefix(t, "HTTPS://"), "HTTP://")
	if i := strings.IndexByte(s, '/'); i >= 0 {
		s = s[:i]
	}
	labels := strings.FieldsFunc(trimEdges(s), func(r rune) bool { return r == '.' })
	if len(labels) < 2 || !tlds[labels[len(labels)-1]] {
		return "", false
	}
	tld := labels[len(labels)-1]
	labels = labels[:len(labels)-1]
	if len(labels) >= 2 && len(tld) == 2 {
		switch labels[len(labels)-1] {
		case "CO", "COM", "ORG", "NET", "AC", "GOV":
			labels = labels[:len(labels)-1]
		}
	}
	if labels[0] == "WWW" {
		labels = labels[1:]
	}
	if len(labels) == 0 {
		return "", true
	}
	return trimEdges(labels[len(labels)-1]), true
}

func leadingDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

func allDigits(s string) bool { return s != "" && leadingDigits(s) == len(s) }

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 4; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
