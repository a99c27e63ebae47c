package ask

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Period is an inclusive range of posting days. From and To are UTC midnights of calendar
// days, because transactions.posted_at is a date without a time zone. Both zero means all
// time.
type Period struct {
	From, To time.Time
	Label    string
}

// IsZero reports whether the period is unbounded (all time).
func (p Period) IsZero() bool { return p.From.IsZero() && p.To.IsZero() }

// Days is the number of days in the period; 0 when unbounded.
func (p Period) Days() int {
	if p.IsZero() {
		return 0
	}
	return int(p.To.Sub(p.From).Hours()/24) + 1
}

// Months is how many months an average per month divides by. A period that starts on the
// 1st counts the calendar months it touches (so "this year" in November is 11, the current
// month counted whole); any other period counts its length in average months of 30.44 days,
// rounded, at least 1 (so "last 3 months" is 3 and "last 30 days" is 1).
func (p Period) Months() int {
	if p.IsZero() {
		return 1
	}
	if p.From.Day() == 1 {
		return (p.To.Year()-p.From.Year())*12 + int(p.To.Month()) - int(p.From.Month()) + 1
	}
	// 365.2425/12 days per month, in integers: months = days*4800/146097, rounded.
	m := (int64(p.Days())*4800*2 + 146097) / (146097 * 2)
	return int(max(m, 1))
}

// String is the label with its dates, as answers print it.
func (p Period) String() string {
	if p.IsZero() {
		return p.Label
	}
	if p.From.Equal(p.To) {
		return fmt.Sprintf("%s (%s)", p.Label, p.From.Format(time.DateOnly))
	}
	return fmt.Sprintf("%s (%s to %s)", p.Label, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly))
}

// MarshalJSON writes the days as YYYY-MM-DD: a time of day would suggest a precision the
// data does not have.
func (p Period) MarshalJSON() ([]byte, error) {
	out := struct {
		From  string `json:"from,omitempty"`
		To    string `json:"to,omitempty"`
		Label string `json:"label"`
	}{Label: p.Label}
	if !p.IsZero() {
		out.From, out.To = p.From.Format(time.DateOnly), p.To.Format(time.DateOnly)
	}
	return json.Marshal(out)
}

// unit is what kind of period a phrase named; Compare needs it to find "the one before".
type unit int

const (
	unitCustom unit = iota // an explicit range, "since ...": the previous one has the same length
	unitRolling
	unitBefore // "the month before": the period before the other one of a comparison
	unitDay
	unitWeek
	unitMonth
	unitQuarter
	unitYear
)

