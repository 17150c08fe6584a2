// French vocabulary for realistic synthetic conventions: départements, places,
// people, articles, fiches action, équipements. Names are synthetic combinations;
// any resemblance to a real territory's convention is accidental.

struct Departement {
    let code: String  // two digits, e.g. "38"
    let of: String  // "de l'Isère", used in "Caf de l'Isère"
    let chefLieu: String
    let tribunal: String  // tribunal administratif's seat
}

enum Vocabulary {
    static let departements: [Departement] = [
        ("01", "de l'Ain", "Bourg-en-Bresse", "Lyon"), ("02", "de l'Aisne", "Laon", "Amiens"),
        ("03", "de l'Allier", "Moulins", "Clermont-Ferrand"), ("07", "de l'Ardèche", "Privas", "Lyon"),
        ("08", "des Ardennes", "Charleville-Mézières", "Châlons-en-Champagne"),
        ("09", "de l'Ariège", "Foix", "Toulouse"), ("10", "de l'Aube", "Troyes", "Châlons-en-Champagne"),
        ("12", "de l'Aveyron", "Rodez", "Toulouse"), ("14", "du Calvados", "Caen", "Caen"),
        ("15", "du Cantal", "Aurillac", "Clermont-Ferrand"), ("16", "de la Charente", "Angoulême", "Poitiers"),
        ("17", "de la Charente-Maritime", "La Rochelle", "Poitiers"), ("18", "du Cher", "Bourges", "Orléans"),
        ("19", "de la Corrèze", "Tulle", "Limoges"), ("21", "de la Côte-d'Or", "Dijon", "Dijon"),
        ("22", "des Côtes-d'Armor", "Saint-Brieuc", "Rennes"), ("24", "de la Dordogne", "Périgueux", "Bordeaux"),
        ("25", "du Doubs", "Besançon", "Besançon"), ("26", "de la Drôme", "Valence", "Grenoble"),
        ("27", "de l'Eure", "Évreux", "Rouen"), ("28", "d'Eure-et-Loir", "Chartres", "Orléans"),
        ("29", "du Finistère", "Quimper", "Rennes"), ("31", "de la Haute-Garonne", "Toulouse", "Toulouse"),
        ("32", "du Gers", "Auch", "Pau"), ("33", "de la Gironde", "Bordeaux", "Bordeaux"),
        ("34", "de l'Hérault", "Montpellier", "Montpellier"), ("35", "d'Ille-et-Vilaine", "Rennes", "Rennes"),
        ("36", "de l'Indre", "Châteauroux", "Limoges"), ("37", "d'Indre-et-Loire", "Tours", "Orléans"),
        ("38", "de l'Isère", "Grenoble", "Grenoble"), ("39", "du Jura", "Lons-le-Saunier", "Besançon"),
        ("40", "des Landes", "Mont-de-Marsan", "Pau"), ("41", "de Loir-et-Cher", "Blois", "Orléans"),
        ("42", "de la Loire", "Saint-Étienne", "Lyon"), ("43", "de la Haute-Loire", "Le Puy-en-Velay", "Clermont-Ferrand"),
        ("44", "de Loire-Atlantique", "Nantes", "Nantes"), ("45", "du Loiret", "Orléans", "Orléans"),
        ("46", "du Lot", "Cahors", "Toulouse"), ("47", "de Lot-et-Garonne", "Agen", "Bordeaux"),
        ("49", "de Maine-et-Loire", "Angers", "Nantes"), ("50", "de la Manche", "Saint-Lô", "Caen"),
        ("51", "de la Marne", "Châlons-en-Champagne", "Châlons-en-Champagne"), ("53", "de la Mayenne", "Laval", "Nantes"),
        ("54", "de Meurthe-et-Moselle", "Nancy", "Nancy"), ("56", "du Morbihan", "Vannes", "Rennes"),
        ("57", "de la Moselle", "Metz", "Strasbourg"), ("58", "de la Nièvre", "Nevers", "Dijon"),
        ("59", "du Nord", "Lille", "Lille"), ("60", "de l'Oise", "Beauvais", "Amiens"),
        ("61", "de l'Orne", "Alençon", "Caen"), ("62", "du Pas-de-Calais", "Arras", "Lille"),
        ("63", "du Puy-de-Dôme", "Clermont-Ferrand", "Clermont-Ferrand"),
        ("64", "des Pyrénées-Atlantiques", "Pau", "Pau"), ("67", "du Bas-Rhin", "Strasbourg", "Strasbourg"),
        ("69", "du Rhône", "Lyon", "Lyon"), ("71", "de Saône-et-Loire", "Mâcon", "Dijon"),
        ("72", "de la Sarthe", "Le Mans", "Nantes"), ("73", "de la Savoie", "Chambéry", "Grenoble"),
        ("74", "de la Haute-Savoie", "Annecy", "Grenoble"), ("76", "de la Seine-Maritime", "Rouen", "Rouen"),
        ("77", "de Seine-et-Marne", "Melun", "Melun"), ("79", "des Deux-Sèvres", "Niort", "Poitiers"),
        ("80", "de la Somme", "Amiens", "Amiens"), ("81", "du Tarn", "Albi", "Toulouse"),
        ("84", "de Vaucluse", "Avignon", "Nîmes"), ("85", "de la Vendée", "La Roche-sur-Yon", "Nantes"),
        ("86", "de la Vienne", "Poitiers", "Poitiers"), ("87", "de la Haute-Vienne", "Limoges", "Limoges"),
        ("88", "des Vosges", "Épinal", "Nancy"), ("89", "de l'Yonne", "Auxerre", "Dijon"),
    ].map { Departement(code: $0.0, of: $0.1, chefLieu: $0.2, tribunal: $0.3) }

