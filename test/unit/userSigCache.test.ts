// getUserSig's cache: reuse within half the validity, renewal after, separate entries, forgetUserSigs.
import { decodeUserSig, verifyUserSig } from '../emulator';
import * as userSigModule from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { forgetUserSigs, getUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const OTHER_KEY = 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff';
const T0 = 1_700_000_000_000;
const VALIDITY = 86400;
const HALF_MS = (VALIDITY * 1000) / 2;

let idCounter = 0;
/** A fresh identifier per test: the cache is module-wide. */
function credential(overrides: Partial<{ sdkAppId: number; identifier: string; secretKey: string; expireSeconds: number }> = {}) {
	idCounter++;
	return { sdkAppId: 1400000000, identifier: `admin${idCounter}`, secretKey: KEY, expireSeconds: VALIDITY, ...overrides };
}

const issuedAt = (sig: string) => decodeUserSig(sig)['TLS.time'];

describe('getUserSig cache', () => {
	it('signs with the injected clock (TLS.time = floor(nowMs / 1000)) and a valid signature', () => {
		const cred = credential();
		const sig = getUserSig(cred, T0 + 999);
		expect(issuedAt(sig)).toBe(Math.floor((T0 + 999) / 1000));
		expect(decodeUserSig(sig)['TLS.expire']).toBe(VALIDITY);
		expect(
			verifyUserSig({ userSig: sig, sdkAppId: cred.sdkAppId, identifier: cred.identifier, secretKey: KEY, nowSeconds: T0 / 1000 }).ok,
		).toBe(true);
	});

	it('returns the same UserSig for repeated calls within half the validity', () => {
		const cred = credential();
		const first = getUserSig(cred, T0);
		expect(getUserSig(cred, T0)).toBe(first);
		expect(getUserSig(cred, T0 + 1000)).toBe(first);
		expect(getUserSig(cred, T0 + HALF_MS - 1)).toBe(first);
	});

	it('signs a new UserSig (new TLS.time) once half the validity has passed', () => {
		const cred = credential();
		const first = getUserSig(cred, T0);
		const renewed = getUserSig(cred, T0 + HALF_MS);
		expect(renewed).not.toBe(first);
		expect(issuedAt(renewed)).toBe((T0 + HALF_MS) / 1000);
		// The renewed one is cached in turn.
		expect(getUserSig(cred, T0 + HALF_MS + 5000)).toBe(renewed);
	});

	it('renews relative to the validity chosen (short validity renews sooner)', () => {
		const cred = credential({ expireSeconds: 120 });
		const first = getUserSig(cred, T0);
		expect(getUserSig(cred, T0 + 59_000)).toBe(first);
		expect(issuedAt(getUserSig(cred, T0 + 60_000))).toBe(T0 / 1000 + 60);
	});

	it('keeps separate entries for different keys', () => {
		const cred = credential();
		const other = { ...cred, secretKey: OTHER_KEY };
		const withKey = getUserSig(cred, T0);
		const withOtherKey = getUserSig(other, T0 + 1000_000);
		expect(issuedAt(withOtherKey)).toBe(T0 / 1000 + 1000);
		expect(verifyUserSig({ userSig: withOtherKey, sdkAppId: cred.sdkAppId, identifier: cred.identifier, secretKey: OTHER_KEY, nowSeconds: T0 / 1000 + 1000 }).ok).toBe(true);
		// The first key's entry was neither replaced nor reused for the other key.
		expect(getUserSig(cred, T0 + 2000_000)).toBe(withKey);
		expect(getUserSig(other, T0 + 2000_000)).toBe(withOtherKey);
	});

	it('keeps separate entries for different identifiers and SDKAppIDs', () => {
		const cred = credential();
		const otherId = { ...cred, identifier: `${cred.identifier}-b` };
		const otherApp = { ...cred, sdkAppId: 1400000001 };
		const a = getUserSig(cred, T0);
		const b = getUserSig(otherId, T0 + 1000_000);
		const c = getUserSig(otherApp, T0 + 2000_000);
		expect(decodeUserSig(b)['TLS.identifier']).toBe(otherId.identifier);
		expect(decodeUserSig(c)['TLS.sdkappid']).toBe(1400000001);
		expect(getUserSig(cred, T0 + 3000_000)).toBe(a);
		expect(getUserSig(otherId, T0 + 3000_000)).toBe(b);
		expect(getUserSig(otherApp, T0 + 3000_000)).toBe(c);
	});

	it('keeps separate entries for different validities', () => {
		const cred = credential();
		const a = getUserSig(cred, T0);
		const b = getUserSig({ ...cred, expireSeconds: VALIDITY * 2 }, T0 + 1000);
		expect(decodeUserSig(b)['TLS.expire']).toBe(VALIDITY * 2);
		expect(getUserSig(cred, T0 + 2000)).toBe(a);
	});

	it('forgetUserSigs forces a new signature for that admin only', () => {
		const cred = credential();
		const bystander = credential();
		const first = getUserSig(cred, T0);
		const bystanderSig = getUserSig(bystander, T0);
		forgetUserSigs(cred.sdkAppId, cred.identifier);
		const fresh = getUserSig(cred, T0 + 1000);
		expect(fresh).not.toBe(first);
		expect(issuedAt(fresh)).toBe(T0 / 1000 + 1);
		expect(getUserSig(bystander, T0 + 1000)).toBe(bystanderSig);
	});

	it('forgetUserSigs drops entries of every key and validity of that admin', () => {
		const cred = credential();
		getUserSig(cred, T0);
		getUserSig({ ...cred, secretKey: OTHER_KEY }, T0);
		getUserSig({ ...cred, expireSeconds: 3600 }, T0);
		forgetUserSigs(cred.sdkAppId, cred.identifier);
		expect(issuedAt(getUserSig(cred, T0 + 5000))).toBe(T0 / 1000 + 5);
		expect(issuedAt(getUserSig({ ...cred, secretKey: OTHER_KEY }, T0 + 5000))).toBe(T0 / 1000 + 5);
		expect(issuedAt(getUserSig({ ...cred, expireSeconds: 3600 }, T0 + 5000))).toBe(T0 / 1000 + 5);
	});

	it('never exposes the secret key: not in the UserSig, not in anything the module exports', () => {
		const cred = credential();
		const sig = getUserSig(cred, T0);
		expect(sig).not.toContain(KEY);
		expect(JSON.stringify(decodeUserSig(sig))).not.toContain(KEY);
		for (const [name, value] of Object.entries(userSigModule)) {
			const text = typeof value === 'function' ? value.toString() : JSON.stringify(value);
			expect({ name, leaks: (text ?? '').includes(KEY) }).toEqual({ name, leaks: false });
		}
	});
});
