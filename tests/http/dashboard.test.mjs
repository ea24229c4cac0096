// The network dashboard over HTTP (issue 9): the named figures of a network over a period — members,
// CA seats and presidency, accompanied collectivités, stages and conversions, interactions by type,
// breakdowns — for its team and national admins; the national one for national admins only;
// another network's private rows never change them; bad input is a French 400 naming the field.
// The story is played in Réseau Bretagne Solidaire, a network no other test writes in, so that its
// figures are exact while other test files run.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertProblem, get, ok, post, qs, request, requireTokens, show, TOKENS } from './client.mjs';

requireTokens();

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const made = async (res) => {
  const answer = await res;
  assert.equal(answer.status, 201, show(answer));
  return answer.body;
};
const dashboard = (params, token = TOKENS.admin) => get(`${API}/dashboard${qs(params)}`, as(token));

let bretagne;
let resacoop;
const c = {};  // the story's collectivités: rennes (over 200 000), small (under 2 000), mid (2 000 to 9 999)
const today = new Date().toISOString().slice(0, 10);

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  bretagne = networks.find((n) => n.name.includes('Bretagne'));
  resacoop = networks.find((n) => n.name === 'RESACOOP');
  assert.ok(bretagne && resacoop, 'the reference networks are loaded');
  c.rennes = ok(await get(`${API}/organisations${qs({ insee: '35238', category: 'commune' })}`)).items[0];
  const communes = ok(await get(`${API}/organisations${qs({ departement: '22', category: 'commune', per_page: 100 })}`)).items;
  c.small = communes.find((o) => o.population !== null && o.population < 2000);
  c.mid = communes.find((o) => o.population >= 2000 && o.population < 10000);
  assert.ok(c.rennes && c.small && c.mid, 'the communes of the story exist');

  const relationship = (body) =>
    made(post(`${API}/relationships`, { network_id: bretagne.id, visibility: 'private', to_id: bretagne.organisation_id, ...body }, as(TOKENS.admin)));
  await relationship({ kind: 'member_of', from_id: c.rennes.id, start_date: '2019-01-01' });
  await relationship({ kind: 'member_of', from_id: c.mid.id, start_date: '2018-01-01', end_date: '2019-06-30' });
  await relationship({ kind: 'board_seat', from_id: c.rennes.id, role: 'president', start_date: '2019-01-01' });
  await relationship({ kind: 'board_seat', from_id: c.small.id, role: 'membre', start_date: '2019-03-01' });
  const interaction = (date, type, ids) =>
    made(post(`${API}/interactions`, {
      network_id: bretagne.id, visibility: 'private', date, type, subject: 'Échange du tableau de bord', organisation_ids: ids,
    }, as(TOKENS.admin)));
  await interaction('2019-02-01', 'conseil', [c.rennes.id]);
  await interaction('2019-12-31', 'formation', [c.rennes.id, c.small.id]);
  await interaction('2018-12-31', 'conseil', [c.mid.id]);  // before the period
  const move = (org, stage) =>
    request('PUT', `${API}/pipeline/${bretagne.id}/${org.id}`, { json: { stage, reason: 'Tableau de bord' }, ...as(TOKENS.admin) });
  assert.equal((await move(c.small, 'prise_de_contact')).status, 200);
  assert.equal((await move(c.small, 'opportunites_communes')).status, 200);
});