    // Territory names: prefix + root (+ qualifier), combined without repetition (qualifiers must be distinct).
    static let territoryPrefixes = [
        "Pays de", "Val de", "Cœur de", "Vallée de", "Portes de", "Terres de", "Plateau de", "Rives de",
        "Monts de", "Bocage de", "Coteaux de", "Confluences de", "Pays des sources de", "Grand",
    ]
    static let territoryRoots = [
        "Bray", "Caux", "Sorne", "Loue", "Seille", "Vézère", "Auge", "Ouche", "Brenne", "Morvan", "Puisaye",
        "Bresse", "Dombes", "Forez", "Velay", "Livradois", "Combrailles", "Ségala", "Quercy", "Lomagne",
        "Chalosse", "Béarn", "Médoc", "Marsan", "Gâtine", "Mauges", "Perche", "Vexin", "Valois", "Tardenois",
        "Thiérache", "Santerre", "Ternois", "Boulonnais", "Avesnois", "Argonne", "Barrois", "Saintois",
        "Vôge", "Sundgau", "Kochersberg", "Revermont", "Bugey", "Chablais", "Genevois", "Maurienne",
        "Tarentaise", "Trièves", "Vercors", "Royans", "Diois", "Baronnies", "Tricastin", "Luberon", "Verdon",
        "Sarthe", "Mayenne", "Vienne", "Creuse", "Cher", "Indre", "Loir", "Eure", "Risle", "Orne", "Vire",
        "Sèvre", "Charente", "Dronne", "Isle", "Lot", "Tarn", "Aveyron", "Gers", "Baïse", "Adour", "Ariège",
        "Aude", "Hérault", "Gard", "Ardèche", "Drôme", "Isère", "Ain", "Doubs", "Saône", "Marne", "Aisne",
        "Oise", "Somme", "Meuse", "Moselle", "Sambre", "Lys", "Scarpe", "Yonne", "Armançon", "Serein",
        "Cure", "Allier", "Dore", "Sioule", "Alagnon", "Cère", "Dordogne", "Corrèze", "Roumois", "Lieuvin",
        "Ouche normande", "Houlme", "Bessin", "Cotentin", "Avranchin", "Mortainais", "Porhoët", "Trégor",
        "Goëlo", "Léon", "Cornouaille", "Retz", "Vignoble", "Saumurois", "Baugeois", "Touraine", "Sologne",
        "Berry", "Boischaut", "Champagne berrichonne", "Bourbonnais", "Charolais", "Brionnais", "Auxois",
        "Tonnerrois", "Gâtinais", "Hurepoix", "Brie", "Multien", "Soissonnais", "Laonnois", "Vimeu",
        "Ponthieu", "Montreuillois", "Pévèle", "Ostrevent", "Cambrésis", "Vermandois", "Noyonnais",
    ]
    static let territoryQualifiers = [
        "", " Nord", " Sud", " et Forêts", " et Vallées", " Est", " Ouest", " et Coteaux", " Centre",
    ]

