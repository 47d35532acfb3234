import { COMMANDS } from '../../nodes/TencentChatOfficialAccount/tencent/contract';
// The error catalogue: complete texts, the documented handling, and wording that follows n8n's UX guidelines.
import {
	describeErrorCode,
	TENCENT_ERROR_CODES,
	UNKNOWN_ERROR_CODE,
	type ErrorHandling,
} from '../../nodes/TencentChatOfficialAccount/tencent/errorCodes';
import {
	failureFix,
	failureHandling,
	failureSummary,
	type CallFailure,
} from '../../nodes/TencentChatOfficialAccount/transport/callFailure';

const entries = Object.entries(TENCENT_ERROR_CODES).map(([code, entry]) => [Number(code), entry] as const);

/** Words n8n's UX guidelines ask node messages to avoid (plurals included). */
const DISCOURAGED = /\b(errors?|problems?|failures?|mistakes?)\b/i;

describe('TENCENT_ERROR_CODES', () => {
	it('is not empty and keyed by integer codes', () => {
		expect(entries.length).toBeGreaterThan(20);
		for (const [code] of entries) expect(Number.isInteger(code) && code > 0).toBe(true);
	});

	it.each(entries)('%i has a non-empty meaning and fix', (_code, entry) => {
		expect(entry.meaning.trim().length).toBeGreaterThan(5);
		expect(entry.fix.trim().length).toBeGreaterThan(5);
		expect(entry.fix).not.toBe(entry.meaning);
	});

	it.each([
		[20005, 'retry'],
		[10004, 'retryOnce'],
		[60007, 'throttle'],
		[60011, 'throttle'],
		[60018, 'throttle'],
		[60019, 'throttle'],
		[70001, 'resign'],
		[70050, 'waitMinute'],
	] as Array<[number, ErrorHandling]>)('documented code %i is handled as %s', (code, handling) => {
		expect(TENCENT_ERROR_CODES[code]).toBeDefined();
		expect(describeErrorCode(code).handling).toBe(handling);
		expect(failureHandling({ kind: 'api', code, info: '' })).toBe(handling);
	});

	it.each([6017, 20001, 60002, 60003, 60009, 60010, 60020, 60021, 70003, 70009, 70013, 70014, 70016, 70020, 130002, 130004, 130007, 131000])(
		'documented non-retryable code %i is final',
		(code) => {
			expect(TENCENT_ERROR_CODES[code]).toBeDefined();
			expect(describeErrorCode(code).handling).toBe('final');
		},
	);

	it('only the documented throttling codes are throttled', () => {
		const throttled = entries.filter(([, entry]) => entry.handling === 'throttle').map(([code]) => code).sort();
		expect(throttled).toEqual([60007, 60011, 60018, 60019]);
	});

	it('throttled codes are caused by the rate limit, retried ones are temporary', () => {
		for (const [code, entry] of entries) {
			if (entry.handling === 'throttle') expect({ code, cause: entry.cause }).toEqual({ code, cause: 'rate-limited' });
			if (entry.handling === 'retry') expect({ code, cause: entry.cause }).toEqual({ code, cause: 'temporarily-unavailable' });
		}
	});

	it("10023 is Send's own frequency limit there (retried a few times), and final elsewhere", () => {
		const onSend = describeErrorCode(10023, COMMANDS.sendMessage);
		expect(onSend.handling).toBe('sendFrequency');
		expect(onSend.cause).toBe('rate-limited');
		expect(onSend.meaning).toMatch(/1 message per second and 2 broadcasts per hour/);
		expect(onSend.fix).toMatch(/try again one hour after/);
		expect(describeErrorCode(10023).handling).toBe('final');
	});

	it('80001 (blocked words) and 80002 (over 8 KB) are final, each with a fix', () => {
		expect(describeErrorCode(80001, COMMANDS.sendMessage)).toMatchObject({ handling: 'final', meaning: expect.stringMatching(/moderation/), fix: expect.stringMatching(/Reword/) });
		expect(describeErrorCode(80002, COMMANDS.sendMessage)).toMatchObject({ handling: 'final', meaning: expect.stringMatching(/8 KB/), fix: expect.stringMatching(/Shorten/) });
	});

	it('10024 has no duplicate meaning any more', () => {
		expect(describeErrorCode(10024, COMMANDS.sendMessage)).toBe(UNKNOWN_ERROR_CODE);
	});

	it('70016 and 70020 point at the Region (data centre)', () => {
		expect(TENCENT_ERROR_CODES[70016].fix).toMatch(/Region/);
		expect(TENCENT_ERROR_CODES[70020].fix).toMatch(/Region/);
	});

	it('70050 tells the user to wait a minute', () => {
		expect(TENCENT_ERROR_CODES[70050].fix).toMatch(/minute/i);
	});

	it('unknown codes fall back to a final entry with texts', () => {
		const unknown = describeErrorCode(424242);
		expect(unknown).toBe(UNKNOWN_ERROR_CODE);
		expect(unknown.handling).toBe('final');
		expect(unknown.meaning.length).toBeGreaterThan(5);
		expect(unknown.fix.length).toBeGreaterThan(5);
	});

	it('no meaning or fix uses the words "error", "problem", "failure" or "mistake"', () => {
		const offending: string[] = [];
		for (const [code, entry] of [...entries, ['unknown', UNKNOWN_ERROR_CODE] as const]) {
			if (DISCOURAGED.test(entry.meaning)) offending.push(`${code} meaning: ${entry.meaning}`);
			if (DISCOURAGED.test(entry.fix)) offending.push(`${code} fix: ${entry.fix}`);
		}
		expect(offending).toEqual([]);
	});
});

