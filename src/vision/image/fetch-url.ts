// Downloads an image named by URL for the `{"url": …}` form of every operation:
// http(s) only, a deadline, a byte cap, a few redirects, and — unless the operator
// allows it — no connection to loopback, private, link-local or other internal
// addresses. The address is checked at connect time (in the DNS lookup the socket
// uses), so a redirect or a DNS answer cannot smuggle an internal target past it.
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { lookup as dnsLookup } from 'node:dns';
import { VisionError } from '../vision-error.ts';

export interface FetchImageOptions {
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
  allowPrivateAddresses?: boolean;
}

const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) INTERNAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) INTERNAL.addSubnet(net, prefix, 'ipv6');

export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return INTERNAL.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

class InternalAddressError extends Error {}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as unknown as { address: string; family: number }[];
    const bad = list.find((a) => isInternalAddress(a.address));
    if (bad) return callback(new InternalAddressError(`${hostname} resolves to the internal address ${bad.address}`), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

function invalidUrl(why: string): VisionError {
  return new VisionError('InvalidImageUrl', `Image URL is badly formatted or cannot be used: ${why}.`);
}

function downloadFailed(why: string): VisionError {
  return new VisionError('InvalidImageUrl', `Failed to download the image from the specified URL: ${why}.`);
}

export function parseImageUrl(value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '') throw invalidUrl('the body must be JSON {"url": "<http or https URL>"}');
  let url: URL;
  try { url = new URL(value); } catch { throw invalidUrl(`"${value.slice(0, 200)}" is not a URL`); }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidUrl(`only http and https URLs are supported, not ${url.protocol.replace(':', '')}`);
  return url;
}

export async function fetchImage(target: URL, options: FetchImageOptions): Promise<Buffer> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  let url = target;
  for (let hop = 0; ; hop++) {
    const literalHost = url.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivateAddresses && isIP(literalHost) && isInternalAddress(literalHost)) {
      throw invalidUrl(`${literalHost} is an internal address`);
    }
    const res = await get(url, options, Math.max(1, deadline - Date.now()));
    if (res.redirect) {
      if (hop >= (options.maxRedirects ?? 3)) throw downloadFailed('too many redirects');
      url = parseImageUrl(new URL(res.redirect, url).toString());
      continue;
    }
    return res.body!;
  }
}

function get(url: URL, options: FetchImageOptions, timeoutMs: number): Promise<{ redirect?: string; body?: Buffer }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const req = client.get(url, {
      lookup: options.allowPrivateAddresses ? undefined : guardedLookup,
      headers: { accept: 'image/*', 'user-agent': 'Portico-ComputerVision/1.0' },
      timeout: timeoutMs,
    }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        return resolve({ redirect: res.headers.location });
      }
      if (status !== 200) {
        res.resume();
        return reject(downloadFailed(`the server answered ${status}`));
      }
      const declared = Number(res.headers['content-length']);
      if (declared > options.maxBytes) {
        res.destroy();
        return reject(new VisionError('InvalidImageSize', `Input image is too large: ${declared} bytes; the limit is ${options.maxBytes} bytes.`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          res.destroy();
          reject(new VisionError('InvalidImageSize', `Input image is too large: more than ${options.maxBytes} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
      res.on('error', (e) => reject(downloadFailed(e.message)));
    });
    const timer = setTimeout(() => req.destroy(new Error(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (e) => {
      if (e instanceof InternalAddressError) reject(invalidUrl(e.message));
      else reject(downloadFailed(e.message));
    });
  });
}
