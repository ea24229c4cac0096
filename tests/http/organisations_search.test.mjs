import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, qs, ok, show, assertPage, getPage, normalize, wordPrefixMatch } from './client.mjs';

const ORGS = `${API}/organisations`;

function assertMouansSartoux(item) {
  assert.equal(item.name, 'Mouans-Sartoux');
  assert.equal(item.kind, 'collectivite');
  assert.equal(item.category, 'commune');
  assert.equal(item.insee_code, '06084');
  assert.equal(item.siren, '210600847');
  assert.equal(item.population, 11015);
  assert.deepEqual({ code: item.departement?.code, name: item.departement?.name }, { code: '06', name: 'Alpes-Maritimes' });
  assert.deepEqual({ code: item.region?.code, name: item.region?.name }, { code: '93', name: "Provence-Alpes-Côte d'Azur" });
  assert.ok(Number.isInteger(item.id) && item.id >= 1, `id is a positive integer, got ${item.id}`);
}

function assertSummaryShape(item) {
  assert.ok(Number.isInteger(item.id) && item.id >= 1, `id: ${JSON.stringify(item)}`);
  assert.equal(typeof item.name, 'string');
  assert.ok(item.name.length > 0);
  assert.ok(['collectivite', 'association', 'entreprise', 'enseignement_recherche', 'institution_publique',
    'collectivite_etrangere', 'autre'].includes(item.kind), `kind: ${item.kind}`);
  for (const k of ['category', 'subcategory', 'insee_code', 'siren']) {
    assert.ok(item[k] === null || typeof item[k] === 'string', `${k} is a string or null: ${JSON.stringify(item)}`);
  }
  assert.ok(item.population === null || Number.isInteger(item.population), `population: ${item.population}`);
  for (const k of ['departement', 'region']) {
    const v = item[k];
    assert.ok(v === null || (typeof v.code === 'string' && typeof v.name === 'string'), `${k}: ${JSON.stringify(v)}`);
  }
}

// ---------- word-prefix search ----------

for (const q of ['mouans', 'mouans sartoux', 'MOUANS-SARTOUX', 'Mouans Sart']) {
  test(`searching "${q}" returns Mouans-Sartoux first with its reference data`, async () => {
    const page = await getPage(ORGS, { q });
    assert.ok(page.total >= 1, `total for ${q}`);
    assertMouansSartoux(page.items[0]);
  });
}

test('search results have the documented organisation summary shape', async () => {
  const page = await getPage(ORGS, { q: 'saint', per_page: 50 });
  assert.ok(page.items.length > 0);
  for (const item of page.items) assertSummaryShape(item);
});

test('search ignores accents typed by the user ("péymeinade" finds Peymeinade)', async () => {
  const page = await getPage(ORGS, { q: 'péymeinade' });
  const hit = page.items.find((i) => i.insee_code === '06095');
  assert.ok(hit, `Peymeinade (06095) not found: ${JSON.stringify(page.items.map((i) => i.name))}`);
  assert.equal(hit.name, 'Peymeinade');
});

test('search ignores accents in names ("pegomas" finds Pégomas)', async () => {
  const page = await getPage(ORGS, { q: 'pegomas' });
  assert.ok(page.items.some((i) => i.name === 'Pégomas' && i.insee_code === '06090'),
    JSON.stringify(page.items.map((i) => [i.name, i.insee_code])));
});

test('searching "valbonne" finds the commune of Valbonne (06152)', async () => {
  const page = await getPage(ORGS, { q: 'valbonne' });
  const hit = page.items.find((i) => i.insee_code === '06152');
  assert.ok(hit, JSON.stringify(page.items.map((i) => i.name)));
  assert.equal(hit.name, 'Valbonne');
  assert.equal(hit.category, 'commune');
});

test('a query word may match any word of the name, not only the first ("sartoux" finds Mouans-Sartoux)', async () => {
  const page = await getPage(ORGS, { q: 'sartoux' });
  assert.ok(page.items.some((i) => i.insee_code === '06084' && i.category === 'commune'));
});

test('query words may come in any order ("sartoux mouans" finds Mouans-Sartoux)', async () => {
  const page = await getPage(ORGS, { q: 'sartoux mouans' });
  assert.ok(page.items.some((i) => i.insee_code === '06084' && i.category === 'commune'));
});

test('search matches word prefixes, not arbitrary substrings ("artoux" does not find Mouans-Sartoux)', async () => {
  const page = await getPage(ORGS, { q: 'artoux', per_page: 200 });
  assert.ok(!page.items.some((i) => i.insee_code === '06084'), JSON.stringify(page.items.map((i) => i.name)));
});

