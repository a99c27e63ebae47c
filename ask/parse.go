package ask

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/aithena/aithena/categorize"
	"github.com/aithena/aithena/merchant"
)

// Intent is the kind of question.
type Intent string

// The intents Parse recognises.
const (
	TotalSpend    Intent = "total_spend"    // money out by category, merchant or all, over a period
	IncomeTotal   Intent = "income_total"   // money in (INCOME, or all money in)
	Compare       Intent = "compare"        // the same total over two periods
	TopMerchants  Intent = "top_merchants"  // merchants ranked by spending
	TopCategories Intent = "top_categories" // categories ranked by spending
	Largest       Intent = "largest"        // the largest transactions
	Similar       Intent = "similar"        // transactions like a merchant or description
	Count         Intent = "count"          // how many transactions
	Average       Intent = "average"        // per transaction or per month
	Budget        Intent = "budget"         // budget status
	Unknown       Intent = "unknown"
)

// Vocabulary is what Parse knows about the asker: merchants are recognised only if the user
// has them, so "target" is a merchant only for someone who shops at Target.
type Vocabulary struct {
	Currency   string   // home currency: the main number of an answer is in it
	Categories []string // category names (UPPER_SNAKE system ones and the user's own)
	Merchants  []string // merchant display names, as stored in transactions.merchant
}

// Query is a parsed question.
type Query struct {
	Question string
	Intent   Intent
	Category string // a category name from the Vocabulary, or ""
	Merchant string // a merchant display name from the Vocabulary, or ""
	Period   Period
	// Versus is the second period of a comparison: Value = total(Period) - total(Versus).
	Versus Period
	// PeriodGiven is false when the question named no period and the default applied.
	PeriodGiven bool
	N           int    // how many rows to list (Top*, Largest, Similar)
	Text        string // Similar: the merchant or description to find transactions like
	Per         string // Average: PerTransaction or PerMonth
	MoneyIn     bool   // about money in rather than money out
	Confirmed   bool   // Similar: only transactions whose category the owner confirmed
	Currency    string // the home currency, from the Vocabulary
	Message     string // Unknown: why, and the forms that work
}

// Average denominators.
const (
	PerTransaction = "transaction"
	PerMonth       = "month"
)

// Help lists the supported forms; an Unknown answer carries it.
const Help = `I can answer questions like:
- How much did I spend on groceries last month? / at Starbucks this year? / in the last 30 days?
- What was my income in October? / How much money came in this month?
- Compare food spending this month vs last month
- What are my top 5 merchants this year? / What did I spend the most on last month?
- What were my 3 largest purchases since June?
- Show transactions like Blue Bottle Coffee
- How many times did I go to Chipotle this month?
- What is my average purchase at Amazon? / How much do I spend on transport per month?
- Am I over budget this month?
Periods: today, yesterday, this/last week, this/last month, this/last year, last N days/weeks/months,
in March (2026), in 2025, since January, between 2026-01-01 and 2026-03-31. Without one: this month.`

// maxQuestion bounds the work per question; real questions are a sentence.
const maxQuestion = 500

// ErrBadQuestion is wrapped by every Parse error: the question itself is at fault (too long,
// or an impossible date), so an API can answer 422.
var ErrBadQuestion = errors.New("ask: bad question")

// ErrTooLong is also wrapped when the question is over 500 bytes.
var ErrTooLong = errors.New("the question is too long")

