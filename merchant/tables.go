package merchant

import "strings"

// The tables below are keyed by token keys: upper case, letters and digits
// only, words separated by single spaces (see tokenKey).

// aliasSource maps a display name to the descriptor spellings banks use for
// it. Aliases catch brands whose descriptors are abbreviated or mangled
// beyond what generic cleaning can repair (AMZN MKTP, WHOLEFDS, SBUX).
// The display name's own spelling is added automatically so that
// normalizing a normalized name is stable.
var aliasSource = []string{
	"Amazon=AMAZON|AMZN|AMZN MKTP|AMZN MKTPLACE|AMZN MARKETPLACE|AMAZON MKTP|AMAZON MKTPL|AMAZON MKTPLACE|AMAZON MARKETPLACE|AMAZON RETAIL|AMAZON COM|AMAZONCOM|AMAZON EU|AMAZON UK|AMAZON DE|AMZ|AMZNCOM",
	"Amazon Prime=AMAZON PRIME|AMZN PRIME|PRIME MEMBERSHIP",
	"Prime Video=PRIME VIDEO|AMAZON VIDEO|AMZN DIGITAL",
	"Amazon Web Services=AWS|AMAZON WEB SERVICES|AMAZON WEB SVCS",
	"Uber=UBER|UBER TRIP|UBER BV|UBER TECHNOLOGIES",
	"Uber Eats=UBER EATS|UBEREATS",
	"Lyft=LYFT|LYFT RIDE",
	"Netflix=NETFLIX|NETFLIXCOM",
	"Spotify=SPOTIFY|SPOTIFY USA|SPOTIFY AB",
	"Apple=APPLE|APPLE COM|APPLECOM|APPLE COM BILL|ITUNES|ITUNES COM|APPLE STORE|APPLE ONLINE STORE",
	"Google=GOOGLE|GOOGLE PLAY|GOOGLE STORAGE|GOOGLE CLOUD",
	"YouTube=YOUTUBE|YOUTUBE PREMIUM|YOUTUBEPREMIUM|YOUTUBE TV",
	"Walmart=WALMART|WAL MART|WALMART SUPERCENTER|WM SUPERCENTER|WALMART COM|WMT",
	"Target=TARGET|TARGET COM|TARGET STORE",
	"Costco=COSTCO|COSTCO WHSE|COSTCO WHOLESALE",
	"Starbucks=STARBUCKS|SBUX|STARBUCKS COFFEE|STARBUCKS STORE",
	"McDonald's=MCDONALDS|MC DONALDS|MCDONALD|MCDONALDS RESTAURANT",
	"Tesco=TESCO|TESCO STORES|TESCO STORE|TESCO EXPRESS|TESCO METRO|TESCO EXTRA|TESCO SUPERSTORE",
	"Sainsbury's=SAINSBURYS|SAINSBURY|J SAINSBURY|SAINSBURYS S MKTS|SAINSBURYS SMKT|SAINSBURYS LOCAL",
	"Aldi=ALDI|ALDI SUED|ALDI SÜD|ALDI SUD|ALDI NORD|ALDI STORES|ALDI GMBH",
	"Lidl=LIDL|LIDL GB|LIDL DIENSTLEISTUNG|LIDL SAGT DANKE",
	"Rewe=REWE|REWE MARKT|REWE SAGT DANKE|REWE CITY",
	"Edeka=EDEKA|EDEKA CENTER|E CENTER|EDEKA MARKT",
	"Shell=SHELL|SHELL OIL|SHELL SERVICE|SHELL SERVICE STATION|SHELL DEUTSCHLAND",
	"BP=BP|BP OIL|BP CONNECT|BP EXPRESS",
	"Whole Foods=WHOLEFDS|WHOLE FOODS|WHOLE FOODS MARKET|WHOLEFOODS|WFM",
	"Trader Joe's=TRADER JOES|TRADER JOE S|TRADER JOE",
	"Chipotle=CHIPOTLE|CHIPOTLE ONLINE|CHIPOTLE MEXICAN GRILL",
	"Dunkin'=DUNKIN|DUNKIN DONUTS",
	"Walgreens=WALGREENS|WALGREEN",
	"CVS=CVS|CVS PHARMACY|CVSPHARMACY",
	"The Home Depot=HOME DEPOT|HOMEDEPOT|THE HOME DEPOT",
	"Lowe's=LOWES|LOWES HOME",
	"IKEA=IKEA",
	"DoorDash=DOORDASH|DOOR DASH",
	"Grubhub=GRUBHUB",
	"Instacart=INSTACART",
	"Airbnb=AIRBNB",
	"Microsoft=MICROSOFT|MSFT",
	"Disney Plus=DISNEY PLUS|DISNEYPLUS",
	"Hulu=HULU",
	"Comcast=COMCAST|COMCAST CABLE",
	"Xfinity=XFINITY",
	"Verizon=VERIZON|VERIZON WIRELESS|VZWRLSS",
	"AT&T=ATT|AT T",
	"T-Mobile=TMOBILE|T MOBILE",
	"PayPal=PAYPAL",
	"Venmo=VENMO",
	"Chevron=CHEVRON",
	"ExxonMobil=EXXONMOBIL|EXXON|EXXON MOBIL",
	"Kroger=KROGER",
	"Safeway=SAFEWAY",
	"7-Eleven=7ELEVEN|7 ELEVEN|SEVEN ELEVEN",
	"Taco Bell=TACO BELL",
	"Burger King=BURGER KING",
	"Wendy's=WENDYS",
	"Chick-fil-A=CHICKFILA|CHICK FIL A",
	"Domino's=DOMINOS|DOMINOS PIZZA",
	"Pizza Hut=PIZZA HUT",
	"Subway=SUBWAY",
	"KFC=KFC",
	"Asda=ASDA|ASDA STORES|ASDA SUPERSTORE",
	"Morrisons=MORRISONS|WM MORRISONS|W M MORRISONS",
	"Waitrose=WAITROSE",
	"Marks & Spencer=MARKS SPENCER|MARKS AND SPENCER|MS SIMPLY FOOD",
	"Pret A Manger=PRET A MANGER|PRET",
	"Greggs=GREGGS",
	"Boots=BOOTS|BOOTS THE CHEMIST",
	"Deutsche Bahn=DEUTSCHE BAHN|DB VERTRIEB|DB BAHN",
	"Motel 6=MOTEL 6",
	"Super 8=SUPER 8",
	"Forever 21=FOREVER 21",
	"Best Buy=BEST BUY|BESTBUY",
	"eBay=EBAY",
	"Etsy=ETSY",
}

