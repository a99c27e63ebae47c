// Command gendata writes the labelled evaluation set for the transaction
// categorizer:
//
//	go run ./eval/gendata -out eval/testdata/categorize.csv -rows 600 -seed 1
//
// The output is a CSV with the header date,description,amount,currency,label,
// one bank-statement line per row, in date order over six months (by default
// 2025-01-01 to 2025-06-30). The label is one of Plaid's 16 primary
// personal-finance categories.
//
// # How rows are made
//
// Three invented people each have their own bank accounts and habits:
//
//   - a US person in Austin, TX, paid in USD (biweekly payroll, rent, car
//     loan, student loan, credit-card autopay). Card lines use the export
//     styles of several US banks: "CHECKCARD 0114 ... 2469216...", "PURCHASE
//     AUTHORIZED ON 01/14 ... CARD 4821", "Card Purchase 01/14 ...", "POS
//     PURCHASE", "DEBIT CARD PURCHASE - ..."; ACH lines look like
//     "NAME DES:PAYROLL ID:... INDN:... CO ID:... PPD" or
//     "ORIG CO NAME:... CO ENTRY DESCR:...".
//   - a UK person in London, paid in GBP (monthly BGC salary, standing-order
//     rent, direct debits for energy, water, broadband, council tax, TV
//     licence). Card lines look like "CARD PAYMENT TO ... ON 14-01-2025",
//     "CONTACTLESS PAYMENT ...", ")))  ...", "4821 14JAN25 C , ... , LONDON GB".
//   - a EUR person living in Aachen (DE), working across the border in
//     Maastricht (NL), with family in Lyon (FR). Each merchant belongs to one
//     country and is printed in that country's bank style: German
//     "Kartenzahlung girocard ...//Aachen/DE ...", "Lastschrift ... EREF: ...
//     MREF: ... CRED: ...", "SEPA-Überweisung an ..."; French "CB ... 14/01",
//     "FACTURE CARTE DU 140125 ...", "PRLV SEPA ...", "VIR SEPA RECU /DE ...";
//     Dutch "PIN betaling ...", "BEA, Betaalpas ...", iDEAL "/TRTP/iDEAL/...",
//     "SEPA Incasso algemeen doorlopend ...".
//
// Every merchant is a small spec: its label, its country, how it is paid
// (card, online card, direct debit, incoming credit, or a free-form line), a
// name template with store numbers, reference numbers, dates and card masks,
// an amount range in integer cents, and either a schedule (monthly on a day,
// biweekly, only in some months) or a weight for free-form draws. Store
// numbers come from a small per-merchant pool (people go back to the same
// few shops) with an occasional new one; mandate and contract references that
// stay fixed in real life ("{=...}" in a template) are fixed per merchant.
// Card lines carry the transaction date, one to two days before the posting
// date, as real statements do.
//
// Generation: every scheduled item (salary, rent, utilities, subscriptions,
// loans, savings transfers, bank charges) is placed first, moved off weekends
// the way banks do (credits to the Friday before, debits to the Monday after);
// for a small -rows, where they would be more than 45% of the rows, a random
// subset of them is kept. The remaining rows are split evenly between the
// three people. Each person's share is divided between labels in proportion
// to the weights of that person's free-form merchants (largest remainder, so
// the label mix does not depend on sampling luck); within a label, merchants
// are drawn by weight, on uniformly random days. Single-use merchants
// ("once") appear at most once. A last step makes sure every label has at
// least -min rows (at most rows/32 for a small -rows) by replacing free-form
// rows of the most common label with draws from the short label's merchants.
// The result is sorted by date (stable) and written out. The same -seed gives
// byte-identical output.
//
// Amounts are integer cents throughout, printed as decimal strings with two
// decimals: negative is money out, positive is money in (salary, transfers
// in, refunds).
//
// Deliberate noise: merchants that appear once (a flea market, a vet, a one-off
// hotel), merchants with several labels behind the same brand (UBER *TRIP is
// TRANSPORTATION and UBER *EATS is FOOD_AND_DRINK; COSTCO WHSE is
// GENERAL_MERCHANDISE and COSTCO GAS is TRANSPORTATION; AMAZON household buys
// are GENERAL_MERCHANDISE and Prime Video is ENTERTAINMENT; PayPal lines hide
// shops, Spotify and eBay alike), refunds with a positive amount under a
// spending label, and drugstores split between MEDICAL (pharmacies) and
// PERSONAL_CARE (dm, Rossmann, Superdrug, Kruidvat).
//
// # Why it is independent of the classifier
//
// The merchant names, bank-line formats and labels below were written from
// general knowledge of real US, UK, German, French and Dutch bank statements
// and of Plaid's category definitions (for example pharmacies are MEDICAL,
// gyms are PERSONAL_CARE, insurance and postage are GENERAL_SERVICES, phone
// and internet are RENT_AND_UTILITIES, credit-card payments are
// LOAN_PAYMENTS, ATM withdrawals are TRANSFER_OUT, taxes, fines and
// donations are GOVERNMENT_AND_NON_PROFIT). They were not taken from, nor
// checked against, the categorizer's lexicon, merchant tables or seed data,
// and the classifier was never run while writing them: nothing here is tuned
// to what the system under test happens to know.
package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Plaid primary categories.
const (
	INCOME = "INCOME"
	TIN    = "TRANSFER_IN"
	TOUT   = "TRANSFER_OUT"
	LOAN   = "LOAN_PAYMENTS"
	FEES   = "BANK_FEES"
	ENT    = "ENTERTAINMENT"
	FOOD   = "FOOD_AND_DRINK"
	GM     = "GENERAL_MERCHANDISE"
	HOME   = "HOME_IMPROVEMENT"
	MED    = "MEDICAL"
	PC     = "PERSONAL_CARE"
	GS     = "GENERAL_SERVICES"
	GOV    = "GOVERNMENT_AND_NON_PROFIT"
	TRANS  = "TRANSPORTATION"
	TRAVEL = "TRAVEL"
	RENT   = "RENT_AND_UTILITIES"
)

// Labels lists the 16 primary categories.
var Labels = []string{INCOME, TIN, TOUT, LOAN, FEES, ENT, FOOD, GM, HOME, MED, PC, GS, GOV, TRANS, TRAVEL, RENT}

func main() {
	out := flag.String("out", "-", "output CSV file (- for stdout)")
	rows := flag.Int("rows", 600, "number of rows")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same file")
	minPer := flag.Int("min", 10, "minimum rows per label")
	startS := flag.String("start", "2025-01-01", "first day (YYYY-MM-DD); the set covers six months")
	flag.Parse()

	start, err := time.Parse(time.DateOnly, *startS)
	if err != nil {
		fatal(fmt.Errorf("-start: %w", err))
	}
	if *rows <= 0 {
		fatal(errors.New("-rows must be positive"))
	}
	recs := generate(config{rows: *rows, seed: *seed, minPerLabel: *minPer, start: start})

	var buf bytes.Buffer
	if err := writeCSV(&buf, recs); err != nil {
		fatal(err)
	}
	if *out == "-" {
		_, err = os.Stdout.Write(buf.Bytes())
	} else {
		err = os.WriteFile(*out, buf.Bytes(), 0o644)
	}
	if err != nil {
		fatal(err)
	}

	counts := map[string]int{}
	for _, r := range recs {
		counts[r.label]++
	}
	fmt.Fprintf(os.Stderr, "wrote %d rows (%s .. %s) to %s\n", len(recs),
		recs[0].date.Format(time.DateOnly), recs[len(recs)-1].date.Format(time.DateOnly), *out)
	keys := slices.SortedFunc(func(yield func(string) bool) {
		for k := range counts {
			if !yield(k) {
				return
			}
		}
	}, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a, b)) })
	for _, k := range keys {
		fmt.Fprintf(os.Stderr, "  %-26s %4d  %5.1f%%\n", k, counts[k], 100*float64(counts[k])/float64(len(recs)))
	}
	if want := effectiveMin(*minPer, *rows); want < *minPer {
		fmt.Fprintf(os.Stderr, "warning: %d rows are too few for %d per label; aimed for %d\n", *rows, *minPer, want)
	}
	for _, l := range Labels {
		if counts[l] < *minPer {
			fmt.Fprintf(os.Stderr, "warning: %s has only %d rows (want %d)\n", l, counts[l], *minPer)
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "gendata:", err)
	os.Exit(1)
}

// ---------------------------------------------------------------------------
// Merchant specs

type locale int

const (
	us locale = iota
	uk
	de
	fr
	nl
)

type channel int

const (
	card   channel = iota // card present: the bank adds its card prefix and the city
	online                // card not present: the location is the merchant's own (url, phone); iDEAL in NL
	debit                 // direct debit / ACH debit / Lastschrift / PRLV / incasso: name + purpose
	credit                // incoming credit: name + purpose
	raw                   // the template is the whole line
)

type merchant struct {
	label  string
	loc    locale
	ch     channel
	name   string // template
	where  string // location for card/online lines; "" = the person's city
	tag    string // purpose/reference for debit and credit lines
	lo, hi int64  // amount range in cents (absolute value)
	in     bool   // money in
	w      float64
	refund float64 // probability that a free-form draw is a refund (money in)
	step   int64   // round the amount to a multiple of step cents (cash)
	once   bool

	// schedule; day == 0 means free-form
	day    int   // day of month (clamped to month end)
	every  int   // if > 0: every this many days starting on day `day` of the first month
	months []int // months (1-12) when it may occur; nil = any
}

