package categorize

// MCCCategory maps a card network's merchant category code (ISO 18245) to a category: first
// the codes whose meaning differs from their range (5411 grocery stores within retail, 5912
// drug stores, 6011 cash withdrawals, ...), then the ranges of the standard (3000–3299
// airlines, 3351–3441 car rental, 3501–3999 lodging, 4000–4799 transport, 4800–4999
// utilities and telecoms, 5000–5999 retail, 7000–7999 services, 8000–8999 professional and
// medical, 9000–9999 government). ok is false for 0, codes outside 1–9999 and money in (a
// refund's code says what was refunded, but a credit from a card network is rarely a
// purchase, so the code decides only money out).
func MCCCategory(code int, amountMinor int64) (string, bool) {
	if code <= 0 || code > 9999 || amountMinor > 0 {
		return "", false
	}
	if c, ok := mccCodes[code]; ok {
		return c, c != ""
	}
	for _, r := range mccRanges {
		if code >= r.from && code <= r.to {
			return r.category, r.category != ""
		}
	}
	return "", false
}

var mccCodes = map[int]string{
	// Transport and travel.
	4111: Transportation, 4112: Transportation, 4121: Transportation, 4131: Transportation,
	4784: Transportation, 4789: Transportation, 7523: Transportation, 5541: Transportation,
	5542: Transportation, 5552: Transportation, 5172: Transportation, 4411: Travel, 4511: Travel,
	4582: Travel, 4722: Travel, 7011: Travel, 7012: Travel, 7512: Travel, 7513: Travel, 7519: Travel,
	7033: Travel, 4214: GeneralServices, 4215: GeneralServices, 4225: GeneralServices,
	// Utilities and telecoms.
	4812: RentAndUtilities, 4814: RentAndUtilities, 4815: RentAndUtilities, 4816: RentAndUtilities,
	4821: RentAndUtilities, 4899: RentAndUtilities, 4900: RentAndUtilities, 6513: RentAndUtilities,
	// Food and drink.
	5411: FoodAndDrink, 5422: FoodAndDrink, 5441: FoodAndDrink, 5451: FoodAndDrink, 5462: FoodAndDrink,
	5499: FoodAndDrink, 5811: FoodAndDrink, 5812: FoodAndDrink, 5813: FoodAndDrink, 5814: FoodAndDrink,
	5921: FoodAndDrink, 5300: GeneralMerchandise, 5331: GeneralMerchandise, 5399: GeneralMerchandise,
	// Home improvement within retail.
	5200: HomeImprovement, 5211: HomeImprovement, 5231: HomeImprovement, 5251: HomeImprovement,
	5261: HomeImprovement, 5712: HomeImprovement, 5713: HomeImprovement, 5714: HomeImprovement,
	5718: HomeImprovement, 5719: HomeImprovement, 5722: HomeImprovement, 1520: HomeImprovement,
	1711: HomeImprovement, 1731: HomeImprovement, 1740: HomeImprovement, 1750: HomeImprovement,
	1761: HomeImprovement, 1771: HomeImprovement, 780: HomeImprovement, 7342: HomeImprovement,
	// Medical and personal care.
	5912: Medical, 5975: Medical, 5976: Medical, 8011: Medical, 8021: Medical, 8031: Medical,
	8041: Medical, 8042: Medical, 8043: Medical, 8049: Medical, 8050: Medical, 8062: Medical,
	8071: Medical, 8099: Medical, 742: Medical, 5977: PersonalCare, 7230: PersonalCare,
	7297: PersonalCare, 7298: PersonalCare, 7210: PersonalCare, 7211: PersonalCare, 7216: PersonalCare,
	7941: Entertainment, 7997: PersonalCare,
	// Services.
	5533: GeneralServices, 7531: GeneralServices, 7534: GeneralServices, 7535: GeneralServices,
	7538: GeneralServices, 7542: GeneralServices, 7549: GeneralServices, 5960: GeneralServices,
	6300: GeneralServices, 6381: GeneralServices, 6399: GeneralServices, 8211: GeneralServices,
	8220: GeneralServices, 8241: GeneralServices, 8244: GeneralServices, 8249: GeneralServices,
	8299: GeneralServices, 8351: GeneralServices, 8111: GeneralServices, 8931: GeneralServices,
	9402: GeneralServices, 7261: GeneralServices,
	// Entertainment.
	7832: Entertainment, 7841: Entertainment, 7922: Entertainment, 7929: Entertainment,
	7932: Entertainment, 7933: Entertainment, 7991: Entertainment, 7992: Entertainment,
	7993: Entertainment, 7994: Entertainment, 7995: Entertainment, 7996: Entertainment,
	7998: Entertainment, 7999: Entertainment, 5815: Entertainment, 5816: Entertainment,
	5817: Entertainment, 5818: Entertainment, 5735: Entertainment,
	// Money movement.
	6010: TransferOut, 6011: TransferOut, 6012: TransferOut, 6050: TransferOut, 6051: TransferOut,
	6211: TransferOut, 6540: TransferOut, 4829: TransferOut, 6536: TransferOut, 6537: TransferOut,
	6538: TransferOut,
	// Government and non-profit.
	8398: GovernmentAndNonProfit, 8651: GovernmentAndNonProfit, 8661: GovernmentAndNonProfit,
	9211: GovernmentAndNonProfit, 9222: GovernmentAndNonProfit, 9223: GovernmentAndNonProfit,
	9311: GovernmentAndNonProfit, 9399: GovernmentAndNonProfit, 9405: GovernmentAndNonProfit,
}

var mccRanges = []struct {
	from, to int
	category string
}{
	{1, 1499, HomeImprovement}, // agricultural services and contractors
	{1500, 2999, HomeImprovement},
	{3000, 3299, Travel}, // airlines
	{3300, 3499, Travel}, // car rental
	{3500, 3999, Travel}, // lodging
	{4000, 4799, Transportation},
	{4800, 4999, RentAndUtilities},
	{5000, 5599, GeneralMerchandise},
	{5600, 5699, GeneralMerchandise}, // clothing
	{5700, 5999, GeneralMerchandise},
	{6000, 6999, ""}, // financial institutions: too varied to say
	{7000, 7299, PersonalCare},
	{7300, 7999, GeneralServices},
	{8000, 8099, Medical},
	{8100, 8999, GeneralServices},
	{9000, 9999, GovernmentAndNonProfit},
}
