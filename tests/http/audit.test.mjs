// The audit log (GET /api/v1/audit): every write leaves an entry saying who did what, when, in which
// network, to which record, with each field before and after; the log is read-only. Uses the
// accounts and tokens scripts/run-tests creates; every test writes its own records and reads
// their history through ?record=, so other tests writing at the same time never interfere.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, qs, ok, show, assertPage, assertProblem, findOrganisation, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const AUDIT = `${API}/audit`;
const PERSONS = `${API}/persons`;
const USERS = `${API}/users`;
const PASSWORD = 'un mot de passe bien choisi';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const auth = (token) => ({ Authorization: `Bearer ${token}` });
const as = (token) => ({ headers: auth(token) });
const cookieOf = (res) => (res.headers.get('set-cookie') ?? '').split(';')[0];
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let TS; // network ids
let RESACOOP;
let STAFF_ID; // user id of staff@test.rrma.fr

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  TS = networks.find((n) => n.name === 'Territoires Solidaires').id;
  RESACOOP = networks.find((n) => n.name === 'RESACOOP').id;
  STAFF_ID = ok(await get(`${API}/me`, as(TOKENS.staff))).id;
});

async function createPerson(token = TOKENS.staff, overrides = {}) {
  const res = await post(PERSONS, {
    network_id: TS, visibility: 'private', given_name: 'Claude', family_name: `Journal ${unique()}`, ...overrides,
  }, as(token));
  assert.equal(res.status, 201, show(res));
  return res.body;
}

const patchPerson = async (token, id, body) =>
  ok(await request('PATCH', `${PERSONS}/${id}`, { json: body, headers: auth(token) }));

/** GETs the history of one record, asserting a 200 page; returns the page. */
async function history(token, type, id, params = {}) {
  return assertPage(ok(await get(AUDIT + qs({ record: `${type}:${id}`, ...params }), as(token))));
}

const change = (entry, field) => entry.changes.find((c) => c.field === field);

/** Invites a new user of Territoires Solidaires as the network admin; returns {user, invitation}. */
async function invite(token = TOKENS.ownAdmin, network = TS) {
  const res = await post(USERS, { email: `journal-${unique()}@test.rrma.fr`, role: 'network_staff', network_id: network }, as(token));
  assert.equal(res.status, 201, show(res));
  return res.body;
}

// ---------- what an entry says ----------

test('creating a person records who, when, in which network, and every field after', async () => {
  const person = await createPerson(TOKENS.staff, {
    email: 'journal@example.fr',
    notes: 'première note',
    positions: [{ organisation_id: (await findOrganisation({ insee: '06152' })).id, kind: 'elu', title: 'Maire' }],
  });
  const page = await history(TOKENS.ownAdmin, 'person', person.id);
  assert.equal(page.total, 1);
  const [entry] = page.items;
  assert.ok(Number.isInteger(entry.id));
  assert.match(entry.at, ISO);
  assert.ok(Math.abs(Date.parse(entry.at) - Date.parse(person.created_at)) < 5000, `${entry.at} vs ${person.created_at}`);
  assert.deepEqual(entry.actor, { id: STAFF_ID, email: 'staff@test.rrma.fr' });
  assert.equal(entry.actor_label, 'staff@test.rrma.fr');
  assert.deepEqual(entry.network, { id: TS, name: 'Territoires Solidaires' });
  assert.equal(entry.action, 'create');
  assert.deepEqual(entry.record, { type: 'person', id: person.id });
  for (const [field, after] of [['given_name', 'Claude'], ['family_name', person.family_name], ['visibility', 'private'],
    ['email', 'journal@example.fr'], ['notes', 'première note']]) {
    assert.deepEqual(change(entry, field), { field, before: null, after }, `change of ${field}`);
  }
  const positions = change(entry, 'positions');
  assert.equal(positions.before, null);
  assert.equal(typeof positions.after, 'string');
  assert.match(positions.after, /Maire/);
  for (const c of entry.changes) {
    assert.ok(c.before === null || typeof c.before === 'string', `before of ${c.field}`);
    assert.ok(c.after === null || typeof c.after === 'string', `after of ${c.field}`);
  }
});

