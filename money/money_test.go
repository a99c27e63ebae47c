package money

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestExponent(t *testing.T) {
	tests := []struct {
		code string
		want int
		ok   bool
	}{
		{"USD", 2, true}, {"EUR", 2, true}, {"GBP", 2, true}, {"CHF", 2, true},
		{"JPY", 0, true}, {"KRW", 0, true}, {"VND", 0, true}, {"CLP", 0, true},
		{"ISK", 0, true}, {"XOF", 0, true}, {"XAF", 0, true}, {"UGX", 0, true},
		{"PYG", 0, true}, {"XPF", 0, true},
		{"BHD", 3, true}, {"KWD", 3, true}, {"OMR", 3, true}, {"JOD", 3, true},
		{"IQD", 3, true}, {"LYD", 3, true}, {"TND", 3, true},
		{"CLF", 4, true}, {"UYW", 4, true},
		{"usd", 0, false}, // lower case is not canonical
		{"US", 0, false},
		{"USDD", 0, false},
		{"", 0, false},
		{"XXX", 0, false}, // "no currency": ISO defines no minor unit
		{"XAU", 0, false},
		{"ABC", 0, false},
	}
	for _, tt := range tests {
		got, ok := Exponent(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Exponent(%q) = %d, %v; want %d, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

// TestExponentTable guards the hand-written table against typos.
func TestExponentTable(t *testing.T) {
	if len(exponents) < 150 {
		t.Errorf("table has %d codes; ISO 4217 has about 180", len(exponents))
	}
	for code, exp := range exponents {
		if len(code) != 3 || strings.ToUpper(code) != code {
			t.Errorf("bad code %q", code)
		}
		if exp < 0 || exp > 4 {
			t.Errorf("%s: implausible exponent %d", code, exp)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in      string
		exp     int
		want    int64
		wantErr error
	}{
		// Plain and signed.
		{"4.50", 2, 450, nil},
		{"-4.50", 2, -450, nil},
		{"+1200", 2, 120000, nil},
		{"0", 2, 0, nil},
		{"-0", 2, 0, nil},
		{".5", 2, 50, nil},
		{"-.5", 2, -50, nil},
		{"4.5", 2, 450, nil},
		{"  4.50  ", 2, 450, nil},
		{"007.50", 2, 750, nil},
		{"\u22124.50", 2, -450, nil}, // typographic minus

		// Grouping and decimal separators.
		{"1,234.56", 2, 123456, nil},
		{"1.234,56", 2, 123456, nil},
		{"1 234,56", 2, 123456, nil},
		{"1\u00a0234,56", 2, 123456, nil}, // no-break space (French)
		{"1\u202f234,56", 2, 123456, nil}, // narrow no-break space
		{"1'234.56", 2, 123456, nil},
		{"1\u2019234.56", 2, 123456, nil},
		{"23,40", 2, 2340, nil},
		{"1,200", 2, 120000, nil}, // thousands rule
		{"1.234", 2, 123400, nil}, // thousands rule
		{"1.234.567", 2, 123456700, nil},
		{"1,234,567.89", 2, 123456789, nil},
		{"1.234.567,89", 2, 123456789, nil},
		{"1,23,456.78", 2, 12345678, nil}, // Indian grouping
		{"12 345", 2, 1234500, nil},
		{"0.500", 2, 50, nil},            // leading zero: not thousands
		{"1234,567", 0, 0, ErrPrecision}, // 4 leading digits: decimal, not thousands
		{"1,200", 0, 1200, nil},
		{"1,200", 3, 1200, nil}, // exp 3: three digits are a valid fraction
		{"1.234", 3, 1234, nil}, // KWD 1.234
		{"1,234.500", 3, 1234500, nil},

		// Accounting negatives.
		{"(4.50)", 2, -450, nil},
		{"( 4.50 )", 2, -450, nil},
		{"4.50-", 2, -450, nil},
		{"4.50 -", 2, -450, nil},
		{"($4.50)", 2, -450, nil},

		// Currency symbols and codes.
		{"€4,50", 2, 450, nil},
		{"4,50 €", 2, 450, nil},
		{"$1,200.00", 2, 120000, nil},
		{"-$1,200.00", 2, -120000, nil},
		{"$-1,200.00", 2, -120000, nil},
		{"£3", 2, 300, nil},
		{"USD 12.00", 2, 1200, nil},
		{"12.00 EUR", 2, 1200, nil},
		{"USD12", 2, 1200, nil},
		{"US$5", 2, 500, nil},
		{"¥1,200", 0, 1200, nil},
		{"JPY 1200", 0, 1200, nil},

		// Precision: refuse to round, but exact trailing zeros are fine.
		{"1.2345", 2, 0, ErrPrecision},
		{"0.001", 2, 0, ErrPrecision},
		{"4.5", 0, 0, ErrPrecision},
		{"1200.00", 0, 1200, nil},
		{"12.5000", 2, 1250, nil},

		// Range.
		{"92233720368547758.07", 2, math.MaxInt64, nil},
		{"-92233720368547758.08", 2, math.MinInt64, nil},
		{"92233720368547758.08", 2, 0, ErrRange},
		{"-92233720368547758.09", 2, 0, ErrRange},
		{"99999999999999999999", 0, 0, ErrRange},
		{"1", 18, 1000000000000000000, nil},
		{"10", 18, 0, ErrRange},

		// Garbage.
		{"", 2, 0, ErrEmpty},
		{"   ", 2, 0, ErrEmpty},
		{"abc", 2, 0, ErrSyntax},
		{"-", 2, 0, ErrSyntax},
		{"$", 2, 0, ErrSyntax},
		{"abc 12", 2, 0, ErrSyntax},
		{"usd 12", 2, 0, ErrSyntax},
		{"12 apples", 2, 0, ErrSyntax},
		{"1.2.3", 2, 0, ErrSyntax},
		{"1,2,3", 2, 0, ErrSyntax},
		{"12,34,56", 2, 0, ErrSyntax},
		{"1,234.56.78", 2, 0, ErrSyntax},
		{"1 234'567", 2, 0, ErrSyntax},
		{"1 234.567,89", 2, 0, ErrSyntax},
		{"5.", 2, 0, ErrSyntax},
		{"--5", 2, 0, ErrSyntax},
		{"+-5", 2, 0, ErrSyntax},
		{"-5-", 2, 0, ErrSyntax},
		{"5+", 2, 0, ErrSyntax},
		{"(-5)", 2, 0, ErrSyntax},
		{"(5", 2, 0, ErrSyntax},
		{"1e3", 2, 0, ErrSyntax},
		{"0x10", 2, 0, ErrSyntax},
		{"1_000", 2, 0, ErrSyntax},
		{"4.50", -1, 0, ErrExponent},
		{"4.50", MaxExponent + 1, 0, ErrExponent},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in, tt.exp)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Parse(%q, %d) = %d, %v; want error %v", tt.in, tt.exp, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q, %d) = %d, %v; want %d", tt.in, tt.exp, got, err, tt.want)
		}
	}
}

func TestParseWithDecimal(t *testing.T) {
	tests := []struct {
		in      string
		dec     rune
		want    int64
		wantErr error
	}{
		{"1,200", ',', 120, nil},        // German: 1,20 with a trailing zero
		{"1,200", '.', 120000, nil},     // US: 1200
		{"1.234", ',', 123400, nil},     // German thousands
		{"1.234", '.', 0, ErrPrecision}, // US: 1.234 cannot be cents
		{"12,34", ',', 1234, nil},
		{"12.34", ',', 0, ErrSyntax}, // '.' must be well-formed grouping
		{"1.234,56", ',', 123456, nil},
		{"1.234,56", '.', 0, ErrSyntax},
		{"1 234,56", ',', 123456, nil},
		{"-€4,50", ',', -450, nil},
		{"4", ',', 400, nil},
		{"4,5,6", ',', 0, ErrSyntax},
		{"4", ';', 0, ErrSeparator},
	}
	for _, tt := range tests {
		got, err := ParseWithDecimal(tt.in, 2, tt.dec)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("ParseWithDecimal(%q, %q) = %d, %v; want error %v", tt.in, tt.dec, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseWithDecimal(%q, %q) = %d, %v; want %d", tt.in, tt.dec, got, err, tt.want)
		}
	}
}

func TestParseErrorMessages(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"", `money: cannot parse "": amount is empty`},
		{"abc", `money: cannot parse "abc": no digits`},
		{"1.2345", `money: cannot parse "1.2345": 4 fractional digits but the currency has 2; refusing to round`},
		{"12 apples", `money: cannot parse "12 apples": unexpected text "apples"`},
		{"1.2.3", `money: cannot parse "1.2.3": malformed digit grouping "1.2.3"`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in, 2)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q): error %v is not a *ParseError", tt.in, err)
			continue
		}
		if pe.Input != tt.in {
			t.Errorf("Parse(%q): Input = %q", tt.in, pe.Input)
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q) error = %q; want %q", tt.in, err.Error(), tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		minor int64
		exp   int
		want  string
	}{
		{450, 2, "4.50"},
		{-450, 2, "-4.50"},
		{120000, 2, "1200.00"},
		{5, 2, "0.05"},
		{-5, 2, "-0.05"},
		{0, 2, "0.00"},
		{5, 0, "5"},
		{-5, 0, "-5"},
		{1234, 3, "1.234"},
		{1, 3, "0.001"},
		{12345, 4, "1.2345"},
		{7, -1, "7"},
		{math.MaxInt64, 2, "92233720368547758.07"},
		{math.MinInt64, 2, "-92233720368547758.08"},
		{math.MinInt64, 0, "-9223372036854775808"},
		{1, 18, "0.000000000000000001"},
	}
	for _, tt := range tests {
		if got := Format(tt.minor, tt.exp); got != tt.want {
			t.Errorf("Format(%d, %d) = %q; want %q", tt.minor, tt.exp, got, tt.want)
		}
	}
}

