// Shared pieces of the hostile-load tests: the server under test, a normal client's probe, raw
// sockets and what they receive, the server's resident memory, and a flood that stops as soon
// as the server answers.
import assert from 'node:assert/strict';
import net from 'node:net';
import { readFileSync } from 'node:fs';

export const BASE = process.env.RRMA_URL;
if (!BASE) throw new Error('RRMA_URL must be set: run through scripts/run-tests');
const { hostname: HOST, port: PORT_TEXT, host } = new URL(BASE);
const PORT = Number(PORT_TEXT);
export const HOST_HEADER = host;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

// Samples the resident memory of process pid every 50 ms while work runs; resolves with the peak growth.
export async function peakGrowthDuring(pid, work) {
  const before = residentBytes(pid);
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, residentBytes(pid)); }, 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, residentBytes(pid));
  return peak - before;
}

// A normal client's GET /api/v1/health on a new connection; resolves with its duration in ms.
export async function probe() {
  const started = performance.now();
  const res = await fetch(`${BASE}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
  assert.equal(res.status, 200);
  await res.text();
  return performance.now() - started;
}

export function connect() {
  return new Promise((resolve, reject) => {
    const socket = net.connect(PORT, HOST, () => resolve(socket));
    socket.once('error', reject);
  });
}

// Collects what a socket receives; `closed` resolves when the server ends or resets it.
export function watch(socket) {
  const state = { data: '', closed: null };
  state.closed = new Promise((resolve) => {
    socket.on('data', (d) => { state.data += d.toString('latin1'); });
    socket.on('close', () => resolve());
    socket.on('error', () => {});
  });
  return state;
}

export function statusOf(text) {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : 0;
}

export function closeAll(sockets) {
  for (const socket of sockets) socket.destroy();
}

// Writes head, then pieces from produce() until the server answers or closes, limitBytes are
// sent or 10 s pass, yielding after each piece so that an answer is read as soon as it comes.
// Resolves with {status, data, sent}.
export async function flood(head, produce, limitBytes) {
  const socket = await connect();
  const state = watch(socket);
  socket.write(head);
  let sent = 0;
  const deadline = Date.now() + 10000;
  while (state.data === '' && !socket.destroyed && sent < limitBytes && Date.now() < deadline) {
    const piece = produce();
    sent += piece.length;
    if (socket.write(piece)) await new Promise((r) => setImmediate(r));
    else await Promise.race([new Promise((r) => socket.once('drain', r)), state.closed, sleep(200)]);
  }
  await Promise.race([state.closed, sleep(3000)]);
  socket.destroy();
  return { status: statusOf(state.data), data: state.data, sent };
}