// Parse turns a question into a Query, relative to now (its calendar day in now's location
// is "today"). It fails only for a question that is too long or names an impossible date;
// anything it does not understand is Intent Unknown with Message saying what works.
func Parse(question string, now time.Time, known Vocabulary) (Query, error) {
	q := Query{Question: question, Currency: known.Currency}
	if len(question) > maxQuestion {
		return q, fmt.Errorf("%w: %w (at most %d characters)", ErrBadQuestion, ErrTooLong, maxQuestion)
	}
	today := civil(now)
	s := strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(question))
	spans, err := findPeriods(s, today)
	if err != nil {
		return q, fmt.Errorf("%w: %v", ErrBadQuestion, err)
	}
	// The periods are cut out of the question, but their prepositions ("in", "for the") are
	// only set aside: a merchant may end with one ("Dick's Drive-In year to date").
	blank := []byte(s)
	for _, sp := range spans {
		for i := sp.core; i < sp.end; i++ {
			blank[i] = ' '
		}
	}
	toks := tokenize(string(blank))
	for i := range toks {
		for _, sp := range spans {
			if toks[i].start >= sp.start && toks[i].end <= sp.core {
				toks[i].soft = true
			}
		}
	}
	has := func(words ...string) bool { return hasAny(toks, words...) }

	// "Like" and "similar" come first: what follows them is the thing to match, not a filter.
	if kw, at, ok := similarAt(toks); ok {
		q.Intent = Similar
		for j := kw; j < len(toks); j++ {
			toks[j].used = true
		}
		last := len(toks) - 1
		for last >= at && toks[last].soft {
			last--
		}
		if last < at {
			return unknown(q, "Say what the transactions should be like, for example: transactions like Starbucks."), nil
		}
		q.Text = strings.Join(strings.Fields(string(blank[toks[at].start:toks[last].end])), " ")
	}

	matchEntities(&q, toks, known)

	switch {
	case q.Intent == Similar:
	case has("budget", "budgets"):
		q.Intent = Budget
	case has("compare", "compared", "comparison", "comparing", "vs", "versus", "against") || len(spans) >= 2 ||
		(has("than") && has("more", "less", "fewer")):
		q.Intent = Compare
	case has("how many", "number of", "count", "how often"):
		q.Intent = Count
	case has("average", "avg", "mean", "typical", "typically", "usually", "normally", "per month", "a month",
		"each month", "monthly", "per transaction", "per purchase", "per visit"):
		q.Intent = Average
	case has("top", "most", "biggest", "largest", "highest", "main", "favorite", "favourite") &&
		has("merchant", "merchants", "store", "stores", "shop", "shops", "place", "places", "where", "vendor",
			"vendors", "payee", "payees", "retailer", "retailers", "brands") ||
		has("by merchant", "per merchant", "by store"):
		q.Intent = TopMerchants
	case has("category", "categories") && has("top", "most", "biggest", "largest", "highest", "main") ||
		has("by category", "per category", "breakdown", "break down"):
		q.Intent = TopCategories
	case has("largest", "biggest", "highest", "priciest", "most expensive", "top", "large", "big", "expensive"):
		q.Intent = Largest
	case has("most") && (q.Category == "" || has("on")):
		q.Intent = TopCategories
	case has("income", "earn", "earned", "earning", "earnings", "salary", "wages", "paycheck", "paychecks",
		"get paid", "got paid", "was paid", "been paid", "money in", "came in", "come in", "coming in",
		"money came", "money come", "money coming", "deposits", "deposited", "received", "receive", "inflow", "inflows") ||
		has("how much") && has("make", "made") || q.Category == categorize.Income || q.Category == categorize.TransferIn:
		q.Intent = IncomeTotal
	case has("spend", "spent", "spending", "spendings", "expenses", "expense", "cost", "costs", "pay", "paid",
		"total", "how much", "outflow", "outflows", "money out", "charged", "charges", "payments", "purchases",
		"bought", "buy", "outgoings") || q.Category != "" || q.Merchant != "":
		q.Intent = TotalSpend
	default:
		return unknown(q, "I did not recognise the question."), nil
	}

	// Money in: income questions, and counts or rankings of paychecks and deposits.
	incomeWords := has("income", "earn", "earned", "earning", "earnings", "salary", "wages", "paycheck", "paychecks",
		"get paid", "got paid", "was paid", "been paid") || has("how much") && has("make", "made") && q.Intent == IncomeTotal
	anyIn := has("money in", "came in", "come in", "coming in", "money came", "money come", "money coming", "deposits", "deposit", "deposited", "received",
		"receive", "inflow", "inflows", "refunds", "refund")
	if q.Intent == IncomeTotal || incomeWords || anyIn || q.Category == categorize.Income || q.Category == categorize.TransferIn {
		q.MoneyIn = q.Intent != Similar && q.Intent != Budget
		if q.MoneyIn && q.Category == "" && !anyIn {
			q.Category = categorize.Income
		}
	}

	setN(&q, toks)
	if q.Intent == Average {
		q.Per = PerMonth
		if has("transaction", "transactions", "purchase", "purchases", "payment", "payments", "visit", "visits",
			"order", "orders", "charge", "charges", "each time", "per time", "ticket") ||
			q.Merchant != "" && !has("month", "monthly", "months") {
			q.Per = PerTransaction
		}
	}
	q.Confirmed = q.Intent == Similar && has("confirmed")
	setPeriods(&q, spans, today)
	return q, nil
}

