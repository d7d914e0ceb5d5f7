"""Word lists the generator draws from: spelling variants of names, titles, ordinary
people's and companies' names, countries.

They are fixed here (not drawn from the list being tested) so that a change to the list
parser cannot quietly change what a "realistic non-listed name" is. Decoys built from them
are still checked against the list before use.
"""

from __future__ import annotations

# Romanisations of one name (Arabic, Persian, Russian, Korean) and Spanish names with and
# without their accents: what the same person's name looks like on two documents.
SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("MOHAMMED", "MOHAMMAD", "MUHAMMAD", "MOHAMED", "MUHAMMED", "MOHAMAD", "MUHAMAD"),
    ("AHMED", "AHMAD"), ("HASSAN", "HASAN"), ("HUSSEIN", "HUSAYN", "HUSSAIN", "HOSSEIN", "HUSEIN"),
    ("YOUSSEF", "YUSUF", "YOUSEF", "YOUSIF", "YUSSEF"), ("OSAMA", "USAMA"), ("OMAR", "UMAR"),
    ("KHALED", "KHALID"), ("MAHMOUD", "MAHMUD"), ("MUSTAFA", "MOSTAFA", "MUSTAPHA"),
    ("IBRAHIM", "EBRAHIM"), ("SAEED", "SAID", "SAIED"), ("ABDUL", "ABDEL", "ABDOUL"), ("ABU", "ABOU"),
    ("HAJI", "HAJJI", "HADJI"), ("JAMAL", "GAMAL"), ("QASIM", "QASEM", "KASSEM", "KASIM"),
    ("ABDULLAH", "ABDALLAH", "ABDULLA"), ("SULEIMAN", "SULAYMAN", "SULAIMAN"), ("YAHYA", "YAHIA"),
    ("MUSA", "MOUSA", "MOUSSA"), ("ISSA", "ISA", "EISA"), ("HAMID", "HAMED"), ("RASHID", "RACHID", "RASHEED"),
    ("FAISAL", "FAYSAL", "FEISAL"), ("NASSER", "NASIR", "NASER"), ("JAFAR", "JAAFAR"),
    ("HAIDAR", "HAYDAR", "HAIDER"), ("MAHDI", "MEHDI"), ("REZA", "RIZA"), ("ALI", "ALY"),
    ("HUSAIN", "HUSSAIN"), ("ABBAS", "ABBASS"), ("KARIM", "KAREEM"), ("SALEH", "SALIH"),
    ("ALEKSANDR", "ALEXANDER", "ALEKSANDER", "ALEXANDR"), ("SERGEY", "SERGEI", "SERGUEI"),
    ("ALEKSEY", "ALEXEI", "ALEKSEI", "ALEXEY"), ("YURIY", "YURI", "IURII", "YURY"),
    ("DMITRIY", "DMITRY", "DMITRI"), ("ANDREY", "ANDREI"), ("NIKOLAY", "NIKOLAI"), ("VIKTOR", "VICTOR"),
    ("YEVGENIY", "EVGENY", "YEVGENY", "EVGENII"), ("MIKHAIL", "MIKHAEL"), ("ARKADIY", "ARKADY"),
    ("GENNADIY", "GENNADY"), ("VALERIY", "VALERY"), ("ANATOLIY", "ANATOLY"), ("GRIGORIY", "GRIGORY"),
    ("TATYANA", "TATIANA"), ("NATALYA", "NATALIA"), ("OLEKSANDR", "OLEXANDR"),
    ("JONG", "CHONG"), ("CHOL", "CHUL"), ("HYON", "HYUN"), ("PAK", "PARK"), ("SONG", "SUNG"),
    ("JOSE", "JOSÉ"), ("MARIA", "MARÍA"), ("PEREZ", "PÉREZ"), ("GONZALEZ", "GONZÁLEZ"),
    ("RODRIGUEZ", "RODRÍGUEZ"), ("HERNANDEZ", "HERNÁNDEZ"), ("MARTINEZ", "MARTÍNEZ"), ("LOPEZ", "LÓPEZ"),
    ("SANCHEZ", "SÁNCHEZ"), ("RAMIREZ", "RAMÍREZ"), ("GOMEZ", "GÓMEZ"), ("FERNANDEZ", "FERNÁNDEZ"),
    ("JIMENEZ", "JIMÉNEZ"), ("MUNOZ", "MUÑOZ"), ("ANGEL", "ÁNGEL"), ("RAMON", "RAMÓN"), ("JESUS", "JESÚS"),
    ("NUNEZ", "NÚÑEZ"), ("CESAR", "CÉSAR"), ("HECTOR", "HÉCTOR"), ("OSCAR", "ÓSCAR"), ("ALVAREZ", "ÁLVAREZ"),
    ("DIAZ", "DÍAZ"), ("GARCIA", "GARCÍA"), ("VASQUEZ", "VÁSQUEZ"), ("VELASQUEZ", "VELÁSQUEZ"),
    ("VAZQUEZ", "VÁZQUEZ"), ("ANDRES", "ANDRÉS"), ("JOAQUIN", "JOAQUÍN"), ("MARTIN", "MARTÍN"),
    ("BENITEZ", "BENÍTEZ"), ("RUBEN", "RUBÉN"), ("EFRAIN", "EFRAÍN"), ("ADRIAN", "ADRIÁN"),
)
# Spelling rules for names the table does not know, as (pattern, replacement) regexes on
# an upper-case token: Russian endings written the French or German way, "ou"/"u",
# "ee"/"i", Arabic "q" written "k", the article written "el", a doubled "s" single.
RULES: tuple[tuple[str, str], ...] = (
    (r"OV$", "OFF"), (r"IEV$", "YEV"), (r"YEV$", "IEV"), (r"SKIY$", "SKY"),
    (r"SKY$", "SKIY"), (r"IY$", "Y"), (r"^YU", "IU"), (r"^YE", "E"), (r"YA$", "IA"),
    (r"(?<=[A-Z])OU(?=[A-Z])", "U"), (r"EE", "I"), (r"Q(?!U)", "K"), (r"^AL-", "EL-"), (r"^AL$", "EL"),
    (r"^EL-", "AL-"), (r"(?<=[AEIOU])SS(?=[AEIOU])", "S"),
)
# Titles written before a name; the ones a query adds are neutral as to sex.
TITLES: frozenset[str] = frozenset({
    "DR", "MR", "MRS", "MS", "PROF", "SHEIKH", "SHAYKH", "SHAIKH", "HAJI", "HAJJI", "HAJ", "MULLAH",
    "MAULANA", "MAWLAWI", "MAWLAVI", "GENERAL", "GEN", "COLONEL", "COL", "CAPTAIN", "CAPT", "MAJOR",
    "SIR", "QARI", "IMAM", "MUFTI", "ENG", "ENGINEER", "HON", "HE", "AYATOLLAH", "BRIGADIER", "ADMIRAL",
})
ADDED_TITLES: tuple[str, ...] = ("Dr.", "Prof.", "Hon.", "Eng.", "Gen.", "Col.", "H.E.")