func mk(loc locale, label string, ch channel, name string, lo, hi int64, w float64) merchant {
	return merchant{label: label, loc: loc, ch: ch, name: name, lo: lo, hi: hi, w: w}
}

func (m merchant) at(where string) merchant    { m.where = where; return m }
func (m merchant) purpose(tag string) merchant { m.tag = tag; return m }
func (m merchant) monthly(day int) merchant    { m.day = day; return m }
func (m merchant) biweekly(first int) merchant { m.day, m.every = first, 14; return m }
func (m merchant) inMonths(ms ...int) merchant { m.months = ms; return m }
func (m merchant) single() merchant            { m.once = true; return m }
func (m merchant) moneyIn() merchant           { m.in = true; return m }
func (m merchant) refunds(p float64) merchant  { m.refund = p; return m }
func (m merchant) roundTo(step int64) merchant { m.step = step; return m }
func (m merchant) scheduled() bool             { return m.day > 0 }

// Constructors per locale: buy = card present, web = card not present,
// dd = direct debit, cr = credit, txt = free-form line.
type L struct{ loc locale }

func (l L) buy(label, name string, lo, hi int64, w float64) merchant {
	return mk(l.loc, label, card, name, lo, hi, w)
}
func (l L) web(label, name, where string, lo, hi int64, w float64) merchant {
	return mk(l.loc, label, online, name, lo, hi, w).at(where)
}
func (l L) dd(label, name, tag string, lo, hi int64, w float64) merchant {
	return mk(l.loc, label, debit, name, lo, hi, w).purpose(tag)
}
func (l L) cr(label, name, tag string, lo, hi int64, w float64) merchant {
	return mk(l.loc, label, credit, name, lo, hi, w).purpose(tag).moneyIn()
}
func (l L) txt(label, line string, lo, hi int64, w float64) merchant {
	return mk(l.loc, label, raw, line, lo, hi, w)
}

type persona struct {
	name      string
	currency  string
	merchants []merchant
}

