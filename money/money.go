// Package money converts between human- or bank-written decimal amounts and
// integer minor units (cents, pence, fils). Amounts are never floats: binary
// floating point cannot represent most decimal fractions, so sums drift and
// cents go missing. Every conversion here is exact or fails loudly.
package money

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors; every error returned by Parse is a *ParseError wrapping
// one of these, so callers can branch with errors.Is and still show the
// detailed message to users.
var (
	ErrEmpty     = errors.New("empty amount")
	ErrSyntax    = errors.New("malformed amount")
	ErrPrecision = errors.New("more fractional digits than the currency allows")
	ErrRange     = errors.New("amount out of range")
	ErrExponent  = errors.New("invalid exponent")
	ErrSeparator = errors.New("invalid decimal separator")
)

// ParseError describes why an input could not be parsed.
type ParseError struct {
	Input  string // the original input
	Err    error  // one of the sentinel errors above
	Detail string // human-readable explanation
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("money: cannot parse %q: %s", e.Input, e.Detail)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Parse converts a decimal string to integer minor units for a currency with
// the given exponent (see Exponent). It accepts what banks and people write:
//
//	"4.50" "-4.50" "+1200" "(4.50)" "4.50-" ".5"
//	"1,234.56" "1.234,56" "1 234,56" "1'234.56" "23,40"
//	"€4,50" "$1,200.00" "£3" "USD 12.00" "12.00 EUR"
//
// Separator rules, applied to the numeric part:
//   - If both '.' and ',' occur, the last one is the decimal separator and
//     the other groups thousands.
//   - If one of them occurs more than once, it groups thousands.
//   - If one of them occurs once alongside space or apostrophe grouping, it
//     is the decimal separator.
//   - If one of them occurs once on its own, it groups thousands only when
//     exactly 3 digits follow, 1-3 digits precede without a leading zero, and
//     the exponent is below 3; otherwise it is the decimal separator. So
//     "1,200" and "1.234" are 1200 and 1234 for USD, while "0.500" is a half
//     and "1.234" is 1.234 for KWD (where three fractional digits are
//     normal, and Format writes them that way).
//
// Grouping must be well formed (first group 1-3 digits, middle groups 2-3 so
// Indian "1,23,456" works, last group 3) so that "1.2.3" is an error rather
// than 123. A currency code is stripped but not checked against exponent;
// choosing the exponent is the caller's job. Fractional digits beyond the
// exponent are an error (ErrPrecision) unless they are all zero: "1.2345" is
// rejected for USD because accepting it would mean rounding, but "1200.00"
// is accepted for JPY because nothing is lost.
func Parse(s string, exponent int) (int64, error) {
	return parse(s, exponent, 0)
}

// ParseWithDecimal is Parse with the decimal separator fixed by the caller
// ('.' or ','), the other one then being a grouping separator. Use it when
// the convention is known for a whole file or locale: the per-string
// heuristic in Parse cannot tell that "1,200" in a German statement means
// 1.20, but a caller who has seen "12,34" elsewhere in the file can.
func ParseWithDecimal(s string, exponent int, decimal rune) (int64, error) {
	if decimal != '.' && decimal != ',' {
		return 0, &ParseError{Input: s, Err: ErrSeparator,
			Detail: fmt.Sprintf("decimal separator must be '.' or ',', not %q", decimal)}
	}
	return parse(s, exponent, decimal)
}

// Format renders minor units canonically: optional '-', integer digits, and
// for exponent > 0 a '.' followed by exactly exponent digits ("-4.50",
// "1200.00", "0.05", "5" for exponent 0). No grouping, no currency: this is
// the machine form that Parse reads back exactly. A negative exponent is
// treated as 0.
func Format(minor int64, exponent int) string {
	mag := uint64(minor)
	if minor < 0 {
		mag = -mag // two's complement negation is exact even for MinInt64
	}
	digits := strconv.FormatUint(mag, 10)
	if exponent > 0 {
		if len(digits) <= exponent {
			digits = strings.Repeat("0", exponent-len(digits)+1) + digits
		}
		cut := len(digits) - exponent
		digits = digits[:cut] + "." + digits[cut:]
	}
	if minor < 0 {
		return "-" + digits
	}
	return digits
}

// FormatIn is Format with the currency's exponent (0 for a code Exponent does not know).
func FormatIn(minor int64, currency string) string {
	exp, _ := Exponent(currency)
	return Format(minor, exp)
}

func parse(in string, exponent int, decimal rune) (int64, error) {
	fail := func(err error, format string, args ...any) (int64, error) {
		return 0, &ParseError{Input: in, Err: err, Detail: fmt.Sprintf(format, args...)}
	}
	if exponent < 0 || exponent > MaxExponent {
		return fail(ErrExponent, "exponent %d is outside 0..%d", exponent, MaxExponent)
	}
	s := strings.TrimFunc(in, isSpace)
	if s == "" {
		return fail(ErrEmpty, "amount is empty")
	}

	// Accounting notation: "(4.50)" is negative.
	parens := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		parens = true
		s = strings.TrimFunc(s[1:len(s)-1], isSpace)
	}

	start, end := numberBounds(s)
	if start < 0 {
		return fail(ErrSyntax, "no digits")
	}
	sign, detail := scanAffixes(s[:start], s[end:])
	if detail != "" {
		return fail(ErrSyntax, "%s", detail)
	}
	if parens && sign != 0 {
		return fail(ErrSyntax, "sign inside parentheses")
	}
	neg := parens || sign == '-'

	intDigits, frac, detail := splitNumber(s[start:end], exponent, decimal)
	if detail != "" {
		return fail(ErrSyntax, "%s", detail)
	}
	if len(frac) > exponent {
		if strings.Trim(frac[exponent:], "0") != "" {
			return fail(ErrPrecision, "%d fractional digits but the currency has %d; refusing to round",
				len(frac), exponent)
		}
		frac = frac[:exponent] // only zeros dropped: exact
	}
	frac += strings.Repeat("0", exponent-len(frac))

	// Accumulate in uint64 so that MinInt64 (one larger in magnitude than
	// MaxInt64) is representable for negative amounts.
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	var mag uint64
	for _, c := range intDigits + frac {
		d := uint64(c - '0')
		if mag > (limit-d)/10 {
			return fail(ErrRange, "does not fit in 64-bit minor units")
		}
		mag = mag*10 + d
	}
	if neg {
		return int64(-mag), nil // wraps correctly to MinInt64 for mag == 1<<63
	}
	return int64(mag), nil
}