    // Commune names: a base, optionally qualified.
    static let communeBases = [
        "Saint-Martin", "Saint-Germain", "Saint-Pierre", "Saint-Jean", "Saint-Laurent", "Saint-Aubin",
        "Saint-Hilaire", "Saint-Georges", "Saint-Sulpice", "Saint-Julien", "Saint-Didier", "Saint-Cyr",
        "Saint-Vincent", "Saint-Rémy", "Saint-Étienne", "Saint-Léger", "Saint-Médard", "Saint-Maurice",
        "Sainte-Marie", "Sainte-Colombe", "Sainte-Foy", "Sainte-Croix", "Sainte-Gemme", "Villeneuve",
        "Villers", "Beaumont", "Montigny", "Fontaine", "Fontenay", "Châteauneuf", "Neuville", "Bellevue",
        "Rochefort", "Marcilly", "Savigny", "Chavagnes", "Lussac", "Mareuil", "Montreuil", "Champigny",
        "Chambon", "Charmes", "Cernay", "Lagny", "Brissac", "Bréal", "Blain", "Bourgneuf", "Le Mesnil",
        "La Chapelle", "La Ferté", "Les Essarts", "Le Pin", "La Roche", "Vaux", "Pouilly", "Marigny",
        "Ligny", "Tilly", "Aubigny", "Aigrefeuille", "Ambert", "Arnay", "Arcis", "Bazoches", "Bellême",
        "Brienne", "Chaumont", "Clairvaux", "Coulanges", "Courcelles", "Crécy", "Dampierre", "Étrépagny",
        "Fresnay", "Givry", "Juvigny", "Lavaur", "Lignières", "Loches", "Magny", "Mauron", "Mézières",
        "Montbazon", "Mortagne", "Nogent", "Orgères", "Ouzouer", "Pontarlier", "Quincy", "Rosières",
        "Sablé", "Saulieu", "Senonches", "Thorigny", "Trévoux", "Vatan", "Verneuil", "Vic", "Vignoux",
        "Villefranche", "Vitry", "Yvré", "Écouché", "Évron", "Issigeac", "Jarnac", "Lamballe", "Lézat",
        "Bourbon", "Cosne", "Druyes", "Épineuil", "Gannat", "Hérisson", "Jaligny", "Lurcy", "Marcillat",
    ]
    static let communeQualifiers = [
        "-sur-%R", "-en-%R", "-le-Château", "-la-Forêt", "-le-Vieux", "-des-Bois", "-sur-%R", "-lès-%B",
        "-la-Rivière", "-le-Haut", "-le-Bas", "-aux-Bois", "-en-%R", "-sous-Bois", "-la-Ville",
    ]
    static let rivers = [
        "Loire", "Seine", "Marne", "Oise", "Aisne", "Eure", "Sarthe", "Vienne", "Creuse", "Cher", "Indre",
        "Loir", "Orne", "Vire", "Charente", "Dordogne", "Lot", "Tarn", "Aveyron", "Garonne", "Saône",
        "Doubs", "Meuse", "Moselle", "Yonne", "Allier", "Dore", "Sioule", "Isère", "Drôme", "Ardèche",
        "Rhône", "Sèvre", "Mayenne", "Risle", "Seille", "Loue", "Ource", "Aube", "Serein",
    ]

    static let firstNamesF = [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Christine", "Sophie", "Valérie", "Sandrine",
        "Véronique", "Céline", "Hélène", "Anne", "Claire", "Émilie", "Aurélie", "Camille", "Julie",
        "Laurence", "Martine", "Brigitte", "Florence", "Agnès", "Delphine", "Élodie", "Karine", "Mélanie",
        "Patricia", "Stéphanie", "Virginie", "Chantal", "Joëlle", "Maryse", "Odile", "Solène", "Gaëlle",
    ]
    static let firstNamesM = [
        "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Christian",
        "Éric", "Frédéric", "Laurent", "Stéphane", "David", "Olivier", "Thierry", "Pascal", "Daniel",
        "Julien", "Sébastien", "François", "Bruno", "Gérard", "Jacques", "Dominique", "Hervé", "Didier",
        "Yannick", "Benoît", "Jérôme", "Gilles", "Régis", "Loïc", "Cédric", "Mathieu", "Grégoire",
    ]
    static let surnames = [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure",
        "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand",
        "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel",
        "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire",
        "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas",
        "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt",
        "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine",
        "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey",
        "Le Gall", "Kerouredan", "Le Goff", "Hoarau", "Etcheverry", "Pujol", "Baudry", "Quéré", "Texier",
    ]

