// Files joined to accompaniment records (issue 9): the type comes from the bytes (libmagic), never
// from the name; a file a browser would run, or one too large, is refused naming « fichier »;
// a download is always an attachment, byte for byte, for those who may read the record only;
// deleting the record or the attachment removes the file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { API, BASE, assertProblem, get, ok, post, qs, request, requireTokens, show, TOKENS } from './client.mjs';

requireTokens();
const DATA_DIR = process.env.RRMA_DATA_DIR;
if (!DATA_DIR) throw new Error('RRMA_DATA_DIR is missing: run through scripts/run-tests');
const stored = (id) => join(DATA_DIR, 'attachments', String(id));

const as = (token) => (token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const PDF = '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n'
  + 'trailer <</Root 1 0 R>>\n%%EOF\n';
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const upload = (id, name, body, token = TOKENS.staff, type = 'application/octet-stream') =>
  request('POST', `${API}/interactions/${id}/attachments${qs({ name })}`, {
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': type }, body,
  });
const made = (res) => {
  assert.equal(res.status, 201, show(res));
  return res.body;
};

let ts;
let mouans;

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  ts = networks.find((n) => n.name === 'Territoires Solidaires');
  mouans = ok(await get(`${API}/organisations${qs({ insee: '06084', category: 'commune' })}`)).items[0];
});

const record = async (visibility = 'private') => made(await post(`${API}/interactions`, {
  network_id: ts.id, visibility, date: '2026-11-20', type: 'appui_juridique', subject: 'Convention de partenariat',
  organisation_ids: [mouans.id],
}, as(TOKENS.staff)));

test('a PDF is joined, listed on the record, and downloaded byte for byte as an attachment', async () => {
  const interaction = await record();
  const res = await upload(interaction.id, 'Convention signée — Mouans.pdf', PDF, TOKENS.staff, 'application/pdf');
  const file = made(res);
  assert.equal(file.media_type, 'application/pdf');
  assert.equal(file.name, 'Convention signée — Mouans.pdf');
  assert.equal(file.size, Buffer.byteLength(PDF));
  const shown = ok(await get(`${API}/interactions/${interaction.id}`, as(TOKENS.staff)));
  assert.deepEqual(shown.attachments.map((a) => a.id), [file.id]);
  const download = await get(`${API}/interactions/${interaction.id}/attachments/${file.id}`, as(TOKENS.staff));
  assert.equal(download.status, 200, show(download));
  assert.equal(download.headers.get('content-type'), 'application/pdf');
  assert.match(download.headers.get('content-disposition'), /^attachment; filename="Convention sign_e _ Mouans.pdf"; filename\*=UTF-8''Convention%20sign%C3%A9e%20%E2%80%94%20Mouans.pdf$/);
  assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(download.text, PDF);
  assert.equal(readFileSync(stored(file.id), 'utf8'), PDF, 'the bytes are on disk under the data folder');
});

test('the type comes from the bytes: a PNG named .txt is an image kept as .txt.png, an HTML page named .pdf is refused', async () => {
  const interaction = await record();
  const png = made(await upload(interaction.id, 'notes.txt', PNG, TOKENS.staff, 'text/plain'));
  assert.equal(png.media_type, 'image/png');
  assert.equal(png.name, 'notes.txt.png', 'the name says what the bytes are');
  assertProblem(await upload(interaction.id, '..', PNG), 400, 'name');
  const html = await upload(interaction.id, 'rapport.pdf', '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', TOKENS.staff, 'application/pdf');
  assertProblem(html, 415, 'fichier');
  assert.match(html.body.detail, /text\/html/);
  const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
  assertProblem(await upload(interaction.id, 'outil.pdf', elf), 415, 'fichier');
  const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
  assertProblem(await upload(interaction.id, 'logo.png', svg), 415, 'fichier');
  const shown = ok(await get(`${API}/interactions/${interaction.id}`, as(TOKENS.staff)));
  assert.equal(shown.attachments.length, 1, 'only the PNG was kept');
});

