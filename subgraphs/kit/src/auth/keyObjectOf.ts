import { KeyObject, type webcrypto } from 'node:crypto';

// A WebCrypto key becomes a KeyObject once: the gateway signs with the same private key until
// it rotates, and a key set hands out the same public key for a `kid` until it is refetched.
const keyObjects = new WeakMap<webcrypto.CryptoKey, KeyObject>();

/** `key` as Node's `KeyObject`, for `crypto.sign` and `crypto.verify`, made once per key. */
export function keyObjectOf(key: webcrypto.CryptoKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}
