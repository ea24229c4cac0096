// The relationship being made or edited in RelationshipForm, as form values, and
// its conversion to the bodies of POST /relationships and PATCH /relationships/{id}.
// `direction` says which end the organisation of the fiche is: « X siège au CA de
// Y » is a board_seat from X to Y. The kind and the ends never change once made.
import type {
  BoardRole,
  FieldError,
  OrganisationRef,
  Relationship,
  RelationshipInput,
  RelationshipKind,
  Visibility,
} from './api';

/** `from`: the fiche's organisation is the first end (it adheres, it sits on the other's CA). */
export type Direction = 'from' | 'to';

export interface RelationshipDraft {
  kind: RelationshipKind | '';
  direction: Direction;
  other: OrganisationRef | null;
  role: BoardRole;
  start_date: string;
  end_date: string;
  source: string;
  networkId: number | null;
  visibility: Visibility;
  themes: string[];
  convention_date: string;
}

export function emptyRelationshipDraft(): RelationshipDraft {
  return {
    kind: '',
    direction: 'from',
    other: null,
    role: 'membre',
    start_date: '',
    end_date: '',
    source: '',
    networkId: null,
    visibility: 'private',
    themes: [],
    convention_date: '',
  };
}

export function relationshipDraft(relationship: Relationship, organisationId: number): RelationshipDraft {
  const direction: Direction = relationship.from.id === organisationId ? 'from' : 'to';
  const other = direction === 'from' ? relationship.to : relationship.from;
  return {
    kind: relationship.kind,
    direction,
    other: { id: other.id, name: other.name },
    role: (relationship.role as BoardRole | null) ?? 'membre',
    start_date: relationship.start_date ?? '',
    end_date: relationship.end_date ?? '',
    source: relationship.source,
    networkId: relationship.network?.id ?? null,
    visibility: relationship.visibility as Visibility,
    themes: [...relationship.themes],
    convention_date: relationship.convention_date ?? '',
  };
}

/** What is missing or inconsistent, on the fields the server would name (`otherField`: from_id or to_id). */
export function relationshipProblems(draft: RelationshipDraft, creating: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (creating) {
    if (draft.kind === '') problems.push({ field: 'kind', message: 'Choisissez le type de relation.' });
    if (!draft.other) problems.push({ field: otherField(draft), message: "Choisissez l'organisation liée." });
    if (draft.networkId === null) problems.push({ field: 'network_id', message: 'Choisissez un réseau.' });
  }
  if (draft.start_date && draft.end_date && draft.end_date < draft.start_date) {
    problems.push({ field: 'end_date', message: 'La fin précède le début.' });
  }
  return problems;
}

/** The field of the other organisation in the API's terms. */
export function otherField(draft: Pick<RelationshipDraft, 'direction'>): 'from_id' | 'to_id' {
  return draft.direction === 'from' ? 'to_id' : 'from_id';
}

function changeable(draft: RelationshipDraft): RelationshipInput {
  return {
    ...(draft.kind === 'board_seat' ? { role: draft.role } : {}),
    start_date: draft.start_date || null,
    end_date: draft.end_date || null,
    source: draft.source.trim(),
    visibility: draft.visibility,
    ...(draft.kind === 'partnership' ? { themes: draft.themes, convention_date: draft.convention_date || null } : {}),
  };
}

/** The body of POST /relationships; call when relationshipProblems is empty. */
export function newRelationship(draft: RelationshipDraft, organisationId: number): RelationshipInput {
  const otherId = draft.other?.id ?? 0;
  const from = draft.kind === 'partnership' || draft.direction === 'from' ? organisationId : otherId;
  const to = from === organisationId ? otherId : organisationId;
  const body: Record<string, unknown> = { kind: draft.kind, from_id: from, to_id: to, network_id: draft.networkId ?? 0 };
  for (const [field, value] of Object.entries(changeable(draft))) {
    const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) body[field] = value;
  }
  return body as RelationshipInput;
}

/** The body of PATCH /relationships/{id}: only what differs. */
export function relationshipChanges(relationship: Relationship, draft: RelationshipDraft): RelationshipInput {
  const before = changeable(relationshipDraft(relationship, relationship.from.id)) as Record<string, unknown>;
  const after = changeable(draft) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(before[field])) changes[field] = value;
  }
  return changes as RelationshipInput;
}
