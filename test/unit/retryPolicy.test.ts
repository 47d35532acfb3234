// decideRetry: which failures are retried, how often and after how long.
import { COMMANDS, SEND_FREQUENCY_MAX_RETRIES, SEND_LIMIT_ERROR_CODES, SEND_MESSAGE } from '../../nodes/TencentChatOfficialAccount/tencent/contract';
import { failureHandling, type CallFailure } from '../../nodes/TencentChatOfficialAccount/transport/callFailure';
import {
	decideRetry,
	DEFAULT_RETRY_POLICY,
	newRetryState,
	type RetryPolicy,
} from '../../nodes/TencentChatOfficialAccount/transport/retryPolicy';

const api = (code: number): CallFailure => ({ kind: 'api', code, info: '' });
const http = (httpStatus: number): CallFailure => ({ kind: 'http', httpStatus, info: '' });
const network = (networkCode: string): CallFailure => ({ kind: 'network', networkCode, info: '' });
const timeout: CallFailure = { kind: 'timeout', info: '' };
const badReply: CallFailure = { kind: 'badReply', info: '' };

const POLICY: RetryPolicy = { maxRetries: 6, baseDelayMs: 100, maxDelayMs: 1500, throttleBaseDelayMs: 700, throttleMaxDelayMs: 5000 };

/** A sequence of randoms covering the edges and the middle of [0, 1). */
const RANDOMS = [0, 0.999999, 0.5, 0.25, 0.75, 0.999999, 0.1, 0.9];

function randomFrom(values: number[]): () => number {
	let i = 0;
	return () => values[i++ % values.length];
}

describe('decideRetry: transient failures back off exponentially with full jitter', () => {
	const transient: Array<[string, CallFailure]> = [
		['HTTP 502', http(502)],
		['HTTP 500', http(500)],
		['HTTP 504', http(504)],
		['HTTP 408', http(408)],
		['ECONNRESET', network('ECONNRESET')],
		['timeout', timeout],
		['20005', api(20005)],
		['60008', api(60008)],
		['60014', api(60014)],
	];

	it.each(transient)('%s is retried maxRetries times with delays in [0, min(cap, base·2^n)]', (_label, failure) => {
		for (const policy of [POLICY, DEFAULT_RETRY_POLICY]) {
			const state = newRetryState();
			const random = randomFrom(RANDOMS);
			for (let n = 0; n < policy.maxRetries; n++) {
				const decision = decideRetry(failure, state, policy, random);
				expect(decision.retry).toBe(true);
				if (!decision.retry) return;
				expect(decision.resign).toBe(false);
				const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n);
				expect(decision.delayMs).toBeGreaterThanOrEqual(0);
				expect(decision.delayMs).toBeLessThanOrEqual(ceiling);
			}
			expect(decideRetry(failure, state, policy, random).retry).toBe(false);
		}
	});

	it('delays grow with the retry number up to the cap (random near 1)', () => {
		const state = newRetryState();
		const delays: number[] = [];
		for (let n = 0; n < POLICY.maxRetries; n++) {
			const decision = decideRetry(http(502), state, POLICY, () => 0.999999);
			if (decision.retry) delays.push(decision.delayMs);
		}
		expect(delays).toHaveLength(POLICY.maxRetries);
		for (let n = 0; n < delays.length; n++) {
			const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** n);
			expect(delays[n]).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.99));
			expect(delays[n]).toBeLessThanOrEqual(ceiling);
		}
		expect(delays[delays.length - 1]).toBe(POLICY.maxDelayMs);
	});

	it('random 0 means no wait (full jitter)', () => {
		const decision = decideRetry(api(20005), newRetryState(), POLICY, () => 0);
		expect(decision).toEqual({ retry: true, delayMs: 0, resign: false });
	});

	it('other retryable socket codes are retried, unknown ones are not', () => {
		for (const code of ['ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET']) {
			expect(decideRetry(network(code), newRetryState(), POLICY, () => 0.5).retry).toBe(true);
		}
		expect(decideRetry(network('CERT_HAS_EXPIRED'), newRetryState(), POLICY, () => 0.5).retry).toBe(false);
	});
});