    static let axes = [
        "Axe 1 : Petite enfance",
        "Axe 2 : Enfance et jeunesse",
        "Axe 3 : Soutien à la parentalité",
        "Axe 4 : Animation de la vie sociale",
        "Axe 5 : Accès aux droits et inclusion numérique",
        "Axe 6 : Logement et cadre de vie",
        "Axe 7 : Handicap et inclusion",
        "Axe 8 : Pilotage et coordination",
    ]

    /// Fiche action themes: slug, title, axe index, subject (for action titles), context sentence.
    struct Theme {
        let slug: String
        let title: String
        let axe: Int
        let subject: String
        let context: String
    }

    static let themes: [Theme] = [
        (
            "aller-vers", "Développer l'aller-vers auprès des familles éloignées des services", 4, "l'aller-vers",
            "Une part importante des familles ne sollicite pas les prestations et services auxquels elle peut prétendre."
        ),
        (
            "accueil-jeune-enfant", "Développer l'offre d'accueil du jeune enfant", 0, "l'offre d'accueil du jeune enfant",
            "Le taux de couverture en accueil formel reste inférieur à la moyenne départementale."
        ),
        (
            "relais-petite-enfance", "Conforter le relais petite enfance", 0, "le relais petite enfance",
            "Les assistantes maternelles expriment un besoin d'accompagnement professionnel et de temps collectifs."
        ),
        (
            "laep-itinerant", "Créer un lieu d'accueil enfants-parents itinérant", 2, "le lieu d'accueil enfants-parents",
            "Les parents de jeunes enfants disposent de peu d'espaces de rencontre en dehors des centres-bourgs."
        ),
        (
            "accueil-mercredi", "Structurer l'accueil de loisirs du mercredi", 1, "l'accueil de loisirs du mercredi",
            "Le retour à la semaine de quatre jours a modifié les besoins de garde le mercredi."
        ),
        (
            "participation-jeunes", "Favoriser la participation et l'engagement des jeunes", 1, "la participation des jeunes",
            "Les 11-17 ans sont peu présents dans les instances locales et les structures existantes."
        ),
        (
            "promeneurs-du-net", "Déployer les promeneurs du net", 1, "la présence éducative en ligne",
            "Les professionnels jeunesse souhaitent investir les réseaux sociaux fréquentés par les adolescents."
        ),
        (
            "reaap", "Animer le réseau d'écoute, d'appui et d'accompagnement des parents", 2, "le soutien à la parentalité",
            "Les actions de soutien à la parentalité sont nombreuses mais peu coordonnées et mal connues des familles."
        ),
        (
            "clas", "Accompagner la scolarité des enfants et de leurs parents", 2, "l'accompagnement à la scolarité",
            "Les établissements scolaires signalent des difficultés de lien entre l'école et certaines familles."
        ),
        (
            "centre-social", "Créer un centre social intercommunal", 3, "le projet de centre social",
            "Le territoire ne dispose d'aucun équipement agréé d'animation de la vie sociale."
        ),
        (
            "espaces-vie-sociale", "Soutenir les espaces de vie sociale", 3, "les espaces de vie sociale",
            "Les associations portant un espace de vie sociale fonctionnent avec une majorité de bénévoles."
        ),
        (
            "acces-aux-droits", "Renforcer l'accès aux droits et lutter contre le non-recours", 4, "l'accès aux droits",
            "Le non-recours au revenu de solidarité active et à la prime d'activité est estimé à un tiers des ayants droit."
        ),
        (
            "france-services", "Coordonner l'accueil dans les espaces France services", 4, "l'accueil France services",
            "Les habitants éloignés des administrations se rendent dans les espaces France services pour leurs démarches."
        ),
        (
            "inclusion-numerique", "Lutter contre la fracture numérique", 4, "l'inclusion numérique",
            "De nombreux allocataires déclarent des difficultés pour effectuer leurs démarches en ligne."
        ),
        (
            "logement-jeunes", "Faciliter l'accès au logement des jeunes", 5, "le logement des jeunes",
            "Les jeunes en apprentissage ou en premier emploi peinent à trouver un logement adapté."
        ),
        (
            "habitat-non-decent", "Lutter contre l'habitat indigne et non décent", 5, "la lutte contre la non-décence",
            "Des logements locatifs du parc privé ne répondent pas aux critères de décence."
        ),
        (
            "handicap-accueil", "Favoriser l'accueil des enfants en situation de handicap", 6, "l'accueil des enfants en situation de handicap",
            "Les structures d'accueil expriment le besoin d'être accompagnées pour accueillir des enfants à besoins spécifiques."
        ),
        (
            "vacances-familles", "Soutenir les départs en vacances des familles", 2, "les départs en vacances",
            "Une famille allocataire sur trois n'est pas partie en vacances au cours des trois dernières années."
        ),
        (
            "mobilite", "Améliorer la mobilité des familles et des jeunes", 5, "la mobilité",
            "L'absence de transports en commun limite l'accès des familles aux services et aux loisirs."
        ),
        (
            "observatoire", "Mettre en place un observatoire des besoins sociaux", 7, "l'observatoire des besoins sociaux",
            "Les partenaires ne disposent pas de données partagées et actualisées sur les besoins des familles."
        ),
        (
            "coordination", "Assurer la coordination de la convention territoriale globale", 7, "la coordination de la convention",
            "La mise en œuvre du plan d'actions suppose un pilotage partagé et une ingénierie dédiée."
        ),
        (
            "aidants", "Accompagner les aidants familiaux", 6, "l'accompagnement des aidants",
            "Les parents d'enfants en situation de handicap expriment un fort besoin de répit."
        ),
        (
            "separation", "Accompagner les parents lors d'une séparation", 2, "l'accompagnement des séparations",
            "Les séparations conflictuelles fragilisent les enfants et la situation financière des familles."
        ),
        (
            "insertion-jeunes", "Accompagner l'insertion sociale et professionnelle des jeunes", 1, "l'insertion des jeunes",
            "Le taux de jeunes ni en emploi, ni en études, ni en formation dépasse la moyenne régionale."
        ),
        (
            "horaires-atypiques", "Proposer un accueil en horaires atypiques", 0, "l'accueil en horaires atypiques",
            "Les parents travaillant en horaires décalés peinent à trouver une solution de garde."
        ),
        (
            "formation-professionnels", "Former les professionnels de l'enfance et de la jeunesse", 1, "la formation des professionnels",
            "Les structures rencontrent des difficultés de recrutement et de fidélisation des animateurs."
        ),
        (
            "premiers-pas", "Accompagner les premiers mois de l'enfant", 2, "l'accompagnement des premiers mois",
            "La naissance d'un enfant est un moment de fragilité pour de nombreuses familles isolées."
        ),
        (
            "seniors-liens", "Favoriser les liens intergénérationnels", 3, "les liens intergénérationnels",
            "Le vieillissement de la population appelle des actions favorisant le lien entre générations."
        ),
        (
            "egalite-filles-garcons", "Promouvoir l'égalité entre les filles et les garçons", 1, "l'égalité filles-garçons",
            "Les activités de loisirs proposées restent marquées par des stéréotypes de genre."
        ),
        (
            "impayes-loyers", "Prévenir les impayés de loyer et les expulsions", 5, "la prévention des impayés",
            "Les signalements d'impayés de loyer ont augmenté au cours des dernières années."
        ),
    ].map { Theme(slug: $0.0, title: $0.1, axe: $0.2, subject: $0.3, context: $0.4) }