test('a file above 10 MiB is refused naming « fichier », and nothing is kept', async () => {
  const interaction = await record();
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
  big.write('%PDF-1.4\n');
  const res = await upload(interaction.id, 'gros.pdf', big);
  assertProblem(res, 413, 'fichier');
  assert.match(res.body.detail, /10 Mo/);
  const exactly = Buffer.alloc(10 * 1024 * 1024, 0x20);
  exactly.write('%PDF-1.4\n');
  made(await upload(interaction.id, 'juste.pdf', exactly));
  const shown = ok(await get(`${API}/interactions/${interaction.id}`, as(TOKENS.staff)));
  assert.deepEqual(shown.attachments.map((a) => a.name), ['juste.pdf']);
});

test('bad names and empty files are refused, each naming its field', async () => {
  const interaction = await record();
  assertProblem(await request('POST', `${API}/interactions/${interaction.id}/attachments`, {
    ...as(TOKENS.staff), body: PDF,
  }), 400, 'name');
  assertProblem(await upload(interaction.id, 'ligne\ncoupée.pdf', PDF), 400, 'name');
  assertProblem(await upload(interaction.id, `${'x'.repeat(201)}.pdf`, PDF), 400, 'name');
  assertProblem(await upload(interaction.id, 'vide.pdf', ''), 400, 'fichier');
  const pathy = made(await upload(interaction.id, '../../etc/passwd.pdf', PDF));
  assert.equal(pathy.name, 'passwd.pdf', 'only the last part of a path is kept as the name');
  assertProblem(await upload(999999999, 'a.pdf', PDF), 404);
  assertProblem(await get(`${API}/interactions/${interaction.id}/attachments/999999999`, as(TOKENS.staff)), 404);
  assertProblem(await get(`${API}/interactions/${interaction.id}/attachments/abc`, as(TOKENS.staff)), 400);
});

test("another network's team neither reads nor adds files of a private record; the public reads a public one's", async () => {
  const hidden = await record('private');
  const file = made(await upload(hidden.id, 'privé.pdf', PDF));
  assertProblem(await get(`${API}/interactions/${hidden.id}/attachments/${file.id}`, as(TOKENS.otherStaff)), 404);
  assertProblem(await get(`${API}/interactions/${hidden.id}/attachments/${file.id}`), 404);
  assertProblem(await upload(hidden.id, 'intrus.pdf', PDF, TOKENS.otherStaff), 404);
  assertProblem(await upload(hidden.id, 'anonyme.pdf', PDF, null), 401);
  const open = await record('public');
  const shared = made(await upload(open.id, 'public.pdf', PDF));
  assert.equal((await get(`${API}/interactions/${open.id}/attachments/${shared.id}`)).status, 200);
  assertProblem(await request('DELETE', `${API}/interactions/${open.id}/attachments/${shared.id}`, as(TOKENS.otherStaff)), 403);
  // An attachment is reached only through its own record.
  assertProblem(await get(`${API}/interactions/${open.id}/attachments/${file.id}`), 404);
});

test('removing an attachment or its record removes the file; at most twenty per record', async () => {
  const interaction = await record();
  const files = [];
  for (let i = 0; i < 20; i += 1) files.push(made(await upload(interaction.id, `piece-${i}.pdf`, PDF)));
  assertProblem(await upload(interaction.id, 'une-de-trop.pdf', PDF), 409);
  assert.equal((await request('DELETE', `${API}/interactions/${interaction.id}/attachments/${files[0].id}`, as(TOKENS.staff))).status, 204);
  assertProblem(await get(`${API}/interactions/${interaction.id}/attachments/${files[0].id}`, as(TOKENS.staff)), 404);
  assert.ok(!existsSync(stored(files[0].id)), 'the removed file is gone from the disk');
  assert.ok(existsSync(stored(files[1].id)));
  made(await upload(interaction.id, 'remplacante.pdf', PDF));
  assert.equal((await request('DELETE', `${API}/interactions/${interaction.id}`, as(TOKENS.staff))).status, 204);
  assertProblem(await get(`${API}/interactions/${interaction.id}/attachments/${files[1].id}`, as(TOKENS.staff)), 404);
  assert.ok(files.every((f) => !existsSync(stored(f.id))), 'the record took its files along');
});

