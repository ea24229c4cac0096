// The HTTP layer under hostile load: each attack that once took the server down (slow headers,
// crowds of keep-alive connections, endless chunked bodies, a million headers, floods of
// connections and of slow requests) is played here, bounded in connections and seconds, on
// loopback only, while a normal client checks it is still served quickly, and the server's
// memory is read from /proc to check the attack did not make it grow.
// Runs against a server started by scripts/run-tests with short limits:
//   --header-timeout 1500 --body-timeout 1500 --idle-timeout 6000 --max-connections 500
// Usage: RRMA_URL=http://127.0.0.1:PORT RRMA_SERVER_PID=PID node --test tests/http-limits/attacks.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HOST_HEADER, closeAll, connect, flood, peakGrowthDuring, probe, sleep, statusOf, watch,
} from './support.mjs';

const PID = process.env.RRMA_SERVER_PID;
if (!PID) throw new Error('RRMA_SERVER_PID must be set: run through scripts/run-tests');
const HEADER_TIMEOUT_MS = 1500;
const MAX_CONNECTIONS = 500;
const MIB = 1024 * 1024;
// Growth of the server's resident memory an attack may cause (the bound: 50 MB).
const MEMORY_BOUND = 50 * 1000 * 1000;

test('a client is answered at once while 64 connections trickle their headers, and the tricklers get 408', async () => {
  const sockets = [];
  const watched = [];
  for (let i = 0; i < 64; i += 1) {
    const socket = await connect();
    sockets.push(socket);
    watched.push(watch(socket));
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`);
  }
  const trickle = setInterval(() => {
    for (const socket of sockets) if (!socket.destroyed) socket.write('X');
  }, 200);
  try {
    const durations = [await probe(), await probe(), await probe()];
    assert.ok(Math.max(...durations) < 1000, `probes took ${durations.map(Math.round)} ms`);
    await Promise.race([Promise.all(watched.map((w) => w.closed)), sleep(HEADER_TIMEOUT_MS + 3000)]);
  } finally {
    clearInterval(trickle);
    closeAll(sockets);
  }
  const answered408 = watched.filter((w) => statusOf(w.data) === 408).length;
  assert.equal(answered408, 64, `only ${answered408} of 64 trickling connections were answered 408`);
  assert.match(watched[0].data, /content-type: application\/problem\+json/i);
});

test('a client is answered at once while 200 keep-alive connections send a request every 4 s', async () => {
  const sockets = [];
  const watched = [];
  const request = `GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n\r\n`;
  for (let i = 0; i < 200; i += 1) {
    const socket = await connect();
    sockets.push(socket);
    watched.push(watch(socket));
    socket.write(request);
  }
  try {
    const durations = [];
    for (let round = 0; round < 2; round += 1) {
      for (let i = 0; i < 3; i += 1) {
        durations.push(await probe());
        await sleep(500);
      }
      await sleep(2500);
      for (const socket of sockets) socket.write(request);
    }
    durations.push(await probe());
    assert.ok(Math.max(...durations) < 1000, `probes took ${durations.map(Math.round)} ms`);
    await sleep(300);
    const answered = watched.filter((w) => (w.data.match(/HTTP\/1\.1 200/g) ?? []).length === 3).length;
    assert.equal(answered, 200, `only ${answered} of 200 keep-alive connections got their three answers`);
  } finally {
    closeAll(sockets);
  }
});

test('a 500 MiB chunked body is refused with 413 before 8 MiB are sent, and memory does not grow', async () => {
  let answer;
  const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
  const growth = await peakGrowthDuring(PID, async () => {
    answer = await flood(`POST /api/v1/organisations/search HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`
      + 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', () => chunk, 500 * MIB);
  });
  assert.equal(answer.status, 413, answer.data.slice(0, 200));
  assert.ok(answer.sent < 8 * MIB, `${answer.sent} bytes were sent before the refusal`);
  assert.ok(growth < MEMORY_BOUND, `the server grew by ${growth} bytes`);
  assert.ok(await probe() < 1000);
});

test('a request with a million headers is refused with 431 long before they are all sent, and memory does not grow', async () => {
  let answer;
  let index = 0;
  const block = () => Array.from({ length: 1000 }, () => `X-H${index++}: v\r\n`).join('');
  const growth = await peakGrowthDuring(PID, async () => {
    answer = await flood(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`, block, 1_000_000 * 12);
  });
  assert.equal(answer.status, 431, answer.data.slice(0, 200));
  assert.ok(index < 1_000_000, `${index} headers were sent before the refusal`);
  assert.ok(growth < MEMORY_BOUND, `the server grew by ${growth} bytes`);
});

test('more header fields than allowed are refused with 431 even when small', async () => {
  const socket = await connect();
  const state = watch(socket);
  const fields = Array.from({ length: 150 }, (_, i) => `X-${i}: 1\r\n`).join('');
  socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n${fields}\r\n`);
  await Promise.race([state.closed, sleep(3000)]);
  socket.destroy();
  assert.equal(statusOf(state.data), 431, state.data.slice(0, 200));
});

test('a body that does not arrive within the body time is answered 408 and the connection closed', async () => {
  const socket = await connect();
  const state = watch(socket);
  socket.write(`POST /api/v1/organisations/search HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`
    + 'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"q":');
  const started = Date.now();
  await Promise.race([state.closed, sleep(HEADER_TIMEOUT_MS + 4000)]);
  socket.destroy();
  assert.equal(statusOf(state.data), 408, state.data.slice(0, 200));
  assert.ok(Date.now() - started < HEADER_TIMEOUT_MS + 3000);
});

test('an idle keep-alive connection is closed by the server', async () => {
  const socket = await connect();
  const state = watch(socket);
  socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n\r\n`);
  const closed = await Promise.race([state.closed.then(() => true), sleep(6000 + 4000).then(() => false)]);
  socket.destroy();
  assert.equal(statusOf(state.data), 200);
  assert.ok(closed, 'the idle connection was still open 4 s after the idle time');
});

test('connections beyond the maximum are closed before any work, and the server serves again after', async () => {
  const sockets = [];
  const watched = [];
  try {
    // Keep MAX_CONNECTIONS connections open (each sends a byte now and then, within the header time).
    for (let i = 0; i < MAX_CONNECTIONS; i += 1) {
      const socket = await connect();
      sockets.push(socket);
      socket.write('G');
    }
    const extra = [];
    for (let i = 0; i < 10; i += 1) {
      const socket = await connect();
      extra.push(socket);
      watched.push(watch(socket));
      socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n\r\n`);
    }
    await Promise.race([Promise.all(watched.map((w) => w.closed)), sleep(1000)]);
    closeAll(extra);
    const refused = watched.filter((w) => w.data === '').length;
    assert.equal(refused, 10, `${10 - refused} connections beyond the maximum were served`);
  } finally {
    closeAll(sockets);
  }
  await sleep(300);
  assert.ok(await probe() < 1000);
});