func unknown(q Query, why string) Query {
	q.Intent = Unknown
	q.Message = why + "\n" + Help
	return q
}

// setPeriods applies the periods found, or the intent's default.
func setPeriods(q *Query, spans []span, today time.Time) {
	q.PeriodGiven = len(spans) > 0
	thisMonth := current(unitMonth, today)
	switch {
	case q.Intent == Compare:
		switch {
		case len(spans) >= 2:
			q.Period, q.Versus = spans[0].Period, spans[1].Period
			if spans[1].unit == unitBefore {
				q.Versus = previous(spans[0], today)
			}
		case len(spans) == 1 && spans[0].unit != unitBefore:
			s := spans[0]
			if s.unit >= unitDay && s.To.Before(today) {
				// "compared to last month": this month against it.
				q.Period, q.Versus = current(s.unit, today), s.Period
			} else {
				q.Period, q.Versus = s.Period, previous(s, today)
			}
		default:
			q.Period, q.Versus = thisMonth, previous(span{Period: thisMonth, unit: unitMonth}, today)
		}
		return
	case len(spans) > 0:
		q.Period = spans[0].Period
		if spans[0].unit == unitBefore {
			q.Period = previous(span{Period: thisMonth, unit: unitMonth}, today)
		}
	case q.Intent == Similar:
		q.Period = Period{Label: "all time"}
	case q.Intent == Average:
		// An average over part of a month says little; the last three whole months do.
		start := monthStart(today)
		q.Period = Period{From: addMonths(start, -3), To: start.AddDate(0, 0, -1), Label: "the last 3 full months"}
	default:
		q.Period = thisMonth
	}
	if q.Intent == Budget {
		// Budgets are monthly: the month the period ends in.
		from, to := calendar(unitMonth, q.Period.To)
		label := from.Format("January 2006")
		if from.Equal(thisMonth.From) {
			label = "this month"
		}
		q.Period = clampTo(Period{From: from, To: to, Label: label}, today)
	}
}

// token is a word of the question: letters and digits, apostrophes dropped as merchant.Key
// drops them, so "Trader Joe's" and "trader joes" match.
type token struct {
	text       string
	start, end int
	used       bool // part of a merchant, category or the Similar text
	soft       bool // a period's preposition: free for a merchant name, otherwise ignored
}

func tokenize(s string) []token {
	var out []token
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start >= 0 && b.Len() > 0 {
			out = append(out, token{text: b.String(), start: start, end: end})
		}
		b.Reset()
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			b.WriteRune(r)
		case (r == '\'' || r == '`') && start >= 0:
		default:
			flush(i)
		}
	}
	flush(len(s))
	return out
}

// freeWords are the words left for intent keywords: not part of a period, merchant,
// category or the Similar text.
func freeWords(toks []token) []string {
	var words []string
	for _, t := range toks {
		if !t.used && !t.soft {
			words = append(words, t.text)
		}
	}
	return words
}

// hasAny reports whether any of the phrases occurs among the unused tokens, as whole words.
func hasAny(toks []token, phrases ...string) bool {
	rest := " " + strings.Join(freeWords(toks), " ") + " "
	for _, p := range phrases {
		if strings.Contains(rest, " "+p+" ") {
			return true
		}
	}
	return false
}

// likeNouns precede "like" when it means "similar to" rather than "would like".
var likeNouns = map[string]bool{"transactions": true, "transaction": true, "purchases": true, "purchase": true,
	"payments": true, "payment": true, "charges": true, "charge": true, "anything": true, "things": true,
	"stuff": true, "ones": true, "those": true, "expenses": true, "spending": true, "others": true, "more": true}

// similarAt finds "similar (to)", "resembling" or "<noun> like": the index of the keyword
// and of the first word of the text after it.
func similarAt(toks []token) (kw, at int, ok bool) {
	for i, t := range toks {
		switch {
		case t.text == "similar" || t.text == "resembling":
			j := i + 1
			if j < len(toks) && toks[j].text == "to" {
				j++
			}
			return i, j, true
		case t.text == "like" && i > 0 && likeNouns[toks[i-1].text]:
			return i, i + 1, true
		}
	}
	return 0, 0, false
}

