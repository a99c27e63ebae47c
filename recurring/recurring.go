// Package recurring finds recurring payments in a user's transactions: subscriptions,
// bills, salaries — charges at one merchant that repeat on a weekly, bi-weekly,
// monthly, quarterly or yearly calendar with consistent amounts.
package recurring

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
)

// Txn is one transaction as Detect needs it.
type Txn struct {
	ID          string
	Date        time.Time
	AmountMinor int64 // minor units; negative is money out
	Currency    string
	MerchantKey string // normalized merchant identity; the lower-cased Merchant when empty
	Merchant    string // display name
	Category    string
}

// Series is one detected recurring payment. Amounts keep the sign of the
// transactions (negative for money out).
type Series struct {
	MerchantKey, Merchant, Category, Currency string
	Cadence                                   Cadence
	Occurrences                               int
	First, Last                               time.Time // dates of the first and last occurrence
	// TypicalAmountMinor is the median of the recent occurrences at the current price.
	TypicalAmountMinor int64
	LastAmountMinor    int64
	// AmountChanged reports a step in price: the latest occurrences are at a level
	// that differs from the one before (a price increase or decrease), as opposed to
	// the usual month-to-month variation of a utility bill.
	AmountChanged bool
	// PreviousAmountMinor is the amount before the change when AmountChanged (the
	// old price; for a varying bill, the median of its recent amounts), else the
	// occurrence before the last one.
	PreviousAmountMinor int64
	// AmountChangedAt is the date of the first occurrence at the new amount.
	AmountChangedAt time.Time
	NextDate        time.Time // next expected date, midnight in Last's location
	NextAmountMinor int64
	// Confidence in [0,1]: the share of expected dates hit, amount stability and
	// timing precision weighed by the number of occurrences, and how unlikely the
	// merchant's other payments of similar amount make a chance alignment.
	Confidence float64
	// Subscription: money out at a fixed amount (apart from price steps) on a
	// weekly, monthly or yearly cadence.
	Subscription bool
	// Ended: two or more expected occurrences were missed before Options.Now. Only
	// reported with Options.IncludeEnded.
	Ended  bool
	TxnIDs []string // the occurrences, oldest first

	sched schedule // the fitted calendar, for rolling NextDate forward in Upcoming
	nextK int      // NextDate's index in sched
}

// Options tunes Detect. Zero fields and missing map entries take the defaults of
// DefaultOptions.
type Options struct {
	// AmountTolerance is how far, relative to the median, an occurrence's amount may
	// be from the others' and still belong to the series (default 0.2, since utility
	// bills vary).
	AmountTolerance float64
	// FixedTolerance is the relative spread within which amounts count as fixed, as
	// a subscription's are (default 0.05); it also sizes the price steps that
	// AmountChanged reports.
	FixedTolerance float64
	// DateTolerance is how many days an occurrence may be off its expected date, per
	// cadence (default 3 weekly and bi-weekly, 5 monthly, 7 quarterly, 10 yearly).
	DateTolerance map[Cadence]int
	// MinOccurrences a series needs, per cadence (default 4 weekly, 3 bi-weekly,
	// monthly and quarterly, 2 yearly). Values below 2 count as 2.
	MinOccurrences map[Cadence]int
	// MinConfidence a series needs to be reported (default 0.5).
	MinConfidence float64
	// Now decides which series have ended; zero means the latest transaction's date.
	Now time.Time
	// IncludeEnded also reports series that missed two or more expected dates
	// before Now, with Ended set.
	IncludeEnded bool
}

// DefaultOptions returns the default options with Now set.
func DefaultOptions(now time.Time) Options {
	return Options{
		AmountTolerance: 0.2,
		FixedTolerance:  0.05,
		DateTolerance:   map[Cadence]int{Weekly: 3, BiWeekly: 3, Monthly: 5, Quarterly: 7, Yearly: 10},
		MinOccurrences:  map[Cadence]int{Weekly: 4, BiWeekly: 3, Monthly: 3, Quarterly: 3, Yearly: 2},
		MinConfidence:   0.5,
		Now:             now,
	}
}

// withDefaults fills the zero fields of o without modifying the caller's maps.
func (o Options) withDefaults(txns []Txn) Options {
	d := DefaultOptions(o.Now)
	if o.AmountTolerance <= 0 {
		o.AmountTolerance = d.AmountTolerance
	}
	if o.FixedTolerance <= 0 {
		o.FixedTolerance = d.FixedTolerance
	}
	if o.MinConfidence <= 0 {
		o.MinConfidence = d.MinConfidence
	}
	dt, mo := d.DateTolerance, d.MinOccurrences
	for _, c := range cadences {
		if v, ok := o.DateTolerance[c]; ok && v >= 0 {
			dt[c] = v
		}
		if v, ok := o.MinOccurrences[c]; ok && v > 0 {
			mo[c] = max(v, 2)
		}
	}
	o.DateTolerance, o.MinOccurrences = dt, mo
	if o.Now.IsZero() {
		for _, t := range txns {
			if t.Date.After(o.Now) {
				o.Now = t.Date
			}
		}
	}
	return o
}

// groupKey: a series never mixes merchants, currencies or directions.
type groupKey struct {
	merchant, currency string
	out                bool
}