    static let actionVerbs = [
        "Réaliser un état des lieux de %S", "Organiser des réunions d'information sur %S",
        "Recruter un coordinateur dédié à %S", "Former les professionnels à %S",
        "Éditer un guide pratique sur %S", "Expérimenter une démarche innovante pour %S",
        "Mutualiser les moyens consacrés à %S", "Mettre en place un groupe de travail sur %S",
        "Évaluer les actions menées pour %S", "Créer un temps fort annuel consacré à %S",
        "Mobiliser les habitants autour de %S", "Conventionner avec les associations œuvrant pour %S",
        "Renforcer la communication sur %S", "Étendre aux communes rurales les actions relatives à %S",
    ]

    static let equipementTypes: [(slug: String, label: String, kind: String, capacity: ClosedRange<Int>)] = [
        ("eaje", "Multi-accueil", "EAJE", 10...60), ("micro-creche", "Micro-crèche", "EAJE", 10...12),
        ("alsh", "Accueil de loisirs", "ALSH", 24...120), ("rpe", "Relais petite enfance", "RPE", 0...0),
        ("laep", "Lieu d'accueil enfants-parents", "LAEP", 0...0), ("centre-social", "Centre social", "Centre social", 0...0),
        ("evs", "Espace de vie sociale", "EVS", 0...0), ("espace-jeunes", "Espace jeunes", "Accueil jeunes", 12...40),
        ("ludotheque", "Ludothèque", "Ludothèque", 0...0), ("periscolaire", "Accueil périscolaire", "ALSH", 20...150),
    ]
    static let equipementNames = [
        "Les Petits Loups", "Les Lutins", "Pomme d'Api", "Les Câlins", "L'Île aux enfants", "Les Marmousets",
        "Arc-en-ciel", "Les Écureuils", "Les P'tits Mousses", "La Ribambelle", "Les Farfadets", "Graine de malice",
        "Les Coccinelles", "Le Jardin d'éveil", "Les Moussaillons", "La Cabane", "Les Bout'chous", "Le Petit Prince",
        "Les Libellules", "La Marelle", "Les Hirondelles", "Le Tilleul", "Les Castors", "La Passerelle",
    ]
    static let gestionnaires = ["commune", "association", "intercommunalité", "entreprise de crèches", "centre social"]