func personas() []persona {
	US, UK, DE, FR, NL := L{us}, L{uk}, L{de}, L{fr}, L{nl}
	usTravel := "{DENVER CO|CHICAGO IL|SAN DIEGO CA|NASHVILLE TN}"

	usa := persona{name: "us", currency: "USD", merchants: []merchant{
		// scheduled
		US.cr(INCOME, "NORTHSTAR ANALYT", "PAYROLL", 324562, 331874, 0).biweekly(3),
		US.dd(RENT, "GREYSTAR", "WEB PMTS", 185000, 185000, 0).monthly(1),
		US.dd(RENT, "CITY OF AUSTIN", "UTIL PYMT", 9400, 21800, 0).monthly(12),
		US.web(RENT, "SPECTRUM", "855-707-7328 MO", 7499, 7499, 0).monthly(18),
		US.web(RENT, "TMOBILE*AUTO PAY", "800-937-8997 WA", 8500, 8500, 0).monthly(22),
		US.web(ENT, "NETFLIX.COM", "NETFLIX.COM CA", 1799, 1799, 0).monthly(9),
		US.web(ENT, "SPOTIFY P{A9}", "NEW YORK NY", 1199, 1199, 0).monthly(14),
		US.web(PC, "PLANET FITNESS", "844-880-7180 NH", 1500, 1500, 0).monthly(17),
		US.web(GS, "GEICO *AUTO", "800-841-3000 DC", 13812, 13812, 0).monthly(5),
		US.dd(LOAN, "TOYOTA FINANCIAL", "ONLINE PMT", 41237, 41237, 0).monthly(20),
		US.dd(LOAN, "NELNET", "NELNET LN", 28700, 28700, 0).monthly(25),
		US.dd(LOAN, "CHASE CREDIT CRD", "AUTOPAY", 24000, 168000, 0).monthly(27),
		US.txt(TOUT, "ONLINE BANKING TRANSFER TO SAV 7731 CONFIRMATION# {d10}", 50000, 50000, 0).monthly(2),
		US.web(GOV, "ALSAC ST JUDE", "800-822-6344 TN", 2500, 2500, 0).monthly(15),

		// food and drink
		US.buy(FOOD, "H-E-B #{#3}", 1800, 16500, 9),
		US.buy(FOOD, "TRADER JOE S #{#3}", 1500, 9500, 5),
		US.buy(FOOD, "WHOLEFDS LMR {#5}", 1200, 12000, 3),
		US.buy(FOOD, "STARBUCKS STORE {#5}", 375, 1250, 6),
		US.buy(FOOD, "SQ *JO'S COFFEE", 400, 1400, 2),
		US.buy(FOOD, "TST* TORCHYS TACOS {#3}", 1100, 3200, 2.5),
		US.buy(FOOD, "CHIPOTLE {#4}", 950, 2100, 3),
		US.buy(FOOD, "MCDONALD'S F{#5}", 450, 1600, 1.5),
		US.buy(FOOD, "CHICK-FIL-A #{#5}", 700, 2200, 1.5),
		US.web(FOOD, "DOORDASH*{PHO DANH|RAMEN TATSU-YA|VIA 313 PIZZA|TAM DELI}", "WWW.DOORDASH. CA", 1800, 5200, 3.5),
		US.web(FOOD, "UBER   *EATS", "HELP.UBER.COM CA", 1500, 4200, 1.5),
		US.buy(FOOD, "SPROUTS FARMERS MKT #{#3}", 1500, 8000, 1.5),
		US.buy(FOOD, "SQ *VERACRUZ ALL NATURA", 900, 2400, 1.5),
		US.buy(FOOD, "TST* ODD DUCK", 4500, 12000, 0.7),
		US.buy(FOOD, "TST* LA BARBECUE", 2500, 6000, 0.8).single(),
		US.buy(FOOD, "SQ *MUELLER FARMERS MKT", 1000, 4000, 0.6).single(),

		// general merchandise
		US.web(GM, "AMAZON.COM*{A9}", "AMZN.COM/BILL WA", 899, 8999, 4.5).refunds(0.1),
		US.web(GM, "AMZN Mktp US*{A9}", "Amzn.com/bill WA", 699, 5999, 4.5).refunds(0.08),
		US.buy(GM, "TARGET        000{#5}", 1200, 14000, 3.5),
		US.buy(GM, "WAL-MART #{#4}", 1000, 12000, 2.5),
		US.buy(GM, "COSTCO WHSE #{#4}", 4500, 32000, 2),
		US.buy(GM, "BEST BUY      0000{#4}", 1500, 45000, 0.8),
		US.buy(GM, "TJ MAXX #{#4}", 1500, 9000, 0.8),
		US.buy(GM, "7-ELEVEN {#5}", 250, 1500, 1.2),
		US.buy(GM, "DOLLAR TREE", 300, 2500, 0.6),
		US.web(GM, "ETSY.COM - {OAKANDIRONCO|PAPERMOONPRESS|TEXASCLAYWORKS}", "BROOKLYN NY", 1500, 6000, 0.6),
		US.web(GM, "EBAY O*{d2}-{d5}-{d5}", "SAN JOSE CA", 1000, 9000, 0.5),
		US.buy(GM, "ACADEMY SPORTS #{#3}", 2000, 12000, 0.4),
		US.web(GM, "PAYPAL *RETROVINYLCO", "402-935-7733 CA", 2500, 4500, 0.6).single(),
		US.buy(GM, "SQ *EAST AUSTIN FLEA", 1000, 5000, 0.6).single(),

		// transportation
		US.buy(TRANS, "SHELL OIL {#11}", 2500, 6200, 4),
		US.buy(TRANS, "CHEVRON {#7}", 2500, 6000, 1.3),
		US.buy(TRANS, "EXXONMOBIL {#4}", 2500, 6000, 1.2),
		US.buy(TRANS, "COSTCO GAS #{#4}", 3000, 6500, 1.5),
		US.web(TRANS, "UBER   *TRIP", "HELP.UBER.COM CA", 900, 4800, 3.5),
		US.web(TRANS, "LYFT   *RIDE {dow} {h12}", "LYFT.COM CA", 900, 4200, 1.5),
		US.web(TRANS, "PARKMOBILE", "877-727-5758 GA", 150, 1800, 1),
		US.web(TRANS, "CAPMETRO", "AUSTIN TX", 125, 500, 0.8),
		US.web(TRANS, "TXTAG CSC", "888-468-9824 TX", 1000, 4000, 0.7),
		US.buy(TRANS, "AUSTIN BERGSTROM INTL PARKING", 3600, 7200, 0.5).single(),

		// medical
		US.buy(MED, "CVS/PHARMACY #{#5}", 600, 4500, 1.8),
		US.buy(MED, "WALGREENS #{#5}", 600, 4000, 1),
		US.web(MED, "AUSTIN REGIONAL CLINIC", "512-272-4636 TX", 2500, 15000, 0.7),
		US.web(MED, "QUEST DIAGNOSTICS", "866-697-8378 NJ", 2000, 12000, 0.3),
		US.buy(MED, "VCA ANIMAL HOSP {#3}", 8000, 25000, 0.4).single(),

		// home improvement
		US.buy(HOME, "THE HOME DEPOT #{#4}", 900, 24000, 1.5),
		US.buy(HOME, "LOWE'S #{#4}", 900, 18000, 0.9),
		US.buy(HOME, "IKEA ROUND ROCK", 2500, 40000, 0.4),
		US.web(HOME, "WAYFAIR*WAYFAIR", "WAYFAIR.COM MA", 3000, 30000, 0.4),
		US.buy(HOME, "BREED & CO", 800, 9000, 0.3),

		// travel
		US.web(TRAVEL, "SOUTHWEST {d10}", "800-435-9792 TX", 12000, 48000, 1),
		US.web(TRAVEL, "DELTA AIR {d13}", "DELTA.COM GA", 18000, 60000, 0.4),
		US.web(TRAVEL, "UNITED {d13}", "800-932-2732 TX", 15000, 50000, 0.3),
		US.web(TRAVEL, "AIRBNB * HM{A8}", "415-800-5959 CA", 18000, 90000, 0.6),
		US.buy(TRAVEL, "COURTYARD BY MARRIOTT", 15000, 60000, 0.5).at(usTravel),
		US.buy(TRAVEL, "HAMPTON INN & SUITES", 12000, 45000, 0.4).at(usTravel),
		US.web(TRAVEL, "EXPEDIA {d13}", "EXPEDIA.COM WA", 10000, 70000, 0.3),
		US.buy(TRAVEL, "HERTZ RENT-A-CAR", 9000, 40000, 0.2).at(usTravel),
		US.web(TRAVEL, "DOLLAR RENT A CAR", "800-800-4000 OK", 12000, 30000, 0.4).single(),

		// transfers
		US.txt(TIN, `Zelle payment from {friend} for "{what}"; Conf# {x9}`, 1000, 25000, 1.8).moneyIn(),
		US.txt(TIN, "VENMO DES:CASHOUT ID:{d10} INDN:{holder} CO ID:{d10} PPD", 1500, 30000, 1).moneyIn(),
		US.txt(TIN, "ONLINE BANKING TRANSFER FROM SAV 7731 CONFIRMATION# {d10}", 5000, 80000, 0.5).moneyIn(),
		US.txt(TOUT, `Zelle payment to {friend} for "{what}"; Conf# {x9}`, 1500, 30000, 1.2),
		US.txt(TOUT, "VENMO DES:PAYMENT ID:{d10} INDN:{holder} CO ID:{d10} WEB", 800, 12000, 1),
		US.txt(TOUT, "ATM WITHDRAWAL {d6} {mm/dd} {d4} {S CONGRESS AVE|E 6TH ST|N LAMAR BLVD} AUSTIN TX", 4000, 20000, 0.8).roundTo(2000),

		// entertainment
		US.web(ENT, "AMC {#4} ONLINE", "913-213-2000 KS", 1200, 4200, 0.6),
		US.web(ENT, "TICKETMASTER", "800-653-8000 CA", 4500, 25000, 0.5),
		US.web(ENT, "STEAMGAMES.COM {d10}", "WA", 499, 5999, 0.5),
		US.web(ENT, "APPLE.COM/BILL", "866-712-7753 CA", 99, 1499, 0.8),
		US.buy(ENT, "ALAMO DRAFTHOUSE {SOUTH LAMAR|MUELLER|VILLAGE}", 1800, 5500, 0.4),
		US.web(ENT, "Prime Video *{A9}", "888-802-3080 WA", 399, 1999, 0.3),
		US.buy(ENT, "SQ *BARTON SPRINGS POOL", 500, 900, 0.5).single(),

		// personal care
		US.buy(PC, "GREAT CLIPS #{#4}", 1800, 3500, 0.8),
		US.buy(PC, "SQ *SOUTH CONGRESS BARBE", 2500, 5000, 0.6),
		US.buy(PC, "SQ *CLEAN SWEEP DRY CLN", 1200, 4000, 0.4),
		US.buy(PC, "MASSAGE ENVY {#4}", 8000, 12000, 0.3).single(),

		// general services
		US.buy(GS, "USPS PO {#10}", 80, 2500, 0.5),
		US.buy(GS, "THE UPS STORE {#4}", 900, 4500, 0.3),
		US.buy(GS, "JIFFY LUBE #{#4}", 5000, 12000, 0.4),
		US.web(GS, "H&R BLOCK", "800-472-5625 MO", 4500, 19000, 0.4).inMonths(2, 3, 4).single(),

		// bank fees
		US.txt(FEES, "MONTHLY MAINTENANCE FEE", 1200, 1200, 0.4),
		US.txt(FEES, "NON-BANK ATM FEE-WITHDRAWAL", 300, 300, 0.3),
		US.txt(FEES, "INTERNATIONAL TRANSACTION FEE", 15, 250, 0.2),
		US.txt(FEES, "OVERDRAFT ITEM FEE", 3500, 3500, 0.15),

		// government and non-profit
		US.txt(GOV, "IRS DES:USATAXPYMT ID:{d15} INDN:{holder} CO ID:{d10} CCD", 30000, 150000, 0.5).inMonths(4).single(),
		US.web(GOV, "AMERICAN RED CROSS", "800-733-2767 DC", 2500, 10000, 0.3),
		US.web(GOV, "GOFUNDME {HELP THE RIVERAS|COACH MIKES RECOVERY}", "GOFUNDME.COM CA", 2500, 10000, 0.3),
		US.buy(GOV, "TX DPS DRIVER LICENSE", 3300, 3300, 0.3).single(),
		US.web(GOV, "TRAVIS COUNTY TAX OFFICE", "512-854-9473 TX", 7475, 7475, 0.3).single(),

		// income, loans
		US.txt(INCOME, "IRS TREAS 310 DES:TAX REF ID:{A15} INDN:{holder} CO ID:{d10} PPD", 85000, 240000, 0.5).inMonths(3, 4).single().moneyIn(),
		US.cr(INCOME, "UPWORK ESCROW INC", "PAYMENT", 20000, 90000, 0.4),
		US.txt(INCOME, "INTEREST EARNED", 5, 200, 0.3).moneyIn(),
		US.web(LOAN, "AFFIRM *PAY {A6}", "AFFIRM.COM CA", 2500, 15000, 0.5),
	}}

	ukTravel := "{EDINBURGH|MANCHESTER|YORK|BRIGHTON}"
	gb := persona{name: "uk", currency: "GBP", merchants: []merchant{
		// scheduled
		UK.cr(INCOME, "NORTHWIND DIGITAL LTD", "SALARY", 268420, 268420, 0).monthly(25),
		UK.txt(RENT, "STANDING ORDER TO FOXTONS LTD REF FLAT 3 14 ELM RD RENT", 165000, 165000, 0).monthly(1),
		UK.dd(RENT, "OCTOPUS ENERGY", "A-{=x8}", 8500, 8500, 0).monthly(8),
		UK.dd(RENT, "THAMES WATER", "{=d10}", 3850, 3850, 0).monthly(15),
		UK.dd(RENT, "VIRGIN MEDIA", "{=d9}", 4200, 4500, 0).monthly(3),
		UK.dd(RENT, "EE LIMITED", "{=A10}", 2400, 2400, 0).monthly(18),
		UK.dd(GOV, "LB HACKNEY", "COUNCIL TAX {=d8}", 15210, 15210, 0).monthly(1).inMonths(1, 4, 5, 6),
		UK.dd(GOV, "TV LICENCE MBP", "{=d10}", 1454, 1454, 0).monthly(20),
		UK.dd(PC, "PUREGYM LTD", "{=d8}", 2499, 2499, 0).monthly(2),
		UK.dd(GS, "AVIVA INSURANCE LTD", "{=A10}", 1150, 1150, 0).monthly(10),
		UK.dd(LOAN, "BARCLAYCARD", "4929XXXXXXXX{=d4}", 8000, 60000, 0).monthly(12),
		UK.web(ENT, "NETFLIX.COM", "AMSTERDAM", 1299, 1299, 0).monthly(6),
		UK.txt(TOUT, "STANDING ORDER TO S TAYLOR REF SAVINGS", 30000, 30000, 0).monthly(26),

		// food and drink
		UK.buy(FOOD, "TESCO STORES {#4}", 800, 7500, 7),
		UK.buy(FOOD, "SAINSBURYS S/MKTS", 900, 8000, 4.5),
		UK.buy(FOOD, "LIDL GB", 900, 5500, 2),
		UK.buy(FOOD, "ALDI {#3}", 900, 5000, 1.5),
		UK.buy(FOOD, "WAITROSE {#3}", 1200, 9000, 1),
		UK.buy(FOOD, "M&S SIMPLY FOOD", 500, 4000, 1.5),
		UK.buy(FOOD, "CO-OP GROUP {#6}", 300, 2500, 1.2),
		UK.buy(FOOD, "PRET A MANGER", 350, 1200, 4.5),
		UK.buy(FOOD, "GREGGS PLC", 150, 700, 1.8),
		UK.buy(FOOD, "COSTA COFFEE {#5}", 300, 900, 2.5),
		UK.buy(FOOD, "CAFFE NERO {#3}", 300, 900, 1),
		UK.buy(FOOD, "NANDOS {DALSTON|ANGEL|SHOREDITCH}", 1500, 4500, 1),
		UK.buy(FOOD, "WAGAMAMA {#3}", 1500, 4500, 0.8),
		UK.web(FOOD, "DELIVEROO", "LONDON", 1800, 4500, 3),
		UK.web(FOOD, "JUST EAT.CO.UK LTD", "LONDON", 1500, 4000, 1.5),
		UK.buy(FOOD, "J D WETHERSPOON", 700, 3500, 1.2),
		UK.buy(FOOD, "DISHOOM SHOREDITCH", 2500, 8000, 0.5).single(),
		UK.buy(FOOD, "SQ *MONMOUTH COFFEE", 300, 1200, 0.5).single(),

		// general merchandise
		UK.web(GM, "AMAZON.CO.UK*{A9}", "AMAZON.CO.UK", 700, 7000, 4).refunds(0.1),
		UK.web(GM, "AMZNMKTPLACE", "AMAZON.CO.UK", 600, 5000, 3.5),
		UK.buy(GM, "ARGOS LTD", 1000, 9000, 1),
		UK.buy(GM, "PRIMARK", 800, 5000, 1),
		UK.buy(GM, "JOHN LEWIS", 2000, 15000, 0.8),
		UK.buy(GM, "TK MAXX", 1000, 6000, 0.8),
		UK.web(GM, "NEXT RETAIL LTD", "ENDERBY", 1500, 9000, 0.6),
		UK.buy(GM, "CURRYS {#4}", 1500, 30000, 0.5),
		UK.buy(GM, "POUNDLAND LTD {#4}", 200, 2000, 0.6),
		UK.web(GM, "EBAY O*{d2}-{d5}-{d5}", "LUXEMBOURG", 800, 6000, 0.8),
		UK.buy(GM, "WHSMITH {LIVERPOOL ST|KINGS CROSS|EUSTON}", 300, 2500, 0.8),
		UK.buy(GM, "UNIQLO {#3}", 1500, 8000, 0.4),
		UK.web(GM, "VINTED", "VILNIUS", 500, 3000, 0.5),
		UK.web(GM, "PAYPAL *ASOS.COM", "35314369001", 1500, 8000, 0.6).refunds(0.2),
		UK.buy(GM, "SQ *COLUMBIA RD FLOWERS", 1000, 3000, 0.5).single(),
		UK.buy(GM, "WATERSTONES", 800, 3000, 0.5).single(),

		// transportation
		UK.web(TRANS, "TFL TRAVEL CH", "TFL.GOV.UK/CP", 280, 880, 8),
		UK.web(TRANS, "TRAINLINE", "EDINBURGH", 1200, 9000, 1.5),
		UK.web(TRANS, "UBER   *TRIP", "HELP.UBER.COM", 800, 3500, 2),
		UK.web(TRANS, "BOLT.EU/O/{d10}", "TALLINN", 700, 3000, 1),
		UK.web(TRANS, "LIME*RIDE", "SAN FRANCISCO", 150, 700, 1),
		UK.web(TRANS, "TFL SANTANDER CYCLES", "TFL.GOV.UK", 165, 330, 0.6),
		UK.web(TRANS, "RINGGO", "LONDON", 150, 900, 0.5),
		UK.buy(TRANS, "SHELL {HACKNEY|MARE ST}", 3000, 7000, 0.6),
		UK.web(TRANS, "ZIPCAR", "LONDON", 2000, 9000, 0.6),
		UK.buy(TRANS, "HEATHROW EXPRESS", 2500, 2500, 0.5).single(),

		// medical
		UK.buy(MED, "BOOTS {#4}", 300, 3500, 2),
		UK.buy(MED, "SPECSAVERS OPTICIANS", 2500, 15000, 0.4),
		UK.buy(MED, "BUPA DENTAL CARE", 4500, 22000, 0.6),
		UK.buy(MED, "LLOYDS PHARMACY", 300, 2500, 0.5),
		UK.web(MED, "PHARMACY2U", "LEEDS", 900, 3000, 0.3),
		UK.web(MED, "NHSBSA PPC", "NEWCASTLE", 3280, 3280, 0.4).single(),

		// home improvement
		UK.buy(HOME, "B & Q {#4}", 800, 12000, 1),
		UK.buy(HOME, "WICKES", 800, 9000, 0.5),
		UK.buy(HOME, "SCREWFIX DIRECT", 500, 6000, 0.5),
		UK.buy(HOME, "IKEA LTD", 2000, 30000, 0.5).at("WEMBLEY"),
		UK.buy(HOME, "DUNELM {#3}", 1000, 12000, 0.5),

		// travel
		UK.web(TRAVEL, "EASYJET {A7}", "LUTON", 3000, 25000, 0.7),
		UK.web(TRAVEL, "RYANAIR {A6}", "DUBLIN", 2000, 15000, 0.5),
		UK.web(TRAVEL, "BRITISH A {d13}", "HARMONDSWORTH", 8000, 45000, 0.3),
		UK.buy(TRAVEL, "PREMIER INN", 6000, 18000, 0.5).at(ukTravel),
		UK.web(TRAVEL, "BOOKING.COM", "AMSTERDAM", 7000, 40000, 0.8),
		UK.web(TRAVEL, "AIRBNB * HM{A8}", "LONDON", 10000, 60000, 0.4),
		UK.web(TRAVEL, "EUROSTAR INTERNATIONAL", "LONDON", 6000, 25000, 0.4),

		// transfers
		UK.txt(TIN, "{friend} {what} FPI", 1000, 20000, 1.5).moneyIn(),
		UK.txt(TIN, "FASTER PAYMENTS RECEIPT REF.{what} FROM {friend}", 1000, 20000, 0.8).moneyIn(),
		UK.txt(TIN, "PAYPAL PPWDL {d10}", 1500, 15000, 0.5).moneyIn(),
		UK.txt(TOUT, "{friend} {what} FPO", 1000, 25000, 1.2),
		UK.txt(TOUT, "CASH WITHDRAWAL AT {NATWEST|HSBC|LLOYDS BANK|BARCLAYS} {city} ON {dd-mm}", 2000, 10000, 1).roundTo(1000),
		UK.txt(TOUT, "WISE PAYMENTS LTD {A10}", 5000, 30000, 0.4),

		// entertainment
		UK.buy(ENT, "ODEON CINEMAS", 900, 3000, 0.7),
		UK.buy(ENT, "VUE BSL LTD", 900, 3000, 0.4),
		UK.web(ENT, "TICKETMASTER UK", "LONDON", 3000, 15000, 0.5),
		UK.web(ENT, "DICE.FM", "LONDON", 1200, 4500, 0.5),
		UK.web(ENT, "APPLE.COM/BILL", "ITUNES.COM", 79, 1499, 0.8),
		UK.web(ENT, "STEAMGAMES.COM {d10}", "BELLEVUE", 499, 4999, 0.3),
		UK.buy(ENT, "KEW GARDENS", 2300, 2300, 0.4).single(),
		UK.buy(ENT, "ZSL LONDON ZOO", 3300, 3300, 0.4).single(),

		// personal care
		UK.buy(PC, "SQ *HACKNEY BARBERS", 1500, 3000, 0.8),
		UK.buy(PC, "TONI&GUY {ISLINGTON|SOHO}", 4000, 9000, 0.3),
		UK.web(PC, "TREATWELL", "LONDON", 3000, 9000, 0.4),
		UK.buy(PC, "SUPERDRUG {#4}", 300, 2500, 0.5),

		// general services
		UK.buy(GS, "POST OFFICE COUNTER", 150, 1500, 0.5),
		UK.web(GS, "ROYAL MAIL GROUP LTD", "LONDON", 150, 900, 0.3),
		UK.buy(GS, "TIMPSON LTD", 800, 3000, 0.3),
		UK.web(GS, "BIG YELLOW SELF STORAGE", "BAGSHOT", 8000, 15000, 0.4).single(),
		UK.web(GS, "TASKRABBIT", "LONDON", 4000, 12000, 0.4).single(),

		// bank fees
		UK.txt(FEES, "NON-STERLING TRANSACTION FEE", 10, 300, 0.5),
		UK.txt(FEES, "ARRANGED OVERDRAFT INTEREST", 50, 1500, 0.3),
		UK.txt(FEES, "NON-STERLING CASH FEE", 150, 300, 0.2),

		// government and non-profit
		UK.web(GOV, "CANCER RESEARCH UK", "LONDON", 1000, 5000, 0.3),
		UK.web(GOV, "JUSTGIVING", "LONDON", 1000, 5000, 0.4),
		UK.txt(GOV, "HMRC GOV.UK SELF ASSESSMENT {=d10}K", 40000, 150000, 0.5).inMonths(1).single(),
		UK.web(GOV, "BRITISH RED CROSS", "LONDON", 1000, 3000, 0.3).single(),

		// income, loans
		UK.txt(INCOME, "INTEREST PAID", 5, 150, 0.4).moneyIn(),
		UK.web(LOAN, "KLARNA*{ASOS|ZARA|JD SPORTS}", "STOCKHOLM", 1000, 6000, 0.5),
	}}

	eu := persona{name: "eu", currency: "EUR", merchants: []merchant{
		// scheduled
		NL.cr(INCOME, "NORDHAVEN BV", "Salaris {mon} {yyyy}", 318500, 318500, 0).monthly(25),
		NL.cr(INCOME, "NORDHAVEN BV", "Vakantiegeld {yyyy}", 254800, 254800, 0).monthly(25).inMonths(5),
		DE.txt(RENT, "SEPA-Überweisung an Hausverwaltung Schmitz GmbH IBAN DE{=d20} Miete {mon} {yyyy} Whg. 3.OG li.", 98000, 98000, 0).monthly(1),
		DE.dd(RENT, "STAWAG Stadtwerke Aachen AG", "Abschlag Strom Vertragskonto {=d10}", 6400, 6400, 0).monthly(15),
		DE.dd(RENT, "Telekom Deutschland GmbH", "Kd-Nr. {=d10} RG {d12}/{dd.mm.yyyy}", 3995, 3995, 0).monthly(10),
		DE.dd(GOV, "Rundfunk ARD, ZDF, DRadio", "Beitragsnr. {=d9} Zeitraum {mon} {yyyy}", 5508, 5508, 0).monthly(15).inMonths(2, 5),
		DE.dd(GS, "HUK-COBURG", "Kfz-Versicherung VS-Nr. {=d12} {mon} {yyyy}", 4850, 4850, 0).monthly(1),
		NL.dd(GS, "Zilveren Kruis Zorgverzekeringen NV", "Premie {mon} {yyyy} Relatienr. {=d9}", 14850, 14850, 0).monthly(1),
		DE.dd(GS, "Allianz Versicherungs-AG", "Privathaftpflicht VS-Nr. {=A10} {yyyy}", 7200, 7200, 0).monthly(15).inMonths(1),
		FR.dd(GOV, "MEDECINS SANS FRONTIERES", "DON MENSUEL {=d8}", 1500, 1500, 0).monthly(10),
		DE.txt(TOUT, "Dauerauftrag an ALEX MARTIN Tagesgeld DE{=d20} Sparen", 25000, 25000, 0).monthly(27),
		NL.dd(LOAN, "DUO Hoofdrekening", "Termijn {mon} {yyyy} {=d12}", 8700, 8700, 0).monthly(24),
		NL.dd(PC, "Basic-Fit Nederland B.V.", "Lidmaatschap {=d8} {mon}", 2999, 2999, 0).monthly(4),
		DE.dd(ENT, "PayPal Europe S.a.r.l. et Cie S.C.A", "PP.{=d4}.PP . Spotify AB, Ihr Einkauf bei Spotify AB", 1099, 1099, 0).monthly(20),
		DE.txt(FEES, "Abschluss Entgelte Kontoführung {mm/yyyy}", 595, 595, 0).monthly(31),
		NL.txt(FEES, "Kosten OranjePakket {mon} {yyyy}", 390, 390, 0).monthly(1),

		// food and drink
		DE.buy(FOOD, "REWE SAGT DANKE. {#8}", 900, 9000, 5),
		DE.buy(FOOD, "REWE Markt GmbH", 900, 9000, 1.5),
		DE.buy(FOOD, "EDEKA Kempken", 800, 7000, 1.5),
		DE.buy(FOOD, "ALDI SUED", 800, 6000, 3),
		DE.buy(FOOD, "LIDL SAGT DANKE", 700, 5000, 1.5),
		DE.buy(FOOD, "Kaufland {#4}", 1200, 8000, 0.8),
		DE.buy(FOOD, "BAECKEREI NOBIS", 200, 900, 2.5),
		DE.web(FOOD, "Lieferando.de", "Berlin", 1800, 4500, 1.2),
		DE.buy(FOOD, "McDonalds {#4}", 600, 1800, 0.6),
		DE.buy(FOOD, "Cafe Van den Daele", 800, 2500, 0.4).single(),
		NL.buy(FOOD, "ALBERT HEIJN {#4}", 400, 6000, 3.5),
		NL.buy(FOOD, "Jumbo {Wyck|Brusselse Poort|Heer}", 500, 5000, 1.5),
		NL.web(FOOD, "Thuisbezorgd.nl", "Amsterdam", 1800, 4000, 0.8),
		NL.buy(FOOD, "Bisschopsmolen", 400, 1500, 0.4).single(),
		FR.buy(FOOD, "CARREFOUR {CITY|MARKET}", 800, 9000, 2),
		FR.buy(FOOD, "MONOPRIX", 600, 6000, 1),
		FR.buy(FOOD, "BOULANGERIE {DU PARC|SAINT-JEAN|LA FOURNEE}", 150, 1200, 1.8),
		FR.buy(FOOD, "E.LECLERC", 2000, 12000, 0.5),
		FR.buy(FOOD, "PAUL {#4}", 400, 1500, 0.4),

		// general merchandise
		DE.dd(GM, "AMAZON PAYMENTS EUROPE S.C.A.", "{d3}-{d7}-{d7} AMZN Mktp DE {A16}", 800, 8000, 2.5).refunds(0.1),
		DE.buy(GM, "MEDIA MARKT", 1500, 40000, 0.5),
		DE.dd(GM, "Zalando SE", "Bestellnr. {d14}", 2000, 12000, 0.7).refunds(0.3),
		DE.dd(GM, "PayPal Europe S.a.r.l. et Cie S.C.A", "PP.{=d4}.PP . Ihr Einkauf bei {eBay|Otto|Vinted|Etsy}", 800, 8000, 1.2),
		DE.buy(GM, "Thalia Buchhandlung", 800, 4000, 0.3),
		NL.buy(GM, "Action {#4}", 300, 3000, 0.8),
		NL.buy(GM, "HEMA", 300, 3000, 0.6),
		NL.web(GM, "bol.com", "Utrecht", 1000, 8000, 1),
		NL.web(GM, "Coolblue B.V.", "Rotterdam", 3000, 40000, 0.3),
		FR.buy(GM, "FNAC {BELLECOUR|PART DIEU}", 1000, 8000, 0.4),
		FR.buy(GM, "DECATHLON", 1000, 9000, 0.4),

		// transportation
		DE.buy(TRANS, "ARAL {Trierer Str.|Krefelder Str.}", 4000, 8500, 1.6),
		DE.buy(TRANS, "SHELL {#4}", 4000, 8500, 0.8),
		DE.web(TRANS, "DB Vertrieb GmbH", "Frankfurt", 600, 6500, 1.5),
		DE.buy(TRANS, "ASEAG", 330, 1200, 1.2),
		DE.buy(TRANS, "APCOA PARKING", 200, 1500, 0.5),
		NL.buy(TRANS, "NS-{Maastricht|Heerlen} {#3}", 500, 3000, 0.8),
		NL.buy(TRANS, "Arriva Personenvervoer", 300, 1500, 0.4),
		NL.buy(TRANS, "Q-Park Maastricht", 300, 2000, 0.3),
		FR.buy(TRANS, "TOTALENERGIES", 4000, 8000, 0.4),
		FR.web(TRANS, "SNCF CONNECT", "PARIS", 2500, 12000, 0.5),
		FR.buy(TRANS, "TCL VENTE", 200, 700, 0.3),
		FR.web(TRANS, "BLABLACAR", "PARIS", 900, 3500, 0.4).single(),

		// medical
		DE.buy(MED, "Apotheke am Elisenbrunnen", 400, 4000, 0.9),
		DE.buy(MED, "Adler-Apotheke", 400, 3000, 0.6),
		DE.txt(MED, "SEPA-Überweisung an Dr. med. dent. K. Weber Rechnung Nr. {d6}", 4000, 30000, 0.3),
		DE.buy(MED, "Fielmann AG & Co", 2000, 25000, 0.2),
		FR.buy(MED, "PHARMACIE DU {PARC|CENTRE}", 400, 3000, 0.5),
		NL.buy(MED, "BENU Apotheek", 400, 2500, 0.3),
		DE.dd(MED, "Uniklinik RWTH Aachen", "Rechnung {d10}", 5000, 20000, 0.3).single(),

		// personal care
		DE.buy(PC, "dm-drogerie markt", 300, 4000, 1.5),
		DE.buy(PC, "ROSSMANN {#4}", 300, 3000, 0.7),
		DE.buy(PC, "SumUp  *Salon Haarwerk", 2500, 6000, 0.5),
		NL.buy(PC, "Kruidvat {#4}", 300, 2500, 0.5),

		// general services
		DE.buy(GS, "DEUTSCHE POST AG FIL. {#3}", 100, 1800, 0.5),
		NL.web(GS, "PostNL", "Den Haag", 100, 1500, 0.3),
		FR.buy(GS, "LA POSTE", 150, 1500, 0.2),
		DE.buy(GS, "A.T.U Auto-Teile-Unger", 4000, 30000, 0.3),
		DE.buy(GS, "Mr. Wash Autoservice", 800, 2500, 0.2),

		// home improvement
		DE.buy(HOME, "OBI Markt {#3}", 800, 15000, 0.8),
		DE.buy(HOME, "BAUHAUS", 1000, 15000, 0.4),
		DE.buy(HOME, "HORNBACH", 1000, 20000, 0.4),
		NL.buy(HOME, "IKEA Heerlen", 2000, 30000, 0.5),
		NL.buy(HOME, "GAMMA {#3}", 800, 8000, 0.3),
		FR.buy(HOME, "LEROY MERLIN", 1000, 15000, 0.3),

		// travel
		DE.web(TRAVEL, "LUFTHANSA {d13}", "Frankfurt", 12000, 60000, 0.3),
		DE.web(TRAVEL, "EUROWINGS {A6}", "Koeln", 5000, 30000, 0.3),
		DE.web(TRAVEL, "Booking.com", "Amsterdam", 8000, 40000, 0.8),
		NL.web(TRAVEL, "KLM {d13}", "Amstelveen", 12000, 50000, 0.3),
		NL.web(TRAVEL, "Transavia", "Schiphol", 5000, 25000, 0.3),
		FR.buy(TRAVEL, "HOTEL IBIS", 6000, 15000, 0.4).at("{PARIS|MARSEILLE|ANNECY}"),
		DE.web(TRAVEL, "Airbnb * HM{A8}", "Dublin", 10000, 60000, 0.3),
		DE.buy(TRAVEL, "SIXT AUTOVERMIETUNG", 8000, 30000, 0.4).at("Muenchen").single(),

		// transfers
		DE.cr(TIN, "{friend}", "{what}", 1000, 20000, 1),
		NL.txt(TIN, "SEPA Overboeking IBAN: NL{d2}ABNA0{d9} BIC: ABNANL2A Naam: AAB INZ TIKKIE Omschrijving: Tikkie ID {d16}, {what}, Van {friend}", 500, 6000, 0.8).moneyIn(),
		FR.cr(TIN, "{friend}", "{what}", 1000, 15000, 0.6),
		DE.txt(TOUT, "SEPA-Überweisung an {friend} IBAN DE{d20} {what}", 1000, 30000, 0.8),
		DE.txt(TOUT, "Bargeldauszahlung GA NR{d8} BLZ39050000 {d1} {dd.mm}/{hh.mm}UHR Sparkasse Aachen", 4000, 20000, 0.8).roundTo(1000),
		NL.txt(TOUT, "/TRTP/iDEAL/IBAN/NL{d2}ABNA0{d9}/BIC/ABNANL2A/NAME/AAB INZ TIKKIE/REMI/Tikkie ID {d16} {what} {friend}/EREF/{d16}", 500, 5000, 0.6),
		NL.txt(TOUT, "GEA, Betaalpas Geldmaat {city},PAS{d3} NR:{A8}, {dd.mm.yy}/{hh.mm} {city}", 2000, 10000, 0.3).roundTo(1000),
		FR.txt(TOUT, "RETRAIT DAB {dd/mm} {city} CARTE X{card}", 2000, 10000, 0.5).roundTo(1000),

		// entertainment
		DE.buy(ENT, "CINEPLEX AACHEN", 900, 3000, 0.5),
		DE.web(ENT, "EVENTIM", "Bremen", 3000, 15000, 0.4),
		DE.web(ENT, "APPLE.COM/BILL", "ITUNES.COM", 99, 1499, 0.6),
		NL.buy(ENT, "Pathe Maastricht", 1000, 3000, 0.4),
		FR.buy(ENT, "UGC CINE CITE", 900, 2500, 0.3),
		DE.web(ENT, "PlayStation Network", "London", 799, 6999, 0.3),

		// bank fees
		DE.txt(FEES, "Auslandseinsatzentgelt {dd.mm.yyyy} 1,75% Kartenumsatz", 20, 300, 0.4),
		FR.txt(FEES, "COMMISSION D'INTERVENTION", 800, 800, 0.2),
		FR.txt(FEES, "COTISATION CARTE VISA CLASSIC", 4500, 4500, 0.3).single(),

		// government and non-profit
		DE.dd(GOV, "Ärzte ohne Grenzen e.V.", "Spende {=d8}", 2000, 5000, 0.2).single(),
		DE.txt(GOV, "SEPA-Überweisung an Stadtkasse Aachen Verwarngeld AZ {d12}", 2000, 5500, 0.3).single(),
		NL.dd(GOV, "KWF Kankerbestrijding", "Donatie {=d8}", 1000, 2500, 0.2),
		NL.txt(GOV, "/TRTP/iDEAL/IBAN/NL{d2}INGB000{d7}/BIC/INGBNL2A/NAME/CJIB/REMI/Betalingskenmerk {d16}/EREF/{d16}", 4500, 11000, 0.3).single(),
		FR.txt(GOV, "PAIEMENT AMENDES.GOUV {d12}", 3500, 13500, 0.3).single(),

		// income, loans
		DE.cr(INCOME, "Finanzamt Aachen-Stadt", "Steuererstattung ESt 2024 StNr {=d13}", 40000, 180000, 0.5).inMonths(5, 6).single(),
		DE.cr(INCOME, "Sparkasse Aachen", "Zinsen Tagesgeld {mm/yyyy}", 500, 3000, 0.3),
		DE.dd(LOAN, "Klarna Bank AB (publ)", "Ratenkauf {d12}", 2000, 9000, 0.5),
	}}
	return []persona{usa, gb, eu}
}

