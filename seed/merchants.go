package seed

// Description templates. Location tokens are fixed once per store location
// when the generator is built, so the same few stores recur:
//
//	{sN}   N digits (store number)
//	{LN}   N uppercase letters (store code)
//	{city} a home-area city, e.g. "SEATTLE WA"
//
// Occurrence tokens change on every transaction:
//
//	{dN}   N digits (reference)
//	{aN}   N uppercase letters/digits (order id)
//	{day}  weekday of the purchase, e.g. "THU"
//	{hr}   an evening hour, e.g. "8PM"

// merchant is one payee with its typical amount and variability.
type merchant struct {
	tmpl   string
	cat    string
	typ    int64 // typical (median) amount in cents, positive
	spread int64 // log-normal-ish spread, permille (~ sigma*1000); 0 = fixed
	weight int   // relative pick weight inside its group
}

var homeCities = []weighted[string]{
	{"SEATTLE WA", 8}, {"BELLEVUE WA", 2}, {"REDMOND WA", 1}, {"KIRKLAND WA", 1},
}

var coffeeShops = []merchant{
	{"STARBUCKS STORE {s5} {city}", catFood, 565, 300, 6},
	{"SQ *BLUE BOTTLE COFFEE", catFood, 625, 250, 2},
	{"SQ *MILSTEAD AND CO", catFood, 520, 250, 2},
	{"TST* ESPRESSO VIVACE", catFood, 480, 250, 1},
	{"PEET'S COFFEE #{s5}", catFood, 590, 300, 1},
	{"CAFFE LADRO {s2} {city}", catFood, 540, 250, 1},
}

var lunchSpots = []merchant{
	{"CHIPOTLE {s4}", catFood, 1295, 200, 3},
	{"SWEETGREEN #{s3}", catFood, 1450, 200, 2},
	{"SUBWAY {s8}", catFood, 1050, 250, 1},
	{"SQ *MARINATION MOBILE", catFood, 1400, 250, 1},
	{"TST* PAGLIACCI PIZZA {s3}", catFood, 1200, 250, 1},
	{"MCDONALD'S F{s5}", catFood, 980, 300, 1},
	{"PANERA BREAD #{s6}", catFood, 1310, 250, 1},
	{"SQ *UWAJIMAYA FOOD COURT", catFood, 1250, 250, 1},
}

var dinnerSpots = []merchant{
	{"DOORDASH*THAI TOM", catFood, 3400, 300, 2},
	{"DOORDASH*DIN TAI FUNG", catFood, 4800, 300, 1},
	{"UBER *EATS HELP.UBER.COM", catFood, 3600, 350, 2},
	{"TST* TAMARIND TREE", catFood, 6500, 350, 1},
	{"TST* SERIOUS PIE", catFood, 5200, 350, 1},
	{"SQ *DICK'S DRIVE-IN", catFood, 1400, 300, 1},
	{"PAGLIACCI PIZZA ONLINE", catFood, 3200, 250, 2},
	{"THE PINK DOOR {city}", catFood, 8800, 350, 1},
	{"IVAR'S ACRES OF CLAMS", catFood, 5600, 300, 1},
	{"TOULOUSE PETIT KITCHEN", catFood, 7200, 350, 1},
	{"TST* PHO BAC SUP SHOP", catFood, 3800, 300, 1},
}

var bars = []merchant{
	{"SQ *OPTIMISM BREWING", catFood, 2400, 400, 2},
	{"TST* CANON WHISKEY BAR", catFood, 4800, 400, 1},
	{"STOUP BREWING {city}", catFood, 2600, 400, 1},
	{"TST* THE NEST ROOFTOP", catFood, 3900, 400, 1},
}

var groceryStores = []merchant{
	{"WHOLEFDS {L3} {s5}", catFood, 7800, 450, 4},
	{"TRADER JOE S #{s3} {city}", catFood, 6200, 400, 4},
	{"SAFEWAY #{s4}", catFood, 5400, 500, 3},
	{"COSTCO WHSE #{s4}", catFood, 18500, 350, 1},
	{"QFC #{s4}", catFood, 3900, 500, 1},
}

var transitFares = []merchant{
	{"SOUND TRANSIT LINK {city}", catTransport, 300, 0, 4},
	{"KING COUNTY METRO {d4}", catTransport, 275, 0, 3},
	{"ORCA WEBSITE RELOAD", catTransport, 4000, 250, 1},
}

var rides = []merchant{
	{"UBER *TRIP HELP.UBER.COM", catTransport, 1850, 450, 3},
	{"LYFT   *RIDE {day} {hr}", catTransport, 1650, 450, 2},
}

