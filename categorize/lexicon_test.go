package categorize

import (
	"strings"
	"testing"

	"github.com/aithena/aithena/categorize/kb"
)

func TestLexiconSystemCategories(t *testing.T) {
	want := []string{
		"INCOME", "TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS", "BANK_FEES", "ENTERTAINMENT",
		"FOOD_AND_DRINK", "GENERAL_MERCHANDISE", "HOME_IMPROVEMENT", "MEDICAL", "PERSONAL_CARE",
		"GENERAL_SERVICES", "GOVERNMENT_AND_NON_PROFIT", "TRANSPORTATION", "TRAVEL", "RENT_AND_UTILITIES",
	}
	if strings.Join(SystemCategories, ",") != strings.Join(want, ",") {
		t.Fatalf("SystemCategories = %v, want %v", SystemCategories, want)
	}
}

var lexCases = []struct {
	merchant, description string
	amount                int64
	category, keyword     string
	confidence            float64
}{
	// Income: only money in.
	{"Acme Corp", "DIRECT DEPOSIT ACME CORP PAYROLL", 250000, Income, "direct deposit", 0.75},
	{"Acme", "BGC ACME LTD SALARY", 310000, Income, "salary", 0.75},
	{"Arbeitgeber GmbH", "Gutschrift Gehalt 07/2024", 320000, Income, "gehalt", 0.75},
	{"IRS", "IRS TREAS 310 TAX REF", 123400, Income, "irs treas", 0.75},
	{"Ally Bank", "INTEREST PAID", 312, Income, "interest paid", 0.75},
	{"Ally Bank", "INTEREST", 312, Income, "interest", 0.6},
	// Transfers follow the sign.
	{"Zelle to John Smith", "ZELLE TO JOHN SMITH", -5000, TransferOut, "zelle", 0.75},
	{"Venmo", "VENMO CASHOUT", 5000, TransferIn, "venmo", 0.75},
	{"Online Transfer to Savings", "ONLINE TRANSFER TO SAVINGS XXXXXX1234", -20000, TransferOut, "transfer to savings", 0.75},
	{"Online Transfer From Savings", "ONLINE TRANSFER FROM SAVINGS XXXXXX1234", 20000, TransferIn, "transfer from savings", 0.75},
	{"Max Mustermann", "Überweisung Max Mustermann", -40000, TransferOut, "überweisung", 0.6},
	{"Max Mustermann", "Überweisung Max Mustermann Miete Anteil", -40000, RentAndUtilities, "miete", 0.6},
	{"Bank of America ATM", "BANK OF AMERICA ATM 07/14 #000001234 WITHDRWL", -6000, TransferOut, "atm", 0.6},
	{"Vanguard", "VANGUARD BUY INVESTMENT", -50000, TransferOut, "vanguard", 0.75},
	{"Mobile Deposit", "MOBILE DEPOSIT REF 1234", 12000, TransferIn, "mobile deposit", 0.75},
	// Loans.
	{"Navient", "NAVIENT ED LOAN PMT", -25000, LoanPayments, "loan pmt", 0.75},
	{"Rocket Mortgage", "ROCKET MORTGAGE PMT", -180000, LoanPayments, "rocket mortgage", 0.75},
	{"Apple Card", "APPLECARD GSBANK PAYMENT", -30000, LoanPayments, "apple card", 0.75},
	{"Chase", "CHASE CREDIT CRD AUTOPAY", -45000, LoanPayments, "credit crd", 0.75},
	{"Klarna", "KLARNA*ZALANDO", -4999, LoanPayments, "klarna", 0.75},
	// Bank fees.
	{"Overdraft Fee", "OVERDRAFT FEE", -3500, BankFees, "overdraft fee", 0.75},
	{"Monthly Maintenance Fee", "MONTHLY MAINTENANCE FEE", -1200, BankFees, "monthly maintenance fee", 0.75},
	{"Non-Chase ATM Fee", "NON-CHASE ATM FEE-WITH", -300, BankFees, "atm fee", 0.75},
	{"Entgelt", "Kontoführungsgebühr 07/2024", -495, BankFees, "kontoführungsgebühr", 0.75},
	{"Citi", "INTEREST CHARGE ON PURCHASES", -1834, BankFees, "interest charge", 0.75},
	// Entertainment.
	{"Netflix", "PAYPAL *NETFLIX.COM", -1549, Entertainment, "netflix", 0.75},
	{"Spotify", "SPOTIFY P1A2B3C4D5", -1099, Entertainment, "spotify", 0.75},
	{"AMC", "AMC THEATRES 1234 SAN FRANCISCO", -3200, Entertainment, "amc theatres", 0.75},
	{"Prime Video", "PRIME VIDEO*2K4L33", -899, Entertainment, "prime video", 0.75},
	{"Odeon", "ODEON CINEMAS LONDON", -1450, Entertainment, "odeon", 0.75},
	// Food and drink.
	{"Starbucks", "POS PURCHASE STARBUCKS #1234 SEATTLE WA 07/14", -575, FoodAndDrink, "starbucks", 0.75},
	{"Whole Foods", "DEBIT CARD PURCHASE XXXX1234 WHOLEFDS MKT 10234", -8423, FoodAndDrink, "whole foods", 0.75},
	{"Tesco", "CARD PAYMENT TO TESCO STORES 3297 ON 12/07", -2310, FoodAndDrink, "tesco", 0.75},
	{"Rewe", "Lastschrift REWE SAGT DANKE 1234 BERLIN DE", -3456, FoodAndDrink, "rewe", 0.75},
	{"Uber Eats", "UBER *EATS PENDING", -2899, FoodAndDrink, "uber eats", 0.75},
	{"McDonald's", "MCDONALD'S F12345 CHICAGO IL", -899, FoodAndDrink, "mcdonalds", 0.75},
	{"Joes Pizza", "TST* JOES PIZZA 123", -2400, FoodAndDrink, "pizza", 0.6},
	{"Café de la Paix", "CB CAFE DE LA PAIX PARIS", -1800, FoodAndDrink, "cafe", 0.6},
	{"Bäckerei Schmidt", "Kartenzahlung BAECKEREI SCHMIDT", -450, FoodAndDrink, "bäckerei", 0.6},
	{"Marks & Spencer", "M&S SIMPLY FOOD 1234", -1250, FoodAndDrink, "m s simply food", 0.75},
	// General merchandise.
	{"Amazon", "AMZN Mktp US*2K4L33", -3999, GeneralMerchandise, "amzn mktp", 0.75},
	{"Target", "TARGET T-1234 MINNEAPOLIS MN", -6712, GeneralMerchandise, "target", 0.75},
	{"Costco", "COSTCO WHSE #0123 SAN JOSE CA", -21345, GeneralMerchandise, "costco", 0.75},
	{"Argos", "ARGOS LTD 1234", -2999, GeneralMerchandise, "argos", 0.75},
	{"H&M", "H&M 123 NEW YORK NY", -4500, GeneralMerchandise, "h&m", 0.75},
	{"dm Drogerie Markt", "dm-drogerie markt 1234", -1234, GeneralMerchandise, "dm drogerie markt", 0.75},
	// Home improvement.
	{"The Home Depot", "THE HOME DEPOT #6543 ATLANTA GA", -11299, HomeImprovement, "home depot", 0.75},
	{"Lowe's", "LOWE'S #1234", -4599, HomeImprovement, "lowes", 0.75},
	{"B&Q", "B&Q 1234", -3400, HomeImprovement, "b&q", 0.75},
	{"IKEA", "IKEA BERLIN", -23900, HomeImprovement, "ikea", 0.75},
	{"Bauhaus", "BAUHAUS GMBH FIL 123", -5600, HomeImprovement, "bauhaus", 0.75},
	// Medical.
	{"CVS", "CVS/PHARMACY #01234", -1599, Medical, "cvs pharmacy", 0.75},
	{"Boots", "BOOTS 1234 MANCHESTER", -799, Medical, "boots", 0.75},
	{"Stadt Apotheke", "Kartenzahlung Stadt-Apotheke", -1290, Medical, "apotheke", 0.6},
	{"Smile Dental", "SMILE DENTAL GROUP", -15000, Medical, "dental", 0.6},
	// Personal care.
	{"Great Clips", "GREAT CLIPS #1234", -2500, PersonalCare, "great clips", 0.75},
	{"Planet Fitness", "PLANET FITNESS CLUB FEES", -2499, PersonalCare, "planet fitness", 0.75},
	{"Tony's Barber", "SQ *TONYS BARBER", -3000, PersonalCare, "barber", 0.6},
	{"PureGym", "PUREGYM LTD", -2499, PersonalCare, "puregym", 0.75},
	{"Friseur Salon Anna", "Friseur Salon Anna", -4000, PersonalCare, "friseur", 0.6},
	// General services.
	{"GEICO Auto", "GEICO *AUTO 800-841-3000 DC", -13400, GeneralServices, "geico", 0.75},
	{"State Farm", "STATE FARM RO 27 CPC-CLIENT", -9800, GeneralServices, "state farm", 0.75},
	{"Allianz", "Lastschrift Allianz Versicherungs-AG", -4500, GeneralServices, "allianz", 0.75},
	{"USPS", "USPS PO 1234567890", -865, GeneralServices, "usps", 0.75},
	{"Jiffy Lube", "JIFFY LUBE #1234", -7999, GeneralServices, "jiffy lube", 0.75},
	// Government and non-profit.
	{"IRS", "IRS USATAXPYMT 2024", -250000, GovernmentAndNonProfit, "irs", 0.75},
	{"Camden Council", "CAMDEN COUNCIL TAX DD", -14500, GovernmentAndNonProfit, "council tax", 0.75},
	{"Finanzamt Berlin", "Finanzamt Berlin Steuernummer 12/345", -80000, GovernmentAndNonProfit, "finanzamt", 0.75},
	{"American Red Cross", "AMERICAN RED CROSS DONATION", -5000, GovernmentAndNonProfit, "american red cross", 0.75},
	{"Rundfunkbeitrag", "ARD ZDF Deutschlandradio Beitragsservice", -5508, GovernmentAndNonProfit, "ard zdf", 0.75},
	// Transportation.
	{"Shell", "CHECKCARD 0714 SHELL OIL 57442 HOUSTON TX", -4500, Transportation, "shell", 0.75},
	{"Uber", "UBER *TRIP HELP.UBER.COM", -1845, Transportation, "uber", 0.75},
	{"TFL Travel Charge", "TFL TRAVEL CH TFL.GOV.UK/CP", -840, Transportation, "tfl travel", 0.75},
	{"Deutsche Bahn", "DB Vertrieb GmbH Frankfurt", -3990, Transportation, "deutsche bahn", 0.75},
	{"Costco Gas", "COSTCO GAS #0123", -5210, Transportation, "costco gas", 0.75},
	{"Parkhaus Mitte", "Parkhaus Mitte", -600, Transportation, "parkhaus", 0.6},
	// Travel.
	{"Delta Air Lines", "DELTA AIR 0062345678901 ATLANTA", -45600, Travel, "delta air lines", 0.75},
	{"Marriott", "MARRIOTT SAN FRANCISCO", -32100, Travel, "marriott", 0.75},
	{"Ryanair", "RYANAIR 1234567", -8999, Travel, "ryanair", 0.75},
	{"Airbnb", "AIRBNB * HMABCDE1", -54000, Travel, "airbnb", 0.75},
	{"Sixt", "SIXT AUTOVERMIETUNG", -12000, Travel, "sixt", 0.75},
	// Rent and utilities.
	{"Comcast", "ACH DEBIT COMCAST CABLE", -8999, RentAndUtilities, "comcast", 0.75},
	{"PG&E", "PGANDE WEB ONLINE", -11200, RentAndUtilities, "pg&e", 0.75},
	{"Thames Water", "DIRECT DEBIT PAYMENT TO THAMES WATER REF 123456789", -3500, RentAndUtilities, "thames water", 0.75},
	{"Vodafone", "SEPA-Lastschrift Vodafone GmbH", -3999, RentAndUtilities, "vodafone", 0.75},
	{"Hausverwaltung Meyer", "Dauerauftrag Miete Juli", -95000, RentAndUtilities, "miete", 0.6},
	{"Jane Doe", "STANDING ORDER TO JANE DOE", -10000, TransferOut, "standing order", 0.6},
	{"Greenwood Apartments", "GREENWOOD APTS RENT PAYMENT", -180000, RentAndUtilities, "rent payment", 0.75},
}

