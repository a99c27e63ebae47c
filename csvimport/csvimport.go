// Package csvimport turns the CSV exports of common banks into normalised
// transaction rows. Bank exports vary in delimiter, header language, date
// order and decimal convention, so the layout is detected per file and
// reported back (Layout) for the user to confirm. Problems with individual
// rows never abort the import: they are returned as Rejections with a line
// number and a reason, so one bad line does not cost the user the file.
package csvimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aithena/aithena/money"
)

// Row is one accepted transaction.
type Row struct {
	Line        int       // 1-based line number in the file
	Date        time.Time // calendar date as written, at midnight UTC
	Description string
	Amount      string // canonical decimal, money.Format; negative = money out
	AmountMinor int64  // the same amount in minor units of Currency
	Currency    string // ISO 4217 code
}

// Rejection is a data row that could not be imported.
type Rejection struct {
	Line   int
	Reason string
}

func (r Rejection) String() string { return fmt.Sprintf("line %d: %s", r.Line, r.Reason) }

// Result is the outcome of Parse. Rejected is sorted by line.
type Result struct {
	Rows     []Row
	Rejected []Rejection
	Layout   Layout
}

// Layout describes what Parse detected, for display to the user. Column
// fields hold header names as written in the file; empty means absent.
type Layout struct {
	Encoding           string // "UTF-8" or "Windows-1252" (legacy European exports)
	Delimiter          rune
	HeaderLine         int
	Header             []string
	DateColumn         string
	DescriptionColumns []string // joined with " - " when more than one
	AmountColumn       string   // set when a signed amount column is used
	DebitColumn        string   // set when debit/credit columns are used instead
	CreditColumn       string
	CurrencyColumn     string
	Currency           string // currency for rows without a currency cell
	DateFormat         string // human form, e.g. "DD/MM/YYYY"; empty if no date parsed
	DateLayout         string // the Go reference layout used
	DecimalComma       bool
}

func (l Layout) String() string {
	amount := fmt.Sprintf("amount %q", l.AmountColumn)
	if l.AmountColumn == "" {
		amount = fmt.Sprintf("debit %q, credit %q", l.DebitColumn, l.CreditColumn)
	}
	dec := "decimal point"
	if l.DecimalComma {
		dec = "decimal comma"
	}
	return fmt.Sprintf("%s, delimiter %q, header on line %d: date %q (%s), description %q, %s, %s",
		l.Encoding, l.Delimiter, l.HeaderLine, l.DateColumn, l.DateFormat,
		l.DescriptionColumns, amount, dec)
}

// File-level errors. Anything returned by Parse other than an I/O error
// matches one of these with errors.Is.
var (
	ErrEmpty         = errors.New("csvimport: file is empty")
	ErrNoHeader      = errors.New("csvimport: no header row recognised in the first 20 lines (need a date column and a description column)")
	ErrMissingColumn = errors.New("csvimport: required column missing")
	ErrCurrency      = errors.New("csvimport: invalid default currency")
)

// MissingColumnError names the required columns a header lacks.
type MissingColumnError struct {
	Line    int      // line of the header that came closest
	Missing []string // roles: "date", "description", "amount"
}

func (e *MissingColumnError) Error() string {
	parts := make([]string, len(e.Missing))
	for i, m := range e.Missing {
		parts[i] = fmt.Sprintf("%s column (one of %s)", m, quoteList(requiredSynonyms[m]))
	}
	return fmt.Sprintf("csvimport: header on line %d has no %s", e.Line, strings.Join(parts, " and no "))
}

func (e *MissingColumnError) Unwrap() error { return ErrMissingColumn }

// headerScanLines bounds the preamble search so a file without any header
// fails quickly instead of treating some data row as a header.
const headerScanLines = 20