    static let articleTitles = [
        "Objet de la convention", "Les enjeux partagés du territoire", "Les champs d'intervention",
        "Les engagements de la Caf", "Les engagements des collectivités", "Le plan d'actions",
        "Les modalités de pilotage", "La communication", "Le suivi et l'évaluation", "La durée de la convention",
        "La nullité partielle", "La résiliation", "Les litiges", "Les avenants",
    ]

    static let annexeTitles = [
        "Diagnostic partagé du territoire", "Liste des équipements par collectivité", "Plan d'actions",
        "Modalités de pilotage", "Délibérations des collectivités signataires",
    ]

    static let abrogationReasons = [
        "action réalisée", "à réévaluer au regard des besoins du territoire", "reprise dans une autre fiche action",
        "porteur de projet défaillant", "financement non reconduit", "objectif atteint",
        "redéfinition des priorités par le comité de pilotage", "dispositif national supprimé",
    ]

    static let progressNotes: [String] = [
        "comité technique réuni, calendrier validé", "recrutement du coordinateur en cours",
        "cahier des charges rédigé", "premières familles accompagnées", "bilan présenté au comité de pilotage",
        "action reportée faute de porteur", "partenariat conclu avec l'association locale",
        "questionnaire diffusé aux familles (312 réponses)", "locaux identifiés, travaux à prévoir",
        "financement complémentaire obtenu", "action intégrée au projet social du centre social",
        "groupe de travail réuni à trois reprises", "\"Semaine de la parentalité\" organisée en octobre",
        "objectifs quantitatifs atteints à 80 %", "difficultés de recrutement des animateurs",
    ]

    static let reviewSummaries: [String] = [
        "Point sur l'avancement du plan d'actions ; validation des priorités de l'année.",
        "Présentation du diagnostic actualisé et des indicateurs de suivi.",
        "Examen des fiches action en retard ; décision de réorienter deux actions.",
        "Bilan des actions jeunesse et parentalité ; ajustement du calendrier.",
        "Évaluation à mi-parcours conduite avec un cabinet extérieur ; recommandations adoptées.",
        "Bilan final : la majorité des actions ont été conduites ; préparation de la convention suivante.",
        "Présentation du rapport d'activité des équipements ; point sur les financements.",
        "Échanges avec les habitants associés ; propositions recueillies pour l'année suivante.",
    ]
}