func TestLexiconMatches(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range lexCases {
		m, ok := MatchLexicon(tc.merchant, tc.description, tc.amount)
		if !ok {
			t.Errorf("MatchLexicon(%q, %q, %d): no match, want %s", tc.merchant, tc.description, tc.amount, tc.category)
			continue
		}
		want := LexiconMatch{Category: tc.category, Confidence: tc.confidence, Keyword: tc.keyword, Kind: m.Kind}
		if m != want {
			t.Errorf("MatchLexicon(%q, %q, %d) = %+v, want %+v", tc.merchant, tc.description, tc.amount, m, want)
		}
		if (m.Kind == LexiconPhrase) != (tc.confidence == lexBrandConfidence) {
			t.Errorf("MatchLexicon(%q): kind %d with confidence %v", tc.description, m.Kind, m.Confidence)
		}
		covered[m.Category] = true
	}
	for _, c := range SystemCategories {
		if !covered[c] {
			t.Errorf("no test case for %s", c)
		}
	}
}

// TestLexiconDirection checks keywords whose category depends on the sign.
func TestLexiconDirection(t *testing.T) {
	cases := []struct {
		desc          string
		amount        int64
		category      string
		wantMatch     bool
		wantKeywordIn string
	}{
		{"ZELLE FROM JANE DOE", 2500, TransferIn, true, "zelle"},
		{"ZELLE TO JANE DOE", -2500, TransferOut, true, "zelle"},
		{"INTEREST EARNED", 42, Income, true, "interest earned"},
		{"INTEREST", -4200, BankFees, true, "interest"},
		{"IRS TREAS 310", 99000, Income, true, "irs treas"},
		{"IRS USATAXPYMT", -99000, GovernmentAndNonProfit, true, "irs"},
		{"ACME PAYROLL", 100000, Income, true, "payroll"},
		{"ACME PAYROLL", -100000, "", false, ""}, // a salary going out is not ours
		{"DEPOSIT", 1000, TransferIn, true, "deposit"},
		{"DEPOSIT", 0, "", false, ""}, // zero counts as money out
	}
	for _, tc := range cases {
		m, ok := MatchLexicon("", tc.desc, tc.amount)
		if ok != tc.wantMatch || m.Category != tc.category || m.Keyword != tc.wantKeywordIn {
			t.Errorf("MatchLexicon(%q, %d) = %+v, %v; want %s by %q", tc.desc, tc.amount, m, ok, tc.category, tc.wantKeywordIn)
		}
	}
}