// processors are payment facilitators that put their own code before a '*'
// ("SQ *BLUE BOTTLE"); the merchant is whatever follows the star.
var processors = keySet(
	"SQ", "SQU", "SQUARE", "TST", "TOAST", "PAYPAL", "PP", "SP", "IZ", "IZETTLE",
	"ZETTLE", "ZTL", "SUMUP", "SUM UP", "WPY", "PY", "FS", "IN", "CKO", "DNH",
	"EB", "GOOGLE", "GOOGLE PAY", "GPAY", "APL", "APPLE PAY", "STRIPE", "PADDLE",
	"2CO", "DD", "IC", "CLOVER", "BAM", "LS",
)

// prefixes are transaction-type words banks put before the merchant.
var prefixes = phraseList(
	"POS PURCHASE", "POS DEBIT", "POS WITHDRAWAL", "POS TRANSACTION", "POS",
	"PURCHASE AUTHORIZED ON", "PURCHASE AUTHORISED ON", "PURCHASE AUTHORIZED", "PURCHASE AUTHORISED", "PURCHASE",
	"RECURRING PAYMENT AUTHORIZED ON", "RECURRING PAYMENT AUTHORIZED", "RECURRING PAYMENT", "RECURRING DEBIT", "RECURRING",
	"CHECKCARD", "CHECK CARD PURCHASE", "CHECK CARD", "CHKCARD",
	"DEBIT CARD PURCHASE", "DEBIT CARD PAYMENT", "DEBIT CARD TRANSACTION", "DEBIT CARD",
	"DEBIT PURCHASE", "DEBIT",
	"VISA DEBIT PURCHASE", "VISA DEBIT", "VISA PURCHASE", "VISA", "MASTERCARD",
	"CARD PURCHASE", "CARD PAYMENT TO", "CARD PAYMENT", "CARD TRANSACTION",
	"CONTACTLESS PAYMENT", "CONTACTLESS",
	"ACH DEBIT", "ACH CREDIT", "ACH WITHDRAWAL", "ACH DEPOSIT", "ACH PAYMENT", "ACH",
	"ELECTRONIC PAYMENT", "ELECTRONIC WITHDRAWAL", "ELECTRONIC DEPOSIT", "EFT",
	"ONLINE PAYMENT TO", "ONLINE PAYMENT", "ONLINE PURCHASE",
	"BILL PAYMENT TO", "BILL PAYMENT", "BILL PAY", "BILLPAY",
	"DIRECT DEBIT PAYMENT TO", "DIRECT DEBIT TO", "DIRECT DEBIT", "DD",
	"DIRECT DEPOSIT", "DIR DEP",
	"PAYMENT TO",
	"BGC", "FPI", "FPO", "DDR", "STO",
	"PREAUTHORIZED DEBIT", "PRE AUTHORIZED DEBIT", "PREAUTH DEBIT", "PREAUTH",
	"WITHDRAWAL",
	"FASTER PAYMENT TO", "FASTER PAYMENTS", "FASTER PAYMENT",
	"STANDING ORDER TO", "STANDING ORDER",
	"LASTSCHRIFT", "SEPA LASTSCHRIFT", "SEPALASTSCHRIFT", "SEPA BASISLASTSCHRIFT",
	"SEPABASISLASTSCHRIFT", "BASISLASTSCHRIFT", "FOLGELASTSCHRIFT", "ERSTLASTSCHRIFT",
	"SEPA DIRECT DEBIT",
	"KARTENZAHLUNG GIROCARD", "KARTENZAHLUNG", "GIROCARD", "EC KARTENZAHLUNG",
	"ECKARTENZAHLUNG", "EC",
	"GUTSCHRIFT", "UEBERWEISUNG", "ÜBERWEISUNG", "ONLINE UEBERWEISUNG", "DAUERAUFTRAG",
	"SEPA", "ELV",
	"PRLV SEPA", "PRLV", "PAIEMENT PAR CARTE", "PAIEMENT CB", "ACHAT CB", "CB", "CARTE",
	"VIR SEPA", "VIR",
	"BEA", "BETAALAUTOMAAT",
	"COMPRA TARJETA", "COMPRA", "PAGAMENTO POS", "PAGAMENTO",
	// Card, debit and transfer wording of more countries' statements, so that the merchant
	// behind them is what gets normalized, remembered and looked up.
	"EFTPOS", "EFTPOS PURCHASE", "INTERAC PURCHASE", "INTERAC", "E TRANSFER", "ETRANSFER",
	"PRE AUTHORIZED PAYMENT", "PAD", "BPAY", "OSKO PAYMENT", "OSKO",
	"BEZAHLUNG KARTE", "BEZAHLUNG", "KARTENZAHLUNG ONLINE", "LASTSCHRIFT AUS KARTENZAHLUNG",
	"UEBERWEISUNG AN", "ÜBERWEISUNG AN", "SEPA UEBERWEISUNG AN", "SEPA ÜBERWEISUNG AN",
	"SEPAÜBERWEISUNG AN", "SEPAUEBERWEISUNG AN", "SEPAÜBERWEISUNG", "SEPAUEBERWEISUNG",
	"DAUERAUFTRAG AN", "GUTSCHRIFT VON", "SEPA GUTSCHRIFT VON", "SEPAGUTSCHRIFT VON", "SEPAGUTSCHRIFT",
	"ABBUCHUNG", "EINZUG", "ONLINE BANKING",
	"PAIEMENT CARTE", "FACTURE CARTE", "FACTURE CARTE DU", "CARTE BANCAIRE", "ACHAT", "ACHAT CARTE",
	"PRELEVEMENT", "PRÉLÈVEMENT", "PRELEVEMENT SEPA", "PRLV SEPA EUROPEEN", "DOMICILIATION",
	"DOMICILIATION EUROPEENNE", "VIR SEPA RECU DE", "VIR SEPA RECU", "VIR SEPA EMIS VERS",
	"VIR INST", "VIREMENT", "VIREMENT EUROPEEN", "VIREMENT EUROPEEN RECU DE", "VIREMENT EN VOTRE FAVEUR",
	"COMPRA TARJ", "COMPRA CON TARJETA", "PAGO CON TARJETA", "PAGO TARJETA", "PAGO", "RECIBO", "ADEUDO",
	"ADEUDO SEPA", "ADEUDO RECIBO", "TRANSFERENCIA", "TRANSFERENCIA A FAVOR DE", "TRANSFERENCIA DE",
	"TRANSF", "BIZUM", "4B",
	"PAGAMENTO CARTA", "ADDEBITO", "ADDEBITO SEPA", "ADDEBITO SEPA DD", "ADDEBITO SDD", "ADDEBITO DIRETTO",
	"BONIFICO", "BONIFICO A VOSTRO FAVORE", "BONIFICO SEPA", "BONIFICO ISTANTANEO",
	"BEA BETAALPAS", "BETAALPAS", "PIN BETALING", "PINBETALING", "GEA", "GEA BETAALPAS",
	"SEPA INCASSO", "SEPA INCASSO ALGEMEEN DOORLOPEND", "INCASSO", "INCASSO ALGEMEEN DOORLOPEND",
	"SEPA OVERBOEKING", "OVERBOEKING", "OVERBOEKING NAAR", "IDEAL", "ONLINE BANKIEREN",
	// Card words that print before the card's number ("... CARD 5512 MERCHANT",
	// "Bezahlung Karte MC/000001234 MERCHANT").
	"CARD", "KARTE", "MC", "VISA CARD", "DEBIT CARD",
)