// ---------------------------------------------------------------------------
// Locales: cities, people, bank line formats.

type localeInfo struct {
	cities  []string // repeated entries weight the pick
	friends []string
	whats   []string
	months  [12]string
	holder  string
	card    string
	exp     string
	cardFmt []string
	webFmt  []string // nil = cardFmt
	ddFmt   []string
	crFmt   []string
}

var locales = map[locale]*localeInfo{
	us: {
		cities:  []string{"AUSTIN TX", "AUSTIN TX", "AUSTIN TX", "AUSTIN TX", "AUSTIN TX", "ROUND ROCK TX", "CEDAR PARK TX", "PFLUGERVILLE TX"},
		friends: []string{"JOHN SMITH", "MARIA GARCIA", "KEVIN NGUYEN", "EMILY CHEN", "DEVON BROOKS"},
		whats:   []string{"dinner", "rent split", "concert tickets", "groceries", "birthday gift", "utilities", "lake trip"},
		months:  [12]string{"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"},
		holder:  "JORDAN DOE",
		card:    "4821",
		exp:     "2811",
		cardFmt: []string{
			"CHECKCARD {mmdd} {NAME} {WHERE} {d23}",
			"CHECKCARD {mmdd} {NAME} {WHERE} {d23}",
			"PURCHASE AUTHORIZED ON {mm/dd} {NAME} {WHERE} S{d15} CARD {card}",
			"PURCHASE AUTHORIZED ON {mm/dd} {NAME} {WHERE} S{d15} CARD {card}",
			"Card Purchase {mm/dd} {NAME} {WHERE} Card {card}",
			"Card Purchase {mm/dd} {NAME} {WHERE} Card {card}",
			"POS PURCHASE {NAME} {WHERE}",
			"DEBIT CARD PURCHASE - {NAME} {WHERE}",
			"{NAME} {WHERE}",
			"{NAME} {WHERE}",
		},
		ddFmt: []string{
			"{NAME} DES:{TAG} ID:{A10} INDN:{holder} CO ID:{d10} {PPD|WEB}",
			"ORIG CO NAME:{NAME} ORIG ID:{d10} DESC DATE:{mmddyy} CO ENTRY DESCR:{TAG} SEC:{PPD|WEB} TRACE#:{d15} EED:{yymmdd} IND ID:{A10} IND NAME:{holder} TRN: {d10}TC",
			"{NAME} {TAG} {mmddyy} {A10} {holder}",
		},
		crFmt: []string{
			"{NAME} DES:{TAG} ID:{A10} INDN:{holder} CO ID:{d10} PPD",
			"ORIG CO NAME:{NAME} ORIG ID:{d10} DESC DATE:{mmddyy} CO ENTRY DESCR:{TAG} SEC:PPD TRACE#:{d15} EED:{yymmdd} IND ID:{A10} IND NAME:{holder} TRN: {d10}TC",
			"{NAME} {TAG} {mmddyy} {A10} {holder}",
			"DIRECT DEP {NAME} {TAG}",
		},
	},
	uk: {
		cities:  []string{"LONDON", "LONDON", "LONDON", "LONDON", "LONDON", "HACKNEY", "STRATFORD", "CROYDON"},
		friends: []string{"A PATEL", "O WILLIAMS", "J OKAFOR", "C EVANS", "M KOWALSKI"},
		whats:   []string{"DINNER", "RENT", "CINEMA", "BIRTHDAY", "HOLIDAY", "BILLS", "FESTIVAL"},
		months:  [12]string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"},
		holder:  "S TAYLOR",
		card:    "7719",
		exp:     "0927",
		cardFmt: []string{
			"CARD PAYMENT TO {NAME} ON {dd-mm-yyyy}",
			"CARD PAYMENT TO {NAME} ON {dd-mm-yyyy}",
			"{NAME} CD {card}",
			"CONTACTLESS PAYMENT {NAME} {WHERE} GB",
			"CONTACTLESS PAYMENT {NAME} {WHERE} GB",
			")))  {NAME} {WHERE}",
			"{card} {ddMONyy} C , {NAME} , {WHERE} GB",
			"{NAME} {WHERE}",
		},
		ddFmt: []string{
			"DIRECT DEBIT PAYMENT TO {NAME} REF {TAG}, MANDATE NO {=d4}",
			"{NAME} {TAG} DD",
			"DD {NAME} {TAG}",
			"{NAME}",
		},
		crFmt: []string{
			"BGC {NAME} {TAG}",
			"BANK GIRO CREDIT REF {NAME}, {TAG}",
			"FASTER PAYMENTS RECEIPT REF.{TAG} FROM {NAME}",
		},
	},
	de: {
		cities:  []string{"Aachen", "Aachen", "Aachen", "Aachen", "Aachen", "Koeln", "Dueren", "Wuerselen"},
		friends: []string{"Jonas Becker", "Lena Schmidt", "Tobias Wagner", "Miriam Hoffmann"},
		whats:   []string{"Essen", "Geburtstag", "Konzertkarten", "Urlaub", "Nebenkosten", "Tankfuellung"},
		months:  [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		holder:  "ALEX MARTIN",
		card:    "3306",
		exp:     "2712",
		cardFmt: []string{
			"Kartenzahlung girocard {NAME}//{WHERE}/DE {yyyy-mm-dd}T{hh:mm:ss} Folgenr. {d3} Verfalld. {exp}",
			"Kartenzahlung girocard {NAME}//{WHERE}/DE {yyyy-mm-dd}T{hh:mm:ss} Folgenr. {d3} Verfalld. {exp}",
			"KARTENZAHLUNG {NAME} {WHERE} {dd.mm.yy}",
			"Visa Debitkartenumsatz {NAME} {WHERE} DEU {dd.mm.yyyy}",
			"Lastschrift aus Kartenzahlung {NAME} {WHERE} {dd.mm.yy} {hh:mm} ELV{d8}",
		},
		webFmt: []string{
			"Visa Debitkartenumsatz {NAME} {WHERE} {dd.mm.yyyy}",
			"Kartenzahlung onl {NAME}//{WHERE} {yyyy-mm-dd}T{hh:mm:ss} Folgenr. {d3} Verfalld. {exp}",
		},
		ddFmt: []string{
			"Lastschrift {NAME} {TAG} EREF: {d14} MREF: {=A10} CRED: DE{=d2}ZZZ{=d11}",
			"SEPA-Lastschrift {NAME} {TAG} Mandatsref. {=A12} Gläubiger-ID DE{=d2}ZZZ{=d11}",
			"FOLGELASTSCHRIFT {NAME} {TAG}",
		},
		crFmt: []string{
			"Gutschrift {NAME} {TAG}",
			"SEPA-Gutschrift von {NAME} Verwendungszweck: {TAG} EREF: {A16}",
		},
	},
	fr: {
		cities:  []string{"LYON", "LYON", "LYON", "VILLEURBANNE", "PARIS"},
		friends: []string{"CAMILLE DUBOIS", "LUCAS BERNARD", "MANON PETIT", "HUGO ROUX"},
		whats:   []string{"RESTAURANT", "CADEAU", "VACANCES", "COURSES", "REMBOURSEMENT"},
		months:  [12]string{"JANVIER", "FEVRIER", "MARS", "AVRIL", "MAI", "JUIN", "JUILLET", "AOUT", "SEPTEMBRE", "OCTOBRE", "NOVEMBRE", "DECEMBRE"},
		holder:  "ALEX MARTIN",
		card:    "5120",
		exp:     "0328",
		cardFmt: []string{
			"CB {NAME} {dd/mm}",
			"CB {NAME} {dd/mm}",
			"CB {NAME} {WHERE} {dd/mm}",
			"FACTURE CARTE DU {ddmmyy} {NAME} {WHERE} CARTE 4974XXXXXXXX{card}",
			"PAIEMENT PAR CARTE X{card} {NAME} {dd/mm}",
			"CARTE X{card} {dd/mm} {NAME}",
		},
		ddFmt: []string{
			"PRLV SEPA {NAME} {TAG} ECH/{ddmmyy} ID EMETTEUR/FR{=d2}ZZZ{=d6} MDT/{=A12} REF/{A10}",
			"PRELEVEMENT {NAME} {TAG}",
			"PRLV SEPA {NAME} : {TAG}",
		},
		crFmt: []string{
			"VIR SEPA RECU /DE {NAME} /MOTIF {TAG} /REF {A10}",
			"VIREMENT RECU DE {NAME} {TAG}",
			"VIR INST RE {d7} DE: {NAME} MOTIF: {TAG}",
		},
	},
	nl: {
		cities:  []string{"Maastricht", "Maastricht", "Maastricht", "Maastricht", "Heerlen", "Sittard"},
		friends: []string{"S. de Vries", "T. Jansen", "L. Bakker", "M. Smeets"},
		whats:   []string{"etentje", "bioscoop", "verjaardag", "weekendje weg", "boodschappen", "carnaval"},
		months:  [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		holder:  "A MARTIN",
		card:    "0412",
		exp:     "0629",
		cardFmt: []string{
			"PIN betaling {NAME} {WHERE} {dd-mm-yyyy} {hh:mm}",
			"PIN betaling {NAME} {WHERE} {dd-mm-yyyy} {hh:mm}",
			"BEA, Betaalpas {NAME},PAS{d3} NR:{A8}, {dd.mm.yy}/{hh.mm} {WHERE}",
			"BEA, Apple Pay {NAME},PAS{d3} NR:{A8}, {dd.mm.yy}/{hh.mm} {WHERE}",
			"{NAME} {WHERE} NLD Pasvolgnr: {d3} {dd-mm-yyyy} {hh:mm} Transactie: {A8} Term: {A8}",
			"Betaalautomaat {hh:mm} pasnr. {d3} {NAME} {WHERE}",
		},
		webFmt: []string{
			"/TRTP/iDEAL/IBAN/NL{=d2}RABO0{=d9}/BIC/RABONL2U/NAME/{NAME}/REMI/{d16} {A8}/EREF/{dd-mm-yyyy} {hh:mm} {d16}",
			"iDEAL {NAME} {d16} Omschrijving: {A12} {NAME}",
		},
		ddFmt: []string{
			"Incasso {NAME} Machtiging: {=A10} Omschrijving: {TAG} IBAN: NL{=d2}INGB000{=d7}",
			"SEPA Incasso algemeen doorlopend Incassant: NL{=d2}ZZZ{=d12} Naam: {NAME} Machtiging: {=A10} Omschrijving: {TAG} IBAN: NL{=d2}ABNA0{=d9} Kenmerk: {d16}",
			"/TRTP/SEPA Incasso algemeen doorlopend/CSID/NL{=d2}ZZZ{=d12}/NAME/{NAME}/MARF/{=A10}/REMI/{TAG}/IBAN/NL{=d2}RABO0{=d9}/BIC/RABONL2U/EREF/{d16}",
		},
		crFmt: []string{
			"SEPA Overboeking IBAN: NL{=d2}INGB000{=d7} BIC: INGBNL2A Naam: {NAME} Omschrijving: {TAG} Kenmerk: {d16}",
			"/TRTP/SEPA OVERBOEKING/IBAN/NL{=d2}INGB000{=d7}/BIC/INGBNL2A/NAME/{NAME}/REMI/{TAG}/EREF/NOTPROVIDED",
		},
	},
}

// ---------------------------------------------------------------------------
// Generation

type config struct {
	rows        int
	seed        uint64
	minPerLabel int
	start       time.Time
}

type record struct {
	date     time.Time
	desc     string
	cents    int64
	currency string
	label    string
	free     bool // drawn free-form (may be replaced by the per-label top-up)
	person   int
}

type mstate struct {
	pool map[string][]string // store-number pools by token
	memo map[string]string   // fixed values ("{=...}")
	fmt  map[channel]int     // preferred line format per channel
}

type gen struct {
	rng    *rand.Rand
	start  time.Time
	end    time.Time // inclusive
	state  map[*merchant]*mstate
	people []persona
}

// event is the context of one line being written.
type event struct {
	m  *merchant
	at time.Time // transaction time (date + clock)
	li *localeInfo
}

func generate(cfg config) []record {
	g := &gen{
		rng:    rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15)),
		start:  cfg.start,
		end:    cfg.start.AddDate(0, 6, -1),
		state:  map[*merchant]*mstate{},
		people: personas(),
	}

	var recs []record
	// 1. scheduled items
	for pi := range g.people {
		p := &g.people[pi]
		for mi := range p.merchants {
			m := &p.merchants[mi]
			if !m.scheduled() {
				continue
			}
			for _, d := range g.scheduleDates(m) {
				recs = append(recs, g.make(pi, m, d, false))
			}
		}
	}
	// For small -rows, keep a random part of the bills so that at most 45%
	// of the rows are scheduled and the free-form spending still shows.
	if limit := cfg.rows * 45 / 100; len(recs) > limit {
		g.rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		recs = recs[:limit]
	}

	// 2. free-form draws, split evenly between the people
	used := map[*merchant]bool{}
	free := cfg.rows - len(recs)
	for pi := range g.people {
		n := free / len(g.people)
		if pi < free%len(g.people) {
			n++
		}
		for _, label := range g.quotaLabels(pi, n) {
			m := g.pick(g.freeMerchants(pi, label, used))
			if m == nil { // only single-use merchants and all used: any merchant
				m = g.pick(g.freeMerchants(pi, "", used))
			}
			if m == nil {
				break
			}
			if m.once {
				used[m] = true
			}
			recs = append(recs, g.make(pi, m, g.randomDay(m), true))
		}
	}

	// 3. per-label minimum
	g.topUp(recs, effectiveMin(cfg.minPerLabel, cfg.rows), used)

	slices.SortStableFunc(recs, func(a, b record) int { return a.date.Compare(b.date) })
	return recs
}

