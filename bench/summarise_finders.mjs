// Turns the JSON files of bench/finders into the Markdown table quoted in the README: per engine,
// outreach over HTTP (p50/p95, one client) beside the same question as one SQL query (median of
// 5 repetitions of 5 runs) and their ratio, consortia, the 100 000-row import, peak memory.
import { engineTable, latency, verdict } from './summary_table.mjs';

const { read, engines, lines, row } = engineTable(process.argv[2]);

const sqlMedianMs = (engine) => {
  const runs = read(`${engine}_outreach_sql.json`).benchmarks;
  const median = runs.find((b) => b.aggregate_name === 'median');
  return median.real_time;  // milliseconds (the benchmark's unit)
};
const outreach = (engine) => read(`${engine}_outreach.json`);
const consortia = (engine) => read(`${engine}_consortia.json`);
const run = (engine) => read(`${engine}_run.json`);

row('Targets reached (RESACOOP, Auvergne-Rhône-Alpes)', (e) => run(e).targets, '');
row('Outreach over HTTP, p50 / p95 (wrk -c1)', (e) => latency(outreach(e), 20), 'p95 ≤ 20 ms');
row('Same two-hop question, one SQL query (median)', (e) => `${sqlMedianMs(e).toFixed(0)} ms`, '');
row('SQL ÷ HTTP p95', (e) => {
  const ratio = sqlMedianMs(e) / (outreach(e).latency_us.p95 / 1000);
  return `${ratio.toFixed(0)}× (${verdict(ratio >= 10)})`;
}, '≥ 10×');
row('First outreach answer after start (graph built)', (e) => `${run(e).first_outreach_ms} ms`, '');
row('Consortia for the région, p50 / p95', (e) => latency(consortia(e), 200), '≤ 200 ms');
row('rrma import relationships, rows / time', (e) => {
  const r = run(e);
  return `${r.import_rows} / ${(r.import_ms / 1000).toFixed(1)} s (${verdict(r.import_ms <= 10000)})`;
}, '≤ 10 s');
row('Next outreach answer after the import (graph rebuilt)', (e) => `${run(e).outreach_after_import_ms} ms`, '');
row('Peak server memory (VmHWM)', (e) => {
  const mib = run(e).peak_rss_kib / 1024;
  return `${mib.toFixed(0)} MiB (${verdict(mib <= 500)})`;
}, '≤ 500 MB');
const errors = engines.reduce((sum, e) => sum + outreach(e).non_2xx + consortia(e).non_2xx, 0);
lines.push('', `Non-2xx answers during the runs: ${errors}.`);
console.log(lines.join('\n'));