test('every query word must match: a word found nowhere yields no Mouans-Sartoux', async () => {
  const page = await getPage(ORGS, { q: 'mouans zzzqx' });
  assert.equal(page.total, 0);
  assert.deepEqual(page.items, []);
});

test('every search result has each query word starting one of its name words', async () => {
  const q = 'saint cezaire';
  const page = await getPage(ORGS, { q, per_page: 200 });
  assert.ok(page.items.some((i) => i.name === 'Saint-Cézaire-sur-Siagne'), JSON.stringify(page.items.map((i) => i.name)));
  for (const item of page.items) assert.ok(wordPrefixMatch(item.name, q), `${item.name} does not match "${q}"`);
});

test('a search matching nothing returns an empty page with total 0', async () => {
  const page = await getPage(ORGS, { q: 'xqzwvkjh' }, { page: 1, per_page: 20 });
  assert.equal(page.total, 0);
  assert.deepEqual(page.items, []);
});

// ---------- ordering and paging ----------

test('without q, organisations are ordered by population descending', async () => {
  const page = await getPage(ORGS, { per_page: 200 });
  const pops = page.items.map((i) => i.population).filter((p) => p !== null);
  assert.ok(pops.length > 0, 'some items have a population');
  for (let i = 1; i < pops.length; i++) assert.ok(pops[i - 1] >= pops[i], `population not descending at ${i}: ${pops[i - 1]} < ${pops[i]}`);
});

test('without q, organisations with a known population come before those without one', async () => {
  const page = await getPage(ORGS, { per_page: 200 });
  const firstNull = page.items.findIndex((i) => i.population === null);
  if (firstNull === -1) return;
  assert.ok(page.items.slice(firstNull).every((i) => i.population === null),
    `an item without population precedes one with a population: ${JSON.stringify(page.items.slice(0, firstNull + 3).map((i) => [i.name, i.population]))}`);
});

test('communes listed without q start with Paris, the most populated, and go down', async () => {
  const page = await getPage(ORGS, { category: 'commune', per_page: 50 });
  assert.equal(page.items[0].insee_code, '75056');
  assert.equal(page.items[0].name, 'Paris');
  for (let i = 1; i < page.items.length; i++) {
    assert.ok(page.items[i - 1].population >= page.items[i].population, `not descending at ${i}`);
  }
});

test('lists default to page 1 and 20 items per page', async () => {
  const page = await getPage(ORGS, {}, { page: 1, per_page: 20 });
  assert.equal(page.items.length, 20);
  assert.ok(page.total > 34969, `total of all organisations should exceed the communes, got ${page.total}`);
});

test('per_page=200 (the maximum) returns 200 items', async () => {
  const page = await getPage(ORGS, { category: 'commune', per_page: 200 }, { per_page: 200 });
  assert.equal(page.items.length, 200);
});

test('page 2 of a query returns different items with the same total', async () => {
  const p1 = await getPage(ORGS, { q: 'saint', per_page: 10, page: 1 }, { page: 1, per_page: 10 });
  const p2 = await getPage(ORGS, { q: 'saint', per_page: 10, page: 2 }, { page: 2, per_page: 10 });
  assert.ok(p1.total > 20, `"saint" should match many organisations, got ${p1.total}`);
  assert.equal(p2.total, p1.total);
  assert.equal(p1.items.length, 10);
  assert.equal(p2.items.length, 10);
  const ids1 = new Set(p1.items.map((i) => i.id));
  assert.ok(p2.items.every((i) => !ids1.has(i.id)), 'page 2 must not repeat items of page 1');
});

test('consecutive pages without q do not overlap and keep the same total', async () => {
  const p1 = await getPage(ORGS, { category: 'commune', per_page: 100, page: 1 });
  const p2 = await getPage(ORGS, { category: 'commune', per_page: 100, page: 2 });
  assert.equal(p1.total, p2.total);
  const ids1 = new Set(p1.items.map((i) => i.id));
  assert.ok(p2.items.every((i) => !ids1.has(i.id)), 'page 2 must not repeat items of page 1');
  assert.ok(p1.items.at(-1).population >= p2.items[0].population, 'ordering continues across pages');
});

test('a page past the end returns no items but the right total', async () => {
  const first = await getPage(ORGS, { q: 'mouans', per_page: 5 });
  const last = Math.ceil(first.total / 5);
  const beyond = await getPage(ORGS, { q: 'mouans', per_page: 5, page: last + 1 }, { page: last + 1, per_page: 5 });
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, first.total);
  const far = await getPage(ORGS, { q: 'mouans', per_page: 5, page: 1000000 }, { page: 1000000 });
  assert.deepEqual(far.items, []);
  assert.equal(far.total, first.total);
});