// TestLexiconLongestWins checks that specific phrases beat the words in them.
func TestLexiconLongestWins(t *testing.T) {
	cases := []struct {
		merchant, desc string
		category       string
	}{
		{"Uber Eats", "", FoodAndDrink},        // not "uber"
		{"Costco Gas", "", Transportation},     // not "costco"
		{"Costco Pharmacy", "", Medical},       // not "costco"
		{"Tesco Mobile", "", RentAndUtilities}, // not "tesco"
		{"Apple Music", "", Entertainment},     // not "apple"
		{"ATM Fee", "", BankFees},              // not "atm"
		{"Wire Transfer Fee", "", BankFees},    // not "wire transfer"
		{"Shell Energy", "", RentAndUtilities}, // not "shell"
		{"Enterprise Rent-A-Car", "", Travel},  // not "rent"
		{"Amazon Web Services", "", GeneralServices},
		{"Travel Insurance Direct", "", GeneralServices},
		// The merchant is preferred over the description at equal length.
		{"Netflix", "PAYPAL *NETFLIX.COM SHELL", Entertainment},
	}
	for _, tc := range cases {
		m, ok := MatchLexicon(tc.merchant, tc.desc, -1000)
		if !ok || m.Category != tc.category {
			t.Errorf("MatchLexicon(%q, %q) = %+v, %v; want %s", tc.merchant, tc.desc, m, ok, tc.category)
		}
	}
}