test('a file altered on disk is not served: 503, said in French', async () => {
  const interaction = await record();
  const file = made(await upload(interaction.id, 'compte-rendu.pdf', PDF));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(stored(file.id), PDF.replace('1.4', '1.7'));
  const res = await get(`${API}/interactions/${interaction.id}/attachments/${file.id}`, as(TOKENS.staff));
  assert.equal(res.status, 503, show(res));
  assert.match(res.body.detail, /altéré/);
});

/** Sends only the headers of an upload announcing `length` bytes; the answer (status, text) and how long it took. */
const headersOnly = (path, length, extra = '') => new Promise((resolve, reject) => {
  const { hostname, port } = new URL(BASE);
  const started = Date.now();
  const socket = connect(Number(port), hostname, () => {
    socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/pdf\r\n${extra}`
      + `Content-Length: ${length}\r\n\r\n%PDF-1.4\n`);
  });
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => { text += chunk; });
  socket.on('error', reject);
  socket.on('close', () => resolve({ status: Number(text.split(' ')[1]), text, ms: Date.now() - started }));
  socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
});

test('an anonymous large upload is refused from its headers at once, and holds no place from signed-in senders', async () => {
  const interaction = await record();
  const path = `/api/v1/interactions/${interaction.id}/attachments?name=gros.pdf`;
  // More anonymous senders than there are upload places, each announcing 5 MB and sending none.
  const anonymous = await Promise.all(Array.from({ length: 6 }, () => headersOnly(path, 5_000_000)));
  for (const answer of anonymous) {
    assert.equal(answer.status, 401, answer.text);
    assert.match(answer.text, /application\/problem\+json/);
    assert.ok(answer.ms < 5000, `answered after ${answer.ms} ms, not after the body's timeout`);
  }
  const revoked = await headersOnly(path, 5_000_000, `Authorization: Bearer ${TOKENS.revoked}\r\n`);
  assert.equal(revoked.status, 401, revoked.text);
  const pdf = Buffer.alloc(2 * 1024 * 1024, 0x20);
  pdf.write('%PDF-1.4\n');
  made(await upload(interaction.id, 'deux-mo.pdf', pdf));
});

test('a file sent in chunks past 10 MiB is refused naming « fichier », like an announced one', async () => {
  const interaction = await record();
  const { hostname, port } = new URL(BASE);
  const answer = await new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, async () => {
      socket.write(`POST /api/v1/interactions/${interaction.id}/attachments?name=morceaux.pdf HTTP/1.1\r\n`
        + `Host: ${hostname}\r\nAuthorization: Bearer ${TOKENS.staff}\r\nTransfer-Encoding: chunked\r\n\r\n`);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let k = 0; k < 11 && !socket.destroyed; k += 1) {
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        await new Promise((done) => socket.write('\r\n', done));
      }
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (data) => { text += data; });
    socket.on('error', () => {});  // the server closes while the rest is still being sent
    socket.on('close', () => resolve(text));
    socket.setTimeout(20_000, () => { socket.destroy(); reject(new Error('no answer within 20 s')); });
  });
  assert.match(answer, /^HTTP\/1\.1 413 /);
  assert.match(answer, /"field":"fichier"/);
  assert.match(answer, /10 Mo/);
  const shown = ok(await get(`${API}/interactions/${interaction.id}`, as(TOKENS.staff)));
  assert.deepEqual(shown.attachments, []);
});