var gasStations = []merchant{
	{"SHELL OIL {s11} {city}", catTransport, 5200, 250, 3},
	{"CHEVRON {s7} {city}", catTransport, 5400, 250, 2},
	{"ARCO #{s5}", catTransport, 4700, 250, 2},
	{"COSTCO GAS #{s4}", catTransport, 5600, 200, 1},
}

var parkingLots = []merchant{
	{"PAYBYPHONE SEATTLE WA", catTransport, 450, 500, 3},
	{"DIAMOND PARKING {s4}", catTransport, 1500, 400, 2},
	{"IMPARK{s8}", catTransport, 1200, 400, 1},
}

var amazon = []merchant{
	{"AMZN Mktp US*{a6}", catMerchandise, 2999, 600, 5},
	{"Amazon.com*{a9}", catMerchandise, 3499, 600, 3},
	{"AMAZON MKTPL*{a9}", catMerchandise, 2599, 600, 2},
}

var retailStores = []merchant{
	{"TARGET 0000{s4}", catMerchandise, 4200, 500, 5},
	{"WAL-MART #{s4}", catMerchandise, 3800, 500, 1},
	{"BEST BUY {s8}", catMerchandise, 9000, 700, 1},
	{"TJMAXX #{s4}", catMerchandise, 3500, 400, 1},
	{"REI #{s2} {city}", catMerchandise, 6800, 600, 1},
	{"UNIQLO USA LLC", catMerchandise, 5400, 400, 1},
	{"NORDSTROM #{s4}", catMerchandise, 8500, 500, 1},
}

var convenienceStores = []merchant{
	{"7-ELEVEN {s5}", catMerchandise, 820, 450, 3},
	{"AMPM #{s5}", catMerchandise, 640, 450, 1},
}

var entertainment = []merchant{
	{"AMC {s4} ONLINE", catEntertain, 3200, 300, 2},
	{"STEAMGAMES.COM 4259522985", catEntertain, 2499, 600, 2},
	{"TICKETMASTER", catEntertain, 11000, 600, 1},
	{"SIFF CINEMA EGYPTIAN", catEntertain, 1600, 200, 1},
	{"PLAYSTATION NETWORK", catEntertain, 1999, 500, 1},
	{"SEATTLE MARINERS TICKETS", catEntertain, 6500, 400, 1},
	{"SQ *GARAGE BILLIARDS", catEntertain, 3500, 350, 1},
}

var pharmacies = []merchant{
	{"CVS/PHARMACY #0{s4}", catMedical, 2400, 600, 3},
	{"WALGREENS #{s5}", catMedical, 1800, 600, 2},
	{"BARTELL DRUGS {s2}", catMedical, 1500, 500, 1},
}

var doctors = []merchant{
	{"SWEDISH MEDICAL CENTER", catMedical, 4000, 400, 2},
	{"PACIFIC DENTAL GROUP", catMedical, 12000, 450, 1},
	{"QUEST DIAGNOSTICS", catMedical, 3500, 400, 1},
	{"ZOCDOC *DR KIM VISIT", catMedical, 3000, 300, 1},
}

var barbers = []merchant{
	{"SQ *FADE ROOM BARBERSHOP", catPersonalCare, 4500, 100, 8},
	{"GREAT CLIPS #{s4}", catPersonalCare, 2600, 100, 1},
}

var dryCleaners = []merchant{
	{"SQ *PRESTIGE CLEANERS", catPersonalCare, 2200, 350, 1},
}

var shipping = []merchant{
	{"USPS PO {s10} {city}", catServices, 1150, 500, 3},
	{"THE UPS STORE {s4}", catServices, 1500, 450, 1},
}

var carCare = []merchant{
	{"BROWN BEAR CAR WASH {s2}", catServices, 1400, 200, 3},
	{"JIFFY LUBE #{s4}", catServices, 8900, 350, 1},
}

var homeStores = []merchant{
	{"THE HOME DEPOT #{s4}", catHome, 5800, 700, 4},
	{"LOWES #0{s4}*", catHome, 5200, 700, 2},
	{"MCLENDON HARDWARE {city}", catHome, 3200, 500, 1},
	{"IKEA RENTON", catHome, 14500, 500, 1},
}

var charities = []merchant{
	{"AMERICAN RED CROSS DONATION", catGovernment, 10000, 400, 1},
	{"DOCTORS WITHOUT BORDERS", catGovernment, 7500, 400, 1},
	{"GOFUNDME *{a8}", catGovernment, 5000, 400, 1},
	{"WIKIMEDIA FOUNDATION", catGovernment, 2500, 300, 1},
}

var friends = []weighted[string]{
	{"JOHN SMITH", 3}, {"EMILY CHEN", 3}, {"MARCUS JOHNSON", 2}, {"PRIYA PATEL", 2}, {"SARAH O'NEILL", 1},
}