test('walking all pages of a query yields exactly total distinct items', async () => {
  const first = await getPage(ORGS, { q: 'saint cezaire', per_page: 2 });
  const seen = new Set();
  for (let p = 1; p <= Math.ceil(first.total / 2); p++) {
    const page = await getPage(ORGS, { q: 'saint cezaire', per_page: 2, page: p });
    for (const i of page.items) seen.add(i.id);
  }
  assert.equal(seen.size, first.total);
});

// ---------- filters ----------

test('kind=collectivite returns only collectivités', async () => {
  const page = await getPage(ORGS, { kind: 'collectivite', per_page: 200 });
  assert.ok(page.total > 34969);
  for (const i of page.items) assert.equal(i.kind, 'collectivite');
});

test('category=region returns the 18 régions', async () => {
  const page = await getPage(ORGS, { category: 'region', per_page: 50 });
  assert.equal(page.total, 18);
  assert.equal(page.items.length, 18);
  for (const i of page.items) assert.equal(i.category, 'region');
  const names = page.items.map((i) => i.name);
  for (const n of ["Provence-Alpes-Côte d'Azur", 'Île-de-France', 'Guadeloupe', 'Mayotte', 'Corse']) {
    assert.ok(names.includes(n), `missing région ${n}: ${names.join(', ')}`);
  }
});

test('category=departement returns at least the 101 départements', async () => {
  const page = await getPage(ORGS, { category: 'departement', per_page: 200 });
  assert.ok(page.total >= 101, `total ${page.total}`);
  for (const i of page.items) assert.equal(i.category, 'departement');
  assert.ok(page.items.some((i) => i.name === 'Alpes-Maritimes'));
});

test('category=epci returns the 1255 EPCI', async () => {
  const page = await getPage(ORGS, { category: 'epci', per_page: 200 });
  assert.equal(page.total, 1255);
  for (const i of page.items) {
    assert.equal(i.category, 'epci');
    assert.ok(['CC', 'CA', 'CU', 'METRO', 'MET69'].includes(i.subcategory), `EPCI subcategory: ${JSON.stringify(i)}`);
  }
});

test('category=commune counts the 34969 current communes only', async () => {
  const page = await getPage(ORGS, { category: 'commune', per_page: 1 });
  assert.equal(page.total, 34969);
});

test('communes déléguées exist with their own category and are not counted as communes', async () => {
  const page = await getPage(ORGS, { category: 'commune_deleguee', per_page: 200 });
  assert.ok(page.total > 0, 'there are communes déléguées');
  for (const i of page.items) assert.equal(i.category, 'commune_deleguee');
});

test('region=93 restricts results to Provence-Alpes-Côte d\'Azur', async () => {
  const page = await getPage(ORGS, { region: '93', per_page: 200 });
  assert.ok(page.total > 900, `PACA has ~946 communes, got total ${page.total}`);
  for (const i of page.items) assert.equal(i.region?.code, '93', JSON.stringify(i));
});

test('departement=06 restricts results to the Alpes-Maritimes', async () => {
  const page = await getPage(ORGS, { departement: '06', per_page: 200 });
  assert.ok(page.total >= 163, `the 06 has 163 communes, got total ${page.total}`);
  for (const i of page.items) assert.equal(i.departement?.code, '06', JSON.stringify(i));
});

test('departement=2A (Corse-du-Sud) is a valid filter', async () => {
  const page = await getPage(ORGS, { departement: '2A', category: 'commune', per_page: 200 });
  assert.ok(page.total > 100, `total ${page.total}`);
  for (const i of page.items) assert.equal(i.departement?.code, '2A');
});

test('q combined with departement returns only matching names in that département', async () => {
  const page = await getPage(ORGS, { q: 'saint', departement: '06', per_page: 200 });
  assert.ok(page.total > 10, `total ${page.total}`);
  for (const i of page.items) {
    assert.equal(i.departement?.code, '06', JSON.stringify(i));
    assert.ok(wordPrefixMatch(i.name, 'saint'), `${i.name} does not match "saint"`);
  }
  assert.ok(page.items.some((i) => i.name === 'Saint-Cézaire-sur-Siagne'));
});