// trailingNoise are words that describe the transaction, not the merchant,
// when they end a descriptor ("ACME CORP PAYROLL", "COMCAST ... PPD").
var trailingNoise = phraseList(
	"PPD", "CCD", "WEB", "TEL", "POS", "PMT", "PMNT", "PYMT", "PAYMENT", "PAYMENTS",
	"AUTOPAY", "AUTO PAY", "BILL", "BILLPAY", "DEBIT", "CREDIT", "PURCHASE", "PAYROLL",
	"DIR DEP", "DIRECT DEP", "DEP", "DEPOSIT", "SALARY", "WAGES", "RECURRING", "ONLINE", "INTERNET", "ACH",
	"EFT", "SEPA", "CONTACTLESS", "EUR", "USD", "GBP", "CHF", "SAGT DANKE", "DANKT",
	"XFER", "INST XFER", "TRANSACTION", "VISA", "ON", "DD", "DDR", "SO", "STO", "FPO", "BGC",
	// Legal forms: grouping "Acme Inc" with "Acme" is what users expect.
	"INC", "LLC", "LLP", "LTD", "LIMITED", "PLC", "GMBH", "KG", "AG", "BV", "NV",
	"SARL", "SAS", "SRL", "SA", "CO KG",
)

// refWords introduce a reference or a SEPA field; the name ends before them.
var refWords = keySet(
	"REF", "REFERENCE", "CONF", "CONFIRMATION", "AUTH", "TRACE", "TRN", "TXN", "ID",
	"INDN", "MANDATE", "MANDATSREF", "EREF", "MREF", "KREF", "CRED", "SVWZ", "ABWA",
	"IBAN", "BIC",
)