// quotaLabels returns n labels for person pi's free-form rows: each label
// gets its share of the person's merchant weights, rounded by largest
// remainder, so the label mix follows the weights without sampling noise.
func (g *gen) quotaLabels(pi, n int) []string {
	weights := map[string]float64{}
	var total float64
	for _, m := range g.freeMerchants(pi, "", nil) {
		weights[m.label] += m.w
		total += m.w
	}
	if total == 0 {
		return nil
	}
	type quota struct {
		label string
		n     int
		rest  float64
	}
	var qs []quota
	left := n
	for _, l := range Labels {
		exact := float64(n) * weights[l] / total
		q := quota{label: l, n: int(exact), rest: exact - float64(int(exact))}
		left -= q.n
		qs = append(qs, q)
	}
	order := make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(qs[b].rest, qs[a].rest) })
	for i := 0; left > 0; i = (i + 1) % len(order) {
		qs[order[i]].n++
		left--
	}
	var labels []string
	for _, q := range qs {
		for range q.n {
			labels = append(labels, q.label)
		}
	}
	return labels
}

func (g *gen) freeMerchants(pi int, label string, used map[*merchant]bool) []*merchant {
	var ms []*merchant
	p := &g.people[pi]
	for i := range p.merchants {
		m := &p.merchants[i]
		if m.scheduled() || m.w <= 0 || used[m] || (label != "" && m.label != label) {
			continue
		}
		ms = append(ms, m)
	}
	return ms
}

