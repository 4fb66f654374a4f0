"""Names for the demo school, from the many cultures and scripts a UK primary really has.

Every name is made up by pairing common given names with common family names; any match
with a real person is a coincidence. Scripts other than Latin come as (native, Latin)
pairs: some families are recorded in their own script, the rest transliterated, as a
school office would find them in its MIS export.
"""

from __future__ import annotations

from dataclasses import dataclass


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """ "Γιώργος=Giorgos Νίκος=Nikos" -> (("Γιώργος", "Giorgos"), ...); plain words pair
    with themselves. Underscores stand for spaces inside one name."""
    out = []
    for word in text.split():
        native, _, latin = word.partition("=")
        out.append((native.replace("_", " "), (latin or native).replace("_", " ")))
    return tuple(out)


@dataclass(frozen=True)
class Culture:
    key: str
    weight: int  # families per ~100
    female: tuple[tuple[str, str], ...]
    male: tuple[tuple[str, str], ...]
    # "Kowalski|Kowalska": masculine|feminine forms, as Polish and Greek have.
    surnames: tuple[tuple[str, str], ...]
    order: str = "western"  # "western" given-family, "family_first" (Vietnamese), "cjk"
    script: bool = False  # has a native non-Latin script
    female_adult: tuple[tuple[str, str], ...] = ()  # a generation older, when it differs
    male_adult: tuple[tuple[str, str], ...] = ()


CULTURES: tuple[Culture, ...] = (
    Culture(
        "english", 46,
        _pairs("Olivia Amelia Isla Ava Emily Sophie Grace Poppy Evie Ruby Freya Lily Ella "
               "Florence Willow Matilda Phoebe Daisy Harriet"),
        _pairs("Oliver George Harry Noah Jack Leo Arthur Oscar Charlie Freddie Alfie Theo "
               "Archie Henry Reggie Louie Teddy Albie Jacob"),
        _pairs("Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright "
               "Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Hughes "
               "Edwards Turner Cooper Hill Ward Harrison Morgan Baker Price Bennett Griffiths "
               "Shaw Marsh Fletcher Pearson Ashworth Holloway Pritchard"),
        female_adult=_pairs("Claire Sarah Emma Gemma Laura Kerry Joanne Nicola Rachel Helen "
                            "Michelle Lisa Hayley Stacey Kirsty Natalie Victoria Jodie"),
        male_adult=_pairs("James Daniel Mark Paul Craig Lee Stuart Gareth Matthew Ryan Darren "
                          "Simon Andrew Wayne Carl Jamie Richard Neil"),
    ),
    Culture(
        "irish", 5,
        _pairs("Siobhán Aoife Niamh Saoirse Caoimhe Róisín Orla Clodagh Sinéad Éabha"),
        _pairs("Seán Ciarán Oisín Pádraig Cathal Darragh Eoin Tadhg Cian Fionn"),
        _pairs("Ó_Briain O'Neill O'Sullivan Murphy Kelly Byrne McCarthy Doyle O'Connor "
               "Gallagher Mac_Giolla_Phádraig O'Donoghue"),
    ),
    Culture(
        "polish", 6,
        _pairs("Łucja Zofia Małgorzata Agnieszka Katarzyna Zuzanna Wiktoria Hanna Joanna"),
        _pairs("Łukasz Paweł Michał Wojciech Jakub Krzysztof Szymon Mateusz Tomasz"),
        _pairs("Wróbel Kowalski|Kowalska Nowak Wiśniewski|Wiśniewska Wójcik "
               "Zieliński|Zielińska Szymański|Szymańska Dąbrowski|Dąbrowska Kaczmarek "
               "Grabowski|Grabowska Błaszczyk"),
    ),
    Culture(
        "turkish", 4,
        _pairs("Çağrı Elif Zeynep Ayşe Büşra Merve Özlem Defne Ecrin"),
        _pairs("Çağrı Mehmet Emre Barış Oğuz Yusuf Kerem Eren Gökhan"),
        _pairs("Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Doğan Arslan Güneş"),
    ),
    Culture(
        "vietnamese", 3,
        _pairs("Thị_Hương Thị_Lan Thị_Mai Ngọc_Linh Thu_Thảo Bảo_Anh Thị_Hồng"),
        _pairs("Văn_Hùng Minh_Tuấn Đức_Anh Minh_Khoa Hoàng_Long Văn_Quang Gia_Huy"),
        _pairs("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi"),
        order="family_first",
    ),
    Culture(
        "south_asian", 8,
        _pairs("Priya Aisha Ananya Simran Zara Maryam Harpreet Sunita Anjali Ayesha Kavya"),
        _pairs("Arjun Rohan Imran Aarav Hamza Ravi Sanjay Zain Vikram Ibrahim Gurpreet"),
        _pairs("Patel Khan Singh Shah Ahmed Hussain Sharma Chaudhry Mistry Begum Gill"),
    ),
    Culture(
        "west_african", 5,
        _pairs("Adaeze Chiamaka Folake Ngozi Abena Ama Temitope Ifeoma Efua"),
        _pairs("Chinedu Oluwaseun Kwame Tunde Emeka Kofi Femi Kwabena Obinna"),
        _pairs("Okafor Adeyemi Mensah Okonkwo Boateng Oyelaran Asante Eze Owusu Adebayo"),
    ),
    Culture(
        "somali", 2,
        _pairs("Hodan Amina Faduma Ayaan Sahra Ubah"),
        _pairs("Abdi Mohamed Ahmed Yusuf Abdirahman Liban"),
        _pairs("Abdi Hassan Farah Warsame Mohamud Osman Jama"),
    ),
    Culture(
        "romanian", 3,
        _pairs("Ioana Andreea Elena Bianca Ștefania Alexandra Raluca"),
        _pairs("Andrei Ionuț Mihai Ștefan Vlad Bogdan Răzvan"),
        _pairs("Popescu Ionescu Dumitrescu Stan Constantin Munteanu Stănescu"),
    ),
    Culture(
        "portuguese", 2,
        _pairs("Inês Beatriz Conceição Leonor Matilde"),
        _pairs("João Tiago Gonçalo Rodrigo Simão"),
        _pairs("Silva Santos Gonçalves Ferreira Magalhães D'Almeida"),
    ),
    Culture(
        "greek", 3,
        _pairs("Μαρία=Maria Ελένη=Eleni Κατερίνα=Katerina Σοφία=Sofia Δέσποινα=Despina"),
        _pairs("Γιώργος=Giorgos Νίκος=Nikos Δημήτρης=Dimitris Κωνσταντίνος=Konstantinos "
               "Ανδρέας=Andreas"),
        _pairs("Παπαδόπουλος|Παπαδοπούλου=Papadopoulos|Papadopoulou Ιωάννου=Ioannou "
               "Γεωργίου=Georgiou Νικολάου=Nikolaou "
               "Κωνσταντινίδης|Κωνσταντινίδου=Konstantinidis|Konstantinidou"),
        script=True,
    ),
    Culture(
        "ukrainian", 3,
        _pairs("Олена=Olena Оксана=Oksana Ірина=Iryna Софія=Sofiia Анастасія=Anastasiia"),
        _pairs("Андрій=Andrii Тарас=Taras Олександр=Oleksandr Максим=Maksym Дмитро=Dmytro"),
        _pairs("Коваленко=Kovalenko Шевченко=Shevchenko Бондаренко=Bondarenko Мельник=Melnyk "
               "Кравченко=Kravchenko Ткаченко=Tkachenko"),
        script=True,
    ),
    Culture(
        "arabic", 3,
        _pairs("فاطمة=Fatima مريم=Mariam ليلى=Layla نور=Nour سلمى=Salma"),
        _pairs("محمد=Mohammed أحمد=Ahmed عمر=Omar يوسف=Youssef خالد=Khaled"),
        _pairs("الحسن=Al-Hassan حداد=Haddad النجار=Al-Najjar خليل=Khalil الصالح=Al-Saleh"),
        script=True,
    ),
    Culture(
        "chinese", 3,
        _pairs("芳=Fang 丽=Li 静=Jing 慧敏=Huimin 雪=Xue 欣怡=Xinyi"),
        _pairs("伟=Wei 强=Qiang 浩然=Haoran 子轩=Zixuan 俊杰=Junjie 宇=Yu"),
        _pairs("王=Wang 李=Li 张=Zhang 刘=Liu 陈=Chen 黄=Huang"),
        order="cjk",
        script=True,
    ),
)

