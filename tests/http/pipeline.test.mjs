// The engagement pipeline over HTTP (issue 9): a network's team moves a collectivité from first
// contact to collaboration and back, each move dated with who and why; reaching « adhésion »
// records its membership and leaving it ends it; the list filters and counts; another network,
// a member and anonymous callers are refused; bad input gets a French 400 naming the field.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertProblem, get, ok, qs, request, requireTokens, show, TOKENS } from './client.mjs';

requireTokens();

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const put = (path, json, token = TOKENS.staff) => request('PUT', `${API}${path}`, { json, ...as(token) });

let ts;
const communes = {};

async function commune(insee) {
  const found = ok(await get(`${API}/organisations${qs({ insee, category: 'commune' })}`));
  assert.equal(found.items.length, 1, insee);
  return found.items[0];
}

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  ts = networks.find((n) => n.name === 'Territoires Solidaires');
  for (const insee of ['06002', '06003', '06004', '83001']) communes[insee] = await commune(insee);
});

test('a move is answered with the stage and its history: who, when and why, moving back included', async () => {
  const target = communes['06002'];
  const path = `/pipeline/${ts.id}/${target.id}`;
  const first = ok(await put(path, { stage: 'prise_de_contact', reason: 'Appel au maire' }));
  assert.equal(first.stage, 'prise_de_contact');
  assert.equal(first.stage_label, 'Prise de contact');
  assert.equal(first.owner.email, 'staff@test.rrma.fr', 'whoever first moves it follows it');
  ok(await put(path, { stage: 'relation_echange', reason: 'Projet eau avec Kpalimé' }));
  const back = ok(await put(path, { stage: 'prise_de_contact', reason: 'Nouvelle équipe municipale' }));
  assert.deepEqual(back.history.map((h) => [h.from, h.to]), [
    ['relation_echange', 'prise_de_contact'], ['prise_de_contact', 'relation_echange'], ['non_contactee', 'prise_de_contact'],
  ]);
  assert.equal(back.history[0].reason, 'Nouvelle équipe municipale');
  assert.equal(back.history[0].by.email, 'staff@test.rrma.fr');
  assert.match(back.history[0].at, /^\d{4}-\d\d-\d\dT/);
  const shown = ok(await get(`${API}${path}`, as(TOKENS.staff)));
  assert.deepEqual(shown.history, back.history);
});

test('reaching adhesion records the membership of the network, and moving back before it withdraws it', async () => {
  const target = communes['06003'];
  const memberships = async () =>
    ok(await get(`${API}/relationships${qs({ organisation: target.id, kind: 'member_of' })}`, as(TOKENS.staff))).items
      .filter((r) => r.to.id === ts.organisation_id && r.end_date === null);
  const joined = ok(await put(`/pipeline/${ts.id}/${target.id}`, { stage: 'adhesion', reason: 'Délibération du conseil' }));
  assert.equal(joined.member, true);
  assert.equal((await memberships()).length, 1);
  const left = ok(await put(`/pipeline/${ts.id}/${target.id}`, { stage: 'prise_de_contact', reason: 'Erreur' }));
  assert.equal(left.member, false);
  assert.equal((await memberships()).length, 0);
});

test('recording a membership elsewhere moves the collectivité to adhesion', async () => {
  const target = communes['83001'];
  const res = await request('POST', `${API}/relationships`, {
    json: { kind: 'member_of', from_id: target.id, to_id: ts.organisation_id, network_id: ts.id, visibility: 'private' },
    ...as(TOKENS.staff),
  });
  assert.equal(res.status, 201, show(res));
  const shown = ok(await get(`${API}/pipeline/${ts.id}/${target.id}`, as(TOKENS.staff)));
  assert.equal(shown.stage, 'adhesion');
  assert.equal(shown.history[0].reason, 'Adhésion au réseau enregistrée');
  assert.equal(shown.owner.email, 'staff@test.rrma.fr', 'who recorded the membership follows it');
});

