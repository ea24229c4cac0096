// Events over HTTP (issue 9), on the model of the MAS biennial meeting of seed 000: the
// association organises, three communes attend, the network takes part. The team records it,
// marks who came, links an accompaniment record to it, exports it to a calendar (with the time
// zone of the place, overseas included) and its participants to a spreadsheet; another network's
// team never sees a private event; every bad field is named in French and nothing is written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertProblem, get, ok, post, qs, request, requireTokens, show, TOKENS } from './client.mjs';

requireTokens();

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const create = (body, token = TOKENS.staff) => post(`${API}/events`, body, as(token));
const made = (res) => {
  assert.equal(res.status, 201, show(res));
  return res.body;
};
const patch = (id, body, token = TOKENS.staff) => request('PATCH', `${API}/events/${id}`, { json: body, ...as(token) });
const fields = (res) => (res.body.errors ?? []).map((e) => e.field);

let ts;
let association;
const communes = {};

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  ts = networks.find((n) => n.name === 'Territoires Solidaires');
  for (const [name, insee] of [['mouans', '06084'], ['valbonne', '06152'], ['greolieres', '06069']]) {
    communes[name] = ok(await get(`${API}/organisations${qs({ insee, category: 'commune' })}`)).items[0];
  }
  association = made(await post(`${API}/organisations`, {
    network_id: ts.id, visibility: 'network', kind: 'association', name: `Maison des associations solidaires ${Date.now()}`,
  }, as(TOKENS.staff)));
});

const mas = () => ({
  network_id: ts.id, visibility: 'private', kind: 'rencontre', title: 'Rencontre biennale de la MAS',
  theme: 'Coopération décentralisée et jeunesse', starts_at: '2026-12-03T14:00', ends_at: '2026-12-03T17:30',
  place: 'Salle des fêtes, Gréolières', departement: '06',
  organisations: [
    { id: association.id, role: 'organisateur', attendance: 'present' },
    { id: communes.mouans.id, attendance: 'inscrit' },
    { id: communes.valbonne.id, attendance: 'inscrit' },
    { id: communes.greolieres.id },
  ],
});

test('the MAS meeting is recorded with its organiser and three communes, then attendance is marked', async () => {
  const res = await create(mas());
  const event = made(res);
  assert.equal(res.headers.get('location'), `/api/v1/events/${event.id}`);
  assert.equal(event.kind_label, 'Rencontre');
  assert.equal(event.time_zone, 'Europe/Paris');
  assert.equal(event.organisations.length, 4);
  assert.equal(event.organisations[0].id, association.id, 'the organiser comes first');
  assert.equal(event.organisations[0].role_label, 'Organisateur');
  assert.equal(event.organisations.find((o) => o.id === communes.greolieres.id).attendance, 'invite');
  assert.equal(event.permissions.edit, true);

  const marked = ok(await patch(event.id, {
    organisations: event.organisations.map((o) => ({
      id: o.id, role: o.role, attendance: o.id === communes.greolieres.id ? 'excuse' : 'present',
    })),
  }));
  assert.deepEqual(marked.organisations.map((o) => o.attendance_label).sort(), ['Excusé', 'Présent', 'Présent', 'Présent']);
  // Other tests put Valbonne in their events: the association is this file's own.
  const listed = ok(await get(`${API}/events${qs({ organisation: association.id, from: '2026-12-01', per_page: 100 })}`, as(TOKENS.staff)));
  assert.ok(listed.items.some((e) => e.id === event.id));
  const before = ok(await get(`${API}/events${qs({ organisation: association.id, to: '2026-12-02', per_page: 100 })}`, as(TOKENS.staff)));
  assert.ok(!before.items.some((e) => e.id === event.id), 'to compares the start date');
});

test('an accompaniment record is linked to the event and listed on it; deleting the event keeps the record', async () => {
  const event = made(await create(mas()));
  const record = made(await post(`${API}/interactions`, {
    network_id: ts.id, visibility: 'private', date: '2026-11-25', type: 'evenement', subject: 'Préparation de la rencontre',
    organisation_ids: [association.id], event_id: event.id,
  }, as(TOKENS.staff)));
  assert.deepEqual(record.event, { id: event.id, title: 'Rencontre biennale de la MAS', starts_at: '2026-12-03T14:00' });
  const shown = ok(await get(`${API}/events/${event.id}`, as(TOKENS.staff)));
  assert.deepEqual(shown.interactions.map((i) => i.id), [record.id]);
  const byEvent = ok(await get(`${API}/interactions${qs({ event: event.id })}`, as(TOKENS.staff)));
  assert.deepEqual(byEvent.items.map((i) => i.id), [record.id]);
  assert.equal((await request('DELETE', `${API}/events/${event.id}`, as(TOKENS.staff))).status, 204);
  const kept = ok(await get(`${API}/interactions/${record.id}`, as(TOKENS.staff)));
  assert.equal(kept.event, null);
});

