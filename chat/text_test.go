package chat

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

func TestParseExpense(t *testing.T) {
	// A Sunday afternoon; the location must not leak into Draft.Date.
	now := time.Date(2026, 11, 22, 15, 4, 5, 0, time.FixedZone("CET", 3600))
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	today := day(2026, 11, 22)
	yesterday := day(2026, 11, 21)

	tests := []struct {
		in   string
		want Draft
	}{
		{"coffee 4.50", Draft{"Coffee", "-4.50", "", today}},
		{"Coffee 4.5", Draft{"Coffee", "-4.50", "", today}},
		{"4.50 coffee", Draft{"Coffee", "-4.50", "", today}},
		{"  coffee   4.50  ", Draft{"Coffee", "-4.50", "", today}},
		{"coffee 4", Draft{"Coffee", "-4.00", "", today}},
		{"coffee .5", Draft{"Coffee", "-0.50", "", today}},
		{"coffee -4.50", Draft{"Coffee", "-4.50", "", today}},
		{"coffee: 4.50", Draft{"Coffee", "-4.50", "", today}},
		{"coffee - 4.50", Draft{"Coffee", "-4.50", "", today}},
		{"coffee 4.50.", Draft{"Coffee", "-4.50", "", today}},
		{"lunch 12 yesterday", Draft{"Lunch", "-12.00", "", yesterday}},
		{"yesterday lunch 12", Draft{"Lunch", "-12.00", "", yesterday}},
		{"lunch 12 Yesterday", Draft{"Lunch", "-12.00", "", yesterday}},
		{"lunch 12 today", Draft{"Lunch", "-12.00", "", today}},
		{"uber 23,40 eur", Draft{"Uber", "-23.40", "EUR", today}},
		{"uber 23,40 EUR", Draft{"Uber", "-23.40", "EUR", today}},
		{"uber EUR 23.40", Draft{"Uber", "-23.40", "EUR", today}},
		{"uber 23.40eur", Draft{"Uber", "-23.40", "EUR", today}},
		{"uber eur23.40", Draft{"Uber", "-23.40", "EUR", today}},
		{"+1200 salary", Draft{"Salary", "1200.00", "", today}},
		{"salary +1200", Draft{"Salary", "1200.00", "", today}},
		{"+ 1200 salary", Draft{"Salary", "1200.00", "", today}},
		{"salary 1,200", Draft{"Salary", "-1200.00", "", today}},
		{"rent 1.234,56 eur", Draft{"Rent", "-1234.56", "EUR", today}},
		{"+€1200 salary", Draft{"Salary", "1200.00", "EUR", today}},
		{"books €12", Draft{"Books", "-12.00", "EUR", today}},
		{"books 12€", Draft{"Books", "-12.00", "EUR", today}},
		{"books € 12", Draft{"Books", "-12.00", "EUR", today}},
		{"books 12 €", Draft{"Books", "-12.00", "EUR", today}},
		{"€-12 books", Draft{"Books", "-12.00", "EUR", today}},
		{"cab $9.99", Draft{"Cab", "-9.99", "USD", today}},
		{"tea £3", Draft{"Tea", "-3.00", "GBP", today}},
		{"sushi 1200 jpy", Draft{"Sushi", "-1200", "JPY", today}},
		{"sushi 1200.00 JPY", Draft{"Sushi", "-1200", "JPY", today}},
		{"fuel 5.125 kwd", Draft{"Fuel", "-5.125", "KWD", today}},
		{"taxi 30 usd 2026-11-20", Draft{"Taxi", "-30.00", "USD", day(2026, 11, 20)}},
		{"taxi 30 2026-11-20 usd", Draft{"Taxi", "-30.00", "USD", day(2026, 11, 20)}},
		{"taxi 30 on 20/11", Draft{"Taxi", "-30.00", "", day(2026, 11, 20)}},
		{"On 20/11 taxi 30", Draft{"Taxi", "-30.00", "", day(2026, 11, 20)}},
		{"taxi 30 on 25/12", Draft{"Taxi", "-30.00", "", day(2025, 12, 25)}},
		{"taxi 30 20/11/2025", Draft{"Taxi", "-30.00", "", day(2025, 11, 20)}},
		{"taxi 30 20/11/25", Draft{"Taxi", "-30.00", "", day(2025, 11, 20)}},
		{"taxi 30 20.11.2026", Draft{"Taxi", "-30.00", "", day(2026, 11, 20)}},
		{"dinner 45.5 2 days ago", Draft{"Dinner", "-45.50", "", day(2026, 11, 20)}},
		{"2 days ago dinner 45.5", Draft{"Dinner", "-45.50", "", day(2026, 11, 20)}},
		{"dinner 45.5 a day ago", Draft{"Dinner", "-45.50", "", yesterday}},
		{"dinner 45.5 1 week ago", Draft{"Dinner", "-45.50", "", day(2026, 11, 15)}},
		{"groceries at the market 31.20", Draft{"Groceries at the market", "-31.20", "", today}},
		{"spent 12 on lunch", Draft{"Spent on lunch", "-12.00", "", today}},
		{"7eleven snacks 3", Draft{"7eleven snacks", "-3.00", "", today}},
		{"élan 5", Draft{"Élan", "-5.00", "", today}},
		{"coffee cup 4", Draft{"Coffee cup", "-4.00", "", today}}, // "cup" is a word unless written CUP
		{"cup 4", Draft{"Cup", "-4.00", "", today}},
		{"4 top", Draft{"Top", "-4.00", "", today}},
		{"buy pen 3", Draft{"Buy pen", "-3.00", "", today}},
		{"kebab 250 TRY", Draft{"Kebab", "-250.00", "TRY", today}},
		{"salary 1.200", Draft{"Salary", "-1200.00", "", today}}, // money.Parse: one '.' + 3 digits groups thousands
		{"fee 4.505 kwd", Draft{"Fee", "-4.505", "KWD", today}},
	}
	for _, tt := range tests {
		got, err := ParseExpense(tt.in, now)
		if err != nil {
			t.Errorf("ParseExpense(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseExpense(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got.Date.Location() != time.UTC {
			t.Errorf("ParseExpense(%q).Date location %v, want UTC", tt.in, got.Date.Location())
		}
	}
}

func TestParseExpenseTodayFollowsNowLocation(t *testing.T) {
	// 23:30 on the 21st in New York is the 22nd in UTC; the user's today wins.
	ny := time.FixedZone("EST", -5*3600)
	now := time.Date(2026, 11, 21, 23, 30, 0, 0, ny)
	got, err := ParseExpense("coffee 4.50", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC); !got.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", got.Date, want)
	}
}

