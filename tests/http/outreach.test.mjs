// The directory's own rows and the finders over HTTP (issue 8): the seed scenario of seed 000 —
// MAS, a member association of Territoires Solidaires active in Togo and Bénin, has Mouans-Sartoux,
// Peymeinade and Valbonne on its CA — reached through MAS by the outreach finder and proposed as a
// consortium, while RESACOOP's staff see none of it as long as MAS and its seats are private.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, API, get, post, request, qs, ok, show, assertProblem, TOKENS, requireTokens, unique } from './client.mjs';

requireTokens();

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const patch = (path, json, token) => request('PATCH', path, { json, ...as(token) });

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

/** MAS (a fresh name each run), member of TS, with the three communes on its CA, at the given visibility. */
async function seedScenario(visibility) {
  const name = `Méditerranée Afrique Solidarité ${unique()}`;
  const mas = await created('/organisations', {
    network_id: TS, visibility, kind: 'association', name, acronym: 'MAS',
    commune_insee: '06084', countries: ['TG', 'BJ'], themes: ['Santé', 'Éducation'],
  });
  await created('/relationships', { kind: 'member_of', from_id: mas.id, to_id: tsNode, network_id: TS, visibility });
  for (const insee of ['06084', '06095', '06152']) {
    await created('/relationships', { kind: 'board_seat', from_id: communes[insee].id, to_id: mas.id, role: 'membre', network_id: TS, visibility, start_date: '2019-01-01' });
  }
  return { mas, name };
}

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  const ts = networks.find((n) => n.name === 'Territoires Solidaires');
  TS = ts.id;
  tsNode = ts.organisation_id;
  assert.equal(typeof tsNode, 'number', 'each network has its organisation record');
  for (const insee of ['06084', '06095', '06152']) communes[insee] = await commune(insee);
});

test('the outreach finder lists the three communes through MAS with the sentence of seed 000, and RESACOOP sees none of it', async () => {
  const { mas, name } = await seedScenario('private');
  const res = ok(await get(`${API}/outreach${qs({ network: TS, via: mas.id, per_page: 200 })}`, as(TOKENS.staff)));
  const byInsee = Object.fromEntries(res.items.map((item) => [item.target.insee_code, item]));
  for (const insee of ['06084', '06095', '06152']) {
    const item = byInsee[insee];
    assert.ok(item, `${insee} is reached through MAS: ${JSON.stringify(res.items.map((i) => i.target.name))}`);
    assert.equal(item.paths[0].intermediaries[0].id, mas.id);
    assert.equal(item.paths[0].connector, 'acteur_local');
  }
  assert.equal(byInsee['06095'].paths[0].explanation,
    `Peymeinade siège au CA de ${name} (MAS), association adhérente de Territoires Solidaires, active au Togo et au Bénin.`);

  const consortia = ok(await get(`${API}/consortia${qs({ network: TS, departement: '06', per_page: 200 })}`, as(TOKENS.staff)));
  const aroundMas = consortia.items.find((c) => c.connector.organisation?.id === mas.id);
  assert.ok(aroundMas, 'a consortium is proposed around MAS');
  assert.deepEqual(aroundMas.members.map((m) => m.name).sort(), ['Mouans-Sartoux', 'Peymeinade', 'Valbonne']);
  assert.match(aroundMas.explanation, /Territoires Solidaires/);

  // RESACOOP's staff: MAS, its seats and its name are nowhere.
  assertProblem(await get(`${API}/organisations/${mas.id}`, as(TOKENS.otherStaff)), 404);
  const relations = ok(await get(`${API}/relationships${qs({ organisation: communes['06095'].id, per_page: 200 })}`, as(TOKENS.otherStaff)));
  assert.ok(!JSON.stringify(relations).includes(name), 'no private relation shows to another network');
  assertProblem(await get(`${API}/outreach${qs({ network: TS })}`, as(TOKENS.otherStaff)), 403);
  const search = ok(await get(`${API}/organisations${qs({ q: name.split(' ').pop() })}`, as(TOKENS.otherStaff)));
  assert.equal(search.total, 0, 'a private actor is not found by another network');
  const own = ok(await get(`${API}/organisations${qs({ q: name.split(' ').pop() })}`, as(TOKENS.staff)));
  assert.equal(own.total, 1, 'the owning network finds its actor');
});

