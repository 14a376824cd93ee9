package sim

// areaCode is where callers who are new to the shop ring from: the demo shop
// is in Springfield, Illinois, so most are local or from nearby.
type areaCode struct {
	code  string
	place string // as a telco names a wireless caller: city and state
	share float64
}

var areaCodes = []areaCode{
	{"217", "SPRINGFIELD IL", 30}, {"309", "PEORIA IL", 6}, {"618", "BELLEVILLE IL", 5},
	{"312", "CHICAGO IL", 4}, {"773", "CHICAGO IL", 3}, {"630", "NAPERVILLE IL", 2},
	{"847", "EVANSTON IL", 2}, {"815", "ROCKFORD IL", 3}, {"708", "CICERO IL", 1},
	{"779", "JOLIET IL", 1}, {"224", "ELGIN IL", 1}, {"331", "AURORA IL", 1},
	{"314", "ST LOUIS MO", 4}, {"636", "ST CHARLES MO", 1}, {"573", "COLUMBIA MO", 1},
	{"816", "KANSAS CITY MO", 1}, {"317", "INDIANAPOLIS IN", 2}, {"765", "LAFAYETTE IN", 1},
	{"319", "CEDAR RAPIDS IA", 1}, {"515", "DES MOINES IA", 1}, {"563", "DAVENPORT IA", 1},
	{"608", "MADISON WI", 1}, {"414", "MILWAUKEE WI", 1}, {"612", "MINNEAPOLIS MN", 1},
	{"502", "LOUISVILLE KY", 1}, {"615", "NASHVILLE TN", 1}, {"313", "DETROIT MI", 1},
	{"616", "GRAND RAPIDS MI", 1}, {"614", "COLUMBUS OH", 1}, {"216", "CLEVELAND OH", 1},
	{"212", "NEW YORK NY", 1}, {"718", "BROOKLYN NY", 1}, {"415", "SAN FRANCISCO C", 1},
	{"213", "LOS ANGELES CA", 1}, {"512", "AUSTIN TX", 1}, {"214", "DALLAS TX", 1},
	{"713", "HOUSTON TX", 1}, {"303", "DENVER CO", 1}, {"404", "ATLANTA GA", 1},
	{"305", "MIAMI FL", 1}, {"407", "ORLANDO FL", 1}, {"206", "SEATTLE WA", 1},
	{"617", "BOSTON MA", 1}, {"602", "PHOENIX AZ", 1}, {"702", "LAS VEGAS NV", 1},
	{"215", "PHILADELPHIA PA", 1}, {"412", "PITTSBURGH PA", 1}, {"202", "WASHINGTON DC", 1},
}

var lastNames = []string{
	"SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS",
	"RODRIGUEZ", "MARTINEZ", "HERNANDEZ", "LOPEZ", "GONZALEZ", "WILSON", "ANDERSON",
	"THOMAS", "TAYLOR", "MOORE", "JACKSON", "MARTIN", "LEE", "PEREZ", "THOMPSON",
	"WHITE", "HARRIS", "SANCHEZ", "CLARK", "RAMIREZ", "LEWIS", "ROBINSON", "WALKER",
	"YOUNG", "ALLEN", "KING", "WRIGHT", "SCOTT", "TORRES", "NGUYEN", "HILL", "FLORES",
	"GREEN", "ADAMS", "NELSON", "BAKER", "HALL", "RIVERA", "CAMPBELL", "MITCHELL",
	"CARTER", "ROBERTS", "KOWALSKI", "SCHMIDT", "OBRIEN", "PATEL", "KIM",
}

var firstNames = []string{
	"JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA",
	"DAVID", "ELIZABETH", "WILLIAM", "BARBARA", "RICHARD", "SUSAN", "JOSEPH", "JESSICA",
	"THOMAS", "SARAH", "CHARLES", "KAREN", "DANIEL", "LISA", "MATTHEW", "NANCY",
	"ANTHONY", "BETTY", "MARK", "SANDRA", "DONALD", "ASHLEY", "STEVEN", "DOROTHY",
	"PAUL", "KIMBERLY", "ANDREW", "EMILY", "JOSHUA", "DONNA", "KEVIN", "MICHELLE",
	"BRIAN", "CAROL", "GEORGE", "AMANDA", "TIMOTHY", "MELISSA", "JOSE", "MARIA",
}

var businesses = []string{
	"ABC ROOFING", "MIDWEST INS", "PRAIRIE BANK", "LINCOLN SCHOOL", "HEARTLAND AUTO",
	"SUNRISE DAYCARE", "CAPITOL PRINT", "GREEN LAWN CARE", "STATE FARM INS",
	"MEMORIAL MED", "ILLINI FENCE", "RIVERSIDE VET", "DOWNTOWN DELI", "UNITED FREIGHT",
}
