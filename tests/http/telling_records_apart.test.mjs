// What lets a network's team tell records apart over HTTP: an actor's commune in the directory's
// search answer (to see a same-named record in the same commune before creating another), the
// facts of each duplicate candidate (commune, identifiers, network, creation date, relations the
// caller may read), and a commune's neighbourhood without the COG's EPCI memberships.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, qs, ok, show, assertProblem, TOKENS, requireTokens, unique } from './client.mjs';

requireTokens();

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});

let TS;
let tsNode;
const communes = {};

async function commune(insee) {
  const found = ok(await get(`${API}/organisations${qs({ insee, category: 'commune' })}`));
  assert.equal(found.items.length, 1, `commune ${insee}`);
  return found.items[0];
}

async function created(path, body, token = TOKENS.staff) {
  const res = await post(`${API}${path}`, body, as(token));
  assert.equal(res.status, 201, show(res));
  return res.body;
}

before(async () => {
  const ts = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'Territoires Solidaires');
  TS = ts.id;
  tsNode = ts.organisation_id;
  for (const insee of ['06084', '06095', '06152']) communes[insee] = await commune(insee);
});

test('the directory search gives an actor the commune where it is based, and a collectivité none', async () => {
  const name = `Amis de Mouans ${unique()}`;
  const actor = await created('/organisations', { network_id: TS, visibility: 'public', kind: 'association', name, commune_insee: '06084' });
  const found = ok(await get(`${API}/organisations${qs({ q: name })}`)).items;
  const item = found.find((o) => o.id === actor.id);
  assert.ok(item, `the new actor is found by its name: ${JSON.stringify(found)}`);
  assert.deepEqual(item.commune, { code: '06084', name: 'Mouans-Sartoux' });
  assert.deepEqual(item.departement, { code: '06', name: 'Alpes-Maritimes' });
  const without = await created('/organisations', { network_id: TS, visibility: 'public', kind: 'association', name: `Sans commune ${unique()}` });
  const bare = ok(await get(`${API}/organisations${qs({ q: without.name })}`)).items.find((o) => o.id === without.id);
  assert.equal(bare.commune, null);
  assert.equal((await commune('06084')).commune, null, 'a commune is not based in a commune');
});

test('each duplicate candidate carries its commune, identifiers, network, creation date and the relations the caller may read', async () => {
  const name = `Solidarité Valbonne ${unique()}`;
  const kept = await created('/organisations', { network_id: TS, visibility: 'public', kind: 'association', name, commune_insee: '06152' });
  const twin = await created('/organisations', {
    network_id: TS, visibility: 'public', kind: 'association', name, commune_insee: '06152', rna: `W06${String(Date.now()).slice(-7)}`,
  });
  await created('/relationships', { kind: 'member_of', from_id: twin.id, to_id: tsNode, network_id: TS, visibility: 'public' });
  await created('/relationships', { kind: 'board_seat', from_id: communes['06152'].id, to_id: twin.id, network_id: TS, visibility: 'private' });

  const [candidate, ...others] = ok(await get(`${API}/organisations/${kept.id}/duplicates`, as(TOKENS.staff))).items;
  assert.equal(others.length, 0);
  assert.equal(candidate.id, twin.id);
  assert.equal(candidate.reason, 'même nom dans la même commune');
  assert.equal(candidate.network, 'Territoires Solidaires');
  assert.deepEqual(candidate.commune, { insee_code: '06152', name: 'Valbonne' });
  assert.equal(candidate.rna, twin.rna);
  assert.equal(candidate.siren, null);
  assert.equal(candidate.created_at, twin.created_at);
  assert.equal(candidate.relationships_total, 2);

  const seenByOther = ok(await get(`${API}/organisations/${kept.id}/duplicates`, as(TOKENS.otherStaff))).items;
  assert.equal(seenByOther[0].relationships_total, 1, 'another network counts only the relations it may read');
});

test('a commune\'s neighbourhood without reference relations leaves out the other communes of its EPCI and keeps what networks recorded', async () => {
  const mouans = communes['06084'].id;
  const association = await created('/organisations', {
    network_id: TS, visibility: 'public', kind: 'association', name: `Voisins ${unique()}`, commune_insee: '06084',
  });
  await created('/relationships', { kind: 'board_seat', from_id: mouans, to_id: association.id, network_id: TS, visibility: 'public' });

  const all = ok(await get(`${API}/organisations/${mouans}/neighbourhood`, as(TOKENS.staff)));
  assert.ok(all.nodes.some((n) => n.id === communes['06095'].id), 'by default Peymeinade, of the same EPCI, is two relations away');
  assert.ok(all.edges.some((e) => e.reference === true), 'the COG memberships are marked as reference');

  const recorded = ok(await get(`${API}/organisations/${mouans}/neighbourhood${qs({ reference: 'false' })}`, as(TOKENS.staff)));
  assert.ok(recorded.nodes.some((n) => n.id === association.id), 'the recorded board seat stays');
  assert.ok(recorded.nodes.every((n) => n.category !== 'epci'), `no EPCI: ${JSON.stringify(recorded.nodes.map((n) => n.name))}`);
  assert.ok(recorded.edges.length > 0);
  assert.ok(recorded.edges.every((e) => e.reference === false), 'only relations networks recorded');
  assert.ok(recorded.nodes.length < all.nodes.length);

  const explicit = ok(await get(`${API}/organisations/${mouans}/neighbourhood${qs({ reference: 'true' })}`, as(TOKENS.staff)));
  assert.equal(explicit.nodes.length, all.nodes.length);
});

test('the neighbourhood\'s reference parameter is true or false, else a French 400 naming it', async () => {
  const mouans = communes['06084'].id;
  for (const value of ['oui', '1', 'TRUE']) {
    assertProblem(await get(`${API}/organisations/${mouans}/neighbourhood${qs({ reference: value })}`), 400, 'reference');
  }
});