func (g *gen) pick(ms []*merchant) *merchant {
	var total float64
	for _, m := range ms {
		total += m.w
	}
	if total <= 0 {
		return nil
	}
	x := g.rng.Float64() * total
	for _, m := range ms {
		x -= m.w
		if x < 0 {
			return m
		}
	}
	return ms[len(ms)-1]
}

// topUp replaces free-form rows of the most common label until every label
// that has free-form merchants reaches min rows.
func (g *gen) topUp(recs []record, minRows int, used map[*merchant]bool) {
	for _, label := range Labels {
		for {
			counts, free := map[string]int{}, map[string]int{}
			for _, r := range recs {
				counts[r.label]++
				if r.free {
					free[r.label]++
				}
			}
			if counts[label] >= minRows {
				break
			}
			// the label with the most free-form rows gives one up, if it
			// stays above the minimum
			top := ""
			for _, l := range Labels {
				if l != label && counts[l] > minRows && (top == "" || free[l] > free[top]) {
					top = l
				}
			}
			if top == "" {
				break
			}
			var victims []int
			for i, r := range recs {
				if r.free && r.label == top {
					victims = append(victims, i)
				}
			}
			var pis []int
			for pi := range g.people {
				if len(g.freeMerchants(pi, label, used)) > 0 {
					pis = append(pis, pi)
				}
			}
			if len(victims) == 0 || len(pis) == 0 {
				break
			}
			pi := pis[g.rng.IntN(len(pis))]
			m := g.pick(g.freeMerchants(pi, label, used))
			if m.once {
				used[m] = true
			}
			recs[victims[g.rng.IntN(len(victims))]] = g.make(pi, m, g.randomDay(m), true)
		}
	}
}

