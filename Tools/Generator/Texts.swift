// Titles, texts and fields of elements, written from each element's seed so
// that nothing but a few numbers needs to be kept in memory.

enum Texts {
    static func element(_ conv: Convention, _ element: Element, caf: Party, into out: inout JSONBytes) {
        var rng = SplitMix64(seed: element.seed)
        out.raw("{\"id\":")
        out.string(element.id)
        out.raw(",\"kind\":\"")
        out.raw(element.kind.json)
        out.raw("\",\"title\":")
        out.string(element.title)
        switch element.kind {
        case .article:
            out.raw(",\"text\":")
            out.string(article(conv, element.ref, caf: caf, &rng))
        case .annexe:
            out.raw(",\"text\":")
            out.string(annexe(conv, element.ref))
        case .fiche:
            let theme = Vocabulary.themes[element.ref]
            out.raw(",\"text\":")
            out.string(theme.context + " " + rng.pick(objectives) + " " + rng.pick(publics) + ".")
            out.raw(",\"fields\":{\"axe\":")
            out.string(Vocabulary.axes[theme.axe])
            out.raw(",\"echeance\":\"")
            out.int(element.value)
            out.raw("\",\"pilote\":")
            out.string(conv.parties[rng.int(min(2, conv.parties.count))].name)
            out.raw("}")
        case .action:
            let theme = Vocabulary.themes[element.ref]
            let porteur = conv.parties[rng.int(conv.initialParties.count)].name
            out.raw(",\"text\":")
            out.string("Porteur : \(porteur). \(rng.pick(publics)). Indicateur : \(rng.pick(indicators)).")
            out.raw(",\"fields\":{\"axe\":")
            out.string(Vocabulary.axes[theme.axe])
            out.raw(",\"echeance\":\"")
            out.int(element.value)
            out.raw("\",\"fiche\":")
            out.string(element.extra)
            out.raw("}")
        case .equipement:
            let type = Vocabulary.equipementTypes[element.variant]
            out.raw(",\"fields\":{\"commune\":")
            out.string(conv.parties[element.ref].place)
            out.raw(",\"type\":")
            out.string(type.kind)
            if element.value > 0 {
                out.raw(",\"capacite\":\"")
                out.int(element.value)
                out.raw("\"")
            }
            out.raw(",\"gestionnaire\":")
            out.string(rng.pick(Vocabulary.gestionnaires))
            out.raw("}")
        }
        out.raw("}")
    }

    static let objectives = [
        "Objectifs : mieux repérer les besoins, coordonner les acteurs et mesurer les effets des actions engagées.",
        "Objectifs : élargir l'offre existante, la rendre lisible pour les familles et en garantir l'accessibilité financière.",
        "Objectifs : mutualiser les moyens entre communes et associer les familles à la définition des réponses.",
        "Objectifs : consolider les actions existantes et développer de nouvelles réponses dans les communes rurales.",
        "Objectifs : favoriser l'égal accès de tous les publics, y compris les plus éloignés des institutions.",
    ]

    static let publics = [
        "Public visé : familles avec enfants de moins de six ans",
        "Public visé : jeunes de 11 à 25 ans",
        "Public visé : ensemble des familles allocataires du territoire",
        "Public visé : parents isolés et familles monoparentales",
        "Public visé : professionnels de l'enfance et de la jeunesse",
        "Public visé : habitants des quartiers prioritaires et des communes rurales",
    ]

    static let indicators = [
        "nombre de familles touchées", "taux d'occupation des places", "nombre de partenaires mobilisés",
        "nombre de jeunes accompagnés", "taux de satisfaction des usagers", "nombre de séances organisées",
        "évolution du taux de recours aux droits", "nombre de communes couvertes",
    ]

    private static func collectivites(_ conv: Convention) -> String {
        let communes = conv.territory.communes.count
        if let epci = conv.territory.epci {
            return "la \(epci.name) et \(communes == 1 ? "sa commune membre" : "ses \(communes) communes membres")"
        }
        if communes == 1 { return "la \(conv.territory.communes[0].name)" }
        return "les \(communes) communes signataires"
    }

