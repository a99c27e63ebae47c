package categorize

import (
	"strings"

	"github.com/aithena/aithena/categorize/kb"
)

// The system categories are Plaid's personal-finance primary categories,
// so that imported Plaid data and our own decisions share one vocabulary.
const (
	Income                 = "INCOME"
	TransferIn             = "TRANSFER_IN"
	TransferOut            = "TRANSFER_OUT"
	LoanPayments           = "LOAN_PAYMENTS"
	BankFees               = "BANK_FEES"
	Entertainment          = "ENTERTAINMENT"
	FoodAndDrink           = "FOOD_AND_DRINK"
	GeneralMerchandise     = "GENERAL_MERCHANDISE"
	HomeImprovement        = "HOME_IMPROVEMENT"
	Medical                = "MEDICAL"
	PersonalCare           = "PERSONAL_CARE"
	GeneralServices        = "GENERAL_SERVICES"
	GovernmentAndNonProfit = "GOVERNMENT_AND_NON_PROFIT"
	Transportation         = "TRANSPORTATION"
	Travel                 = "TRAVEL"
	RentAndUtilities       = "RENT_AND_UTILITIES"
)

// SystemCategories lists the system categories in Plaid's order.
var SystemCategories = []string{
	Income, TransferIn, TransferOut, LoanPayments, BankFees, Entertainment,
	FoodAndDrink, GeneralMerchandise, HomeImprovement, Medical, PersonalCare,
	GeneralServices, GovernmentAndNonProfit, Transportation, Travel, RentAndUtilities,
}

// LexiconMatch is the lexicon's answer: the category, how sure the
// lexicon is, and the lexicon entry that matched, as written there.
type LexiconMatch struct {
	Category   string
	Confidence float64
	Keyword    string
	// Kind says what sort of keyword matched: a brand or phrase, a generic word, or a word
	// for how money moved ("transfer", "standing order").
	Kind LexiconKind
}

// LexiconKind is the sort of keyword a lexicon match is.
type LexiconKind int

// Kinds of lexicon keywords.
const (
	LexiconPhrase LexiconKind = iota
	LexiconGeneric
	LexiconMethod
)

// Confidence of a lexicon match. A brand or a phrase names one kind of
// spending; a lone generic word ("restaurant", "fee") is weaker evidence.
const (
	lexBrandConfidence   = 0.75
	lexGenericConfidence = 0.6
)

// MatchLexicon looks the merchant and the description up in a curated
// keyword lexicon of US, UK and EU brands and words. Keywords match whole
// words and phrases, case- and accent-insensitively; apostrophes are
// ignored ("Lowe's" = "LOWES") and other punctuation separates words
// ("B&Q" = "B Q"). When several keywords match, the longest phrase wins,
// then a brand over a generic word, then the merchant over the description,
// then the earlier word; payment-method words ("transfer", "standing
// order") count only when nothing else matched. amountMinor > 0 is money in: some keywords depend
// on direction (a transfer is TRANSFER_IN or TRANSFER_OUT, "interest" is
// INCOME or BANK_FEES, "salary" only counts as money in); zero counts as
// money out. ok is false when nothing matched.
func MatchLexicon(merchant, description string, amountMinor int64) (LexiconMatch, bool) {
	in := amountMinor > 0
	var best lexCandidate
	found := false
	for field, text := range [2]string{merchant, description} {
		toks := kb.Tokens(text)
		for pos, tok := range toks {
			for _, e := range lexIndex[tok] {
				if len(e.words) > len(toks)-pos || !lexHasPrefix(toks[pos:], e.words) {
					continue
				}
				cat := e.out
				if in {
					cat = e.in
				}
				if cat == "" {
					continue // the keyword does not apply in this direction
				}
				c := lexCandidate{entry: e, category: cat, field: field, pos: pos}
				if !found || c.beats(best) {
					best, found = c, true
				}
			}
		}
	}
	if !found {
		return LexiconMatch{}, false
	}
	kind := LexiconPhrase
	switch {
	case best.entry.method:
		kind = LexiconMethod
	case best.entry.confidence < lexBrandConfidence:
		kind = LexiconGeneric
	}
	return LexiconMatch{Category: best.category, Confidence: best.entry.confidence, Keyword: best.entry.keyword, Kind: kind}, true
}

type lexCandidate struct {
	entry    *lexEntry
	category string
	field    int // 0 merchant, 1 description
	pos      int
}

