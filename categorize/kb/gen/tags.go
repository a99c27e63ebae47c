package main

import (
	"strings"

	"github.com/aithena/aithena/categorize"
)

// kindOf turns an NSI path ("brands/shop/supermarket") into an OSM tag ("shop=supermarket")
// and the weight of its entries' votes: a brand names what it sells; an operator (of power
// plants, parking, charging points) or a transit network is weaker evidence, as operators
// include councils and holding companies.
func kindOf(path string) (string, float64) {
	parts := strings.Split(path, "/")
	if len(parts) != 3 {
		return "", 0
	}
	kind := parts[1] + "=" + parts[2]
	switch {
	case parts[0] != "brands" && parts[0] != "operators" && parts[0] != "transit":
		return "", 0
	case parts[0] == "operators" && (kind == "amenity=charging_station" || kind == "man_made=charge_point" || kind == "amenity=parking"):
		// Supermarkets and fuel companies run chargers and car parks beside their shops.
		return "", 0
	case secondary[kind]:
		return kind, 0.3
	case parts[0] == "brands":
		return kind, 1
	case parts[0] == "operators" || parts[0] == "transit":
		return kind, 0.5
	}
	return "", 0
}

// secondary kinds are sidelines of brands known for something else: the shop of a fuel
// station (Petro-Canada), a supermarket's express format, car washes and chargers at fuel
// stations, parcel lockers in shops. They vote, but less.
var secondary = map[string]bool{
	"shop=convenience": true, "amenity=car_wash": true, "amenity=charging_station": true,
	"man_made=charge_point": true, "amenity=vending_machine": true, "amenity=parcel_locker": true,
	"amenity=parking": true,
}

// categoryOf maps an entry's OSM tag to a Plaid category, following the placement the
// lexicon uses: groceries and restaurants are food and drink, convenience stores,
// drugstores and superstores general merchandise, pharmacies and opticians medical, car
// care, insurance, post and schools general services, gyms, hairdressers and laundries
// personal care, phone and energy companies rent and utilities, hotels, car rental and
// travel agents travel. Tags that say nothing about what a payment bought (banks, ATMs,
// car makers, schools run by councils, post boxes) map to nothing.
func categoryOf(kind string, tags map[string]string) (string, bool) {
	if kind == "amenity=vending_machine" {
		switch tags["vending"] {
		case "parking_tickets", "public_transport_tickets", "fuel":
			return categorize.Transportation, true
		case "drinks", "food", "sweets", "coffee", "ice_cream", "bread", "milk", "pizza", "water":
			return categorize.FoodAndDrink, true
		}
		return "", false
	}
	c, ok := tagCategory[kind]
	return c, ok
}

