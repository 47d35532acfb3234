// redactSecrets: no UserSig or secret key survives in a message; ordinary text does.
import { errorInfoFor } from '../emulator/replies';
import { TENCENT_ERROR_CODES, UNKNOWN_ERROR_CODE } from '../../nodes/TencentChatOfficialAccount/tencent/errorCodes';
import { signUserSig } from '../../nodes/TencentChatOfficialAccount/tencent/userSig';
import { redactSecrets } from '../../nodes/TencentChatOfficialAccount/transport/redact';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const USER_SIG = signUserSig({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: KEY, issuedAt: 1700000000, expireSeconds: 86400 });

describe('redactSecrets', () => {
	it('removes the usersig query value and keeps the other query parameters', () => {
		const text = `request to https://console.tim.qq.com/v4/im_open_login_svc/account_check?sdkappid=1400000000&identifier=administrator&usersig=${USER_SIG}&random=12345&contenttype=json failed, reason: socket hang up`;
		const redacted = redactSecrets(text);
		expect(redacted).not.toContain(USER_SIG);
		expect(redacted).toContain('usersig=[redacted]');
		expect(redacted).toContain('sdkappid=1400000000');
		expect(redacted).toContain('identifier=administrator');
		expect(redacted).toContain('random=12345');
		expect(redacted).toContain('contenttype=json');
		expect(redacted).toContain('failed, reason: socket hang up');
	});

	it('removes short usersig values too, case-insensitively, up to a quote, space or &', () => {
		expect(redactSecrets('UserSig=abc123&x=1')).toBe('usersig=[redacted]&x=1');
		expect(redactSecrets('"url":"/v4/x?usersig=abc"')).toBe('"url":"/v4/x?usersig=[redacted]"');
		expect(redactSecrets("usersig=abc' and usersig=def next")).toBe("usersig=[redacted]' and usersig=[redacted] next");
	});

	it('removes a 64-hex secret key anywhere in the text', () => {
		for (const text of [`key ${KEY} was rejected`, `${KEY}`, `(${KEY.toUpperCase()})`, `key=${KEY};`]) {
			const redacted = redactSecrets(text);
			expect(redacted).not.toContain(KEY);
			expect(redacted.toLowerCase()).not.toContain(KEY.slice(8, 40));
			expect(redacted).toContain('[redacted]');
		}
	});

	it('removes a bare UserSig (URL-safe alphabet with * - _) anywhere in the text', () => {
		expect(USER_SIG).toMatch(/[*_-]/);
		for (const sig of [USER_SIG, signUserSig({ sdkAppId: 1, identifier: 'x', secretKey: 'k', issuedAt: 1, expireSeconds: 60 })]) {
			const redacted = redactSecrets(`UserSig ${sig} could not be parsed`);
			expect(redacted).not.toContain(sig.slice(0, 24));
			expect(redacted).not.toContain(sig.slice(-24));
			expect(redacted).toBe('UserSig [redacted] could not be parsed');
		}
	});

	it('removes a standard-base64 HMAC-length token run (e.g. a UserSig decoded by a proxy)', () => {
		const standard = Buffer.from(USER_SIG.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64').toString('base64');
		expect(redactSecrets(`sig: ${standard}`)).toBe('sig: [redacted]');
	});

	it('keeps Tencent ErrorInfo texts intact', () => {
		const codes = [6017, 10004, 20001, 20005, 60002, 60003, 60004, 60007, 60008, 60009, 60010, 60011, 60012, 60018, 70001, 70003, 70009, 70013, 70014, 70016, 70020, 70050, 130002, 130004, 130007];
		for (const code of codes) {
			const text = errorInfoFor(code);
			expect(redactSecrets(text)).toBe(text);
		}
	});

	it("keeps the package's own meanings and fixes intact", () => {
		for (const entry of [...Object.values(TENCENT_ERROR_CODES), UNKNOWN_ERROR_CODE]) {
			expect(redactSecrets(entry.meaning)).toBe(entry.meaning);
			expect(redactSecrets(entry.fix)).toBe(entry.fix);
		}
	});

	it('keeps ordinary messages with IDs, codes and host names intact', () => {
		const texts = [
			'',
			'connect ECONNREFUSED 127.0.0.1:443',
			'getaddrinfo EAI_AGAIN adminapisgp.im.qcloud.com',
			'timeout of 10000ms exceeded',
			'Official account @TOA#_@TOA#dOEF has no subscriber 966582476',
			'SubscriberToDel_Account: 107867, 966582476, user_0001',
			'Invalid request parameter. Please check the request parameters and try again.',
			'The usersig parameter is missing',
		];
		for (const text of texts) expect(redactSecrets(text)).toBe(text);
	});
});
