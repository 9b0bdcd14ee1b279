"""Write the French part of the classify corpus: corpus/classify/fr/<label>.jsonl.

    python corpus/make_fr.py            # rewrites corpus/classify/fr/ (deterministic: fixed seed)

Every template and word list below was written by sitrep's developers in the manner of the Sahel's French
press (local radio and news sites, army and government communiqués, agency copy, armed groups' claims). The
events are invented: places are real towns used loosely, or made up; people, units and figures are made up.
Nothing is copied from a news outlet or from an evaluation set. Each label gets several sentence shapes, and
each shape draws its actors, places, days, figures and a possible line of context at random, so no two lines
are the same report.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "classify" / "fr"
PER_LABEL = 36
SEED = 11

# ---- shared vocabulary ------------------------------------------------------------------------------------
W = {
    "ville_ml": ["Tessit", "Boni", "Niono", "Diafarabé", "Ménaka", "Ansongo", "Macina", "Djenné", "Bourem",
                 "Léré", "Nampala", "Tenenkou", "Douentza", "Sofara", "Goundam", "Kolongo", "Dioungani"],
    "ville_bf": ["Djibo", "Arbinda", "Gorom-Gorom", "Sebba", "Titao", "Kaya", "Dori", "Fada N'Gourma",
                 "Tougan", "Solenzo", "Barsalogho", "Namissiguima", "Gayéri", "Diapaga", "Kantchari", "Koudougou"],
    "ville_ne": ["Tillabéri", "Ouallam", "Banibangou", "Téra", "Torodi", "Diffa", "Bosso", "Abala", "Ayorou",
                 "Makalondi", "Tahoua", "Tassara", "Filingué", "Gothèye"],
    "village": ["Kalassa", "Tinfata", "Wendou", "Sirakoro", "Boulkessi", "Yirgou", "Tondikiwindi", "Ndiamou",
                "Kobou", "Ogossagou", "Fanfaré", "Sabcé", "Torobé", "Lamordé", "Dingo", "Kelbodé", "Gonga",
                "Bangassi", "Noukou", "Tiba"],
    "jour": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "moment": ["à l'aube", "en fin d'après-midi", "aux environs de 05h", "tôt dans la matinée", "dans la soirée",
               "vers 14h", "en pleine journée de foire", "peu avant la prière du vendredi", "au petit matin"],
    "nuit": ["dans la nuit de samedi à dimanche", "dans la nuit de mardi à mercredi", "dans la nuit du 3 au 4",
             "dans la nuit de jeudi à vendredi", "la nuit dernière"],
    "date": ["le 12 mars", "le 3 septembre", "le 27 janvier", "le 8 juin", "le 19 novembre", "le 5 avril",
             "le 30 août", "le 14 février"],
    "gat": ["des hommes armés non identifiés", "des individus armés", "des terroristes", "des jihadistes présumés",
            "des éléments d'un groupe armé terroriste", "des assaillants venus à moto", "des djihadistes",
            "des hommes armés", "des combattants du JNIM", "des éléments de l'EIGS", "des terroristes lourdement armés",
            "des hommes armés circulant à moto"],
    "groupe": ["le JNIM", "le GSIM", "l'État islamique au Sahel", "l'EIGS", "la katiba Macina", "Ansarul Islam",
               "Boko Haram", "l'ISWAP"],
    "fds": ["les FAMa", "les forces de défense et de sécurité", "les FDS", "les militaires", "les soldats",
            "les éléments de la gendarmerie", "les gardes nationaux", "les VDP", "les forces armées nigériennes",
            "les Forces armées maliennes", "les militaires burkinabè", "les hommes du bataillon d'intervention rapide"],
    "camp": ["le poste militaire", "le camp des FAMa", "le détachement de gendarmerie", "le poste avancé de l'armée",
             "le poste de la garde nationale", "le camp militaire", "le poste de police", "le cantonnement militaire"],
    "pays": ["au Mali", "au Burkina Faso", "au Niger", "dans le centre du Mali", "dans le nord du Burkina",
             "dans la région de Tillabéri", "dans l'Est du Burkina Faso", "dans la région de Mopti",
             "dans la zone des trois frontières", "dans le Sahel burkinabè"],
    "source": ["selon une source sécuritaire", "d'après des sources locales", "selon un élu local",
               "a appris Studio Tamani", "selon des témoins", "a-t-on appris de sources concordantes",
               "selon un responsable local", "rapportent des habitants joints par téléphone"],
    "n": ["deux", "trois", "quatre", "cinq", "six", "sept", "huit", "dix", "douze", "15", "une dizaine de",
          "une vingtaine de", "plusieurs", "au moins 9", "au moins 23", "une trentaine de"],
    "civils": ["civils", "villageois", "habitants", "commerçants", "éleveurs", "orpailleurs", "fidèles",
               "passagers", "cultivateurs", "femmes et enfants"],
    "autorite": ["le gouverneur de la région", "le préfet", "le maire de la commune", "le ministre de la Sécurité",
                 "le porte-parole du gouvernement", "le chef d'état-major général des armées"],
    "ville_cap": ["Bamako", "Ouagadougou", "Niamey", "Bobo-Dioulasso", "Kayes", "Zinder", "Maradi", "Ségou",
                  "Sikasso", "Koudougou"],
}
CONTEXT = [
    "La zone est en proie à l'insécurité depuis plusieurs années.",
    "Les autorités n'ont pas encore communiqué de bilan officiel.",
    "Le bilan reste provisoire.",
    "Ce n'est pas la première fois que la localité est visée.",
    "Les habitants disent vivre dans la peur.",
    "Une enquête a été ouverte.",
    "Des renforts ont été dépêchés sur les lieux.",
    "La circulation sur l'axe reste perturbée.",
    "Plusieurs familles ont quitté la zone ces derniers mois.",
    "Le ministère n'a pas réagi dans l'immédiat.",
    "Le pays est dirigé par une junte militaire depuis le coup d'État.",
    "Les relations avec l'ancienne puissance coloniale se sont fortement dégradées.",
    "Le gouvernement de transition a fait de la lutte contre le terrorisme sa priorité.",
    "Les pays de l'AES ont annoncé leur retrait de la CEDEAO.",
    "La région est visée par des groupes liés à Al-Qaïda et à l'État islamique.",
    "Le ministre de la Défense s'est rendu sur place le lendemain.",
]
STYLES = ["local", "local", "local", "official", "wire", "headline", "broadcast"]


def ville(rng: random.Random) -> str:
    return rng.choice(W[rng.choice(["ville_ml", "ville_bf", "ville_ne"])])


def fill(template: str, rng: random.Random) -> str:
    def pick(m: re.Match) -> str:
        key = m.group(1)
        if key == "ville":
            return ville(rng)
        return rng.choice(W[key])
    text = re.sub(r"\{(\w+)\}", pick, template)
    # French contractions after a filled-in article ("de le GSIM" is "du GSIM")
    for loose, tight in ((" de le ", " du "), (" à le ", " au "), (" de les ", " des "), (" à les ", " aux ")):
        text = text.replace(loose, tight)
    return text[:1].upper() + text[1:]


# ---- templates per label ----------------------------------------------------------------------------------
T: dict[str, list[str]] = {
    "Armed clash": [
        "Le commissariat de police de {ville} a été attaqué {nuit} par {gat}. Les tirs ont duré une partie de la nuit et des renforts ont été envoyés, selon le ministre de la Sécurité.",
        "Deux postes de gendarmerie de la province ont été attaqués presque simultanément {jour}. Les assaillants ont été repoussés après un échange nourri, {source}.",
        "Le Chef d'état-major général des armées informe que l'unité stationnée à {village} a fait l'objet d'une attaque complexe {moment}. La riposte vigoureuse des hommes a permis de neutraliser {n} assaillants.",
        "Au micro de notre correspondant, un habitant raconte que les tirs entre les soldats et {gat} ont duré près de trois heures autour du camp de {ville}.",
        "{camp} de {ville} a été attaqué {jour} {moment} par {gat}. Les militaires ont riposté et repoussé l'attaque, {source}.",
        "De violents combats ont opposé {fds} à {gat} {nuit} près de {village}, {pays}. {n} assaillants ont été neutralisés.",
        "Un convoi de ravitaillement de l'armée est tombé dans une embuscade tendue par {gat} entre {ville} et {village}. Des pertes sont signalées des deux côtés.",
        "Accrochage entre {fds} et {gat} à {village} : {n} soldats tués",
        "Selon un communiqué de l'état-major, une patrouille a été prise à partie {jour} à {village}. Au cours des échanges de tirs, {n} terroristes ont été neutralisés et du matériel récupéré.",
        "Des affrontements ont éclaté entre {groupe} et {groupe} dans les environs de {ville}, faisant de nombreux morts parmi les combattants, {source}.",
        "Les VDP de {village} ont repoussé une incursion de {gat} {nuit}. Deux volontaires ont perdu la vie lors de l'accrochage.",
        "{ville} : le détachement militaire attaqué, l'armée annonce {n} terroristes neutralisés",
        "L'attaque contre la position des FDS à {village} a duré plusieurs heures. Les assaillants, venus en grand nombre, ont finalement été mis en déroute après l'intervention des renforts.",
        "Des chasseurs dozos et des éléments de {groupe} se sont affrontés {jour} dans le cercle de {ville}. Le bilan fait état de {n} morts.",
    ],
    "Government regains territory": [
        "Les FAMa ont repris le contrôle de {ville} après plusieurs jours de combats contre {gat}, a annoncé l'état-major.",
        "L'armée a reconquis la localité de {village}, tombée aux mains de {groupe} depuis plusieurs mois. Le drapeau national a été hissé.",
        "{ville} libérée : les forces armées délogent les terroristes",
        "Au terme d'une offensive, {fds} ont chassé les combattants de {groupe} de leurs positions autour de {ville} et repris la ville.",
        "Selon le gouverneur, les militaires ont reconquis la commune de {village} et sécurisé ses accès {jour}. Les populations déplacées sont invitées à rentrer.",
        "Dans un communiqué, le gouvernement salue la reprise de {ville} par l'armée, qui en avait été chassée l'an dernier par {groupe}.",
        "Après de violents combats, {fds} ont arraché aux jihadistes le contrôle de la ville de {ville}, {source}.",
    ],
    "Non-state actor overtakes territory": [
        "{gat} se sont emparés de la ville de {ville} {jour} après le retrait de l'armée, {source}.",
        "Le camp militaire de {ville} est tombé aux mains de {groupe} après une attaque de plusieurs heures.",
        "{ville} sous le contrôle des jihadistes : les combattants de {groupe} ont pris la localité {nuit}",
        "Les rebelles de la CMA affirment avoir pris le contrôle de {ville} après des combats contre les FAMa.",
        "{groupe} a pris le contrôle de plusieurs villages de la commune de {ville} et y impose désormais sa loi, selon des habitants.",
        "Après avoir chassé les VDP, {gat} occupent depuis {jour} la localité de {village}, où ils ont hissé leur drapeau.",
        "La ville de {ville} est passée sous le contrôle de {groupe}, qui en a délogé les miliciens d'un groupe rival.",
    ],
    "Chemical weapon": [
        "Des habitants de {village} accusent {gat} d'avoir utilisé un gaz toxique lors de l'attaque. Plusieurs personnes ont suffoqué.",
        "Une attaque chimique présumée a été signalée à {ville} : des victimes présentent des signes d'asphyxie, selon des médecins.",
        "L'ONU enquête sur l'utilisation présumée d'armes chimiques contre des civils dans la région.",
        "Des obus chargés de chlore seraient tombés sur un quartier résidentiel, provoquant des difficultés respiratoires chez des dizaines d'habitants.",
        "Attaque au gaz toxique : {n} morts par asphyxie selon les secours",
        "Le gouvernement rejette les accusations d'usage de gaz moutarde, tandis que des ONG dénoncent une attaque chimique contre des villages.",
    ],
    "Air/drone strike": [
        "Une frappe de drone a visé un rassemblement de terroristes près de {village} {jour}, a annoncé l'armée. Plusieurs combattants ont été neutralisés.",
        "Des frappes aériennes de l'armée de l'air ont détruit des bases terroristes dans la forêt de {village}, selon un communiqué.",
        "Le vecteur aérien a repéré puis neutralisé un groupe de motos dans la zone de {ville}.",
        "Frappe aérienne à {village} : des civils parmi les victimes, dénoncent des habitants",
        "Des hélicoptères de combat ont pilonné des positions de {groupe} autour de {ville} {nuit}.",
        "Un drone de l'armée a frappé un marché de bétail à {village}, faisant {n} morts selon des élus locaux.",
        "La composante aérienne a mené une série de frappes ciblées contre des plots logistiques de {groupe}, {pays}.",
        "Des avions de chasse ont bombardé des positions jihadistes près de la frontière.",
    ],
    "Suicide bomb": [
        "Un kamikaze a fait exploser sa ceinture d'explosifs à l'entrée d'une mosquée de {ville}, tuant {n} fidèles.",
        "Un véhicule piégé conduit par un kamikaze a foncé sur le camp militaire de {ville} {moment}.",
        "Attentat-suicide à {ville} : {n} morts",
        "Deux femmes kamikazes se sont fait exploser dans un marché de {ville}, selon la police.",
        "L'attaque a débuté par l'explosion d'un véhicule-suicide contre la porte du camp, suivie d'un assaut des combattants.",
        "Un jeune homme portant une ceinture explosive s'est fait exploser au milieu de la foule, {source}.",
    ],
    "Shelling/artillery/missile attack": [
        "Des obus sont tombés sur la ville de {ville} {nuit}, tirés depuis les environs par {gat}.",
        "Le camp de la MINUSMA à {ville} a essuyé des tirs de roquettes {jour} {moment}.",
        "Des tirs d'obus de mortier ont visé l'aéroport de {ville}, sans faire de victimes.",
        "{ville} : l'armée pilonne à l'artillerie les positions ennemies",
        "Plusieurs roquettes se sont abattues sur le quartier administratif de {ville}, blessant {n} personnes.",
        "{gat} ont tiré des obus sur le camp militaire avant de se replier, {source}.",
        "Des tirs indirects ont visé la base de {ville} pour la troisième fois ce mois-ci.",
    ],
    "Remote explosive/landmine/IED": [
        "Un véhicule de transport en commun a sauté sur un engin explosif improvisé entre {ville} et {village}, tuant {n} passagers.",
        "{n} soldats ont été tués lorsque leur véhicule a heurté une mine sur l'axe {ville}-{village}.",
        "Explosion d'un engin explosif sur l'axe {ville}-{village} : plusieurs blessés",
        "Une charrette a sauté sur un engin explosif improvisé près de {village}, {source}.",
        "Un engin explosif dissimulé sur la route a explosé au passage d'une escorte, faisant {n} morts.",
        "L'explosion d'une mine artisanale a coûté la vie à des enfants qui gardaient des animaux près de {village}.",
        "Une moto piégée a explosé devant la mairie de {ville} {jour}.",
        "Les IED restent la principale menace sur les axes routiers : un camion de commerçants en a encore fait les frais {jour} près de {ville}.",
    ],
    "Grenade": [
        "Un individu a lancé une grenade dans un bar de {ville} {nuit}, blessant {n} clients.",
        "Une grenade a été jetée contre le domicile d'un élu local à {ville}, sans faire de victime.",
        "Attaque à la grenade contre un commissariat de {ville}",
        "Des inconnus ont lancé une grenade sur une patrouille de police au marché de {ville}, {source}.",
        "Deux grenades ont explosé dans une cour d'habitation à {village}, faisant {n} blessés.",
        "Un homme circulant à moto a lancé une grenade sur un poste de contrôle avant de prendre la fuite.",
    ],
    "Sexual violence": [
        "Des femmes ont été violées par {gat} lors de l'attaque de {village}, selon une ONG.",
        "Une ONG dénonce des violences sexuelles commises par des hommes armés contre des déplacées à {ville}.",
        "Viols collectifs dans un camp de déplacés : les victimes réclament justice",
        "Une adolescente a été violée par des hommes en armes alors qu'elle allait chercher de l'eau près de {village}.",
        "Le rapport fait état d'esclavage sexuel et de mariages forcés imposés par {groupe} aux femmes de la zone.",
        "Des militaires sont accusés d'agressions sexuelles sur des femmes lors d'une opération à {village}.",
    ],
    "Attack": [
        "Des chasseurs dozos s'en sont pris {jour} aux habitants du hameau peul de {village}, tuant {n} personnes dont des femmes et des enfants, selon le maire.",
        "Des miliciens ont attaqué le village de {village} et tué {n} éleveurs ; l'armée est arrivée plusieurs heures après les faits.",
        "Des koglwéogo sont accusés d'avoir exécuté {n} hommes d'une même famille à {village}, une ONG réclame une enquête.",
        "Le bilan de l'attaque contre le village de {village} s'alourdit : {n} civils tués, selon des sources locales. Les assaillants ont aussi emporté du bétail.",
        "{gat} ont fait irruption à {village} {nuit} et ont abattu {n} {civils}, {source}.",
        "{n} {civils} ont été tués {jour} par {gat} à {village}, dans la commune de {ville}.",
        "Tuerie de {village} : {n} civils exécutés par des hommes armés",
        "Des hommes armés ont ouvert le feu sur un car de transport près de {ville}, tuant plusieurs passagers.",
        "Le conseiller municipal de {ville} a été assassiné devant son domicile {jour} par des individus armés.",
        "Des civils, dont des femmes et des enfants, ont été massacrés à {village}. Les assaillants ont aussi incendié des greniers.",
        "Les populations de {village} ont été attaquées {moment} par {gat}, qui ont tiré sur tout ce qui bougeait.",
        "Des exactions contre des civils sont signalées à {village} après le passage d'une colonne de militaires, {source}.",
        "Un imam a été égorgé par {gat} à {village}, ont rapporté des proches.",
    ],
    "Abduction/forced disappearance": [
        "{gat} ont enlevé {n} personnes à {village} {jour} et les ont emmenées vers une destination inconnue.",
        "Le maire de {ville} a été enlevé par des individus armés sur l'axe {ville}-{village}, {source}.",
        "Enlèvement de {n} femmes près de {ville} : les familles sans nouvelles",
        "Un ressortissant étranger a été kidnappé {nuit} à son domicile de {ville}. Aucun contact n'a encore été établi avec les ravisseurs.",
        "Des passagers d'un car ont été pris en otage par {gat} qui réclament une rançon.",
        "Un journaliste est porté disparu depuis son interpellation par des hommes en civil, dénonce sa famille.",
        "Le chef du village de {village} a été enlevé par {gat}. Ses proches demandent sa libération.",
    ],
    "Excessive force against protesters": [
        "Les forces de l'ordre ont tiré à balles réelles sur des manifestants à {ville}, faisant {n} morts, {source}.",
        "La marche pacifique des jeunes de {ville} a été réprimée dans le sang : {n} morts selon les organisateurs.",
        "Manifestation contre la vie chère à {ville} : la police ouvre le feu sur la foule",
        "Des manifestants pacifiques ont été passés à tabac par des policiers devant la mairie de {ville}.",
        "Les organisations de défense des droits humains dénoncent la répression brutale d'un sit-in d'étudiants à {ville}.",
        "Un manifestant a été tué par balle lors de la dispersion violente d'un rassemblement pacifique à {ville}.",
    ],
    "Protest with intervention": [
        "Des manifestants rassemblés devant l'ambassade de France à {ville_cap} ont été dispersés à coups de grenades lacrymogènes.",
        "Le rassemblement de soutien au président déchu a été dispersé par les forces de l'ordre à {ville_cap} ; plusieurs participants ont été interpellés.",
        "La police a dispersé à coups de gaz lacrymogènes des manifestants rassemblés devant le gouvernorat de {ville}.",
        "Le sit-in des enseignants à {ville} a été empêché par les forces de l'ordre, qui ont interpellé plusieurs grévistes.",
        "{ville} : les marcheurs dispersés par la police",
        "Une marche de l'opposition a été dispersée {jour} à {ville_cap} à l'aide de gaz lacrymogènes, {source}.",
        "Les forces de l'ordre ont fait usage de canons à eau pour disperser les étudiants qui manifestaient à {ville_cap}.",
        "Plusieurs militants ont été interpellés lors d'un rassemblement interdit à {ville_cap}.",
        "Le rassemblement des commerçants contre la hausse des taxes a été dispersé par la gendarmerie à {ville}.",
    ],
    "Peaceful protest": [
        "Des milliers de personnes ont manifesté devant l'ambassade de France à {ville_cap} pour réclamer le départ des troupes françaises, dans le calme.",
        "À l'appel d'une coalition de la société civile, des manifestants ont défilé à {ville_cap} contre les sanctions de la CEDEAO, en brandissant des drapeaux du pays.",
        "Des partisans de la junte se sont rassemblés devant la base aérienne de {ville_cap} pour soutenir les nouvelles autorités.",
        "Des centaines de femmes ont marché {jour} à {ville} pour réclamer la sécurité sur les routes.",
        "Les travailleurs de la santé ont observé un sit-in devant le ministère à {ville_cap} pour exiger le paiement de leurs primes.",
        "Marche pacifique à {ville_cap} en soutien aux autorités de la transition",
        "Les élèves de {ville} sont descendus dans la rue pour protester contre la fermeture de leurs écoles. La manifestation s'est déroulée sans incident.",
        "Le syndicat des enseignants a déclenché une grève de 72 heures à {ville}.",
        "Des jeunes munis de pancartes et de banderoles ont manifesté devant le gouvernorat de {ville} contre les coupures d'électricité.",
        "Les transporteurs ont observé une journée ville morte à {ville} pour dénoncer les tracasseries routières.",
        "Une foule s'est rassemblée sur la place de la Nation à {ville_cap} pour exiger le départ des troupes étrangères.",
    ],
    "Violent demonstration": [
        "Des manifestants ont arraché la plaque de l'ambassade, brûlé des drapeaux et jeté des pierres sur les gendarmes à {ville_cap}.",
        "Des jeunes en colère ont incendié des véhicules et érigé des barricades devant le camp de la force étrangère à {ville} pour exiger son départ.",
        "Des manifestants en colère ont incendié la mairie de {ville} et érigé des barricades avec des pneus brûlés.",
        "Des jeunes ont saccagé le commissariat de {ville} après la mort d'un conducteur de moto-taxi.",
        "Émeutes à {ville} : des bâtiments publics incendiés",
        "La manifestation a dégénéré à {ville} : les protestataires ont jeté des pierres sur les forces de l'ordre et brûlé des véhicules.",
        "Des élèves ont caillassé des véhicules et s'en sont pris au domicile du préfet à {ville}.",
        "Des partisans de l'opposition ont affronté la police et pillé des boutiques lors d'une marche à {ville_cap}.",
        "La colère des populations de {ville} après l'attaque de {village} a tourné à l'émeute : la gendarmerie a été saccagée.",
    ],
    "Mob violence": [
        "Un présumé voleur de moto a été lynché par une foule en colère au marché de {ville}.",
        "Deux hommes accusés de vol de bétail ont été victimes de la vindicte populaire à {village}.",
        "Justice populaire à {ville} : un suspect brûlé vif par la foule",
        "Des affrontements intercommunautaires entre agriculteurs et éleveurs ont fait {n} blessés à {village}, munis de machettes et de gourdins.",
        "Des habitants en colère ont battu à mort un homme soupçonné de complicité avec les terroristes à {village}.",
        "Une bagarre entre jeunes de deux villages voisins a fait plusieurs blessés près de {ville}, à la suite d'un conflit foncier.",
    ],
    "Agreement": [
        "Les {n} otages enlevés le mois dernier près de {ville} ont été relâchés {jour} à l'issue de longues tractations, a indiqué le ministère.",
        "Après des semaines de négociations menées par des notables, les ravisseurs ont remis en liberté les travailleurs humanitaires retenus depuis mars.",
        "Le gouvernement annonce la libération de deux ressortissants étrangers détenus par {groupe}, obtenue grâce à une médiation.",
        "Les captifs de {village} ont retrouvé la liberté {jour} après un accord entre les chefs coutumiers et le groupe armé.",
        "Le gouvernement et les groupes armés signataires ont signé un accord de cessez-le-feu à {ville_cap}.",
        "Un accord de paix a été conclu entre les communautés de {village} et de {village} sous l'égide des autorités.",
        "Libération des otages de {ville} après une médiation des chefs coutumiers",
        "{n} combattants de {groupe} se sont rendus aux forces armées avec leurs armes, a annoncé le gouvernement.",
        "Les deux parties ont accepté une trêve de trois mois pour permettre le retour des déplacés.",
        "Un échange de prisonniers a eu lieu entre l'armée et les rebelles sous la supervision d'une organisation humanitaire.",
        "Des jeunes ayant rejoint les groupes armés ont déposé les armes dans le cadre du dialogue initié par le gouverneur.",
    ],
    "Arrests": [
        "La police a interpellé {n} personnes soupçonnées d'appartenir à un réseau de soutien aux terroristes à {ville}.",
        "Le leader du mouvement de contestation a été arrêté {jour} à son domicile de {ville_cap} puis placé sous mandat de dépôt.",
        "Arrestation d'un journaliste à {ville_cap} : ses confrères demandent sa libération",
        "Un présumé terroriste a été appréhendé par les FDS lors d'une opération de ratissage à {village}.",
        "L'ancien ministre a été placé en garde à vue à la gendarmerie de {ville_cap}.",
        "Des militaires ont été mis aux arrêts pour tentative de déstabilisation des institutions, selon le gouvernement.",
        "Plusieurs militants de la société civile ont été interpellés par des agents des services de renseignement.",
    ],
    "Change to group/activity": [
        "Les autorités ont instauré un couvre-feu de 20h à 6h dans la région de {ville}.",
        "L'état d'urgence a été prorogé de six mois dans plusieurs provinces du pays.",
        "Le gouvernement annonce la dissolution de la coordination des mouvements de l'Azawad",
        "Les forces étrangères ont achevé leur retrait de la base de {ville}.",
        "Un nouveau commandant a été nommé à la tête de la zone de défense de {ville}.",
        "Le gouvernement annonce le recrutement de 50 000 volontaires pour la défense de la patrie.",
        "Des renforts militaires ont été déployés à {ville} pour sécuriser la fin de la saison des récoltes.",
        "La junte a suspendu les activités des partis politiques jusqu'à nouvel ordre.",
        "Les autorités ont interdit la circulation des motos dans plusieurs communes de la région de {ville}.",
        "Deux factions de {groupe} ont annoncé leur fusion au sein d'un nouveau mouvement.",
    ],
    "Disrupted weapons use": [
        "Une équipe de déminage a neutralisé un engin explosif improvisé sur l'axe {ville}-{village}.",
        "Les FDS ont découvert une cache d'armes contenant des fusils, des munitions et des détonateurs près de {village}.",
        "Un engin explosif désamorcé à l'entrée de {ville}",
        "Lors d'une fouille, les militaires ont saisi des kalachnikovs, des chargeurs et des cordons détonants dans une maison de {ville}.",
        "La police a déjoué une tentative d'attentat à {ville_cap} et récupéré une ceinture d'explosifs.",
        "Des mines artisanales ont été découvertes et détruites par les éléments du génie militaire à {village}.",
        "La défense anti-aérienne a abattu un drone qui survolait le camp de {ville}.",
    ],
    "Headquarters or base established": [
        "L'armée a installé un nouveau poste militaire à {village} pour sécuriser la zone.",
        "Les FAMa ont établi une base avancée à {ville} après le départ de la MINUSMA.",
        "Un camp de la garde nationale installé à {village}",
        "{groupe} a établi un quartier général dans la forêt de {village}, selon des sources sécuritaires.",
        "Les autorités annoncent l'implantation d'un détachement de gendarmerie à {village} à la demande des populations.",
        "Des jihadistes ont installé un camp près de {village}, d'où ils lancent leurs incursions.",
    ],
    "Looting/property destruction": [
        "{gat} ont incendié des boutiques et pillé le marché de {village} {jour}, sans faire de victimes.",
        "Des greniers et des cases ont été incendiés à {village} par {gat}, {source}.",
        "Pillage de bétail à {village} : des centaines de têtes emportées",
        "Des hommes armés ont saccagé le centre de santé de {village} et emporté des médicaments.",
        "{gat} ont détruit le pont reliant {ville} à {village} ainsi que les antennes de téléphonie.",
        "L'école de {village} a été incendiée par des individus armés qui ont aussi brûlé les fournitures.",
        "Des assaillants ont emporté le bétail des éleveurs et vandalisé la mairie avant de se retirer.",
    ],
    "Non-violent transfer of territory": [
        "La MINUSMA a rétrocédé son camp de {ville} aux autorités maliennes {jour}.",
        "Les forces étrangères ont remis la base de {ville} à l'armée nationale lors d'une cérémonie.",
        "Rétrocession du camp de {ville} aux FAMa",
        "Après le départ des militaires, {groupe} est entré dans {ville} sans combat.",
        "Les combattants de la CMA ont occupé le camp de {ville} après le retrait des casques bleus, sans résistance.",
        "La passation de l'emprise de {ville} entre la force onusienne et l'armée s'est déroulée sans incident.",
    ],
    "Other": [
        "Un charnier contenant plusieurs corps a été découvert près de {village}, selon des sources locales.",
        "Des corps sans vie ont été retrouvés au bord de la route entre {ville} et {village}.",
        "Plus de 2 000 personnes ont fui leurs villages de la commune de {ville} ces derniers jours.",
        "Le blocus imposé par {groupe} à {ville} prive la population de vivres depuis des mois.",
        "Un rapport humanitaire fait état de milliers de déplacés internes dans la région de {ville}.",
        "Les habitants de {ville} dénoncent un accès humanitaire restreint par l'insécurité.",
    ],
    "Claim of responsibility": [
        "{groupe} a revendiqué l'attaque de {ville} dans un message diffusé par son organe de propagande.",
        "Dans un communiqué, {groupe} revendique l'embuscade qui a coûté la vie à {n} soldats près de {village}.",
        "L'attaque de {village} revendiquée par {groupe}",
        "{groupe} affirme être à l'origine de l'explosion qui a visé un convoi militaire la semaine dernière.",
        "Le groupe jihadiste a assumé la responsabilité de l'enlèvement des travailleurs humanitaires.",
        "L'armée dément toute implication dans la mort de civils à {village}, imputée par des habitants aux militaires.",
        "Le gouvernement rejette les accusations d'exactions portées par une ONG contre les FDS.",
    ],
    "Diplomatic action": [
        "Le ministre des Affaires étrangères a reçu en audience l'ambassadeur de France à {ville_cap}.",
        "La CEDEAO a levé les sanctions imposées au Niger lors d'un sommet extraordinaire.",
        "Le gouvernement déclare l'ambassadeur persona non grata et lui donne 72 heures pour quitter le territoire",
        "Les chefs d'État de l'AES se sont réunis à {ville_cap} pour renforcer leur coopération sécuritaire.",
        "Le conseil de sécurité de l'ONU a adopté une résolution mettant fin au mandat de la mission.",
        "Le chef de la diplomatie a effectué une visite officielle à Moscou, où il a signé plusieurs accords de coopération.",
        "Le gouvernement condamne fermement les propos du président français et convoque le chargé d'affaires.",
    ],
    "Organized crime": [
        "La police a saisi 500 kg de chanvre indien à {ville} et démantelé un réseau de trafiquants.",
        "Des coupeurs de route ont dépouillé les passagers d'un car sur l'axe {ville}-{village}.",
        "Saisie record de cocaïne à {ville_cap} : trois trafiquants arrêtés",
        "Un réseau de trafic de faux billets a été démantelé par la gendarmerie de {ville}.",
        "Des braqueurs ont dévalisé une agence de transfert d'argent à {ville} {nuit}.",
        "Le directeur d'une société d'État a été inculpé pour détournement de fonds publics et blanchiment.",
        "La douane a intercepté un camion transportant du carburant de contrebande près de la frontière.",
    ],
    "Natural disaster": [
        "Les pluies diluviennes tombées {nuit} sur {ville} ont fait {n} morts et des centaines de sinistrés.",
        "Des inondations ont détruit des centaines de maisons dans la région de {ville}.",
        "Crue du fleuve Niger : des quartiers de {ville} sous les eaux",
        "Une épidémie de méningite a déjà fait {n} décès dans le district sanitaire de {ville}.",
        "La sécheresse menace des milliers d'éleveurs dans le nord du pays, alerte une ONG.",
        "Des vents violents ont arraché des toitures et fait des blessés à {ville}.",
        "Une vague de chaleur exceptionnelle a causé de nombreux décès à {ville_cap}, selon les hôpitaux.",
    ],
    "Man-made disaster": [
        "Un accident de la circulation entre un car et un camion a fait {n} morts sur la route nationale près de {ville}.",
        "Une pirogue surchargée a chaviré sur le fleuve près de {ville} : {n} passagers portés disparus.",
        "Effondrement d'un site d'orpaillage à {village} : plusieurs orpailleurs ensevelis",
        "L'explosion d'un camion-citerne a fait de nombreuses victimes à {ville}.",
        "Un incendie s'est déclaré au grand marché de {ville_cap} et a réduit en cendres des centaines de boutiques.",
        "Un immeuble en construction s'est effondré à {ville_cap}, faisant {n} morts.",
        "Des dizaines d'habitants de {village} ont été intoxiqués par des produits chimiques utilisés sur un site aurifère.",
    ],
}
# Openings of the way the press dates and sources a report, put in front of some lines.
LEADS = ["Communiqué — ", "URGENT : ", "Flash info : ", "", "", "", "", "", "", ""]
DATELINES = ["{ville_cap} (AFP) - ", "{ville_cap}, {date} - ", "", "", "", ""]


def make(label: str, rng: random.Random) -> list[dict]:
    templates = T[label]
    seen: set[str] = set()
    out: list[dict] = []
    tries = 0
    while len(out) < PER_LABEL and tries < PER_LABEL * 50:
        tries += 1
        template = templates[len(out) % len(templates)] if len(out) < len(templates) else rng.choice(templates)
        text = fill(template, rng)
        headline = not text.rstrip().endswith(".")
        style = "headline" if headline else rng.choice(STYLES[:-2] + ["broadcast"])
        if not headline:
            if rng.random() < 0.35:
                text = fill(rng.choice(DATELINES), rng) + text if rng.random() < 0.5 else text
            if rng.random() < 0.4:
                text = f"{text} {rng.choice(CONTEXT)}"
            if style == "official" and rng.random() < 0.5:
                text = rng.choice(LEADS) + text
        elif rng.random() < 0.3:
            text = f"{text}. {fill(rng.choice([t for t in templates if t.endswith('.')] or templates), rng)}"
        if text in seen:
            continue
        seen.add(text)
        out.append({"label": label, "text": text, "style": style})
    return out


def main() -> None:
    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.jsonl"):
        old.unlink()
    for label in T:
        name = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
        with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for rec in make(label, rng):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
