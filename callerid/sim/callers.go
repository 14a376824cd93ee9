package sim

// Caller is someone who rings the demo line.
type Caller struct {
	// Number is ten NANP digits, as a North American line sends it.
	Number string
	// Name is as the telco sends it: upper case, at most 15 characters.
	Name string
	// Weight is how often they call, relative to the others.
	Weight int
}

// DemoCallers are the fictional regulars of a shop in Springfield, Illinois.
// Every number is in the 555-0100..0199 range that North America keeps for
// fiction, behind real area codes so the app can still say where a number
// comes from.
var DemoCallers = []Caller{
	{"2175550101", "SMITH JOHN", 9},
	{"2175550102", "GARCIA MARIA", 7},
	{"2175550103", "CITY OF SPRINGF", 3},
	{"2175550104", "WIRELESS CALLER", 6},
	{"2175550105", "JOHNSON ROBERT", 5},
	{"2175550106", "OAK ST DENTAL", 4},
	{"2175550107", "NGUYEN THANH", 4},
	{"2175550108", "MILLER SUSAN", 3},
	{"2175550109", "SPRINGFIELD IL", 3},
	{"2175550110", "ACME PLUMBING", 2},
	{"2175550111", "DAVIS KAREN", 2},
	{"2175550112", "BROWN MICHAEL", 2},
	{"2175550113", "ST JOHNS HOSP", 2},
	{"2175550114", "WILSON LINDA", 1},
	{"2175550115", "MOORE JAMES", 1},
	{"2175550116", "TAYLOR PATRICIA", 1},
	{"2175550117", "ANDERSON DAVID", 1},
	{"2175550118", "THOMAS JENNIFER", 1},
	{"3095550120", "PEORIA IL", 2},
	{"3095550121", "JACKSON WILLIAM", 1},
	{"6185550122", "WHITE ELIZABETH", 1},
	{"6185550123", "WIRELESS CALLER", 2},
	{"3125550124", "HARRIS RICHARD", 1},
	{"3125550125", "LAKESIDE SUPPLY", 2},
	{"7735550126", "MARTIN BARBARA", 1},
	{"6305550127", "THOMPSON JOSEPH", 1},
	{"8475550128", "LEE SARAH", 1},
	{"8155550129", "ROCKFORD IL", 1},
	{"3145550130", "ST LOUIS MO", 2},
	{"3145550131", "CLARK CHARLES", 1},
	{"3175550132", "LEWIS NANCY", 1},
	{"6085550133", "WALKER DANIEL", 1},
	{"2125550141", "HALL KAREN", 1},
	{"4155550134", "ALLEN MATTHEW", 1},
	{"5125550135", "YOUNG LISA", 1},
	{"3035550136", "KING STEVEN", 1},
	{"4045550137", "WRIGHT BETTY", 1},
	{"8005550138", "TOLL FREE CALL", 2},
	{"8885550139", "TOLL FREE CALL", 1},
	{"2175550140", "HERNANDEZ JOSE", 3},
}
