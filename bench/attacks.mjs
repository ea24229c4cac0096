// Hostile loads for bench/http_load, on loopback only, each bounded in connections and seconds.
// Usage: node bench/attacks.mjs MODE URL PID
//   hold      keeps 1000 idle keep-alive connections and 200 connections trickling their headers
//             open (reopening those the server closes) until SIGTERM or 120 s;
//   trickle   64 connections trickling their headers for 12 s;
//   keepalive 200 keep-alive connections each sending a request every 4 s, for 12 s;
//   range     20 requests for a built asset with 2 700 ranges;
//   chunked   a 500 MiB chunked body (stops when the server answers or closes);
//   headers   a request with 1 000 000 header fields (stops when the server answers or closes).
// Except for hold, prints one JSON line: the peak growth of the server's resident memory (from
// /proc/PID/status, sampled every 20 ms) and what the server answered.
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [mode, base, pid] = process.argv.slice(2);
const { hostname: HOST, port: PORT_TEXT, host: HOST_HEADER } = new URL(base);
const PORT = Number(PORT_TEXT);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const rssKib = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);

function open(onClose) {
  const socket = net.connect(PORT, HOST);
  socket.setNoDelay(true);
  socket.on('error', () => {});
  socket.on('data', () => {});
  if (onClose) socket.on('close', onClose);
  return socket;
}

// A connection that writes its request line and then one header byte every interval.
function trickler(interval, sockets) {
  const socket = open(() => { sockets.delete(socket); });
  sockets.add(socket);
  socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`);
  const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('X')), interval);
  return socket;
}

async function hold() {
  const idle = new Set();
  const slow = new Set();
  let stopping = false;
  const refill = () => {
    if (stopping) return;
    while (idle.size < 1000) {
      const socket = open(() => { idle.delete(socket); });
      idle.add(socket);
      socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n\r\n`);
    }
    while (slow.size < 200) trickler(500, slow);
  };
  refill();
  const timer = setInterval(refill, 200);
  const stop = () => {
    stopping = true;
    clearInterval(timer);
    for (const socket of [...idle, ...slow]) socket.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await sleep(120_000);
  stop();
}

async function withPeak(work) {
  const before = rssKib();
  let peak = before;
  const timer = setInterval(() => { peak = Math.max(peak, rssKib()); }, 20);
  const answer = await work();
  await sleep(200);
  clearInterval(timer);
  peak = Math.max(peak, rssKib());
  console.log(JSON.stringify({ mode, rss_before_kib: before, peak_growth_kib: peak - before, ...answer }));
}

// Sends what produce() yields until the server answers or closes; returns its status and the bytes sent.
function flood(head, produce, limitBytes) {
  return new Promise((resolve) => {
    const socket = open();
    let answer = '';
    let sent = 0;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), bytes_sent: sent });
    };
    socket.on('data', (d) => { answer += d.toString('latin1'); });
    socket.on('close', finish);
    socket.write(head);
    // One piece at a time, yielding between them so that an answer is read as soon as it comes.
    const pump = () => {
      if (finished || answer !== '' || sent >= limitBytes) {
        setTimeout(finish, answer === '' ? 3000 : 200);
        return;
      }
      const piece = produce();
      sent += piece.length;
      if (socket.write(piece)) setImmediate(pump);
      else socket.once('drain', pump);
    };
    pump();
  });
}

const modes = {
  hold,
  trickle: () => withPeak(async () => {
    const sockets = new Set();
    for (let i = 0; i < 64; i += 1) trickler(200, sockets);
    await sleep(12_000);
    for (const socket of sockets) socket.destroy();
    return {};
  }),
  keepalive: () => withPeak(async () => {
    const sockets = Array.from({ length: 200 }, () => open());
    const send = () => sockets.forEach((s) => s.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n\r\n`));
    send();
    const timer = setInterval(send, 4000);
    await sleep(12_000);
    clearInterval(timer);
    sockets.forEach((s) => s.destroy());
    return {};
  }),
  range: () => withPeak(async () => {
    const index = await (await fetch(`${base}/`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)[1];
    const ranges = Array.from({ length: 2700 }, () => '0-').join(',');
    let bytes = 0;
    let status = 0;
    for (let i = 0; i < 20; i += 1) {
      const res = await fetch(`${base}${asset}`, { headers: { Range: `bytes=${ranges}` } });
      status = res.status;
      bytes += (await res.arrayBuffer()).byteLength;
    }
    return { status, bytes_received: bytes };
  }),
  chunked: () => withPeak(() => {
    const chunk = `10000\r\n${'a'.repeat(0x10000)}\r\n`;
    return flood(`POST /api/v1/organisations/search HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`
      + 'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', () => chunk, 500 * 1024 * 1024);
  }),
  headers: () => withPeak(() => {
    let index = 0;
    const block = () => {
      let text = '';
      for (let i = 0; i < 1000; i += 1) text += `X-H${index++}: v\r\n`;
      return text;
    };
    return flood(`GET /api/v1/health HTTP/1.1\r\nHost: ${HOST_HEADER}\r\n`, block, 1_000_000 * 12);
  }),
};

if (!modes[mode]) {
  console.error(`unknown mode ${mode}; one of ${Object.keys(modes).join(', ')}`);
  process.exit(2);
}
await modes[mode]();