func (c lexCandidate) beats(o lexCandidate) bool {
	switch {
	case c.entry.method != o.entry.method:
		return o.entry.method
	case len(c.entry.words) != len(o.entry.words):
		return len(c.entry.words) > len(o.entry.words)
	case c.entry.confidence != o.entry.confidence:
		return c.entry.confidence > o.entry.confidence
	case c.field != o.field:
		return c.field < o.field
	case c.pos != o.pos:
		return c.pos < o.pos
	}
	return c.entry.order < o.entry.order
}

func lexHasPrefix(toks, words []string) bool {
	for i, w := range words {
		if toks[i] != w {
			return false
		}
	}
	return true
}

type lexEntry struct {
	words      []string
	keyword    string
	in, out    string
	confidence float64
	method     bool
	order      int
}

// lexGroup is a list of comma-separated keywords with the category they
// give for money in and money out ("" when the keyword does not apply in
// that direction). generic marks common words rather than brands or
// phrases; only one-word generic keywords get the lower confidence. method
// marks payment-method words, which lose to any other match and always get
// the lower confidence.
type lexGroup struct {
	in, out string
	generic bool
	method  bool
	words   string
}

// lexBoth is a group whose category does not depend on direction: a refund
// from a restaurant is still food and drink.
func lexBoth(cat string, generic bool, words string) lexGroup {
	return lexGroup{in: cat, out: cat, generic: generic, words: words}
}