// storeWords precede a store number ("TESCO STORES 3297") and go with it.
var storeWords = keySet("STORE", "STORES", "STR", "NO", "NR", "NUM", "LOC", "LOCATION", "UNIT", "BRANCH", "FILIALE")

// states are US states and territories plus country codes seen at the end
// of descriptors. The value is true when the code is also a common word or
// title ("CO", "IN", "MD") and so needs more evidence before removal.
var states = map[string]bool{
	"AK": false, "AZ": false, "AR": false, "CA": false, "CT": false, "DC": false,
	"FL": false, "GA": false, "IA": false, "IL": false, "KS": false, "KY": false,
	"MI": false, "MN": false, "MT": false, "NC": false, "ND": false, "NE": false,
	"NH": false, "NJ": false, "NM": false, "NV": false, "NY": false, "RI": false,
	"SC": false, "SD": false, "TN": false, "TX": false, "UT": false, "VA": false,
	"VT": false, "WA": false, "WI": false, "WV": false, "WY": false, "PR": false,
	"AL": true, "CO": true, "DE": true, "HI": true, "ID": true, "IN": true,
	"LA": true, "MA": true, "MD": true, "ME": true, "MO": true, "MS": true,
	"OH": true, "OK": true, "OR": true, "PA": true,
	// Countries.
	"US": false, "USA": false, "GB": false, "GBR": false, "UK": false, "DEU": false,
	"GER": false, "FRA": false, "NLD": false, "NL": false, "FR": false, "IRL": false,
	"ESP": false, "ITA": false, "AUT": false, "BEL": false, "CHE": false, "CAN": false,
	"AUS": false, "LUX": false, "IE": true, "IT": true, "AT": true, "BE": true,
	"ES": true, "NO": true, "CH": true, "LU": true, "DK": true, "SE": true,
	"FI": true, "PT": true, "PL": true,
}