// Parse reads a bank CSV export. defaultCurrency (ISO 4217, any case)
// applies to rows without a currency of their own; it may be empty only if
// the file states currencies itself. The error is non-nil only when the file
// cannot be used at all.
func Parse(r io.Reader, defaultCurrency string) (Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Result{}, fmt.Errorf("csvimport: reading: %w", err)
	}
	defaultCurrency = strings.ToUpper(strings.TrimSpace(defaultCurrency))
	if defaultCurrency != "" {
		if _, ok := money.Exponent(defaultCurrency); !ok {
			return Result{}, fmt.Errorf("%w: %q is not an ISO 4217 code", ErrCurrency, defaultCurrency)
		}
	}

	var layout Layout
	text, enc := decode(data)
	layout.Encoding = enc
	if strings.TrimSpace(text) == "" {
		return Result{}, ErrEmpty
	}

	h, err := findHeader(text)
	if err != nil {
		return Result{}, err
	}
	cols := h.cols
	if cols.amount < 0 && cols.debit < 0 && cols.credit < 0 {
		return Result{}, &MissingColumnError{Line: h.line, Missing: []string{"amount"}}
	}
	layout.Delimiter = h.delim
	layout.HeaderLine = h.line
	layout.Header = h.fields
	name := func(i int) string {
		if i < 0 {
			return ""
		}
		return h.fields[i]
	}
	layout.DateColumn = name(cols.date)
	for _, i := range cols.desc {
		layout.DescriptionColumns = append(layout.DescriptionColumns, name(i))
	}
	if cols.amount >= 0 {
		layout.AmountColumn = name(cols.amount)
	} else {
		layout.DebitColumn, layout.CreditColumn = name(cols.debit), name(cols.credit)
	}
	layout.CurrencyColumn = name(cols.currency)
	layout.Currency = defaultCurrency
	if cols.headerCurrency != "" {
		layout.Currency = cols.headerCurrency // "Amount (EUR)" beats the caller's guess
	}
	if layout.Currency == "" && cols.currency < 0 {
		return Result{}, fmt.Errorf("%w: the file has no currency column, so a default currency is required", ErrCurrency)
	}

	var res Result
	recs, rejected, err := readRecords(text[h.end:], h.delim, h.line)
	if err != nil {
		return Result{}, err
	}
	res.Rejected = rejected

	// File-wide decisions need every cell first: one "13/01" or one "12,34"
	// settles the convention for the whole file.
	var dateCells, amountCells []string
	for _, rec := range recs {
		dateCells = append(dateCells, cell(rec.fields, cols.date))
		for _, i := range []int{cols.amount, cols.debit, cols.credit} {
			amountCells = append(amountCells, cell(rec.fields, i))
		}
	}
	decimal := detectDecimal(amountCells)
	layout.DecimalComma = decimal == ','
	df := detectDateFormat(dateCells, layout.DecimalComma || h.delim == ';')
	if df != nil {
		layout.DateFormat, layout.DateLayout = df.name, df.layouts[0]
	}

	// Trailing unnamed header cells come from a delimiter at the end of the
	// header line; rows may omit them.
	named := len(h.fields)
	for named > 0 && h.fields[named-1] == "" {
		named--
	}
	p := rowParser{cols: cols, layout: &layout, decimal: decimal, date: df, headerLen: len(h.fields), namedLen: named}
	for _, rec := range recs {
		row, problems := p.parse(rec)
		if len(problems) > 0 {
			res.Rejected = append(res.Rejected, Rejection{Line: rec.line, Reason: strings.Join(problems, "; ")})
			continue
		}
		res.Rows = append(res.Rows, row)
	}
	sort.SliceStable(res.Rejected, func(i, j int) bool { return res.Rejected[i].Line < res.Rejected[j].Line })
	res.Layout = layout
	return res, nil
}

type record struct {
	line   int
	fields []string
}

// readRecords reads the data rows after the header. Line numbers come from
// csv.Reader.FieldPos so they stay right across quoted multi-line fields.
func readRecords(body string, delim rune, headerLine int) ([]record, []Rejection, error) {
	cr := csv.NewReader(strings.NewReader(body))
	cr.Comma = delim
	cr.LazyQuotes = true    // banks emit stray quotes inside fields
	cr.FieldsPerRecord = -1 // column count is checked per row, as a rejection
	var recs []record
	var rejected []Rejection
	for {
		fields, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rejected = append(rejected, Rejection{Line: headerLine + pe.StartLine,
					Reason: "malformed CSV: " + pe.Err.Error()})
				continue
			}
			return nil, nil, fmt.Errorf("csvimport: reading: %w", err)
		}
		if allBlank(fields) {
			continue // ";;;;" separator-only lines are blank lines too
		}
		line, _ := cr.FieldPos(0)
		recs = append(recs, record{line: headerLine + line, fields: fields})
	}
	return recs, rejected, nil
}

type rowParser struct {
	cols      columns
	layout    *Layout
	decimal   rune // '.', ',' or 0 for per-cell detection
	date      *dateFormat
	headerLen int
	namedLen  int
}

// parse converts one record, collecting every problem so the user can fix
// a row in one go.
func (p *rowParser) parse(rec record) (Row, []string) {
	f := rec.fields
	n := len(f)
	// A differing column count usually means an unquoted delimiter or a
	// missing field shifted the values, which could silently put the wrong
	// value in a column. Extra empty cells (a delimiter at the end of the
	// line) are harmless.
	if (n > p.headerLen && !allBlank(f[p.headerLen:])) || n < p.namedLen {
		return Row{}, []string{fmt.Sprintf("has %d columns but the header has %d", n, p.headerLen)}
	}

	row := Row{Line: rec.line}
	var problems []string

	switch d := strings.TrimSpace(cell(f, p.cols.date)); {
	case d == "":
		problems = append(problems, "date is empty")
	case p.date == nil:
		problems = append(problems, fmt.Sprintf("date %q is not a valid date (no date format fits this file)", d))
	default:
		t, ok := p.date.parse(d)
		if !ok {
			problems = append(problems, fmt.Sprintf("date %q is not a valid date (expected %s)", d, p.date.name))
		}
		row.Date = t
	}

	row.Description = p.description(f)

	row.Currency = p.layout.Currency
	if c := strings.ToUpper(strings.TrimSpace(cell(f, p.cols.currency))); c != "" {
		row.Currency = c
	}
	exp, ok := money.Exponent(row.Currency)
	switch {
	case row.Currency == "":
		problems = append(problems, "currency is empty and no default currency was given")
	case !ok:
		problems = append(problems, fmt.Sprintf("currency %q is not a known ISO 4217 code", row.Currency))
	default:
		amt, problem := p.amount(f, exp)
		if problem != "" {
			problems = append(problems, problem)
		}
		row.AmountMinor = amt
		row.Amount = money.Format(amt, exp)
	}
	return row, problems
}

