// Persons (/api/v1/persons): the contacts a network keeps, scoped by network and visibility, with
// the person's rights (export, erasure). Uses the accounts and tokens scripts/run-tests creates;
// every test creates its own persons, named with a unique tag, so files and engines never collide.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, qs, ok, show, assertPage, assertProblem, findOrganisation, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const PERSONS = `${API}/persons`;
const auth = (token) => ({ Authorization: `Bearer ${token}` });
const as = (token) => ({ headers: auth(token) });

/** A word no other test uses, to find one's own persons (letters and digits, one search word). */
const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let TS; // network id of Territoires Solidaires
let RESACOOP;
let VALBONNE; // organisation ids
let CANNES;

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  TS = networks.find((n) => n.name === 'Territoires Solidaires').id;
  RESACOOP = networks.find((n) => n.name === 'RESACOOP').id;
  VALBONNE = (await findOrganisation({ insee: '06152' })).id;
  CANNES = (await findOrganisation({ insee: '06029' })).id;
});

function draft(overrides = {}) {
  return {
    network_id: TS,
    visibility: 'private',
    given_name: 'Camille',
    family_name: `Durand ${tag()}`,
    ...overrides,
  };
}

async function create(token, body) {
  const res = await post(PERSONS, body, as(token));
  assert.equal(res.status, 201, show(res));
  return res.body;
}

const patch = (token, id, body) => request('PATCH', `${PERSONS}/${id}`, { json: body, headers: auth(token) });
const remove = (token, id) => request('DELETE', `${PERSONS}/${id}`, { headers: auth(token) });
const erase = (token, id, body = {}) => post(`${PERSONS}/${id}/erasure`, body, as(token));
const list = async (params, opts = {}) => assertPage(ok(await get(PERSONS + qs(params), opts)));

// ---------- create, read, update, delete ----------

test('a network staff member creates a person with positions and reads it back', async () => {
  const body = draft({
    visibility: 'network',
    given_name: 'Élodie',
    email: 'elodie.martin@example.fr',
    phone: '+33 (0)6 12.34-56 78',
    notes: 'Rencontrée au forum de Valbonne.',
    positions: [
      { organisation_id: VALBONNE, kind: 'elu', title: 'Adjointe à la coopération', start_date: '2020-07-04', end_date: '2026-03-22' },
      { organisation_id: CANNES, kind: 'benevole' },
    ],
  });
  const res = await post(PERSONS, body, as(TOKENS.staff));
  assert.equal(res.status, 201, show(res));
  const person = res.body;
  assert.ok(Number.isInteger(person.id));
  assert.equal(res.headers.get('location'), `${PERSONS}/${person.id}`);
  assert.deepEqual(person.network, { id: TS, name: 'Territoires Solidaires' });
  assert.equal(person.visibility, 'network');
  assert.equal(person.given_name, 'Élodie');
  assert.equal(person.family_name, body.family_name);
  assert.equal(person.email, 'elodie.martin@example.fr');
  assert.equal(person.phone, '+33 (0)6 12.34-56 78');
  assert.equal(person.notes, 'Rencontrée au forum de Valbonne.');
  assert.equal(person.erased_at, null);
  assert.match(person.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.match(person.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.deepEqual(person.permissions, { edit: true, administer: false });
  assert.equal(person.positions.length, 2);
  // The order of an undated position among dated ones is not part of the contract.
  const elected = person.positions.find((p) => p.organisation.id === VALBONNE);
  const volunteer = person.positions.find((p) => p.organisation.id === CANNES);
  assert.ok(Number.isInteger(elected.id));
  assert.equal(elected.organisation.id, VALBONNE);
  assert.equal(elected.organisation.name, 'Valbonne');
  assert.equal(elected.organisation.category, 'commune');
  assert.equal(elected.kind, 'elu');
  assert.equal(elected.title, 'Adjointe à la coopération');
  assert.equal(elected.start_date, '2020-07-04');
  assert.equal(elected.end_date, '2026-03-22');
  assert.equal(volunteer.organisation.name, 'Cannes');
  assert.equal(volunteer.kind, 'benevole');
  assert.equal(volunteer.title, null);
  assert.equal(volunteer.start_date, null);
  assert.equal(volunteer.end_date, null);

  const read = await get(`${PERSONS}/${person.id}`, as(TOKENS.staff));
  assert.deepEqual(ok(read), person);
});

test('positions are listed by start date, the most recent first', async () => {
  const person = await create(TOKENS.staff, draft({
    positions: [
      { organisation_id: VALBONNE, kind: 'elu', start_date: '2014-03-30', end_date: '2020-07-03' },
      { organisation_id: CANNES, kind: 'agent', start_date: '2021-09-01' },
      { organisation_id: VALBONNE, kind: 'benevole', start_date: '2020-07-04' },
    ],
  }));
  const order = (p) => p.positions.map((x) => x.start_date);
  assert.deepEqual(order(person), ['2021-09-01', '2020-07-04', '2014-03-30']);
  assert.deepEqual(order(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)))), ['2021-09-01', '2020-07-04', '2014-03-30']);
});