test('an ended board seat stops counting after its end date but the graph of an earlier date still has it', async () => {
  const { mas } = await seedScenario('private');
  const seats = ok(await get(`${API}/relationships${qs({ organisation: mas.id, kind: 'board_seat', per_page: 200 })}`, as(TOKENS.staff)));
  const valbonneSeat = seats.items.find((r) => r.from.id === communes['06152'].id);
  ok(await patch(`${API}/relationships/${valbonneSeat.id}`, { end_date: '2024-12-31' }, TOKENS.staff));
  const today = ok(await get(`${API}/outreach${qs({ network: TS, via: mas.id })}`, as(TOKENS.staff)));
  assert.ok(!today.items.some((i) => i.target.insee_code === '06152'), 'Valbonne no longer reached today');
  const before = ok(await get(`${API}/outreach${qs({ network: TS, via: mas.id, at: '2024-06-01' })}`, as(TOKENS.staff)));
  assert.ok(before.items.some((i) => i.target.insee_code === '06152'), 'Valbonne reached as of 2024-06-01');
});

test('an archived association opens no door and is restored with its relations', async () => {
  const { mas } = await seedScenario('private');
  const archived = ok(await patch(`${API}/organisations/${mas.id}`, { archived: true }, TOKENS.staff));
  assert.equal(archived.archived, true);
  const none = ok(await get(`${API}/outreach${qs({ network: TS, via: mas.id })}`, as(TOKENS.staff)));
  assert.equal(none.total, 0);
  ok(await patch(`${API}/organisations/${mas.id}`, { archived: false }, TOKENS.staff));
  const back = ok(await get(`${API}/outreach${qs({ network: TS, via: mas.id })}`, as(TOKENS.staff)));
  assert.equal(back.total, 3);
});

test('an actor is refused with a French error naming each bad field, and nothing is written', async () => {
  const name = `Association invalide ${unique()}`;
  const res = await post(`${API}/organisations`, {
    network_id: TS, visibility: 'secret', kind: 'martien', name, rna: 'X123', siren: '123456789',
    commune_insee: 'ABCDE', website: 'javascript:alert(1)', countries: ['ZZZ'], odd: [0, 18], themes: [''],
  }, as(TOKENS.staff));
  const problem = assertProblem(res, 400);
  const fields = problem.errors.map((e) => e.field);
  for (const field of ['visibility', 'kind', 'rna', 'siren', 'commune_insee', 'website', 'countries[0]', 'odd[0]', 'odd[1]', 'themes[0]']) {
    assert.ok(fields.includes(field), `${field} is named: ${fields}`);
  }
  const search = ok(await get(`${API}/organisations${qs({ q: name })}`, as(TOKENS.staff)));
  assert.equal(search.total, 0);
  assertProblem(await post(`${API}/organisations`, { network_id: TS, visibility: 'private', kind: 'association', name: 'Sans commune', commune_insee: '99999' }, as(TOKENS.staff)), 400, 'commune_insee');
  assertProblem(await post(`${API}/organisations`, { network_id: TS, visibility: 'private', kind: 'collectivite_etrangere', name: 'Commune de Kpalimé' }, as(TOKENS.staff)), 400, ['country_code', 'level']);
  assertProblem(await post(`${API}/organisations`, { network_id: TS, visibility: 'private', kind: 'association', name: 'x', themes: Array(21).fill('t') }, as(TOKENS.staff)), 400, 'themes');
});

test('the same RNA twice in the network is a conflict naming the first record', async () => {
  const rna = `W06${String(Date.now()).slice(-7)}`;
  const first = await created('/organisations', { network_id: TS, visibility: 'private', kind: 'association', name: `Asso ${unique()}`, rna });
  const again = assertProblem(await post(`${API}/organisations`, { network_id: TS, visibility: 'private', kind: 'association', name: 'Doublon', rna }, as(TOKENS.staff)), 409);
  assert.match(again.detail, new RegExp(String(first.id)));
  // Another network does not learn that the private RNA exists.
  const other = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'RESACOOP').id;
  const res = await post(`${API}/organisations`, { network_id: other, visibility: 'private', kind: 'association', name: 'Même RNA ailleurs', rna }, as(TOKENS.otherStaff));
  assert.equal(res.status, 201, show(res));
});