var tagCategory = func() map[string]string {
	m := map[string]string{}
	add := func(cat string, kinds string) {
		for _, k := range strings.Fields(kinds) {
			m[k] = cat
		}
	}
	add(categorize.FoodAndDrink, `shop=supermarket shop=bakery shop=butcher shop=pastry shop=confectionery
		shop=alcohol shop=beverages shop=greengrocer shop=deli shop=cheese shop=chocolate shop=coffee shop=tea
		shop=dairy shop=frozen_food shop=seafood shop=health_food shop=nuts shop=spices shop=wine shop=bbq
		amenity=fast_food amenity=restaurant amenity=cafe amenity=pub amenity=bar amenity=ice_cream
		amenity=food_court amenity=biergarten highway=services`)
	add(categorize.GeneralMerchandise, `shop=convenience shop=clothes shop=shoes shop=department_store
		shop=variety_store shop=electronics shop=books shop=jewelry shop=sports shop=toys shop=gift
		shop=stationery shop=chemist shop=pet shop=outdoor shop=bicycle shop=computer shop=bag shop=baby_goods
		shop=fashion_accessories shop=watches shop=tobacco shop=e-cigarette shop=florist shop=hifi shop=art
		shop=anime shop=games shop=video_games shop=music shop=musical_instrument shop=newsagent shop=kiosk
		shop=second_hand shop=charity_shop shop=photo shop=camera shop=fabric shop=craft shop=party shop=model
		shop=leather shop=erotic shop=cannabis shop=wholesale shop=general shop=country_store shop=mall
		shop=mobile_phone_accessories shop=printer_ink shop=video shop=fishing shop=catalogue shop=appliance
		shop=outpost shop=agrarian shop=car_parts shop=motorcycle shop=pyrotechnics shop=candles`)
	add(categorize.HomeImprovement, `shop=furniture shop=doityourself shop=hardware shop=houseware shop=kitchen
		shop=bed shop=paint shop=garden_centre shop=trade shop=bathroom_furnishing shop=flooring shop=tiles
		shop=carpet shop=interior_decoration shop=household_linen shop=curtain shop=doors shop=window_blind
		shop=lighting shop=electrical shop=glaziery shop=swimming_pool shop=tool_hire shop=power_tools
		shop=vacuum_cleaner shop=frame shop=pottery craft=carpenter craft=electrician craft=plumber
		craft=glaziery craft=window_construction craft=painter shop=locksmith shop=pest_control`)
	add(categorize.Medical, `amenity=pharmacy shop=optician shop=hearing_aids shop=medical_supply
		amenity=dentist amenity=doctors amenity=clinic amenity=hospital amenity=veterinary
		healthcare=laboratory healthcare=sample_collection healthcare=physiotherapist healthcare=audiologist
		healthcare=alternative healthcare=counselling healthcare=dialysis healthcare=rehabilitation
		shop=herbalist shop=nutrition_supplements`)
	add(categorize.PersonalCare, `shop=hairdresser shop=beauty shop=cosmetics shop=perfumery shop=massage
		shop=laundry shop=dry_cleaning shop=tattoo shop=hairdresser_supply leisure=fitness_centre
		leisure=sports_centre leisure=sauna`)
	add(categorize.GeneralServices, `office=insurance office=insurance_adjuster amenity=post_office
		amenity=parcel_locker amenity=post_depot shop=car_repair shop=tyres amenity=car_wash
		amenity=vehicle_inspection shop=motorcycle_repair shop=truck_repair shop=storage_rental
		shop=copyshop shop=funeral_directors amenity=kindergarten amenity=childcare amenity=prep_school
		amenity=language_school amenity=music_school amenity=driving_school amenity=training
		office=lawyer office=tax_advisor office=moving_company office=logistics shop=shoe_repair
		shop=tailor craft=cleaning craft=electronics_repair shop=repair office=coworking office=employment_agency
		office=security`)
	add(categorize.RentAndUtilities, `office=estate_agent office=telecommunication shop=telecommunication shop=mobile_phone
		operators=power/plant power=plant power=generator power=substation power=line power=minor_line
		man_made=water_works man_made=wastewater_plant telecom=exchange shop=gas`)
	add(categorize.Transportation, `amenity=fuel amenity=charging_station man_made=charge_point
		amenity=bicycle_rental amenity=parking amenity=car_sharing amenity=motorcycle_rental
		route=train route=subway route=tram route=bus route=trolleybus route=ferry route=light_rail
		railway=station public_transport=station_subway amenity=ferry_terminal waterway=fuel`)
	add(categorize.Travel, `tourism=hotel tourism=motel tourism=hostel tourism=guest_house
		tourism=caravan_site tourism=apartment amenity=car_rental shop=travel_agency`)
	add(categorize.Entertainment, `amenity=cinema amenity=theatre amenity=casino amenity=gambling
		amenity=karaoke_box leisure=bowling_alley leisure=amusement_arcade leisure=adult_gaming_centre
		leisure=escape_game leisure=trampoline_park leisure=indoor_play leisure=water_park
		leisure=miniature_golf tourism=theme_park tourism=zoo shop=bookmaker shop=lottery shop=ticket`)
	add(categorize.GovernmentAndNonProfit, `shop=charity amenity=social_facility office=government
		office=association office=political_party office=union office=ngo amenity=townhall
		amenity=courthouse`)
	add(categorize.TransferOut, `amenity=money_transfer`)
	return m
}()