var atmLocations = []weighted[string]{
	{"1501 4TH AVE SEATTLE WA", 3}, {"2201 WESTLAKE AVE SEATTLE WA", 2}, {"500 BELLEVUE WAY NE BELLEVUE WA", 1},
}

// subscription is a fixed-day recurring card charge; one of them gets a price
// increase half-way through the generated period.
type subscription struct {
	desc     string
	cat      string
	day      int
	old, new int64
}

var subscriptions = []subscription{
	{"NETFLIX.COM", catEntertain, 7, 1549, 1799},
	{"SPOTIFY USA", catEntertain, 14, 1099, 1199},
	{"24 HOUR FITNESS USA INC", catPersonalCare, 3, 4999, 5499},
	{"APPLE.COM/BILL", catServices, 22, 299, 399},
}

// destination is the one trip abroad in the period.
type destination struct {
	airline     string // template, charged in USD by a US-facing booking
	airfare     int64
	hotel       string
	nightly     int64
	restaurants []merchant
	attraction  merchant // visited once
	shops       []merchant
}

var destinations = []destination{
	{
		airline: "AEROMEXICO 139{d10}", airfare: 64000,
		hotel: "HOTEL CONDESA DF CIUDAD DE MEX", nightly: 19500,
		restaurants: []merchant{
			{"CONTRAMAR CIUDAD DE MEX", catFood, 5200, 350, 1},
			{"EL CARDENAL CIUDAD DE MEX", catFood, 3600, 350, 1},
			{"TAQUERIA ORINOCO CDMX", catFood, 1100, 350, 2},
			{"PANADERIA ROSETTA CDMX", catFood, 900, 300, 1},
			{"PUJOL CIUDAD DE MEXICO", catFood, 21000, 250, 1},
			{"CAFEBRERIA EL PENDULO CDMX", catFood, 1300, 300, 1},
		},
		attraction: merchant{"MUSEO FRIDA KAHLO COYOACAN", catEntertain, 1500, 200, 1},
		shops: []merchant{
			{"OXXO {s4} CIUDAD DE MEX", catMerchandise, 450, 400, 2},
			{"EL PALACIO DE HIERRO POLANCO", catMerchandise, 6500, 500, 1},
		},
	},
	{
		airline: "TAP AIR PORTUGAL 047{d10}", airfare: 118000,
		hotel: "MEMMO ALFAMA HOTEL LISBOA", nightly: 23000,
		restaurants: []merchant{
			{"CERVEJARIA RAMIRO LISBOA", catFood, 6800, 350, 1},
			{"TABERNA DA RUA DAS FLORES LISBOA", catFood, 4200, 350, 1},
			{"PASTEIS DE BELEM LISBOA", catFood, 850, 300, 1},
			{"TIME OUT MARKET LISBOA", catFood, 2900, 350, 1},
			{"A CEVICHERIA LISBOA", catFood, 5600, 350, 1},
			{"MANTEIGARIA LISBOA", catFood, 600, 300, 1},
		},
		attraction: merchant{"CASTELO DE S JORGE LISBOA", catEntertain, 1600, 100, 1},
		shops: []merchant{
			{"PINGO DOCE LISBOA", catMerchandise, 1200, 400, 2},
			{"A VIDA PORTUGUESA LISBOA", catMerchandise, 3800, 500, 1},
		},
	},
	{
		airline: "JAPAN AIRLINES 131{d10}", airfare: 142000,
		hotel: "HOTEL GRACERY SHINJUKU TOKYO", nightly: 17500,
		restaurants: []merchant{
			{"ICHIRAN SHIBUYA TOKYO", catFood, 1600, 200, 2},
			{"SUSHI ZANMAI TSUKIJI TOKYO", catFood, 4500, 350, 1},
			{"GYUKATSU MOTOMURA TOKYO", catFood, 2200, 250, 1},
			{"AFURI EBISU TOKYO", catFood, 1500, 200, 1},
			{"TSUKIJI ITADORI TOKYO", catFood, 3200, 300, 1},
			{"STARBUCKS SHIBUYA TSUTAYA TOKYO", catFood, 650, 200, 1},
		},
		attraction: merchant{"TEAMLAB PLANETS TOKYO", catEntertain, 2600, 100, 1},
		shops: []merchant{
			{"FAMILYMART SHIBUYA TOKYO", catMerchandise, 700, 400, 2},
			{"DON QUIJOTE SHIBUYA TOKYO", catMerchandise, 4200, 500, 1},
		},
	},
}

// electricSeason is the electric bill multiplier (percent) by month, Jan..Dec:
// electric-heated apartment, high in winter, a bump for summer fans/AC.
var electricSeason = [12]int64{150, 140, 120, 95, 80, 85, 110, 115, 90, 95, 120, 145}