test('a network sees its members, CA seats, presidency, accompanied collectivités and interactions of a period', async () => {
  const figures = ok(await dashboard({ network: bretagne.id, from: '2019-01-01', to: '2019-12-31' }));
  assert.equal(figures.network_id, bretagne.id);
  assert.deepEqual([figures.from, figures.to], ['2019-01-01', '2019-12-31']);
  assert.equal(figures.members, 1, 'Rennes; the other membership ended in June');
  assert.equal(figures.board_seats, 2);
  assert.equal(figures.presidencies, 1);
  assert.equal(figures.accompanied, 2, 'the 2018 exchange is outside the period');
  assert.equal(figures.interactions, 2);
  assert.equal(figures.interactions_by_type.conseil, 1);
  assert.equal(figures.interactions_by_type.formation, 1);
  assert.equal(figures.interactions_by_type.financement, 0, 'every type is named, zeros included');
  const ille = figures.by_departement.find((d) => d.departement === '35');
  assert.deepEqual(ille, { departement: '35', members: 1, accompanied: 1, engaged: 1 }, 'Rennes became « adhésion » with its membership');
  const smallest = figures.by_population_band.find((b) => b.band === 'moins_de_2000');
  assert.equal(smallest.label, 'Moins de 2 000 habitants (très petites communes)');
  assert.deepEqual([smallest.members, smallest.accompanied, smallest.engaged], [0, 1, 1]);
  assert.deepEqual(figures.by_category, [{ category: 'commune', members: 1, accompanied: 2, engaged: 2 }]);
});

test("today's stages and this year's conversions between stages, each a share of the previous one", async () => {
  const figures = ok(await dashboard({ network: bretagne.id, from: `${today.slice(0, 4)}-01-01`, to: today }));
  assert.equal(figures.by_stage.adhesion, 1, 'Rennes, moved by its membership');
  assert.equal(figures.by_stage.opportunites_communes, 1);
  assert.equal(figures.by_stage.collaboration, 0);
  assert.deepEqual(figures.conversions.map((k) => [k.from, k.to, k.count]), [
    ['non_contactee', 'prise_de_contact', 2], ['prise_de_contact', 'adhesion', 2], ['adhesion', 'opportunites_communes', 1],
    ['opportunites_communes', 'relation_echange', 0], ['relation_echange', 'collaboration', 0],
  ]);
  assert.deepEqual(figures.conversions.map((k) => k.rate), [null, 1, 0.5, 0, null]);
  assert.equal(figures.dormant, 0);
  const old = ok(await dashboard({ network: bretagne.id, from: '2019-01-01', to: '2019-12-31' }));
  assert.deepEqual(old.conversions.map((k) => k.count), [0, 0, 0, 0, 0], 'no move was made in 2019');
});

test("another network's rows about the same collectivités never change a network's figures", async () => {
  const before = ok(await dashboard({ network: bretagne.id, from: '2019-01-01', to: '2019-12-31' }));
  const thisYear = { network: bretagne.id, from: `${today.slice(0, 4)}-01-01`, to: today };
  const beforeThisYear = ok(await dashboard(thisYear));
  // RESACOOP may not write on Bretagne Solidaire's CA or members at all…
  assertProblem(await post(`${API}/relationships`, {
    network_id: resacoop.id, visibility: 'private', kind: 'member_of', from_id: c.mid.id, to_id: bretagne.organisation_id,
    start_date: '2019-01-01',
  }, as(TOKENS.otherStaff)), 400, 'to_id');
  // …and its own members, interactions and moves with the same collectivités stay its own.
  await made(post(`${API}/relationships`, {
    network_id: resacoop.id, visibility: 'private', kind: 'member_of', from_id: c.mid.id, to_id: resacoop.organisation_id,
    start_date: '2019-01-01',
  }, as(TOKENS.otherStaff)));
  const moved = await request('PUT', `${API}/pipeline/${resacoop.id}/${c.small.id}`,
    { json: { stage: 'collaboration', reason: 'Autre réseau' }, ...as(TOKENS.otherStaff) });
  assert.equal(moved.status, 200, show(moved));
  await made(post(`${API}/interactions`, {
    network_id: resacoop.id, visibility: 'network', date: '2019-05-05', type: 'conseil', subject: 'Conseil de RESACOOP',
    organisation_ids: [c.mid.id],
  }, as(TOKENS.otherStaff)));
  assert.deepEqual(ok(await dashboard({ network: bretagne.id, from: '2019-01-01', to: '2019-12-31' })), before);
  assert.deepEqual(ok(await dashboard(thisYear)), beforeThisYear);
  const national = ok(await dashboard({ from: '2019-01-01', to: '2019-12-31' }));
  assert.equal(national.network_id, null);
  assert.ok(national.interactions >= before.interactions + 1, 'across networks, every network counts');
});