// reserved words are never merchants on their own: a merchant called "Total" or "Budget"
// would otherwise swallow the question.
var reserved = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and or of to in on at for from by with my i me we our how much many what
		which where when who whom did do does is was were are am be been have has had spend spent spending total
		top most last this next past month months week weeks year years day days today yesterday budget budgets
		income average transactions transaction payments payment purchases purchase money like similar compare vs
		versus than more less largest biggest count number times time all any per category categories merchant
		merchants show list find get got paid pay make made earn earned since between ago so far cost costs the
		out tell give it that there here`) {
		reserved[w] = true
	}
}

// synonyms map everyday words to system categories. Longer phrases win over shorter ones
// ("gas bill" over "gas"), and a merchant the user has wins over a synonym of the same length.
var synonyms = map[string]string{}

func init() {
	table := map[string]string{
		categorize.FoodAndDrink: `food|foods|groceries|grocery|grocery store|grocery stores|supermarket|supermarkets|
			restaurant|restaurants|dining|dining out|eating out|eat out|takeout|take out|takeaway|food delivery|
			coffee|coffees|cafe|cafes|coffee shops|bar|bars|drinks|alcohol|beer|lunch|lunches|dinner|dinners|
			breakfast|meals|snacks|food drink|food and drinks`,
		categorize.RentAndUtilities: `rent|utilities|utility|utility bills|bills|electricity|electric bill|power bill|
			water|water bill|internet|phone|phone bill|cable|housing|gas bill|heating`,
		categorize.Transportation: `transport|transportation|transit|public transport|commute|commuting|gas|fuel|
			petrol|gasoline|parking|tolls|rideshare|rideshares|ride share|rides|taxi|taxis|cabs|uber|lyft|car|cars|
			bus|train|trains|metro`,
		categorize.Travel: `travel|travelling|traveling|trip|trips|flights|flight|airfare|airline|airlines|hotel|
			hotels|lodging|vacation|vacations|holiday|holidays|airbnb|rental car`,
		categorize.Entertainment: `entertainment|fun|movies|movie|cinema|streaming|games|gaming|video games|concerts|
			concert|music|events|shows|sports`,
		categorize.GeneralMerchandise: `shopping|merchandise|clothes|clothing|apparel|electronics|online shopping|retail`,
		categorize.HomeImprovement:    `home improvement|furniture|hardware|repairs|home repairs|diy|garden|gardening`,
		categorize.Medical: `medical|health|healthcare|health care|doctor|doctors|dentist|dental|pharmacy|pharmacies|
			medicine|medicines|prescriptions|hospital`,
		categorize.PersonalCare: `personal care|gym|gyms|fitness|haircut|haircuts|hair|salon|beauty|barber|barbers|
			laundry|dry cleaning|spa`,
		categorize.GeneralServices:        `services|insurance|postage|shipping|education|tuition|storage|car wash`,
		categorize.GovernmentAndNonProfit: `taxes|tax|donations|donation|charity|charities|fines|government|non profit|nonprofits`,
		categorize.LoanPayments: `loan|loans|loan payments|mortgage|car payment|car payments|car loan|student loan|
			student loans|credit card payment|credit card payments|card payments|debt`,
		categorize.BankFees:    `fees|fee|bank fees|bank charges|overdraft|overdrafts|atm fees|interest charges|foreign transaction fees`,
		categorize.TransferOut: `transfers|transfers out|transfer out|money sent|outgoing transfers`,
		categorize.TransferIn:  `transfers in|transfer in|incoming transfers`,
	}
	for cat, list := range table {
		for _, p := range strings.Split(list, "|") {
			synonyms[strings.Join(strings.Fields(p), " ")] = cat
		}
	}
}

type phrase struct {
	words    []string
	value    string
	merchant bool
}

type match struct {
	phrase
	at, chars int
}

// matchEntities finds the merchant and the category among the unused tokens: the longest
// phrase wins, a merchant beats a category of the same length, and the words matched are
// used up so that they do not count as intent words.
func matchEntities(q *Query, toks []token, known Vocabulary) {
	index := map[string][]phrase{}
	add := func(words []string, value string, isMerchant bool) {
		if len(words) > 0 {
			index[words[0]] = append(index[words[0]], phrase{words, value, isMerchant})
		}
	}
	for _, m := range known.Merchants {
		words := strings.Fields(merchant.Key(m))
		plain := false
		for _, w := range words {
			plain = plain || !reserved[w]
		}
		if plain {
			add(words, m, true)
			// People drop the article: "home depot" for The Home Depot.
			if len(words) > 1 && words[0] == "the" && !reserved[words[1]] || len(words) > 2 && words[0] == "the" {
				add(words[1:], m, true)
			}
		}
	}
	cats := known.Categories
	if len(cats) == 0 {
		cats = categorize.SystemCategories
	}
	have := map[string]bool{}
	for _, c := range cats {
		have[c] = true
		add(strings.Fields(merchant.Key(strings.ReplaceAll(c, "_", " "))), c, false)
	}
	for p, c := range synonyms {
		if have[c] {
			add(strings.Fields(p), c, false)
		}
	}

	var found []match
	for i, t := range toks {
		if t.used || t.soft {
			continue
		}
	next:
		for _, p := range index[t.text] {
			if i+len(p.words) > len(toks) {
				continue
			}
			chars := 0
			for k, w := range p.words {
				// Only a merchant's name may run into a period's preposition.
				if toks[i+k].used || toks[i+k].soft && !p.merchant || toks[i+k].text != w {
					continue next
				}
				chars += len(w)
			}
			found = append(found, match{p, i, chars})
		}
	}
	sort.SliceStable(found, func(a, b int) bool {
		x, y := found[a], found[b]
		if len(x.words) != len(y.words) {
			return len(x.words) > len(y.words)
		}
		if x.chars != y.chars {
			return x.chars > y.chars
		}
		if x.merchant != y.merchant {
			return x.merchant
		}
		return x.at < y.at
	})
	for _, m := range found {
		free := true
		for k := range m.words {
			free = free && !toks[m.at+k].used
		}
		if !free || m.merchant && q.Merchant != "" || !m.merchant && q.Category != "" {
			continue
		}
		for k := range m.words {
			toks[m.at+k].used = true
		}
		if m.merchant {
			q.Merchant = m.value
		} else {
			q.Category = m.value
		}
	}
}

var (
	reNumWord = `(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)`
	nRules    = []*regexp.Regexp{
		regexp.MustCompile(`\btop\s+` + reNumWord + `\b`),
		regexp.MustCompile(`\b` + reNumWord + `\s+(?:largest|biggest|highest|priciest|most expensive|top|most|main)\b`),
		regexp.MustCompile(`\b(?:largest|biggest|highest|priciest|most expensive)\s+` + reNumWord + `\b`),
		regexp.MustCompile(`\b` + reNumWord + `\s+(?:merchants|stores|shops|places|categories|transactions|purchases|payments|expenses|charges|paychecks|deposits)\b`),
	}
	pluralNouns   = []string{"merchants", "stores", "shops", "places", "categories", "transactions", "purchases", "payments", "expenses", "charges", "paychecks", "deposits", "vendors", "payees"}
	singularNouns = []string{"merchant", "store", "shop", "place", "category", "transaction", "purchase", "payment", "expense", "charge", "paycheck", "deposit", "vendor", "payee"}
)

// maxRows is the most rows an answer lists.
const maxRows = 20

// setN sets how many rows to list: a number in the question, else 1 for a singular noun
// ("my biggest purchase"), else a default per intent.
func setN(q *Query, toks []token) {
	rest := strings.Join(freeWords(toks), " ")
	for _, re := range nRules {
		if m := re.FindStringSubmatch(rest); m != nil {
			if n := atoiWord(m[1]); n > 0 {
				q.N = min(n, maxRows)
				return
			}
		}
	}
	switch q.Intent {
	case TopMerchants, TopCategories, Largest:
		switch {
		case hasAny(toks, "by category", "per category", "by merchant", "per merchant", "by store", "breakdown", "break down"):
			q.N = maxRows // a breakdown lists them all
		case hasAny(toks, singularNouns...) && !hasAny(toks, pluralNouns...):
			q.N = 1
		default:
			q.N = 5
		}
	case Similar:
		q.N = 10
	}
}

// String is a short account of what was understood, for logs and the CLI.
func (q Query) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s", q.Intent)
	if q.Category != "" {
		fmt.Fprintf(&b, " category=%s", q.Category)
	}
	if q.Merchant != "" {
		fmt.Fprintf(&b, " merchant=%q", q.Merchant)
	}
	if q.Text != "" {
		fmt.Fprintf(&b, " text=%q", q.Text)
	}
	if q.N > 0 {
		fmt.Fprintf(&b, " n=%d", q.N)
	}
	if q.Per != "" {
		fmt.Fprintf(&b, " per=%s", q.Per)
	}
	if q.MoneyIn {
		b.WriteString(" money-in")
	}
	fmt.Fprintf(&b, " period=%s", q.Period)
	if q.Intent == Compare {
		fmt.Fprintf(&b, " versus=%s", q.Versus)
	}
	return b.String()
}
