package seed

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var testEnd = time.Date(2025, 6, 30, 17, 45, 0, 0, time.UTC)

func TestDeterministic(t *testing.T) {
	a := Generate(testEnd, 6, 42)
	b := Generate(testEnd, 6, 42)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed produced different output")
	}
	c := Generate(testEnd, 6, 43)
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds produced identical output")
	}
}

func TestCountSixMonths(t *testing.T) {
	for seed := int64(1); seed <= 20; seed++ {
		n := len(Generate(testEnd, 6, seed))
		// ≈150–200 per month, with some slack.
		if n < 6*140 || n > 6*210 {
			t.Errorf("seed %d: %d transactions for 6 months, want ~900-1200", seed, n)
		}
	}
}

func TestNonPositiveMonths(t *testing.T) {
	if got := Generate(testEnd, 0, 1); got != nil {
		t.Errorf("months=0: got %d txns, want nil", len(got))
	}
}

func TestFieldsValid(t *testing.T) {
	amountRE := regexp.MustCompile(`^-?(0|[1-9][0-9]*)\.[0-9]{2}$`)
	txns := Generate(testEnd, 6, 7)
	seen := map[string]bool{}
	for _, tx := range txns {
		if !slices.Contains(Categories(), tx.Category) {
			t.Errorf("%+v: unknown category %q", tx, tx.Category)
		}
		seen[tx.Category] = true
		if !amountRE.MatchString(tx.Amount) || tx.Amount == "0.00" || tx.Amount == "-0.00" {
			t.Errorf("%+v: bad amount %q", tx, tx.Amount)
		}
		if tx.Currency != "USD" {
			t.Errorf("%+v: currency %q", tx, tx.Currency)
		}
		if tx.Account != AccountChecking && tx.Account != AccountCreditCard {
			t.Errorf("%+v: account %q", tx, tx.Account)
		}
		if strings.TrimSpace(tx.Description) != tx.Description || tx.Description == "" || strings.ContainsAny(tx.Description, "{}") {
			t.Errorf("%+v: bad description %q", tx, tx.Description)
		}
	}
	if len(Categories()) != 16 {
		t.Errorf("Categories() has %d entries, want 16", len(Categories()))
	}
	for _, c := range Categories() {
		if !seen[c] {
			t.Errorf("category %s never generated in 6 months", c)
		}
	}
}

func TestSalaryAndRent(t *testing.T) {
	var salaries, rents int
	for _, tx := range Generate(testEnd, 6, 3) {
		c := parseCents(tx.Amount)
		switch {
		case strings.Contains(tx.Description, "PAYROLL"):
			salaries++
			if tx.Category != "INCOME" || c <= 0 || c < 300000 || c > 350000 {
				t.Errorf("salary %+v", tx)
			}
		case strings.Contains(tx.Description, "PROPERTY RENT"):
			rents++
			if tx.Category != "RENT_AND_UTILITIES" || c >= 0 || tx.Date.Day() != 1 {
				t.Errorf("rent %+v", tx)
			}
		}
	}
	if salaries < 12 || salaries > 14 {
		t.Errorf("%d paychecks in 6 months, want 13±1 (bi-weekly)", salaries)
	}
	if rents != 6 {
		t.Errorf("%d rent payments in 6 months, want 6", rents)
	}
}

func TestSortedAndInRange(t *testing.T) {
	end := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	start := end.AddDate(0, -6, 0)
	txns := Generate(testEnd, 6, 11)
	for i, tx := range txns {
		if tx.Date.Before(start) || tx.Date.After(end) {
			t.Fatalf("%+v outside [%s, %s]", tx, start, end)
		}
		if tx.Date.Location() != time.UTC || tx.Date.Hour() != 0 || tx.Date.Minute() != 0 {
			t.Fatalf("%+v: date not truncated to a UTC day", tx)
		}
		if i > 0 {
			p := txns[i-1]
			if tx.Date.Before(p.Date) || (tx.Date.Equal(p.Date) && tx.Description < p.Description) {
				t.Fatalf("not sorted at %d: %+v after %+v", i, tx, p)
			}
		}
	}
	if first := txns[0].Date; first.Sub(start) > 3*24*time.Hour {
		t.Errorf("history starts at %s, want near %s", first, start)
	}
	if last := txns[len(txns)-1].Date; !last.Equal(end) {
		t.Errorf("history ends at %s, want %s", last, end)
	}
}