// effectiveMin is the per-label minimum the top-up aims for: -min, but at
// most half of an even split of the rows between the labels.
func effectiveMin(minPer, rows int) int {
	return min(minPer, rows/(2*len(Labels)))
}

func inMonths(m *merchant, month time.Month) bool {
	return len(m.months) == 0 || slices.Contains(m.months, int(month))
}

func (g *gen) scheduleDates(m *merchant) []time.Time {
	var out []time.Time
	add := func(d time.Time) {
		d = g.businessDay(d, m.in)
		if !d.Before(g.start) && !d.After(g.end) && inMonths(m, d.Month()) {
			out = append(out, d)
		}
	}
	if m.every > 0 {
		for d := g.start.AddDate(0, 0, m.day-1); !d.After(g.end); d = d.AddDate(0, 0, m.every) {
			add(d)
		}
		return out
	}
	for first := g.start; !first.After(g.end); first = first.AddDate(0, 1, 0) {
		last := first.AddDate(0, 1, -1).Day()
		add(time.Date(first.Year(), first.Month(), min(m.day, last), 0, 0, 0, 0, time.UTC))
	}
	return out
}

// businessDay moves a weekend date: credits to the Friday before, debits to
// the Monday after.
func (g *gen) businessDay(d time.Time, in bool) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		if in {
			return d.AddDate(0, 0, -1)
		}
		return d.AddDate(0, 0, 2)
	case time.Sunday:
		if in {
			return d.AddDate(0, 0, -2)
		}
		return d.AddDate(0, 0, 1)
	}
	return d
}

