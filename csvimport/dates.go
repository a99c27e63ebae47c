package csvimport

import (
	"strconv"
	"strings"
	"time"
)

type dmOrder int

const (
	unambiguous dmOrder = iota
	monthFirst
	dayFirst
)

// dateFormat is one way banks write dates. Layouts use Go's non-padded
// verbs ("1", "2"), which accept both "5" and "05", so one entry covers
// both spellings.
type dateFormat struct {
	name    string   // shown to the user
	layouts []string // tried in order
	sep     byte     // separator of numeric day/month formats
	order   dmOrder
}

// dateFormats lists candidates in priority order for ties. Ambiguous
// numeric formats come in month-first/day-first pairs, month-first first.
var dateFormats = []dateFormat{
	{name: "YYYY-MM-DD", layouts: []string{"2006-1-2"}},
	{name: "YYYY-MM-DDThh:mm:ss", layouts: []string{
		"2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05",
	}},
	{name: "YYYY/MM/DD", layouts: []string{"2006/1/2"}},
	{name: "MM/DD/YYYY", layouts: []string{"1/2/2006"}, sep: '/', order: monthFirst},
	{name: "DD/MM/YYYY", layouts: []string{"2/1/2006"}, sep: '/', order: dayFirst},
	{name: "MM/DD/YY", layouts: []string{"1/2/06"}, sep: '/', order: monthFirst},
	{name: "DD/MM/YY", layouts: []string{"2/1/06"}, sep: '/', order: dayFirst},
	{name: "MM-DD-YYYY", layouts: []string{"1-2-2006"}, sep: '-', order: monthFirst},
	{name: "DD-MM-YYYY", layouts: []string{"2-1-2006"}, sep: '-', order: dayFirst},
	{name: "DD.MM.YYYY", layouts: []string{"2.1.2006"}},
	{name: "DD.MM.YY", layouts: []string{"2.1.06"}},
	{name: "D Mon YYYY", layouts: []string{"2 Jan 2006"}},
	{name: "Mon D, YYYY", layouts: []string{"Jan 2, 2006"}},
	{name: "D-Mon-YYYY", layouts: []string{"2-Jan-2006", "2-Jan-06"}},
}

// parse returns the calendar date as written, at midnight UTC. The time
// and zone of timestamps are dropped on purpose: a statement date is a
// calendar day, and converting zones could move it to another day.
func (f *dateFormat) parse(s string) (time.Time, bool) {
	for _, l := range f.layouts {
		if t, err := time.Parse(l, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// detectDateFormat picks the format that parses the most cells. When a
// month-first/day-first pair ties, it applies the file-level rule: any
// first field above 12 means day-first, else any second field above 12
// means month-first, else preferDayFirst (set for European-looking files:
// decimal comma or ';' delimiter). Returns nil if no format fits any cell.
func detectDateFormat(cells []string, preferDayFirst bool) *dateFormat {
	best, bestScore := -1, 0
	scores := make([]int, len(dateFormats))
	for i := range dateFormats {
		for _, c := range cells {
			if _, ok := dateFormats[i].parse(strings.TrimSpace(c)); ok {
				scores[i]++
			}
		}
		if scores[i] > bestScore {
			best, bestScore = i, scores[i]
		}
	}
	if best < 0 {
		return nil
	}
	f := &dateFormats[best]
	if f.order == monthFirst && scores[best+1] == bestScore {
		if dayFirstFile(cells, f.sep, preferDayFirst) {
			return &dateFormats[best+1]
		}
	}
	return f
}

func dayFirstFile(cells []string, sep byte, preferDayFirst bool) bool {
	var firstBig, secondBig bool
	for _, c := range cells {
		parts := strings.Split(strings.TrimSpace(c), string(sep))
		if len(parts) != 3 {
			continue
		}
		a, errA := strconv.Atoi(parts[0])
		b, errB := strconv.Atoi(parts[1])
		if errA != nil || errB != nil {
			continue
		}
		firstBig = firstBig || a > 12
		secondBig = secondBig || b > 12
	}
	switch {
	case firstBig:
		return true
	case secondBig:
		return false
	}
	return preferDayFirst
}
