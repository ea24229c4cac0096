// The authorisation matrix: every route of /api/v1/openapi.json, called by every kind of caller,
// answers the status written below. Callers are anonymous, a member, and the staff and the
// administrators of the record's own network (Territoires Solidaires) and of another network
// (RESACOOP), and a national admin; all call with their API token (scripts/run-tests creates them).
// Records are owned by Territoires Solidaires. A route documented without its cells here fails the
// first test: a new route cannot ship without deciding who may call it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, request, get, show } from './client.mjs';

const TOKENS = {
  anonymous: null,
  member: process.env.RRMA_TOKEN_MEMBER,
  own_staff: process.env.RRMA_TEST_TOKEN,
  own_admin: process.env.RRMA_TOKEN_OWN_ADMIN,
  other_staff: process.env.RRMA_TOKEN_OTHER_STAFF,
  other_admin: process.env.RRMA_TOKEN_OTHER_ADMIN,
  admin: process.env.RRMA_TOKEN_ADMIN,
};
for (const [caller, token] of Object.entries(TOKENS)) {
  if (caller !== 'anonymous' && !token) throw new Error(`the token of ${caller} is missing: run through scripts/run-tests`);
}
const CALLERS = Object.keys(TOKENS);

let ownNetwork;
let valbonne;
let aiglun;  // a commune no other test moves along the pipeline
let counter = 0;
const unique = (prefix) => `${prefix}-${process.pid}-${Date.now()}-${++counter}@matrice.test`;

function call(caller, method, path, json) {
  const headers = TOKENS[caller] ? { Authorization: `Bearer ${TOKENS[caller]}` } : {};
  if (json?.csv !== undefined) {
    return request(method, `${API}${path}`, { headers: { ...headers, 'Content-Type': 'text/csv' }, body: json.csv });
  }
  if (json?.file !== undefined) {
    return request(method, `${API}${path}`, { headers: { ...headers, 'Content-Type': 'application/pdf' }, body: json.file });
  }
  return request(method, `${API}${path}`, json === undefined ? { headers } : { headers, json });
}

// Fixtures, made by the own network's administrator.
async function as(method, path, json, expected) {
  const res = await call('own_admin', method, path, json);
  assert.equal(res.status, expected, `fixture ${method} ${path}: ${show(res)}`);
  return res.body;
}
const person = (visibility) =>
  as('POST', '/persons', {
    network_id: ownNetwork,
    visibility,
    given_name: 'Camille',
    family_name: `Matrice ${visibility}`,
    positions: [{ organisation_id: valbonne, kind: 'elu' }],
  }, 201);
const actor = (visibility) =>
  as('POST', '/organisations', {
    network_id: ownNetwork,
    visibility,
    kind: 'association',
    name: `Association matrice ${visibility} ${++counter}`,
  }, 201);
// A board seat of Valbonne on a fresh public association, at the given visibility.
const relationship = async (visibility) => {
  const association = await actor('public');
  return as('POST', '/relationships', {
    kind: 'board_seat', from_id: valbonne, to_id: association.id, network_id: ownNetwork, visibility,
  }, 201);
};
// An accompaniment record with Valbonne, at the given visibility.
const interaction = (visibility) =>
  as('POST', '/interactions', {
    network_id: ownNetwork, visibility, date: '2026-03-12', type: 'prise_de_contact', subject: 'Appel de la matrice',
    organisation_ids: [valbonne],
  }, 201);
// An event of the own network with Valbonne taking part, at the given visibility.
const event = (visibility) =>
  as('POST', '/events', {
    network_id: ownNetwork, visibility, kind: 'rencontre', title: `Rencontre de la matrice ${++counter}`,
    starts_at: '2026-12-03T14:00', ends_at: '2026-12-03T17:00', organisations: [{ id: valbonne, attendance: 'present' }],
  }, 201);
