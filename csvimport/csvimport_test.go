package csvimport

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseLayouts(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		currency string
		layout   Layout // only non-zero fields of interest are compared, see checkLayout
		rows     []Row
		rejected []Rejection
	}{
		{
			name: "US checking, Chase-like with trailing commas",
			in: "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #,\n" +
				"DEBIT,01/15/2024,\"AMAZON.COM*AB12, SEATTLE WA\",-45.99,DEBIT_CARD,1954.01,,\n" +
				"CREDIT,01/16/2024,PAYROLL ACME INC,\"2,500.00\",ACH_CREDIT,4454.01,,\n" +
				"DEBIT,01/17/2024,STARBUCKS,-4.50,DEBIT_CARD,4449.51,,\n",
			currency: "usd",
			layout: Layout{Delimiter: ',', HeaderLine: 1, DateColumn: "Posting Date",
				DescriptionColumns: []string{"Description"}, AmountColumn: "Amount",
				Currency: "USD", DateFormat: "MM/DD/YYYY", Encoding: "UTF-8"},
			rows: []Row{
				{2, day(2024, 1, 15), "AMAZON.COM*AB12, SEATTLE WA", "-45.99", -4599, "USD"},
				{3, day(2024, 1, 16), "PAYROLL ACME INC", "2500.00", 250000, "USD"},
				{4, day(2024, 1, 17), "STARBUCKS", "-4.50", -450, "USD"},
			},
		},
		{
			name: "US credit card: transaction date preferred over post date",
			in: "Transaction Date,Post Date,Description,Category,Type,Amount,Memo\r\n" +
				"12/30/2023,01/02/2024,NETFLIX.COM,Entertainment,Sale,-15.49,\r\n" +
				"12/31/2023,01/02/2024,Payment Thank You,,Payment,500.00,\r\n",
			currency: "USD",
			layout:   Layout{Delimiter: ',', DateColumn: "Transaction Date", DateFormat: "MM/DD/YYYY"},
			rows: []Row{
				{2, day(2023, 12, 30), "NETFLIX.COM", "-15.49", -1549, "USD"},
				{3, day(2023, 12, 31), "Payment Thank You", "500.00", 50000, "USD"},
			},
		},
		{
			name: "UK money out / money in, DD/MM/YYYY",
			in: "Date,Description,Money Out,Money In,Balance\n" +
				"03/01/2024,TESCO STORES 1234,12.40,,987.60\n" +
				"15/01/2024,SALARY,,\"2,000.00\",2987.60\n" +
				"20/01/2024,REFUND,0.00,5.00,2992.60\n" +
				"21/01/2024,CARD FEE,-1.50,,2991.10\n",
			currency: "GBP",
			layout: Layout{Delimiter: ',', DateFormat: "DD/MM/YYYY", DebitColumn: "Money Out",
				CreditColumn: "Money In", DecimalComma: false},
			rows: []Row{
				{2, day(2024, 1, 3), "TESCO STORES 1234", "-12.40", -1240, "GBP"},
				{3, day(2024, 1, 15), "SALARY", "2000.00", 200000, "GBP"},
				{4, day(2024, 1, 20), "REFUND", "5.00", 500, "GBP"},
				{5, day(2024, 1, 21), "CARD FEE", "-1.50", -150, "GBP"}, // negative debit is still out
			},
		},
		{
			name: "German: BOM, preamble, semicolons, decimal comma",
			in: "\ufeff\"Kontonummer:\";\"DE12 3456 7890 1234 5678 90\";\n" +
				"\"Zeitraum:\";\"01.01.2024 - 31.01.2024\";\n" +
				"\"Kontostand vom 31.01.2024:\";\"1.234,56 EUR\";\n" +
				"\n" +
				"\"Buchungstag\";\"Wertstellung\";\"Buchungstext\";\"Verwendungszweck\";\"Betrag\";\"Währung\"\n" +
				"\"02.01.2024\";\"02.01.2024\";\"Lastschrift\";\"REWE Markt; Berlin\";\"-23,40\";\"EUR\"\n" +
				"\"03.01.2024\";\"03.01.2024\";\"Gutschrift\";\"Gehalt Januar\";\"2.500,00\";\"EUR\"\n" +
				"\"05.01.2024\";\"05.01.2024\";\"Dauerauftrag\";\"Miete\";\"-1.200\";\"EUR\"\n",
			currency: "EUR",
			layout: Layout{Delimiter: ';', HeaderLine: 5, DateColumn: "Buchungstag",
				DescriptionColumns: []string{"Verwendungszweck"}, AmountColumn: "Betrag",
				CurrencyColumn: "Währung", DateFormat: "DD.MM.YYYY", DecimalComma: true},
			rows: []Row{
				{6, day(2024, 1, 2), "REWE Markt; Berlin", "-23.40", -2340, "EUR"},
				{7, day(2024, 1, 3), "Gehalt Januar", "2500.00", 250000, "EUR"},
				{8, day(2024, 1, 5), "Miete", "-1200.00", -120000, "EUR"},
			},
		},
		{
			name: "Sparkasse-like Windows-1252: payee joined with purpose",
			in: cp1252Encode("Buchungstag;Beguenstigter/Zahlungspflichtiger;Verwendungszweck;Betrag;Waehrung\n" +
				"30.01.24;Bäckerei Müller;Brötchen;-3,50 €;EUR\n" +
				"31.01.24;Stadtwerke;;-80,00;EUR\n"),
			currency: "",
			layout: Layout{Encoding: "Windows-1252", Delimiter: ';', DateFormat: "DD.MM.YY", DecimalComma: true,
				DescriptionColumns: []string{"Beguenstigter/Zahlungspflichtiger", "Verwendungszweck"}},
			rows: []Row{
				{2, day(2024, 1, 30), "Bäckerei Müller - Brötchen", "-3.50", -350, "EUR"},
				{3, day(2024, 1, 31), "Stadtwerke", "-80.00", -8000, "EUR"},
			},
		},
		{
			name: "ambiguous dates with ';' delimiter default to day-first",
			in: "Date;Description;Amount\n" +
				"01/02/2024;A;-1.00\n" +
				"03/04/2024;B;-2.00\n",
			currency: "EUR",
			layout:   Layout{Delimiter: ';', DateFormat: "DD/MM/YYYY"},
			rows: []Row{
				{2, day(2024, 2, 1), "A", "-1.00", -100, "EUR"},
				{3, day(2024, 4, 3), "B", "-2.00", -200, "EUR"},
			},
		},
		{
			name: "ambiguous dates with ',' and decimal point default to month-first",
			in: "Date,Description,Amount\n" +
				"01/02/2024,A,-1.00\n" +
				"03/04/2024,B,-2.00\n",
			currency: "USD",
			layout:   Layout{DateFormat: "MM/DD/YYYY"},
			rows: []Row{
				{2, day(2024, 1, 2), "A", "-1.00", -100, "USD"},
				{3, day(2024, 3, 4), "B", "-2.00", -200, "USD"},
			},
		},
		{
			name: "tab delimiter, ISO timestamps, amount currency in header",
			in: "Date\tPayee\tMemo\tAmount (EUR)\n" +
				"2024-02-01T09:30:00Z\tSpotify\tPremium\t-9.99\n" +
				"2024-02-02T23:30:00+05:00\tAcme\t\t100\n",
			currency: "USD",
			layout: Layout{Delimiter: '\t', DateFormat: "YYYY-MM-DDThh:mm:ss", Currency: "EUR",
				AmountColumn: "Amount (EUR)", DescriptionColumns: []string{"Payee", "Memo"}},
			rows: []Row{
				{2, day(2024, 2, 1), "Spotify - Premium", "-9.99", -999, "EUR"},
				{3, day(2024, 2, 2), "Acme", "100.00", 10000, "EUR"}, // calendar date as written
			},
		},
		{
			name: "pipe delimiter, month names, parentheses negatives",
			in: "Trans. Date|Narrative|Value\n" +
				"5 Mar 2024|Coffee|(3.20)\n" +
				"06 Mar 2024|Refund|3.20\n",
			currency: "AUD",
			layout:   Layout{Delimiter: '|', DateFormat: "D Mon YYYY"},
			rows: []Row{
				{2, day(2024, 3, 5), "Coffee", "-3.20", -320, "AUD"},
				{3, day(2024, 3, 6), "Refund", "3.20", 320, "AUD"},
			},
		},
		{
			name: "currency column: per-row exponent, lower case, default and unknown",
			in: "Date,Description,Amount,Currency\n" +
				"2024-03-01,Tokyo,\"1,200\",JPY\n" +
				"2024-03-02,Bad,1.00,XYZ\n" +
				"2024-03-03,Default,1.00,\n" +
				"2024-03-04,Kuwait,1.234,kwd\n",
			currency: "USD",
			rows: []Row{
				{2, day(2024, 3, 1), "Tokyo", "1200", 1200, "JPY"},
				{4, day(2024, 3, 3), "Default", "1.00", 100, "USD"},
				{5, day(2024, 3, 4), "Kuwait", "1.234", 1234, "KWD"},
			},
			rejected: []Rejection{{3, `currency "XYZ" is not a known ISO 4217 code`}},
		},
		{
			name: "quoted multi-line description keeps line numbers right",
			in: "Date,Description,Amount\n" +
				"2024-01-01,\"first line\nsecond line, with comma\",-1.00\n" +
				"\n" +
				"2024-01-02,\"He said \"\"hi\"\"\",-2.00\n",
			currency: "USD",
			rows: []Row{
				{2, day(2024, 1, 1), "first line\nsecond line, with comma", "-1.00", -100, "USD"},
				{5, day(2024, 1, 2), `He said "hi"`, "-2.00", -200, "USD"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.in), tt.currency)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkLayout(t, res.Layout, tt.layout)
			if !reflect.DeepEqual(res.Rows, tt.rows) {
				t.Errorf("rows:\n got %+v\nwant %+v", res.Rows, tt.rows)
			}
			if !reflect.DeepEqual(res.Rejected, tt.rejected) {
				t.Errorf("rejected:\n got %q\nwant %q", res.Rejected, tt.rejected)
			}
		})
	}
}