// FuzzFormatParse checks that the canonical form always reads back exactly,
// under both automatic and explicit '.' separator detection.
func FuzzFormatParse(f *testing.F) {
	for _, seed := range []struct {
		minor int64
		exp   uint8
	}{{0, 2}, {450, 2}, {-450, 2}, {1234, 3}, {1200, 0}, {math.MaxInt64, 2}, {math.MinInt64, 18}} {
		f.Add(seed.minor, seed.exp)
	}
	f.Fuzz(func(t *testing.T, minor int64, exp uint8) {
		e := int(exp) % (MaxExponent + 1)
		s := Format(minor, e)
		got, err := Parse(s, e)
		if err != nil || got != minor {
			t.Fatalf("Parse(Format(%d, %d) = %q) = %d, %v", minor, e, s, got, err)
		}
		got, err = ParseWithDecimal(s, e, '.')
		if err != nil || got != minor {
			t.Fatalf("ParseWithDecimal(%q, %d, '.') = %d, %v; want %d", s, e, got, err, minor)
		}
	})
}

// FuzzParse checks Parse never panics and that whatever it accepts is
// stable: formatting the result and parsing again gives the same value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"4.50", "(1.234,56)", "$1,200.00", "1 234,56", "USD 12", "4.50-", ".5", "1'234.56"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s, 2)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error %v is not a *ParseError", s, err)
			}
			return
		}
		back, err := Parse(Format(v, 2), 2)
		if err != nil || back != v {
			t.Fatalf("Parse(%q) = %d but Format/Parse gives %d, %v", s, v, back, err)
		}
	})
}

func TestFormatIn(t *testing.T) {
	for _, c := range []struct {
		minor    int64
		currency string
		want     string
	}{{-450, "USD", "-4.50"}, {1200, "JPY", "1200"}, {12345, "KWD", "12.345"}, {7, "XYZ", "7"}} {
		if got := FormatIn(c.minor, c.currency); got != c.want {
			t.Errorf("FormatIn(%d, %s) = %q, want %q", c.minor, c.currency, got, c.want)
		}
	}
}
