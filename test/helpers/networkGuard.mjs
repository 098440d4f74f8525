// Loaded with --import into the test process and every analysis worker: any attempt to reach
// a non-loopback address is recorded to $KYC_NETWORK_LOG and fails at once.
import net from 'node:net';
import dns from 'node:dns';
import { appendFileSync } from 'node:fs';

const logFile = process.env.KYC_NETWORK_LOG;
const record = (what) => {
  if (logFile) appendFileSync(logFile, `${what}\n`);
};
const loopback = (host) => !host || host === 'localhost' || String(host).startsWith('127.') || host === '::1';

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const opts = args[0] !== null && typeof args[0] === 'object' ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!opts.path && !loopback(opts.host)) {
    record(`connect ${opts.host}:${opts.port}`);
    throw new Error(`network access to ${opts.host} refused by the offline guard`);
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(host, ...rest) {
  if (!loopback(host)) {
    record(`dns ${host}`);
    const cb = rest.at(-1);
    if (typeof cb === 'function') return process.nextTick(cb, new Error(`DNS lookup of ${host} refused by the offline guard`));
  }
  return lookup.call(this, host, ...rest);
};

const realFetch = globalThis.fetch;
globalThis.fetch = async function guardedFetch(input, init) {
  const url = String(input?.url ?? input);
  if (!/^(https?:\/\/(127\.|localhost|\[::1\])|data:|blob:)/.test(url)) {
    record(`fetch ${url}`);
    throw new TypeError(`fetch of ${url} refused by the offline guard`);
  }
  return realFetch(input, init);
};