// lexGroups is the lexicon. Placement follows Plaid's taxonomy: insurance,
// car care, postage and education are general services; gyms and laundry
// are personal care; groceries are food and drink; superstores and
// convenience stores are general merchandise; furniture is home
// improvement; ATM withdrawals and investment accounts are transfers.
var lexGroups = []lexGroup{
	// Income only counts as money in; a "salary" going out is someone
	// else's and falls through to other keywords.
	{in: Income, words: `payroll, salary, wages, wage, paycheck, direct deposit, dir dep,
		direct dep, payroll deposit, adp payroll, gusto, paychex, gehalt, lohn, lohn gehalt,
		bezüge, besoldung, salaire, nomina, tax refund, tax ref, irs treas, ssa treas,
		social security, unemployment, ui benefits, child benefit, kindergeld, elterngeld,
		universal credit, pension, annuity, interest earned, interest paid, habenzinsen,
		cashback, cash back, dividend, dividends, stipend, royalties, bonus, commission,
		payout, payouts, income, reward, rewards`},
	// Tax authorities pay refunds and collect taxes.
	{in: Income, out: GovernmentAndNonProfit, words: `irs, us treasury, hmrc, finanzamt,
		franchise tax board, department of revenue, dept of revenue`},
	{in: Income, out: GovernmentAndNonProfit, generic: true, words: `tax, taxes`},
	{in: Income, out: BankFees, generic: true, words: `interest, zinsen`},
	{in: TransferIn, out: TransferOut, words: `zelle, venmo, cash app, cashapp, square cash,
		paypal transfer, paypal inst xfer, wise, transferwise, revolut, monzo, robinhood,
		vanguard, fidelity, schwab, charles schwab, coinbase, kraken, etoro, trading 212,
		trade republic, scalable capital, acorns, betterment, wealthfront, capital one 360,
		transfer to savings, transfer from savings, transfer to checking,
		transfer from checking, overdraft protection transfer, atm withdrawal,
		cash withdrawal, bargeldauszahlung, geldautomat, cash machine, cashpoint,
		atm deposit`},
	{in: TransferIn, out: TransferOut, generic: true, words: `savings, brokerage, atm,
		withdrawal, bargeld`},
	// How money moved says little about what it paid for: "Dauerauftrag
	// Miete" is rent. These keywords decide only when nothing else matches.
	{in: TransferIn, out: TransferOut, generic: true, method: true, words: `transfer, xfer,
		wire, online transfer, internal transfer, bank transfer, funds transfer,
		wire transfer, incoming wire, outgoing wire, transfer to, transfer from,
		standing order, faster payment, faster payments, sepa credit transfer,
		credit transfer, überweisung, dauerauftrag, umbuchung, virement`},
	{in: TransferIn, generic: true, words: `deposit, mobile deposit, check deposit,
		cheque deposit, remote deposit`},
	lexBoth(LoanPayments, false, `mortgage payment, mortgage pmt, home mtg, rocket mortgage,
		mr cooper, quicken loans, loan payment, loan pmt, auto loan, car loan, car payment,
		personal loan, student loan, student loans, navient, nelnet, sallie mae, mohela,
		great lakes, fedloan, aidvantage, dept education, us dept of education,
		student loans company, credit card payment, credit card, creditcard, credit crd,
		amex epayment, american express, amex, discover card, discover e payment, capital one,
		chase card, citi card, citi autopay, barclaycard, mbna, apple card, applecard,
		synchrony, kreditkarte, kreditkartenabrechnung, ratenkredit, baufinanzierung,
		affirm, klarna, afterpay, clearpay, sezzle, paypal credit, lendingclub, lending club,
		upstart, toyota financial, honda financial, ally auto, gm financial, ford credit,
		car finance, heloc`),
	lexBoth(LoanPayments, true, `mortgage, mtg, loan, darlehen, tilgung, kredit, hypothek`),
	lexBoth(BankFees, false, `overdraft fee, nsf fee, insufficient funds, returned item fee,
		monthly fee, monthly service fee, monthly maintenance fee, maintenance fee,
		service charge, service fee, account fee, atm fee, atm surcharge,
		foreign transaction fee, foreign exchange fee, fx fee, international transaction fee,
		wire fee, wire transfer fee, transfer fee, late fee, late payment fee, annual fee,
		card fee, kontoführungsgebühr, kontoführung, interest charge, finance charge,
		cash advance fee, stop payment fee, paper statement fee, bank charges,
		unarranged overdraft, arranged overdraft, sollzinsen`),
	lexBoth(BankFees, true, `overdraft, nsf, fee, fees, gebühr, entgelt`),
	lexBoth(Entertainment, false, `netflix, spotify, hulu, disney plus, disneyplus, disney+,
		hbo max, hbo, youtube, youtube premium, youtube tv, apple music, apple tv, prime video,
		amazon prime video, paramount plus, paramount+, peacock, crunchyroll, dazn, sky tv,
		now tv, sling tv, fubo, audible, pandora, tidal, deezer, sirius xm, siriusxm, twitch,
		steam games, steampowered, playstation, playstation network, xbox, xbox live,
		nintendo, epic games, roblox, blizzard, google play, amc theatres, amc theaters,
		regal cinemas, cinemark, odeon, cineworld, vue cinemas, picturehouse, cinemaxx,
		uci kinowelt, movie theater, ticketmaster, live nation, livenation, stubhub,
		seatgeek, eventbrite, eventim, six flags, disneyland, universal studios,
		theme park, national lottery, draftkings, fanduel, bet365, betfair, paddy power,
		william hill`),
	lexBoth(Entertainment, true, `cinema, cinemas, kino, movies, theater, theatre, concert,
		bowling, arcade, museum, zoo, aquarium, golf, casino, lottery, lotto`),
	lexBoth(FoodAndDrink, false, `starbucks, sbux, dunkin, dunkin donuts, tim hortons, peets,
		blue bottle, dutch bros, costa coffee, caffe nero, cafe nero, pret, pret a manger,
		greggs, itsu, wagamama, nandos, pizza express, wetherspoon, jd wetherspoon,
		mcdonalds, burger king, wendys, taco bell, kfc, chipotle, subway, dominos,
		pizza hut, papa johns, little caesars, chick fil a, chickfila, five guys, shake shack,
		in n out, popeyes, panera, panera bread, sweetgreen, jimmy johns, jersey mikes, arbys,
		sonic drive in, dairy queen, culvers, whataburger, panda express, olive garden,
		applebees, chilis, ihop, dennys, cheesecake factory, buffalo wild wings, red robin,
		outback steakhouse, texas roadhouse, krispy kreme, baskin robbins, cold stone,
		jamba, doordash, grubhub, uber eats, ubereats, postmates, seamless, deliveroo,
		just eat, justeat, lieferando, wolt, foodora, gorillas, flink, getir, instacart,
		kroger, safeway, whole foods, wholefds, trader joes, trader joe, aldi, lidl, publix,
		h e b, heb, wegmans, meijer, food lion, giant eagle, stop shop, albertsons, vons,
		ralphs, sprouts, winco, hy vee, hyvee, shoprite, harris teeter, fred meyer,
		king soopers, piggly wiggly, save a lot, food 4 less, key food, h mart, 99 ranch,
		tesco, sainsburys, sainsbury, asda, morrisons, waitrose, co op, coop, iceland foods,
		m s simply food, ocado, farmfoods, spar, budgens, rewe, edeka, netto, penny,
		kaufland, norma, tegut, globus, denns, alnatura, bio company, carrefour, auchan,
		leclerc, intermarche, monoprix, franprix, albert heijn, jumbo supermarkt, mercadona,
		eroski, esselunga, conad, migros, billa, hofer, dunnes, supervalu, total wine, bevmo,
		farmers market, liquor store, wine shop, ice cream, food court`),
	lexBoth(FoodAndDrink, true, `grocery, groceries, grocer, supermarket, supermarkt,
		supermercado, bakery, bäckerei, backerei, boulangerie, patisserie, butcher,
		metzgerei, deli, restaurant, restaurants, ristorante, trattoria, pizzeria, pizza,
		cafe, coffee, espresso, kaffee, diner, bistro, brasserie, grill, bar, pub, tavern,
		brewery, brewing, taproom, winery, wine, liquor, beer, bbq, sushi, ramen, noodle,
		noodles, taco, tacos, taqueria, burrito, burger, burgers, kebab, döner, imbiss,
		gaststätte, gasthaus, gasthof, wirtshaus, food, donut, donuts, doughnut, bagel,
		bagels, juice, smoothie, gelato, creamery, catering, canteen, cafeteria, kantine,
		mensa, snack, vending, steakhouse`),
	lexBoth(GeneralMerchandise, false, `amazon, amzn, amazon marketplace, amzn mktp, walmart,
		wal mart, target, costco, sams club, bjs wholesale, ebay, etsy, best buy, apple,
		apple store, microsoft, microsoft store, macys, nordstrom, nordstrom rack, kohls,
		jcpenney, jc penney, tj maxx, tjmaxx, tk maxx, marshalls, ross stores,
		ross dress for less, old navy, gap, banana republic, h&m, zara, primark, uniqlo, nike,
		adidas, foot locker, dicks sporting goods, rei, john lewis, argos, currys,
		currys pc world, sports direct, jd sports, asos, the range, b&m, poundland, wilko,
		home bargains, superdrug, marks spencer, marks and spencer, dm drogerie,
		dm drogerie markt, rossmann, mueller drogerie, mediamarkt, media markt, zalando,
		about you, tchibo, galeria, kaufhof, karstadt, deichmann, decathlon, fnac, darty,
		dollar general, dollar tree, family dollar, five below, big lots, gamestop,
		barnes noble, waterstones, books a million, thalia, hugendubel,
		staples, office depot, officemax, michaels, hobby lobby, joann, petco, petsmart,
		chewy, pets at home, fressnapf, zooplus, aliexpress, temu, shein, 7-eleven,
		seven eleven, rent the runway, department store, gift shop, pet supplies,
		pet store, convenience store`),
	lexBoth(GeneralMerchandise, true, `bookstore, books, clothing, apparel, shoes,
		electronics, jewelry, jewellery, florist, flowers, gifts, toys, tobacco, vape`),
	lexBoth(HomeImprovement, false, `home depot, homedepot, lowes, menards, ace hardware,
		true value, harbor freight, sherwin williams, benjamin moore, ikea, wayfair,
		pottery barn, crate barrel, crate and barrel, west elm, bed bath beyond,
		bed bath and beyond, ashley furniture, rooms to go, la z boy, overstock, b&q, wickes,
		screwfix, homebase, toolstation, dunelm, bauhaus, obi, hornbach, toom, hagebau,
		globus baumarkt, leroy merlin, castorama, karwei, jysk, xxxlutz, höffner, mömax,
		home improvement, pest control, lawn care, garden centre, garden center,
		home security, adt, simplisafe, appliance repair`),
	lexBoth(HomeImprovement, true, `hardware, furniture, lumber, plumbing, plumber,
		electrician, roofing, hvac, landscaping, baumarkt, möbel, mattress, locksmith,
		handyman, carpet, flooring, appliances`),
	lexBoth(Medical, false, `cvs, cvs pharmacy, walgreens, rite aid, duane reade, boots,
		lloyds pharmacy, lloydspharmacy, well pharmacy, walmart pharmacy, costco pharmacy,
		kroger pharmacy, doc morris, docmorris, shop apotheke, medical center, urgent care,
		family medicine, eye care, specsavers, vision express, fielmann, apollo optik,
		lenscrafters, warby parker, 1-800 contacts, labcorp, quest diagnostics,
		kaiser permanente, one medical, teladoc, physical therapy, animal hospital, banfield,
		vca, goodrx, nhs, hearing aid`),
	lexBoth(Medical, true, `pharmacy, pharmacie, farmacia, apotheke, chemist, drugstore,
		medical, hospital, clinic, klinik, doctor, physician, pediatrics, dental, dentist,
		dentistry, orthodontics, orthodontist, zahnarzt, zahnarztpraxis, arzt, arztpraxis,
		optometrist, optometry, optician, eyecare, chiropractor, chiropractic,
		physiotherapy, physio, physiotherapie, therapy, counseling, psychiatry,
		psychologist, dermatology, radiology, laboratory, veterinary, vet, tierarzt,
		prescription`),
	lexBoth(PersonalCare, false, `hair salon, nail salon, nail bar, barber shop, great clips,
		supercuts, sport clips, fantastic sams, toni guy, toni and guy, drybar, day spa,
		massage envy, european wax center, wax center, brow bar, beauty salon, sephora, ulta,
		ulta beauty, bath body works, the body shop, planet fitness, la fitness, equinox,
		24 hour fitness, anytime fitness, golds gym, crunch fitness, orangetheory,
		orange theory, f45, soulcycle, barrys, peloton, classpass, puregym, pure gym,
		the gym group, david lloyd, nuffield health, virgin active, mcfit, fitx, clever fit,
		john reed, urban sports club, fitness center, climbing gym, dry cleaning,
		dry cleaners, wash fold`),
	lexBoth(PersonalCare, true, `salon, nails, barber, barbers, barbershop, haircut,
		hairdresser, friseur, coiffeur, spa, massage, waxing, lashes, beauty, kosmetik,
		kosmetikstudio, gym, fitness, yoga, pilates, crossfit, laundromat, laundry,
		drycleaners, cleaners, waschsalon, reinigung, tanning, tattoo`),
	lexBoth(GeneralServices, false, `geico, state farm, progressive insurance, allstate,
		liberty mutual, farmers insurance, esurance, lemonade insurance, root insurance,
		metlife, prudential, aflac, blue cross, bcbs, aetna, cigna, unitedhealthcare, humana,
		aviva, direct line, admiral insurance, axa, allianz, huk coburg, huk, ergo, debeka,
		devk, techniker krankenkasse, aok, barmer, krankenkasse, haftpflicht, hastings direct,
		churchill insurance, legal general, travel insurance, generali, h&r block, turbotax, intuit,
		quickbooks, tax preparation, steuerberater, car wash, carwash, auto repair,
		auto service, autoservice, auto body, body shop, oil change, jiffy lube, valvoline,
		midas, meineke, pep boys, firestone, discount tire, les schwab, kwik fit, halfords,
		atu, euromaster, autowerkstatt, autozone, oreilly auto, advance auto, napa auto,
		daycare, child care, after school, coursera, udemy, duolingo, masterclass,
		skillshare, linkedin learning, chegg, volkshochschule, usps, post office, ups store,
		the ups store, fedex, dhl, royal mail, parcelforce, evri, dpd,
		deutsche post, stamps com, ups, hermes parcelnet, myhermes, public storage, extra space, cubesmart, life storage,
		u-haul, uhaul, big yellow, safestore, self storage, law firm, law office,
		rechtsanwalt, cleaning service, house cleaning, merry maids, google one,
		google storage, icloud, dropbox, amazon web services, aws, github, openai, chatgpt,
		adobe, microsoft 365, office 365, zoom us, zoom video, godaddy, squarespace, wix,
		namecheap, funeral home`),
	lexBoth(GeneralServices, true, `insurance, insurer, versicherung, assurance, accountant,
		mechanic, tire, tires, tyre, tyres, kfz, werkstatt, childcare, preschool, kita,
		kindergarten, tuition, university, college, school, postage, shipping, storage,
		attorney, lawyer, solicitor, solicitors, notary, notar, anwalt, consulting, maid`),
	lexBoth(GovernmentAndNonProfit, false, `tax payment, estimated tax, property tax, state tax,
		council tax, hmrc self assessment, dvla, tv licence, tv licensing, bundeskasse,
		landeshauptkasse, stadtkasse, kfz steuer, rundfunkbeitrag, ard zdf,
		beitragsservice, bußgeld, dmv, passport, uscis, parking ticket, red cross,
		american red cross, british red cross, unicef, oxfam, salvation army, st jude,
		doctors without borders, wikimedia, wikipedia, gofundme, justgiving, just giving,
		givedirectly, charity water, world vision, save the children, cancer research,
		cancer research uk, macmillan, british heart foundation, greenpeace, amnesty,
		amnesty international, wwf, habitat for humanity, feeding america, aclu, tithely,
		pushpay, non profit`),
	lexBoth(GovernmentAndNonProfit, true, `donation, donations, donate, charity, charitable,
		spende, spenden, church, kirche, tithe, parish, mosque, synagogue, nonprofit, ngo,
		court`),
	lexBoth(Transportation, false, `shell, bp, exxon, exxonmobil, mobil, chevron, texaco,
		sunoco, valero, citgo, phillips 66, conoco, arco, speedway, wawa, circle k, quiktrip,
		sheetz, racetrac, kwik trip, caseys, loves travel, pilot flying j, flying j,
		pilot travel, costco gas, sams club fuel, safeway fuel, kroger fuel, esso, aral,
		total energies, totalenergies, jet tankstelle, agip, eni, q8, omv, avia,
		star tankstelle, tesco petrol, sainsburys petrol, asda petrol, morrisons petrol,
		murphy usa, gas station, petrol station, ev charging, chargepoint,
		tesla supercharger, electrify america, evgo, ionity, uber, lyft, bolt, free now,
		freenow, didi, yellow cab, addison lee, gett, curb mobility, mta, nyc transit, omny,
		metrocard, metro transit, bart, clipper card, septa, cta, wmata, mbta, caltrain, lirr,
		nj transit, metra, trimet, amtrak, tfl, tfl travel, transport for london, oyster card,
		tfl oyster, national rail, trainline, lner, gwr, avanti west coast, thameslink, scotrail, deutsche bahn,
		db vertrieb, db bahn, bvg, mvg, hvv, vbb, rmv, vrr, kvb, s bahn, u bahn,
		deutschlandticket, ratp, sncf, greyhound, megabus, flixbus, spothero, parkmobile,
		paybyphone, ringgo, ncp, laz parking, sp plus, impark, easypark, apcoa, contipark,
		airport parking, e-zpass, ezpass, fastrak, sunpass, ipass, txtag, peach pass,
		dart charge, toll collect, lime ride, lime scooter, citi bike, citibike, santander cycles, nextbike,
		zipcar, share now, getaround`),
	lexBoth(Transportation, true, `tankstelle, petrol, fuel, gasoline, diesel, supercharger,
		taxi, cab, bahn, transit, rail, railway, train, tram, bus, parking, parkhaus,
		parkplatz, toll, tolls, maut, péage`),
	lexBoth(Travel, false, `delta air, delta air lines, delta airlines, united airlines,
		united air, american airlines, american air, southwest airlines, southwes,
		southwest air, jetblue, jet blue, alaska air, alaska airlines, spirit airlines,
		spirit airl, frontier airlines, frontier air, hawaiian airlines, allegiant,
		air canada, westjet, british airways, easyjet, ryanair, virgin atlantic, jet2,
		wizz air, wizzair, lufthansa, eurowings, condor, klm, air france, iberia, vueling,
		tap portugal, swiss air, austrian airlines, sas airlines, norwegian air, aer lingus,
		turkish airlines, emirates, qatar airways, etihad, singapore airlines,
		cathay pacific, qantas, marriott, hilton, hyatt, holiday inn, ihg, best western,
		la quinta, hampton inn, sheraton, westin, radisson, wyndham, days inn, super 8,
		motel 6, red roof, comfort inn, choice hotels, premier inn, travelodge, novotel,
		ibis, accor, mercure, nh hotels, motel one, meininger, airbnb, vrbo, booking com,
		hotels com, expedia, priceline, kayak, trivago, agoda, hostelworld, tripadvisor,
		trip com, lastminute, opodo, edreams, tui, jet2holidays, hertz, avis,
		enterprise rent, enterprise rent a car, budget rent, budget car, national car,
		alamo, dollar rent, thrifty car rental, sixt, europcar, turo, rent a car, car rental,
		autovermietung, carnival cruise, royal caribbean, norwegian cruise,
		celebrity cruises, princess cruises, eurostar, bed and breakfast, vacation rental,
		travel agency`),
	lexBoth(Travel, true, `airline, airlines, airways, airfare, flight, flights, airport,
		hotel, hotels, motel, hostel, resort, lodging, travel, cruise, cruises`),
	lexBoth(RentAndUtilities, false, `rent payment, monthly rent, property management,
		property mgmt, rentcafe, apartments com, letting agent, electric company,
		power company, pg&e, pge, pacific gas, con edison, coned, con ed, duke energy,
		dominion energy, xcel energy, southern california edison, fpl, florida power,
		georgia power, dte energy, consumers energy, ameren, entergy, eversource,
		national grid, pseg, comed, pepco, british gas, edf, edf energy, e.on, eon,
		octopus energy, ovo, ovo energy, scottish power, sse, shell energy, vattenfall,
		enbw, stadtwerke, gasag, lichtblick, tibber, engie, water bill, water utility,
		water dept, water department, water services, water company, thames water,
		severn trent, anglian water, united utilities, yorkshire water, southern water,
		wasserwerke, american water, waste management, republic services, recology,
		comcast, xfinity, spectrum, charter communications, charter spectrum,
		cox communications, cox cable, optimum, altice, frontier communications,
		centurylink, verizon, verizon wireless, vzwrlss, at&t, att, t-mobile, tmobile,
		sprint, us cellular, cricket wireless, metropcs, boost mobile, mint mobile, google fi,
		straight talk, tracfone, dish network, directv, starlink, vodafone, o2, ee,
		three uk, bt, bt group, virgin media, sky broadband, talktalk, plusnet, giffgaff,
		tesco mobile, telekom, deutsche telekom, telefonica, congstar, 1&1, 1und1, freenet,
		orange sa, orange mobile, sfr, bouygues, free mobile, kpn, ziggo, phone bill, mobile phone, cell phone,
		utility bill`),
	lexBoth(RentAndUtilities, true, `rent, miete, mietzahlung, kaltmiete, warmmiete,
		nebenkosten, hausgeld, landlord, apartments, lettings, electric, electricity,
		strom, energie, sewer, sewage, trash, garbage, abfall, internet, broadband,
		telecom, utility, utilities`),

	// Local words of French, Spanish, Italian and Dutch statements (German and English
	// ones are above): what salaries, rents, fees, taxes, insurance and the common kinds of
	// shop are called there.
	{in: Income, words: `salaris, loon, nettoloon, stipendio, retribuzione, paie, allocations,
		allocation familiale, kinderbijslag, zorgtoeslag, huurtoeslag, uitkering, pensioen,
		jubilacion, pensione, prestations sociales, nomina transferencia, abono nomina`},
	{in: Income, out: BankFees, generic: true, words: `interets, intereses, interessi, rente`},
	{in: TransferIn, out: TransferOut, words: `retrait dab, retrait especes, retirada efectivo,
		retirada cajero, reintegro cajero, prelievo bancomat, prelievo contanti, geldopname,
		geldautomaat, bargeldbezug, bargeldbehebung, bargeldabhebung, tikkie, e transfer,
		interac e transfer`},
	{in: TransferIn, out: TransferOut, generic: true, words: `cajero, bancomat, dab, prelievo`},
	{in: TransferIn, out: TransferOut, generic: true, method: true, words: `transferencia,
		transferencia sepa, bonifico, bonifico sepa, giroconto, overboeking, overschrijving,
		virement sepa, virement europeen, vir sepa, bizum, giro`},
	lexBoth(LoanPayments, false, `pret immobilier, echeance pret, remboursement pret,
		credit immobilier, prestamo hipotecario, cuota prestamo, rata mutuo, hypotheekrente,
		aflossing lening, aflossing`),
	lexBoth(LoanPayments, true, `prestamo, hipoteca, mutuo, finanziamento, lening, hypotheek`),
	lexBoth(BankFees, false, `frais bancaires, frais de tenue de compte, cotisation carte,
		commission intervention, comision mantenimiento, comisiones, comision, commissioni,
		canone conto, spese tenuta conto, bankkosten, kosten betaalrekening, rente debet,
		kontoführungsgebühren, kontoführungsentgelt, kontoführungsentgelte,
		auslandseinsatzentgelt, overdraft charge, service charges`),
	lexBoth(BankFees, true, `frais, commissions, provisie, kosten, spese`),
	lexBoth(RentAndUtilities, false, `kale huur, huur woning, canone locazione, loyer mensuel`),
	lexBoth(RentAndUtilities, true, `loyer, alquiler, affitto, huur, mietzins, electricite,
		electricidad, luz, agua, bolletta, luce, acqua, stroom, gaz, eau, energia, fibra,
		telefonia, abonnement telephone`),
	lexBoth(GeneralServices, true, `assurances, mutuelle, seguro, seguros, assicurazione,
		assicurazioni, verzekering, verzekeringen, zorgverzekering, zorgverzekeringen,
		zorgverzekeraar, premie,
		krankenversicherung, polizza, poliza, guarderia, creche, kinderopvang, colegio, ecole,
		scuola, universidad, universite, notaire, abogado, avocat, avvocato, advocaat,
		gestoria, comptable, boekhouder, garagiste, carrosserie, officina, autolavado,
		autowasstraat, waschstrasse, correos, colis`),
	lexBoth(GovernmentAndNonProfit, false, `tresor public, agencia tributaria, agenzia entrate,
		gemeentelijke belastingen, impot sur le revenu, prelevement a la source, taxe fonciere,
		taxe habitation, croix rouge, cruz roja, rode kruis, croce rossa`),
	lexBoth(GovernmentAndNonProfit, true, `impot, impots, dgfip, impuesto, impuestos, hacienda,
		tasse, belasting, belastingdienst, steuer, steueramt, steuerverwaltung, ayuntamiento, mairie,
		gemeente, comune, amende, multa, boete, donativo, donacion, donazione, donatie, caritas`),
	lexBoth(FoodAndDrink, true, `panaderia, pasteleria, carniceria, fruteria, cerveceria,
		restaurante, tapas, osteria, panificio, pasticceria, macelleria, alimentari,
		supermercato, bakkerij, slagerij, eetcafe, cafetaria, snackbar, friterie, frituur,
		traiteur, epicerie, primeur, fromagerie, boucherie, charcuterie, konditorei, heuriger,
		gelateria, heladeria, glacier, brasseria, taverna, ristorazione`),
	lexBoth(Medical, true, `apotheek, huisarts, tandarts, ziekenhuis, dentista, clinica,
		ospedale, medico, medecin, dentiste, opticien, optica, ottica, optiker, augenoptik,
		kinesitherapeute, fisioterapia, laboratoire, farmacie, parafarmacia`),
	lexBoth(PersonalCare, true, `peluqueria, coiffure, parrucchiere, kapper, kapsalon, barbiere,
		estetica, schoonheidssalon, sportschool, gimnasio, palestra, fitnessstudio, wasserette,
		tintoreria, lavanderia, pressing, blanchisserie, perfumeria, parfumerie, profumeria`),
	lexBoth(Transportation, true, `gasolinera, carburant, carburants, essence, benzina,
		benzinestation, tankstation, carburante, peaje, pedaggio, autopista, aparcamiento,
		parcheggio, parkeren, parkeergarage, tren, treno, trein, ovchipkaart, tranvia`),
	lexBoth(Travel, true, `albergo, hostal, vuelo, vol, vlucht, aeropuerto, aeroport,
		luchthaven, agence de voyage, agencia de viajes`),
	lexBoth(HomeImprovement, true, `bricolage, quincaillerie, ferreteria, bricolaje, ferramenta,
		bouwmarkt, ijzerwaren, meubles, muebles, mobili, meubelen, jardineria, tuincentrum,
		jardinerie`),
	lexBoth(GeneralMerchandise, true, `librairie, libreria, boekhandel, buchhandlung, tabac,
		estanco, tabacchi, tabaccheria, fleuriste, floristeria, fioraio, bloemist, drogerie,
		drogisterij`),
	lexBoth(Entertainment, true, `cine, teatro, musee, museo, loterie, loteria,
		apuestas, concierto, bioscoop, schouwburg`),
}

