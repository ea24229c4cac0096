// Searching persons reads only what the caller is shown: contacts (email, phone) and notes belong
// to the owning network, so a word of them finds the person for that network only — never for
// another network that may read the person's name, nor for anonymous callers (issue 7).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, qs, ok, show, assertPage, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const PERSONS = `${API}/persons`;
const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
/** A word no other test uses (letters and digits, one search word). */
const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let TS;

before(async () => {
  TS = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'Territoires Solidaires').id;
});

/** Ids of the persons a caller finds with q. */
async function found(token, q) {
  const res = await get(PERSONS + qs({ q }), as(token));
  return assertPage(ok(res)).items.map((p) => p.id);
}

/** A person of Territoires Solidaires whose name, email and notes each hold a word of their own. */
async function personWithHiddenWords(visibility) {
  const words = { name: tag(), email: tag(), notes: tag() };
  const res = await post(PERSONS, {
    network_id: TS,
    visibility,
    given_name: 'Camille',
    family_name: `Durand ${words.name}`,
    email: `camille.${words.email}@exemple.fr`,
    notes: `Joignable le soir, code ${words.notes}.`,
  }, as(TOKENS.staff));
  assert.equal(res.status, 201, show(res));
  return { id: res.body.id, words };
}

const OWNING = [['its network staff', 'staff'], ['its network admin', 'ownAdmin'], ['the platform admin', 'admin']];

test('a public person is found by name by everyone, by a fragment of their email only by the owning network', async () => {
  const { id, words } = await personWithHiddenWords('public');
  for (const [who, token] of [...OWNING, ['another network', 'otherStaff'], ['a member', 'member'], ['anonymous', null]]) {
    assert.deepEqual(await found(TOKENS[token], words.name), [id], `${who} finds the person by name`);
  }
  for (const [who, token] of OWNING) {
    assert.deepEqual(await found(TOKENS[token], words.email), [id], `${who} finds the person by email`);
  }
  for (const [who, token] of [['another network staff', 'otherStaff'], ['another network admin', 'otherAdmin'],
    ['a member', 'member'], ['anonymous', null]]) {
    assert.deepEqual(await found(TOKENS[token], words.email), [], `${who} must not find the person by email`);
    assert.deepEqual(await found(TOKENS[token], `durand ${words.email}`), [], `${who}: name and email words together`);
    assert.deepEqual(await found(TOKENS[token], words.notes), [], `${who} must not find the person by notes`);
  }
});

test('a person shared with the networks is found by name by another network, never by their email', async () => {
  const { id, words } = await personWithHiddenWords('network');
  assert.deepEqual(await found(TOKENS.otherStaff, words.name), [id]);
  assert.deepEqual(await found(TOKENS.otherStaff, words.email), []);
  assert.deepEqual(await found(TOKENS.otherAdmin, words.email), []);
  assert.deepEqual(await found(null, words.email), []);
  assert.deepEqual(await found(TOKENS.staff, words.email), [id]);
  assert.deepEqual(await found(TOKENS.staff, `${words.email} durand`), [id]);
});

test('a fragment of an email never finds a person its caller cannot read at all', async () => {
  const { words } = await personWithHiddenWords('private');
  for (const token of [TOKENS.otherStaff, TOKENS.otherAdmin, TOKENS.member, null]) {
    assert.deepEqual(await found(token, words.email), []);
    assert.deepEqual(await found(token, words.name), []);
  }
});