test('optional fields default to null contacts, empty notes and no positions', async () => {
  const person = await create(TOKENS.staff, draft());
  assert.equal(person.email, null);
  assert.equal(person.phone, null);
  assert.equal(person.notes, '');
  assert.deepEqual(person.positions, []);
});

test('the owning network admin may administer a person, the staff may only edit it', async () => {
  const person = await create(TOKENS.staff, draft());
  assert.deepEqual(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.ownAdmin))).permissions, { edit: true, administer: true });
  assert.deepEqual(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.admin))).permissions, { edit: true, administer: true });
  assert.deepEqual(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))).permissions, { edit: true, administer: false });
});

test('a patch changes only the fields it sends, and positions replace the whole list', async () => {
  const person = await create(TOKENS.staff, draft({
    email: 'avant@example.fr',
    notes: 'avant',
    positions: [{ organisation_id: VALBONNE, kind: 'agent', title: 'DGS' }],
  }));
  const res = await patch(TOKENS.staff, person.id, {
    notes: 'après',
    phone: '04 93 00 00 00',
    positions: [{ organisation_id: CANNES, kind: 'salarie', start_date: '2023-01-01' }],
  });
  const changed = ok(res);
  assert.equal(changed.id, person.id);
  assert.equal(changed.given_name, person.given_name);
  assert.equal(changed.family_name, person.family_name);
  assert.equal(changed.email, 'avant@example.fr');
  assert.equal(changed.notes, 'après');
  assert.equal(changed.phone, '04 93 00 00 00');
  assert.equal(changed.positions.length, 1);
  assert.equal(changed.positions[0].organisation.id, CANNES);
  assert.equal(changed.positions[0].kind, 'salarie');
  assert.equal(changed.positions[0].start_date, '2023-01-01');
  assert.equal(changed.created_at, person.created_at);
  assert.ok(changed.updated_at >= person.updated_at);
  assert.deepEqual(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))), changed);
});

test('a patch sending null clears the email and phone, and an empty list removes every position', async () => {
  const person = await create(TOKENS.staff, draft({
    email: 'efface@example.fr',
    phone: '0600000000',
    positions: [{ organisation_id: VALBONNE, kind: 'elu' }],
  }));
  const changed = ok(await patch(TOKENS.staff, person.id, { email: null, phone: null, positions: [] }));
  assert.equal(changed.email, null);
  assert.equal(changed.phone, null);
  assert.deepEqual(changed.positions, []);
});

test('a patch may change the visibility', async () => {
  const person = await create(TOKENS.staff, draft());
  assert.equal(ok(await patch(TOKENS.staff, person.id, { visibility: 'public' })).visibility, 'public');
  assert.equal(ok(await get(`${PERSONS}/${person.id}`)).visibility, 'public');
});

test('a patch cannot move a person to another network', async () => {
  const person = await create(TOKENS.staff, draft());
  assertProblem(await patch(TOKENS.staff, person.id, { network_id: RESACOOP }), 400, 'network_id');
  assertProblem(await patch(TOKENS.admin, person.id, { network_id: RESACOOP }), 400, 'network_id');
  assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))).network.id, TS);
});

test('the network admin deletes a person: 204, then the person is gone from reads and lists', async () => {
  const body = draft();
  const person = await create(TOKENS.staff, body);
  const res = await remove(TOKENS.ownAdmin, person.id);
  assert.equal(res.status, 204, show(res));
  assertProblem(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)), 404);
  assertProblem(await get(`${PERSONS}/${person.id}`, as(TOKENS.admin)), 404);
  assert.equal((await list({ q: body.family_name }, as(TOKENS.admin))).total, 0);
  assertProblem(await remove(TOKENS.ownAdmin, person.id), 404);
  assertProblem(await patch(TOKENS.staff, person.id, { notes: 'x' }), 404);
});

test('deleting a person redacts its history, so it is for the network\'s administrators, not its staff', async () => {
  const person = await create(TOKENS.staff, draft());
  assertProblem(await remove(TOKENS.staff, person.id), 403);
  assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))).id, person.id);
  assert.equal((await remove(TOKENS.admin, person.id)).status, 204);
});

test('an unknown or malformed person id answers 404 or 400, never 5xx', async () => {
  assertProblem(await get(`${PERSONS}/999999999`, as(TOKENS.admin)), 404);
  assertProblem(await patch(TOKENS.admin, 999999999, { notes: 'x' }), 404);
  assertProblem(await remove(TOKENS.admin, 999999999), 404);
  for (const id of ['abc', '-1', '1.5', '99999999999999999999999']) {
    const res = await get(`${PERSONS}/${id}`, as(TOKENS.admin));
    assert.ok([400, 404].includes(res.status), show(res));
    assertProblem(res, res.status);
  }
});

test('reading one person refuses query parameters it does not know', async () => {
  const person = await create(TOKENS.staff, draft());
  assertProblem(await get(`${PERSONS}/${person.id}?debug=1`, as(TOKENS.staff)), 400, 'debug');
});

// ---------- search, filters, paging ----------

