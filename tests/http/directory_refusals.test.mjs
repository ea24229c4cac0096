// What the directory refuses and how it says it (issue 8, the attacker's pass): a network's own
// record keeps the name of the national list; a body with a wrong type is answered with every
// other fault too; a date beyond 2100 is said to be out of range; an undo needs no body.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertProblem, get, ok, post, qs, request, requireTokens, show, TOKENS } from './client.mjs';

requireTokens();

const as = (token) => ({ headers: { Authorization: `Bearer ${token}` } });
const patch = (path, json, token = TOKENS.staff) => request('PATCH', path, { json, ...as(token) });

let ts;

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  ts = networks.find((n) => n.name === 'Territoires Solidaires');
});

test('a network\'s staff cannot rename the network\'s own record, and repeating what it holds changes nothing', async () => {
  const path = `${API}/organisations/${ts.organisation_id}`;
  const problem = assertProblem(await patch(path, { name: '<img src=x onerror=alert(1)>' }), 400, 'name');
  assert.match(problem.errors[0].message, /liste nationale/);
  assertProblem(await patch(path, { archived: true }), 400, 'archived');
  assertProblem(await patch(path, { kind: 'association' }), 400, 'kind');
  const same = await patch(path, { name: 'Territoires Solidaires', archived: false, kind: 'reseau' });
  assert.equal(same.status, 200, show(same));
  assert.equal(ok(await get(path)).name, 'Territoires Solidaires');
});

test('a relationship body with a wrong type is answered with every other fault as well', async () => {
  const problem = assertProblem(await post(`${API}/relationships`, {
    kind: 'partnership', from_id: ts.organisation_id, to_id: ts.organisation_id, network_id: ts.id,
    visibility: 'private', themes: [1], convention_date: '2021-02-31',
  }, as(TOKENS.staff)), 400);
  const fields = problem.errors.map((e) => e.field);
  assert.ok(fields.includes('themes[0]'), JSON.stringify(problem.errors));
  const convention = problem.errors.find((e) => e.field === 'convention_date');
  assert.ok(convention, JSON.stringify(problem.errors));
  assert.equal(convention.message, 'Date de convention inexistante (le 2021-02-31 n\'existe pas).');
});

test('an organisation body with a wrong type is answered with the missing name too', async () => {
  const problem = assertProblem(await post(`${API}/organisations`, {
    network_id: ts.id, visibility: 'private', kind: 'association', countries: [7],
  }, as(TOKENS.staff)), 400);
  assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['countries[0]', 'name']);
});

test('the finders say a date beyond 2100 is out of range, and a day that does not exist as such', async () => {
  const far = assertProblem(await get(`${API}/outreach${qs({ network: ts.id, at: '9999-12-31' })}`, as(TOKENS.staff)), 400, 'at');
  assert.equal(far.errors[0].message, 'Date hors de la période admise (1900 à 2100).');
  const none = assertProblem(await get(`${API}/consortia${qs({ network: ts.id, at: '2023-02-29' })}`, as(TOKENS.staff)), 400, 'at');
  assert.equal(none.errors[0].message, 'Date inexistante (le 2023-02-29 n\'existe pas).');
  const form = assertProblem(await get(`${API}/organisations/${ts.organisation_id}/neighbourhood${qs({ at: '31/12/2020' })}`), 400, 'at');
  assert.equal(form.errors[0].message, 'Date invalide (attendu AAAA-MM-JJ).');
});

test('undoing a merge needs no body: without one, an unknown merge is a 404, not a 400', async () => {
  const res = await request('POST', `${API}/merges/987654321/undo`, as(TOKENS.staff));
  assertProblem(res, 404);
});
