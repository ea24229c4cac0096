// What the Markdown summaries of the benchmarks share (summarise_finders.mjs,
// summarise_pipeline.mjs): the JSON files of one run's folder, the machine it ran on, and a table
// with one column per engine that ran (those with a <engine>_run.json) and the target.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ms = (us) => (us / 1000).toFixed(1);
export const verdict = (ok) => (ok ? 'met' : '**missed**');

// « p50 / p95 ms (met) » of a wrk report (wrk_report.lua) against a p95 target in milliseconds.
export const latency = (report, targetMs) =>
  `${ms(report.latency_us.p50)} / ${ms(report.latency_us.p95)} ms (${verdict(report.latency_us.p95 <= targetMs * 1000)})`;

export function engineTable(dir) {
  const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const machine = readFileSync(join(dir, 'machine.txt'), 'utf8').trim().split('\n').join(', ');
  const engines = ['sqlite', 'postgresql'].filter((engine) => existsSync(join(dir, `${engine}_run.json`)));
  const lines = [`Machine: ${machine}.`, '', '| | SQLite | PostgreSQL | Target |', '|---|---|---|---|'];
  const cell = (fn) => ['sqlite', 'postgresql'].map((engine) => (engines.includes(engine) ? fn(engine) : '—'));
  const row = (label, fn, target) => lines.push(`| ${label} | ${cell(fn).join(' | ')} | ${target} |`);
  return { read, engines, lines, row };
}