test('a relationship is refused with a French error for bad kinds, roles, dates and ends', async () => {
  const association = await created('/organisations', { network_id: TS, visibility: 'public', kind: 'association', name: `Asso ${unique()}` });
  const valbonne = communes['06152'].id;
  const base = { kind: 'board_seat', from_id: valbonne, to_id: association.id, network_id: TS, visibility: 'private' };
  const bad = async (body, field) => assertProblem(await post(`${API}/relationships`, { ...base, ...body }, as(TOKENS.staff)), 400, field);
  await bad({ kind: 'ami_de' }, 'kind');
  await bad({ role: 'roi' }, 'role');
  await bad({ start_date: '2024-05-01', end_date: '2023-01-01' }, 'end_date');
  await bad({ start_date: '2024-02-30' }, 'start_date');
  await bad({ to_id: valbonne }, 'to_id');
  await bad({ to_id: communes['06084'].id }, 'to_id');
  await bad({ to_id: 999999999 }, 'to_id');
  await bad({ kind: 'member_of', role: 'president' }, 'role');
  await bad({ themes: ['eau'] }, 'themes');
  const first = await created('/relationships', base);
  assert.equal(first.role, 'membre', 'a seat without role is a membre');
  assertProblem(await post(`${API}/relationships`, base, as(TOKENS.staff)), 409);
  // Two seats of different periods are two relations.
  await created('/relationships', { ...base, start_date: '2010-01-01', end_date: '2014-12-31' });
});

test('the finders ask for a network and a valid date, and answer anonymous callers 401', async () => {
  assertProblem(await get(`${API}/outreach`, as(TOKENS.staff)), 400, 'network');
  assertProblem(await get(`${API}/outreach${qs({ network: TS, at: '2024-13-01' })}`, as(TOKENS.staff)), 400, 'at');
  assertProblem(await get(`${API}/outreach${qs({ network: TS, departement: 'XX' })}`, as(TOKENS.staff)), 400, 'departement');
  assertProblem(await get(`${API}/consortia${qs({ network: TS, min_size: 2 })}`, as(TOKENS.staff)), 400, 'min_size');
  assertProblem(await get(`${API}/outreach${qs({ network: TS })}`), 401);
  assertProblem(await get(`${API}/outreach${qs({ network: 987654 })}`, as(TOKENS.admin)), 404);
});

test('a fiche and its members list show only the COG memberships, never a network\'s private relation', async () => {
  const { mas, name } = await seedScenario('private');
  const antibes = await commune('06004');
  await created('/relationships', { kind: 'member_of', from_id: antibes.id, to_id: mas.id, network_id: TS, visibility: 'private' });
  for (const token of [undefined, TOKENS.otherStaff]) {
    const fiche = ok(await get(`${API}/organisations/${antibes.id}`, as(token)));
    assert.ok(!JSON.stringify(fiche).includes(name), 'the fiche names no private association');
    const members = ok(await get(`${API}/organisations/${tsNode}/members`, as(token)));
    assert.ok(!JSON.stringify(members).includes(name), 'the network record lists no private member');
  }
});

