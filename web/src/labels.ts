// French labels and number formatting shared by the views. Codes come from the
// API contract; an unknown code is shown as is rather than hidden.
import type {
  Attendance,
  BoardRole,
  EventKind,
  EventRole,
  CollectiviteCategory,
  ForeignLevel,
  OrganisationKind,
  RelationshipKind,
  OrganisationSummary,
  PipelineStage,
  PopulationBand,
  InteractionType,
  PositionKind,
  RoleGrant,
  UserStatus,
  Visibility,
} from './api';

export const KIND_LABELS: Record<OrganisationKind, string> = {
  collectivite: 'Collectivité',
  association: 'Association / OSC',
  entreprise: 'Entreprise',
  enseignement_recherche: "Établissement d'enseignement ou de recherche",
  institution_publique: 'Institution publique',
  osim: 'Organisation de diaspora (OSIM)',
  collectivite_etrangere: 'Collectivité étrangère',
  reseau: 'Réseau régional multi-acteurs',
  autre: 'Autre',
};

export const FOREIGN_LEVEL_LABELS: Record<ForeignLevel, string> = {
  commune: 'Commune / municipalité',
  province_region: 'Province / région',
  etat: 'État',
  autre: 'Autre',
};

export function foreignLevelLabel(level: string): string {
  return (FOREIGN_LEVEL_LABELS as Record<string, string>)[level] ?? level;
}

/** The headings of the relationships of a fiche, by kind. */
export const RELATIONSHIP_KIND_LABELS: Record<RelationshipKind, string> = {
  member_of: 'Adhésions',
  board_seat: 'Sièges au CA',
  partnership: 'Partenariats',
};

/** One relationship of a kind, in the singular: « Adhésion », « Siège au CA », « Partenariat ». */
export const RELATIONSHIP_KIND_SINGULAR: Record<RelationshipKind, string> = {
  member_of: 'Adhésion',
  board_seat: 'Siège au CA',
  partnership: 'Partenariat',
};

export function relationshipKindLabel(kind: string): string {
  return (RELATIONSHIP_KIND_SINGULAR as Record<string, string>)[kind] ?? kind;
}

export const BOARD_ROLE_LABELS: Record<BoardRole, string> = {
  membre: 'membre',
  president: 'président·e',
  vice_president: 'vice-président·e',
  tresorier: 'trésorier·e',
  secretaire: 'secrétaire',
};

