package ask

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Wednesday 25 November 2026, evening: late enough that a naive UTC/local mix-up would show.
var testNow = time.Date(2026, 11, 25, 21, 30, 0, 0, time.UTC)

var testVocab = Vocabulary{
	Currency: "USD",
	Categories: []string{"INCOME", "TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS", "BANK_FEES", "ENTERTAINMENT",
		"FOOD_AND_DRINK", "GENERAL_MERCHANDISE", "HOME_IMPROVEMENT", "MEDICAL", "PERSONAL_CARE", "GENERAL_SERVICES",
		"GOVERNMENT_AND_NON_PROFIT", "TRANSPORTATION", "TRAVEL", "RENT_AND_UTILITIES", "Coffee Shops"},
	Merchants: []string{"Amazon", "Starbucks", "Uber", "Uber Eats", "Trader Joe's", "Netflix", "Chipotle",
		"Blue Bottle Coffee", "Target", "Whole Foods", "7-Eleven", "Dick's Drive-In", "The Home Depot", "Shell", "Total"},
}

func d(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

type want struct {
	intent         Intent
	category       string
	merchant       string
	from, to       string // "" = do not check; "-" = zero (all time)
	vfrom, vto     string // Compare's second period
	n              int
	text, per      string
	moneyIn, given bool
}

func TestParse(t *testing.T) {
	cases := []struct {
		q string
		w want
	}{
		// Total spend, with every kind of period.
		{"How much did I spend this month?", want{intent: TotalSpend, from: "2026-11-01", to: "2026-11-25", given: true}},
		{"How much did I spend?", want{intent: TotalSpend, from: "2026-11-01", to: "2026-11-25"}},
		{"how much did i spend last month", want{intent: TotalSpend, from: "2026-10-01", to: "2026-10-31", given: true}},
		{"How much did I spend on groceries last month?", want{intent: TotalSpend, category: "FOOD_AND_DRINK", from: "2026-10-01", to: "2026-10-31", given: true}},
		{"how much did I spend at starbucks", want{intent: TotalSpend, merchant: "Starbucks", from: "2026-11-01", to: "2026-11-25"}},
		{"What did I spend at STARBUCKS in the last 30 days?", want{intent: TotalSpend, merchant: "Starbucks", from: "2026-10-27", to: "2026-11-25"}},
		{"spending on restaurants this year", want{intent: TotalSpend, category: "FOOD_AND_DRINK", from: "2026-01-01", to: "2026-11-25"}},
		{"How much was rent last year?", want{intent: TotalSpend, category: "RENT_AND_UTILITIES", from: "2025-01-01", to: "2025-12-31"}},
		{"How much did I spend on gas in the last 2 weeks?", want{intent: TotalSpend, category: "TRANSPORTATION", from: "2026-11-12", to: "2026-11-25"}},
		{"how much was my gas bill last month", want{intent: TotalSpend, category: "RENT_AND_UTILITIES", from: "2026-10-01", to: "2026-10-31"}},
		{"How much did I spend on fuel in the last 3 months?", want{intent: TotalSpend, category: "TRANSPORTATION", from: "2026-08-26", to: "2026-11-25"}},
		{"How much did I spend on uber?", want{intent: TotalSpend, merchant: "Uber"}},
		{"How much did I spend on Uber Eats in March?", want{intent: TotalSpend, merchant: "Uber Eats", from: "2026-03-01", to: "2026-03-31"}},
		{"what did I spend in December", want{intent: TotalSpend, from: "2025-12-01", to: "2025-12-31"}},
		{"spending in March 2025", want{intent: TotalSpend, from: "2025-03-01", to: "2025-03-31"}},
		{"How much did I spend in 2025?", want{intent: TotalSpend, from: "2025-01-01", to: "2025-12-31"}},
		{"Total spent at Amazon since June", want{intent: TotalSpend, merchant: "Amazon", from: "2026-06-01", to: "2026-11-25"}},
		{"how much have I spent on food since january", want{intent: TotalSpend, category: "FOOD_AND_DRINK", from: "2026-01-01", to: "2026-11-25"}},
		{"How much did I spend on food between 2026-01-01 and 2026-03-31?", want{intent: TotalSpend, category: "FOOD_AND_DRINK", from: "2026-01-01", to: "2026-03-31"}},
		{"spending from june to august", want{intent: TotalSpend, from: "2026-06-01", to: "2026-08-31"}},
		{"How much did I spend this week?", want{intent: TotalSpend, from: "2026-11-23", to: "2026-11-25"}},
		{"How much did I spend last week?", want{intent: TotalSpend, from: "2026-11-16", to: "2026-11-22"}},
		{"How much did I spend today?", want{intent: TotalSpend, from: "2026-11-25", to: "2026-11-25"}},
		{"How much did I spend yesterday at Trader Joe’s?", want{intent: TotalSpend, merchant: "Trader Joe's", from: "2026-11-24", to: "2026-11-24"}},
		{"trader joes spending on 2026-11-02", want{intent: TotalSpend, merchant: "Trader Joe's", from: "2026-11-02", to: "2026-11-02"}},
		{"What did I spend at 7-eleven two months ago?", want{intent: TotalSpend, merchant: "7-Eleven", from: "2026-09-01", to: "2026-09-30"}},
		{"How much did I pay for Netflix in the past year?", want{intent: TotalSpend, merchant: "Netflix", from: "2025-11-26", to: "2026-11-25"}},
		{"how much did I spend at dicks drive in year to date", want{intent: TotalSpend, merchant: "Dick's Drive-In", from: "2026-01-01", to: "2026-11-25"}},
		{"how much did I spend on transfers in october", want{intent: TotalSpend, category: "TRANSFER_OUT", from: "2026-10-01"}},
		{"spending on coffee shops", want{intent: TotalSpend, category: "Coffee Shops"}},
		{"How much did I spend on food and drink last quarter?", want{intent: TotalSpend, category: "FOOD_AND_DRINK", from: "2026-07-01", to: "2026-09-30"}},
		{"food at whole foods in the last 10 days", want{intent: TotalSpend, category: "FOOD_AND_DRINK", merchant: "Whole Foods", from: "2026-11-16", to: "2026-11-25"}},
		{"how much on taxes in 2026-04", want{intent: TotalSpend, category: "GOVERNMENT_AND_NON_PROFIT", from: "2026-04-01", to: "2026-04-30"}},
		{"What did home depot cost me since 2026-10-15?", want{intent: TotalSpend, merchant: "The Home Depot", from: "2026-10-15", to: "2026-11-25"}},
		// Income.
		{"What was my income last month?", want{intent: IncomeTotal, category: "INCOME", moneyIn: true, from: "2026-10-01", to: "2026-10-31"}},
		{"How much did I earn this year?", want{intent: IncomeTotal, category: "INCOME", moneyIn: true, from: "2026-01-01"}},
		{"how much did I make in october", want{intent: IncomeTotal, category: "INCOME", moneyIn: true, from: "2026-10-01", to: "2026-10-31"}},
		{"How much did I get paid in October?", want{intent: IncomeTotal, category: "INCOME", moneyIn: true, from: "2026-10-01"}},
		{"How much money came in last month?", want{intent: IncomeTotal, moneyIn: true, from: "2026-10-01", to: "2026-10-31"}},
		{"total deposits this year", want{intent: IncomeTotal, moneyIn: true, from: "2026-01-01"}},
		// Compare.
		{"Compare this month with last month", want{intent: Compare, from: "2026-11-01", to: "2026-11-25", vfrom: "2026-10-01", vto: "2026-10-31"}},
		{"food spending this month vs last month", want{intent: Compare, category: "FOOD_AND_DRINK", from: "2026-11-01", vfrom: "2026-10-01", vto: "2026-10-31"}},
		{"Did I spend more on transportation in October than in September?", want{intent: Compare, category: "TRANSPORTATION", from: "2026-10-01", to: "2026-10-31", vfrom: "2026-09-01", vto: "2026-09-30"}},
		{"Amazon: October vs the month before", want{intent: Compare, merchant: "Amazon", from: "2026-10-01", vfrom: "2026-09-01", vto: "2026-09-30"}},
		{"how does my grocery spending compare to last month", want{intent: Compare, category: "FOOD_AND_DRINK", from: "2026-11-01", to: "2026-11-25", vfrom: "2026-10-01", vto: "2026-10-31"}},
		{"compare my spending", want{intent: Compare, from: "2026-11-01", vfrom: "2026-10-01"}},
		{"compare the last 30 days", want{intent: Compare, from: "2026-10-27", to: "2026-11-25", vfrom: "2026-09-27", vto: "2026-10-26"}},
		{"this year versus last year", want{intent: Compare, from: "2026-01-01", vfrom: "2025-01-01", vto: "2025-12-31"}},
		// Top merchants and categories.
		{"What are my top 5 merchants this month?", want{intent: TopMerchants, n: 5, from: "2026-11-01"}},
		{"Where did I spend the most last month?", want{intent: TopMerchants, n: 5, from: "2026-10-01"}},
		{"top three stores for food in the last 90 days", want{intent: TopMerchants, category: "FOOD_AND_DRINK", n: 3, from: "2026-08-28"}},
		{"which merchant did I spend the most at?", want{intent: TopMerchants, n: 1}},
		{"spending by merchant this year", want{intent: TopMerchants, n: 20, from: "2026-01-01"}},
		{"What did I spend the most on last month?", want{intent: TopCategories, n: 5, from: "2026-10-01"}},
		{"Top categories this year", want{intent: TopCategories, n: 5, from: "2026-01-01"}},
		{"Spending by category in October", want{intent: TopCategories, n: 20, from: "2026-10-01"}},
		{"top 3 categories", want{intent: TopCategories, n: 3}},
		// Largest.
		{"What was my biggest purchase last month?", want{intent: Largest, n: 1, from: "2026-10-01"}},
		{"Show my 3 largest transactions this year", want{intent: Largest, n: 3, from: "2026-01-01"}},
		{"Largest food purchases in the last 60 days", want{intent: Largest, category: "FOOD_AND_DRINK", n: 5, from: "2026-09-27"}},
		{"most expensive transaction at Amazon since July", want{intent: Largest, merchant: "Amazon", n: 1, from: "2026-07-01"}},
		{"top 10 transactions", want{intent: Largest, n: 10}},
		// Similar.
		{"Show transactions like Starbucks", want{intent: Similar, text: "starbucks", n: 10, from: "-"}},
		{"Find payments similar to blue bottle coffee", want{intent: Similar, text: "blue bottle coffee", n: 10}},
		{"anything like uber eats last month", want{intent: Similar, text: "uber eats", n: 10, from: "2026-10-01", to: "2026-10-31"}},
		{"show 5 purchases like SQ *MARINATION MOBILE", want{intent: Similar, text: "sq *marination mobile", n: 5}},
		// Count.
		{"How many times did I go to Starbucks last month?", want{intent: Count, merchant: "Starbucks", from: "2026-10-01"}},
		{"How many transactions at Chipotle this year?", want{intent: Count, merchant: "Chipotle", from: "2026-01-01"}},
		{"number of purchases on food this week", want{intent: Count, category: "FOOD_AND_DRINK", from: "2026-11-23"}},
		{"How many paychecks did I get this year?", want{intent: Count, category: "INCOME", moneyIn: true}},
		{"how often did I go to target", want{intent: Count, merchant: "Target"}},
		// Average.
		{"What's my average purchase at Starbucks?", want{intent: Average, merchant: "Starbucks", per: PerTransaction, from: "2026-08-01", to: "2026-10-31"}},
		{"How much do I spend on groceries per month?", want{intent: Average, category: "FOOD_AND_DRINK", per: PerMonth, from: "2026-08-01", to: "2026-10-31"}},
		{"Average monthly spending on transportation this year", want{intent: Average, category: "TRANSPORTATION", per: PerMonth, from: "2026-01-01"}},
		{"average transaction at Amazon last month", want{intent: Average, merchant: "Amazon", per: PerTransaction, from: "2026-10-01"}},
		{"what do I usually spend at chipotle", want{intent: Average, merchant: "Chipotle", per: PerTransaction}},
		// Budget.
		{"Am I over budget this month?", want{intent: Budget, from: "2026-11-01", to: "2026-11-25"}},
		{"How is my food budget doing?", want{intent: Budget, category: "FOOD_AND_DRINK", from: "2026-11-01"}},
		{"What was my transportation budget status last month?", want{intent: Budget, category: "TRANSPORTATION", from: "2026-10-01", to: "2026-10-31"}},
		// Unknown.
		{"What's the weather like?", want{intent: Unknown}},
		{"tell me a joke", want{intent: Unknown}},
		{"hello", want{intent: Unknown}},
		{"", want{intent: Unknown}},
		{"I would like to know things", want{intent: Unknown}},
	}
	if len(cases) < 40 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		q, err := Parse(c.q, testNow, testVocab)
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		w := c.w
		bad := func(what string, got, want any) { t.Errorf("%q: %s = %v, want %v (%s)", c.q, what, got, want, q) }
		if q.Intent != w.intent {
			bad("intent", q.Intent, w.intent)
			continue
		}
		if w.intent == Unknown {
			if !strings.Contains(q.Message, "How much did I spend") {
				t.Errorf("%q: unknown without the supported forms: %q", c.q, q.Message)
			}
			continue
		}
		if q.Category != w.category {
			bad("category", q.Category, w.category)
		}
		if q.Merchant != w.merchant {
			bad("merchant", q.Merchant, w.merchant)
		}
		checkDay := func(what string, got time.Time, want string) {
			switch want {
			case "":
			case "-":
				if !got.IsZero() {
					bad(what, got, "all time")
				}
			default:
				if !got.Equal(d(want)) {
					bad(what, got.Format(time.DateOnly), want)
				}
			}
		}
		checkDay("from", q.Period.From, w.from)
		checkDay("to", q.Period.To, w.to)
		checkDay("versus from", q.Versus.From, w.vfrom)
		checkDay("versus to", q.Versus.To, w.vto)
		if w.n != 0 && q.N != w.n {
			bad("n", q.N, w.n)
		}
		if w.text != "" && q.Text != w.text {
			bad("text", q.Text, w.text)
		}
		if w.per != "" && q.Per != w.per {
			bad("per", q.Per, w.per)
		}
		if q.MoneyIn != w.moneyIn {
			bad("money in", q.MoneyIn, w.moneyIn)
		}
		if w.given && !q.PeriodGiven {
			bad("period given", q.PeriodGiven, true)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, q := range []string{
		"spending between 2026-03-31 and 2026-01-01",
		"spending on 2026-02-30",
		"spending in 2026-13",
		strings.Repeat("how much ", 100),
	} {
		if _, err := Parse(q, testNow, testVocab); !errors.Is(err, ErrBadQuestion) {
			t.Errorf("%q: %v, want ErrBadQuestion", q, err)
		}
	}
}

// A merchant only matches as whole words of the user's own merchants, and reserved words
// never become merchants.
func TestParseMerchantMatching(t *testing.T) {
	for q, m := range map[string]string{
		"what is the total this month":     "",          // "Total" is a merchant but a reserved word
		"how much at targets":              "",          // not the whole name
		"spending at uber eats":            "Uber Eats", // longest wins
		"spending at blue bottle":          "",          // a merchant needs its full name
		"what did 7 eleven cost last year": "7-Eleven",
	} {
		got, err := Parse(q, testNow, testVocab)
		if err != nil || got.Merchant != m {
			t.Errorf("%q: merchant %q (%v), want %q", q, got.Merchant, err, m)
		}
	}
	// Without the merchant in the vocabulary, "uber" is the transportation synonym.
	q, _ := Parse("how much did I spend on uber", testNow, Vocabulary{})
	if q.Merchant != "" || q.Category != "TRANSPORTATION" {
		t.Errorf("uber without the merchant: %s", q)
	}
}

func TestPeriods(t *testing.T) {
	// End of a long month: "last month" and rolling months must clamp, not overflow.
	now := time.Date(2026, 3, 31, 10, 0, 0, 0, time.UTC)
	for q, want := range map[string][2]string{
		"last month":                 {"2026-02-01", "2026-02-28"},
		"last 1 months":              {"2026-03-01", "2026-03-31"},
		"last 2 months":              {"2026-02-01", "2026-03-31"},
		"in march":                   {"2026-03-01", "2026-03-31"},
		"in april":                   {"2025-04-01", "2025-04-30"},
		"this quarter":               {"2026-01-01", "2026-03-31"},
		"last quarter":               {"2025-10-01", "2025-12-31"},
		"one month ago":              {"2026-02-01", "2026-02-28"},
		"last week":                  {"2026-03-23", "2026-03-29"},
		"the past week":              {"2026-03-25", "2026-03-31"},
		"last 7 days":                {"2026-03-25", "2026-03-31"},
		"since 2026-03-15":           {"2026-03-15", "2026-03-31"},
		"between march and may 2025": {"2025-03-01", "2025-05-31"},
	} {
		spans, err := findPeriods(q, civil(now))
		if err != nil || len(spans) != 1 {
			t.Errorf("%q: %v %v", q, spans, err)
			continue
		}
		p := spans[0].Period
		if got := [2]string{p.From.Format(time.DateOnly), p.To.Format(time.DateOnly)}; got != want {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
	// "may" alone is a verb.
	if spans, _ := findPeriods("may i ask how much", civil(now)); len(spans) != 0 {
		t.Errorf("may: %v", spans)
	}
	// Today is the calendar day of now in its own location.
	tokyo := time.Date(2026, 4, 1, 7, 0, 0, 0, time.FixedZone("JST", 9*3600)) // still March 31 in UTC
	if spans, _ := findPeriods("today", civil(tokyo)); spans[0].From != d("2026-04-01") {
		t.Errorf("today in Tokyo: %v", spans[0].From)
	}
}

func TestMonths(t *testing.T) {
	for _, c := range []struct {
		from, to string
		n        int
	}{
		{"2026-08-01", "2026-10-31", 3},
		{"2026-01-01", "2026-11-25", 11},
		{"2026-11-01", "2026-11-25", 1},
		{"2026-08-26", "2026-11-25", 3},
		{"2026-10-27", "2026-11-25", 1},
		{"2026-11-23", "2026-11-25", 1},
		{"2025-11-26", "2026-11-25", 12},
	} {
		p := Period{From: d(c.from), To: d(c.to)}
		if got := p.Months(); got != c.n {
			t.Errorf("%s..%s: %d months, want %d", c.from, c.to, got, c.n)
		}
	}
}

// Every evaluation question is understood.
func TestEvalQuestionsParse(t *testing.T) {
	seen := map[Intent]bool{}
	for _, s := range EvalQuestions {
		q, err := Parse(s, testNow, testVocab)
		if err != nil || q.Intent == Unknown {
			t.Errorf("%q: %s %v", s, q, err)
		}
		seen[q.Intent] = true
	}
	if len(EvalQuestions) < 40 || len(seen) != 10 {
		t.Errorf("%d questions over %d intents", len(EvalQuestions), len(seen))
	}
}