describe('transport failure texts', () => {
	const failures: CallFailure[] = [
		{ kind: 'http', httpStatus: 502, info: '' },
		{ kind: 'http', httpStatus: 429, info: '' },
		{ kind: 'http', httpStatus: 404, info: '' },
		{ kind: 'network', networkCode: 'ECONNRESET', info: '' },
		{ kind: 'timeout', info: '' },
		{ kind: 'badReply', info: '' },
	];

	it.each(failures.map((failure) => [failure.kind === 'http' ? `HTTP ${failure.httpStatus}` : failure.kind, failure] as const))(
		'%s summary and fix avoid the discouraged words',
		(_label, failure) => {
			expect(failureSummary(failure)).not.toMatch(DISCOURAGED);
			expect(failureFix(failure)).not.toMatch(DISCOURAGED);
		},
	);

	it('has an entry for every documented code of the official-account family', () => {
		for (const code of [6017, 10002, 10003, 10004, 10007, 10010, 10016, 20001, 20005, 20006, 130002, 130004, 130007, 130008, 131000]) {
			expect({ code, known: describeErrorCode(code) !== UNKNOWN_ERROR_CODE }).toEqual({ code, known: true });
		}
	});

	it('words a code for the command at hand where the general words would mislead', () => {
		const onCreate = describeErrorCode(130008, COMMANDS.createOfficialAccount);
		expect(onCreate.meaning).toMatch(/taken/);
		expect(onCreate.handling).toBe('final');
		expect(describeErrorCode(130008).meaning).not.toMatch(/taken/);
		expect(describeErrorCode(130008, COMMANDS.deleteSubscriber)).toBe(TENCENT_ERROR_CODES[130008]);
	});

	it('command-specific words avoid the discouraged words too', () => {
		const offending: string[] = [];
		for (const [code, entry] of entries) {
			for (const [command, words] of Object.entries(entry.byCommand ?? {})) {
				for (const text of [words?.meaning, words?.fix]) if (text && DISCOURAGED.test(text)) offending.push(`${code} ${command}: ${text}`);
			}
		}
		expect(offending).toEqual([]);
	});
});