func (p *rowParser) description(f []string) string {
	var parts []string
	for _, i := range p.cols.desc {
		if s := strings.TrimSpace(cell(f, i)); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return strings.TrimSpace(cell(f, p.cols.descFallback))
	}
	return strings.Join(parts, " - ")
}

// amount returns the signed amount (negative = money out) or a problem.
func (p *rowParser) amount(f []string, exp int) (int64, string) {
	if p.cols.amount >= 0 {
		s := strings.TrimSpace(cell(f, p.cols.amount))
		if s == "" {
			return 0, "amount is empty"
		}
		return p.money("amount", s, exp)
	}
	ds, cs := strings.TrimSpace(cell(f, p.cols.debit)), strings.TrimSpace(cell(f, p.cols.credit))
	if ds == "" && cs == "" {
		return 0, "debit and credit are both empty"
	}
	var debit, credit int64
	var problems []string
	if ds != "" {
		v, problem := p.money("debit", ds, exp)
		if problem != "" {
			problems = append(problems, problem)
		}
		debit = v
	}
	if cs != "" {
		v, problem := p.money("credit", cs, exp)
		if problem != "" {
			problems = append(problems, problem)
		}
		credit = v
	}
	if len(problems) > 0 {
		return 0, strings.Join(problems, "; ")
	}
	// Banks fill the unused side with 0.00 as often as they leave it
	// empty, so only two non-zero values are a conflict.
	if debit != 0 && credit != 0 {
		return 0, fmt.Sprintf("debit and credit both set (%q and %q)", ds, cs)
	}
	// Debit is an outflow whichever sign the bank wrote it with.
	if debit > 0 {
		debit = -debit
	}
	return credit + debit, "" // at most one is non-zero: cannot overflow
}

func (p *rowParser) money(column, s string, exp int) (int64, string) {
	var v int64
	var err error
	if p.decimal == 0 {
		v, err = money.Parse(s, exp)
	} else {
		v, err = money.ParseWithDecimal(s, exp, p.decimal)
	}
	if err == nil {
		return v, ""
	}
	var pe *money.ParseError
	if errors.As(err, &pe) {
		return 0, fmt.Sprintf("%s %q is not a valid amount: %s", column, s, pe.Detail)
	}
	return 0, fmt.Sprintf("%s %q is not a valid amount: %v", column, s, err)
}

// detectDecimal decides the decimal separator for the whole file: any
// unambiguous decimal comma ("1.234,56", "12,34") wins, as the requested
// convention says; otherwise any unambiguous decimal point ("12.34"). A
// file whose amounts are all ambiguous ("1,200") is left to money.Parse.
func detectDecimal(cells []string) rune {
	var comma, point bool
	for _, s := range cells {
		switch decimalHint(s) {
		case ',':
			comma = true
		case '.':
			point = true
		}
	}
	switch {
	case comma:
		return ','
	case point:
		return '.'
	}
	return 0
}

func decimalHint(s string) rune {
	dot, comma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && comma >= 0:
		if comma > dot {
			return ','
		}
		return '.'
	case comma >= 0 && strings.Count(s, ",") == 1 && digitsAfter(s, comma) != 3:
		return ','
	case dot >= 0 && strings.Count(s, ".") == 1 && digitsAfter(s, dot) != 3:
		return '.'
	}
	return 0
}

func digitsAfter(s string, i int) int {
	n := 0
	for j := i + 1; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
		n++
	}
	return n
}

func cell(f []string, i int) string {
	if i < 0 || i >= len(f) {
		return ""
	}
	return f[i]
}

func allBlank(f []string) bool {
	for _, s := range f {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// decode returns the file as UTF-8 without a BOM. Files that are not valid
// UTF-8 are read as Windows-1252, which is what European banks (notably
// German Sparkassen) still export; Latin-1 is a subset of it.
func decode(data []byte) (string, string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), "UTF-8"
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for _, c := range data {
		if c >= 0x80 && c < 0xa0 && cp1252[c-0x80] != 0 {
			b.WriteRune(cp1252[c-0x80])
		} else {
			b.WriteRune(rune(c))
		}
	}
	return b.String(), "Windows-1252"
}

// cp1252 maps bytes 0x80-0x9F, where Windows-1252 differs from Latin-1
// (0 = undefined, passed through).
var cp1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}