// checkLayout compares the fields set in want; zero fields are not checked
// except DecimalComma, which is always compared.
func checkLayout(t *testing.T, got, want Layout) {
	t.Helper()
	check := func(field string, g, w any, set bool) {
		if set && !reflect.DeepEqual(g, w) {
			t.Errorf("Layout.%s = %#v; want %#v", field, g, w)
		}
	}
	check("Encoding", got.Encoding, want.Encoding, want.Encoding != "")
	check("Delimiter", got.Delimiter, want.Delimiter, want.Delimiter != 0)
	check("HeaderLine", got.HeaderLine, want.HeaderLine, want.HeaderLine != 0)
	check("DateColumn", got.DateColumn, want.DateColumn, want.DateColumn != "")
	check("DescriptionColumns", got.DescriptionColumns, want.DescriptionColumns, want.DescriptionColumns != nil)
	check("AmountColumn", got.AmountColumn, want.AmountColumn, want.AmountColumn != "")
	check("DebitColumn", got.DebitColumn, want.DebitColumn, want.DebitColumn != "")
	check("CreditColumn", got.CreditColumn, want.CreditColumn, want.CreditColumn != "")
	check("CurrencyColumn", got.CurrencyColumn, want.CurrencyColumn, want.CurrencyColumn != "")
	check("Currency", got.Currency, want.Currency, want.Currency != "")
	check("DateFormat", got.DateFormat, want.DateFormat, want.DateFormat != "")
	check("DecimalComma", got.DecimalComma, want.DecimalComma, true)
}

