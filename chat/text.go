// Package chat is the text side of the Telegram bot: parsing expenses typed in a few words,
// MarkdownV2 escaping and splitting long replies. It knows nothing of Telegram's API.
package chat

// Text helpers for the Telegram adapter: reading a free-text expense
// ("coffee 4.50") into a Draft, escaping MarkdownV2, and splitting long
// replies into messages Telegram accepts.

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/aithena/aithena/money"
)

// MaxMessage is the longest message text Telegram accepts, in UTF-16 code
// units (which is how the Bot API counts).
const MaxMessage = 4096

// Draft is an expense or income read from a chat message, before the user
// confirms it.
type Draft struct {
	Description string
	// Amount is a signed canonical decimal (money.Format): negative is money
	// out ("-4.50"), positive is money in ("1200.00"). It has two decimals
	// when Currency is "", otherwise the currency's ISO 4217 exponent.
	Amount string
	// Currency is an upper-case ISO 4217 code, or "" when not given.
	Currency string
	// Date is a UTC midnight.
	Date time.Time
}

// Errors returned by ParseExpense. Their texts are written to be shown to
// the user as they are; some are wrapped with the offending input.
var (
	txtErrNoAmount      = errors.New("I couldn't find an amount")
	txtErrNoDescription = errors.New("I couldn't find a description")
	txtErrZero          = errors.New("the amount can't be zero")
	txtErrTwoAmounts    = errors.New("I found more than one amount")
	txtErrBadAmount     = errors.New("I couldn't read the amount")
	txtErrCurrencies    = errors.New("I found more than one currency")
	txtErrTwoDates      = errors.New("I found more than one date")
	txtErrBadDate       = errors.New("I couldn't read the date")
	txtErrFuture        = errors.New("the date is in the future")
)

// ParseExpense reads a free-text expense such as
//
//	coffee 4.50              4.50 coffee            uber 23,40 eur
//	lunch 12 yesterday       +1200 salary           €12 books
//	taxi 30 usd 2026-11-20   taxi 30 on 20/11       dinner 45.5 2 days ago
//
// The amount is the one token that is a number, optionally signed and with a
// currency symbol (€ $ £) or ISO code attached ("12€", "eur12"); decimal
// commas and digit grouping follow money.Parse ("23,40" is 23.40, "1,200" is
// 1200). It is money out unless written with a leading '+'. A currency is an
// attached or standalone symbol, or a 3-letter ISO code (any case) directly
// before or after the amount. Codes that are also English words (cup, top,
// pen, all, try, ...) are currencies only in capitals ("lunch 20 TRY").
//
// The date is today (in now's location) unless one of these is given:
// "today", "yesterday", "N days/weeks ago" ("a day ago" too), an ISO date
// "2026-11-20", "20/11/2026", "20/11/26", "20.11.2026", or "20/11" (day
// first; without a year it is the latest such day not after today),
// optionally preceded by "on". A date after today is an error.
//
// Every other word is the description, trimmed of stray punctuation and with
// its first letter capitalised. Errors are user-facing sentences.
func ParseExpense(text string, now time.Time) (Draft, error) {
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	toks := strings.Fields(text)
	used := make([]bool, len(toks))

	date, err := txtFindDate(toks, used, today)
	if err != nil {
		return Draft{}, err
	}

	amtIdx := -1
	var amt txtAmount
	for i, t := range toks {
		if used[i] {
			continue
		}
		a, ok := txtAmountToken(t)
		if !ok {
			continue
		}
		if amtIdx >= 0 {
			return Draft{}, fmt.Errorf("%w (%s and %s)", txtErrTwoAmounts, toks[amtIdx], t)
		}
		amtIdx, amt = i, a
	}
	if amtIdx < 0 {
		return Draft{}, txtErrNoAmount
	}
	used[amtIdx] = true
	if amt.sign == 0 && amtIdx > 0 && !used[amtIdx-1] && (toks[amtIdx-1] == "+" || toks[amtIdx-1] == "-") {
		amt.sign = toks[amtIdx-1][0] // "+ 1200 salary"
		used[amtIdx-1] = true
	}

	var currencies []string
	if amt.currency != "" {
		currencies = append(currencies, amt.currency)
	}
	// ISO codes count only next to the amount (skipping date words), and
	// codes that are also English words ("cup", "top", "pen") only when
	// written in capitals, so that "coffee cup 4" is not in Cuban pesos.
	for _, step := range []int{-1, 1} {
		i := amtIdx + step
		for i >= 0 && i < len(toks) && used[i] {
			i += step
		}
		if i < 0 || i >= len(toks) {
			continue
		}
		if code, ok := txtCode(toks[i]); ok && (!txtWordCodes[code] || strings.TrimRight(toks[i], ".,;:!?") == code) {
			used[i] = true
			currencies = append(currencies, code)
		}
	}
	for i, t := range toks {
		if !used[i] {
			if c := txtSymbol(t); c != "" {
				used[i] = true
				currencies = append(currencies, c)
			}
		}
	}

	desc := txtDescription(toks, used)
	if desc == "" {
		return Draft{}, txtErrNoDescription
	}

	currency := ""
	for _, c := range currencies {
		if currency != "" && c != currency {
			return Draft{}, fmt.Errorf("%w (%s and %s)", txtErrCurrencies, currency, c)
		}
		currency = c
	}
	exp := 2
	if currency != "" {
		if e, ok := money.Exponent(currency); ok {
			exp = e
		}
	}
	minor, err := money.Parse(amt.number, exp)
	if err != nil {
		if errors.Is(err, money.ErrPrecision) {
			return Draft{}, fmt.Errorf("%w %q: it has more than %d decimals", txtErrBadAmount, toks[amtIdx], exp)
		}
		return Draft{}, fmt.Errorf("%w %q", txtErrBadAmount, toks[amtIdx])
	}
	if minor == 0 {
		return Draft{}, txtErrZero
	}
	if amt.sign != '+' {
		minor = -minor
	}
	return Draft{Description: desc, Amount: money.Format(minor, exp), Currency: currency, Date: date}, nil
}

