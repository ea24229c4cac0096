// Turns the JSON files of bench/http_load into the Markdown table quoted in the README:
// medians over the runs, the ratio of each to nginx, every run's p99 (to show how stable it is).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const runsOf = (name) => readdirSync(dir).filter((f) => f.startsWith(`${name}.`) && /\.\d+\.json$/.test(f)).map(read);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (us) => (us / 1000).toFixed(2);
const machine = readFileSync(join(dir, 'machine.txt'), 'utf8').trim().split('\n').join(', ');

const nginx = median(runsOf('nginx_organisation').map((r) => r.requests_per_second));
const rows = [];
const load = (label, name, target) => {
  const runs = runsOf(name);
  if (!runs.length) return;
  const rps = median(runs.map((r) => r.requests_per_second));
  const errors = runs.reduce((sum, r) => sum + r.non_2xx + r.socket_errors, 0);
  rows.push(`| ${label} | ${rps.toFixed(0)} req/s | ${(100 * rps / nginx).toFixed(0)} % | `
    + `${ms(median(runs.map((r) => r.latency_us.p99)))} ms (${runs.map((r) => ms(r.latency_us.p99)).join(', ')}) | ${errors} | ${target} |`);
};

load('nginx, the same bytes as a static file', 'nginx_organisation', '');
for (const engine of ['sqlite', 'postgresql']) {
  for (const [label, prefix] of [['Beast (now)', 'beast'], ['cpp-httplib (before)', 'httplib']]) {
    load(`GET /organisations/{id}, ${label}, ${engine}`, `${prefix}_${engine}_organisation`, prefix === 'beast' ? '≥ 60 %, p99 ≤ 10 ms' : '');
    load(`search q=mou, ${label}, ${engine}`, `${prefix}_${engine}_search`, '');
  }
}
load('GET /health beside 1 000 idle keep-alive + 200 slow-header connections (wrk -t1 -c4)', 'beast_health_under_hold', 'p99 ≤ 20 ms');

const attacks = [];
if (existsSync(join(dir, 'attack_idle.json'))) {
  const idle = read('attack_idle.json').idle_rss_kib;
  attacks.push(`Idle server: ${(idle / 1024).toFixed(0)} MiB resident.\n`);
  attacks.push('| attack | peak growth of resident memory | server answered | target |');
  attacks.push('|---|---|---|---|');
  const names = {
    trickle: '64 connections trickling their headers (12 s)',
    keepalive: '200 keep-alive connections, a request every 4 s (12 s)',
    range: '20 × `Range:` with 2 700 ranges on a built asset',
    chunked: '500 MiB chunked body, anonymous',
    headers: 'one request with 1 000 000 header fields',
  };
  for (const [mode, label] of Object.entries(names)) {
    if (!existsSync(join(dir, `attack_${mode}.json`))) continue;
    const a = read(`attack_${mode}.json`);
    const answered = a.status ? `${a.status}${a.bytes_sent !== undefined ? ` after ${(a.bytes_sent / 1048576).toFixed(2)} MiB sent` : ''}${a.bytes_received !== undefined ? `, ${(a.bytes_received / 1048576).toFixed(1)} MiB received` : ''}` : '—';
    attacks.push(`| ${label} | ${(a.peak_growth_kib / 1024).toFixed(1)} MiB | ${answered} | ≤ 50 MB |`);
  }
}

console.log(`Machine: ${machine}

| load (wrk -t2 -c32 unless said; median of the runs) | throughput | of nginx | p99 median (each run) | non-2xx + socket errors | target |
|---|---|---|---|---|---|
${rows.join('\n')}

${attacks.join('\n')}
`);