FIRST_NAMES: tuple[str, ...] = (
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
    "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
    "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Margaret", "Paul", "Sandra",
    "Steven", "Ashley", "Andrew", "Kimberly", "Kenneth", "Emily", "Joshua", "Donna", "Kevin", "Michelle",
    "Brian", "Carol", "George", "Amanda", "Timothy", "Melissa", "Ronald", "Deborah", "Jason", "Stephanie",
    "Edward", "Rebecca", "Jeffrey", "Sharon", "Ryan", "Laura", "Jacob", "Cynthia", "Gary", "Kathleen",
    "Wei", "Hiroshi", "Yuki", "Sanjay", "Priya", "Rahul", "Ananya", "Oluwaseun", "Chinedu", "Ngozi",
    "Kwame", "Amara", "Lars", "Ingrid", "Sven", "Freya", "Pierre", "Camille", "Matteo", "Giulia", "Luca",
    "Sofia", "Jakub", "Zofia", "Piotr", "Agnieszka", "Mateo", "Valentina", "Santiago", "Lucia", "Joao",
    "Beatriz", "Tomasz", "Katarzyna", "Hans", "Greta", "Aiko", "Kenji", "Minh", "Siddharth", "Deepa",
    "Arjun", "Kavya", "Tunde", "Folake", "Emeka", "Chiara", "Dimitra", "Nikos", "Eleni", "Bram", "Saskia",
    "Omar", "Fatima", "Layla", "Yusuf", "Olga", "Dmitri", "Irina", "Ahmed", "Elena", "Carlos",
)
SURNAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
    "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
    "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson",
    "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
    "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "O'Brien", "Kowalski", "Nowak",
    "Wisniewski", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Hoffmann", "Dubois", "Lefebvre", "Moreau", "Laurent", "Rossi", "Russo", "Ferrari", "Esposito",
    "Bianchi", "Romano", "Silva", "Santos", "Oliveira", "Pereira", "Costa", "Tanaka", "Suzuki",
    "Takahashi", "Watanabe", "Yamamoto", "Nakamura", "Patel", "Sharma", "Gupta", "Singh", "Iyer", "Reddy",
    "Nair", "Okafor", "Adeyemi", "Mensah", "Osei", "Nwosu", "Chen", "Liu", "Huang", "Zhao", "Wu",
    "Nguyen", "Tran", "Pham", "Johansson", "Andersson", "Larsen", "Nielsen", "Hansen", "Jansen",
    "de Vries", "van Dijk", "Novak", "Horvat", "Papadopoulos", "Kovacs", "Nagy", "Haddad", "Khoury",
    "Mansour", "Sokolov", "Popescu", "Lindqvist", "Fitzgerald", "Gallagher", "Okonkwo", "Bergstrom",
)
# Distinctive words for made-up company names: place-like and nature words that few
# sanctioned companies use (those that any listed name uses are dropped at generation).
COMPANY_WORDS: tuple[str, ...] = (
    "Maple", "Kestrel", "Harbourview", "Northfield", "Bluewater", "Silverbirch", "Granite", "Meadowlark",
    "Brightwater", "Oakridge", "Westbrook", "Fairhaven", "Stonebridge", "Riverbend", "Amberley",
    "Lakeshore", "Thornbury", "Willowmere", "Copperfield", "Juniper", "Hawthorn", "Larkspur", "Ashford",
    "Elmstead", "Pinecrest", "Ravenswood", "Sunfield", "Clearbrook", "Redwood", "Highgate", "Foxglove",
    "Ironwood", "Cedarline", "Mapleton", "Brookhaven", "Glenmore", "Windmere", "Kingsley", "Alderbank",
    "Birchwood", "Tidewater", "Lindenfeld", "Sonnenberg", "Bellavista", "Montclair", "Heatherton",
    "Greystone", "Whitmore", "Marigold", "Bramblewood", "Cobalt", "Lanternfield", "Saltmarsh",
    "Fernhill", "Quarrytown", "Millbrook", "Seabright", "Wrenfield", "Ashcombe", "Rosehill",
)
# Words many sanctioned companies share: a new company using one is not a match.
COMMON_COMPANY_WORDS: tuple[str, ...] = (
    "TRADING", "SHIPPING", "GROUP", "INTERNATIONAL", "BANK", "DEVELOPMENT", "INVESTMENT", "INDUSTRIES",
    "GENERAL", "MANAGEMENT", "HOLDING", "ENERGY", "SERVICES", "OIL", "EXCHANGE", "TECHNOLOGY", "STEEL",
    "ENGINEERING", "CONSTRUCTION", "PETROCHEMICAL", "MARITIME", "GLOBAL", "CAPITAL", "PROPERTIES",
)
# ISO 3166 alpha-2 codes a customer may give.
COUNTRIES: tuple[str, ...] = (
    "US", "GB", "DE", "FR", "IT", "ES", "PT", "NL", "BE", "CH", "AT", "SE", "NO", "DK", "FI", "PL", "CZ",
    "IE", "CA", "AU", "NZ", "JP", "KR", "SG", "IN", "BR", "MX", "AR", "CL", "ZA", "NG", "KE", "GH", "EG",
    "MA", "TR", "AE", "SA", "IL", "PH", "TH", "VN", "MY", "ID", "CN",
)
