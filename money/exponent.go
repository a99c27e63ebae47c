package money

// MaxExponent is the largest exponent Parse accepts. 10^18 is the largest
// power of ten that fits in an int64, so a larger exponent could not hold
// even one whole unit.
const MaxExponent = 18

// exponents maps ISO 4217 alphabetic codes to their minor-unit exponent
// (the number of decimal digits after the point). Codes whose minor unit
// ISO lists as "N.A." (XAU, XDR, XTS, XXX, ...) are deliberately absent:
// they are not money a bank statement can be denominated in.
var exponents = func() map[string]int {
	m := make(map[string]int, 180)
	add := func(exp int, codes ...string) {
		for _, c := range codes {
			m[c] = exp
		}
	}
	add(0,
		"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
		"RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
	)
	add(2,
		"AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN",
		"BAM", "BBD", "BDT", "BGN", "BMD", "BND", "BOB", "BOV", "BRL",
		"BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF",
		"CHW", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DKK",
		"DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
		"GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG",
		"HUF", "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR",
		"KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "MAD",
		"MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
		"MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK",
		"NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR",
		"RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
		"SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
		"THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH",
		"USD", "USN", "UYU", "UZS", "VED", "VES", "WST", "XCD", "XCG",
		"YER", "ZAR", "ZMW", "ZWG",
	)
	// Recently withdrawn codes are kept because imported statements can
	// predate the withdrawal.
	add(2, "ANG", "CUC", "HRK", "SLL", "ZWL")
	add(3, "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND")
	add(4, "CLF", "UYW")
	return m
}()

// Exponent returns the ISO 4217 minor-unit exponent for an upper-case
// three-letter currency code: 2 for USD (cents), 0 for JPY, 3 for KWD.
// Unknown or non-canonical input (including lower case) reports false so
// that callers normalise codes once, at the boundary, rather than everywhere.
func Exponent(currency string) (int, bool) {
	e, ok := exponents[currency]
	return e, ok
}