// txtAmount is a token read as an amount: an unsigned number for
// money.Parse, its sign ('+', '-' or 0) and any attached currency.
type txtAmount struct {
	sign     byte
	number   string
	currency string
}

// txtAmountToken reads tok as an amount: [sign][currency]number[currency]
// (or currency before the sign), trailing punctuation ignored.
func txtAmountToken(tok string) (txtAmount, bool) {
	s := strings.TrimRight(tok, ".,;:!?")
	start, end := -1, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			if start < 0 {
				start = i
			}
			end = i + 1
		} else if start < 0 && (c == '.' || c == ',') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			start = i
		}
	}
	if start < 0 {
		return txtAmount{}, false
	}
	var a txtAmount
	a.number = s[start:end]
	for _, r := range a.number {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return txtAmount{}, false
		}
	}
	prefix, suffix := s[:start], s[end:]
	takeSign := func() {
		if a.sign != 0 {
			return
		}
		switch {
		case strings.HasPrefix(prefix, "+"), strings.HasPrefix(prefix, "-"):
			a.sign, prefix = prefix[0], prefix[1:]
		case strings.HasPrefix(prefix, "\u2212"): // minus sign
			a.sign, prefix = '-', prefix[len("\u2212"):]
		}
	}
	takeSign()
	var cur string
	if prefix != "" {
		rest := strings.TrimLeftFunc(prefix, func(r rune) bool { return r != '+' && r != '-' && r != '\u2212' })
		c := txtCurrency(prefix[:len(prefix)-len(rest)])
		if c == "" {
			return txtAmount{}, false
		}
		cur, prefix = c, rest
		takeSign() // "€-12"
		if prefix != "" {
			return txtAmount{}, false
		}
	}
	if suffix != "" {
		c := txtCurrency(suffix)
		if c == "" || cur != "" {
			return txtAmount{}, false
		}
		cur = c
	}
	a.currency = cur
	return a, true
}

// txtCurrency maps a symbol or an ISO code in any case to an ISO code, or "".
func txtCurrency(s string) string {
	if c := txtSymbol(s); c != "" {
		return c
	}
	c, _ := txtCode(s)
	return c
}

// txtSymbol maps a standalone currency symbol to its ISO code, or "".
func txtSymbol(s string) string {
	switch s {
	case "€":
		return "EUR"
	case "$":
		return "USD"
	case "£":
		return "GBP"
	}
	return ""
}

