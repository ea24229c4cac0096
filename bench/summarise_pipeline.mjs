// Turns the JSON files of bench/pipeline into the Markdown summary of the dashboard's and the
// kanban's benchmark: per engine, p50/p95 and requests of each endpoint over HTTP (one client)
// against its target, the first answer after the server starts, the rows generated and how long
// that took, the app's writes after the generator, peak memory.
import { engineTable, latency } from './summary_table.mjs';

const { read, engines, lines, row } = engineTable(process.argv[2]);
const run = (engine) => read(`${engine}_run.json`);
const endpoints = [
  ['dashboard_network', 'Dashboard of one network (RESACOOP), default period asked again (kept)', 50],
  ['dashboard_national', 'Dashboard of every network (national admin), asked again (kept)', 200],
  ['dashboard_network_computed', 'Dashboard of one network (RESACOOP), another year each time (computed)', 50],
  ['dashboard_national_computed', 'Dashboard of every network, another year each time (computed)', 200],
  ['kanban', 'Kanban of RESACOOP, 100 a page', 50],
  ['kanban_adhesion', 'Kanban of RESACOOP, « adhésion » only', 50],
];

for (const [name, label, target] of endpoints) {
  row(`${label}, p50 / p95 (wrk -c1)`, (e) => {
    const report = read(`${e}_${name}.json`);
    return `${latency(report, target)}, ${report.requests} requests`;
  }, `p95 ≤ ${target} ms`);
}
// The first answer after start is computed: the kept figures come after it.
for (const [name, label] of endpoints.filter(([name]) => !name.endsWith('_computed'))) {
  row(`${label.replace(/, (default period )?asked again \(kept\)/, '')}: first answer after start`, (e) => `${run(e).first_answer_ms[name]} ms`, '');
}
const figures = (e) => run(e).dashboard_network;
row('RESACOOP: members / accompanied / interactions in the period', (e) =>
  `${figures(e).members} / ${figures(e).accompanied} / ${figures(e).interactions}`, '');
row('RESACOOP: engaged / dormant / kanban entries / at « adhésion »', (e) =>
  `${figures(e).engaged} / ${figures(e).dormant} / ${run(e).kanban_total} / ${run(e).kanban_adhesion_total}`, '');
row('Generation (directory and pipeline)', (e) => `${(run(e).generation_ms / 1000).toFixed(1)} s`, '');
const tables = ['organisation', 'relationship', 'pipeline_stage', 'pipeline_change', 'interaction',
  'interaction_organisation', 'event', 'event_organisation'];
for (const table of tables) row(`Rows in ${table}`, (e) => run(e).rows[table].toLocaleString('en-US'), '');
row('The app\'s writes afterwards (record, event, move)', (e) => {
  const w = run(e).written_after;
  return w.interaction_id > 0 && w.event_id > 0 && w.moves > 0 ? `ok (ids ${w.interaction_id}, ${w.event_id})` : '**failed**';
}, '');
row('Peak server memory (VmHWM)', (e) => `${(run(e).peak_rss_kib / 1024).toFixed(0)} MiB`, '');
const failures = (field) =>
  engines.reduce((sum, e) => sum + endpoints.reduce((s, [name]) => s + read(`${e}_${name}.json`)[field], 0), 0);
lines.push('', `Non-2xx answers during the runs: ${failures('non_2xx')}; socket errors and timeouts: ` +
  `${failures('socket_errors')}. Run on ${run(engines[0]).today}: the generated dates run over the three years before.`);
console.log(lines.join('\n'));
