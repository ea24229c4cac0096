// Accompaniment records over HTTP (issue 9): a network's team records a call with a commune and
// a person, with a next action for a colleague; a due date in the past is accepted and flagged;
// « Mes relances » lists the caller's next actions; another network's private record is a 404;
// every bad field is named in French and nothing is written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertProblem, get, ok, post, qs, request, requireTokens, show, TOKENS } from './client.mjs';

requireTokens();

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const create = (body, token = TOKENS.staff) => post(`${API}/interactions`, body, as(token));
const made = (res) => {
  assert.equal(res.status, 201, show(res));
  return res.body;
};
const patch = (id, body, token = TOKENS.staff) => request('PATCH', `${API}/interactions/${id}`, { json: body, ...as(token) });

let ts;
let me;
let mouans;
let valbonne;

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  ts = networks.find((n) => n.name === 'Territoires Solidaires');
  me = ok(await get(`${API}/me`, as(TOKENS.staff)));
  mouans = ok(await get(`${API}/organisations${qs({ insee: '06084', category: 'commune' })}`)).items[0];
  valbonne = ok(await get(`${API}/organisations${qs({ insee: '06152', category: 'commune' })}`)).items[0];
});

const base = () => ({
  network_id: ts.id, visibility: 'private', date: '2026-11-20', type: 'prise_de_contact',
  subject: 'Appel au maire de Mouans-Sartoux', organisation_ids: [mouans.id],
});

test('a record is created with its parties and next action, read back, changed and deleted', async () => {
  const res = await create({
    ...base(), notes: 'Intéressé par la coopération avec le Togo.\nRappeler après le conseil.',
    next_action: { description: 'Envoyer la fiche Clé en main', due_date: '2099-01-15', owner_id: me.id },
  });
  assert.equal(res.status, 201, show(res));
  const created = res.body;
  assert.equal(res.headers.get('location'), `/api/v1/interactions/${created.id}`);
  assert.equal(created.type_label, 'Prise de contact');
  assert.deepEqual(created.organisations, [{ id: mouans.id, name: mouans.name }]);
  assert.equal(created.next_action.owner.email, 'staff@test.rrma.fr');
  assert.equal(created.next_action.overdue, false);
  assert.equal(created.author.email, 'staff@test.rrma.fr');
  assert.equal(created.permissions.edit, true);

  const listed = ok(await get(`${API}/interactions${qs({ organisation: mouans.id })}`, as(TOKENS.staff)));
  assert.ok(listed.items.some((i) => i.id === created.id));
  const changed = ok(await patch(created.id, { organisation_ids: [mouans.id, valbonne.id], next_action_done: true }));
  assert.equal(changed.organisations.length, 2);
  assert.match(changed.next_action.done_at, /^\d{4}-/);
  const removed = await request('DELETE', `${API}/interactions/${created.id}`, as(TOKENS.staff));
  assert.equal(removed.status, 204);
  assertProblem(await get(`${API}/interactions/${created.id}`, as(TOKENS.staff)), 404);
});

test('a due date in the past is accepted, flagged overdue, and listed first in « Mes relances »', async () => {
  const created = made(await create({ ...base(), next_action: { description: 'Relancer la DGS', due_date: '2020-01-10', owner_id: me.id } }));
  assert.equal(created.next_action.overdue, true);
  const relances = ok(await get(`${API}/me/relances`, as(TOKENS.staff)));
  assert.match(relances.today, /^\d{4}-\d\d-\d\d$/);
  assert.ok(relances.overdue.some((i) => i.id === created.id), JSON.stringify(relances.overdue.map((i) => i.id)));
  assert.ok(relances.overdue.every((i) => i.next_action.overdue));
  const theirs = ok(await get(`${API}/me/relances`, as(TOKENS.otherStaff)));
  assert.ok(!theirs.overdue.some((i) => i.id === created.id));
  assert.ok(Array.isArray(theirs.dormant));
});

test("another network's private organisation is a 404, and its team sees nothing of a private record", async () => {
  const theirs = made(await post(`${API}/organisations`, {
    network_id: (await get(`${API}/me`, as(TOKENS.otherStaff))).body.roles[0].network.id, visibility: 'private',
    kind: 'association', name: `Association privée de RESACOOP ${Date.now()}`,
  }, as(TOKENS.otherStaff)));
  assertProblem(await create({ ...base(), organisation_ids: [mouans.id, theirs.id] }), 404);
  const ours = made(await create(base()));
  assertProblem(await get(`${API}/interactions/${ours.id}`, as(TOKENS.otherStaff)), 404);
  assertProblem(await patch(ours.id, { subject: 'Volé' }, TOKENS.otherStaff), 404);
  assertProblem(await get(`${API}/interactions/${ours.id}`), 404);
  assertProblem(await create(base(), TOKENS.otherStaff), 403);
  assertProblem(await create(base(), null), 401);
});

