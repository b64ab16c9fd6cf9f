import { BlockList, isIP } from 'node:net';

/**
 * Whether an IP address is on the public internet. Where a URL comes from outside — an issuer named in a
 * credential, a feed a provider registered — the server must not be led to its own network: loopback,
 * private, link-local, carrier-grade NAT, benchmarking, multicast and reserved ranges, and IPv4-mapped IPv6
 * (which would reach any IPv4 address behind the check) are refused. Anything that is not an IP is not public.
 */

const nonPublicNetworks = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  nonPublicNetworks.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const)
  nonPublicNetworks.addSubnet(network, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && !nonPublicNetworks.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