test('updating a person records only the fields that changed, before and after', async () => {
  const person = await createPerson(TOKENS.staff, { email: 'avant@example.fr', notes: 'avant' });
  await patchPerson(TOKENS.ownAdmin, person.id, { email: 'apres@example.fr', notes: 'avant', visibility: 'network', phone: '0102030405' });
  const [entry] = (await history(TOKENS.ownAdmin, 'person', person.id)).items;
  assert.equal(entry.action, 'update');
  assert.equal(entry.actor.email, 'ts-admin@test.rrma.fr');
  assert.deepEqual(entry.network, { id: TS, name: 'Territoires Solidaires' });
  const byField = Object.fromEntries(entry.changes.map((c) => [c.field, [c.before, c.after]]));
  assert.deepEqual(byField, {
    email: ['avant@example.fr', 'apres@example.fr'],
    visibility: ['private', 'network'],
    phone: [null, '0102030405'],
  });
});

test('deleting, exporting and erasing a person are recorded too', async () => {
  const person = await createPerson();
  ok(await get(`${PERSONS}/${person.id}/export`, as(TOKENS.ownAdmin)));
  ok(await post(`${PERSONS}/${person.id}/erasure`, {}, as(TOKENS.ownAdmin)));
  const actions = (await history(TOKENS.ownAdmin, 'person', person.id)).items.map((e) => [e.action, e.actor.email]);
  assert.deepEqual(actions, [
    ['erase', 'ts-admin@test.rrma.fr'],
    ['export', 'ts-admin@test.rrma.fr'],
    ['create', 'staff@test.rrma.fr'],
  ]);

  const other = await createPerson();
  assert.equal((await request('DELETE', `${PERSONS}/${other.id}`, { headers: auth(TOKENS.ownAdmin) })).status, 204);
  const [deleted] = (await wholeLog(TOKENS.ownAdmin)).filter((e) => e.record.type === 'person' && e.record.id === other.id);
  assert.equal(deleted?.action, 'delete', 'the deletion is the newest entry of the deleted person');
  assert.equal(deleted.actor.email, 'ts-admin@test.rrma.fr');
  assert.deepEqual(deleted.network, { id: TS, name: 'Territoires Solidaires' });
});

test('a person created after another was deleted starts with a history of its own', async () => {
  // The deleted person belonged to another network: nothing of it may reach this network's admin.
  const gone = await createPerson(TOKENS.otherStaff, { network_id: RESACOOP });
  assert.equal((await request('DELETE', `${PERSONS}/${gone.id}`, { headers: auth(TOKENS.otherAdmin) })).status, 204);
  const fresh = await createPerson(TOKENS.staff);
  const entries = (await history(TOKENS.admin, 'person', fresh.id)).items;
  assert.deepEqual(entries.map((e) => [e.action, e.network?.id]), [['create', TS]],
    `person ${fresh.id} (deleted one: ${gone.id}) must not inherit another record's entries`);
  const exported = ok(await get(`${PERSONS}/${fresh.id}/export`, as(TOKENS.ownAdmin)));
  for (const entry of exported.history) {
    assert.equal(entry.network?.id, TS, `export of person ${fresh.id} shows entry ${JSON.stringify(entry)}`);
    assert.notEqual(entry.actor_label, 'autre@test.rrma.fr');
  }
});

test('a refused write leaves no entry', async () => {
  const person = await createPerson();
  const bad = await request('PATCH', `${PERSONS}/${person.id}`, { json: { email: 'pas-une-adresse' }, headers: auth(TOKENS.staff) });
  assertProblem(bad, 400, 'email');
  assertProblem(await request('PATCH', `${PERSONS}/${person.id}`, { json: { notes: 'x' }, headers: auth(TOKENS.otherStaff) }), 404);
  assert.deepEqual((await history(TOKENS.ownAdmin, 'person', person.id)).items.map((e) => e.action), ['create']);
});