test('the list filters by stage and département, counts every stage, and exports to CSV', async () => {
  ok(await put(`/pipeline/${ts.id}/${communes['06004'].id}`, { stage: 'collaboration', reason: 'Clé en main déposé' }));
  const list = ok(await get(`${API}/pipeline${qs({ network: ts.id, departement: '06', stage: 'collaboration' })}`, as(TOKENS.staff)));
  assert.ok(list.items.some((item) => item.organisation.insee_code === '06004'), JSON.stringify(list.items));
  assert.ok(list.items.every((item) => item.stage === 'collaboration' && item.organisation.departement_code === '06'));
  assert.equal(typeof list.by_stage.prise_de_contact, 'number');
  assert.ok(list.by_stage.collaboration >= 1);
  const csv = await get(`${API}/pipeline${qs({ network: ts.id, format: 'csv' })}`, as(TOKENS.staff));
  assert.equal(csv.status, 200);
  assert.match(csv.text ?? '', /^\uFEFF?Collectivité;Code INSEE;Catégorie;Population;Département;Étape;Adhérente;Suivie par/);
});

test('another network, a member and an anonymous caller are refused', async () => {
  const path = `/pipeline/${ts.id}/${communes['06002'].id}`;
  assertProblem(await put(path, { stage: 'collaboration' }, TOKENS.otherStaff), 403);
  assertProblem(await get(`${API}${path}`, as(TOKENS.otherStaff)), 403);
  assertProblem(await get(`${API}/pipeline${qs({ network: ts.id })}`, as(TOKENS.member)), 403);
  assertProblem(await get(`${API}/pipeline${qs({ network: ts.id })}`), 401);
  assertProblem(await put(path, { stage: 'collaboration' }, null), 401);
});

test('bad input gets a French 400 naming the field, and nothing is moved', async () => {
  const target = communes['06002'];
  const path = `/pipeline/${ts.id}/${target.id}`;
  const before = ok(await get(`${API}${path}`, as(TOKENS.staff)));
  const unknown = assertProblem(await put(path, { stage: 'signee' }), 400, 'stage');
  assert.match(unknown.errors[0].message, /^Étape inconnue/);
  assertProblem(await put(path, {}), 400, 'stage');
  assertProblem(await put(path, { stage: 'adhesion', reason: 'a\u0007b' }), 400, 'reason');
  assertProblem(await put(path, { stage: 'adhesion', reason: 'x'.repeat(1001) }), 400, 'reason');
  const both = assertProblem(await put(path, { stage: 'inconnue', reason: 12 }), 400);
  assert.deepEqual(both.errors.map((e) => e.field).sort(), ['reason', 'stage']);
  assertProblem(await put(path, { stage: 'adhesion', owner_id: 987654 }), 400, 'owner_id');
  assertProblem(await put(path, { stage: 'adhesion', extra: 1 }), 400, 'extra');
  assertProblem(await put(`/pipeline/${ts.id}/${ts.organisation_id}`, { stage: 'adhesion' }), 400, 'organisation_id');
  assertProblem(await put(`/pipeline/${ts.id}/987654321`, { stage: 'adhesion' }), 404);
  assertProblem(await put(`/pipeline/987654/${target.id}`, { stage: 'adhesion' }), 404);
  assertProblem(await put(`/pipeline/abc/${target.id}`, { stage: 'adhesion' }), 400);
  assertProblem(await get(`${API}/pipeline${qs({ network: ts.id, stage: 'x', departement: '999', population_max: '-1' })}`, as(TOKENS.staff)), 400,
    ['stage', 'departement', 'population_max']);
  assertProblem(await get(`${API}/pipeline`, as(TOKENS.staff)), 400, 'network');
  assert.deepEqual(ok(await get(`${API}${path}`, as(TOKENS.staff))).history, before.history, 'nothing was moved');
});

test('moves sent at once leave one membership and one change, on either engine', async () => {
  const target = ok(await get(`${API}/organisations${qs({ insee: '06005', category: 'commune' })}`)).items[0];
  const path = `/pipeline/${ts.id}/${target.id}`;
  const answers = await Promise.all(Array.from({ length: 16 }, () => put(path, { stage: 'adhesion', reason: 'En même temps' })));
  assert.ok(answers.every((res) => res.status === 200), answers.map((res) => res.status).join(' '));
  const shown = ok(await get(`${API}${path}`, as(TOKENS.staff)));
  assert.equal(shown.history.length, 1, JSON.stringify(shown.history));
  const memberships = ok(await get(`${API}/relationships${qs({ organisation: target.id, kind: 'member_of' })}`, as(TOKENS.staff))).items
    .filter((r) => r.to.id === ts.organisation_id);
  assert.equal(memberships.length, 1);
});
