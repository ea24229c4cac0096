// A JSON body naming a field twice in one object is refused (400 problem+json naming the field,
// in French) rather than silently keeping the last value — at any depth, on every route that
// reads a body, before anything is written (issue 7).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, qs, ok, show, assertProblem, findOrganisation, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const PERSONS = `${API}/persons`;
const auth = { Authorization: `Bearer ${TOKENS.staff}` };
const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const raw = (method, path, body, headers = {}) =>
  request(method, path, { body, headers: { 'Content-Type': 'application/json', ...headers } });

let TS;
let VALBONNE;

before(async () => {
  TS = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'Territoires Solidaires').id;
  VALBONNE = (await findOrganisation({ insee: '06152' })).id;
});

function assertRepeated(res, field) {
  const problem = assertProblem(res, 400, field);
  const error = problem.errors.find((e) => e.field === field);
  assert.equal(error.message, `Le champ « ${field} » apparaît plusieurs fois dans le même objet.`, show(res));
}

test('an anonymous search naming q twice is refused, whichever value comes last', async () => {
  assertRepeated(await raw('POST', `${API}/organisations/search`, '{"q":"mouans","q":"nice"}'), 'q');
  assertRepeated(await raw('POST', `${API}/organisations/search`, '{"q":"nice","per_page":5,"q":"mouans"}'), 'q');
  assert.equal(ok(await raw('POST', `${API}/organisations/search`, '{"q":"mouans"}')).items[0].insee_code, '06084');
});

test('a person whose family name is sent twice is refused and not recorded', async () => {
  const first = tag();
  const second = tag();
  const body = `{"network_id":${TS},"visibility":"private","given_name":"Camille",` +
    `"family_name":"Durand ${first}","family_name":"Durand ${second}"}`;
  assertRepeated(await raw('POST', PERSONS, body, auth), 'family_name');
  for (const word of [first, second]) {
    assert.equal(ok(await get(PERSONS + qs({ q: word }), { headers: auth })).total, 0, `${word} was not recorded`);
  }
});

test('a key repeated inside a position is named by its path', async () => {
  const body = `{"network_id":${TS},"visibility":"private","given_name":"Camille","family_name":"Durand ${tag()}",` +
    `"positions":[{"organisation_id":${VALBONNE},"kind":"elu"},` +
    `{"organisation_id":${VALBONNE},"kind":"agent","title":"Maire","kind":"elu"}]}`;
  assertRepeated(await raw('POST', PERSONS, body, auth), 'positions[1].kind');
});

test('a change naming a field twice is refused and leaves the person as it was', async () => {
  const created = await post(PERSONS, { network_id: TS, visibility: 'private', given_name: 'Camille', family_name: `Durand ${tag()}` },
    { headers: auth });
  assert.equal(created.status, 201, show(created));
  const res = await raw('PATCH', `${PERSONS}/${created.body.id}`, '{"visibility":"public","visibility":"private"}', auth);
  assertRepeated(res, 'visibility');
  assert.equal(ok(await get(`${PERSONS}/${created.body.id}`, { headers: auth })).visibility, 'private');
});

test('the same key in two different objects is no repetition', async () => {
  const body = `{"network_id":${TS},"visibility":"private","given_name":"Camille","family_name":"Durand ${tag()}",` +
    `"positions":[{"organisation_id":${VALBONNE},"kind":"elu"},{"organisation_id":${VALBONNE},"kind":"agent"}]}`;
  const res = await raw('POST', PERSONS, body, auth);
  assert.equal(res.status, 201, show(res));
  assert.equal(res.body.positions.length, 2);
});