describe('decideRetry: 10004 is retried exactly once', () => {
	it('retries the first 10004 and gives up on the second', () => {
		const state = newRetryState();
		const first = decideRetry(api(10004), state, POLICY, () => 0.5);
		expect(first.retry).toBe(true);
		if (first.retry) expect(first.delayMs).toBeLessThanOrEqual(POLICY.baseDelayMs);
		expect(decideRetry(api(10004), state, POLICY, () => 0.5).retry).toBe(false);
	});

	it('the single 10004 retry does not stop other retryable failures from being retried', () => {
		const state = newRetryState();
		expect(decideRetry(api(10004), state, POLICY, () => 0.5).retry).toBe(true);
		expect(decideRetry(http(502), state, POLICY, () => 0.5).retry).toBe(true);
		expect(decideRetry(api(10004), state, POLICY, () => 0.5).retry).toBe(false);
	});

	it('counts against the shared retry budget', () => {
		const state = newRetryState();
		for (let n = 0; n < POLICY.maxRetries; n++) decideRetry(http(502), state, POLICY, () => 0.5);
		expect(decideRetry(api(10004), state, POLICY, () => 0.5).retry).toBe(false);
	});
});

describe('decideRetry: a throttled call goes back to the rate limiter, then backs off', () => {
	const throttles: Array<[string, CallFailure]> = [
		['60007', api(60007)],
		['60011', api(60011)],
		['60018', api(60018)],
		['60019', api(60019)],
		['HTTP 429', http(429)],
	];

	it.each(throttles)('%s: first retry at once, then within [ceiling/2, ceiling], ceiling = min(throttleMax, throttleBase·2^(n-1))', (_label, failure) => {
		expect(failureHandling(failure)).toBe('throttle');
		for (const policy of [POLICY, DEFAULT_RETRY_POLICY]) {
			const state = newRetryState();
			const random = randomFrom(RANDOMS);
			expect(decideRetry(failure, state, policy, random)).toEqual({ retry: true, delayMs: 0, resign: false });
			for (let n = 1; n < policy.maxRetries; n++) {
				const decision = decideRetry(failure, state, policy, random);
				expect(decision.retry).toBe(true);
				if (!decision.retry) return;
				expect(decision.resign).toBe(false);
				const ceiling = Math.min(policy.throttleMaxDelayMs, policy.throttleBaseDelayMs * 2 ** (n - 1));
				expect(decision.delayMs).toBeGreaterThanOrEqual(ceiling / 2);
				expect(decision.delayMs).toBeLessThanOrEqual(ceiling);
			}
			expect(decideRetry(failure, state, policy, random).retry).toBe(false);
		}
	});

	it('later throttle waits are longer than transient backoff for the same retry number', () => {
		const throttle = newRetryState();
		const transient = newRetryState();
		decideRetry(api(60007), throttle, DEFAULT_RETRY_POLICY, () => 0);
		decideRetry(api(20005), transient, DEFAULT_RETRY_POLICY, () => 0.99);
		const throttled = decideRetry(api(60007), throttle, DEFAULT_RETRY_POLICY, () => 0);
		const backoff = decideRetry(api(20005), transient, DEFAULT_RETRY_POLICY, () => 0.99);
		expect(throttled.retry && backoff.retry).toBe(true);
		if (throttled.retry && backoff.retry) expect(throttled.delayMs).toBeGreaterThan(backoff.delayMs);
	});

	it('the first throttle retry is immediate only as the call\'s first retry (a call that already backed off keeps backing off)', () => {
		const state = newRetryState();
		decideRetry(http(502), state, DEFAULT_RETRY_POLICY, () => 0.5);
		const decision = decideRetry(api(60007), state, DEFAULT_RETRY_POLICY, () => 0);
		expect(decision.retry && decision.delayMs).toBeGreaterThanOrEqual(DEFAULT_RETRY_POLICY.throttleBaseDelayMs / 2);
	});
});

describe('decideRetry: 70001 resigns once, immediately', () => {
	it('first 70001 → immediate resign, second → final', () => {
		const state = newRetryState();
		expect(decideRetry(api(70001), state, POLICY, () => 0.5)).toEqual({ retry: true, delayMs: 0, resign: true });
		expect(decideRetry(api(70001), state, POLICY, () => 0.5)).toEqual({ retry: false });
	});

	it('other failures never ask for a resign', () => {
		const state = newRetryState();
		for (const failure of [api(20005), http(502), api(60007), timeout]) {
			const decision = decideRetry(failure, state, POLICY, () => 0.5);
			expect(decision.retry && decision.resign).toBe(false);
		}
	});
});

describe('decideRetry: final failures are never retried', () => {
	const finals: Array<[string, CallFailure]> = [
		['70050', api(70050)],
		['130004', api(130004)],
		['6017', api(6017)],
		['70009', api(70009)],
		['60010', api(60010)],
		['an unknown code', api(99999)],
		['HTTP 404', http(404)],
		['HTTP 400', http(400)],
		['badReply', badReply],
	];

	it.each(finals)('%s → no retry, even on a fresh state', (_label, failure) => {
		const state = newRetryState();
		expect(decideRetry(failure, state, POLICY, () => 0.5)).toEqual({ retry: false });
		expect(state.retries).toBe(0);
	});
});