// Detect finds the recurring series in txns, sorted by next expected date.
//
// Transactions are grouped by merchant key, currency and direction. Within a group
// they are clustered by amount first, so that two subscriptions at one merchant
// ($0.99 and $9.99 at Apple) and one-off purchases stay apart. Each cluster is
// fitted to the cadence and calendar phase whose expected dates match the most
// occurrences within the date tolerance, penalizing missed dates and unmatched
// payments in between; a single skipped date and duplicate charges only lower the
// confidence, two missed dates in a row end a series. Pieces at a different price
// that continue a series on the same calendar (a price increase, up to ×1.5) are
// then joined to it. A series with just MinOccurrences occurrences must be clean
// — fixed amount, no missed date — since looser ones at that count are too often
// unrelated purchases that happen to line up.
func Detect(txns []Txn, o Options) []Series {
	o = o.withDefaults(txns)
	groups := map[groupKey][]*item{}
	for _, t := range txns {
		if t.AmountMinor == 0 {
			continue
		}
		key := t.MerchantKey
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(t.Merchant))
		}
		if key == "" {
			continue
		}
		k := groupKey{key, t.Currency, t.AmountMinor < 0}
		groups[k] = append(groups[k], &item{Txn: t, day: civil(t.Date), amt: abs(t.AmountMinor)})
	}
	now := civil(o.Now)
	var out []Series
	for k, items := range groups {
		for _, c := range detectGroup(items, &o) {
			s, ok := c.series(k, &o, now)
			if ok && plausible(s, items, &o) {
				out = append(out, s)
			}
		}
	}
	slices.SortFunc(out, func(a, b Series) int {
		return cmp.Or(a.NextDate.Compare(b.NextDate),
			cmp.Compare(a.MerchantKey, b.MerchantKey),
			cmp.Compare(a.Currency, b.Currency),
			cmp.Compare(a.TypicalAmountMinor, b.TypicalAmountMinor),
			a.First.Compare(b.First))
	})
	return out
}

// minHabitShare: a weekly or bi-weekly series must be at least this share of its
// merchant's payments (any amount) over its span. A calendar fitted through a habit, one
// coffee, ride or delivery a week picked out of several, is not a schedule.
// fewWeekly: a weekly or bi-weekly series of fewer occurrences than this must have fixed
// amounts; four lunches at one place two weeks apart are a coincidence, four paychecks not.
const (
	minHabitShare = 0.75
	fewWeekly     = 6
)

// plausible rejects what a calendar fit finds by chance in a merchant's payments: a weekly
// or bi-weekly "series" that is not most of the merchant's payments over its span, or is
// short and of varying amounts, and a
// yearly one of two payments with a payment of about the same amount between them (a fee
// charged in random months will line up with a year once).
func plausible(s Series, items []*item, o *Options) bool {
	first, last := civil(s.First), civil(s.Last)
	in := map[string]bool{}
	for _, id := range s.TxnIDs {
		in[id] = true
	}
	all, similar := 0, 0
	typical := abs(s.TypicalAmountMinor)
	lo, hi := int64(math.MaxInt64), int64(0)
	for _, it := range items {
		if it.day < first || it.day > last {
			continue
		}
		all++
		if in[it.ID] {
			lo, hi = min(lo, it.amt), max(hi, it.amt)
		}
		if !in[it.ID] && math.Abs(float64(it.amt-typical)) <= o.AmountTolerance*float64(typical) {
			similar++
		}
	}
	switch s.Cadence {
	case Weekly, BiWeekly:
		fixed := float64(hi-lo) <= o.FixedTolerance*float64(typical)
		return float64(s.Occurrences) >= minHabitShare*float64(all) && (s.Occurrences >= fewWeekly || fixed)
	case Yearly:
		return s.Occurrences >= 3 || similar == 0
	}
	return true
}

// PriceChanges returns the series whose amount changed, in their order.
func PriceChanges(s []Series) []Series {
	var out []Series
	for _, x := range s {
		if x.AmountChanged {
			out = append(out, x)
		}
	}
	return out
}

// Upcoming returns the active series expected on a day from from's date through
// from+within, sorted by date. A series whose NextDate lies before from is rolled
// forward by whole periods on its calendar, so a weekly series detected a while ago
// still shows its coming payment; ended series are left out.
func Upcoming(s []Series, from time.Time, within time.Duration) []Series {
	first, last := civil(from), civil(from.Add(within))
	var out []Series
	for _, x := range s {
		if x.Ended || x.NextDate.IsZero() {
			continue
		}
		next := civil(x.NextDate)
		if next < first {
			next = x.rollTo(first)
			x.NextDate = next.in(x.NextDate.Location())
		}
		if next >= first && next <= last {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, func(a, b Series) int { return a.NextDate.Compare(b.NextDate) })
	return out
}

// rollTo returns the first expected date on or after day.
func (s Series) rollTo(day date) date {
	sc, nextK := s.sched, s.nextK
	if sc.cad == "" {
		// A Series built by hand has no calendar: step from NextDate, clamping to
		// its day of month.
		sc, nextK = newSchedule(s.Cadence, civil(s.NextDate)), 0
		if sc.cad.days() == 0 && sc.cad.months() == 0 {
			return sc.anchor
		}
	}
	k, off := sc.slot(day)
	if off > 0 {
		k++
	}
	return sc.at(max(k, nextK))
}