test('the neighbourhood of MAS holds the three communes and the network, and nothing of it shows to RESACOOP', async () => {
  const { mas, name } = await seedScenario('private');
  const own = ok(await get(`${API}/organisations/${mas.id}/neighbourhood`, as(TOKENS.staff)));
  const ids = own.nodes.map((n) => n.id);
  for (const insee of ['06084', '06095', '06152']) assert.ok(ids.includes(communes[insee].id), insee);
  assert.ok(ids.includes(tsNode));
  assert.equal(own.nodes[0].id, mas.id);
  assert.equal(own.nodes[0].depth, 0);
  const seats = ok(await get(`${API}/organisations/${mas.id}/neighbourhood${qs({ kind: 'board_seat' })}`, as(TOKENS.staff)));
  assert.ok(seats.edges.every((e) => e.kind === 'board_seat'));
  assert.ok(!seats.nodes.some((n) => n.id === tsNode), 'the membership is filtered out');
  assertProblem(await get(`${API}/organisations/${mas.id}/neighbourhood`, as(TOKENS.otherStaff)), 404);
  const valbonne = ok(await get(`${API}/organisations/${communes['06152'].id}/neighbourhood`, as(TOKENS.otherStaff)));
  assert.ok(!JSON.stringify(valbonne).includes(name), 'the private seat of Valbonne is not drawn for RESACOOP');
  assertProblem(await get(`${API}/organisations/${mas.id}/neighbourhood${qs({ kind: 'amitie' })}`, as(TOKENS.staff)), 400, 'kind');
});

test('a deleted relationship\'s id is never given to another, so its history stays its own', async () => {
  const association = await created('/organisations', { network_id: TS, visibility: 'public', kind: 'association', name: `Asso ${unique()}` });
  const body = { kind: 'board_seat', from_id: communes['06084'].id, to_id: association.id, network_id: TS, visibility: 'private' };
  const first = await created('/relationships', body);
  const removed = await request('DELETE', `${API}/relationships/${first.id}`, as(TOKENS.staff));
  assert.equal(removed.status, 204, show(removed));
  const second = await created('/relationships', body);
  assert.ok(second.id > first.id, `${second.id} > ${first.id}`);
});

test('another network cannot record members or seats of Territoires Solidaires, and a website is plain ASCII', async () => {
  const other = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'RESACOOP').id;
  const res = await post(`${API}/relationships`, { kind: 'member_of', from_id: communes['06084'].id, to_id: tsNode, network_id: other, visibility: 'public' }, as(TOKENS.otherStaff));
  assertProblem(res, 400, 'to_id');
  assertProblem(await post(`${API}/organisations`, { network_id: TS, visibility: 'private', kind: 'association', name: 'Site piégé', website: 'https://a.example/\u202e' }, as(TOKENS.staff)), 400, 'website');
  assertProblem(await post(`${API}/organisations`, { network_id: TS, visibility: 'private', kind: 'association', name: 'SIREN nul', siren: '000000000' }, as(TOKENS.staff)), 400, 'siren');
  const themed = await created('/organisations', { network_id: TS, visibility: 'private', kind: 'association', name: `Thèmes ${unique()}`, themes: ['Santé', ' santé ', 'Eau'] });
  assert.deepEqual(themed.themes, ['Santé', 'Eau']);
});

test('an actor\'s and a relationship\'s history are journaled and read by the network\'s administrators', async () => {
  const association = await created('/organisations', { network_id: TS, visibility: 'private', kind: 'association', name: `Historique ${unique()}` });
  ok(await patch(`${API}/organisations/${association.id}`, { archived: true }, TOKENS.staff));
  const history = ok(await get(`${API}/audit${qs({ record: `organisation:${association.id}` })}`, as(TOKENS.ownAdmin)));
  assert.deepEqual(history.items.map((e) => e.action), ['archive', 'create']);
  const seat = await post(`${API}/relationships`, { kind: 'board_seat', from_id: communes['06095'].id, to_id: association.id, network_id: TS, visibility: 'private' }, as(TOKENS.staff));
  assertProblem(seat, 400, 'to_id');
});

const upload = (kind, csv, params, token = TOKENS.staff) =>
  request('POST', `${API}/imports/${kind}${qs(params)}`, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/csv' },
    body: csv,
  });