// span is a period found in a question, with where it was found.
type span struct {
	Period
	unit       unit
	start, end int // byte offsets in the lower-cased question
	core       int // where the period proper starts, after a preposition and "the"
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// civil is now's calendar day in now's own location, as a UTC midnight.
func civil(now time.Time) time.Time { return day(now.Year(), now.Month(), now.Day()) }

// addMonths moves t by n months, clamping the day to the target month's length so that
// "one month before March 31" is February 28, not March 3 as time.AddDate would say.
func addMonths(t time.Time, n int) time.Time {
	first := day(t.Year(), t.Month(), 1).AddDate(0, n, 0)
	last := first.AddDate(0, 1, -1).Day()
	return day(first.Year(), first.Month(), min(t.Day(), last))
}

func monthStart(t time.Time) time.Time   { return day(t.Year(), t.Month(), 1) }
func quarterStart(t time.Time) time.Time { return day(t.Year(), t.Month()-(t.Month()-1)%3, 1) }
func weekStart(t time.Time) time.Time {
	// ISO weeks start on Monday.
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// calendar returns the whole calendar unit containing t.
func calendar(u unit, t time.Time) (from, to time.Time) {
	switch u {
	case unitDay:
		return t, t
	case unitWeek:
		from = weekStart(t)
		return from, from.AddDate(0, 0, 6)
	case unitMonth:
		from = monthStart(t)
		return from, from.AddDate(0, 1, -1)
	case unitQuarter:
		from = quarterStart(t)
		return from, from.AddDate(0, 3, -1)
	case unitYear:
		return day(t.Year(), 1, 1), day(t.Year(), 12, 31)
	}
	return t, t
}

// clampTo ends a period no later than today: "this month" means this month so far.
func clampTo(p Period, today time.Time) Period {
	if p.To.After(today) && !p.From.After(today) {
		p.To = today
	}
	return p
}

// calendarLabel names a whole calendar unit the way a person would.
func calendarLabel(u unit, from time.Time) string {
	switch u {
	case unitDay:
		return from.Format("Mon 2 Jan 2006")
	case unitWeek:
		return "the week of " + from.Format(time.DateOnly)
	case unitMonth:
		return from.Format("January 2006")
	case unitQuarter:
		return fmt.Sprintf("Q%d %d", (int(from.Month())-1)/3+1, from.Year())
	case unitYear:
		return strconv.Itoa(from.Year())
	}
	return from.Format(time.DateOnly)
}

// previous is the period just before p, for a comparison: the previous whole calendar unit
// for calendar periods, otherwise the same number of days immediately before.
func previous(s span, today time.Time) Period {
	switch s.unit {
	case unitDay, unitWeek, unitMonth, unitQuarter, unitYear:
		from, to := calendar(s.unit, s.From.AddDate(0, 0, -1))
		return Period{From: from, To: to, Label: calendarLabel(s.unit, from)}
	}
	n := s.Days()
	return Period{From: s.From.AddDate(0, 0, -n), To: s.From.AddDate(0, 0, -1), Label: fmt.Sprintf("the %d days before", n)}
}

// current is the calendar unit containing today, so far.
func current(u unit, today time.Time) Period {
	from, to := calendar(u, today)
	labels := map[unit]string{unitDay: "today", unitWeek: "this week", unitMonth: "this month", unitQuarter: "this quarter", unitYear: "this year"}
	return clampTo(Period{From: from, To: to, Label: labels[u]}, today)
}

const (
	reNum   = `(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)`
	reMonth = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`
	rePrep  = `(?:\b(in|during|for|over|within|from|since|of|on)\s+)?(?:the\s+)?`
	reISO   = `(\d{4}-\d{2}-\d{2})`
	reUnit  = `(days?|weeks?|months?|quarters?|years?)`
)

var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}

func atoiWord(s string) int {
	if n, ok := numberWords[s]; ok {
		return n
	}
	n, _ := strconv.Atoi(s)
	return n
}

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
	"jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

func unitOf(word string) unit {
	switch word[:3] {
	case "day":
		return unitDay
	case "wee":
		return unitWeek
	case "mon":
		return unitMonth
	case "qua":
		return unitQuarter
	}
	return unitYear
}

// periodRule turns one regexp match into a span; ok false skips the match.
type periodRule struct {
	re   *regexp.Regexp
	make func(m []string, today time.Time) (span, bool, error)
}

// latestMonth is the most recent month called m that has started by today.
func latestMonth(m time.Month, today time.Time) time.Time {
	y := today.Year()
	if m > today.Month() {
		y--
	}
	return day(y, m, 1)
}

func parseISO(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (use YYYY-MM-DD)", s)
	}
	return t, nil
}

func wholeMonth(first time.Time) Period {
	return Period{From: first, To: first.AddDate(0, 1, -1), Label: first.Format("January 2006")}
}

var periodRules = []periodRule{
	{regexp.MustCompile(`\b(?:between|from)\s+` + reISO + `\s+(?:and|to|until|till|through|-)\s+` + reISO + `\b`),
		func(m []string, _ time.Time) (span, bool, error) {
			from, err := parseISO(m[1])
			if err != nil {
				return span{}, false, err
			}
			to, err := parseISO(m[2])
			if err != nil {
				return span{}, false, err
			}
			if to.Before(from) {
				return span{}, false, fmt.Errorf("the range %s to %s ends before it starts", m[1], m[2])
			}
			return span{Period: Period{From: from, To: to, Label: m[1] + " to " + m[2]}, unit: unitCustom}, true, nil
		}},
	{regexp.MustCompile(`\b(?:between|from)\s+` + reMonth + `(?:\s+(\d{4}))?\s+(?:and|to|until|till|through|-)\s+` + reMonth + `(?:\s+(\d{4}))?\b`),
		func(m []string, today time.Time) (span, bool, error) {
			m1, m2 := monthNames[m[1]], monthNames[m[3]]
			end := latestMonth(m2, today)
			if m[4] != "" {
				y, _ := strconv.Atoi(m[4])
				end = day(y, m2, 1)
			}
			start := day(end.Year(), m1, 1)
			if m1 > m2 {
				start = day(end.Year()-1, m1, 1)
			}
			if m[2] != "" {
				y, _ := strconv.Atoi(m[2])
				start = day(y, m1, 1)
			}
			if end.Before(start) {
				return span{}, false, fmt.Errorf("the range %s to %s ends before it starts", start.Format("January 2006"), end.Format("January 2006"))
			}
			label := start.Format("January 2006") + " to " + end.Format("January 2006")
			return span{Period: Period{From: start, To: end.AddDate(0, 1, -1), Label: label}, unit: unitCustom}, true, nil
		}},
	{regexp.MustCompile(rePrep + reISO + `\b`),
		func(m []string, _ time.Time) (span, bool, error) {
			d, err := parseISO(m[2])
			if err != nil {
				return span{}, false, err
			}
			return span{Period: Period{From: d, To: d, Label: m[2]}, unit: unitDay}, true, nil
		}},
	{regexp.MustCompile(rePrep + `(\d{4})-(\d{2})\b`),
		func(m []string, _ time.Time) (span, bool, error) {
			y, _ := strconv.Atoi(m[2])
			mo, _ := strconv.Atoi(m[3])
			if mo < 1 || mo > 12 {
				return span{}, false, fmt.Errorf("%s-%s is not a month", m[2], m[3])
			}
			return span{Period: wholeMonth(day(y, time.Month(mo), 1)), unit: unitMonth}, true, nil
		}},
	{regexp.MustCompile(rePrep + `(last|past|previous|prior)\s+` + reNum + `\s+` + reUnit + `\b`),
		func(m []string, today time.Time) (span, bool, error) {
			n := atoiWord(m[3])
			if n <= 0 || n > 10000 {
				return span{}, false, nil
			}
			var from time.Time
			switch u := unitOf(m[4]); u {
			case unitDay:
				from = today.AddDate(0, 0, 1-n)
			case unitWeek:
				from = today.AddDate(0, 0, 1-7*n)
			case unitMonth:
				from = addMonths(today, -n).AddDate(0, 0, 1)
			case unitQuarter:
				from = addMonths(today, -3*n).AddDate(0, 0, 1)
			default:
				from = addMonths(today, -12*n).AddDate(0, 0, 1)
			}
			unitWord := m[4]
			if unitWord[len(unitWord)-1] != 's' && n != 1 {
				unitWord += "s"
			}
			return span{Period: Period{From: from, To: today, Label: fmt.Sprintf("the last %d %s", n, unitWord)}, unit: unitRolling}, true, nil
		}},
	{regexp.MustCompile(rePrep + reNum + `\s+` + reUnit + `\s+ago\b`),
		func(m []string, today time.Time) (span, bool, error) {
			n := atoiWord(m[2])
			u := unitOf(m[3])
			var t time.Time
			switch u {
			case unitDay:
				t = today.AddDate(0, 0, -n)
			case unitWeek:
				t = today.AddDate(0, 0, -7*n)
			case unitMonth:
				t = addMonths(today, -n)
			case unitQuarter:
				t = addMonths(today, -3*n)
			default:
				t = addMonths(today, -12*n)
			}
			from, to := calendar(u, t)
			return span{Period: Period{From: from, To: to, Label: calendarLabel(u, from)}, unit: u}, true, nil
		}},
	{regexp.MustCompile(rePrep + `(this|last|past|previous|prior|current)\s+(week|month|quarter|year)\b`),
		func(m []string, today time.Time) (span, bool, error) {
			u := unitOf(m[3])
			switch m[2] {
			case "this", "current":
				return span{Period: current(u, today), unit: u}, true, nil
			case "past":
				// "the past month" is the rolling month up to today, not the calendar one.
				var from time.Time
				switch u {
				case unitWeek:
					from = today.AddDate(0, 0, -6)
				case unitMonth:
					from = addMonths(today, -1).AddDate(0, 0, 1)
				case unitQuarter:
					from = addMonths(today, -3).AddDate(0, 0, 1)
				default:
					from = addMonths(today, -12).AddDate(0, 0, 1)
				}
				return span{Period: Period{From: from, To: today, Label: "the past " + m[3]}, unit: unitRolling}, true, nil
			}
			cur := current(u, today)
			from, to := calendar(u, cur.From.AddDate(0, 0, -1))
			return span{Period: Period{From: from, To: to, Label: "last " + m[3]}, unit: u}, true, nil
		}},
	{regexp.MustCompile(rePrep + `(?:(year|month|week)[\s-]+to[\s-]+date|(ytd|mtd))\b`),
		func(m []string, today time.Time) (span, bool, error) {
			u := unitYear
			if m[2] == "month" || m[3] == "mtd" {
				u = unitMonth
			} else if m[2] == "week" {
				u = unitWeek
			}
			return span{Period: current(u, today), unit: u}, true, nil
		}},
	{regexp.MustCompile(`\b(?:the\s+)?(?:day|week|month|quarter|year)\s+before(?:\s+that)?\b`),
		func(m []string, _ time.Time) (span, bool, error) {
			return span{Period: Period{Label: "the period before"}, unit: unitBefore}, true, nil
		}},
	{regexp.MustCompile(rePrep + `(today|yesterday)\b`),
		func(m []string, today time.Time) (span, bool, error) {
			if m[2] == "today" {
				return span{Period: Period{From: today, To: today, Label: "today"}, unit: unitDay}, true, nil
			}
			y := today.AddDate(0, 0, -1)
			return span{Period: Period{From: y, To: y, Label: "yesterday"}, unit: unitDay}, true, nil
		}},
	{regexp.MustCompile(rePrep + reMonth + `(?:\s+(?:of\s+)?(\d{4}))?\b`),
		func(m []string, today time.Time) (span, bool, error) {
			if m[2] == "may" && m[1] == "" && m[3] == "" {
				return span{}, false, nil // the verb, most likely
			}
			first := latestMonth(monthNames[m[2]], today)
			if m[3] != "" {
				y, _ := strconv.Atoi(m[3])
				first = day(y, monthNames[m[2]], 1)
			}
			return span{Period: clampTo(wholeMonth(first), today), unit: unitMonth}, true, nil
		}},
	{regexp.MustCompile(rePrep + `((?:19|20)\d{2})\b`),
		func(m []string, today time.Time) (span, bool, error) {
			y, _ := strconv.Atoi(m[2])
			return span{Period: clampTo(Period{From: day(y, 1, 1), To: day(y, 12, 31), Label: m[2]}, today), unit: unitYear}, true, nil
		}},
}

// findPeriods returns the periods named in s (lower case), in order, without overlaps: where
// two phrases overlap the longer wins ("from June to August" over "June"). "since X" runs
// from the start of X to today.
func findPeriods(s string, today time.Time) ([]span, error) {
	var all []span
	for _, r := range periodRules {
		for _, ix := range r.re.FindAllStringSubmatchIndex(s, -1) {
			m := make([]string, len(ix)/2)
			for i := range m {
				if ix[2*i] >= 0 {
					m[i] = s[ix[2*i]:ix[2*i+1]]
				}
			}
			sp, ok, err := r.make(m, today)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			sp.start, sp.end, sp.core = ix[0], ix[1], ix[0]
			// The preposition is the first group of the rules that take one; the period
			// proper starts at the next group that matched.
			if strings.HasPrefix(r.re.String(), rePrep) {
				for g := 2; 2*g < len(ix); g++ {
					if ix[2*g] >= 0 {
						sp.core = ix[2*g]
						break
					}
				}
			}
			if len(m) > 1 && m[1] == "since" {
				sp.Period = Period{From: sp.From, To: today, Label: "since " + sinceLabel(sp)}
				sp.unit = unitCustom
			}
			all = append(all, sp)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if li, lj := all[i].end-all[i].start, all[j].end-all[j].start; li != lj {
			return li > lj
		}
		return all[i].start < all[j].start
	})
	var out []span
	for _, sp := range all {
		clash := false
		for _, o := range out {
			if sp.start < o.end && o.start < sp.end {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, sp)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out, nil
}

func sinceLabel(sp span) string {
	if sp.unit == unitMonth {
		return sp.From.Format("January 2006")
	}
	if sp.unit == unitDay {
		return sp.From.Format(time.DateOnly)
	}
	return sp.Label
}