test("the national dashboard is for national admins; a network's, for its team", async () => {
  assert.equal((await dashboard({ network: bretagne.id }, null)).status, 401);
  assertProblem(await dashboard({ network: bretagne.id }, TOKENS.staff), 403);
  assertProblem(await dashboard({}, TOKENS.staff), 403);
  assertProblem(await dashboard({}, TOKENS.ownAdmin), 403);
  assertProblem(await dashboard({ network: 999999 }), 404);
  const own = ok(await dashboard({}, TOKENS.admin));
  assert.equal(own.to, today, 'the period ends today by default');
  assert.ok(own.from < own.to);
});

test('bad periods, parameters and formats are named in French, never a 500', async () => {
  assertProblem(await dashboard({ network: bretagne.id, from: '2019-13-01' }), 400, 'from');
  assertProblem(await dashboard({ network: bretagne.id, from: '2019-02-30' }), 400, 'from');
  assertProblem(await dashboard({ network: bretagne.id, from: '2019-06-01', to: '2019-01-01' }), 400, 'to');
  assertProblem(await dashboard({ network: bretagne.id, from: '2099-01-01' }), 400, 'to');
  assertProblem(await dashboard({ network: 'abc' }), 400, 'network');
  assertProblem(await dashboard({ network: bretagne.id, format: 'pdf' }), 400, 'format');
  assertProblem(await dashboard({ network: bretagne.id, stage: 'adhesion' }), 400, 'stage');
  const res = await dashboard({ network: bretagne.id, to: `2019-01-01${'x'.repeat(5000)}` });
  assert.equal(res.status, 400, show(res));
});

test("a band's number leads to the board of that band's collectivités", async () => {
  const board = ok(await get(`${API}/pipeline${qs({ network: bretagne.id, population_band: 'moins_de_2000' })}`, as(TOKENS.admin)));
  assert.deepEqual(board.items.map((e) => e.organisation.id), [c.small.id]);
  const large = ok(await get(`${API}/pipeline${qs({ network: bretagne.id, population_band: 'au_moins_200000' })}`, as(TOKENS.admin)));
  assert.deepEqual(large.items.map((e) => e.organisation.id), [c.rennes.id]);
  assertProblem(await get(`${API}/pipeline${qs({ network: bretagne.id, population_band: 'moins_de_3000' })}`, as(TOKENS.admin)),
    400, 'population_band');
});

test('the figures export as CSV, one line per number with its French name', async () => {
  const res = await request('GET', `${API}/dashboard${qs({ network: bretagne.id, from: '2019-01-01', to: '2019-12-31', format: 'csv' })}`, as(TOKENS.admin));
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /tableau-de-bord-reseau-\d+-2019-01-01-2019-12-31\.csv/);
  const text = typeof res.body === 'string' ? res.body : String(res.body);
  assert.match(text, /Collectivités adhérentes;au 2019-12-31;1/);
  assert.match(text, /Collectivités à la présidence;au 2019-12-31;1/);
  assert.match(text, /Accompagnements sur la période;Formation;1/);
  assert.match(text, /Par taille : accompagnées;Moins de 2 000 habitants \(très petites communes\);1/);
});

test('a flood of national dashboards is answered 200 or 429 « réessayez », two computed at a time, never a 500', async () => {
  const answers = await Promise.all(Array.from({ length: 12 }, () => dashboard({})));
  for (const res of answers) {
    assert.ok(res.status === 200 || res.status === 429, show(res));
    if (res.status === 429) {
      assert.match(res.body.detail, /réessayez/);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    }
  }
  assert.ok(answers.some((res) => res.status === 200), 'some are computed');
  ok(await dashboard({}));  // the slots are given back
});