// cities are common cities, recognised at the end of a descriptor even
// without a state code. Unknown cities are removed only by position.
var cities = phraseList(
	"NEW YORK", "BROOKLYN", "BRONX", "QUEENS", "MANHATTAN", "LOS ANGELES", "CHICAGO",
	"HOUSTON", "PHOENIX", "PHILADELPHIA", "SAN ANTONIO", "SAN DIEGO", "DALLAS",
	"SAN JOSE", "AUSTIN", "JACKSONVILLE", "FORT WORTH", "COLUMBUS", "CHARLOTTE",
	"SAN FRANCISCO", "INDIANAPOLIS", "SEATTLE", "DENVER", "WASHINGTON", "BOSTON",
	"NASHVILLE", "DETROIT", "PORTLAND", "LAS VEGAS", "MEMPHIS", "LOUISVILLE",
	"BALTIMORE", "MILWAUKEE", "ALBUQUERQUE", "TUCSON", "FRESNO", "SACRAMENTO",
	"ATLANTA", "MIAMI", "OAKLAND", "MINNEAPOLIS", "TULSA", "CLEVELAND",
	"NEW ORLEANS", "TAMPA", "ORLANDO", "PITTSBURGH", "CINCINNATI", "ST LOUIS",
	"SAINT LOUIS", "KANSAS CITY", "SALT LAKE CITY", "RALEIGH", "BERKELEY",
	"PALO ALTO", "SANTA MONICA", "JERSEY CITY", "HONOLULU", "ANCHORAGE",
	"LONDON", "MANCHESTER", "BIRMINGHAM", "LEEDS", "GLASGOW", "EDINBURGH",
	"LIVERPOOL", "BRISTOL", "SHEFFIELD", "CARDIFF", "NEWCASTLE", "NOTTINGHAM",
	"LEICESTER", "BELFAST", "BRIGHTON", "OXFORD", "CAMBRIDGE", "SOUTHAMPTON",
	"COVENTRY", "READING", "BERLIN", "HAMBURG", "MUENCHEN", "MÜNCHEN", "MUNICH",
	"KOELN", "KÖLN", "COLOGNE", "FRANKFURT", "FRANKFURT AM MAIN", "STUTTGART",
	"DUESSELDORF", "DÜSSELDORF", "LEIPZIG", "DORTMUND", "BREMEN", "DRESDEN",
	"HANNOVER", "NUERNBERG", "NÜRNBERG", "PARIS", "LYON", "MARSEILLE", "AMSTERDAM",
	"ROTTERDAM", "UTRECHT", "DEN HAAG", "BRUSSELS", "BRUXELLES", "ANTWERPEN",
	"MADRID", "BARCELONA", "LISBOA", "LISBON", "ROMA", "ROME", "MILANO", "MILAN",
	"WIEN", "VIENNA", "ZURICH", "ZÜRICH", "GENEVE", "DUBLIN", "COPENHAGEN",
	"STOCKHOLM", "OSLO", "HELSINKI", "PRAGUE", "PRAHA", "WARSAW", "WARSZAWA",
)

