// UserSig (TLSSigAPIv2) against the shared research doc §4.4 vectors and the emulator's independent verifier.
import { inflateSync } from 'node:zlib';

import { decodeUserSig, DEFAULT_APP, userSigHmac as referenceHmac, verifyUserSig } from '../emulator';
import {
	signUserSig,
	toTencentBase64,
	userSigContent,
	userSigHmac,
	type UserSigInput,
} from '../../nodes/TencentChatOfficialAccount/tencent/userSig';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

const VECTOR_A: UserSigInput = {
	sdkAppId: 1400000000,
	secretKey: KEY,
	identifier: 'administrator',
	issuedAt: 1700000000,
	expireSeconds: 86400,
};
const VECTOR_A_HMAC = 'yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60=';
const VECTOR_A_JSON =
	'{"TLS.ver":"2.0","TLS.identifier":"administrator","TLS.sdkappid":1400000000,"TLS.time":1700000000,"TLS.expire":86400,"TLS.sig":"yLAe+w7WUeUuqbV9h/TX78u21oTGi+i9Zp1u3PpnY60="}';

const VECTOR_B: UserSigInput = { ...VECTOR_A, identifier: 'xiaojun', expireSeconds: 15552000 };
const VECTOR_B_HMAC = 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=';

/** Reverses Tencent's URL-safe alphabet (`*`→`+`, `-`→`/`, `_`→`=`) and inflates, written here from the doc. */
function inflateUserSig(userSig: string): string {
	const standard = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
	return inflateSync(Buffer.from(standard, 'base64')).toString('utf8');
}

describe('userSigContent', () => {
	it('is the doc string: identifier, sdkappid, time, expire, each line ending in a newline', () => {
		expect(userSigContent(1400000000, 'administrator', 1700000000, 86400)).toBe(
			'TLS.identifier:administrator\nTLS.sdkappid:1400000000\nTLS.time:1700000000\nTLS.expire:86400\n',
		);
	});
});

describe('userSigHmac (doc §4.4 vectors)', () => {
	it('vector A', () => {
		expect(userSigHmac(VECTOR_A)).toBe(VECTOR_A_HMAC);
	});

	it('vector B', () => {
		expect(userSigHmac(VECTOR_B)).toBe(VECTOR_B_HMAC);
	});

	it('agrees with the emulator reference HMAC for other inputs', () => {
		const inputs: UserSigInput[] = [
			{ sdkAppId: 1400000001, secretKey: 'short-key', identifier: 'boss', issuedAt: 1, expireSeconds: 60 },
			{ sdkAppId: 20000000, secretKey: 'kéy-ütf8', identifier: 'a b', issuedAt: 1800000000, expireSeconds: 31536000 },
		];
		for (const input of inputs) {
			expect(userSigHmac(input)).toBe(
				referenceHmac(input.secretKey, input.identifier, input.sdkAppId, input.issuedAt, input.expireSeconds),
			);
		}
	});

	it('changes when any signed field changes', () => {
		const base = userSigHmac(VECTOR_A);
		expect(userSigHmac({ ...VECTOR_A, issuedAt: VECTOR_A.issuedAt + 1 })).not.toBe(base);
		expect(userSigHmac({ ...VECTOR_A, expireSeconds: VECTOR_A.expireSeconds + 1 })).not.toBe(base);
		expect(userSigHmac({ ...VECTOR_A, sdkAppId: VECTOR_A.sdkAppId + 1 })).not.toBe(base);
		expect(userSigHmac({ ...VECTOR_A, identifier: 'administrator2' })).not.toBe(base);
		expect(userSigHmac({ ...VECTOR_A, secretKey: `${KEY}0` })).not.toBe(base);
	});
});

describe('signUserSig', () => {
	it('inflates (after reversing the URL-safe alphabet) to exactly the vector A JSON', () => {
		expect(inflateUserSig(signUserSig(VECTOR_A))).toBe(VECTOR_A_JSON);
	});

	it('carries the vector B HMAC', () => {
		const payload = JSON.parse(inflateUserSig(signUserSig(VECTOR_B))) as Record<string, unknown>;
		expect(payload['TLS.sig']).toBe(VECTOR_B_HMAC);
		expect(payload['TLS.identifier']).toBe('xiaojun');
		expect(payload['TLS.expire']).toBe(15552000);
	});

	it('is accepted by the emulator verifier while valid', () => {
		const verdict = verifyUserSig({
			userSig: signUserSig(VECTOR_A),
			sdkAppId: VECTOR_A.sdkAppId,
			identifier: VECTOR_A.identifier,
			secretKey: DEFAULT_APP.secretKey,
			nowSeconds: VECTOR_A.issuedAt + 60,
		});
		expect(verdict.ok).toBe(true);
		expect(decodeUserSig(signUserSig(VECTOR_A))['TLS.sig']).toBe(VECTOR_A_HMAC);
	});

	it('is rejected by the emulator verifier (70009) when signed with another key', () => {
		const verdict = verifyUserSig({
			userSig: signUserSig({ ...VECTOR_A, secretKey: 'another-app-secret-key' }),
			sdkAppId: VECTOR_A.sdkAppId,
			identifier: VECTOR_A.identifier,
			secretKey: DEFAULT_APP.secretKey,
			nowSeconds: VECTOR_A.issuedAt + 60,
		});
		expect(verdict).toMatchObject({ ok: false, errorCode: 70009 });
	});

	it('is rejected as expired (70001) after time + expire', () => {
		const verdict = verifyUserSig({
			userSig: signUserSig(VECTOR_A),
			sdkAppId: VECTOR_A.sdkAppId,
			identifier: VECTOR_A.identifier,
			secretKey: KEY,
			nowSeconds: VECTOR_A.issuedAt + VECTOR_A.expireSeconds + 1,
		});
		expect(verdict).toMatchObject({ ok: false, errorCode: 70001 });
	});

	it('uses only the URL-safe alphabet, which encodeURIComponent and URLSearchParams leave unchanged', () => {
		for (let i = 0; i < 60; i++) {
			const sig = signUserSig({ ...VECTOR_A, identifier: `user${i}`, issuedAt: VECTOR_A.issuedAt + i * 7919 });
			expect(sig).toMatch(/^[A-Za-z0-9*_-]+$/);
			expect(encodeURIComponent(sig)).toBe(sig);
			expect(new URLSearchParams({ usersig: sig }).toString()).toBe(`usersig=${sig}`);
		}
	});
});

describe('toTencentBase64', () => {
	it('maps + / = to * - _ and nothing else', () => {
		// 0xfb 0xff → standard base64 "+/8=" exercises all three replacements.
		const bytes = Buffer.from([0xfb, 0xff, 0xfb, 0xef, 0xbe, 0x00, 0x41]);
		const standard = bytes.toString('base64');
		expect(standard).toMatch(/[+/=]/);
		const safe = toTencentBase64(bytes);
		expect(safe).toBe(standard.split('+').join('*').split('/').join('-').split('=').join('_'));
		expect(encodeURIComponent(safe)).toBe(safe);
	});

	it('round-trips every byte value', () => {
		const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
		const safe = toTencentBase64(all);
		expect(Buffer.from(safe.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64').equals(all)).toBe(true);
	});
});