describe('decideRetry: the retry budget', () => {
	it.each([0, 1, 3])('maxRetries %i is shared by all retryable failures of one call', (maxRetries) => {
		const policy = { ...POLICY, maxRetries };
		const state = newRetryState();
		const mixed = [http(502), api(60007), timeout, network('ECONNRESET'), api(20005), api(60011)];
		let retried = 0;
		for (const failure of mixed) {
			if (decideRetry(failure, state, policy, () => 0.5).retry) retried++;
		}
		expect(retried).toBe(Math.min(maxRetries, mixed.length));
	});

	it('delays never exceed the caps, however many retries are allowed', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, maxRetries: 40 };
		for (const random of [() => 0.9999999, () => 0.5, () => 0]) {
			const backoff = newRetryState();
			const throttle = newRetryState();
			for (let n = 0; n < policy.maxRetries; n++) {
				const a = decideRetry(http(503), backoff, policy, random);
				const b = decideRetry(api(60011), throttle, policy, random);
				expect(a.retry && b.retry).toBe(true);
				if (a.retry) expect(a.delayMs).toBeLessThanOrEqual(policy.maxDelayMs);
				if (b.retry) expect(b.delayMs).toBeLessThanOrEqual(policy.throttleMaxDelayMs);
				if (a.retry) expect(Number.isFinite(a.delayMs)).toBe(true);
			}
		}
	});
});

describe('decideRetry: what the call itself allows', () => {
	it('a non-idempotent call is not retried after a failure Tencent may have carried out', () => {
		for (const failure of [timeout, network('ECONNRESET'), http(502)]) {
			expect(decideRetry(failure, newRetryState(), POLICY, () => 0.5, { idempotent: false }).retry).toBe(false);
			expect(decideRetry(failure, newRetryState(), POLICY, () => 0.5, { idempotent: true }).retry).toBe(true);
		}
		// Tencent answered (it did not act), or the connection never opened: safe to retry.
		expect(decideRetry(api(20005), newRetryState(), POLICY, () => 0.5, { idempotent: false }).retry).toBe(true);
		expect(decideRetry(network('ECONNREFUSED'), newRetryState(), POLICY, () => 0.5, { idempotent: false }).retry).toBe(true);
	});

	it('no retry is made that would start after the call\'s window', () => {
		const delay = (decideRetry(api(20005), newRetryState(), POLICY, () => 0.5) as { delayMs: number }).delayMs;
		expect(decideRetry(api(20005), newRetryState(), POLICY, () => 0.5, { windowLeftMs: delay }).retry).toBe(true);
		expect(decideRetry(api(20005), newRetryState(), POLICY, () => 0.5, { windowLeftMs: delay - 1 }).retry).toBe(false);
	});
});

describe("decideRetry: Send's per-account limit (10023)", () => {
	const send = { command: COMMANDS.sendMessage };

	it('is retried a second after the refusal, at most twice, on Send only', () => {
		const state = newRetryState();
		const decisions = [1, 2, 3].map(() => decideRetry(api(SEND_LIMIT_ERROR_CODES.perSecond), state, POLICY, () => 0.5, send));
		expect(decisions).toEqual([
			{ retry: true, delayMs: SEND_MESSAGE.perAccountIntervalMs, resign: false },
			{ retry: true, delayMs: SEND_MESSAGE.perAccountIntervalMs, resign: false },
			{ retry: false },
		]);
		expect(SEND_FREQUENCY_MAX_RETRIES).toBe(2);
		expect(decideRetry(api(10023), newRetryState(), POLICY, () => 0.5, { command: COMMANDS.deleteSubscriber }).retry).toBe(false);
	});

	it('respects Retries = 0 and the duplicate window', () => {
		expect(decideRetry(api(10023), newRetryState(), { ...POLICY, maxRetries: 0 }, () => 0.5, send).retry).toBe(false);
		expect(decideRetry(api(10023), newRetryState(), POLICY, () => 0.5, { ...send, windowLeftMs: 999 }).retry).toBe(false);
	});

	it('60018 / 60019 stay generic throttles on Send too', () => {
		for (const code of [60018, 60019]) expect(failureHandling(api(code), COMMANDS.sendMessage)).toBe('throttle');
	});
});