func TestSubscriptionPriceIncrease(t *testing.T) {
	prices := map[string]map[string]bool{}
	for _, tx := range Generate(testEnd, 6, 5) {
		for _, s := range subscriptions {
			if tx.Description == s.desc {
				if prices[s.desc] == nil {
					prices[s.desc] = map[string]bool{}
				}
				prices[s.desc][tx.Amount] = true
			}
		}
	}
	increases := 0
	for _, s := range subscriptions {
		switch len(prices[s.desc]) {
		case 1:
		case 2:
			increases++
		default:
			t.Errorf("%s: prices %v", s.desc, prices[s.desc])
		}
	}
	if increases != 1 {
		t.Errorf("%d subscriptions changed price, want exactly 1", increases)
	}
}

func TestCardPaymentsBalance(t *testing.T) {
	var out, in int64
	for _, tx := range Generate(testEnd, 6, 9) {
		if tx.Category != "LOAN_PAYMENTS" || strings.Contains(tx.Description, "TOYOTA") {
			continue
		}
		if tx.Account == AccountChecking {
			out += parseCents(tx.Amount)
		} else {
			in += parseCents(tx.Amount)
		}
	}
	if out >= 0 || in != -out {
		t.Errorf("card payments: checking %d, card %d; want equal and opposite", out, in)
	}
}

func TestVaryMedian(t *testing.T) {
	g := newGen(testEnd, 1, 1)
	var below int
	const n = 4000
	for range n {
		v := g.vary(10000, 400)
		if v <= 0 {
			t.Fatalf("vary returned %d", v)
		}
		if v < 10000 {
			below++
		}
	}
	if below < n*45/100 || below > n*55/100 {
		t.Errorf("%d/%d samples below the typical amount, want about half", below, n)
	}
}

func TestFormatCents(t *testing.T) {
	for c, want := range map[int64]string{-475: "-4.75", 325000: "3250.00", 5: "0.05", -100: "-1.00", 0: "0.00"} {
		if got := formatCents(c); got != want {
			t.Errorf("formatCents(%d) = %q, want %q", c, got, want)
		}
		if got := parseCents(want); got != c {
			t.Errorf("parseCents(%q) = %d, want %d", want, got, c)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	txns := Generate(testEnd, 2, 1)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, txns); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "Date,Description,Amount,Currency\n") {
		t.Errorf("missing header: %q", buf.String()[:40])
	}
	if lines := strings.Count(buf.String(), "\n"); lines != len(txns)+1 {
		t.Errorf("%d lines, want %d", lines, len(txns)+1)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != len(txns)+1 {
		t.Fatalf("%d records, want %d", len(recs), len(txns)+1)
	}
	for i, tx := range txns {
		want := []string{tx.Date.Format("2006-01-02"), tx.Description, tx.Amount, "USD"}
		if !reflect.DeepEqual(recs[i+1], want) {
			t.Fatalf("row %d = %q, want %q", i+1, recs[i+1], want)
		}
	}
}

func TestAccounts(t *testing.T) {
	txns := []Txn{{Account: "credit-card"}, {Account: "checking"}, {Account: "credit-card"}}
	if got, want := Accounts(txns), []string{"credit-card", "checking"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Accounts = %v, want %v", got, want)
	}
	got := Accounts(Generate(testEnd, 3, 2))
	slices.Sort(got)
	if want := []string{"checking", "credit-card"}; !reflect.DeepEqual(got, want) {
		t.Errorf("generated accounts = %v, want %v", got, want)
	}
}

func TestShortAndLongPeriods(t *testing.T) {
	for _, m := range []int{1, 2, 12, 24} {
		txns := Generate(testEnd, m, 4)
		perMonth := len(txns) / m
		if perMonth < 120 || perMonth > 230 {
			t.Errorf("months=%d: %d txns/month", m, perMonth)
		}
	}
}