test('managing a user records the invitation, role changes and deactivation with the actor', async () => {
  const { user, invitation } = await invite();
  const granted = await post(`${USERS}/${user.id}/roles`, { role: 'network_admin', network_id: TS }, as(TOKENS.ownAdmin));
  assert.equal(granted.status, 201, show(granted));
  const roleId = granted.body.roles.find((r) => r.role === 'network_admin').id;
  assert.equal((await request('DELETE', `${USERS}/${user.id}/roles/${roleId}`, { headers: auth(TOKENS.ownAdmin) })).status, 204);
  ok(await request('PATCH', `${USERS}/${user.id}`, { json: { active: false }, headers: auth(TOKENS.ownAdmin) }));
  ok(await request('PATCH', `${USERS}/${user.id}`, { json: { active: true }, headers: auth(TOKENS.ownAdmin) }));

  const page = await history(TOKENS.ownAdmin, 'user', user.id);
  assert.deepEqual(page.items.map((e) => [e.action, e.actor_label]), [
    ['reactivate', 'ts-admin@test.rrma.fr'],
    ['deactivate', 'ts-admin@test.rrma.fr'],
    ['role_revoke', 'ts-admin@test.rrma.fr'],
    ['role_grant', 'ts-admin@test.rrma.fr'],
    ['invite', 'ts-admin@test.rrma.fr'],
  ]);
  for (const entry of page.items) assert.deepEqual(entry.record, { type: 'user', id: user.id });
  const invited = page.items.at(-1);
  assert.deepEqual(change(invited, 'email'), { field: 'email', before: null, after: user.email });
  assert.deepEqual(invited.network, { id: TS, name: 'Territoires Solidaires' });
  assert.ok(!JSON.stringify(page).includes(invitation.code), 'the invitation code is not logged');
});

test('the network admin who manages a user sees what the national admin did to it', async () => {
  const { user } = await invite();
  ok(await request('PATCH', `${USERS}/${user.id}`, { json: { active: false }, headers: auth(TOKENS.admin) }));
  const granted = await post(`${USERS}/${user.id}/roles`, { role: 'network_admin', network_id: TS }, as(TOKENS.admin));
  assert.equal(granted.status, 201, show(granted));
  const expected = [['role_grant', 'admin@test.rrma.fr'], ['deactivate', 'admin@test.rrma.fr'], ['invite', 'ts-admin@test.rrma.fr']];
  const byAdmin = (await history(TOKENS.admin, 'user', user.id)).items.map((e) => [e.action, e.actor_label]);
  assert.deepEqual(byAdmin, expected);
  // Otherwise the network admin reads « désactivé » in a history that hides who did it.
  const byNetworkAdmin = (await history(TOKENS.ownAdmin, 'user', user.id)).items.map((e) => [e.action, e.actor_label]);
  assert.deepEqual(byNetworkAdmin, expected);
});

test('accepting an invitation, signing in and out, and changing one\'s password appear in the user\'s history', async () => {
  const { user, invitation } = await invite();
  assert.equal((await post(`${API}/invitation`, { code: invitation.code, password: PASSWORD })).status, 204);
  const session = await post(`${API}/session`, { email: user.email, password: PASSWORD });
  assert.equal(session.status, 201, show(session));
  const headers = { Cookie: cookieOf(session), 'X-CSRF-Token': session.body.csrf_token };
  const changed = await request('PUT', `${API}/me/password`, {
    json: { current_password: PASSWORD, new_password: 'un autre mot de passe choisi' }, headers,
  });
  assert.equal(changed.status, 204, show(changed));
  assert.equal((await request('DELETE', `${API}/session`, { headers })).status, 204);

  const page = await history(TOKENS.admin, 'user', user.id);
  assert.deepEqual(page.items.map((e) => e.action), ['sign_out', 'password_change', 'sign_in', 'invitation_accept', 'invite']);
  for (const entry of page.items.slice(0, 4)) {
    assert.deepEqual(entry.actor, { id: user.id, email: user.email }, `actor of ${entry.action}`);
  }
  const text = JSON.stringify(page);
  assert.ok(!text.includes(PASSWORD) && !text.includes('un autre mot de passe choisi'), 'no password in the log');
  assert.ok(!text.includes(session.body.csrf_token) && !text.includes(cookieOf(session).split('=')[1]), 'no session secret in the log');
  assert.ok(!/argon2/i.test(text));
});