func (g *gen) randomDay(m *merchant) time.Time {
	days := int(g.end.Sub(g.start).Hours()/24) + 1
	for range 1000 {
		d := g.start.AddDate(0, 0, g.rng.IntN(days))
		if inMonths(m, d.Month()) {
			return d
		}
	}
	return g.start
}

func (g *gen) amount(m *merchant) int64 {
	c := m.lo
	if m.hi > m.lo {
		c += g.rng.Int64N(m.hi - m.lo + 1)
	}
	if m.step > 0 {
		c = max(m.step, (c+m.step/2)/m.step*m.step)
	}
	return c
}

func (g *gen) make(pi int, m *merchant, date time.Time, free bool) record {
	cents := g.amount(m)
	in := m.in
	if free && m.refund > 0 && g.rng.Float64() < m.refund {
		in = true
	}
	if !in {
		cents = -cents
	}
	return record{
		date:     date,
		desc:     g.describe(m, date),
		cents:    cents,
		currency: g.people[pi].currency,
		label:    m.label,
		free:     free,
		person:   pi,
	}
}

func (g *gen) st(m *merchant) *mstate {
	s := g.state[m]
	if s == nil {
		s = &mstate{pool: map[string][]string{}, memo: map[string]string{}, fmt: map[channel]int{}}
		g.state[m] = s
	}
	return s
}

// lineFormat picks a bank line format: each merchant mostly shows up in the
// same format (it is paid from the same account), sometimes in another.
func (g *gen) lineFormat(m *merchant, fmts []string) string {
	s := g.st(m)
	i, ok := s.fmt[m.ch]
	if !ok || i >= len(fmts) {
		i = g.rng.IntN(len(fmts))
		s.fmt[m.ch] = i
	}
	if g.rng.Float64() < 0.3 {
		return fmts[g.rng.IntN(len(fmts))]
	}
	return fmts[i]
}

func (g *gen) describe(m *merchant, date time.Time) string {
	li := locales[m.loc]
	at := date.Add(time.Duration(7*60+g.rng.IntN(15*60))*time.Minute + time.Duration(g.rng.IntN(60))*time.Second)
	if m.ch == card || m.ch == online {
		// card lines carry the transaction date, usually a day or two before posting
		at = at.AddDate(0, 0, -g.rng.IntN(3))
	}
	ev := &event{m: m, at: at, li: li}
	name := g.fill(m.name, ev)
	var tmpl string
	switch m.ch {
	case raw:
		return name
	case card:
		tmpl = g.lineFormat(m, li.cardFmt)
	case online:
		if li.webFmt != nil {
			tmpl = g.lineFormat(m, li.webFmt)
		} else {
			tmpl = g.lineFormat(m, li.cardFmt)
		}
	case debit:
		tmpl = g.lineFormat(m, li.ddFmt)
	case credit:
		tmpl = g.lineFormat(m, li.crFmt)
	}
	where := m.where
	if where == "" {
		where = "{city}"
	}
	line := g.fill(tmpl, ev)
	line = strings.NewReplacer(
		"{NAME}", name,
		"{WHERE}", g.fill(where, ev),
		"{TAG}", g.fill(m.tag, ev),
	).Replace(line)
	return strings.TrimSpace(line)
}

// fill expands {tokens} in a template; unknown tokens are left as they are.
func (g *gen) fill(s string, ev *event) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(g.token(s[i+1:i+j], ev))
		s = s[i+j+1:]
	}
}

var dateLayouts = map[string]string{
	"mmdd": "0102", "mm/dd": "01/02", "dd/mm": "02/01", "dd-mm": "02-01", "ddmm": "0201",
	"ddmmyy": "020106", "dd.mm": "02.01", "dd.mm.yy": "02.01.06", "dd.mm.yyyy": "02.01.2006",
	"dd-mm-yyyy": "02-01-2006", "yyyy-mm-dd": "2006-01-02", "mmddyy": "010206", "yymmdd": "060102",
	"yyyy": "2006", "mm/yyyy": "01/2006", "hh:mm": "15:04", "hh.mm": "15.04", "hh:mm:ss": "15:04:05",
}

const alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"

func (g *gen) token(tok string, ev *event) string {
	if strings.HasPrefix(tok, "=") { // fixed per merchant
		s := g.st(ev.m)
		v, ok := s.memo[tok]
		if !ok {
			v = g.token(tok[1:], ev)
			s.memo[tok] = v
		}
		return v
	}
	if strings.Contains(tok, "|") {
		opts := strings.Split(tok, "|")
		return opts[g.rng.IntN(len(opts))]
	}
	if layout, ok := dateLayouts[tok]; ok {
		return ev.at.Format(layout)
	}
	li := ev.li
	switch tok {
	case "NAME", "WHERE", "TAG":
		return "{" + tok + "}"
	case "card":
		return li.card
	case "exp":
		return li.exp
	case "holder":
		return li.holder
	case "friend":
		return li.friends[g.rng.IntN(len(li.friends))]
	case "what":
		return li.whats[g.rng.IntN(len(li.whats))]
	case "city":
		return li.cities[g.rng.IntN(len(li.cities))]
	case "mon":
		return li.months[ev.at.Month()-1]
	case "ddMONyy":
		return strings.ToUpper(ev.at.Format("02Jan06"))
	case "dow":
		return strings.ToUpper(ev.at.Format("Mon"))
	case "h12":
		return strings.ToUpper(ev.at.Format("3PM"))
	}
	if len(tok) >= 2 {
		n, err := strconv.Atoi(tok[1:])
		if err == nil && n > 0 && n <= 40 {
			switch tok[0] {
			case 'd':
				return g.digits(n)
			case 'A':
				return g.chars(n, alnum)
			case 'x':
				return g.chars(n, "0123456789abcdef")
			case '#': // store number from the merchant's pool
				s := g.st(ev.m)
				pool := s.pool[tok]
				if len(pool) == 0 {
					for range 3 {
						pool = append(pool, g.digits(n))
					}
					s.pool[tok] = pool
				}
				if g.rng.Float64() < 0.12 {
					return g.digits(n)
				}
				// the first store is the local one
				if g.rng.Float64() < 0.6 {
					return pool[0]
				}
				return pool[g.rng.IntN(len(pool))]
			}
		}
	}
	return "{" + tok + "}"
}

func (g *gen) digits(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + g.rng.IntN(10))
	}
	if n > 2 && b[0] == '0' {
		b[0] = byte('1' + g.rng.IntN(9))
	}
	return string(b)
}

func (g *gen) chars(n int, set string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = set[g.rng.IntN(len(set))]
	}
	return string(b)
}

// ---------------------------------------------------------------------------
// Output

func formatCents(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

func writeCSV(w io.Writer, recs []record) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"date", "description", "amount", "currency", "label"}); err != nil {
		return err
	}
	for _, r := range recs {
		if err := cw.Write([]string{r.date.Format(time.DateOnly), r.desc, formatCents(r.cents), r.currency, r.label}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