// numberBounds returns the byte range of the numeric part of s: from the
// first digit (or a '.'/',' directly followed by a digit, for ".5") to just
// after the last digit. start is -1 when s has no digit.
func numberBounds(s string) (start, end int) {
	start, end = -1, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) {
			if start < 0 {
				start = i
			}
			end = i + 1
		} else if start < 0 && (c == '.' || c == ',') && i+1 < len(s) && isDigit(s[i+1]) {
			start = i
		}
	}
	if end < 0 {
		return -1, -1
	}
	return start, end
}

// scanAffixes checks the text around the number: whitespace, at most one
// sign (a trailing one only as '-', as in "4.50-"), and currency tokens.
// It returns the sign rune ('-', '+' or 0) or a non-empty problem description.
func scanAffixes(prefix, suffix string) (sign rune, problem string) {
	scan := func(part string, trailing bool) string {
		for i := 0; i < len(part); {
			r, size := utf8.DecodeRuneInString(part[i:])
			switch {
			case isSpace(r):
				i += size
			case r == '-' || r == '\u2212' || (r == '+' && !trailing):
				if sign != 0 {
					return "more than one sign"
				}
				sign = '-'
				if r == '+' {
					sign = '+'
				}
				i += size
			case isCurrencyRune(r):
				j := i
				for j < len(part) {
					r2, sz := utf8.DecodeRuneInString(part[j:])
					if !isCurrencyRune(r2) {
						break
					}
					j += sz
				}
				if !isCurrencyToken(part[i:j]) {
					return fmt.Sprintf("unexpected text %q", part[i:j])
				}
				i = j
			default:
				if trailing {
					return fmt.Sprintf("unexpected %q after the number", r)
				}
				return fmt.Sprintf("unexpected %q before the number", r)
			}
		}
		return ""
	}
	if p := scan(prefix, false); p != "" {
		return 0, p
	}
	if p := scan(suffix, true); p != "" {
		return 0, p
	}
	return sign, ""
}

func isCurrencyRune(r rune) bool {
	return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || unicode.Is(unicode.Sc, r)
}