func TestParseRejections(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		rows     []int // lines of accepted rows
		rejected []Rejection
	}{
		{
			name: "amount column",
			in: "Date,Description,Amount\n" +
				"01/02/2024,Good,-10.00\n" + // 2
				"31/02/2024,Bad date,-5.00\n" + // 3
				"15/02/2024,Empty amount,\n" + // 4
				"16/02/2024,Garbage,12abc\n" + // 5
				"17/02/2024,Too few\n" + // 6
				"\n" + // 7
				"18/02/2024,\"Comma, inside\",4.00\n" + // 8
				",No date,1.00\n" + // 9
				"19/02/2024,Too,many,1.00\n" + // 10
				"20/02/2024,Too precise,1.2345\n" + // 11
				"2024-02-21,Other format,1.00\n" + // 12
				"32/02/2024,Two problems,x\n", // 13
			rows: []int{2, 8},
			rejected: []Rejection{
				{3, `date "31/02/2024" is not a valid date (expected DD/MM/YYYY)`},
				{4, "amount is empty"},
				{5, `amount "12abc" is not a valid amount: unexpected text "abc"`},
				{6, "has 2 columns but the header has 3"},
				{9, "date is empty"},
				{10, "has 4 columns but the header has 3"},
				{11, `amount "1.2345" is not a valid amount: 4 fractional digits but the currency has 2; refusing to round`},
				{12, `date "2024-02-21" is not a valid date (expected DD/MM/YYYY)`},
				{13, `date "32/02/2024" is not a valid date (expected DD/MM/YYYY); amount "x" is not a valid amount: no digits`},
			},
		},
		{
			name: "debit and credit columns",
			in: "Date,Description,Debit,Credit\n" +
				"2024-03-01,Both,5.00,6.00\n" +
				"2024-03-02,Neither,,\n" +
				"2024-03-03,OK,5.00,\n" +
				"2024-03-04,Bad credit,,x1\n" +
				"2024-03-05,Zero other side,0.00,7.00\n",
			rows: []int{4, 6},
			rejected: []Rejection{
				{2, `debit and credit both set ("5.00" and "6.00")`},
				{3, "debit and credit are both empty"},
				{5, `credit "x1" is not a valid amount: unexpected text "x"`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(strings.NewReader(tt.in), "USD")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var lines []int
			for _, r := range res.Rows {
				lines = append(lines, r.Line)
			}
			if !reflect.DeepEqual(lines, tt.rows) {
				t.Errorf("accepted lines = %v; want %v", lines, tt.rows)
			}
			if !reflect.DeepEqual(res.Rejected, tt.rejected) {
				t.Errorf("rejected:\n got %q\nwant %q", res.Rejected, tt.rejected)
			}
		})
	}
}

