// An SMTP sink for the tests: accepts every message on --smtp PORT (plain SMTP, the subset a
// client needs: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and lists what it received as
// JSON on http://127.0.0.1:--http PORT/messages.
import net from 'node:net';
import http from 'node:http';

const arg = (name) => Number(process.argv[process.argv.indexOf(name) + 1]);
const messages = [];

function decodeWords(value) {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** Headers (lower-case names, folded lines joined) and the decoded body of a message or a part. */
function entity(data) {
  const split = data.indexOf('\r\n\r\n');
  const head = split < 0 ? data : data.slice(0, split);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = split < 0 ? '' : data.slice(split + 4);
  if (/base64/i.test(headers['content-transfer-encoding'] ?? '')) body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return { headers, body };
}

// A multipart/mixed message (a notice with an iCalendar invitation) lists its parts; its body is
// the text part, as a plain message's is.
function parse(data, envelope) {
  const { headers, body } = entity(data);
  const boundary = /multipart\/[a-z]+;.*boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) return { ...envelope, subject: decodeWords(headers.subject ?? ''), headers, body, parts: [] };
  const parts = body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--')).map((p) => {
    const part = entity(p.replace(/^\r\n/, ''));
    return { contentType: part.headers['content-type'] ?? '', disposition: part.headers['content-disposition'] ?? '', body: part.body };
  });
  const text = parts.find((p) => p.contentType.startsWith('text/plain'));
  return { ...envelope, subject: decodeWords(headers.subject ?? ''), headers, body: text?.body ?? '', parts };
}

net.createServer((socket) => {
  let buffer = '';
  let envelope = { from: null, to: [] };
  let inData = false;
  socket.setEncoding('utf8');
  socket.write('220 kenes-test-sink ESMTP\r\n');
  socket.on('data', (chunk) => {
    buffer += chunk;
    for (;;) {
      if (inData) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) return;
        const data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
        buffer = buffer.slice(end + 5);
        messages.push(parse(data, envelope));
        envelope = { from: null, to: [] };
        inData = false;
        socket.write('250 2.0.0 queued\r\n');
        continue;
      }
      const eol = buffer.indexOf('\r\n');
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') socket.write('250-kenes-test-sink\r\n250 8BITMIME\r\n');
      else if (verb === 'HELO' || verb === 'NOOP') socket.write('250 ok\r\n');
      else if (verb === 'MAIL') { envelope.from = line.match(/<([^>]*)>/)?.[1] ?? ''; socket.write('250 ok\r\n'); }
      else if (verb === 'RCPT') { envelope.to.push(line.match(/<([^>]*)>/)?.[1] ?? ''); socket.write('250 ok\r\n'); }
      else if (verb === 'DATA') { inData = true; socket.write('354 end with .\r\n'); }
      else if (verb === 'RSET') { envelope = { from: null, to: [] }; socket.write('250 ok\r\n'); }
      else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
      else socket.write('502 not implemented\r\n');
    }
  });
  socket.on('error', () => {});
}).listen(arg('--smtp'), '127.0.0.1');

http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ messages }));
}).listen(arg('--http'), '127.0.0.1');