// A small valid PDF, as a file joined to a record.
const PDF = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n';
// An accompaniment record at the given visibility with one attachment: both, for the routes of the file.
const attached = async (visibility) => {
  const record = await interaction(visibility);
  const res = await call('own_admin', 'POST', `/interactions/${record.id}/attachments?name=compte-rendu.pdf`, { file: PDF });
  assert.equal(res.status, 201, `fixture attachment: ${show(res)}`);
  return { record, file: res.body };
};
const invitedUser = async () =>
  (await as('POST', '/users', { email: unique('cible'), role: 'network_staff', network_id: ownNetwork }, 201)).user;

// One row per documented operation: its cells, and how to build the request of a cell (a fresh
// target for the operations that change or remove it). Statuses in caller order:
//        anonymous member own_staff own_admin other_staff other_admin admin
const row = (statuses) => Object.fromEntries(CALLERS.map((caller, i) => [caller, statuses[i]]));
const ALL = (status) => row(CALLERS.map(() => status));

const MATRIX = {
  'GET /health': [{ cells: ALL(200), path: () => '/health' }],
  'GET /openapi.json': [{ cells: ALL(200), path: () => '/openapi.json' }],
  'GET /organisations': [{ cells: ALL(200), path: () => '/organisations?q=valbonne' }],
  'POST /organisations/search': [{ cells: ALL(200), path: () => '/organisations/search', body: () => ({ q: 'cannes' }) }],
  'GET /organisations/{id}': [
    { target: 'reference', cells: ALL(200), path: () => `/organisations/${valbonne}` },
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => actor('private'), path: (a) => `/organisations/${a.id}` },
    { target: 'network', cells: row([404, 404, 200, 200, 200, 200, 200]), setup: () => actor('network'), path: (a) => `/organisations/${a.id}` },
    { target: 'public', cells: ALL(200), setup: () => actor('public'), path: (a) => `/organisations/${a.id}` },
  ],
  'POST /organisations': [{
    cells: row([401, 403, 201, 201, 403, 403, 201]),
    path: () => '/organisations',
    body: () => ({ network_id: ownNetwork, visibility: 'private', kind: 'association', name: `Nouvelle association ${++counter}` }),
  }],
  'PATCH /organisations/{id}': [
    { target: 'reference', cells: row([401, 403, 403, 403, 403, 403, 403]), path: () => `/organisations/${valbonne}`, body: () => ({ description: 'vu' }) },
    { target: 'private', cells: row([401, 404, 200, 200, 404, 404, 200]), setup: () => actor('private'), path: (a) => `/organisations/${a.id}`, body: () => ({ description: 'vu' }) },
    { target: 'network', cells: row([401, 404, 200, 200, 403, 403, 200]), setup: () => actor('network'), path: (a) => `/organisations/${a.id}`, body: () => ({ description: 'vu' }) },
    { target: 'public', cells: row([401, 403, 200, 200, 403, 403, 200]), setup: () => actor('public'), path: (a) => `/organisations/${a.id}`, body: () => ({ archived: true }) },
  ],
  'GET /organisations/{id}/neighbourhood': [
    { target: 'reference', cells: ALL(200), path: () => `/organisations/${valbonne}/neighbourhood` },
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => actor('private'), path: (a) => `/organisations/${a.id}/neighbourhood` },
  ],
  'GET /organisations/{id}/duplicates': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => actor('private'), path: (a) => `/organisations/${a.id}/duplicates` },
  ],
  'POST /organisations/{id}/merge': [{
    target: 'private',
    cells: row([401, 404, 200, 200, 404, 404, 200]),
    setup: async () => ({ kept: await actor('private'), merged: await actor('private') }),
    path: (pair) => `/organisations/${pair.kept.id}/merge`,
    body: (pair) => ({ merged_id: pair.merged.id }),
  }],
  'POST /merges/{id}/undo': [{
    target: 'private',
    cells: row([401, 404, 200, 200, 404, 404, 200]),
    setup: async () => {
      const kept = await actor('private');
      const merged = await actor('private');
      return as('POST', `/organisations/${kept.id}/merge`, { merged_id: merged.id }, 200);
    },
    path: (merge) => `/merges/${merge.id}/undo`,
    body: () => ({}),
  }],
  'GET /organisations/{id}/notes': [{ cells: ALL(200), path: () => `/organisations/${valbonne}/notes` }],
  'PUT /organisations/{id}/notes': [{
    cells: row([401, 403, 200, 200, 403, 403, 200]),
    path: () => `/organisations/${valbonne}/notes`,
    body: () => ({ network_id: ownNetwork, visibility: 'private', text: 'Priorité : eau et jeunesse.' }),
  }],
  'GET /relationships': [{ cells: ALL(200), path: () => `/relationships?organisation=${valbonne}` }],
  'POST /relationships': [{
    cells: row([401, 403, 201, 201, 403, 403, 201]),
    setup: () => actor('public'),
    path: () => '/relationships',
    body: (association) => ({ kind: 'board_seat', from_id: valbonne, to_id: association.id, network_id: ownNetwork, visibility: 'private' }),
  }],
  'GET /relationships/{id}': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => relationship('private'), path: (r) => `/relationships/${r.id}` },
    { target: 'network', cells: row([404, 404, 200, 200, 200, 200, 200]), setup: () => relationship('network'), path: (r) => `/relationships/${r.id}` },
    { target: 'public', cells: ALL(200), setup: () => relationship('public'), path: (r) => `/relationships/${r.id}` },
  ],
  'PATCH /relationships/{id}': [
    { target: 'private', cells: row([401, 404, 200, 200, 404, 404, 200]), setup: () => relationship('private'), path: (r) => `/relationships/${r.id}`, body: () => ({ role: 'president' }) },
    { target: 'network', cells: row([401, 404, 200, 200, 403, 403, 200]), setup: () => relationship('network'), path: (r) => `/relationships/${r.id}`, body: () => ({ role: 'president' }) },
    { target: 'public', cells: row([401, 403, 200, 200, 403, 403, 200]), setup: () => relationship('public'), path: (r) => `/relationships/${r.id}`, body: () => ({ role: 'president' }) },
  ],
  'DELETE /relationships/{id}': [
    { target: 'private', cells: row([401, 404, 204, 204, 404, 404, 204]), setup: () => relationship('private'), path: (r) => `/relationships/${r.id}` },
    { target: 'network', cells: row([401, 404, 204, 204, 403, 403, 204]), setup: () => relationship('network'), path: (r) => `/relationships/${r.id}` },
    { target: 'public', cells: row([401, 403, 204, 204, 403, 403, 204]), setup: () => relationship('public'), path: (r) => `/relationships/${r.id}` },
  ],
  'POST /imports/organisations': [{
    cells: row([401, 403, 200, 200, 403, 403, 200]),
    path: () => `/imports/organisations?network=${ownNetwork}&dry_run=true`,
    body: () => ({ csv: 'nom;type\nAssociation de la matrice;association\n' }),
  }],
  'POST /imports/relationships': [{
    cells: row([401, 403, 200, 200, 403, 403, 200]),
    path: () => `/imports/relationships?network=${ownNetwork}&dry_run=true`,
    body: () => ({ csv: 'source;cible;type\n06152;06084;partenariat\n' }),
  }],
  'GET /imports/mappings': [{ cells: row([401, 403, 200, 200, 403, 403, 200]), path: () => `/imports/mappings?network=${ownNetwork}` }],
  'GET /outreach': [{ cells: row([401, 403, 200, 200, 403, 403, 200]), path: () => `/outreach?network=${ownNetwork}` }],
  'GET /consortia': [{ cells: row([401, 403, 200, 200, 403, 403, 200]), path: () => `/consortia?network=${ownNetwork}` }],
  // A network's pipeline is its team's: members and other networks are refused.
  'GET /pipeline': [{ cells: row([401, 403, 200, 200, 403, 403, 200]), path: () => `/pipeline?network=${ownNetwork}` }],
  'GET /pipeline/{network_id}/{organisation_id}': [{
    cells: row([401, 403, 200, 200, 403, 403, 200]),
    path: () => `/pipeline/${ownNetwork}/${aiglun}`,
  }],
  'PUT /pipeline/{network_id}/{organisation_id}': [{
    cells: row([401, 403, 200, 200, 403, 403, 200]),
    path: () => `/pipeline/${ownNetwork}/${aiglun}`,
    body: () => ({ stage: 'prise_de_contact', reason: 'Appel de la matrice' }),
  }],
  // A network's dashboard is its team's; the national one, across networks, national admins'.
  'GET /dashboard': [
    { cells: row([401, 403, 200, 200, 403, 403, 200]), path: () => `/dashboard?network=${ownNetwork}` },
    { cells: row([401, 403, 403, 403, 403, 403, 200]), path: () => '/dashboard' },
  ],
  'GET /interactions': [{ cells: ALL(200), path: () => '/interactions' }],
  'POST /interactions': [{
    cells: row([401, 403, 201, 201, 403, 403, 201]),
    path: () => '/interactions',
    body: () => ({
      network_id: ownNetwork, visibility: 'private', date: '2026-03-12', type: 'conseil', subject: 'Conseil de la matrice',
      organisation_ids: [valbonne],
    }),
  }],
  'GET /interactions/{id}': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => interaction('private'), path: (i) => `/interactions/${i.id}` },
    { target: 'network', cells: row([404, 404, 200, 200, 200, 200, 200]), setup: () => interaction('network'), path: (i) => `/interactions/${i.id}` },
    { target: 'public', cells: ALL(200), setup: () => interaction('public'), path: (i) => `/interactions/${i.id}` },
  ],
  'PATCH /interactions/{id}': [
    { target: 'private', cells: row([401, 404, 200, 200, 404, 404, 200]), setup: () => interaction('private'), path: (i) => `/interactions/${i.id}`, body: () => ({ notes: 'vu' }) },
    { target: 'network', cells: row([401, 404, 200, 200, 403, 403, 200]), setup: () => interaction('network'), path: (i) => `/interactions/${i.id}`, body: () => ({ notes: 'vu' }) },
    { target: 'public', cells: row([401, 403, 200, 200, 403, 403, 200]), setup: () => interaction('public'), path: (i) => `/interactions/${i.id}`, body: () => ({ notes: 'vu' }) },
  ],
  'DELETE /interactions/{id}': [
    { target: 'private', cells: row([401, 404, 204, 204, 404, 404, 204]), setup: () => interaction('private'), path: (i) => `/interactions/${i.id}` },
    { target: 'network', cells: row([401, 404, 204, 204, 403, 403, 204]), setup: () => interaction('network'), path: (i) => `/interactions/${i.id}` },
    { target: 'public', cells: row([401, 403, 204, 204, 403, 403, 204]), setup: () => interaction('public'), path: (i) => `/interactions/${i.id}` },
  ],
  'GET /me/relances': [{ cells: row([401, 200, 200, 200, 200, 200, 200]), path: () => '/me/relances' }],
  'POST /interactions/{id}/attachments': [
    { target: 'private', cells: row([401, 404, 201, 201, 404, 404, 201]), setup: () => interaction('private'), path: (i) => `/interactions/${i.id}/attachments?name=note.pdf`, body: () => ({ file: PDF }) },
    { target: 'network', cells: row([401, 404, 201, 201, 403, 403, 201]), setup: () => interaction('network'), path: (i) => `/interactions/${i.id}/attachments?name=note.pdf`, body: () => ({ file: PDF }) },
    { target: 'public', cells: row([401, 403, 201, 201, 403, 403, 201]), setup: () => interaction('public'), path: (i) => `/interactions/${i.id}/attachments?name=note.pdf`, body: () => ({ file: PDF }) },
  ],
  'GET /interactions/{id}/attachments/{attachment_id}': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => attached('private'), path: (a) => `/interactions/${a.record.id}/attachments/${a.file.id}` },
    { target: 'network', cells: row([404, 404, 200, 200, 200, 200, 200]), setup: () => attached('network'), path: (a) => `/interactions/${a.record.id}/attachments/${a.file.id}` },
    { target: 'public', cells: ALL(200), setup: () => attached('public'), path: (a) => `/interactions/${a.record.id}/attachments/${a.file.id}` },
  ],
  'DELETE /interactions/{id}/attachments/{attachment_id}': [
    { target: 'private', cells: row([401, 404, 204, 204, 404, 404, 204]), setup: () => attached('private'), path: (a) => `/interactions/${a.record.id}/attachments/${a.file.id}` },
    { target: 'network', cells: row([401, 404, 204, 204, 403, 403, 204]), setup: () => attached('network'), path: (a) => `/interactions/${a.record.id}/attachments/${a.file.id}` },
    { target: 'public', cells: row([401, 403, 204, 204, 403, 403, 204]), setup: () => attached('public'), path: (a) => `/interactions/${a.record.id}/attachments/${a.file.id}` },
  ],
  'GET /events': [{ cells: ALL(200), path: () => '/events' }],
  'POST /events': [{
    cells: row([401, 403, 201, 201, 403, 403, 201]),
    path: () => '/events',
    body: () => ({
      network_id: ownNetwork, visibility: 'private', kind: 'table_ronde', title: `Table ronde de la matrice ${++counter}`,
      starts_at: '2026-12-10T09:30', ends_at: '2026-12-10T12:00',
    }),
  }],
  'GET /events/{id}': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => event('private'), path: (e) => `/events/${e.id}` },
    { target: 'network', cells: row([404, 404, 200, 200, 200, 200, 200]), setup: () => event('network'), path: (e) => `/events/${e.id}` },
    { target: 'public', cells: ALL(200), setup: () => event('public'), path: (e) => `/events/${e.id}` },
  ],
  'PATCH /events/{id}': [
    { target: 'private', cells: row([401, 404, 200, 200, 404, 404, 200]), setup: () => event('private'), path: (e) => `/events/${e.id}`, body: () => ({ place: 'Mairie' }) },
    { target: 'network', cells: row([401, 404, 200, 200, 403, 403, 200]), setup: () => event('network'), path: (e) => `/events/${e.id}`, body: () => ({ place: 'Mairie' }) },
    { target: 'public', cells: row([401, 403, 200, 200, 403, 403, 200]), setup: () => event('public'), path: (e) => `/events/${e.id}`, body: () => ({ place: 'Mairie' }) },
  ],
  'DELETE /events/{id}': [
    { target: 'private', cells: row([401, 404, 204, 204, 404, 404, 204]), setup: () => event('private'), path: (e) => `/events/${e.id}` },
    { target: 'network', cells: row([401, 404, 204, 204, 403, 403, 204]), setup: () => event('network'), path: (e) => `/events/${e.id}` },
    { target: 'public', cells: row([401, 403, 204, 204, 403, 403, 204]), setup: () => event('public'), path: (e) => `/events/${e.id}` },
  ],
  'GET /events/{id}/ical': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => event('private'), path: (e) => `/events/${e.id}/ical` },
    { target: 'public', cells: ALL(200), setup: () => event('public'), path: (e) => `/events/${e.id}/ical` },
  ],
  'GET /events/{id}/participants': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => event('private'), path: (e) => `/events/${e.id}/participants?format=csv` },
    { target: 'public', cells: row([401, 200, 200, 200, 200, 200, 200]), setup: () => event('public'), path: (e) => `/events/${e.id}/participants?format=csv` },
  ],
  'GET /organisations/{id}/members': [{ cells: ALL(200), path: () => `/organisations/${valbonne}/members` }],
  'GET /networks': [{ cells: ALL(200), path: () => '/networks' }],
  'GET /reference/countries': [{ cells: ALL(200), path: () => '/reference/countries' }],
  'GET /reference/odd': [{ cells: ALL(200), path: () => '/reference/odd' }],
  'GET /me': [{ cells: row([401, 200, 200, 200, 200, 200, 200]), path: () => '/me' }],
  // Open to all: whether the caller is signed in, never a 401.
  'GET /session': [{ cells: ALL(200), path: () => '/session' }],
  // Open to all; an empty body shows the route answers everyone the same validation error.
  'POST /session': [{ cells: ALL(400), path: () => '/session', body: () => ({}) }],
  // A token is not a session: it is revoked, not signed out.
  'DELETE /session': [{ cells: row([401, 400, 400, 400, 400, 400, 400]), path: () => '/session' }],
  'PUT /me/password': [{
    cells: row([401, 400, 400, 400, 400, 400, 400]),
    path: () => '/me/password',
    body: () => ({ current_password: 'pas le bon mot de passe', new_password: 'un nouveau mot de passe' }),
  }],
  'GET /users': [{ cells: row([401, 403, 403, 200, 403, 200, 200]), path: () => '/users' }],
  'POST /users': [{
    cells: row([401, 403, 403, 201, 403, 403, 201]),
    path: () => '/users',
    body: () => ({ email: unique('invite'), role: 'network_staff', network_id: ownNetwork }),
  }],
  'GET /users/{id}': [{
    cells: row([401, 404, 404, 200, 404, 404, 200]),
    setup: invitedUser,
    path: (user) => `/users/${user.id}`,
  }],
  'PATCH /users/{id}': [{
    cells: row([401, 404, 404, 200, 404, 404, 200]),
    setup: invitedUser,
    path: (user) => `/users/${user.id}`,
    body: () => ({ active: false }),
  }],
  'POST /users/{id}/roles': [{
    cells: row([401, 404, 404, 201, 404, 404, 201]),
    setup: invitedUser,
    path: (user) => `/users/${user.id}/roles`,
    body: () => ({ role: 'network_admin', network_id: ownNetwork }),
  }],
  'DELETE /users/{id}/roles/{role_id}': [{
    cells: row([401, 404, 404, 204, 404, 404, 204]),
    setup: invitedUser,
    path: (user) => `/users/${user.id}/roles/${user.roles[0].id}`,
  }],
  'POST /users/{id}/invitation': [{
    cells: row([401, 404, 404, 201, 404, 404, 201]),
    setup: invitedUser,
    path: (user) => `/users/${user.id}/invitation`,
    body: () => ({}),
  }],
  // Open to all: the link's code is the credential.
  'POST /invitation': [{
    cells: ALL(400),
    path: () => '/invitation',
    body: () => ({ code: 'code-inconnu', password: 'un mot de passe assez long' }),
  }],
  'GET /persons': [{ cells: ALL(200), path: () => '/persons' }],
  'POST /persons': [{
    cells: row([401, 403, 201, 201, 403, 403, 201]),
    path: () => '/persons',
    body: () => ({ network_id: ownNetwork, visibility: 'private', given_name: 'Dominique', family_name: 'Nouvelle' }),
  }],
  'GET /persons/{id}': [
    { target: 'private', cells: row([404, 404, 200, 200, 404, 404, 200]), setup: () => person('private'), path: (p) => `/persons/${p.id}` },
    { target: 'network', cells: row([404, 404, 200, 200, 200, 200, 200]), setup: () => person('network'), path: (p) => `/persons/${p.id}` },
    { target: 'public', cells: ALL(200), setup: () => person('public'), path: (p) => `/persons/${p.id}` },
  ],
  'PATCH /persons/{id}': [
    { target: 'private', cells: row([401, 404, 200, 200, 404, 404, 200]), setup: () => person('private'), path: (p) => `/persons/${p.id}`, body: () => ({ notes: 'vu' }) },
    { target: 'network', cells: row([401, 404, 200, 200, 403, 403, 200]), setup: () => person('network'), path: (p) => `/persons/${p.id}`, body: () => ({ notes: 'vu' }) },
    { target: 'public', cells: row([401, 403, 200, 200, 403, 403, 200]), setup: () => person('public'), path: (p) => `/persons/${p.id}`, body: () => ({ notes: 'vu' }) },
  ],
  'DELETE /persons/{id}': [
    // Deleting redacts the person's history like an erasure: for the network's administrators.
    { target: 'private', cells: row([401, 404, 403, 204, 404, 404, 204]), setup: () => person('private'), path: (p) => `/persons/${p.id}` },
    { target: 'network', cells: row([401, 404, 403, 204, 403, 403, 204]), setup: () => person('network'), path: (p) => `/persons/${p.id}` },
    { target: 'public', cells: row([401, 403, 403, 204, 403, 403, 204]), setup: () => person('public'), path: (p) => `/persons/${p.id}` },
  ],
  'GET /persons/{id}/export': [
    { target: 'private', cells: row([401, 404, 403, 200, 404, 404, 200]), setup: () => person('private'), path: (p) => `/persons/${p.id}/export` },
    { target: 'network', cells: row([401, 404, 403, 200, 403, 403, 200]), setup: () => person('network'), path: (p) => `/persons/${p.id}/export` },
    { target: 'public', cells: row([401, 403, 403, 200, 403, 403, 200]), setup: () => person('public'), path: (p) => `/persons/${p.id}/export` },
  ],
  'POST /persons/{id}/erasure': [
    { target: 'private', cells: row([401, 404, 403, 200, 404, 404, 200]), setup: () => person('private'), path: (p) => `/persons/${p.id}/erasure`, body: () => ({}) },
    { target: 'network', cells: row([401, 404, 403, 200, 403, 403, 200]), setup: () => person('network'), path: (p) => `/persons/${p.id}/erasure`, body: () => ({}) },
    { target: 'public', cells: row([401, 403, 403, 200, 403, 403, 200]), setup: () => person('public'), path: (p) => `/persons/${p.id}/erasure`, body: () => ({}) },
  ],
  'GET /audit': [
    { target: 'journal', cells: row([401, 403, 403, 200, 403, 200, 200]), path: () => '/audit' },
    { target: 'private', cells: row([401, 404, 403, 200, 404, 404, 200]), setup: () => person('private'), path: (p) => `/audit?record=person:${p.id}` },
    { target: 'user', cells: row([401, 404, 404, 200, 404, 404, 200]), setup: invitedUser, path: (u) => `/audit?record=user:${u.id}` },
    { target: 'organisation', cells: row([401, 404, 403, 200, 404, 404, 200]), setup: () => actor('private'), path: (a) => `/audit?record=organisation:${a.id}` },
    { target: 'relationship', cells: row([401, 404, 403, 200, 404, 404, 200]), setup: () => relationship('private'), path: (r) => `/audit?record=relationship:${r.id}` },
  ],
};

