/**
 * Tencent's UserSig (TLSSigAPIv2): an HMAC-SHA256 over the identity and validity, wrapped in JSON,
 * zlib-framed and base64-encoded with a URL-safe alphabet.
 */
import { createHash, createHmac } from 'node:crypto';

import { zlibStored } from './zlibStored';

export interface UserSigInput {
	sdkAppId: number;
	identifier: string;
	secretKey: string;
	/** Seconds the signature stays valid. */
	expireSeconds: number;
	/** Unix seconds the signature is issued at. */
	issuedAt: number;
}

/** The exact string Tencent verifies; the order (time before expire) and the trailing newlines matter. */
export function userSigContent(sdkAppId: number, identifier: string, issuedAt: number, expireSeconds: number): string {
	return (
		`TLS.identifier:${identifier}\n` +
		`TLS.sdkappid:${sdkAppId}\n` +
		`TLS.time:${issuedAt}\n` +
		`TLS.expire:${expireSeconds}\n`
	);
}

/** base64(HMAC-SHA256(key as UTF-8 bytes, content)), standard alphabet. */
export function userSigHmac(input: UserSigInput): string {
	return createHmac('sha256', input.secretKey)
		.update(userSigContent(input.sdkAppId, input.identifier, input.issuedAt, input.expireSeconds))
		.digest('base64');
}

/** Tencent's URL-safe base64: `+`→`*`, `/`→`-`, `=`→`_`. */
export function toTencentBase64(data: Buffer): string {
	return data.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

export function signUserSig(input: UserSigInput): string {
	const json = JSON.stringify({
		'TLS.ver': '2.0',
		'TLS.identifier': input.identifier,
		'TLS.sdkappid': input.sdkAppId,
		'TLS.time': input.issuedAt,
		'TLS.expire': input.expireSeconds,
		'TLS.sig': userSigHmac(input),
	});
	return toTencentBase64(zlibStored(Buffer.from(json, 'utf8')));
}

/**
 * Signatures are cached per (SDKAppID, identifier, key) and renewed once half their validity has passed,
 * so a long-running workflow never sends one that is about to expire. The key itself is never stored:
 * the cache is keyed by a SHA-256 digest of it.
 */
interface CachedUserSig {
	userSig: string;
	sdkAppId: number;
	identifier: string;
	renewAfterMs: number;
}

const userSigCache = new Map<string, CachedUserSig>();

/** Renew at this fraction of the validity: "well before" expiry, whatever validity the user chose. */
export const USER_SIG_RENEW_AT_FRACTION = 0.5;

function cacheKey(sdkAppId: number, identifier: string, secretKey: string, expireSeconds: number): string {
	return createHash('sha256')
		.update(`${sdkAppId}\n${identifier}\n${expireSeconds}\n${secretKey}`)
		.digest('hex');
}

export function getUserSig(
	credential: Omit<UserSigInput, 'issuedAt'>,
	nowMs: number = Date.now(),
): string {
	const key = cacheKey(credential.sdkAppId, credential.identifier, credential.secretKey, credential.expireSeconds);
	const cached = userSigCache.get(key);
	if (cached && nowMs < cached.renewAfterMs) return cached.userSig;
	const issuedAt = Math.floor(nowMs / 1000);
	const userSig = signUserSig({ ...credential, issuedAt });
	userSigCache.set(key, {
		userSig,
		sdkAppId: credential.sdkAppId,
		identifier: credential.identifier,
		renewAfterMs: issuedAt * 1000 + credential.expireSeconds * 1000 * USER_SIG_RENEW_AT_FRACTION,
	});
	return userSig;
}

/** Drops cached signatures of one admin, so the next request signs afresh (after Tencent said 70001). */
export function forgetUserSigs(sdkAppId: number, identifier: string): void {
	for (const [key, entry] of userSigCache) {
		if (entry.sdkAppId === sdkAppId && entry.identifier === identifier) userSigCache.delete(key);
	}
}