func TestLexiconNoMatch(t *testing.T) {
	cases := [][2]string{
		{"", ""},
		{"Xqzw", "XQZW 88812"},
		{"Acme Holdings", "ACME HOLDINGS 12345"},
		{"Shellfish Shack Inc", "SHELLFISHSHACK"}, // whole words only
		{"Targeted Ads", "TARGETEDADS"},
	}
	for _, tc := range cases {
		if m, ok := MatchLexicon(tc[0], tc[1], -1000); ok {
			t.Errorf("MatchLexicon(%q, %q) = %+v, want no match", tc[0], tc[1], m)
		}
	}
}

// TestLexiconNoConflicts keeps each keyword in one place: lexBuild keeps
// the first placement of a duplicate silently.
func TestLexiconNoConflicts(t *testing.T) {
	valid := map[string]bool{"": true}
	for _, c := range SystemCategories {
		valid[c] = true
	}
	seen := map[string]string{}
	n := 0
	for _, g := range lexGroups {
		if !valid[g.in] || !valid[g.out] || (g.in == "" && g.out == "") {
			t.Errorf("group with invalid categories %q/%q", g.in, g.out)
		}
		for _, kw := range strings.Split(g.words, ",") {
			kw = strings.Join(strings.Fields(kw), " ")
			key := strings.Join(kb.Tokens(kw), " ")
			if key == "" {
				t.Errorf("empty keyword in %s/%s group", g.in, g.out)
				continue
			}
			if prev, dup := seen[key]; dup {
				t.Errorf("keyword %q listed twice (also as %q)", kw, prev)
			}
			seen[key] = kw
			n++
		}
	}
	if n < 300 {
		t.Errorf("lexicon has %d keywords, want several hundred", n)
	}
}

func BenchmarkLexiconMatch(b *testing.B) {
	for b.Loop() {
		for _, tc := range lexCases {
			MatchLexicon(tc.merchant, tc.description, tc.amount)
		}
	}
}