func TestRejectionString(t *testing.T) {
	r := Rejection{Line: 7, Reason: `date "31/02/2024" is not a valid date`}
	if got, want := r.String(), `line 7: date "31/02/2024" is not a valid date`; got != want {
		t.Errorf("String() = %q; want %q", got, want)
	}
}

func TestParseFileErrors(t *testing.T) {
	preamble := strings.Repeat("Account;123\n", headerScanLines)
	tests := []struct {
		name     string
		in       string
		currency string
		wantErr  error
		wantMsg  string // substring
	}{
		{"empty", "", "USD", ErrEmpty, "file is empty"},
		{"only BOM and blank lines", "\ufeff\n \r\n\n", "USD", ErrEmpty, "file is empty"},
		{"no description", "Date,Amount\n2024-01-01,1.00\n", "USD", ErrMissingColumn,
			`header on line 1 has no description column (one of "description"`},
		{"no date", "Description,Amount\nx,1.00\n", "USD", ErrMissingColumn,
			`header on line 1 has no date column (one of "date"`},
		{"no amount", "Date,Description,Balance\n2024-01-01,x,1.00\n", "USD", ErrMissingColumn,
			`header on line 1 has no amount column (one of "amount"`},
		{"no date and no description", "Amount,Currency\n1.00,USD\n", "USD", ErrMissingColumn,
			"has no date column (one of"},
		{"nothing recognised", "foo,bar\n1,2\n", "USD", ErrNoHeader, "need a date column and a description column"},
		{"header beyond scan window", preamble + "Date;Description;Amount\n2024-01-01;x;1\n", "USD", ErrNoHeader, "first 20 lines"},
		{"unknown default currency", "Date,Description,Amount\n", "XYZ", ErrCurrency, `"XYZ" is not an ISO 4217 code`},
		{"no currency anywhere", "Date,Description,Amount\n2024-01-01,x,1\n", "", ErrCurrency, "default currency is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.in), tt.currency)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v; want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %q; want it to contain %q", err, tt.wantMsg)
			}
		})
	}
}

func TestParseHeaderWithinScanWindow(t *testing.T) {
	preamble := strings.Repeat("Account;123\n", headerScanLines-1)
	res, err := Parse(strings.NewReader(preamble+"Datum;Buchungstext;Betrag\n01.02.2024;x;-1,50\n"), "EUR")
	if err != nil {
		t.Fatal(err)
	}
	if res.Layout.HeaderLine != headerScanLines || len(res.Rows) != 1 || res.Rows[0].AmountMinor != -150 {
		t.Errorf("got layout %+v rows %+v", res.Layout, res.Rows)
	}
}