// cityPrefixes start two-word city names ("SAN JOSE", "ST PAUL"), so that
// positional city removal takes both words.
var cityPrefixes = keySet(
	"SAN", "SANTA", "LOS", "LAS", "NEW", "ST", "SAINT", "FORT", "FT", "EL", "PALM",
	"SALT", "GRAND", "LONG", "WEST", "EAST", "NORTH", "SOUTH", "MOUNT", "MT", "PORT",
	"CEDAR", "COLORADO", "JERSEY", "DALY", "CULVER", "REDWOOD", "BATON", "CORPUS",
	"BAD", "FRANKFURT",
)

// acronyms stay upper case when title-casing.
var acronyms = keySet(
	"ATM", "USA", "UK", "US", "UPS", "USPS", "IRS", "HMRC", "IKEA", "AMC", "ABC",
	"BBC", "CNN", "ADT", "AOL", "HBO", "ESPN", "DVLA", "EE", "BT", "SSE", "EDF", "DB",
	"ING", "ASOS", "BMW", "IHOP", "REI", "AA", "AAA", "ATT", "OBI", "TK", "AIG",
	"AXA", "IBM", "NYC", "TFL", "NHS", "RAC", "DHL", "HSBC", "KFC", "CVS", "TJ",
	"DSW", "GNC", "NBA", "NFL", "MLB", "NHL", "DMV", "BP", "JD", "QVC", "RBC", "TD",
	"PNC", "USAA", "ADP", "GEICO", "SEPA", "BVG", "MVG", "HVV", "DPD", "GLS", "TNT",
	"MTA", "BART", "SEPTA", "WMATA", "CTA", "AWS", "ACH", "EON",
)

// titleWords look like acronyms (short, no vowels) but are abbreviations
// that read better title-cased.
var titleWords = keySet("ST", "DR", "MR", "MRS", "MS", "JR", "SR", "MT", "FT", "RD", "LN", "PL", "MKT", "CTR", "PK", "MC", "SQ")

// smallWords are lower-cased inside a name ("Bank of America").
var smallWords = keySet(
	"OF", "AND", "THE", "AN", "AT", "ON", "IN", "FOR", "TO", "BY", "OR", "DE", "DEL",
	"DA", "DI", "DU", "DES", "LE", "LES", "VON", "VAN", "DER", "DIE", "DAS", "UND",
	"ZU", "ZUM", "ZUR", "AM", "IM", "LA",
)

// tlds end domain names; "NETFLIX.COM" becomes "NETFLIX".
var tlds = keySet(
	"COM", "NET", "ORG", "IO", "CO", "UK", "DE", "FR", "NL", "EU", "ES", "IT", "BE",
	"AT", "CH", "IE", "US", "CA", "AU", "APP", "INFO", "BIZ", "TV", "ME", "LY", "GG",
	"SHOP", "STORE", "ONLINE",
)

var aliases = map[string]string{}

// maxAlias is the longest alias key in tokens, bounding lookups.
var maxAlias int

func init() {
	for _, line := range aliasSource {
		name, keys, _ := strings.Cut(line, "=")
		add := func(k string) {
			if k == "" {
				return
			}
			if prev, dup := aliases[k]; dup && prev != name {
				panic("merchant: alias " + k + " maps to both " + prev + " and " + name)
			}
			aliases[k] = name
			maxAlias = max(maxAlias, strings.Count(k, " ")+1)
		}
		add(phraseKey(name))
		for _, k := range strings.Split(keys, "|") {
			add(phraseKey(k))
		}
	}
}

func keySet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[phraseKey(w)] = true
	}
	return m
}

// phraseList splits phrases into token keys, longest first so that the
// first match is the longest one.
func phraseList(phrases ...string) [][]string {
	out := make([][]string, 0, len(phrases))
	for _, p := range phrases {
		out = append(out, strings.Fields(phraseKey(p)))
	}
	// Insertion sort by length, stable: tables are small and built once.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// phraseKey turns a phrase into space-separated token keys, dropping tokens
// that have no letters or digits.
func phraseKey(p string) string {
	var ks []string
	for _, f := range strings.Fields(upper(p)) {
		if k := tokenKey(f); k != "" {
			ks = append(ks, k)
		}
	}
	return strings.Join(ks, " ")
}
