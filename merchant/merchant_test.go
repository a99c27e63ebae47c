package merchant

import (
	"strings"
	"testing"
	"unicode/utf8"
)

var normalizeCases = []struct {
	raw, want string
}{
	// US card and ACH descriptors.
	{"POS PURCHASE STARBUCKS #1234 SEATTLE WA 07/14", "Starbucks"},
	{"STARBUCKS STORE 05678 PORTLAND OR", "Starbucks"},
	{"SQ *BLUE BOTTLE COFFEE", "Blue Bottle Coffee"},
	{"TST* JOES PIZZA 123", "Joes Pizza"},
	{"PAYPAL *NETFLIX.COM", "Netflix"},
	{"AMZN Mktp US*2K4L33", "Amazon"},
	{"Amazon.com*MK1AB2CD0 Amzn.com/bill WA", "Amazon"},
	{"CHECKCARD 0714 SHELL OIL 57442 HOUSTON TX", "Shell"},
	{"DEBIT CARD PURCHASE XXXX1234 WHOLEFDS MKT 10234", "Whole Foods"},
	{"ACH DEBIT COMCAST CABLE", "Comcast"},
	{"UBER *TRIP HELP.UBER.COM", "Uber"},
	{"UBER *EATS PENDING", "Uber Eats"},
	{"LYFT *RIDE SUN 4PM", "Lyft"},
	{"DIRECT DEPOSIT ACME CORP PAYROLL", "Acme Corp"},
	{"PURCHASE AUTHORIZED ON 07/14 CHIPOTLE 1234 AUSTIN TX S381196000000000 CARD 1234", "Chipotle"},
	{"COMCAST DES:CABLE ID:12345 INDN:JOHN DOE CO ID:XXXXX PPD", "Comcast"},
	{"TARGET T-1234 MINNEAPOLIS MN", "Target"},
	{"MCDONALD'S F12345 CHICAGO IL", "McDonald's"},
	{"THE HOME DEPOT #6543 ATLANTA GA", "The Home Depot"},
	{"LOWE'S #1234", "Lowe's"},
	{"APPLE.COM/BILL 866-712-7753 CA", "Apple"},
	{"GOOGLE *YouTube Premium g.co/helppay#", "YouTube"},
	{"CVS/PHARMACY #01234", "CVS"},
	{"WAL-MART #1234 DALLAS TX", "Walmart"},
	{"COSTCO WHSE #0123 SAN JOSE CA", "Costco"},
	{"7-ELEVEN 12345", "7-Eleven"},
	{"BLUE BOTTLE COFFEE OAKLAND CA", "Blue Bottle Coffee"},
	{"JOES PIZZA SPOKANE WA", "Joes Pizza"},
	{"O'REILLY AUTO PARTS 1234", "O'Reilly Auto Parts"},
	{"FOREVER 21 #123", "Forever 21"},
	{"PIER 1 IMPORTS #12", "Pier 1 Imports"},
	{"99 RANCH MARKET #12", "99 Ranch Market"},
	{"H&M 123 NEW YORK NY", "H&M"},
	{"AT&T*BILL PAYMENT", "AT&T"},
	{"VENMO PAYMENT 1234567890 WEB ID: 3264681992", "Venmo"},
	{"RECURRING PAYMENT AUTHORIZED ON 07/02 SPOTIFY USA 877-7781161 NY S123456789", "Spotify"},
	{"DD *DOORDASH CHIPOTLE", "DoorDash"},
	{"TRADER JOE S #552 QPS BROOKLYN NY", "Trader Joe's"},
	{"BANK OF AMERICA ATM 07/14 #000001234 WITHDRWL", "Bank of America ATM"},
	{"WWW.SOMESHOP.COM", "Someshop"},
	{"GEICO *AUTO 800-841-3000 DC", "GEICO Auto"},
	{"SAFEWAY FUEL 1234 SAN FRANCISCO CA", "Safeway"},
	{"ONLINE TRANSFER TO SAVINGS XXXXXX1234 REF #IB0ABCDEFG", "Online Transfer to Savings"},
	{"OVERDRAFT FEE", "Overdraft Fee"},
	// UK.
	{"CARD PAYMENT TO TESCO STORES 3297 ON 12/07", "Tesco"},
	{"SAINSBURYS S/MKTS", "Sainsbury's"},
	{"M&S SIMPLY FOOD", "Marks & Spencer"},
	{"B&Q 1234", "B&Q"},
	{"NATIONAL GRID DD", "National Grid"},
	{"DIRECT DEBIT PAYMENT TO THAMES WATER REF 123456789", "Thames Water"},
	{"PRET A MANGER LONDON GB", "Pret A Manger"},
	{"TFL TRAVEL CHARGE TFL.GOV.UK/CP", "TFL Travel Charge"},
	{"BP CONNECT 1234", "BP"},
	{"CONTACTLESS PAYMENT GREGGS PLC 12JUL", "Greggs"},
	{"BGC ACME LTD SALARY", "Acme"},
	// Germany, France, Netherlands.
	{"Lastschrift REWE SAGT DANKE 1234 BERLIN DE", "Rewe"},
	{"Kartenzahlung girocard 12.07.2024 EDEKA Center Müller", "Edeka"},
	{"SEPA-Lastschrift Vodafone GmbH", "Vodafone"},
	{"Kartenzahlung ALDI SUED 12.07. 10:15", "Aldi"},
	{"LIDL DIENSTLEISTUNG GMBH & CO KG", "Lidl"},
	{"DB Vertrieb GmbH Frankfurt", "Deutsche Bahn"},
	{"Café de la Paix Paris FR", "Café de la Paix"},
	{"PRLV SEPA EDF CLIENTS PARTICULIERS", "EDF Clients Particuliers"},
	{"CARTE X1234 12/07 MONOPRIX", "Monoprix"},
	{"BEA Albert Heijn 1234 AMSTERDAM", "Albert Heijn"},
	// Degenerate input.
	{"", ""},
	{"   ", ""},
	{"PAYPAL *", "PayPal"},
	{"POS PURCHASE", "Pos Purchase"},
	{"1234", "1234"},
}