func TestDetectDateFormat(t *testing.T) {
	tests := []struct {
		cells     []string
		preferDMY bool
		want      string
		first     time.Time
	}{
		{[]string{"2024-01-05"}, false, "YYYY-MM-DD", day(2024, 1, 5)},
		{[]string{"2024/01/05"}, false, "YYYY/MM/DD", day(2024, 1, 5)},
		{[]string{"01/05/2024", "01/13/2024"}, true, "MM/DD/YYYY", day(2024, 1, 5)},
		{[]string{"01/05/2024", "13/01/2024"}, false, "DD/MM/YYYY", day(2024, 5, 1)},
		{[]string{"01/05/2024"}, false, "MM/DD/YYYY", day(2024, 1, 5)},
		{[]string{"01/05/2024"}, true, "DD/MM/YYYY", day(2024, 5, 1)},
		{[]string{"01/03/2024", "31/02/2024"}, false, "DD/MM/YYYY", day(2024, 3, 1)}, // 31 decides though invalid
		{[]string{"1/5/24"}, false, "MM/DD/YY", day(2024, 1, 5)},
		{[]string{"1/5/24"}, true, "DD/MM/YY", day(2024, 5, 1)},
		{[]string{"05.01.2024"}, false, "DD.MM.YYYY", day(2024, 1, 5)},
		{[]string{"05.01.24"}, false, "DD.MM.YY", day(2024, 1, 5)},
		{[]string{"05-01-2024", "25-01-2024"}, false, "DD-MM-YYYY", day(2024, 1, 5)},
		{[]string{"5 Jan 2024"}, false, "D Mon YYYY", day(2024, 1, 5)},
		{[]string{"05 JAN 2024"}, false, "D Mon YYYY", day(2024, 1, 5)},
		{[]string{"Jan 5, 2024"}, false, "Mon D, YYYY", day(2024, 1, 5)},
		{[]string{"5-Jan-2024"}, false, "D-Mon-YYYY", day(2024, 1, 5)},
		{[]string{"2024-01-05T10:00:00"}, false, "YYYY-MM-DDThh:mm:ss", day(2024, 1, 5)},
		{[]string{"2024-01-05T23:59:59.123-08:00"}, false, "YYYY-MM-DDThh:mm:ss", day(2024, 1, 5)},
		{[]string{"2024-01-05T00:00:00Z"}, false, "YYYY-MM-DDThh:mm:ss", day(2024, 1, 5)},
		{[]string{"yesterday"}, false, "", time.Time{}},
	}
	for _, tt := range tests {
		f := detectDateFormat(tt.cells, tt.preferDMY)
		if tt.want == "" {
			if f != nil {
				t.Errorf("detectDateFormat(%q) = %s; want none", tt.cells, f.name)
			}
			continue
		}
		if f == nil || f.name != tt.want {
			t.Errorf("detectDateFormat(%q, %v) = %v; want %s", tt.cells, tt.preferDMY, f, tt.want)
			continue
		}
		if got, ok := f.parse(tt.cells[0]); !ok || !got.Equal(tt.first) {
			t.Errorf("%s parse(%q) = %v; want %v", f.name, tt.cells[0], got, tt.first)
		}
	}
}

func TestDetectDecimal(t *testing.T) {
	tests := []struct {
		cells []string
		want  rune
	}{
		{[]string{"1.234,56"}, ','},
		{[]string{"12,34"}, ','},
		{[]string{"-4,5 €"}, ','},
		{[]string{"1,234.56"}, '.'},
		{[]string{"12.34"}, '.'},
		{[]string{"1,200", "1.200", "12"}, 0}, // all ambiguous
		{[]string{"12.34", "12,34"}, ','},     // a decimal comma anywhere wins
		{[]string{"", ""}, 0},
	}
	for _, tt := range tests {
		if got := detectDecimal(tt.cells); got != tt.want {
			t.Errorf("detectDecimal(%q) = %q; want %q", tt.cells, got, tt.want)
		}
	}
}