test('actions of the command line are labelled « ligne de commande » without an actor', async () => {
  // staff@test.rrma.fr was created by `rrma user add`: its oldest entry is that creation.
  let oldest;
  for (let page = 1; page <= 100; page += 1) {
    const body = await history(TOKENS.admin, 'user', STAFF_ID, { page, per_page: 200 });
    if (body.items.length) oldest = body.items.at(-1);
    if (body.items.length < body.per_page) break;
  }
  assert.equal(oldest.action, 'create');
  assert.equal(oldest.actor, null);
  assert.equal(oldest.actor_label, 'ligne de commande');
  assert.deepEqual(change(oldest, 'email'), { field: 'email', before: null, after: 'staff@test.rrma.fr' });
});

// ---------- order and paging ----------

test('entries come newest first and page without overlap', async () => {
  const person = await createPerson();
  for (let i = 1; i <= 4; i += 1) await patchPerson(TOKENS.staff, person.id, { notes: `version ${i}` });
  const all = await history(TOKENS.ownAdmin, 'person', person.id);
  assert.equal(all.total, 5);
  assert.deepEqual(all.items.map((e) => change(e, 'notes')?.after ?? null), ['version 4', 'version 3', 'version 2', 'version 1', null]);
  assert.equal(all.items.at(-1).action, 'create');
  for (let i = 1; i < all.items.length; i += 1) {
    assert.ok(all.items[i - 1].id > all.items[i].id, 'ids decrease');
    assert.ok(all.items[i - 1].at >= all.items[i].at, 'times do not increase');
  }
  assert.deepEqual(change(all.items[0], 'notes'), { field: 'notes', before: 'version 3', after: 'version 4' });

  const pages = [];
  for (let page = 1; page <= 3; page += 1) pages.push(await history(TOKENS.ownAdmin, 'person', person.id, { page, per_page: 2 }));
  assert.deepEqual(pages.map((p) => [p.page, p.per_page, p.total, p.items.length]), [[1, 2, 5, 2], [2, 2, 5, 2], [3, 2, 5, 1]]);
  assert.deepEqual(pages.flatMap((p) => p.items.map((e) => e.id)), all.items.map((e) => e.id));
  assert.equal((await history(TOKENS.ownAdmin, 'person', person.id, { page: 4, per_page: 2 })).items.length, 0);
});

test('without a record, the admin reads the whole log and a network admin the entries of its networks', async () => {
  const ours = await createPerson();
  const theirs = await createPerson(TOKENS.otherStaff, { network_id: RESACOOP });
  // The whole log, page after page: other test files write to it meanwhile.
  const adminLog = await wholeLog(TOKENS.admin);
  const count = (log, p) => log.filter((e) => e.record.type === 'person' && e.record.id === p.id).length;
  assert.equal(count(adminLog, ours), 1);
  assert.equal(count(adminLog, theirs), 1);
  const networkLog = await wholeLog(TOKENS.ownAdmin);
  assert.equal(count(networkLog, ours), 1);
  assert.equal(count(networkLog, theirs), 0);
  for (const entry of networkLog) assert.equal(entry.network?.id, TS, `entry ${entry.id} is of another network`);
  const firstPage = assertPage(ok(await get(AUDIT + qs({ per_page: 200 }), as(TOKENS.admin))));
  for (let i = 1; i < firstPage.items.length; i += 1) assert.ok(firstPage.items[i - 1].id > firstPage.items[i].id);
});

// ---------- who may read ----------