// txtWordCodes are ISO 4217 codes that are also common English words; they
// are read as a currency only when written in capitals.
var txtWordCodes = map[string]bool{
	"ALL": true, "BAM": true, "BOB": true, "CAD": true, "CUP": true,
	"GEL": true, "MAD": true, "MOP": true, "PEN": true, "SOS": true,
	"TOP": true, "TRY": true,
}

// txtCode reads a 3-letter ISO 4217 code in any case, trailing punctuation
// ignored.
func txtCode(s string) (string, bool) {
	s = strings.TrimRight(s, ".,;:!?")
	if len(s) != 3 {
		return "", false
	}
	for i := 0; i < 3; i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return "", false
		}
	}
	code := strings.ToUpper(s)
	_, ok := money.Exponent(code)
	return code, ok
}

// txtDescription joins the unused words, dropping tokens of pure
// punctuation, trimming separators at the ends and capitalising.
func txtDescription(toks []string, used []bool) string {
	var words []string
	for i, t := range toks {
		if used[i] || strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue
		}
		words = append(words, t)
	}
	desc := strings.Trim(strings.Join(words, " "), " :;,.-\u2013\u2014")
	if desc == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(desc)
	return string(unicode.ToUpper(r)) + desc[size:]
}

var (
	txtISODate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	txtSlashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$`)
	txtDotDate   = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\.(\d{4})$`)
)

// txtFindDate finds at most one date expression in toks, marks its tokens
// used and returns the date (today if there is none).
func txtFindDate(toks []string, used []bool, today time.Time) (time.Time, error) {
	date, found := today, ""
	for i := 0; i < len(toks); i++ {
		t := strings.ToLower(strings.TrimRight(toks[i], ",;:!?."))
		var d time.Time
		n := 1
		switch {
		case t == "today":
			d = today
		case t == "yesterday":
			d = today.AddDate(0, 0, -1)
		case t == "tomorrow":
			d = today.AddDate(0, 0, 1)
		default:
			if days, ok := txtAgo(toks[i:]); ok {
				d, n = today.AddDate(0, 0, -days), 3
				break
			}
			var ok bool
			var err error
			d, ok, err = txtAbsDate(t, today)
			if err != nil {
				return time.Time{}, fmt.Errorf("%w %q", err, toks[i])
			}
			if !ok {
				continue
			}
		}
		if found != "" {
			return time.Time{}, fmt.Errorf("%w (%s and %s)", txtErrTwoDates, found, strings.Join(toks[i:i+n], " "))
		}
		found = strings.Join(toks[i:i+n], " ")
		for j := i; j < i+n; j++ {
			used[j] = true
		}
		if i > 0 && !used[i-1] && strings.EqualFold(toks[i-1], "on") {
			used[i-1] = true
		}
		date = d
		i += n - 1
	}
	if date.After(today) {
		return time.Time{}, fmt.Errorf("%w (%s)", txtErrFuture, date.Format("2006-01-02"))
	}
	return date, nil
}

// txtAgo reads "N days ago", "N weeks ago" or "a day ago" at the start of
// toks and returns the number of days.
func txtAgo(toks []string) (int, bool) {
	if len(toks) < 3 || !strings.EqualFold(strings.TrimRight(toks[2], ",;:!?."), "ago") {
		return 0, false
	}
	var n int
	switch c := strings.ToLower(toks[0]); c {
	case "a", "an", "one":
		n = 1
	default:
		v, err := strconv.Atoi(c)
		if err != nil || v < 0 || v > 3660 || c[0] == '+' || c[0] == '-' {
			return 0, false
		}
		n = v
	}
	switch strings.ToLower(toks[1]) {
	case "day", "days":
		return n, true
	case "week", "weeks":
		return 7 * n, true
	}
	return 0, false
}