test('the list finds a person by name whatever the accents and case', async () => {
  const word = tag();
  const person = await create(TOKENS.staff, draft({ given_name: 'Hélène', family_name: `Çavaré-Lœuf${word}` }));
  for (const q of [`cavare-loeuf${word}`, `ÇAVARÉ LŒUF${word.toUpperCase()}`, `Cavaré Loeuf${word}`, `loeuf${word}`]) {
    const page = await list({ q }, as(TOKENS.staff));
    assert.deepEqual(page.items.map((p) => p.id), [person.id], `q=${q}`);
    assert.equal(page.total, 1, `q=${q}`);
  }
  const byGivenName = await list({ q: `HELENE loeuf${word}` }, as(TOKENS.staff));
  assert.deepEqual(byGivenName.items.map((p) => p.id), [person.id]);
});

test('list items are person summaries', async () => {
  const word = tag();
  const person = await create(TOKENS.staff, draft({
    family_name: `Résumé ${word}`,
    email: 'resume@example.fr',
    notes: 'pas dans le résumé',
    positions: [{ organisation_id: VALBONNE, kind: 'elu', title: 'Maire' }],
  }));
  const [item] = (await list({ q: word }, as(TOKENS.staff))).items;
  assert.equal(item.id, person.id);
  assert.deepEqual(item.network, { id: TS, name: 'Territoires Solidaires' });
  assert.equal(item.visibility, 'private');
  assert.equal(item.given_name, 'Camille');
  assert.equal(item.family_name, `Résumé ${word}`);
  assert.equal(item.erased, false);
  assert.deepEqual(item.positions, person.positions);
});

test('the list filters by network and by organisation', async () => {
  const word = tag();
  const atValbonne = await create(TOKENS.staff, draft({
    family_name: `Filtre ${word}`,
    positions: [{ organisation_id: VALBONNE, kind: 'agent' }],
  }));
  const atCannes = await create(TOKENS.staff, draft({
    family_name: `Filtre ${word}`,
    positions: [{ organisation_id: CANNES, kind: 'agent' }],
  }));
  const elsewhere = await create(TOKENS.otherStaff, draft({
    network_id: RESACOOP,
    visibility: 'network',
    family_name: `Filtre ${word}`,
    positions: [{ organisation_id: VALBONNE, kind: 'benevole' }],
  }));
  const ids = async (params) => (await list({ q: word, ...params }, as(TOKENS.staff))).items.map((p) => p.id).sort((a, b) => a - b);
  const sorted = (...xs) => xs.sort((a, b) => a - b);
  assert.deepEqual(await ids({}), sorted(atValbonne.id, atCannes.id, elsewhere.id));
  assert.deepEqual(await ids({ network: TS }), sorted(atValbonne.id, atCannes.id));
  assert.deepEqual(await ids({ network: RESACOOP }), [elsewhere.id]);
  assert.deepEqual(await ids({ organisation: VALBONNE }), sorted(atValbonne.id, elsewhere.id));
  assert.deepEqual(await ids({ organisation: CANNES }), [atCannes.id]);
  assert.deepEqual(await ids({ network: TS, organisation: VALBONNE }), [atValbonne.id]);
  assert.deepEqual(await ids({ network: 999999 }), []);
});

test('list filters and search text are validated', async () => {
  for (const [params, field] of [
    [{ network: 'abc' }, 'network'],
    [{ network: '1.5' }, 'network'],
    [{ organisation: 'x' }, 'organisation'],
    [{ organisation: '2.5' }, 'organisation'],
    [{ q: 'a'.repeat(201) }, 'q'],
    [{ q: 'un deux trois quatre cinq six sept huit neuf' }, 'q'],
    [{ page: '0' }, 'page'],
    [{ per_page: '0' }, 'per_page'],
    [{ per_page: '201' }, 'per_page'],
    [{ sort: 'name' }, 'sort'],
  ]) {
    assertProblem(await get(PERSONS + qs(params), as(TOKENS.staff)), 400, field);
  }
});

test('a search made only of symbols finds no one, as in the directory, rather than everyone', async () => {
  for (const q of ['!!!', '<>', '---', ' . ']) {
    const found = await list({ q }, as(TOKENS.staff));
    assert.equal(found.total, 0, `q=${q}`);
    assert.deepEqual(found.items, []);
  }
  assert.ok((await list({ q: '  ' }, as(TOKENS.staff))).total > 0, 'blank text is no filter');
});

test('the list pages through results without overlap', async () => {
  const word = tag();
  const created = [];
  for (let i = 0; i < 5; i += 1) created.push((await create(TOKENS.staff, draft({ family_name: `Page ${word} ${i}` }))).id);
  const first = await list({ q: word, per_page: 2 }, as(TOKENS.staff));
  const second = await list({ q: word, per_page: 2, page: 2 }, as(TOKENS.staff));
  const third = await list({ q: word, per_page: 2, page: 3 }, as(TOKENS.staff));
  const beyond = await list({ q: word, per_page: 2, page: 4 }, as(TOKENS.staff));
  for (const page of [first, second, third, beyond]) assert.equal(page.total, 5);
  assert.deepEqual([first.page, first.per_page, second.page, third.page], [1, 2, 2, 3]);
  assert.deepEqual([first.items.length, second.items.length, third.items.length, beyond.items.length], [2, 2, 1, 0]);
  const seen = [...first.items, ...second.items, ...third.items].map((p) => p.id).sort((a, b) => a - b);
  assert.deepEqual(seen, created.sort((a, b) => a - b));
});

