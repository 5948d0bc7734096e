import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a link may lead to: only public unicast ones, as ipaddr.js classifies them (loopback, private,
 * link-local with 169.254.169.254, carrier-grade NAT, multicast, reserved and the like are refused, IPv4 and IPv6,
 * IPv4-mapped IPv6 read as the IPv4 it carries).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request: resolves the host, refuses it if any of its addresses is not public, and hands the
 * socket the very address it checked, so a second DNS answer cannot differ from the one allowed.
 */
export function publicOnlyLookup(allowed: (host: string) => boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as LookupAddress[];
      const refused = list.find((entry) => !isPublicAddress(entry.address));
      if (refused && !allowed(hostname)) {
        return callback(new RefusedAddressError(`${hostname} resolves to ${refused.address}, which is not a public address`), '');
      }
      if (list.length === 0) return callback(new RefusedAddressError(`${hostname} has no address`), '');
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