func TestNormalize(t *testing.T) {
	for _, tc := range normalizeCases {
		if got := Normalize(tc.raw); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

// TestNormalizeStable checks that normalizing a name again keeps it, since
// stored names are re-normalized when users edit or import them.
func TestNormalizeStable(t *testing.T) {
	for _, tc := range normalizeCases {
		once := Normalize(tc.raw)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", tc.raw, twice, once)
		}
	}
	for key, name := range aliases {
		if got := Normalize(name); got != name {
			t.Errorf("alias %q: Normalize(%q) = %q", key, name, got)
		}
	}
}

func TestKey(t *testing.T) {
	cases := []struct{ name, want string }{
		{"Starbucks", "starbucks"},
		{"STARBUCKS", "starbucks"},
		{"McDonald's", "mcdonalds"},
		{"Joe’s  Pizza", "joes pizza"},
		{"7-Eleven", "7 eleven"},
		{"Marks & Spencer", "marks spencer"},
		{"Café de la Paix", "cafe de la paix"},
		{"Müller", "muller"},
		{"Straße", "strasse"},
		{"  --  ", ""},
		{"", ""},
	}
	for _, tc := range cases {
		if got := Key(tc.name); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestKeyGroups checks that descriptors of one merchant from different
// stores, cities and channels share a key.
func TestKeyGroups(t *testing.T) {
	groups := [][]string{
		{"POS PURCHASE STARBUCKS #1234 SEATTLE WA 07/14", "STARBUCKS STORE 05678 PORTLAND OR", "SBUX 9876", "Starbucks"},
		{"AMZN Mktp US*2K4L33", "Amazon.com*MK1AB2CD0 Amzn.com/bill WA", "AMAZON MKTPLACE PMTS"},
		{"CARD PAYMENT TO TESCO STORES 3297 ON 12/07", "TESCO EXPRESS 1234 LONDON GB", "Tesco"},
		{"SQ *BLUE BOTTLE COFFEE", "BLUE BOTTLE COFFEE OAKLAND CA", "Blue Bottle Coffee #12"},
	}
	for _, g := range groups {
		want := Key(Normalize(g[0]))
		for _, raw := range g[1:] {
			if got := Key(Normalize(raw)); got != want {
				t.Errorf("Key(Normalize(%q)) = %q, want %q (from %q)", raw, got, want, g[0])
			}
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, tc := range normalizeCases {
		f.Add(tc.raw)
	}
	f.Add("\xff\xfe*#\x00")
	f.Add("**** **** * # & ON 12/07")
	f.Add("0  0*00 00A 0")
	f.Add(strings.Repeat(" ", maxInput) + "A")
	f.Add(strings.Repeat("0", 132) + "A" + strings.Repeat("\x8d", 900))
	f.Fuzz(func(t *testing.T, raw string) {
		name := Normalize(raw)
		if !utf8.ValidString(name) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", raw, name)
		}
		if name != strings.TrimSpace(name) || strings.Contains(name, "  ") {
			t.Fatalf("Normalize(%q) = %q: stray spaces", raw, name)
		}
		if hasLetter(raw) && name == "" {
			t.Fatalf("Normalize(%q) is empty", raw)
		}
		if hasLetter(prepare(raw)) && !hasLetter(name) {
			t.Fatalf("Normalize(%q) = %q: letters lost", raw, name)
		}
		if a, b := Key(Normalize(name)), Key(name); a != b {
			t.Fatalf("raw %q: Key(Normalize(%q)) = %q, Key = %q", raw, name, a, b)
		}
		k := Key(name)
		if Key(k) != k {
			t.Fatalf("Key not idempotent on %q: %q -> %q", name, k, Key(k))
		}
	})
}

func BenchmarkNormalize(b *testing.B) {
	for b.Loop() {
		for _, tc := range normalizeCases {
			Normalize(tc.raw)
		}
	}
}