test('an upload checks every line, writes nothing while one is bad, then the valid ones with partial, and keeps the mapping', async () => {
  const tag = unique();
  const csv = `\uFEFFRaison sociale;Type;Ville\r\nAsso ${tag} un;Association;06084\r\n\r\nAsso ${tag} deux;association;06095\r\nAsso ${tag} cassée;martienne;06152\r\n`;
  const mapping = JSON.stringify({ nom: 'Raison sociale', insee_commune: 'Ville' });
  const refused = ok(await upload('organisations', csv, { network: TS, mapping }));
  assert.equal(refused.written, false);
  assert.deepEqual(refused.problems.map((p) => [p.line, p.column]), [[5, 'Type']]);
  assert.match(refused.rejected_csv, /cassée;martienne/);
  assert.equal(ok(await get(`${API}/organisations${qs({ q: tag })}`, as(TOKENS.staff))).total, 0, 'nothing written');
  const partial = ok(await upload('organisations', csv, { network: TS, mapping, partial: 'true' }));
  assert.equal(partial.written, true);
  assert.equal(partial.created, 2);
  assert.equal(ok(await get(`${API}/organisations${qs({ q: tag })}`, as(TOKENS.staff))).total, 2);
  const twice = ok(await upload('organisations', csv, { network: TS, mapping, partial: 'true' }));
  assert.equal(twice.created, 0);
  assert.equal(twice.existing, 2);
  const kept = ok(await get(`${API}/imports/mappings${qs({ network: TS })}`, as(TOKENS.staff)));
  assert.deepEqual(kept.organisations, { nom: 'Raison sociale', insee_commune: 'Ville' });
  assert.ok(kept.fields.relationships.includes('cible'));
});

test('an upload is refused whole for a file that is not UTF-8, a missing column, a bad mapping or another network', async () => {
  const latin1 = Buffer.from('nom;type\nCit\xe9s;association\n', 'latin1');
  assertProblem(await upload('organisations', latin1, { network: TS }), 400, 'fichier');
  assertProblem(await upload('relationships', 'source;type\n06084;adhésion\n', { network: TS }), 400, 'fichier');
  assertProblem(await upload('organisations', 'nom\nX\n', { network: TS, mapping: '{"nom": 3}' }), 400, 'mapping');
  assertProblem(await upload('organisations', 'nom\nX\n', { network: TS, mapping: '{"inconnu": "x"}' }), 400, 'mapping');
  assertProblem(await upload('organisations', 'nom\nX\n', { network: TS, partial: 'oui' }), 400, 'partial');
  assertProblem(await upload('organisations', 'nom\nX\n', { network: TS }, TOKENS.otherStaff), 403);
  const json = await request('POST', `${API}/imports/organisations${qs({ network: TS })}`, { json: { nom: 'X' }, ...as(TOKENS.staff) });
  assertProblem(json, 415);
  assertProblem(await upload('organisations', '"nom\nX\n', { network: TS }), 400, 'fichier');
});

