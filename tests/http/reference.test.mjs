import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, getPage, assertProblem } from './client.mjs';

const COUNTRIES = `${API}/reference/countries`;
const ODD = `${API}/reference/odd`;
const NETWORKS = `${API}/networks`;

// ---------- countries ----------

test('countries are a paged list of at least 240 ISO 3166 alpha-2 codes with French names', async () => {
  const page = await getPage(COUNTRIES, {}, { page: 1, per_page: 20 });
  assert.ok(page.total >= 240, `total ${page.total}`);
  assert.equal(page.items.length, 20);
  for (const c of page.items) {
    assert.match(c.code, /^[A-Z]{2}$/);
    assert.equal(typeof c.name, 'string');
    assert.ok(c.name.length > 0);
  }
});

test('countries accept per_page=200 and the second page holds the rest', async () => {
  const p1 = await getPage(COUNTRIES, { per_page: 200 }, { page: 1, per_page: 200 });
  assert.equal(p1.items.length, 200);
  const p2 = await getPage(COUNTRIES, { per_page: 200, page: 2 }, { page: 2, per_page: 200 });
  assert.equal(p2.total, p1.total);
  assert.equal(p2.items.length, p1.total - 200);
  const codes = [...p1.items, ...p2.items].map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length, 'country codes are unique');
  for (const code of ['FR', 'TG', 'BJ', 'SN', 'ML', 'HT', 'DE']) assert.ok(codes.includes(code), `missing ${code}`);
});

test('countries can be searched by name ("togo" finds TG Togo)', async () => {
  const page = await getPage(COUNTRIES, { q: 'togo' });
  assert.ok(page.items.some((c) => c.code === 'TG' && c.name === 'Togo'), JSON.stringify(page.items));
});

test('country search ignores accents ("benin" finds BJ Bénin)', async () => {
  const page = await getPage(COUNTRIES, { q: 'benin' });
  assert.ok(page.items.some((c) => c.code === 'BJ' && c.name === 'Bénin'), JSON.stringify(page.items));
});

test('country search ignores case and accents typed by the user ("BÉNIN")', async () => {
  const page = await getPage(COUNTRIES, { q: 'BÉNIN' });
  assert.ok(page.items.some((c) => c.code === 'BJ'), JSON.stringify(page.items));
});

test('a country search matching nothing returns an empty page', async () => {
  const page = await getPage(COUNTRIES, { q: 'xqzwvkjh' });
  assert.equal(page.total, 0);
  assert.deepEqual(page.items, []);
});

test('countries refuse a query longer than 200 characters', async () => {
  assertProblem(await get(`${COUNTRIES}?q=${'a'.repeat(201)}`), 400, 'q');
});

test('the country q limit counts characters, not bytes (200 accented letters pass)', async () => {
  const page = await getPage(COUNTRIES, { q: 'é'.repeat(200) });
  assert.equal(page.total, 0);
});

test('countries refuse an unknown parameter', async () => {
  assertProblem(await get(`${COUNTRIES}?code=FR`), 400, 'code');
});

test('countries refuse bad paging', async () => {
  assertProblem(await get(`${COUNTRIES}?per_page=201`), 400, 'per_page');
  assertProblem(await get(`${COUNTRIES}?page=0`), 400, 'page');
});

// ---------- ODD ----------

test('the 17 sustainable development goals are numbered 1 to 17 with French titles', async () => {
  const page = await getPage(ODD, { per_page: 50 });
  assert.equal(page.total, 17);
  assert.equal(page.items.length, 17);
  assert.deepEqual(page.items.map((o) => o.number), Array.from({ length: 17 }, (_, i) => i + 1));
  for (const o of page.items) {
    assert.equal(typeof o.title, 'string');
    assert.ok(o.title.length > 3, `ODD ${o.number} has a title`);
  }
  const byNumber = Object.fromEntries(page.items.map((o) => [o.number, o.title]));
  assert.ok(byNumber[5].toLowerCase().includes('égalité'), `ODD 5: ${byNumber[5]}`);
  assert.ok(byNumber[13].toLowerCase().includes('climat'), `ODD 13: ${byNumber[13]}`);
});

test('the ODD list pages with the default 20 per page (all 17 on page 1)', async () => {
  const page = await getPage(ODD, {}, { page: 1, per_page: 20 });
  assert.equal(page.items.length, 17);
  const p2 = await getPage(ODD, { page: 2 }, { page: 2 });
  assert.deepEqual(p2.items, []);
  assert.equal(p2.total, 17);
});

test('the ODD list pages in order (per_page=5, page 4 holds ODD 16 and 17)', async () => {
  const page = await getPage(ODD, { per_page: 5, page: 4 }, { page: 4, per_page: 5 });
  assert.deepEqual(page.items.map((o) => o.number), [16, 17]);
});

test('the ODD list refuses a q parameter it does not support', async () => {
  assertProblem(await get(`${ODD}?q=climat`), 400, 'q');
});

// ---------- networks ----------

async function networks() {
  const page = await getPage(NETWORKS, { per_page: 200 });
  assert.ok(page.total >= 1);
  assert.equal(page.items.length, page.total);
  return page.items;
}

test('each network has an id, a name and at least one région it covers', async () => {
  for (const n of await networks()) {
    assert.ok(Number.isInteger(n.id), JSON.stringify(n));
    assert.equal(typeof n.name, 'string');
    assert.ok(n.name.length > 0);
    assert.ok(Array.isArray(n.regions) && n.regions.length >= 1, `${n.name} covers no région`);
    for (const r of n.regions) {
      assert.match(r.code, /^[0-9]{2}$/, `${n.name}: ${JSON.stringify(r)}`);
      assert.equal(typeof r.name, 'string');
    }
  }
});

for (const [name, code, regionName] of [
  ['Territoires Solidaires', '93', "Provence-Alpes-Côte d'Azur"],
  ['RESACOOP', '84', 'Auvergne-Rhône-Alpes'],
  ['Karib Horizon', '01', 'Guadeloupe'],
]) {
  test(`the network ${name} covers the région ${regionName} (${code})`, async () => {
    const all = await networks();
    const n = all.find((x) => x.name === name);
    assert.ok(n, `network ${name} missing: ${all.map((x) => x.name).join(', ')}`);
    const r = n.regions.find((x) => x.code === code);
    assert.ok(r, `${name} regions: ${JSON.stringify(n.regions)}`);
    assert.equal(r.name, regionName);
  });
}

test('network names are unique', async () => {
  const names = (await networks()).map((n) => n.name);
  assert.equal(new Set(names).size, names.length);
});

test('the networks list pages with per_page', async () => {
  const p1 = await getPage(NETWORKS, { per_page: 1 }, { page: 1, per_page: 1 });
  assert.equal(p1.items.length, 1);
  assert.ok(p1.total >= 3);
  const p2 = await getPage(NETWORKS, { per_page: 1, page: 2 }, { page: 2, per_page: 1 });
  assert.equal(p2.items.length, 1);
  assert.notEqual(p2.items[0].id, p1.items[0].id);
});

test('the networks list refuses an unknown parameter', async () => {
  assertProblem(await get(`${NETWORKS}?region=93`), 400, 'region');
});

test('a country search with invalid UTF-8 is refused with 400 naming q, on every engine', async () => {
  const res = await get(`${COUNTRIES}?q=%FF`);
  assertProblem(res, 400, 'q');
});

test('a country search made only of symbols finds nothing', async () => {
  const res = await get(`${COUNTRIES}?q=!!!`);
  assert.equal(res.status, 200);
  assert.equal(res.body.total, 0);
});