before(async () => {
  const me = await as('GET', '/me', undefined, 200);
  ownNetwork = me.roles[0].network.id;
  const found = await get(`${API}/organisations?insee=06152`);
  valbonne = found.body.items[0].id;
  aiglun = (await get(`${API}/organisations?insee=06001`)).body.items[0].id;
});

test('every documented route has its expected status for every caller, and no cell names an undocumented route', async () => {
  const doc = (await get(`${API}/openapi.json`)).body;
  const documented = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) documented.push(`${method.toUpperCase()} ${path}`);
  }
  const missing = documented.filter((operation) => !(operation in MATRIX));
  assert.deepEqual(missing, [], 'routes without authorisation cells: add them to MATRIX');
  const stale = Object.keys(MATRIX).filter((operation) => !documented.includes(operation));
  assert.deepEqual(stale, [], 'cells for routes that are not documented');
  for (const variants of Object.values(MATRIX)) {
    for (const variant of variants) assert.deepEqual(Object.keys(variant.cells), CALLERS);
  }
});

for (const [operation, variants] of Object.entries(MATRIX)) {
  const [method] = operation.split(' ');
  for (const variant of variants) {
    const label = variant.target ? `${operation} (${variant.target})` : operation;
    test(`${label} answers each caller as the matrix says`, async () => {
      const failures = [];
      for (const caller of CALLERS) {
        const target = variant.setup ? await variant.setup() : undefined;
        const res = await call(caller, method, variant.path(target), variant.body?.(target));
        assert.ok(res.status < 500, `${caller}: ${show(res)}`);
        if (res.status !== variant.cells[caller]) {
          failures.push(`${caller}: expected ${variant.cells[caller]}, got ${show(res)}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  }
}