// lexIndex maps a keyword's first word to its entries.
var lexIndex = lexBuild(lexGroups)

// lexBuild indexes the groups. A keyword listed twice keeps its first
// placement; TestLexiconNoConflicts keeps the lexicon free of such
// duplicates.
func lexBuild(groups []lexGroup) map[string][]*lexEntry {
	idx := map[string][]*lexEntry{}
	seen := map[string]bool{}
	order := 0
	for _, g := range groups {
		for _, kw := range strings.Split(g.words, ",") {
			kw = strings.Join(strings.Fields(kw), " ")
			words := kb.Tokens(kw)
			key := strings.Join(words, " ")
			if len(words) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			conf := lexBrandConfidence
			if g.method || (g.generic && len(words) == 1) {
				conf = lexGenericConfidence
			}
			order++
			idx[words[0]] = append(idx[words[0]], &lexEntry{
				words: words, keyword: kw, in: g.in, out: g.out, confidence: conf,
				method: g.method, order: order,
			})
		}
	}
	return idx
}

// LexiconKeyword is one keyword of the lexicon with the category it gives for money out
// ("" when it only applies to money in) and whether it is a generic word or a payment method.
type LexiconKeyword struct {
	Keyword string
	Out     string
	Generic bool
	Method  bool
}

// LexiconKeywords lists the lexicon's keywords in order; the knowledge-base generator trains
// its model on them beside the brand names.
func LexiconKeywords() []LexiconKeyword {
	var out []LexiconKeyword
	for _, g := range lexGroups {
		for _, kw := range strings.Split(g.words, ",") {
			if kw = strings.Join(strings.Fields(kw), " "); kw != "" {
				out = append(out, LexiconKeyword{Keyword: kw, Out: g.out, Generic: g.generic, Method: g.method})
			}
		}
	}
	return out
}
