// A person's names must show something: names made only of invisible characters (zero-width
// spaces and joiners, byte-order mark, soft hyphen, bidirectional controls, blank-looking
// spaces, combining marks alone) are refused with a French message naming the field, on creation
// and on change (issue 7); a bidirectional control anywhere in a name is refused too.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, qs, ok, show, assertProblem, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const PERSONS = `${API}/persons`;
const as = { headers: { Authorization: `Bearer ${TOKENS.staff}` } };
const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let TS;

before(async () => {
  TS = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'Territoires Solidaires').id;
});

const INVISIBLE = [
  ['a zero-width space', '\u200B'],
  ['zero-width joiners', '\u200C\u200D'],
  ['a word joiner and a byte-order mark', '\u2060\uFEFF'],
  ['a soft hyphen', '\u00AD'],
  ['bidirectional embeddings and overrides', '\u202A\u202B\u202C\u202D\u202E'],
  ['bidirectional isolates', '\u2066\u2067\u2068\u2069'],
  ['directional marks', '\u200E\u200F\u061C'],
  ['no-break and ideographic spaces', '\u00A0\u3000 \u2003'],
  ['combining accents with no letter to carry them', '\u0301\u0300\u0327'],
];

function assertNamedInFrench(res, field, label) {
  const problem = assertProblem(res, 400, field);
  const error = problem.errors.find((e) => e.field === field);
  assert.match(error.message, new RegExp(`^${label} ne contient aucun caractère visible\\.$`), show(res));
}

for (const [what, invisible] of INVISIBLE) {
  test(`a person named with only ${what} is refused, naming the field`, async () => {
    const family = `Durand ${tag()}`;
    const given = await post(PERSONS, { network_id: TS, visibility: 'private', given_name: invisible, family_name: family }, as);
    assertNamedInFrench(given, 'given_name', 'Le prénom');
    const familyOnly = await post(PERSONS, { network_id: TS, visibility: 'private', given_name: 'Camille', family_name: invisible }, as);
    assertNamedInFrench(familyOnly, 'family_name', 'Le nom');
    const search = ok(await get(PERSONS + qs({ q: family.split(' ')[1] }), as));
    assert.equal(search.total, 0, 'nothing was recorded');
  });
}

test('a person cannot be renamed to invisible characters, and keeps their name', async () => {
  const res = await post(PERSONS, { network_id: TS, visibility: 'private', given_name: 'Camille', family_name: `Durand ${tag()}` }, as);
  assert.equal(res.status, 201, show(res));
  const renamed = await request('PATCH', `${PERSONS}/${res.body.id}`, { json: { family_name: '\u200B\u2060' }, ...as });
  assertNamedInFrench(renamed, 'family_name', 'Le nom');
  assert.equal(ok(await get(`${PERSONS}/${res.body.id}`, as)).family_name, res.body.family_name);
});

test('invisible characters around a visible name are accepted as sent', async () => {
  const family = `\u200BDurand ${tag()}\u00AD`;
  const res = await post(PERSONS, { network_id: TS, visibility: 'private', given_name: 'Camille\u200D', family_name: family }, as);
  assert.equal(res.status, 201, show(res));
  assert.equal(res.body.family_name, family);
});

test('a bidirectional control inside a visible name is refused: the name would read otherwise than it is stored', async () => {
  for (const name of ['Jean\u202Eelbaf', '\u202BCamille\u202C', 'Marie\u2066x\u2069', 'Paul\u200F']) {
    const res = await post(PERSONS, { network_id: TS, visibility: 'private', given_name: 'Camille', family_name: name }, as);
    const problem = assertProblem(res, 400, 'family_name');
    assert.match(problem.errors.find((e) => e.field === 'family_name').message, /^Le nom contient des caractères qui inversent le sens d'affichage/, show(res));
  }
});