test('every list exports to CSV that Excel opens and to XLSX, and a cell never runs as a formula', async () => {
  const { mas } = await seedScenario('private');
  ok(await patch(`${API}/organisations/${mas.id}`, { name: '=HYPERLINK("http://x")' }, TOKENS.staff));
  const csv = await get(`${API}/outreach${qs({ network: TS, via: mas.id, format: 'csv' })}`, as(TOKENS.staff));
  assert.equal(csv.status, 200, show(csv));
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="pistes-reseau-\d+\.csv"/);
  assert.ok(csv.body.replace(/^\uFEFF/, '').startsWith('Collectivité;Code INSEE;Population;Score;Meilleur chemin'));
  const raw = Buffer.from(await (await fetch(`${BASE}${API}/outreach${qs({ network: TS, via: mas.id, format: 'csv' })}`, as(TOKENS.staff))).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark, for Excel');
  assert.match(csv.body, /Peymeinade;06095;/);
  assert.doesNotMatch(csv.body, /;=HYPERLINK/);
  const relations = await get(`${API}/relationships${qs({ organisation: mas.id, format: 'csv' })}`, as(TOKENS.staff));
  assert.match(relations.body, /Siège au CA;Valbonne;"'=HYPERLINK/);
  for (const path of [`/outreach${qs({ network: TS, format: 'xlsx' })}`, `/consortia${qs({ network: TS, format: 'xlsx' })}`,
    `/relationships${qs({ organisation: mas.id, format: 'xlsx' })}`, `/organisations${qs({ q: 'mouans', format: 'xlsx' })}`]) {
    const res = await fetch(`${BASE}${API}${path}`, as(TOKENS.staff));
    assert.equal(res.status, 200, path);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', `${path} is a zip (xlsx)`);
  }
  assertProblem(await get(`${API}/organisations${qs({ q: 'mouans', format: 'csv' })}`), 401);
  assertProblem(await get(`${API}/consortia${qs({ network: TS, format: 'pdf' })}`, as(TOKENS.staff)), 400, 'format');
});

test('two records of MAS are found as duplicates, merged keeping each seat\'s dates, and the merge is undone', async () => {
  const { mas, name } = await seedScenario('private');
  const twin = await created('/organisations', { network_id: TS, visibility: 'private', kind: 'association', name, commune_insee: '06084' });
  const valbonne = communes['06152'].id;
  await created('/relationships', { kind: 'board_seat', from_id: valbonne, to_id: twin.id, network_id: TS, visibility: 'private', start_date: '2019-01-01' });
  await created('/relationships', { kind: 'board_seat', from_id: valbonne, to_id: twin.id, network_id: TS, visibility: 'private', start_date: '2010-01-01', end_date: '2014-12-31' });
  const candidates = ok(await get(`${API}/organisations/${mas.id}/duplicates`, as(TOKENS.staff))).items;
  assert.deepEqual(candidates.map((c) => [c.id, c.reason]), [[twin.id, 'même nom dans la même commune']]);
  assertProblem(await get(`${API}/organisations/${mas.id}/duplicates`, as(TOKENS.otherStaff)), 404);

  // Records and events that named the twin: one names it alone, one names both records.
  const record = (ids) => created('/interactions', {
    network_id: TS, visibility: 'private', date: '2026-10-01', type: 'conseil', subject: 'Échange avec MAS', organisation_ids: ids,
  });
  const alone = await record([twin.id, valbonne]);
  const both = await record([mas.id, twin.id]);
  const meeting = await created('/events', {
    network_id: TS, visibility: 'private', kind: 'rencontre', title: 'Rencontre MAS', starts_at: '2026-12-01T18:00',
    ends_at: '2026-12-01T20:00', organisations: [{ id: twin.id, role: 'organisateur', attendance: 'present' }],
  });
  const partiesOf = async (id) => ok(await get(`${API}/interactions/${id}`, as(TOKENS.staff))).organisations.map((o) => o.id).sort();
  const eventParties = async () =>
    ok(await get(`${API}/events/${meeting.id}`, as(TOKENS.staff))).organisations.map((o) => [o.id, o.role, o.attendance]);

  const merge = ok(await post(`${API}/organisations/${mas.id}/merge`, { merged_id: twin.id }, as(TOKENS.staff)));
  assert.equal(merge.moved_records, 3, 'two records and one event named the twin');
  assert.deepEqual(await partiesOf(alone.id), [mas.id, valbonne].sort());
  assert.deepEqual(await partiesOf(both.id), [mas.id], 'a record naming both keeps one line');
  assert.deepEqual(await eventParties(), [[mas.id, 'organisateur', 'present']]);
  assert.equal(merge.moved_relationships, 1, 'the seat of 2010–2014 is another period: moved');
  assert.equal(merge.removed_relationships, 1, 'the same seat since 2019 was already held by MAS');
  const seats = ok(await get(`${API}/relationships${qs({ organisation: mas.id, kind: 'board_seat', per_page: 50 })}`, as(TOKENS.staff))).items;
  assert.equal(seats.filter((r) => r.from.id === valbonne).length, 2);
  assert.equal(ok(await get(`${API}/organisations/${twin.id}`, as(TOKENS.staff))).archived, true);
  const history = ok(await get(`${API}/audit${qs({ record: `organisation:${mas.id}` })}`, as(TOKENS.ownAdmin))).items;
  assert.equal(history[0].action, 'merge');

  const undone = ok(await post(`${API}/merges/${merge.id}/undo`, {}, as(TOKENS.staff)));
  assert.equal(undone.undone, true);
  const twinSeats = ok(await get(`${API}/relationships${qs({ organisation: twin.id, kind: 'board_seat' })}`, as(TOKENS.staff))).items;
  assert.equal(twinSeats.length, 2, 'both seats are back on the twin');
  assert.deepEqual(await partiesOf(alone.id), [twin.id, valbonne].sort(), 'the records name the twin again');
  assert.deepEqual(await partiesOf(both.id), [mas.id, twin.id].sort());
  assert.deepEqual(await eventParties(), [[twin.id, 'organisateur', 'present']]);
  assert.equal(ok(await get(`${API}/organisations/${twin.id}`, as(TOKENS.staff))).archived, false);
  assertProblem(await post(`${API}/merges/${merge.id}/undo`, {}, as(TOKENS.staff)), 409);
  assertProblem(await post(`${API}/organisations/${mas.id}/merge`, { merged_id: mas.id }, as(TOKENS.staff)), 400, 'merged_id');
  assertProblem(await post(`${API}/organisations/${mas.id}/merge`, { merged_id: communes['06084'].id }, as(TOKENS.staff)), 400, 'merged_id');
  assertProblem(await post(`${API}/organisations/${mas.id}/merge`, { merged_id: twin.id }, as(TOKENS.otherStaff)), 404);
});

test('a network keeps its own note on a reference collectivité, unseen by another network while private', async () => {
  const mouans = communes['06084'].id;
  const text = `Élu·e référent : à rappeler en janvier ${unique()}`;
  const put = (body, token = TOKENS.staff) => request('PUT', `${API}/organisations/${mouans}/notes`, { json: body, ...as(token) });
  const mine = ok(await put({ network_id: TS, visibility: 'private', text }));
  assert.ok(mine.items.some((n) => n.text === text && n.permissions.edit));
  const theirs = ok(await get(`${API}/organisations/${mouans}/notes`, as(TOKENS.otherStaff)));
  assert.ok(!JSON.stringify(theirs).includes(text));
  const anonymous = ok(await get(`${API}/organisations/${mouans}/notes`));
  assert.ok(!JSON.stringify(anonymous).includes(text));
  ok(await put({ network_id: TS, visibility: 'network', text }));
  assert.ok(JSON.stringify(ok(await get(`${API}/organisations/${mouans}/notes`, as(TOKENS.otherStaff)))).includes(text));
  assertProblem(await put({ network_id: TS, visibility: 'private', text: 'x' }, TOKENS.otherStaff), 403);
  assertProblem(await put({ network_id: TS, visibility: 'secret', text: 'x' }), 400, 'visibility');
  assertProblem(await put({ network_id: TS, visibility: 'private', text: 'a\u0000b' }), 400, 'text');
  const removed = ok(await put({ network_id: TS, visibility: 'private', text: '' }));
  assert.ok(!JSON.stringify(removed).includes(text));
});

test('a merge by another network moves none of this network\'s relationships, and undo keeps to the order of merges', async () => {
  const other = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'RESACOOP').id;
  const theirs = async (label) => created('/organisations', { network_id: other, visibility: 'public', kind: 'association', name: `${label} ${unique()}` }, TOKENS.otherStaff);
  const kept = await theirs('Gardée');
  const merged = await theirs('Fusionnée');
  const mine = await created('/relationships', { kind: 'board_seat', from_id: communes['06152'].id, to_id: merged.id, network_id: TS, visibility: 'private' });
  const merge = ok(await post(`${API}/organisations/${kept.id}/merge`, { merged_id: merged.id }, as(TOKENS.otherStaff)));
  assert.equal(merge.moved_relationships, 0, 'nothing of TS is counted');
  assert.equal(merge.removed_relationships, 0);
  const still = ok(await get(`${API}/relationships/${mine.id}`, as(TOKENS.staff)));
  assert.equal(still.to.id, merged.id, 'the private seat of TS stays where TS put it');
  assertProblem(await patch(`${API}/organisations/${merged.id}`, { archived: false }, TOKENS.otherStaff), 409);

  // A → B then B → C: the first merge cannot be undone before the second.
  const a = await theirs('A');
  const b = await theirs('B');
  const c = await theirs('C');
  const first = ok(await post(`${API}/organisations/${b.id}/merge`, { merged_id: a.id }, as(TOKENS.otherStaff)));
  const second = ok(await post(`${API}/organisations/${c.id}/merge`, { merged_id: b.id }, as(TOKENS.otherStaff)));
  assertProblem(await post(`${API}/merges/${first.id}/undo`, {}, as(TOKENS.otherStaff)), 409);
  ok(await post(`${API}/merges/${second.id}/undo`, {}, as(TOKENS.otherStaff)));
  ok(await post(`${API}/merges/${first.id}/undo`, {}, as(TOKENS.otherStaff)));
  assert.equal(ok(await get(`${API}/organisations/${a.id}`, as(TOKENS.otherStaff))).archived, false);
  // Archived since the merge: the state the merge left is gone, so it no longer undoes.
  const third = ok(await post(`${API}/organisations/${b.id}/merge`, { merged_id: a.id }, as(TOKENS.otherStaff)));
  ok(await patch(`${API}/organisations/${b.id}`, { archived: true }, TOKENS.otherStaff));
  assertProblem(await post(`${API}/merges/${third.id}/undo`, {}, as(TOKENS.otherStaff)), 409);
});