test('bad input is named field by field in French, and nothing is written', async () => {
  const before = ok(await get(`${API}/interactions${qs({ network: ts.id, per_page: 1 })}`, as(TOKENS.staff))).total;
  const many = assertProblem(await create({
    network_id: ts.id, visibility: 'private', date: '2026-02-30', type: 'dejeuner', subject: '',
    organisation_ids: [mouans.id, mouans.id], next_action: { description: 'x', due_date: 'demain', color: 'rouge' },
  }), 400);
  const fields = many.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['date', 'next_action.color', 'next_action.due_date', 'organisation_ids[1]', 'subject', 'type'].sort(), JSON.stringify(many.errors));
  assert.match(many.errors.find((e) => e.field === 'date').message, /inexistante/);
  assertProblem(await create({ ...base(), organisation_ids: [] }), 400, 'organisation_ids');
  assertProblem(await create({ ...base(), next_action: 'demain' }), 400, 'next_action');
  assertProblem(await create({ ...base(), next_action: { due_date: '2027-01-01' } }), 400, 'next_action.description');
  assertProblem(await create({ ...base(), next_action: { description: 'Rappeler', owner_id: 987654 } }), 400, 'next_action.owner_id');
  assertProblem(await create({ ...base(), organisation_ids: Array.from({ length: 51 }, (_, i) => i + 1) }), 400, 'organisation_ids');
  assertProblem(await create({ ...base(), subject: 'x'.repeat(301) }), 400, 'subject');
  assertProblem(await get(`${API}/interactions${qs({ from: '2026-03-01', to: '2026-01-01' })}`, as(TOKENS.staff)), 400, 'to');
  assertProblem(await get(`${API}/interactions${qs({ type: 'dejeuner' })}`, as(TOKENS.staff)), 400, 'type');
  const after = ok(await get(`${API}/interactions${qs({ network: ts.id, per_page: 1 })}`, as(TOKENS.staff))).total;
  assert.equal(after, before);
});

test('the list exports to CSV with the French type', async () => {
  made(await create({ ...base(), type: 'appui_juridique', subject: 'Dépôt du dossier FICOL' }));
  const csv = await get(`${API}/interactions${qs({ network: ts.id, type: 'appui_juridique', format: 'csv' })}`, as(TOKENS.staff));
  assert.equal(csv.status, 200);
  assert.match(csv.text, /^\uFEFF?Date;Type;Objet;Organisations;Personnes;Réseau;Prochaine action;Échéance;Compte rendu/);
  assert.match(csv.text, /Appui juridique;Dépôt du dossier FICOL;Mouans-Sartoux/);
});

test('a filter on a private organisation or person tells nothing of it, and exports ask to sign in', async () => {
  const privateAssociation = made(await post(`${API}/organisations`, {
    network_id: ts.id, visibility: 'private', kind: 'association', name: `Association discrète ${Date.now()}`,
  }, as(TOKENS.staff)));
  const person = made(await post(`${API}/persons`, {
    network_id: ts.id, visibility: 'private', given_name: 'Camille', family_name: `Discrète ${Date.now()}`,
  }, as(TOKENS.staff)));
  made(await create({ ...base(), visibility: 'public', organisation_ids: [mouans.id, privateAssociation.id], person_ids: [person.id] }));
  const unknown = ok(await get(`${API}/interactions${qs({ organisation: 987654321 })}`));
  assert.equal(unknown.total, 0);
  assert.equal(ok(await get(`${API}/interactions${qs({ organisation: privateAssociation.id })}`)).total, 0);
  assert.equal(ok(await get(`${API}/interactions${qs({ person: person.id })}`, as(TOKENS.otherStaff))).total, 0);
  assert.ok(ok(await get(`${API}/interactions${qs({ organisation: privateAssociation.id })}`, as(TOKENS.staff))).total >= 1);
  assertProblem(await get(`${API}/interactions${qs({ format: 'csv' })}`), 401);
});

test("a public record shows the public neither the team's emails nor the parties it may not read", async () => {
  const record = made(await create({ ...base(), visibility: 'public', next_action: { description: 'Rappeler', owner_id: me.id } }));
  const seen = ok(await get(`${API}/interactions/${record.id}`));
  assert.equal(seen.author, null);
  assert.equal(seen.next_action.owner, null);
  assert.equal(seen.next_action.description, 'Rappeler');
  const team = ok(await get(`${API}/interactions/${record.id}`, as(TOKENS.otherStaff)));
  assert.equal(team.author.email, 'staff@test.rrma.fr');
});
