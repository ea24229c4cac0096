// Turns the JSON files of bench/run into the Markdown table quoted in the README.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const median = (file, name) => {
  const run = read(file).benchmarks.find((b) => b.run_name.split('/iterations')[0] === name && b.aggregate_name === 'median');
  return run ? `${run.real_time.toFixed(run.time_unit === 'ms' ? 0 : 1)} ${run.time_unit}` : 'n/a';
};
const ms = (us) => (us / 1000).toFixed(2);

const nginx = read('nginx_static_organisation.json');
const rrma = read('rrma_get_organisation.json');
const one = read('rrma_search_mou_1_client.json');
const many = read('rrma_search_mou_32_clients.json');
const memory = read('memory.json');
const cli = read('import_reference_cli.json').runs_ms.slice().sort((a, b) => a - b);
const machine = readFileSync(join(dir, 'machine.txt'), 'utf8').trim().split('\n').join(', ');

console.log(`Machine: ${machine}

| measure | result | target |
|---|---|---|
| \`rrma import-reference\` into an empty SQLite database (median of 5 runs: ${cli.join(', ')} ms) | ${cli[2]} ms | ≤ 1500 ms |
| the same in-process, Google Benchmark (median of 3×3) | ${median('reference_import.json', 'FullImportIntoEmptySqlite')} | |
| of which reading the package files | ${median('reference_import.json', 'LoadOnly')} | |
| of which writing to SQLite | ${median('reference_import.json', 'ImportOnly')} | |
| search \`q=mou\` in the repository (median) | ${median('directory_search.json', 'Search/prefix_mou')} | |
| GET /organisations/{id}, nginx static file, wrk -t2 -c32 | ${nginx.requests_per_second.toFixed(0)} req/s, p99 ${ms(nginx.latency_us.p99)} ms | |
| GET /organisations/{id}, rrma, wrk -t2 -c32 | ${rrma.requests_per_second.toFixed(0)} req/s (${(100 * rrma.requests_per_second / nginx.requests_per_second).toFixed(0)} % of nginx), p99 ${ms(rrma.latency_us.p99)} ms | ≥ 30 %, p99 ≤ 10 ms |
| search \`q=mou\` over HTTP, 1 client | p50 ${ms(one.latency_us.p50)} ms, p95 ${ms(one.latency_us.p95)} ms | p95 ≤ 10 ms |
| search \`q=mou\` over HTTP, 32 clients | ${many.requests_per_second.toFixed(0)} req/s, p95 ${ms(many.latency_us.p95)} ms | |
| resident memory of rrma serve after import / peak after load | ${(memory.rss_after_import_kib / 1024).toFixed(0)} MiB / ${(memory.peak_rss_after_load_kib / 1024).toFixed(0)} MiB | report |
| non-2xx or socket errors under load | ${rrma.non_2xx + rrma.socket_errors + many.non_2xx + many.socket_errors} | 0 |
`);