// ---------- visibility ----------

test('a private person is invisible outside its network and to anonymous callers', async () => {
  const body = draft({ visibility: 'private' });
  const person = await create(TOKENS.staff, body);
  for (const token of [TOKENS.otherStaff, TOKENS.otherAdmin, TOKENS.member]) {
    assertProblem(await get(`${PERSONS}/${person.id}`, as(token)), 404);
    assert.equal((await list({ q: body.family_name }, as(token))).total, 0);
  }
  assertProblem(await get(`${PERSONS}/${person.id}`), 404);
  assert.equal((await list({ q: body.family_name })).total, 0);
  // Within the network, staff and admins see it.
  for (const token of [TOKENS.staff, TOKENS.ownAdmin, TOKENS.admin]) {
    assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(token))).id, person.id);
    assert.equal((await list({ q: body.family_name }, as(token))).total, 1);
  }
});

test('a person visible to the networks is readable by another network, which may not change it', async () => {
  const body = draft({ visibility: 'network' });
  const person = await create(TOKENS.staff, body);
  const seen = ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.otherStaff)));
  assert.equal(seen.id, person.id);
  assert.deepEqual(seen.permissions, { edit: false, administer: false });
  assert.equal((await list({ q: body.family_name }, as(TOKENS.otherStaff))).total, 1);
  assertProblem(await patch(TOKENS.otherStaff, person.id, { notes: 'pas à moi' }), 403);
  assertProblem(await patch(TOKENS.otherAdmin, person.id, { notes: 'pas à moi' }), 403);
  assertProblem(await remove(TOKENS.otherStaff, person.id), 403);
  // Members and anonymous callers see public persons only.
  assertProblem(await get(`${PERSONS}/${person.id}`, as(TOKENS.member)), 404);
  assertProblem(await get(`${PERSONS}/${person.id}`), 404);
  assert.equal((await list({ q: body.family_name })).total, 0);
});

test('contacts and notes are shown to the owning network only', async () => {
  const person = await create(TOKENS.staff, draft({
    visibility: 'public', email: 'contact@example.fr', phone: '04 93 00 00 00', notes: 'réservé au réseau',
    positions: [{ organisation_id: VALBONNE, kind: 'elu', title: 'Maire' }],
  }));
  for (const token of [TOKENS.staff, TOKENS.ownAdmin, TOKENS.admin]) {
    const seen = ok(await get(`${PERSONS}/${person.id}`, as(token)));
    assert.deepEqual([seen.email, seen.phone, seen.notes], ['contact@example.fr', '04 93 00 00 00', 'réservé au réseau']);
  }
  for (const opts of [as(TOKENS.otherStaff), as(TOKENS.otherAdmin), {}]) {
    const res = await get(`${PERSONS}/${person.id}`, opts);
    const seen = ok(res);
    assert.deepEqual([seen.given_name, seen.family_name, seen.positions[0].title], ['Camille', person.family_name, 'Maire']);
    assert.equal(seen.email, null, show(res));
    assert.equal(seen.phone, null, show(res));
    assert.equal(seen.notes, '', show(res));
    assert.ok(!res.text.includes('contact@example.fr') && !res.text.includes('réservé au réseau'));
  }
});

test('a public person is readable anonymously and by members, who may not change it', async () => {
  const body = draft({ visibility: 'public' });
  const person = await create(TOKENS.staff, body);
  const anonymous = ok(await get(`${PERSONS}/${person.id}`));
  assert.equal(anonymous.id, person.id);
  assert.deepEqual(anonymous.permissions, { edit: false, administer: false });
  assert.equal((await list({ q: body.family_name })).total, 1);
  assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.member))).id, person.id);
  assertProblem(await patch(TOKENS.member, person.id, { notes: 'x' }), 403);
  assertProblem(await remove(TOKENS.member, person.id), 403);
  const unsigned = await request('PATCH', `${PERSONS}/${person.id}`, { json: { notes: 'x' } });
  assertProblem(unsigned, 401);
  assert.match(unsigned.headers.get('www-authenticate') ?? '', /^Bearer/);
});

test('writing a person needs an account: anonymous callers get 401 with WWW-Authenticate', async () => {
  const res = await post(PERSONS, draft());
  assertProblem(res, 401);
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  const del = await request('DELETE', `${PERSONS}/1`);
  assertProblem(del, 401);
  assert.match(del.headers.get('www-authenticate') ?? '', /^Bearer/);
});

test('members may not create persons, and staff may not create them in another network', async () => {
  assertProblem(await post(PERSONS, draft(), as(TOKENS.member)), 403);
  assertProblem(await post(PERSONS, draft({ network_id: RESACOOP }), as(TOKENS.staff)), 403);
  assertProblem(await post(PERSONS, draft({ network_id: RESACOOP }), as(TOKENS.ownAdmin)), 403);
  const byAdmin = await create(TOKENS.admin, draft({ network_id: RESACOOP }));
  assert.equal(byAdmin.network.id, RESACOOP);
});

// ---------- validation ----------

const without = (body, field) => {
  const copy = { ...body };
  delete copy[field];
  return copy;
};

