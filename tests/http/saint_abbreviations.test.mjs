// The French abbreviations St, Ste, Sts and Stes and the words they stand for (Saint, Sainte,
// Saints, Saintes) find each other in every search: the directory, persons and countries (issue 7).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, qs, ok, show, getPage, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const ORGS = `${API}/organisations`;
const PERSONS = `${API}/persons`;
const tag = () => `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

for (const [q, insee, name] of [
  ['st etienne', '42218', 'Saint-Étienne'],
  ['St-Étienne', '42218', 'Saint-Étienne'],
  ['ST ETIENNE', '42218', 'Saint-Étienne'],
  ['saint-etienne', '42218', 'Saint-Étienne'],
  ['ste maxime', '83115', 'Sainte-Maxime'],
  ['Ste-Maxime', '83115', 'Sainte-Maxime'],
  ['sainte maxime', '83115', 'Sainte-Maxime'],
]) {
  test(`searching « ${q} » finds ${name} first`, async () => {
    const page = await getPage(ORGS, { q, per_page: 5 });
    assert.ok(page.items.length > 0, `nothing found for ${q}`);
    assert.equal(page.items[0].insee_code, insee, `${q}: ${JSON.stringify(page.items.map((i) => i.name))}`);
    assert.equal(page.items[0].name, name);
  });
}

test('the search by JSON body knows the abbreviations too', async () => {
  const res = await post(`${ORGS}/search`, { q: 'st etienne', per_page: 5 });
  assert.equal(ok(res).items[0].insee_code, '42218', show(res));
});

test('« st » still finds the names with a word starting with st', async () => {
  const st = await getPage(ORGS, { q: 'st', per_page: 200, category: 'commune', departement: '67' });
  const names = st.items.map((i) => i.name);
  assert.ok(names.includes('Strasbourg'), 'Strasbourg starts with st');
  assert.ok(names.some((n) => n.startsWith('Saint-')), 'a Saint- commune of the Bas-Rhin is found by st');
});

test('an abbreviated name in the directory is found by the word written out', async () => {
  const page = await getPage(ORGS, { q: 'pontchateau saint gildas', per_page: 5 });
  assert.ok(page.items.some((i) => i.name === 'CC du Pays de Pontchâteau St-Gildas-des-Bois'),
    JSON.stringify(page.items.map((i) => i.name)));
});

test('persons named St- or Sainte- are found by the other spelling', async () => {
  const word = tag();
  const headers = { Authorization: `Bearer ${TOKENS.staff}` };
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  const TS = networks.find((n) => n.name === 'Territoires Solidaires').id;
  const ids = {};
  for (const family of ['St-Exupéry', 'Sainte-Beuve']) {
    const res = await post(PERSONS, { network_id: TS, visibility: 'public', given_name: word, family_name: family }, { headers });
    assert.equal(res.status, 201, show(res));
    ids[family] = res.body.id;
  }
  const found = async (q) => ok(await get(PERSONS + qs({ q: `${q} ${word}` }))).items.map((p) => p.id).sort((a, b) => a - b);
  assert.deepEqual(await found('saint exupery'), [ids['St-Exupéry']]);
  assert.deepEqual(await found('st-exupéry'), [ids['St-Exupéry']]);
  assert.deepEqual(await found('ste beuve'), [ids['Sainte-Beuve']]);
  assert.deepEqual(await found('sainte beuve'), [ids['Sainte-Beuve']]);
});

test('countries: « ste lucie » finds Sainte-Lucie and « st marin » Saint-Marin', async () => {
  assert.equal(ok(await get(`${API}/reference/countries${qs({ q: 'ste lucie' })}`)).items[0].code, 'LC');
  assert.equal(ok(await get(`${API}/reference/countries${qs({ q: 'st marin' })}`)).items[0].code, 'SM');
});