test('an upload is refused beyond 5 000 lines and into a network that does not exist', async () => {
  const lines = Array.from({ length: 5001 }, (_, i) => `Asso ${i};association`).join('\n');
  assertProblem(await upload('organisations', `nom;type\n${lines}\n`, { network: TS, dry_run: 'true' }), 400, 'fichier');
  assertProblem(await upload('organisations', 'nom\n', { network: 987654, mapping: '{"nom":"nom"}' }, TOKENS.admin), 400, 'network');
});

test('the graph routes answer bad ids, parameters and bodies with a French 400 naming the field', async () => {
  assertProblem(await get(`${API}/imports/mappings`, as(TOKENS.staff)), 400, 'network');
  assertProblem(await get(`${API}/imports/mappings${qs({ network: 'abc' })}`, as(TOKENS.staff)), 400, 'network');
  assertProblem(await get(`${API}/organisations/0/duplicates`, as(TOKENS.staff)), 400);
  assertProblem(await get(`${API}/organisations/${communes['06084'].id}/duplicates`, as(TOKENS.staff)), 404);
  assertProblem(await get(`${API}/organisations/abc/neighbourhood`, as(TOKENS.staff)), 400);
  assertProblem(await get(`${API}/organisations/${communes['06084'].id}/neighbourhood${qs({ at: '2024-02-30' })}`), 400, 'at');
  const association = await created('/organisations', { network_id: TS, visibility: 'private', kind: 'association', name: `Asso ${unique()}` });
  assertProblem(await post(`${API}/organisations/${association.id}/merge`, {}, as(TOKENS.staff)), 400, 'merged_id');
  assertProblem(await post(`${API}/organisations/${association.id}/merge`, { merged_id: 'x' }, as(TOKENS.staff)), 400, 'merged_id');
  assertProblem(await post(`${API}/organisations/${association.id}/merge`, { merged_id: 1, autre: 2 }, as(TOKENS.staff)), 400, 'autre');
  assertProblem(await post(`${API}/merges/0/undo`, {}, as(TOKENS.staff)), 400);
  assertProblem(await post(`${API}/merges/987654/undo`, {}, as(TOKENS.staff)), 404);
  const notes = `${API}/organisations/${communes['06084'].id}/notes`;
  assertProblem(await request('PUT', notes, { json: { visibility: 'private', text: 'x' }, ...as(TOKENS.staff) }), 400, 'network_id');
  assertProblem(await request('PUT', notes, { json: { network_id: TS, visibility: 'private', text: 'x'.repeat(20001) }, ...as(TOKENS.staff) }), 400, 'text');
  assertProblem(await request('PUT', notes, { json: { network_id: 987654, visibility: 'private', text: 'x' }, ...as(TOKENS.admin) }), 400, 'network_id');
});