func TestParseExpenseErrors(t *testing.T) {
	now := time.Date(2026, 11, 22, 15, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want error
	}{
		{"", txtErrNoAmount},
		{"coffee", txtErrNoAmount},
		{"coffee yesterday", txtErrNoAmount},
		{"coffee €", txtErrNoAmount},
		{"4.50", txtErrNoDescription},
		{"4.50 eur", txtErrNoDescription},
		{"€4.50 yesterday", txtErrNoDescription},
		{"+12 -", txtErrNoDescription},
		{"coffee 0", txtErrZero},
		{"coffee 0.00 eur", txtErrZero},
		{"coffee 4.50 5", txtErrTwoAmounts},
		{"2 coffees 4.50", txtErrTwoAmounts},
		{"coffee 4.5055", txtErrBadAmount},
		{"sushi 12.5 jpy", txtErrBadAmount},
		{"coffee 1.2.3", txtErrBadAmount},
		{"coffee €4.50 usd", txtErrCurrencies},
		{"coffee 4.50 tomorrow", txtErrFuture},
		{"coffee 4.50 2026-11-23", txtErrFuture},
		{"coffee 4.50 on 1/1/2027", txtErrFuture},
		{"coffee 4.50 yesterday today", txtErrTwoDates},
		{"coffee 4.50 2026-02-30", txtErrBadDate},
		{"coffee 4.50 on 31/11", txtErrBadDate},
		{"coffee 4.50 on 11/20", txtErrBadDate},
	}
	for _, tt := range tests {
		got, err := ParseExpense(tt.in, now)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseExpense(%q) = %+v, %v; want error %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseExpense("coffee", now); err == nil || err.Error() != "I couldn't find an amount" {
		t.Errorf("no-amount message = %v", err)
	}
}

func TestEscapeMarkdownV2(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain text 123", "plain text 123"},
		{"-4.50", `\-4\.50`},
		{"_*[]()~`>#+-=|{}.!", "\\_\\*\\[\\]\\(\\)\\~\\`\\>\\#\\+\\-\\=\\|\\{\\}\\.\\!"},
		{`a\b`, `a\\b`},
		{"Café €12 (lunch) 😀!", `Café €12 \(lunch\) 😀\!`},
		{"a_b\n", "a\\_b\n"},
		{"$ % & ' \" , : ; < ? @ ^", "$ % & ' \" , : ; < ? @ ^"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdownV2(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdownV2(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "```\n\n```"},
		{"total  -4.50 (EUR)", "```\ntotal  -4.50 (EUR)\n```"},
		{"a`b\\c_*", "```\na\\`b\\\\c_*\n```"},
		{"line1\nline2", "```\nline1\nline2\n```"},
	}
	for _, tt := range tests {
		if got := Code(tt.in); got != tt.want {
			t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func txtUnits(s string) int { return len(utf16.Encode([]rune(s))) }

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"empty", "", 10, nil},
		{"fits", "hello", 10, []string{"hello"}},
		{"exactly", "0123456789", 10, []string{"0123456789"}},
		{"newline preferred", "aaa bbb\nccc ddd", 12, []string{"aaa bbb", "ccc ddd"}},
		{"last newline", "a\nbb\ncc dd", 8, []string{"a\nbb", "cc dd"}},
		{"space", "aaa bbb ccc", 8, []string{"aaa bbb", "ccc"}},
		{"hard cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"leading newline not a break", "\nabcdefgh", 4, []string{"\nabc", "defg", "h"}},
		{"default limit", strings.Repeat("x", MaxMessage), 0, []string{strings.Repeat("x", MaxMessage)}},
		{"runes", "ééééé", 2, []string{"éé", "éé", "é"}},
		{"surrogate pair not split", "a😀b", 2, []string{"a", "😀", "b"}},
		{"surrogate pairs", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"wide rune over limit", "😀", 1, []string{"😀"}},
		{"escape kept whole", `abc\.def`, 4, []string{"abc", `\.de`, "f"}},
		{"escaped backslash may end a part", `ab\\cd`, 4, []string{`ab\\`, "cd"}},
		{"escaped space not a break", `aa\ bb cc`, 6, []string{`aa\ bb`, " cc"}},
		{"escaped newline not a break", "a b\\\nc", 4, []string{"a", "b\\\nc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split(tt.in, tt.limit)
			if len(got) != len(tt.want) {
				t.Fatalf("Split(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("Split(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
				}
			}
		})
	}
}

// TestSplitInvariants checks, on long generated MarkdownV2 text, that every
// part is non-empty, valid UTF-8, within the limit in UTF-16 units, never
// ends in a lone backslash, and that nothing but break separators is lost.
func TestSplitInvariants(t *testing.T) {
	words := []string{"coffee", EscapeMarkdownV2("-4.50"), "😀", "é", "\n", EscapeMarkdownV2("a.b!c"), `\\`, "x"}
	var b strings.Builder
	for i := 0; b.Len() < 20000; i++ {
		b.WriteString(words[(i*7+i/3)%len(words)])
		if i%5 != 0 {
			b.WriteByte(' ')
		}
	}
	in := b.String()
	for _, limit := range []int{2, 3, 7, 50, 333, MaxMessage} {
		parts := Split(in, limit)
		var joined strings.Builder
		for i, p := range parts {
			if p == "" {
				t.Fatalf("limit %d: part %d empty", limit, i)
			}
			if !utf8.ValidString(p) {
				t.Fatalf("limit %d: part %d invalid UTF-8", limit, i)
			}
			if n := txtUnits(p); n > limit {
				t.Fatalf("limit %d: part %d has %d units", limit, i, n)
			}
			if txtLoneBackslash(p) {
				t.Fatalf("limit %d: part %d %q ends with a lone backslash", limit, i, p)
			}
			joined.WriteString(p)
		}
		strip := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
		if strip(joined.String()) != strip(in) {
			t.Fatalf("limit %d: content lost", limit)
		}
	}
	if got := Split(in, MaxMessage); len(got) < 2 {
		t.Fatalf("expected several parts, got %d", len(got))
	}
}
