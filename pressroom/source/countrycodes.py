"""The ISO 3166 country codes a partner's ``country`` and ``site.yaml``'s ``country_names`` may name.

They are the two-letter regions CLDR names, less the codes that name no country (see
`NO_COUNTRY`), as Babel 2.18.0 gives them. Written out rather than read from Babel on
each build: Babel reads the whole English locale for them (10 ms, in the build's first
steps, before any page is rendered, on every build of a site whose ``site.yaml`` names
countries). A test holds the list to Babel's, so that a new Babel is noticed.
"""

NO_COUNTRY = frozenset({"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"})
"""Codes CLDR names that are no country: unknown region, outlying Oceania, the EU, the
eurozone, the UN and the two pseudo-locales' regions ("Unknown Region" was published)."""

_WRITTEN = """
AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CQ CR CU CV CW CX CY CZ DE
DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM
GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM
SN SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US
UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
"""
COUNTRY_CODES = frozenset(_WRITTEN.split())
