// Addresses and CIDR ranges as the network rules and trusted proxies read them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ipMatcher, parseIp, parseIpRange, type IpRange } from '../../src/util/ip-range.ts';

const ranges = (...texts: string[]): IpRange[] => texts.map((t) => {
  const range = parseIpRange(t);
  assert.ok(range, `${t} should parse`);
  return range;
});
const matches = (rules: string[], address: string) => ipMatcher(ranges(...rules))(address);

describe('IP ranges', () => {
  it('read IPv4 and IPv6 addresses, with :: and embedded IPv4 parts, as 128-bit words', () => {
    assert.deepEqual(parseIp('10.0.0.1'), [0, 0, 0xffff, 0x0a000001]);
    assert.deepEqual(parseIp('::ffff:10.0.0.1'), [0, 0, 0xffff, 0x0a000001]);
    assert.deepEqual(parseIp('::ffff:a00:1'), [0, 0, 0xffff, 0x0a000001]);
    assert.deepEqual(parseIp('2001:db8::1'), [0x20010db8, 0, 0, 1]);
    assert.deepEqual(parseIp('::'), [0, 0, 0, 0]);
    assert.deepEqual(parseIp('::1'), [0, 0, 0, 1]);
    assert.deepEqual(parseIp('fe80::1%eth0'), [0xfe800000, 0, 0, 1]);
    assert.deepEqual(parseIp('1:2:3:4:5:6:7:8'), [0x10002, 0x30004, 0x50006, 0x70008]);
    assert.deepEqual(parseIp('64:ff9b::192.0.2.33'), [0x0064ff9b, 0, 0, 0xc0000221]);
  });

  it('refuse what is not an address or a range', () => {
    for (const bad of ['', '10.0.0', '10.0.0.256', '10.0.0.1/33', '10.0.0.1/', '10.0.0.1/-1', '10.0.0.1/8/8', '2001:db8::/129',
      '2001:db8:::1', 'gggg::', 'localhost', ' 10.0.0.1', '10.0.0.1/ 8', 'fe80::1%eth0']) {
      assert.equal(parseIpRange(bad), undefined, `"${bad}" should be refused`);
    }
  });

  it('match IPv4 CIDR ranges at their boundaries', () => {
    assert.equal(matches(['10.0.0.0/8'], '10.255.255.255'), true);
    assert.equal(matches(['10.0.0.0/8'], '11.0.0.0'), false);
    assert.equal(matches(['192.168.1.0/24'], '192.168.1.77'), true);
    assert.equal(matches(['192.168.1.0/24'], '192.168.2.1'), false);
    assert.equal(matches(['172.16.0.0/12'], '172.31.255.1'), true);
    assert.equal(matches(['172.16.0.0/12'], '172.32.0.1'), false);
    assert.equal(matches(['203.0.113.9'], '203.0.113.9'), true);
    assert.equal(matches(['203.0.113.9'], '203.0.113.10'), false);
    assert.equal(matches(['0.0.0.0/0'], '8.8.8.8'), true);
  });

  it('ignore host bits below the prefix, as route tables do', () => {
    assert.equal(matches(['10.1.2.3/16'], '10.1.200.200'), true);
    assert.equal(matches(['10.1.2.3/16'], '10.2.0.1'), false);
  });

  it('match IPv6 ranges, including prefixes that split a word', () => {
    assert.equal(matches(['2001:db8::/32'], '2001:db8:ffff::1'), true);
    assert.equal(matches(['2001:db8::/32'], '2001:db9::1'), false);
    assert.equal(matches(['2001:db8:abcd:12::/60'], '2001:db8:abcd:1f::1'), true);
    assert.equal(matches(['2001:db8:abcd:12::/60'], '2001:db8:abcd:20::1'), false);
    assert.equal(matches(['::1'], '::1'), true);
    assert.equal(matches(['::/0'], '2001:db8::5'), true);
  });

  it('match an IPv4-mapped IPv6 client against IPv4 rules, and the other way round', () => {
    assert.equal(matches(['10.0.0.0/8'], '::ffff:10.0.0.1'), true);
    assert.equal(matches(['10.0.0.0/8'], '::ffff:11.0.0.1'), false);
    assert.equal(matches(['::ffff:10.0.0.0/104'], '10.20.30.40'), true);
  });

  it('keep the families apart otherwise: an IPv4 rule does not match an IPv6 address', () => {
    assert.equal(matches(['0.0.0.0/0'], '2001:db8::1'), false);
    assert.equal(matches(['0.0.0.0/0'], '::1'), false);
  });

  it('match nothing for an address that does not parse', () => {
    assert.equal(matches(['0.0.0.0/0', '::/0'], 'unknown'), false);
    assert.equal(matches(['0.0.0.0/0'], ''), false);
  });
});