    static func article(_ conv: Convention, _ number: Int, caf: Party, _ rng: inout SplitMix64) -> String {
        let territory = conv.territory.name
        switch number {
        case 1:
            return
                "La présente convention territoriale globale (CTG) a pour objet de définir le projet stratégique global du territoire \(territory) ainsi que ses modalités de mise en œuvre. Elle est conclue entre la \(caf.name) et \(collectivites(conv))."
        case 2:
            return
                "Le diagnostic partagé, conduit avec l'ensemble des partenaires, met en évidence les besoins prioritaires des familles du territoire \(territory).\nIl figure en annexe 1 et sera actualisé à mi-parcours."
        case 3:
            return rng.pick([
                "La convention couvre la petite enfance, l'enfance, la jeunesse, le soutien à la parentalité, l'animation de la vie sociale, l'accès aux droits, l'inclusion numérique et le logement.",
                "Les champs d'intervention retenus sont la petite enfance, l'enfance et la jeunesse, la parentalité, l'animation de la vie sociale et l'accès aux droits.",
            ])
        case 4:
            return
                "La \(caf.name) s'engage à apporter son expertise et ses données, à mobiliser ses financements de droit commun (prestations de service et bonus territoire) et à participer au pilotage de la convention."
        case 5:
            return
                "Les collectivités signataires s'engagent à mettre en œuvre le plan d'actions, à désigner un référent et à associer les habitants et les partenaires associatifs à la démarche."
        case 6:
            return
                "Le plan d'actions figure en annexe 3. Il est organisé en axes et fiches action précisant pour chacune les objectifs, les porteurs, les moyens mobilisés et les échéances."
        case 7:
            return
                "Un comité de pilotage réunissant les signataires se réunit au moins une fois par an. Il est coprésidé par la \(caf.name) et \(conv.territory.epci.map { "la " + $0.name } ?? "le maire de " + conv.place).\nUn comité technique prépare ses travaux et assure le suivi opérationnel des actions."
        case 8:
            return
                "Les parties s'engagent à faire mention de la convention territoriale globale et du soutien de la Caf dans toute communication relative aux actions qu'elle prévoit."
        case 9:
            return
                "Des points d'étape annuels sont présentés au comité de pilotage. Un bilan intermédiaire est réalisé à mi-parcours et un bilan final au terme de la convention, sur la base des indicateurs définis dans chaque fiche action."
        case 10:
            return
                "La présente convention est conclue pour la période du \(Days.french(conv.start)) au \(Days.french(conv.registeredEnd)). Elle ne peut être renouvelée que de manière expresse."
        case 11:
            return
                "Si l'une des stipulations de la présente convention est déclarée nulle par une décision de justice définitive, elle sera réputée non écrite et les autres stipulations garderont toute leur force et leur portée."
        case 12:
            return
                "En cas de non-respect par l'une des parties de ses engagements, la convention peut être résiliée de plein droit à l'expiration d'un délai d'un mois suivant l'envoi d'une lettre recommandée avec accusé de réception valant mise en demeure.\nLa Caf peut résilier la convention sans délai en cas de modification d'une clause sans avenant. Chaque partie peut dénoncer la convention en respectant un délai de prévenance de six mois."
        case 13:
            return
                "Tout litige relatif à l'exécution de la présente convention fait l'objet d'une recherche de règlement amiable. À défaut, il est porté devant le tribunal administratif de \(conv.territory.departement.tribunal)."
        default:
            return
                "Toute modification des conditions ou modalités d'exécution de la présente convention fait l'objet d'un avenant. Les stipulations de l'avenant prévalent sur les stipulations antérieures qu'elles modifient."
        }
    }

    static func annexe(_ conv: Convention, _ number: Int) -> String {
        switch number {
        case 1: return "Diagnostic du territoire \(conv.territory.name) : démographie, offre de services, besoins exprimés par les familles."
        case 2: return "Équipements et services soutenus par la Caf, par collectivité."
        case 3: return "Plan d'actions : axes, objectifs, fiches action et actions avec leurs échéances."
        case 4: return "Composition du comité de pilotage et du comité technique, calendrier des réunions."
        default: return "Délibérations des organes délibérants des collectivités signataires."
        }
    }
}