func TestHeaderSynonyms(t *testing.T) {
	tests := []struct {
		header  string
		date    string
		desc    []string
		amount  string
		debit   string
		credit  string
		ccyCol  string
		ccyHead string
	}{
		{"Booking Date;Details;Transaction Amount", "Booking Date", []string{"Details"}, "Transaction Amount", "", "", "", ""},
		{"FECHA;CONCEPTO;IMPORTE", "FECHA", []string{"CONCEPTO"}, "IMPORTE", "", "", "", ""},
		{"Valuta;Buchungstext;Soll;Haben;Währung", "Valuta", []string{"Buchungstext"}, "", "Soll", "Haben", "Währung", ""},
		{" Posted Date ;Merchant;Withdrawals;Deposits", "Posted Date", []string{"Merchant"}, "", "Withdrawals", "Deposits", "", ""},
		{"Value Date;Reference;Paid Out;Paid In;CCY", "Value Date", []string{"Reference"}, "", "Paid Out", "Paid In", "CCY", ""},
		{"Date;Name;Memo;Amount (GBP)", "Date", []string{"Name", "Memo"}, "Amount (GBP)", "", "", "", "GBP"},
		{"Date;Description;Memo;Debit Amount;Credit Amount", "Date", []string{"Description"}, "", "Debit Amount", "Credit Amount", "", ""},
		{"Date;Description;Debit;Credit;Amount", "Date", []string{"Description"}, "Amount", "", "", "", ""},
		{"Transaction Date;Transaction Description;Money Out (EUR);Money In (EUR)", "Transaction Date", []string{"Transaction Description"}, "", "Money Out (EUR)", "Money In (EUR)", "", "EUR"},
	}
	name := func(f []string, i int) string {
		if i < 0 {
			return ""
		}
		return strings.TrimSpace(f[i])
	}
	for _, tt := range tests {
		f := strings.Split(tt.header, ";")
		c := matchColumns(f)
		var desc []string
		for _, i := range c.desc {
			desc = append(desc, name(f, i))
		}
		got := []any{name(f, c.date), desc, name(f, c.amount), name(f, c.debit), name(f, c.credit), name(f, c.currency), c.headerCurrency}
		want := []any{tt.date, tt.desc, tt.amount, tt.debit, tt.credit, tt.ccyCol, tt.ccyHead}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("matchColumns(%q) = %q; want %q", tt.header, got, want)
		}
	}
}

func TestLayoutString(t *testing.T) {
	res, err := Parse(strings.NewReader("Date;Description;Amount\n01.02.2024;x;-1,50\n"), "EUR")
	if err != nil {
		t.Fatal(err)
	}
	want := `UTF-8, delimiter ';', header on line 1: date "Date" (DD.MM.YYYY), description ["Description"], amount "Amount", decimal comma`
	if got := res.Layout.String(); got != want {
		t.Errorf("String() =\n%s\nwant\n%s", got, want)
	}
}

// cp1252Encode encodes the few non-ASCII characters the tests use.
func cp1252Encode(s string) string {
	r := strings.NewReplacer("ä", "\xe4", "ö", "\xf6", "ü", "\xfc", "€", "\x80")
	return r.Replace(s)
}

// FuzzParse checks that arbitrary input never panics and that results are
// internally consistent.
func FuzzParse(f *testing.F) {
	f.Add("Date,Description,Amount\n01/15/2024,x,-1.00\n")
	f.Add("\ufeffa;b\nBuchungstag;Verwendungszweck;Betrag\n02.01.2024;\"x\";-1.234,56\n")
	f.Add("Date|Payee|Memo|Money Out|Money In\n5 Jan 2024|a|b|1|\n")
	f.Fuzz(func(t *testing.T, in string) {
		res, err := Parse(strings.NewReader(in), "EUR")
		if err != nil {
			return
		}
		for i, r := range res.Rejected {
			if r.Line <= res.Layout.HeaderLine || r.Reason == "" || (i > 0 && r.Line < res.Rejected[i-1].Line) {
				t.Fatalf("bad rejection %+v", r)
			}
		}
		for _, r := range res.Rows {
			if r.Line <= res.Layout.HeaderLine || r.Date.IsZero() || r.Currency == "" {
				t.Fatalf("bad row %+v", r)
			}
		}
	})
}
