// socket.io's own server (the reference implementation, pinned in package.json) on a loopback
// port, for the Socket.IO tests of crates/localpost-core: `node socketio-server.js` prints
// `listening PORT` and serves until its standard input closes.
//
// On the main namespace it greets each client (`welcome`, with the Authorization header and
// the `auth` the client sent), echoes `echo` back as `echo` with the same arguments,
// acknowledges `ask` with `["answer", ...args]`, sends `files` with two binary attachments
// when asked by `send-files`, emits `question` asking the client for an acknowledgement and
// reports the answer as `answered`, and disconnects the client on `bye`. The `/admin`
// namespace refuses a client whose `auth.token` is not `let-me-in`. A second server on the same
// port serves at the handshake path `/custom-path/` and greets each client with
// `custom-welcome` and the `auth` it sent.
const http = require('http');
const { Server } = require('socket.io');

const server = http.createServer();
const io = new Server(server, { pingInterval: 300, pingTimeout: 2000 });

io.on('connection', (socket) => {
  socket.emit('welcome', {
    authorization: socket.handshake.headers.authorization || null,
    auth: socket.handshake.auth,
    query: socket.handshake.query.room || null,
  });
  socket.on('echo', (...args) => socket.emit('echo', ...args));
  socket.on('ask', (...args) => {
    const ack = args.pop();
    if (typeof ack === 'function') ack('answer', ...args);
  });
  socket.on('send-files', () =>
    socket.emit('files', Buffer.from([1, 2, 3]), { nested: Buffer.from('hi') }),
  );
  socket.on('quiz', () =>
    socket.emit('question', 'six times seven?', (answer) => socket.emit('answered', answer)),
  );
  socket.on('bye', () => socket.disconnect(true));
});

const admin = io.of('/admin');
admin.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === 'let-me-in') return next();
  const error = new Error('not authorized');
  error.data = { hint: 'send auth.token' };
  next(error);
});
admin.on('connection', (socket) => socket.emit('admin-welcome', socket.nsp.name));

const custom = new Server(server, { path: '/custom-path/' });
custom.on('connection', (socket) => {
  socket.emit('custom-welcome', socket.handshake.auth);
  socket.on('echo', (...args) => socket.emit('echo', ...args));
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