test('staff and members may not read the log; anonymous callers must sign in', async () => {
  const person = await createPerson();
  for (const token of [TOKENS.staff, TOKENS.member, TOKENS.otherStaff]) {
    assertProblem(await get(AUDIT, as(token)), 403);
  }
  assertProblem(await get(AUDIT + qs({ record: `person:${person.id}` }), as(TOKENS.staff)), 403);
  // Its own account is not one it manages: 403 (no right to the log) or 404 (no such user to manage).
  const own = await get(AUDIT + qs({ record: `user:${STAFF_ID}` }), as(TOKENS.staff));
  assert.ok([403, 404].includes(own.status), show(own));
  assertProblem(own, own.status);
  // For a person it cannot even see, another network's staff may get 403 or 404: neither says more.
  const hidden = await get(AUDIT + qs({ record: `person:${person.id}` }), as(TOKENS.otherStaff));
  assert.ok([403, 404].includes(hidden.status), show(hidden));
  assertProblem(hidden, hidden.status);
  const anonymous = await get(AUDIT);
  assertProblem(anonymous, 401);
  assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
  assertProblem(await get(AUDIT + qs({ record: `person:${person.id}` })), 401);
});

test('the history of a record one cannot see answers 404', async () => {
  const hidden = await createPerson(TOKENS.staff, { visibility: 'private' });
  assertProblem(await get(AUDIT + qs({ record: `person:${hidden.id}` }), as(TOKENS.otherAdmin)), 404);
  assertProblem(await get(AUDIT + qs({ record: 'person:999999999' }), as(TOKENS.admin)), 404);
  assertProblem(await get(AUDIT + qs({ record: 'user:999999999' }), as(TOKENS.admin)), 404);
  const { user } = await invite();
  assertProblem(await get(AUDIT + qs({ record: `user:${user.id}` }), as(TOKENS.otherAdmin)), 404);
});

test('another network\'s admin may read a shared person but not its history', async () => {
  const shared = await createPerson(TOKENS.staff, { visibility: 'network' });
  ok(await get(`${PERSONS}/${shared.id}`, as(TOKENS.otherAdmin)));
  const res = await get(AUDIT + qs({ record: `person:${shared.id}` }), as(TOKENS.otherAdmin));
  assert.ok([403, 404].includes(res.status), show(res));
  assertProblem(res, res.status);
});

test('the record parameter is read strictly', async () => {
  for (const record of ['person', 'person:', ':12', 'person:abc', 'person:1.5', 'person:-1', 'person:1:2', 'personne:1',
    'token:1', 'session:1', 'organisations:1', 'person 1', "person:1' OR '1'='1", 'user:99999999999999999999999']) {
    assertProblem(await get(AUDIT + qs({ record }), as(TOKENS.admin)), 400, 'record');
  }
  assertProblem(await get(`${AUDIT}?record=person:1&record=person:2`, as(TOKENS.admin)), 400, 'record');
  for (const [params, field] of [[{ page: '0' }, 'page'], [{ per_page: '201' }, 'per_page'], [{ action: 'erase' }, 'action']]) {
    assertProblem(await get(AUDIT + qs(params), as(TOKENS.admin)), 400, field);
  }
});

// ---------- read-only ----------

for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
  test(`${method} /audit answers 405 with Allow: GET, and the log is unchanged`, async () => {
    const person = await createPerson();
    const unchanged = await history(TOKENS.admin, 'person', person.id);
    const res = await request(method, AUDIT + qs({ record: `person:${person.id}` }), {
      json: { items: [] },
      headers: auth(TOKENS.admin),
    });
    assertProblem(res, 405);
    assert.match(res.headers.get('allow') ?? '', /^GET\b/);
    assert.deepEqual(await history(TOKENS.admin, 'person', person.id), unchanged);
  });
}

test('no route addresses a single entry', async () => {
  const person = await createPerson();
  const [entry] = (await history(TOKENS.admin, 'person', person.id)).items;
  for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
    const res = await request(method, `${AUDIT}/${entry.id}`, { json: method === 'GET' ? undefined : { action: 'update' }, headers: auth(TOKENS.admin) });
    assert.ok([404, 405].includes(res.status), show(res));
    assertProblem(res, res.status);
  }
  assert.deepEqual((await history(TOKENS.admin, 'person', person.id)).items, [entry]);
});

/** Every entry of the log the token may read, newest first, read page after page. */
async function wholeLog(token) {
  const entries = [];
  for (let page = 1; ; page += 1) {
    const body = assertPage(ok(await get(AUDIT + qs({ per_page: 200, page }), as(token))));
    entries.push(...body.items);
    if (body.items.length < 200) return entries;
  }
}
