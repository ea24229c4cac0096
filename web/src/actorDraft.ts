// The actor being edited in ActorForm, as form values ('' for empty), and its
// conversion to the bodies of POST /organisations and PATCH /organisations/{id}.
// Checks made here mirror the server's so the user hears of them before sending;
// the server stays the judge. The server names the items of a list "countries[2]":
// baseField() reads them as the list's field.
import type {
  Actor,
  ActorInput,
  ActorKind,
  FieldError,
  ForeignLevel,
  OrganisationRef,
  OrganisationSummary,
  Visibility,
} from './api';

export interface ActorDraft {
  networkId: number | null;
  visibility: Visibility;
  kind: ActorKind | '';
  name: string;
  acronym: string;
  rna: string;
  siren: string;
  address: string;
  /** The commune as the picker shows it (id 0 when only its INSEE code is known), and its code. */
  commune: OrganisationRef | null;
  communeInsee: string;
  website: string;
  countryCode: string;
  level: ForeignLevel | '';
  themes: string[];
  countries: string[];
  odd: number[];
  description: string;
}

export function emptyActorDraft(): ActorDraft {
  return {
    networkId: null,
    visibility: 'private',
    kind: '',
    name: '',
    acronym: '',
    rna: '',
    siren: '',
    address: '',
    commune: null,
    communeInsee: '',
    website: '',
    countryCode: '',
    level: '',
    themes: [],
    countries: [],
    odd: [],
    description: '',
  };
}

export function actorDraft(actor: Actor): ActorDraft {
  return {
    networkId: actor.network.id,
    visibility: actor.visibility as Visibility,
    kind: actor.kind as ActorKind,
    name: actor.name,
    acronym: actor.acronym ?? '',
    rna: actor.rna ?? '',
    siren: actor.siren ?? '',
    address: actor.address ?? '',
    commune: actor.commune ? { id: 0, name: actor.commune.name ?? actor.commune.insee_code } : null,
    communeInsee: actor.commune?.insee_code ?? '',
    website: actor.website ?? '',
    countryCode: actor.country_code ?? '',
    level: (actor.level as ForeignLevel | null) ?? '',
    themes: [...actor.themes],
    countries: [...actor.countries],
    odd: [...actor.odd].sort((a, b) => a - b),
    description: actor.description,
  };
}

/** "countries[2]" → "countries": the field whose input shows an error about one item of a list. */
export function baseField(field: string): string {
  return field.replace(/(?:\[\d+\]|[./]\d+)$/, '');
}

const RNA = /^[Ww][0-9]{9}$/;
const SIREN = /^[0-9]{9}$/;

/** What is missing or malformed in the draft, on the fields the server would name. */
export function actorProblems(draft: ActorDraft, creating: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (creating && draft.networkId === null) problems.push({ field: 'network_id', message: 'Choisissez un réseau.' });
  if (draft.kind === '') problems.push({ field: 'kind', message: "Choisissez le type d'acteur." });
  if (draft.name.trim() === '') problems.push({ field: 'name', message: 'Le nom est obligatoire.' });
  if (draft.rna.trim() && !RNA.test(draft.rna.trim())) {
    problems.push({ field: 'rna', message: 'Le numéro RNA s’écrit W suivi de 9 chiffres (ex. : W061234567).' });
  }
  const siren = draft.siren.replace(/\s/g, '');
  if (siren && !SIREN.test(siren)) problems.push({ field: 'siren', message: 'Le SIREN compte 9 chiffres.' });
  const website = draft.website.trim();
  if (website && !/^https?:\/\/\S+$/i.test(website)) {
    problems.push({ field: 'website', message: 'Le site web commence par http:// ou https://.' });
  }
  if (draft.kind === 'collectivite_etrangere') {
    if (!draft.countryCode) problems.push({ field: 'country_code', message: 'Choisissez le pays de la collectivité.' });
    if (!draft.level) problems.push({ field: 'level', message: 'Choisissez le niveau de la collectivité.' });
  }
  return problems;
}

function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Every field of the draft as the API names them (null for empty). */
function fieldsOf(draft: ActorDraft): ActorInput {
  const foreign = draft.kind === 'collectivite_etrangere';
  return {
    visibility: draft.visibility,
    ...(draft.kind ? { kind: draft.kind } : {}),
    name: draft.name.trim(),
    acronym: text(draft.acronym),
    rna: text(draft.rna)?.toUpperCase() ?? null,
    siren: text(draft.siren.replace(/\s/g, '')),
    address: text(draft.address),
    commune_insee: text(draft.communeInsee),
    website: text(draft.website),
    country_code: foreign ? text(draft.countryCode) : null,
    level: foreign && draft.level ? draft.level : null,
    themes: draft.themes,
    countries: draft.countries,
    odd: [...draft.odd].sort((a, b) => a - b),
    description: draft.description.trim(),
  };
}

/** The body of POST /organisations: the fields filled in; call when actorProblems is empty. */
export function newActor(draft: ActorDraft): ActorInput {
  const body: Record<string, unknown> = { network_id: draft.networkId ?? 0 };
  for (const [field, value] of Object.entries(fieldsOf(draft))) {
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) body[field] = value;
  }
  return body as ActorInput;
}

/** The body of PATCH /organisations/{id}: only what differs from `actor` (null empties a field). */
export function actorChanges(actor: Actor, draft: ActorDraft): ActorInput {
  const before = fieldsOf(actorDraft(actor)) as Record<string, unknown>;
  const after = fieldsOf(draft) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[field])) changes[field] = value;
  }
  return changes as ActorInput;
}

/** A name as the duplicate check compares it: no case, accents or punctuation. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The most words the directory search takes in `q`. */
const SEARCH_WORDS = 8;

/** What to ask the directory search (q) to find the records named `name`; '' when it cannot. */
export function searchTextFor(name: string): string {
  return nameKey(name).split(' ').filter(Boolean).slice(0, SEARCH_WORDS).join(' ');
}

/** Among search results, the records named `name` (the same name key) based in the commune `insee`. */
export function sameNameInCommune(items: OrganisationSummary[], name: string, insee: string): OrganisationSummary[] {
  const key = nameKey(name);
  return items.filter((org) => org.commune?.code === insee && nameKey(org.name) === key);
}