const CREATE_ERRORS = [
  ['a missing given name', (b) => without(b, 'given_name'), 'given_name'],
  ['a missing family name', (b) => without(b, 'family_name'), 'family_name'],
  ['an empty given name', (b) => ({ ...b, given_name: '' }), 'given_name'],
  ['a blank family name', (b) => ({ ...b, family_name: '   ' }), 'family_name'],
  ['a null family name', (b) => ({ ...b, family_name: null }), 'family_name'],
  ['a missing network', (b) => without(b, 'network_id'), 'network_id'],
  ['a missing visibility', (b) => without(b, 'visibility'), 'visibility'],
  ['an unknown visibility', (b) => ({ ...b, visibility: 'secret' }), 'visibility'],
  ['a visibility in capitals', (b) => ({ ...b, visibility: 'PUBLIC' }), 'visibility'],
  ['an email without @', (b) => ({ ...b, email: 'pas-une-adresse' }), 'email'],
  ['an email without domain', (b) => ({ ...b, email: 'camille@' }), 'email'],
  ['an email with spaces', (b) => ({ ...b, email: 'camille durand@example.fr' }), 'email'],
  ['a phone with letters', (b) => ({ ...b, phone: '06 12 AB 34' }), 'phone'],
  ['a phone with markup', (b) => ({ ...b, phone: '<06>' }), 'phone'],
  ['a phone of 41 characters', (b) => ({ ...b, phone: '0'.repeat(41) }), 'phone'],
  ['a given name of 201 characters', (b) => ({ ...b, given_name: 'é'.repeat(201) }), 'given_name'],
  ['a family name of 201 characters', (b) => ({ ...b, family_name: 'a'.repeat(201) }), 'family_name'],
  ['notes of 20 001 characters', (b) => ({ ...b, notes: 'n'.repeat(20001) }), 'notes'],
  ['51 positions', (b) => ({ ...b, positions: Array.from({ length: 51 }, () => ({ organisation_id: VALBONNE, kind: 'elu' })) }), 'positions'],
  ['a position of unknown kind', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'maire' }] }), 'positions[0].kind'],
  ['a position without kind', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE }] }), 'positions[0].kind'],
  ['a position without organisation', (b) => ({ ...b, positions: [{ kind: 'elu' }] }), 'positions[0].organisation_id'],
  ['a position at an unknown organisation', (b) => ({ ...b, positions: [{ organisation_id: 999999999, kind: 'elu' }] }), 'positions[0].organisation_id'],
  ['a second position at an unknown organisation', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu' }, { organisation_id: 999999999, kind: 'elu' }] }), 'positions[1].organisation_id'],
  ['a start date that is not a day', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', start_date: '2024-02-30' }] }), 'positions[0].start_date'],
  ['a start date in month 13', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', start_date: '2024-13-01' }] }), 'positions[0].start_date'],
  ['a start date in French order', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', start_date: '01/02/2024' }] }), 'positions[0].start_date'],
  ['an end date with a time', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', end_date: '2024-01-01T00:00:00Z' }] }), 'positions[0].end_date'],
  ['an end date of 29 February in a common year', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', end_date: '2023-02-29' }] }), 'positions[0].end_date'],
  ['an end before the start', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', start_date: '2024-05-02', end_date: '2024-05-01' }] }), 'positions[0].end_date'],
  ['a title of 201 characters', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', title: 't'.repeat(201) }] }), 'positions[0].title'],
  ['an unknown network', (b) => ({ ...b, network_id: 999999 }), 'network_id'],
  ['an unknown field', (b) => ({ ...b, age: 42 }), 'age'],
  ['an unknown position field', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', foo: 1 }] }), 'positions[0].foo'],
  ['an id in the body', (b) => ({ ...b, id: 1 }), 'id'],
  ['a numeric given name', (b) => ({ ...b, given_name: 5 }), 'given_name'],
  ['a network id as a string', (b) => ({ ...b, network_id: String(b.network_id) }), 'network_id'],
  ['a network id with a fraction', (b) => ({ ...b, network_id: 11.5 }), 'network_id'],
  ['a boolean visibility', (b) => ({ ...b, visibility: true }), 'visibility'],
  ['a numeric email', (b) => ({ ...b, email: 5 }), 'email'],
  ['a numeric phone', (b) => ({ ...b, phone: 612345678 }), 'phone'],
  ['notes as a list', (b) => ({ ...b, notes: ['a'] }), 'notes'],
  ['positions as an object', (b) => ({ ...b, positions: { organisation_id: VALBONNE, kind: 'elu' } }), 'positions'],
  ['a position that is a string', (b) => ({ ...b, positions: ['elu'] }), 'positions[0]'],
  ['an organisation id as a string', (b) => ({ ...b, positions: [{ organisation_id: String(VALBONNE), kind: 'elu' }] }), 'positions[0].organisation_id'],
  ['a numeric title', (b) => ({ ...b, positions: [{ organisation_id: VALBONNE, kind: 'elu', title: 5 }] }), 'positions[0].title'],
];

for (const [what, make, field] of CREATE_ERRORS) {
  test(`creating a person with ${what} is refused with 400 naming ${field}`, async () => {
    // The tag is in both names, so whatever name a wrongly created person got, the search finds it.
    const body = draft();
    const marker = tag();
    body.given_name = `${body.given_name} ${marker}`;
    body.family_name = `${body.family_name} ${marker}`;
    const res = await post(PERSONS, make(body), as(TOKENS.staff));
    assertProblem(res, 400, field);
    assert.equal((await list({ q: marker }, as(TOKENS.admin))).total, 0, 'nothing was created');
  });
}

test('every error of a body is reported at once', async () => {
  const res = await post(PERSONS, { network_id: TS, visibility: 'secret', given_name: '', family_name: 'X', email: 'non' }, as(TOKENS.staff));
  const problem = assertProblem(res, 400);
  const fields = problem.errors.map((e) => e.field);
  for (const field of ['visibility', 'given_name', 'email']) assert.ok(fields.includes(field), `${field} in ${fields}`);
});

test('the limits are inclusive: 200-character names, 40-character phone, 20 000-character notes, 50 positions', async () => {
  const person = await create(TOKENS.staff, draft({
    given_name: 'é'.repeat(200),
    family_name: `${'F'.repeat(180)}${tag()}`.slice(0, 200),
    phone: '+'.padEnd(40, '0'),
    notes: 'n'.repeat(20000),
    positions: Array.from({ length: 50 }, (_, i) => ({ organisation_id: i % 2 ? VALBONNE : CANNES, kind: 'elu', start_date: '2024-02-29', end_date: '2024-02-29' })),
  }));
  assert.equal(person.given_name.length, 200);
  assert.equal(person.phone.length, 40);
  assert.equal(person.notes.length, 20000);
  assert.equal(person.positions.length, 50);
});

for (const [what, body, field] of [
  ['an empty given name', { given_name: '' }, 'given_name'],
  ['a null family name', { family_name: null }, 'family_name'],
  ['a bad visibility', { visibility: 'tous' }, 'visibility'],
  ['a bad email', { email: 'x@' }, 'email'],
  ['a bad phone', { phone: 'appelez-moi' }, 'phone'],
  ['an end before the start', { positions: [{ organisation_id: 1, kind: 'elu', start_date: '2020-01-02', end_date: '2020-01-01' }] }, 'positions[0].end_date'],
  ['an unknown field', { erased_at: null }, 'erased_at'],
  ['an unknown position field', { positions: [{ organisation_id: 1, kind: 'elu', id: 3 }] }, 'positions[0].id'],
]) {
  test(`a patch with ${what} is refused with 400 naming ${field} and changes nothing`, async () => {
    const person = await create(TOKENS.staff, draft({ email: 'garde@example.fr' }));
    assertProblem(await patch(TOKENS.staff, person.id, { notes: 'ne doit pas rester', ...body }), 400, field);
    const after = ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)));
    assert.equal(after.notes, '');
    assert.equal(after.email, 'garde@example.fr');
  });
}

test('a body that is not a JSON object is refused: 415 for another media type, 400 otherwise', async () => {
  const headers = { ...auth(TOKENS.staff) };
  const person = await create(TOKENS.staff, draft());
  assertProblem(await request('POST', PERSONS, { body: 'given_name=Camille', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
  assertProblem(await request('POST', PERSONS, { body: JSON.stringify(draft()), headers: { ...headers, 'Content-Type': 'text/plain' } }), 415);
  assertProblem(await request('PATCH', `${PERSONS}/${person.id}`, { body: '{"notes":"x"}', headers: { ...headers, 'Content-Type': 'text/plain' } }), 415);
  for (const body of ['{', '', '[]', '"texte"', 'null', '{"given_name": "a",}', '{"notes": "\\uD800"}']) {
    const res = await request('POST', PERSONS, { body, headers: { ...headers, 'Content-Type': 'application/json' } });
    assertProblem(res, 400);
  }
  assertProblem(await request('PATCH', `${PERSONS}/${person.id}`, { body: '{', headers: { ...headers, 'Content-Type': 'application/json' } }), 400);
});

test('an oversize body is refused with 413 or 400, never 5xx', async () => {
  const res = await post(PERSONS, draft({ notes: 'n'.repeat(3 * 1024 * 1024) }), as(TOKENS.staff));
  assert.ok([400, 413].includes(res.status), show(res));
  assertProblem(res, res.status);
});

// ---------- hostile text ----------

const HOSTILE = [
  "'); DROP TABLE person; --",
  '<script>alert(1)</script>',
  '" OR 1=1 --',
  '${7*7}',
  '{{7*7}}',
  "Robert'); DELETE FROM audit_entry WHERE ('1'='1",
  '%s%n%x \\0 \\u0000',
  'ﷺ 𝕏 👩‍👩‍👧 gnirts',
];

for (const text of HOSTILE) {
  test(`hostile text ${JSON.stringify(text)} is stored and returned verbatim in every text field`, async () => {
    const word = tag();
    const body = draft({
      given_name: text,
      family_name: `${text} ${word}`,
      notes: text,
      positions: [{ organisation_id: VALBONNE, kind: 'agent', title: text }],
    });
    const person = await create(TOKENS.staff, body);
    for (const seen of [person, ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)))]) {
      assert.equal(seen.given_name, text);
      assert.equal(seen.family_name, `${text} ${word}`);
      assert.equal(seen.notes, text);
      assert.equal(seen.positions[0].title, text);
    }
    const changed = ok(await patch(TOKENS.staff, person.id, { notes: `${text}${text}` }));
    assert.equal(changed.notes, `${text}${text}`);
    const found = await list({ q: word }, as(TOKENS.staff));
    assert.deepEqual(found.items.map((p) => p.id), [person.id]);
    assert.equal(found.items[0].family_name, `${text} ${word}`);
    // Searching with the hostile text is an ordinary search.
    const search = await get(PERSONS + qs({ q: text }), as(TOKENS.staff));
    assert.ok(search.status === 200 || search.status === 400, show(search));
    if (search.status === 400) assertProblem(search, 400, 'q');
  });
}

test('a bidirectional override is kept verbatim in notes, and refused in a name (invisible_names.test.mjs)', async () => {
  const text = 'ﷺ \u202Egnirts';
  const person = await create(TOKENS.staff, draft({ notes: text }));
  assert.equal(person.notes, text);
  assertProblem(await post(PERSONS, draft({ family_name: `Nom ${text}` }), as(TOKENS.staff)), 400, 'family_name');
});

test('an email with an apostrophe and a plus is stored verbatim', async () => {
  const person = await create(TOKENS.staff, draft({ email: "o'brien+rrma@example.fr" }));
  assert.equal(person.email, "o'brien+rrma@example.fr");
});

test('hostile filter values are refused or matched literally, and the persons are still there', async () => {
  const person = await create(TOKENS.staff, draft());
  for (const params of [{ network: "11' OR '1'='1" }, { organisation: '1; DROP TABLE person' }, { page: "1' --" }]) {
    const res = await get(PERSONS + qs(params), as(TOKENS.staff));
    assertProblem(res, 400, Object.keys(params)[0]);
  }
  assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))).id, person.id);
});

// ---------- export ----------

test('the network admin exports a person as an attachment with its history, and the export is recorded', async () => {
  const person = await create(TOKENS.staff, draft({
    email: 'export@example.fr',
    positions: [{ organisation_id: VALBONNE, kind: 'elu', title: 'Conseillère' }],
  }));
  ok(await patch(TOKENS.staff, person.id, { notes: 'modifiée avant export' }));
  const res = await get(`${PERSONS}/${person.id}/export`, as(TOKENS.ownAdmin));
  const doc = ok(res);
  assert.match(res.headers.get('content-disposition') ?? '', /^attachment\b.*filename="?[^"]+\.json"?/);
  assert.equal(doc.person.id, person.id);
  assert.equal(doc.person.family_name, person.family_name);
  assert.equal(doc.person.email, 'export@example.fr');
  assert.equal(doc.person.notes, 'modifiée avant export');
  const positions = doc.positions ?? doc.person.positions;
  assert.equal(positions.length, 1);
  assert.equal(positions[0].title, 'Conseillère');
  assert.ok(Array.isArray(doc.history));
  const actions = doc.history.map((e) => e.action);
  assert.ok(actions.includes('create'), `history: ${actions}`);
  assert.ok(actions.includes('update'), `history: ${actions}`);
  for (const entry of doc.history) assert.deepEqual(entry.record, { type: 'person', id: person.id });
  assert.ok(!/argon2/i.test(res.text));

  const audit = ok(await get(`${API}/audit${qs({ record: `person:${person.id}` })}`, as(TOKENS.ownAdmin)));
  assert.equal(audit.items[0].action, 'export', 'the export is the newest entry');
  assert.equal(audit.items[0].actor.email, 'ts-admin@test.rrma.fr');
});

test('only administrators of the owning network may export a person', async () => {
  const person = await create(TOKENS.staff, draft({ visibility: 'public' }));
  assertProblem(await get(`${PERSONS}/${person.id}/export`, as(TOKENS.staff)), 403);
  assertProblem(await get(`${PERSONS}/${person.id}/export`, as(TOKENS.otherAdmin)), 403);
  assertProblem(await get(`${PERSONS}/${person.id}/export`, as(TOKENS.member)), 403);
  assertProblem(await get(`${PERSONS}/${person.id}/export`), 401);
  assert.equal(ok(await get(`${PERSONS}/${person.id}/export`, as(TOKENS.admin))).person.id, person.id);
  const hidden = await create(TOKENS.staff, draft({ visibility: 'private' }));
  assertProblem(await get(`${PERSONS}/${hidden.id}/export`, as(TOKENS.otherAdmin)), 404);
});

// ---------- erasure ----------

test('erasure is refused to staff, done once by the network admin, and final', async () => {
  const family = `Effacable${tag()}`;
  const person = await create(TOKENS.staff, draft({
    visibility: 'network',
    given_name: 'Dominique',
    family_name: family,
    email: 'dominique@example.fr',
    phone: '06 00 00 00 01',
    notes: 'Notes personnelles',
    positions: [{ organisation_id: VALBONNE, kind: 'elu', title: 'Maire adjointe', start_date: '2020-07-04', end_date: '2026-03-22' },
      { organisation_id: CANNES, kind: 'benevole' }],
  }));
  ok(await patch(TOKENS.staff, person.id, { phone: '06 00 00 00 02', notes: `Voir ${family}` }));

  assertProblem(await erase(TOKENS.staff, person.id), 403);
  assertProblem(await erase(TOKENS.otherAdmin, person.id), 403);
  assertProblem(await erase(TOKENS.ownAdmin, person.id, { reason: 'x' }), 400, 'reason');

  const erased = ok(await erase(TOKENS.ownAdmin, person.id));
  assert.equal(erased.id, person.id);
  assert.equal(erased.given_name, 'Personne');
  assert.equal(erased.family_name, 'effacée');
  assert.equal(erased.email, null);
  assert.equal(erased.phone, null);
  assert.equal(erased.notes, '');
  assert.match(erased.erased_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  // Only the years are kept: no day that was never recorded (« 1er janvier ») is given.
  const kept = erased.positions.map((p) => [p.organisation.id, p.kind, p.title, p.start_date, p.end_date, p.start_year, p.end_year]);
  assert.deepEqual(kept.sort((a, b) => a[0] - b[0]), [
    [VALBONNE, 'elu', null, null, null, 2020, 2026],
    [CANNES, 'benevole', null, null, null, null, null],
  ].sort((a, b) => a[0] - b[0]));
  const { permissions: _, ...reread } = ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)));
  const { permissions: __, ...returned } = erased;
  assert.deepEqual(reread, returned);

  assertProblem(await erase(TOKENS.ownAdmin, person.id), 409);
  assertProblem(await patch(TOKENS.staff, person.id, { given_name: 'Revenue' }), 409);
  assertProblem(await patch(TOKENS.ownAdmin, person.id, { notes: 'encore' }), 409);

  const [summary] = (await list({ network: TS, q: 'personne effacee', per_page: 200 }, as(TOKENS.staff))).items.filter((p) => p.id === person.id);
  assert.ok(summary, 'the erased person is still listed, as « Personne effacée »');
  assert.equal(summary.erased, true);
  assert.equal((await list({ q: family }, as(TOKENS.staff))).total, 0, 'the old name finds nothing');

  const history = await get(`${API}/audit${qs({ record: `person:${person.id}`, per_page: 200 })}`, as(TOKENS.ownAdmin));
  const entries = ok(history).items;
  assert.equal(entries[0].action, 'erase');
  assert.ok(entries.some((e) => e.action === 'create'));
  for (const secret of [family, 'Dominique', 'dominique@example.fr', '06 00 00 00 01', '06 00 00 00 02', 'Notes personnelles', 'Maire adjointe',
    '2020-07-04', '2026-03-22', '2020-01-01', '2026-01-01']) {
    assert.ok(!history.text.includes(secret), `« ${secret} » remains in the history after erasure`);
  }
  const create_ = entries.find((e) => e.action === 'create');
  for (const field of ['given_name', 'family_name', 'email', 'phone', 'notes']) {
    const change = create_.changes.find((c) => c.field === field);
    assert.equal(change?.after, '[effacé]', `create entry, field ${field}`);
  }
  const exported = ok(await get(`${PERSONS}/${person.id}/export`, as(TOKENS.ownAdmin)));
  assert.ok(!JSON.stringify(exported).includes(family));
});