// txtAbsDate reads an absolute date token (already lower-cased and trimmed).
// ok is false when t does not look like a date at all.
func txtAbsDate(t string, today time.Time) (d time.Time, ok bool, err error) {
	var y, m, day int
	atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
	if g := txtISODate.FindStringSubmatch(t); g != nil {
		y, m, day = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := txtSlashDate.FindStringSubmatch(t); g != nil {
		day, m = atoi(g[1]), atoi(g[2])
		switch len(g[3]) {
		case 0:
			y = today.Year()
			if c := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC); c.After(today) {
				y-- // "20/11" in January means last November
			}
		case 2:
			y = 2000 + atoi(g[3])
		default:
			y = atoi(g[3])
		}
	} else if g := txtDotDate.FindStringSubmatch(t); g != nil {
		day, m, y = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else {
		return time.Time{}, false, nil
	}
	d = time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if d.Year() != y || int(d.Month()) != m || d.Day() != day {
		return time.Time{}, true, txtErrBadDate
	}
	return d, true, nil
}

// txtMarkdownV2 is every character Telegram's MarkdownV2 requires escaped
// outside entities (Bot API, "MarkdownV2 style"), plus the backslash.
const txtMarkdownV2 = "_*[]()~`>#+-=|{}.!\\"

// EscapeMarkdownV2 escapes s for use as plain text in a MarkdownV2 message:
// each of _ * [ ] ( ) ~ ` > # + - = | { } . ! and \ gets a preceding '\'.
func EscapeMarkdownV2(s string) string {
	return txtEscape(s, txtMarkdownV2)
}

// Code renders s as a MarkdownV2 pre-formatted (monospace) block. Inside
// pre and code entities Telegram requires only ` and \ to be escaped.
func Code(s string) string {
	return "```\n" + txtEscape(s, "`\\") + "\n```"
}

func txtEscape(s, special string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		if r < utf8.RuneSelf && strings.IndexByte(special, byte(r)) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Split cuts s into messages of at most limit UTF-16 code units (Telegram's
// measure; MaxMessage is its limit; limit <= 0 means MaxMessage). A message
// within the limit is returned whole. Otherwise each part is as long as
// possible, breaking preferably at the last newline, else at the last space
// (the newline or space at a break is dropped), else at the limit — but never
// inside a UTF-8 rune, so never inside a surrogate pair. No part is empty;
// Split("") returns nil.
//
// For MarkdownV2 text, no part ends with a lone backslash (one preceded by
// an even number of backslashes): a break that would separate an escape such
// as `\.` from the character it escapes moves back by one byte. Split does
// not otherwise understand markup: entities (bold, pre blocks) spanning a
// break are not closed and reopened, so split plain or escaped text and add
// formatting per part. With limit 1 an escape cannot fit and is split; a
// rune needing 2 units is emitted alone even if limit is 1.
func Split(s string, limit int) []string {
	if limit <= 0 {
		limit = MaxMessage
	}
	var parts []string
	for s != "" {
		cut, whole := txtFit(s, limit)
		if whole {
			parts = append(parts, s)
			break
		}
		if cut == 0 { // the first rune alone exceeds limit: make progress
			_, cut = utf8.DecodeRuneInString(s)
		}
		end, skip := txtBreak(s[:cut])
		parts = append(parts, s[:end])
		s = s[end+skip:]
	}
	return parts
}

// txtFit returns the byte length of the longest prefix of s within limit
// UTF-16 units, and whether that is all of s.
func txtFit(s string, limit int) (int, bool) {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > limit {
			return i, false
		}
		units += w
	}
	return len(s), true
}

// txtBreak chooses where to end a part within window: after the last
// newline, else the last space, that leaves a non-blank part not ending in
// a lone backslash; else the end of window, stepping back before a lone
// backslash. skip is the number of separator bytes to drop.
func txtBreak(window string) (end, skip int) {
	first := strings.IndexFunc(window, func(r rune) bool { return r != ' ' && r != '\n' })
	if first >= 0 {
		for _, sep := range []byte{'\n', ' '} {
			for p := strings.LastIndexByte(window, sep); p > first; p = strings.LastIndexByte(window[:p], sep) {
				if !txtLoneBackslash(window[:p]) {
					return p, 1
				}
			}
		}
	}
	end = len(window)
	if end > 1 && txtLoneBackslash(window) {
		end--
	}
	return end, 0
}

// txtLoneBackslash reports whether s ends with an odd number of backslashes,
// that is with an escape missing the character it escapes.
func txtLoneBackslash(s string) bool {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n%2 == 1
}