test('combined filters narrow each other (category=epci&region=93)', async () => {
  const page = await getPage(ORGS, { category: 'epci', region: '93', per_page: 200 });
  assert.ok(page.total > 0 && page.total < 1255, `total ${page.total}`);
  for (const i of page.items) {
    assert.equal(i.category, 'epci');
    assert.equal(i.region?.code, '93');
  }
  assert.ok(page.items.some((i) => i.siren === '200039857'), 'CA du Pays de Grasse is a PACA EPCI');
});

test('insee=06084 returns the current commune Mouans-Sartoux first', async () => {
  const page = await getPage(ORGS, { insee: '06084' });
  assert.ok(page.total >= 1);
  assertMouansSartoux(page.items[0]);
  for (const i of page.items) assert.equal(i.insee_code, '06084');
});

test('siren=210600847 returns Mouans-Sartoux', async () => {
  const page = await getPage(ORGS, { siren: '210600847' });
  assert.ok(page.total >= 1);
  assertMouansSartoux(page.items[0]);
});

test('siren=200039857 returns the CA du Pays de Grasse, an EPCI of subcategory CA', async () => {
  const page = await getPage(ORGS, { siren: '200039857' });
  assert.equal(page.total, 1);
  const epci = page.items[0];
  assert.equal(epci.name, 'CA du Pays de Grasse');
  assert.equal(epci.kind, 'collectivite');
  assert.equal(epci.category, 'epci');
  assert.equal(epci.subcategory, 'CA');
  assert.equal(epci.siren, '200039857');
});

test('a valid SIREN that belongs to no organisation returns an empty page', async () => {
  // 732829320 passes the Luhn check; it is not a collectivité.
  const page = await getPage(ORGS, { siren: '732829320', kind: 'collectivite' });
  assert.equal(page.total, 0);
});

// ---------- POST /organisations/search ----------

test('POST /organisations/search with a JSON body returns the same page as the GET query', async () => {
  const viaPost = await post(`${ORGS}/search`, { q: 'mouans', page: 1, per_page: 5 });
  const body = ok(viaPost);
  assertPage(body, { page: 1, per_page: 5 });
  assertMouansSartoux(body.items[0]);
  const viaGet = ok(await get(ORGS + qs({ q: 'mouans', page: 1, per_page: 5 })));
  assert.deepEqual(body, viaGet);
});

test('POST /organisations/search accepts every filter of the GET query', async () => {
  const criteria = { q: 'saint', kind: 'collectivite', category: 'commune', region: '93', departement: '06', page: 2, per_page: 7 };
  const viaPost = ok(await post(`${ORGS}/search`, criteria));
  const viaGet = ok(await get(ORGS + qs(criteria)));
  assertPage(viaPost, { page: 2, per_page: 7 });
  assert.deepEqual(viaPost, viaGet);
});

test('POST /organisations/search finds by siren and insee like the GET query', async () => {
  const bySiren = ok(await post(`${ORGS}/search`, { siren: '200039857' }));
  assert.equal(bySiren.items[0]?.name, 'CA du Pays de Grasse');
  const byInsee = ok(await post(`${ORGS}/search`, { insee: '06084' }));
  assertMouansSartoux(byInsee.items[0]);
});

test('POST /organisations/search with an empty object lists like GET without parameters', async () => {
  const viaPost = ok(await post(`${ORGS}/search`, {}));
  assertPage(viaPost, { page: 1, per_page: 20 });
  assert.deepEqual(viaPost, ok(await get(ORGS)));
});

test('POST /organisations/search accepts a Content-Type with a charset parameter', async () => {
  const res = await post(`${ORGS}/search`, { q: 'mouans' }, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  assertMouansSartoux(ok(res).items[0]);
});

test('POST /organisations/search decodes UTF-8 accents in the body ("péymeinade")', async () => {
  const body = ok(await post(`${ORGS}/search`, { q: 'péymeinade' }));
  assert.ok(body.items.some((i) => i.insee_code === '06095'), JSON.stringify(body.items.map((i) => i.name)));
});

test('search normalises the whole query the same way whatever the case, accents or hyphens', async () => {
  const variants = ['saint cezaire', 'SAINT-CÉZAIRE', 'Saint Cézaire', 'saint--cezaire'];
  const pages = await Promise.all(variants.map((q) => getPage(ORGS, { q, per_page: 50 })));
  for (let i = 1; i < pages.length; i++) {
    assert.deepEqual(pages[i].items.map((x) => x.id), pages[0].items.map((x) => x.id), `"${variants[i]}" vs "${variants[0]}"`);
    assert.equal(pages[i].total, pages[0].total);
  }
  assert.ok(pages[0].items.some((x) => normalize(x.name) === 'saint cezaire sur siagne'));
});