CULTURE_BY_KEY = {c.key: c for c in CULTURES}
# Staff, volunteers and governors: a Midlands school's staff room, less varied than its gate.
STAFF_WEIGHTS = {"english": 60, "irish": 6, "polish": 4, "south_asian": 10, "west_african": 5,
                 "turkish": 2, "romanian": 2, "greek": 1, "portuguese": 2}

# Made-up streets in a made-up town; the postcode area AV does not exist.
TOWN = "Ashbury Vale"
STREETS = (
    "Linden Way", "Orchard Close", "Mill Lane", "Foxglove Road", "Beech Crescent",
    "Station Road", "Quarry Hill", "Kingfisher Drive", "Church Walk", "Hawthorn Avenue",
    "Meadow View", "Canal Street", "Tanner's Row", "Bluebell Court", "Victoria Terrace",
)


@dataclass(frozen=True)
class Name:
    full: str  # as recorded
    latin_given: str  # for email addresses and salutations
    latin_family: str
    given: str  # as recorded, for "spoke to Łucja"
    family: str
    female: bool


def _form(surname: str, female: bool) -> str:
    masculine, _, feminine = surname.partition("|")
    return feminine if female and feminine else masculine


def compose(culture: Culture, given: tuple[str, str], surname: tuple[str, str], female: bool,
            native: bool) -> Name:
    """A full name in the culture's order, in its own script when ``native``.

    A family name from another culture (a child of a mixed family) is written given-first.
    """
    g = given[0] if native else given[1]
    f = _form(surname[0] if native else surname[1], female)
    own = any(surname[1] == s[1] for s in culture.surnames)
    if culture.order == "family_first" and own:
        full = f"{f} {g}"
    elif culture.order == "cjk" and native:
        full = f"{f}{g}"
    else:
        full = f"{g} {f}"
    # A Vietnamese name is said by its last syllable: "Nguyễn Thị Hương" is Hương.
    spoken = g.split()[-1] if culture.order == "family_first" else g
    return Name(full, given[1], _form(surname[1], female), spoken, f, female)


def given_names(culture: Culture, female: bool, adult: bool) -> tuple[tuple[str, str], ...]:
    if adult and female and culture.female_adult:
        return culture.female_adult
    if adult and not female and culture.male_adult:
        return culture.male_adult
    return culture.female if female else culture.male
