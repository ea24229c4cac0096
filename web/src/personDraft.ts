// The person being edited in PersonForm, as form values (strings, '' for empty),
// and its conversion to the bodies of POST /persons and PATCH /persons/{id}.
// Checks made here mirror the server's so the user hears of them before sending;
// the server stays the judge. Position errors are named "positions[i].field",
// and the server's "positions.i.field" or "positions/i/field" are read alike.
import type {
  FieldError,
  NewPerson,
  OrganisationRef,
  Person,
  PersonChanges,
  PositionInput,
  PositionKind,
  Visibility,
} from './api';

export interface PositionDraft {
  /** Stable key of the row (for Vue and element ids), not sent. */
  key: number;
  organisation: OrganisationRef | null;
  kind: PositionKind | '';
  title: string;
  start_date: string;
  end_date: string;
}

export interface PersonDraft {
  networkId: number | null;
  visibility: Visibility;
  given_name: string;
  family_name: string;
  email: string;
  phone: string;
  notes: string;
  positions: PositionDraft[];
}

let nextKey = 1;

export function emptyPosition(): PositionDraft {
  return { key: nextKey++, organisation: null, kind: '', title: '', start_date: '', end_date: '' };
}

export function emptyPersonDraft(): PersonDraft {
  return {
    networkId: null,
    visibility: 'private',
    given_name: '',
    family_name: '',
    email: '',
    phone: '',
    notes: '',
    positions: [],
  };
}

export function personDraft(person: Person): PersonDraft {
  return {
    networkId: person.network.id,
    visibility: person.visibility as Visibility,
    given_name: person.given_name,
    family_name: person.family_name,
    email: person.email ?? '',
    phone: person.phone ?? '',
    notes: person.notes,
    positions: person.positions.map((p) => ({
      key: nextKey++,
      organisation: { id: p.organisation.id, name: p.organisation.name },
      kind: p.kind as PositionKind,
      title: p.title ?? '',
      start_date: p.start_date ?? '',
      end_date: p.end_date ?? '',
    })),
  };
}

/** Position fields as the API names them, with their French label and element id suffix. */
export const POSITION_FIELDS: Record<string, { label: string; id: string }> = {
  organisation_id: { label: 'Organisation', id: 'organisation' },
  kind: { label: 'Type de fonction', id: 'type' },
  title: { label: 'Intitulé', id: 'intitule' },
  start_date: { label: 'Début', id: 'debut' },
  end_date: { label: 'Fin', id: 'fin' },
};

/** Element id of the input of `field` (an API name) in the position row `key`. */
export function positionInputId(prefix: string, key: number, field: string): string {
  return `${prefix}-fonction-${key}-${POSITION_FIELDS[field]?.id ?? field}`;
}

export function positionField(index: number, field: string): string {
  return `positions[${index}].${field}`;
}

/** The row index and sub-field of a position error ("positions[2].kind" → [2, 'kind']), else null. */
export function parsePositionField(field: string): { index: number; field: string } | null {
  const match = /^positions(?:\[(\d+)\]|[./](\d+))(?:[./](\w+))?$/.exec(field);
  if (!match) return null;
  return { index: Number(match[1] ?? match[2]), field: match[3] ?? '' };
}

function positionInput(draft: PositionDraft): PositionInput | null {
  if (!draft.organisation || draft.kind === '') return null;
  const title = draft.title.trim();
  return {
    organisation_id: draft.organisation.id,
    kind: draft.kind,
    ...(title ? { title } : {}),
    ...(draft.start_date ? { start_date: draft.start_date } : {}),
    ...(draft.end_date ? { end_date: draft.end_date } : {}),
  };
}

/** What is missing or inconsistent in the draft, on the fields the server would name. */
export function draftProblems(draft: PersonDraft, creating: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (creating && draft.networkId === null) problems.push({ field: 'network_id', message: 'Choisissez un réseau.' });
  if (draft.given_name.trim() === '') problems.push({ field: 'given_name', message: 'Le prénom est obligatoire.' });
  if (draft.family_name.trim() === '') problems.push({ field: 'family_name', message: 'Le nom est obligatoire.' });
  draft.positions.forEach((p, index) => {
    if (!p.organisation) {
      problems.push({ field: positionField(index, 'organisation_id'), message: "Choisissez l'organisation." });
    }
    if (p.kind === '') problems.push({ field: positionField(index, 'kind'), message: 'Choisissez le type de fonction.' });
    if (p.start_date && p.end_date && p.end_date < p.start_date) {
      problems.push({ field: positionField(index, 'end_date'), message: 'La fin précède le début.' });
    }
  });
  return problems;
}

function positionInputs(draft: PersonDraft): PositionInput[] {
  return draft.positions.map(positionInput).filter((p): p is PositionInput => p !== null);
}

/** The body of POST /persons; call only when draftProblems(draft, true) is empty. */
export function newPerson(draft: PersonDraft): NewPerson {
  const email = draft.email.trim();
  const phone = draft.phone.trim();
  const positions = positionInputs(draft);
  return {
    network_id: draft.networkId ?? 0,
    visibility: draft.visibility,
    given_name: draft.given_name.trim(),
    family_name: draft.family_name.trim(),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(draft.notes.trim() ? { notes: draft.notes } : {}),
    ...(positions.length > 0 ? { positions } : {}),
  };
}

/** The body of PATCH /persons/{id}: only what differs from `person` (null empties email or phone). */
export function personChanges(person: Person, draft: PersonDraft): PersonChanges {
  const changes: PersonChanges = {};
  if (draft.visibility !== person.visibility) changes.visibility = draft.visibility;
  const givenName = draft.given_name.trim();
  if (givenName !== person.given_name) changes.given_name = givenName;
  const familyName = draft.family_name.trim();
  if (familyName !== person.family_name) changes.family_name = familyName;
  const email = draft.email.trim();
  if (email !== (person.email ?? '')) changes.email = email || null;
  const phone = draft.phone.trim();
  if (phone !== (person.phone ?? '')) changes.phone = phone || null;
  if (draft.notes !== person.notes) changes.notes = draft.notes;
  const positions = positionInputs(draft);
  if (JSON.stringify(positions) !== JSON.stringify(positionInputs(personDraft(person)))) changes.positions = positions;
  return changes;
}
