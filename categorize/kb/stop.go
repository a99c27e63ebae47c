package kb

// stopWords are tokens of bank statements that say how money moved, not who got it, in the
// languages the normalizer knows (card, payment, purchase, SEPA, "Kartenzahlung", "achat",
// "compra", "betaling", ...), plus a few words so common in names that they identify nothing
// alone. They are never a brand on their own and carry no weight in the model.
var stopWords = setOf(`
	the and of de la le les du des der die das und et y e en von van het een a an in at on to for by from with
	pos card carte karte tarj tarjeta tarjetas kaart pas betaalpas purchase payment payments paiement pago pagamento
	achat compra acquisto betaling bezahlung kartenzahlung zahlung debit credit visa mastercard maestro girocard
	contactless sans contact cb ec eftpos electronic online internet web recurring authorized authorised
	sepa ach bgc fpi fpo dd ddr sto direct transfer xfer virement vir prlv overboeking ueberweisung transferencia
	bonifico incasso lastschrift domiciliation recibo addebito gutschrift abbuchung
	ref reference mandate mandat iban bic eref mref kref cred svwz id nr no num store stores shop market
	inc llc ltd limited plc gmbh ag kg bv nv sa sas sarl srl spa sl sau co corp company
	city center centre centrum central north south east west new
	usa us uk gb de fr es it nl be at ch ca au eur usd gbp chf cad aud
	bill pmt pymt pmnt autopay deposit withdrawal fee fees charge
	machtiging omschrijving kenmerk relatienr betalingskenmerk incasso algemeen doorlopend pin betaalautomaat
	verwendungszweck mandatsreferenz glaeubiger glaeubigerid kundenreferenz kartenumsatz umsatz buchung
	referencia concepto ordenante beneficiario motif libelle emis recu vers causale riferimento ordinante
	tarj tarjeta 4b dankt danke sagt merci gracias grazie bedankt
	january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec
	januar februar maerz mai juni juli oktober dezember
	janvier fevrier mars avril juin juillet aout septembre octobre novembre decembre
	enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
	januari februari maart mei augustus
	gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
`)

// Stop reports whether a token is a statement word (see stopWords).
func Stop(tok string) bool { return stopWords[tok] }

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range Tokens(words) {
		m[w] = true
	}
	return m
}