export function boardRoleLabel(role: string): string {
  return (BOARD_ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export const CONSORTIUM_CONNECTOR_LABELS: Record<string, string> = {
  conseil_administration: "Conseil d'administration",
  partenaire_etranger: 'Partenaire étranger',
  pays: 'Pays',
  epci: 'EPCI',
};

export function consortiumConnectorLabel(kind: string): string {
  return CONSORTIUM_CONNECTOR_LABELS[kind] ?? kind;
}

/** The name of an organisation with its acronym: « Méditerranée Afrique Solidarité (MAS) ». */
export function nameWithAcronym(org: { name: string; acronym?: string | null }): string {
  return org.acronym && !org.name.includes(`(${org.acronym})`) ? `${org.name} (${org.acronym})` : org.name;
}

export const CATEGORY_LABELS: Record<CollectiviteCategory, string> = {
  commune: 'Commune',
  commune_deleguee: 'Commune déléguée',
  commune_associee: 'Commune associée',
  arrondissement_municipal: 'Arrondissement municipal',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
  groupement: 'Groupement',
};

export const EPCI_SUBCATEGORY_LABELS: Record<string, string> = {
  CC: 'Communauté de communes',
  CA: "Communauté d'agglomération",
  CU: 'Communauté urbaine',
  METRO: 'Métropole',
  MET69: 'Métropole de Lyon',
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** "Commune", or for an EPCI its legal form: "Communauté d'agglomération (EPCI)". */
export function categoryLabel(org: Pick<OrganisationSummary, 'kind' | 'category' | 'subcategory'>): string {
  if (!org.category) return kindLabel(org.kind);
  if (org.category === 'epci' && org.subcategory) {
    const form = EPCI_SUBCATEGORY_LABELS[org.subcategory];
    if (form) return `${form} (EPCI)`;
  }
  return (CATEGORY_LABELS as Record<string, string>)[org.category] ?? org.category;
}

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** "Aucun résultat", "1 résultat", "1 234 résultats". */
export function countLabel(total: number, singular: string, plural: string, none: string): string {
  if (total === 0) return none;
  return `${formatInteger(total)} ${total === 1 ? singular : plural}`;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** Formats with `format`, writing the first of the month as French does: « 1er mars 2024 ». */
function formatFrench(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (part.type === 'day' && Number(part.value) === 1 ? '1er' : part.value))
    .join('');
}

/** ISO 8601 date ("2017-03-01") to "1er mars 2017"; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : formatFrench(dateFormat, date);
}

/**
 * A period in French from two optional ISO dates: « du 3 juillet 2020 au 1er mars 2024 »,
 * « depuis le 3 juillet 2020 », « jusqu'au 1er mars 2024 », or '' without dates.
 */
export function formatPeriod(start: string | null, end: string | null): string {
  if (start && end) return `du ${formatDate(start)} au ${formatDate(end)}`;
  if (start) return `depuis le ${formatDate(start)}`;
  if (end) return `jusqu'au ${formatDate(end)}`;
  return '';
}

/**
 * A period known only by its years (what an erasure keeps of a position): « de 2018 à 2020 »,
 * « en 2020 », « depuis 2020 », « jusqu'en 2020 », or '' without years.
 */
export function formatYears(from: number | null, to: number | null): string {
  if (from !== null && to !== null) return from === to ? `en ${from}` : `de ${from} à ${to}`;
  if (from !== null) return `depuis ${from}`;
  if (to !== null) return `jusqu'en ${to}`;
  return '';
}

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administration nationale',
  network_admin: 'Administration du réseau',
  network_staff: 'Équipe du réseau',
  member: 'Membre (collectivité)',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

/** ISO 8601 instant ("2026-03-01T13:05:00Z") to "1er mars 2026 à 14:05" in the reader's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatFrench(dateTimeFormat, date);
}

/** "Équipe du réseau — Territoires Solidaires", "Membre (collectivité) — Territoires Solidaires, Mouans-Sartoux". */
export function grantLabel(grant: RoleGrant): string {
  const where = [grant.network?.name, grant.organisation?.name].filter(Boolean).join(', ');
  return where ? `${roleLabel(grant.role)} — ${where}` : roleLabel(grant.role);
}

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  active: 'Actif',
  invited: 'Invitation en attente',
  deactivated: 'Désactivé',
};

export function userStatusLabel(status: string): string {
  return (USER_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  private: 'Privé (mon réseau)',
  network: 'Tous les réseaux',
  public: 'Public',
};

export function visibilityLabel(visibility: string): string {
  return (VISIBILITY_LABELS as Record<string, string>)[visibility] ?? visibility;
}

export const POSITION_KIND_LABELS: Record<PositionKind, string> = {
  elu: 'Élu·e',
  agent: 'Agent',
  benevole: 'Bénévole',
  salarie: 'Salarié·e',
};

export function positionKindLabel(kind: string): string {
  return (POSITION_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
  erase: 'Effacement (RGPD)',
  export: 'Export (RGPD)',
  sign_in: 'Connexion',
  sign_out: 'Déconnexion',
  password_change: 'Changement de mot de passe',
  invite: 'Lien de connexion créé',
  invitation_accept: 'Lien de connexion utilisé',
  role_grant: 'Rôle attribué',
  role_revoke: 'Rôle retiré',
  deactivate: 'Compte désactivé',
  reactivate: 'Compte réactivé',
  token_create: "Jeton d'API créé",
  token_revoke: "Jeton d'API révoqué",
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Names of the fields the history shows; an unknown field is shown as its code. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  email: 'Adresse électronique',
  status: 'Statut',
  role: 'Rôle',
  network: 'Réseau',
  organisation: 'Organisation',
  visibility: 'Visibilité',
  given_name: 'Prénom',
  family_name: 'Nom',
  phone: 'Téléphone',
  notes: 'Notes',
  positions: 'Fonctions',
  kind: 'Type de fonction',
  title: 'Intitulé',
  start_date: 'Début',
  end_date: 'Fin',
  name: 'Nom',
  active: 'Compte actif',
  password: 'Mot de passe',
  token: "Jeton d'API",
};

export function auditFieldLabel(field: string): string {
  return AUDIT_FIELD_LABELS[field] ?? field;
}

/**
 * French names of the fields and parameters the API names in a problem's `errors[].field`,
 * beyond those of the history: never shown as codes to users.
 */
const PROBLEM_FIELD_LABELS: Record<string, string> = {
  ...AUDIT_FIELD_LABELS,
  id: 'Identifiant',
  q: 'Recherche',
  page: 'Page',
  per_page: 'Résultats par page',
  kind: 'Type',
  category: 'Catégorie',
  region: 'Région',
  departement: 'Département',
  insee: 'Code INSEE',
  siren: 'SIREN',
  network_id: 'Réseau',
  organisation_id: 'Organisation',
  organisation: 'Organisation',
  record: 'Fiche',
  acronym: 'Sigle',
  rna: 'RNA',
  address: 'Adresse',
  commune_insee: 'Commune',
  website: 'Site web',
  country_code: 'Pays',
  level: 'Niveau',
  themes: 'Thématiques',
  countries: "Pays d'action",
  odd: 'ODD',
  description: 'Description',
  archived: 'Archivage',
  from_id: 'Organisation',
  to_id: 'Organisation liée',
  source: 'Source',
  convention_date: 'Date de convention',
  population_max: 'Population maximale',
  population_band: 'Taille',
  from: 'Du',
  to: 'Au',
  via: 'Par',
  at: 'Date',
  min_size: 'Taille minimale',
  current_password: 'Mot de passe actuel',
  new_password: 'Nouveau mot de passe',
  code: 'Lien de connexion',
  fichier: 'Fichier',
  mapping: 'Correspondance des colonnes',
  merged_id: 'Fiche à fusionner',
  text: 'Note',
  theme: 'Thème',
  starts_at: 'Début',
  ends_at: 'Fin',
  place: 'Lieu',
  event_id: 'Événement',
  date: 'Date',
  subject: 'Objet',
  organisations: 'Organisations',
  persons: 'Personnes',
};

/** How a field of an event's list names its part: « Organisation 2, présence ». */
const EVENT_PARTY_PARTS: Record<string, string> = { id: 'fiche', role: 'rôle', attendance: 'présence' };

/**
 * The French name of a field named in a problem: "current_password" → "Mot de passe actuel",
 * "positions[1].start_date" → "Fonction 2, début"; undefined for a field we cannot name, whose
 * message is then shown alone rather than with its code.
 */
export function problemFieldLabel(field: string): string | undefined {
  const position = /^positions\[(\d+)\]\.(\w+)$/.exec(field);
  if (position) {
    const part = position[2] === 'organisation_id' ? 'organisation' : PROBLEM_FIELD_LABELS[position[2]!];
    return `Fonction ${Number(position[1]) + 1}${part ? `, ${part.toLowerCase()}` : ''}`;
  }
  const party = /^(organisations|persons)\[(\d+)\]\.(\w+)$/.exec(field);
  if (party) {
    const part = EVENT_PARTY_PARTS[party[3]!];
    return `${party[1] === 'organisations' ? 'Organisation' : 'Personne'} ${Number(party[2]) + 1}${part ? `, ${part}` : ''}`;
  }
  const item = /^(\w+)\[(\d+)\]$/.exec(field);
  if (item && Object.hasOwn(PROBLEM_FIELD_LABELS, item[1]!)) return `${PROBLEM_FIELD_LABELS[item[1]!]} (${Number(item[2]) + 1})`;
  return Object.hasOwn(PROBLEM_FIELD_LABELS, field) ? PROBLEM_FIELD_LABELS[field] : undefined;
}

/** A value of the history in French: codes of known fields get their label, null reads « (vide) ». */
export function auditValueLabel(field: string, value: string | null): string {
  if (value === null || value === '') return '(vide)';
  switch (field) {
    case 'visibility':
      return visibilityLabel(value);
    case 'status':
      return userStatusLabel(value);
    case 'role':
      return roleLabel(value);
    case 'kind':
      return positionKindLabel(value);
    case 'active':
      return value === 'true' ? 'oui' : 'non';
    case 'positions':
      // « élu·e, Valbonne, 2020-03-01 → … » as the fiche writes dates: « 1er mars 2020 ».
      return value.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => formatDate(iso));
    default:
      return value;
  }
}

/** The notice of the pages reserved to those who manage accounts (AccessNotice's props). */
export const USER_ADMIN_ONLY = {
  title: 'Accès réservé aux administrateurs',
  reason: "La gestion des comptes est réservée à l'administration nationale et aux administrateurs des réseaux.",
} as const;

/** The fields the importers read (GET /imports/mappings), by kind of file. */
export const IMPORT_FIELD_LABELS: Record<'organisations' | 'relationships', Record<string, string>> = {
  organisations: {
    nom: 'Nom',
    type: "Type d'acteur",
    rna: 'Numéro RNA',
    siren: 'SIREN',
    insee_commune: 'Commune (code INSEE)',
    pays: 'Pays',
    thematiques: 'Thématiques',
    site_web: 'Site web',
    sigle: 'Sigle',
    adresse: 'Adresse',
    description: 'Description',
    niveau: 'Niveau (collectivité étrangère)',
    odd: 'ODD',
  },
  relationships: {
    source: 'Source',
    cible: 'Cible',
    type: 'Type de relation',
    role: 'Rôle au CA',
    debut: 'Début',
    fin: 'Fin',
  },
};

export function importFieldLabel(kind: 'organisations' | 'relationships', field: string): string {
  return IMPORT_FIELD_LABELS[kind][field] ?? field;
}

/** The stages of the engagement pipeline as the board names them (seed 000). */
export const PIPELINE_STAGE_LABELS: Record<PipelineStage, string> = {
  non_contactee: 'Non contactée',
  prise_de_contact: 'Prise de contact',
  adhesion: 'Adhésion',
  opportunites_communes: 'Opportunités communes',
  relation_echange: "Relation d'échange",
  collaboration: 'Collaboration',
};

/**
 * The population bands as the board's filter names them; the dashboard shows the label its
 * answer gives.
 */
export const POPULATION_BAND_LABELS: Record<PopulationBand, string> = {
  moins_de_2000: 'Moins de 2 000 habitants',
  de_2000_a_9999: 'De 2 000 à 9 999 habitants',
  de_10000_a_49999: 'De 10 000 à 49 999 habitants',
  de_50000_a_199999: 'De 50 000 à 199 999 habitants',
  au_moins_200000: '200 000 habitants et plus',
  inconnue: 'Population inconnue',
};

/** The headline figures of the dashboard (GET /dashboard), by field. */
export const DASHBOARD_FIGURE_LABELS = {
  members: 'Collectivités adhérentes',
  board_seats: "Au conseil d'administration",
  presidencies: 'dont à la présidence',
  accompanied: 'Collectivités accompagnées',
  interactions: 'Accompagnements',
  dormant: 'Relations en sommeil',
} as const;

const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

/** A share (0.4) as French writes it: « 40 % »; « — » when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : percentFormat.format(rate);
}

/** What a network does for a collectivité (DOMAIN.md), as the records name it. */
export const INTERACTION_TYPE_LABELS: Record<InteractionType, string> = {
  prise_de_contact: 'Prise de contact',
  appui_juridique: 'Appui juridique',
  accompagnement_strategique: 'Accompagnement stratégique',
  accompagnement_operationnel: 'Accompagnement opérationnel',
  vsi_reciprocite: 'VSI en réciprocité',
  animation_territoire: 'Animation du territoire',
  evenement: 'Événement',
  accueil_delegation: 'Accueil de délégation',
  montage_projet: 'Montage de projet',
  conseil: 'Conseil',
  financement: 'Financement',
  formation: 'Formation',
};

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  rencontre: 'Rencontre',
  table_ronde: 'Table ronde',
  reunion_information: "Réunion d'information",
  formation: 'Formation',
  accueil_delegation: 'Accueil de délégation',
};

export const EVENT_ROLE_LABELS: Record<EventRole, string> = {
  organisateur: 'Organisateur',
  participant: 'Participant',
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  invite: 'Invité',
  inscrit: 'Inscrit',
  present: 'Présent',
  excuse: 'Excusé',
  absent: 'Absent',
};

/** The time zone of France's mainland, where no zone is named. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const eventDayFormat = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-12-03T14:00" (a local time) to « jeudi 3 décembre 2026 » and « 14 h 00 ». */
function localParts(local: string): { day: string; time: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!match) return null;
  const date = new Date(`${match[1]}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  // « 14 h 00 » stays on one line.
  return { day: formatFrench(eventDayFormat, date), time: `${match[2]}\u00a0h\u00a0${match[3]}` };
}

/** The French name of an IANA time zone (« heure de La Réunion »), else the zone itself. */
export function timeZoneName(zone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date());
    return parts.find((part) => part.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}

/**
 * When an event takes place, in its own local time: « jeudi 3 décembre 2026, de 14 h 00 à 17 h 30 »,
 * over several days « du … 14 h 00 au … 12 h 00 », followed by the time zone when it is not Paris's:
 * « (heure de La Réunion) ».
 */
export function formatEventWhen(startsAt: string, endsAt: string, zone: string = PARIS_TIME_ZONE): string {
  const start = localParts(startsAt);
  const end = localParts(endsAt);
  let text: string;
  if (!start) text = startsAt;
  else if (!end) text = `${start.day}, ${start.time}`;
  else if (startsAt.slice(0, 10) === endsAt.slice(0, 10)) text = `${start.day}, de ${start.time} à ${end.time}`;
  else text = `du ${start.day}, ${start.time}, au ${end.day}, ${end.time}`;
  return zone && zone !== PARIS_TIME_ZONE ? `${text} (${timeZoneName(zone)})` : text;
}

/** The start of an event for a list: « jeu. 3 déc. 2026, 14 h 00 » plus the zone when not Paris. */
export function formatEventStart(startsAt: string, zone: string = PARIS_TIME_ZONE): string {
  const start = localParts(startsAt);
  const text = start ? `${start.day}, ${start.time}` : startsAt;
  return zone && zone !== PARIS_TIME_ZONE ? `${text} (${timeZoneName(zone)})` : text;
}

const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A size in bytes as a French reader reads it: « 812 octets », « 34 Ko », « 2,4 Mo ». */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${formatInteger(bytes)} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1024 * 1024) return `${decimalFormat.format(bytes / 1024)} Ko`;
  return `${decimalFormat.format(bytes / (1024 * 1024))} Mo`;
}
