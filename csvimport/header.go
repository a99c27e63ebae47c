package csvimport

import (
	"encoding/csv"
	"strings"

	"github.com/aithena/aithena/money"
)

// Header synonyms, already normalised (lower case, single spaces). Within
// each list, earlier names win when a file has several candidates, e.g.
// "Transaction Date" over "Post Date" because that is the date the user
// remembers.
var (
	dateSynonyms = []string{
		"date", "transaction date", "trans. date", "trans date", "posting date",
		"posted date", "post date", "booking date", "buchungstag", "buchungsdatum",
		"datum", "fecha", "value date", "valuta", "valutadatum",
	}
	// mainDescSynonyms describe the transaction; payee-like ones are
	// additionally joined with a memo column, which then carries the detail.
	mainDescSynonyms = []string{
		"description", "transaction description", "payee", "merchant", "name",
		"beguenstigter/zahlungspflichtiger", "begünstigter/zahlungspflichtiger",
		"details", "narrative", "concepto",
	}
	payeeSynonyms = []string{
		"payee", "merchant", "name",
		"beguenstigter/zahlungspflichtiger", "begünstigter/zahlungspflichtiger",
	}
	// memoSynonyms are used only when no main description exists, or
	// joined after a payee. Buchungstext (the booking type) comes last
	// because Verwendungszweck says more.
	memoSynonyms     = []string{"memo", "verwendungszweck", "reference", "buchungstext"}
	amountSynonyms   = []string{"amount", "transaction amount", "betrag", "importe", "value"}
	debitSynonyms    = []string{"debit", "debit amount", "withdrawal", "withdrawals", "money out", "paid out", "soll"}
	creditSynonyms   = []string{"credit", "credit amount", "deposit", "deposits", "money in", "paid in", "haben"}
	currencySynonyms = []string{"currency", "ccy", "currency code", "währung", "waehrung"}

	requiredSynonyms = map[string][]string{
		"date":        dateSynonyms,
		"description": append(append([]string{}, mainDescSynonyms...), memoSynonyms...),
		"amount":      append(append(append([]string{}, amountSynonyms...), debitSynonyms...), creditSynonyms...),
	}
)

// columns holds the indexes of recognised columns (-1 when absent).
type columns struct {
	date, amount, debit, credit, currency int
	desc                                  []int // joined in order
	descFallback                          int   // memo column used when desc cells are empty
	headerCurrency                        string
	found                                 int // number of roles recognised
}

// normHeader lower-cases and collapses whitespace, and splits off a
// currency suffix such as "Amount (EUR)", which both names the role and
// states the currency.
func normHeader(s string) (name, currency string) {
	name = strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " \t\"'\ufeff"))), " ")
	if open := strings.LastIndexByte(name, '('); open > 0 && strings.HasSuffix(name, ")") {
		code := strings.ToUpper(strings.TrimSpace(name[open+1 : len(name)-1]))
		if _, ok := money.Exponent(code); ok {
			return strings.TrimSpace(name[:open]), code
		}
	}
	return name, ""
}

func matchColumns(fields []string) columns {
	c := columns{date: -1, amount: -1, debit: -1, credit: -1, currency: -1, descFallback: -1}
	index := map[string]int{}
	currencyOf := map[string]string{}
	for i, f := range fields {
		name, ccy := normHeader(f)
		if _, dup := index[name]; !dup && name != "" {
			index[name], currencyOf[name] = i, ccy
		}
	}
	first := func(names []string) (int, string) {
		for _, n := range names {
			if i, ok := index[n]; ok {
				return i, n
			}
		}
		return -1, ""
	}
	c.date, _ = first(dateSynonyms)
	var amountName string
	c.amount, amountName = first(amountSynonyms)
	c.debit, _ = first(debitSynonyms)
	c.credit, _ = first(creditSynonyms)
	c.currency, _ = first(currencySynonyms)

	main, mainName := first(mainDescSynonyms)
	memo, _ := first(memoSynonyms)
	switch {
	case main < 0 && memo >= 0:
		c.desc = []int{memo}
	case main >= 0 && memo >= 0 && contains(payeeSynonyms, mainName):
		c.desc = []int{main, memo}
	case main >= 0:
		c.desc = []int{main}
		c.descFallback = memo
	}

	// A signed amount column is preferred: debit/credit columns next to it
	// are usually redundant, and one column cannot disagree with itself.
	if c.amount >= 0 {
		c.debit, c.credit = -1, -1
		c.headerCurrency = currencyOf[amountName]
	} else {
		for _, i := range []int{c.debit, c.credit} {
			if i >= 0 && c.headerCurrency == "" {
				n, _ := normHeader(fields[i])
				c.headerCurrency = currencyOf[n]
			}
		}
	}

	for _, ok := range []bool{c.date >= 0, len(c.desc) > 0, c.amount >= 0 || c.debit >= 0 || c.credit >= 0, c.currency >= 0} {
		if ok {
			c.found++
		}
	}
	return c
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

type header struct {
	line   int // 1-based
	end    int // byte offset just after the header line
	delim  rune
	fields []string
	cols   columns
}

var delimiters = []rune{',', ';', '\t', '|'}

// findHeader looks for the first line, within headerScanLines, that splits
// on some delimiter into a date column and a description column: banks put
// account details above the header, and the header alone reveals the
// delimiter reliably (data cells may contain commas).
func findHeader(text string) (header, error) {
	var best header // closest miss, for naming the missing column
	offset := 0
	for n := 1; n <= headerScanLines && offset < len(text); n++ {
		line := text[offset:]
		next := len(text)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], offset+i+1
		}
		offset = next
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		var found *header
		for _, d := range delimiters {
			fields := splitLine(line, d)
			if len(fields) < 2 {
				continue
			}
			h := header{line: n, end: next, delim: d, fields: fields, cols: matchColumns(fields)}
			if h.cols.date >= 0 && len(h.cols.desc) > 0 {
				if found == nil || len(fields) > len(found.fields) {
					found = &h
				}
			} else if h.cols.found > best.cols.found {
				best = h
			}
		}
		if found != nil {
			return *found, nil
		}
	}
	// Two recognised roles make it very likely the line was meant as the
	// header; a single one could be a preamble line like "Name;John".
	if best.cols.found >= 2 {
		var missing []string
		if best.cols.date < 0 {
			missing = append(missing, "date")
		}
		if len(best.cols.desc) == 0 {
			missing = append(missing, "description")
		}
		if best.cols.amount < 0 && best.cols.debit < 0 && best.cols.credit < 0 {
			missing = append(missing, "amount")
		}
		return header{}, &MissingColumnError{Line: best.line, Missing: missing}
	}
	return header{}, ErrNoHeader
}

func splitLine(line string, delim rune) []string {
	cr := csv.NewReader(strings.NewReader(line))
	cr.Comma = delim
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	fields, err := cr.Read()
	if err != nil {
		return nil
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return fields
}
