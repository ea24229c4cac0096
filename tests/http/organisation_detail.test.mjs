import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, ok, show, getPage, assertProblem, findOrganisation } from './client.mjs';

const ORGS = `${API}/organisations`;
let mouans; // summary from the search
let epci; // summary of the CA du Pays de Grasse

before(async () => {
  mouans = await findOrganisation({ insee: '06084' });
  assert.equal(mouans.name, 'Mouans-Sartoux');
  epci = await findOrganisation({ siren: '200039857' });
  assert.equal(epci.name, 'CA du Pays de Grasse');
});

test('the detail of an organisation found by search is served under its id', async () => {
  const d = ok(await get(`${ORGS}/${mouans.id}`));
  assert.equal(d.id, mouans.id);
  assert.equal(d.name, 'Mouans-Sartoux');
  assert.equal(d.kind, 'collectivite');
  assert.equal(d.category, 'commune');
  assert.equal(d.insee_code, '06084');
  assert.equal(d.siren, '210600847');
  assert.equal(d.population, 11015);
  assert.deepEqual({ code: d.departement?.code, name: d.departement?.name }, { code: '06', name: 'Alpes-Maritimes' });
  assert.deepEqual({ code: d.region?.code, name: d.region?.name }, { code: '93', name: "Provence-Alpes-Côte d'Azur" });
});

test('the detail repeats every field of the search summary unchanged', async () => {
  const d = ok(await get(`${ORGS}/${mouans.id}`));
  for (const [k, v] of Object.entries(mouans)) assert.deepEqual(d[k], v, `field ${k} differs between summary and detail`);
});

test('a commune detail lists its postal codes (Mouans-Sartoux has 06370)', async () => {
  const d = ok(await get(`${ORGS}/${mouans.id}`));
  assert.ok(Array.isArray(d.postal_codes), 'postal_codes is an array');
  assert.ok(d.postal_codes.includes('06370'), JSON.stringify(d.postal_codes));
  for (const cp of d.postal_codes) assert.match(cp, /^[0-9]{5}$/);
});

test('a commune detail says which EPCI it belongs to (Mouans-Sartoux is in the CA du Pays de Grasse)', async () => {
  const d = ok(await get(`${ORGS}/${mouans.id}`));
  assert.ok(Array.isArray(d.member_of), 'member_of is an array');
  const m = d.member_of.find((x) => x.organisation?.name === 'CA du Pays de Grasse');
  assert.ok(m, `member_of: ${JSON.stringify(d.member_of.map((x) => x.organisation?.name))}`);
  assert.equal(m.organisation.category, 'epci');
  assert.equal(m.organisation.id, epci.id);
  assert.equal(m.organisation.siren, '200039857');
});

test('a commune detail lists the networks covering it (Territoires Solidaires for a PACA commune)', async () => {
  const d = ok(await get(`${ORGS}/${mouans.id}`));
  assert.ok(Array.isArray(d.networks), 'networks is an array');
  const n = d.networks.find((x) => x.name === 'Territoires Solidaires');
  assert.ok(n, JSON.stringify(d.networks));
  assert.ok(Number.isInteger(n.id));
});

test('an EPCI detail counts its member communes (the CA du Pays de Grasse has at least 20)', async () => {
  const d = ok(await get(`${ORGS}/${epci.id}`));
  assert.equal(d.name, 'CA du Pays de Grasse');
  assert.equal(d.category, 'epci');
  assert.equal(d.subcategory, 'CA');
  assert.ok(Number.isInteger(d.members_total) && d.members_total >= 20, `members_total: ${d.members_total}`);
});

test('the members of an EPCI include Mouans-Sartoux', async () => {
  const page = await getPage(`${ORGS}/${epci.id}/members`, { per_page: 200 }, { page: 1, per_page: 200 });
  assert.ok(page.total >= 20, `total ${page.total}`);
  assert.ok(page.items.some((i) => i.id === mouans.id && i.name === 'Mouans-Sartoux'),
    JSON.stringify(page.items.map((i) => i.name)));
  assert.ok(page.items.some((i) => i.name === 'Grasse'));
  for (const i of page.items) assert.equal(i.category, 'commune', `${i.name} is a commune`);
});

test('the members list total equals the members_total of the detail', async () => {
  const d = ok(await get(`${ORGS}/${epci.id}`));
  const page = await getPage(`${ORGS}/${epci.id}/members`, { per_page: 200 });
  assert.equal(page.total, d.members_total);
  assert.equal(page.items.length, page.total);
});

test('the members list pages like any other list', async () => {
  const p1 = await getPage(`${ORGS}/${epci.id}/members`, {}, { page: 1, per_page: 20 });
  const p2 = await getPage(`${ORGS}/${epci.id}/members`, { page: 2 }, { page: 2, per_page: 20 });
  assert.equal(p1.items.length, Math.min(20, p1.total));
  assert.equal(p2.total, p1.total);
  const ids = new Set(p1.items.map((i) => i.id));
  assert.ok(p2.items.every((i) => !ids.has(i.id)));
  assert.equal(p1.items.length + p2.items.length, Math.min(40, p1.total));
});

test('a département detail is served with its région', async () => {
  const dep = await findOrganisation({ category: 'departement', q: 'alpes maritimes' });
  const d = ok(await get(`${ORGS}/${dep.id}`));
  assert.equal(d.name, 'Alpes-Maritimes');
  assert.equal(d.category, 'departement');
  assert.equal(d.region?.code, '93');
});

test('a commune with no members has members_total 0 and an empty members list', async () => {
  const d = ok(await get(`${ORGS}/${mouans.id}`));
  if (d.members_total !== undefined) assert.equal(d.members_total, 0);
  const page = await getPage(`${ORGS}/${mouans.id}/members`, {});
  assert.equal(page.total, 0);
  assert.deepEqual(page.items, []);
});

test('an unknown organisation id answers 404 problem+json', async () => {
  assertProblem(await get(`${ORGS}/999999999`), 404);
});

test('the members of an unknown organisation answer 404 problem+json', async () => {
  assertProblem(await get(`${ORGS}/999999999/members`), 404);
});

test('a non-numeric organisation id is refused with 400 naming the field id', async () => {
  assertProblem(await get(`${ORGS}/abc`), 400, 'id');
});

test('a non-numeric id on the members route is refused with 400 naming the field id', async () => {
  assertProblem(await get(`${ORGS}/abc/members`), 400, 'id');
});

for (const bad of ['0', '-1', '1.5', '1e3', '99999999999999999999', '0x10', '%20']) {
  test(`organisation id "${bad}" is refused with 400 naming the field id`, async () => {
    const res = await get(`${ORGS}/${bad}`);
    assertProblem(res, 400, 'id');
  });
}

test('the members route refuses bad paging with 400', async () => {
  assertProblem(await get(`${ORGS}/${epci.id}/members?per_page=0`), 400, 'per_page');
  assertProblem(await get(`${ORGS}/${epci.id}/members?page=0`), 400, 'page');
  assertProblem(await get(`${ORGS}/${epci.id}/members?q=grasse`), 400, 'q');
});

test('the detail route refuses query parameters it does not know', async () => {
  const res = await get(`${ORGS}/${mouans.id}?foo=1`);
  assertProblem(res, 400, 'foo');
});

test('the detail answers with Content-Type application/json', async () => {
  const res = await get(`${ORGS}/${mouans.id}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, show(res));
});