// isCurrencyToken accepts a known upper-case ISO code ("USD"), a currency
// symbol ("€"), or a symbol with an upper-case country prefix ("US$", "R$").
// Arbitrary words are rejected so that "abc 12" is an error, not 12.
func isCurrencyToken(tok string) bool {
	letters, symbols := 0, 0
	for _, r := range tok {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case unicode.Is(unicode.Sc, r):
			symbols++
		default:
			return false
		}
	}
	if symbols == 0 {
		_, ok := Exponent(tok)
		return ok
	}
	return symbols == 1 && letters <= 3
}

// splitNumber splits the numeric part into integer digits and fractional
// digits (separators removed), applying the rules documented on Parse.
// decimal is 0 for automatic detection. A non-empty problem means failure.
func splitNumber(core string, exponent int, decimal rune) (intDigits, frac, problem string) {
	var dots, commas, spaces, quotes int
	lastDot, lastComma := -1, -1
	for i, r := range core {
		switch {
		case r >= '0' && r <= '9':
		case r == '.':
			dots++
			lastDot = i
		case r == ',':
			commas++
			lastComma = i
		case isSpace(r):
			spaces++
		case r == '\'' || r == '\u2019':
			quotes++
		default:
			return "", "", fmt.Sprintf("unexpected %q in number", r)
		}
	}
	if spaces > 0 && quotes > 0 {
		return "", "", "mixes space and apostrophe digit grouping"
	}
	otherGrouping := spaces > 0 || quotes > 0

	decPos := -1
	if decimal == 0 {
		switch {
		case dots > 0 && commas > 0:
			if otherGrouping {
				return "", "", "too many kinds of separator"
			}
			decimal = '.'
			if lastComma > lastDot {
				decimal = ','
			}
		case dots+commas > 0:
			sep, n, pos := '.', dots, lastDot
			if commas > 0 {
				sep, n, pos = ',', commas, lastComma
			}
			switch {
			case n > 1 && otherGrouping:
				return "", "", "too many kinds of separator"
			case n > 1:
				// Repeated separator: grouping, no fractional part.
			case otherGrouping || !looksLikeThousands(core, pos, exponent):
				decimal = sep
			}
		}
	}
	if decimal != 0 {
		if n := strings.Count(core, string(decimal)); n > 1 {
			return "", "", fmt.Sprintf("decimal separator %q appears %d times", decimal, n)
		}
		decPos = strings.IndexRune(core, decimal)
	}

	intPart := core
	if decPos >= 0 {
		intPart, frac = core[:decPos], core[decPos+1:]
		if frac == "" {
			return "", "", "no digits after the decimal separator"
		}
		for _, r := range frac {
			if r < '0' || r > '9' {
				return "", "", fmt.Sprintf("unexpected %q after the decimal separator", r)
			}
		}
	}
	intDigits, problem = ungroup(intPart)
	return intDigits, frac, problem
}

// looksLikeThousands reports whether the single separator at pos reads as
// a thousands separator ("1,200"): see the rules on Parse.
func looksLikeThousands(core string, pos, exponent int) bool {
	before, after := core[:pos], core[pos+1:]
	return exponent < 3 && len(after) == 3 &&
		len(before) >= 1 && len(before) <= 3 && before[0] != '0'
}

// ungroup removes digit-grouping separators from the integer part after
// checking the grouping is well formed, so malformed input is rejected
// instead of silently concatenated.
func ungroup(s string) (string, string) {
	var groups []string
	var kind rune
	last := 0
	for i, r := range s {
		if r >= '0' && r <= '9' {
			continue
		}
		k := r
		if isSpace(r) {
			k = ' '
		} else if r == '\u2019' {
			k = '\''
		}
		if kind != 0 && k != kind {
			return "", "mixes different digit-grouping separators"
		}
		kind = k
		groups = append(groups, s[last:i])
		last = i + utf8.RuneLen(r)
	}
	if kind == 0 {
		return s, ""
	}
	groups = append(groups, s[last:])
	for i, g := range groups {
		ok := false
		switch i {
		case 0:
			ok = len(g) >= 1 && len(g) <= 3 && g[0] != '0'
		case len(groups) - 1:
			ok = len(g) == 3
		default:
			ok = len(g) == 2 || len(g) == 3
		}
		if !ok {
			return "", fmt.Sprintf("malformed digit grouping %q", s)
		}
	}
	return strings.Join(groups, ""), ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isSpace covers the no-break and thin spaces that locales use for grouping.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}