test('erasure of an unknown or invisible person answers 404', async () => {
  assertProblem(await erase(TOKENS.admin, 999999999), 404);
  const hidden = await create(TOKENS.staff, draft({ visibility: 'private' }));
  assertProblem(await erase(TOKENS.otherAdmin, hidden.id), 404);
  assertProblem(await post(`${PERSONS}/${hidden.id}/erasure`, {}), 401);
});

test('deleting a person also removes its personal values from the history', async () => {
  const family = `Supprimable${tag()}`;
  const person = await create(TOKENS.staff, draft({ family_name: family, email: 'supprime@example.fr', notes: 'secret' }));
  ok(await patch(TOKENS.staff, person.id, { notes: 'encore plus secret' }));
  assert.equal((await remove(TOKENS.ownAdmin, person.id)).status, 204);
  const entries = await entriesOf(TOKENS.admin, 'person', person.id);
  assert.deepEqual(entries.map((e) => e.action), ['delete', 'update', 'create']);
  const text = JSON.stringify(entries);
  for (const secret of [family, 'supprime@example.fr', 'encore plus secret']) {
    assert.ok(!text.includes(secret), `« ${secret} » remains in the history after deletion`);
  }
});

/**
 * The entries of one record, newest first, read from the whole log (GET /audit without `record`),
 * page after page until its creation: entries other tests add meanwhile only push older ones to
 * later pages, so none is missed.
 */
async function entriesOf(token, type, id) {
  const found = new Map();
  for (let page = 1; page <= 50; page += 1) {
    const body = assertPage(ok(await get(`${API}/audit${qs({ page, per_page: 200 })}`, as(token))));
    for (const e of body.items) if (e.record.type === type && e.record.id === id) found.set(e.id, e);
    if ([...found.values()].some((e) => e.action === 'create') || body.items.length < body.per_page) break;
  }
  return [...found.values()].sort((a, b) => b.id - a.id);
}