test('the calendar file carries the time zone of the place: Europe/Paris, or Réunion overseas', async () => {
  const event = made(await create(mas()));
  const res = await get(`${API}/events/${event.id}/ical`, as(TOKENS.staff));
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type'), /^text\/calendar/);
  assert.match(res.headers.get('content-disposition'), /evenement-\d+\.ics/);
  assert.match(res.text, /BEGIN:VCALENDAR\r\n/);
  assert.match(res.text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
  assert.match(res.text, /DTSTART;TZID=Europe\/Paris:20261203T140000/);
  assert.match(res.text, /SUMMARY:Rencontre biennale de la MAS/);
  const reunion = made(await create({ ...mas(), title: 'Table ronde à Saint-Denis', kind: 'table_ronde', departement: '974', organisations: [] }));
  assert.equal(reunion.time_zone, 'Indian/Reunion');
  const ics = (await get(`${API}/events/${reunion.id}/ical`, as(TOKENS.staff))).text;
  assert.match(ics, /DTSTART;TZID=Indian\/Reunion:20261203T140000/);
  assert.doesNotMatch(ics, /BEGIN:DAYLIGHT/, 'Réunion has no summer time');
});

test('the participants are exported as CSV with their role and attendance, for signed-in callers', async () => {
  const event = made(await create({ ...mas(), visibility: 'public' }));
  const res = await get(`${API}/events/${event.id}/participants${qs({ format: 'csv' })}`, as(TOKENS.staff));
  assert.equal(res.status, 200, show(res));
  const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Type;Nom;Rôle;Présence');
  assert.equal(lines.length, 5);
  assert.ok(lines.some((l) => l.startsWith('Organisation;') && l.includes('Organisateur;Présent')));
  assertProblem(await get(`${API}/events/${event.id}/participants${qs({ format: 'csv' })}`), 401);
  assertProblem(await get(`${API}/events/${event.id}/participants`, as(TOKENS.staff)), 400, 'format');
  const xlsx = await get(`${API}/events/${event.id}/participants${qs({ format: 'xlsx' })}`, as(TOKENS.staff));
  assert.equal(xlsx.status, 200);
  const list = await get(`${API}/events${qs({ network: ts.id, format: 'csv' })}`, as(TOKENS.staff));
  assert.equal(list.status, 200, show(list));
  assert.match(list.text, /Début;Fin;Fuseau;Type;Titre/);
});

test('a list names the first 20 parties of each event and counts them all; the event itself names every one', async () => {
  // A large public meeting: MAS organises, 29 communes of the Alpes-Maritimes attend, 5 came.
  const found = ok(await get(`${API}/organisations${qs({ departement: '06', category: 'commune', per_page: 29 })}`)).items;
  assert.equal(found.length, 29);
  const day = '2027-03-18';
  const event = made(await create({
    ...mas(), visibility: 'public', title: `Assises des communes des Alpes-Maritimes ${Date.now()}`,
    starts_at: `${day}T09:00`, ends_at: `${day}T17:00`,
    organisations: [
      { id: association.id, role: 'organisateur', attendance: 'present' },
      ...found.map((c, k) => ({ id: c.id, attendance: k < 4 ? 'present' : 'inscrit' })),
    ],
  }));
  assert.equal(event.organisations.length, 30, 'the event alone names every party');
  assert.deepEqual(event.counts, { organisations: 30, persons: 0, participants: 29, present: 5, interactions: 0 });

  const listed = ok(await get(`${API}/events${qs({ from: day, to: day })}`, as(TOKENS.staff))).items
    .find((e) => e.id === event.id);
  assert.equal(listed.organisations.length, 20);
  assert.equal(listed.organisations[0].id, association.id, 'organisers first');
  assert.deepEqual(listed.counts, event.counts);

  // Filtered by a commune far down the names, the list names that commune first, with its attendance.
  const last = event.organisations.at(-1);
  const byCommune = ok(await get(`${API}/events${qs({ organisation: last.id, from: day, to: day })}`, as(TOKENS.staff))).items;
  assert.deepEqual(byCommune.map((e) => e.id), [event.id]);
  assert.equal(byCommune[0].organisations.length, 20);
  assert.deepEqual(byCommune[0].organisations[0], last);
  // Anonymous callers count only what they may read: the association is its network's.
  const anonymous = ok(await get(`${API}/events${qs({ from: day, to: day })}`)).items.find((e) => e.id === event.id);
  assert.deepEqual(anonymous.counts, { organisations: 29, persons: 0, participants: 29, present: 4, interactions: 0 });

  const csv = await get(`${API}/events${qs({ network: ts.id, from: day, to: day, format: 'csv' })}`, as(TOKENS.staff));
  assert.equal(csv.status, 200, show(csv));
  const row = csv.text.split('\r\n').find((l) => l.includes(event.title));
  assert.match(row, /;Maison des associations solidaires \d+;29;5;Territoires Solidaires$/);
});

test("another network's team never sees a private event, and may not change a shared one", async () => {
  const event = made(await create(mas()));
  assertProblem(await get(`${API}/events/${event.id}`, as(TOKENS.otherStaff)), 404);
  assertProblem(await get(`${API}/events/${event.id}/ical`, as(TOKENS.otherStaff)), 404);
  assertProblem(await get(`${API}/events/${event.id}/ical`), 404);
  const theirs = ok(await get(`${API}/events${qs({ per_page: 100 })}`, as(TOKENS.otherStaff)));
  assert.ok(!theirs.items.some((e) => e.id === event.id));
  const shared = made(await create({ ...mas(), visibility: 'network' }));
  assertProblem(await patch(shared.id, { title: 'Pris' }, TOKENS.otherStaff), 403);
  assertProblem(await create({ ...mas() }, TOKENS.otherStaff), 403);
});

test('a private organisation of another network is a 404 as a participant, and a hidden one stays on a change', async () => {
  const otherNetwork = (await get(`${API}/me`, as(TOKENS.otherStaff))).body.roles[0].network.id;
  const hidden = made(await post(`${API}/organisations`, {
    network_id: otherNetwork, visibility: 'private', kind: 'association', name: `Association privée de RESACOOP ${Date.now()}`,
  }, as(TOKENS.otherStaff)));
  assertProblem(await create({ ...mas(), organisations: [{ id: hidden.id }] }), 404);
  // The national admin reads everything and adds it; the own team's change of the list keeps it.
  const event = made(await create(mas()));
  const withHidden = ok(await patch(event.id, {
    organisations: [...event.organisations.map(({ id, role, attendance }) => ({ id, role, attendance })), { id: hidden.id }],
  }, TOKENS.admin));
  assert.equal(withHidden.organisations.length, 5);
  const seen = ok(await get(`${API}/events/${event.id}`, as(TOKENS.staff)));
  assert.equal(seen.organisations.length, 4, 'the hidden organisation is not shown to the own team');
  ok(await patch(event.id, { organisations: [{ id: association.id, role: 'organisateur', attendance: 'present' }] }));
  const kept = ok(await get(`${API}/events/${event.id}`, as(TOKENS.admin)));
  assert.deepEqual(kept.organisations.map((o) => o.id).sort(), [association.id, hidden.id].sort());
});

test('every bad field is named in French and nothing is written', async () => {
  const count = async () => (await get(`${API}/events${qs({ network: ts.id, per_page: 1 })}`, as(TOKENS.staff))).body.total;
  const start = await count();
  const cases = [
    [{ ...mas(), ends_at: '2026-12-03T13:00' }, ['ends_at']],
    [{ ...mas(), ends_at: '2027-02-03T13:00' }, ['ends_at']],
    [{ ...mas(), starts_at: '2026-12-03 14:00' }, ['starts_at']],
    [{ ...mas(), starts_at: '2026-02-30T14:00' }, ['starts_at']],
    [{ ...mas(), kind: 'kermesse' }, ['kind']],
    [{ ...mas(), title: '   ' }, ['title']],
    [{ ...mas(), title: 'x'.repeat(301) }, ['title']],
    [{ ...mas(), departement: '200' }, ['departement']],
    ...['00', '20', '99', '979', '984', '989'].map((code) => [{ ...mas(), departement: code }, ['departement']]),
    [{ ...mas(), visibility: 'secret' }, ['visibility']],
    [{ ...mas(), organisations: [{ id: communes.mouans.id }, { id: communes.mouans.id }] }, ['organisations[1].id']],
    [{ ...mas(), organisations: [{ id: communes.mouans.id, attendance: 'venu', role: 'hote' }] },
      ['organisations[0].role', 'organisations[0].attendance']],
    [{ ...mas(), organisations: [{ id: 'un' }] }, ['organisations[0].id']],
    [{ ...mas(), organisations: [{ attendance: 'present' }] }, ['organisations[0].id']],
    [{ ...mas(), organisations: [{ id: communes.mouans.id, extra: 1 }] }, ['organisations[0].extra']],
    [{ ...mas(), organisations: ['un'] }, ['organisations[0]']],
    [{ ...mas(), persons: [{ id: 1, role: 'organisateur' }] }, ['persons[0].role']],
    [{ ...mas(), organisations: Array.from({ length: 501 }, (_, i) => ({ id: i + 1 })) }, ['organisations']],
    [{ ...mas(), starts_at: 20261203 }, ['starts_at']],
    [{ ...mas(), surprise: true }, ['surprise']],
    [{ network_id: ts.id }, ['visibility', 'kind', 'title', 'starts_at', 'ends_at']],
  ];
  for (const [body, expected] of cases) {
    const res = await create(body);
    assertProblem(res, 400);
    for (const field of expected) assert.ok(fields(res).includes(field), `${field} in ${show(res)}`);
  }
  assertProblem(await create({ ...mas(), organisations: [{ id: 999999999 }] }), 404);
  assertProblem(await get(`${API}/events${qs({ kind: 'kermesse' })}`), 400, 'kind');
  assertProblem(await get(`${API}/events${qs({ from: '2026-13-01' })}`), 400, 'from');
  assertProblem(await get(`${API}/events${qs({ from: '2026-12-01', to: '2026-11-01' })}`), 400, 'to');
  assertProblem(await get(`${API}/events/abc`), 400);
  assertProblem(await get(`${API}/events/999999999`), 404);
  const event = made(await create(mas()));
  const late = await patch(event.id, { starts_at: '2026-12-04T09:00' });
  assertProblem(late, 400, 'ends_at');
  assertProblem(await patch(event.id, { network_id: ts.id + 1 }), 400, 'network_id');
  // A required field sent null or empty is refused, never cleared nor ignored in silence.
  for (const field of ['title', 'kind', 'visibility', 'starts_at', 'ends_at']) {
    assertProblem(await patch(event.id, { [field]: null }), 400, field);
    assertProblem(await patch(event.id, { [field]: '' }), 400, field);
  }
  assert.equal(await count(), start + 1);
  const unchanged = ok(await get(`${API}/events/${event.id}`, as(TOKENS.staff)));
  assert.equal(unchanged.starts_at, '2026-12-03T14:00');
});

test('an interaction may not name an event of another network, nor one it cannot read', async () => {
  const event = made(await create(mas()));
  const otherNetwork = (await get(`${API}/me`, as(TOKENS.otherStaff))).body.roles[0].network.id;
  const theirs = made(await create({ ...mas(), network_id: otherNetwork, visibility: 'network', organisations: [] }, TOKENS.otherStaff));
  const record = (event_id) => post(`${API}/interactions`, {
    network_id: ts.id, visibility: 'private', date: '2026-11-25', type: 'evenement', subject: 'Compte rendu',
    organisation_ids: [communes.mouans.id], event_id,
  }, as(TOKENS.staff));
  assertProblem(await record(theirs.id), 400, 'event_id');
  const privateTheirs = made(await create({ ...mas(), network_id: otherNetwork, organisations: [] }, TOKENS.otherStaff));
  assertProblem(await record(privateTheirs.id), 404);
  assertProblem(await record('un'), 400, 'event_id');
  assertProblem(await record(0), 400, 'event_id');
  const linked = made(await record(event.id));
  const unlinked = ok(await request('PATCH', `${API}/interactions/${linked.id}`, { json: { event_id: null }, ...as(TOKENS.staff) }));
  assert.equal(unlinked.event, null);
});
