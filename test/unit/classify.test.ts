// classifyReply / classifyThrown: Tencent replies and what n8n's HTTP helper throws, turned into failures.
import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { NodeApiError, type INode } from 'n8n-workflow';

import {
	failureCause,
	failureCode,
	failureFix,
	failureHandling,
	failureSummary,
	type CallFailure,
} from '../../nodes/TencentChatOfficialAccount/transport/callFailure';
import { classifyReply, classifyThrown } from '../../nodes/TencentChatOfficialAccount/transport/classifyReply';

const node: INode = {
	id: 'n1',
	name: 'Tencent Chat',
	type: 'n8n-nodes-tencent-chat.tencentChatOfficialAccount',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const SECRET_URL =
	'https://console.tim.qq.com/v4/official_account_open_http_svc/delete_subscriber?sdkappid=1400000000&identifier=administrator&usersig=eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIy&random=1&contenttype=json';

function axiosConfig(): InternalAxiosRequestConfig {
	return { url: SECRET_URL, method: 'post', headers: new AxiosHeaders() };
}

/** What n8n's httpRequestWithAuthentication throws: a NodeApiError whose cause is the axios error. */
function wrapped(axiosError: AxiosError): NodeApiError {
	return new NodeApiError(node, axiosError as unknown as ConstructorParameters<typeof NodeApiError>[1]);
}

function httpError(status: number, data: unknown): NodeApiError {
	const config = axiosConfig();
	const response: AxiosResponse = { status, statusText: String(status), headers: {}, config, data };
	return wrapped(new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config, {}, response));
}

describe('classifyReply', () => {
	it('ActionStatus OK with ErrorCode 0 is a success carrying the reply', () => {
		const reply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', SubscriberList: [] };
		const outcome = classifyReply(reply);
		expect(outcome.ok).toBe(true);
		if (outcome.ok) expect(outcome.reply).toBe(reply);
	});

	it('ActionStatus OK without ErrorCode is a success', () => {
		expect(classifyReply({ ActionStatus: 'OK' }).ok).toBe(true);
	});

	it.each([70009, 60007, 130004, 20005])('FAIL with ErrorCode %i is an api failure with that code and the ErrorInfo', (code) => {
		const outcome = classifyReply({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: `info for ${code}` });
		expect(outcome).toEqual({ ok: false, failure: { kind: 'api', code, info: `info for ${code}` } });
	});

	it('a non-zero ErrorCode is a failure even when ActionStatus says OK', () => {
		const outcome = classifyReply({ ActionStatus: 'OK', ErrorCode: 20005 });
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.failure).toMatchObject({ kind: 'api', code: 20005 });
	});

	it('ErrorCode sent as a numeric string is read as a number', () => {
		const outcome = classifyReply({ ActionStatus: 'FAIL', ErrorCode: '70001' });
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.failure).toMatchObject({ kind: 'api', code: 70001 });
	});

	it('FAIL without a usable code is still a failure (never a success)', () => {
		for (const reply of [{ ActionStatus: 'FAIL' }, { ActionStatus: 'FAIL', ErrorCode: 0 }, { ActionStatus: 'FAIL', ErrorCode: 'x' }]) {
			const outcome = classifyReply(reply);
			expect(outcome.ok).toBe(false);
			if (!outcome.ok) expect(outcome.failure.kind).toBe('api');
		}
	});

	it.each([
		['an HTML string', '<html><head><title>502 Bad Gateway</title></head></html>'],
		['a plain string', 'OK'],
		['null', null],
		['undefined', undefined],
		['a number', 0],
		['an array', [{ ActionStatus: 'OK' }]],
		['an object without ActionStatus or ErrorCode', { hello: 'world' }],
	])('%s is a badReply', (_label, reply) => {
		const outcome = classifyReply(reply);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) {
			expect(outcome.failure.kind).toBe('badReply');
			expect(failureHandling(outcome.failure)).toBe('final');
		}
	});

	it('redacts a UserSig that Tencent echoes in ErrorInfo', () => {
		const outcome = classifyReply({ ActionStatus: 'FAIL', ErrorCode: 70003, ErrorInfo: `bad sig in ${SECRET_URL}` });
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) {
			expect(outcome.failure.info).not.toContain('eJyrVgrx');
			expect(outcome.failure.info).toContain('usersig=[redacted]');
		}
	});
});

describe('classifyThrown: n8n NodeApiError wrapping an axios error', () => {
	it('HTTP 502 with an HTML body → http 502, retried', () => {
		const error = httpError(502, '<html><h1>502 Bad Gateway</h1></html>');
		expect((error.cause as AxiosError).response?.status).toBe(502);
		const failure = classifyThrown(error);
		expect(failure).toMatchObject({ kind: 'http', httpStatus: 502 });
		expect(failureHandling(failure as CallFailure)).toBe('retry');
	});

	it('HTTP 404 → http 404, final', () => {
		const failure = classifyThrown(httpError(404, 'Not Found'));
		expect(failure).toMatchObject({ kind: 'http', httpStatus: 404 });
		expect(failureHandling(failure as CallFailure)).toBe('final');
	});

	it('HTTP 429 → http 429, throttled', () => {
		const failure = classifyThrown(httpError(429, ''));
		expect(failure).toMatchObject({ kind: 'http', httpStatus: 429 });
		expect(failureHandling(failure as CallFailure)).toBe('throttle');
	});

	it('cause.code ECONNRESET → network ECONNRESET, retried, with no UserSig in the info', () => {
		const axiosError = new AxiosError(`request to ${SECRET_URL} failed, reason: socket hang up`, 'ECONNRESET', axiosConfig(), {});
		const failure = classifyThrown(wrapped(axiosError));
		expect(failure).toMatchObject({ kind: 'network', networkCode: 'ECONNRESET' });
		expect(failureHandling(failure as CallFailure)).toBe('retry');
		expect((failure as CallFailure).info).not.toContain('eJyrVgrx');
	});

	it("code ECONNABORTED with 'timeout of 100ms exceeded' → timeout, retried", () => {
		const axiosError = new AxiosError('timeout of 100ms exceeded', 'ECONNABORTED', axiosConfig(), {});
		const failure = classifyThrown(wrapped(axiosError));
		expect(failure).toMatchObject({ kind: 'timeout' });
		expect(failureHandling(failure as CallFailure)).toBe('retry');
	});

	it('code ETIMEDOUT → timeout', () => {
		const axiosError = new AxiosError('connect ETIMEDOUT 1.2.3.4:443', 'ETIMEDOUT', axiosConfig(), {});
		expect(classifyThrown(wrapped(axiosError))).toMatchObject({ kind: 'timeout' });
	});

	it('ECONNABORTED without a timeout message is a network failure, not a timeout', () => {
		const axiosError = new AxiosError('aborted', 'ECONNABORTED', axiosConfig(), {});
		expect(classifyThrown(wrapped(axiosError))).toMatchObject({ kind: 'network', networkCode: 'ECONNABORTED' });
	});

	it("code ERR_CANCELED → 'cancelled'", () => {
		const axiosError = new AxiosError('canceled', 'ERR_CANCELED', axiosConfig(), {});
		expect(classifyThrown(wrapped(axiosError))).toBe('cancelled');
		expect(classifyThrown(axiosError)).toBe('cancelled');
	});

	it('works on the bare axios error too', () => {
		const config = axiosConfig();
		const response: AxiosResponse = { status: 503, statusText: '503', headers: {}, config, data: '' };
		expect(classifyThrown(new AxiosError('x', 'ERR_BAD_RESPONSE', config, {}, response))).toMatchObject({ kind: 'http', httpStatus: 503 });
		expect(classifyThrown(new AxiosError('x', 'ECONNREFUSED', config, {}))).toMatchObject({ kind: 'network', networkCode: 'ECONNREFUSED' });
	});

	it('an error with nothing recognisable → network UNKNOWN, final', () => {
		const failure = classifyThrown(new Error('something odd'));
		expect(failure).toMatchObject({ kind: 'network', networkCode: 'UNKNOWN', info: 'something odd' });
		expect(failureHandling(failure as CallFailure)).toBe('final');
		expect(classifyThrown('a string')).toMatchObject({ kind: 'network', networkCode: 'UNKNOWN' });
	});

	it('does not loop on a cyclic cause chain', () => {
		const a = new Error('a') as Error & { cause?: unknown };
		const b = new Error('b') as Error & { cause?: unknown };
		a.cause = b;
		b.cause = a;
		expect(classifyThrown(a)).toMatchObject({ kind: 'network', networkCode: 'UNKNOWN' });
	});
});

describe('failure descriptions', () => {
	const samples: CallFailure[] = [
		{ kind: 'api', code: 70009, info: '' },
		{ kind: 'api', code: 424242, info: '' },
		{ kind: 'http', httpStatus: 502, info: '' },
		{ kind: 'http', httpStatus: 404, info: '' },
		{ kind: 'network', networkCode: 'ECONNRESET', info: '' },
		{ kind: 'timeout', info: '' },
		{ kind: 'badReply', info: '' },
	];

	it.each(samples.map((failure) => [failureCode(failure), failure] as const))('%s has a code, summary and fix', (_code, failure) => {
		expect(failureCode(failure)).not.toBe('');
		expect(failureSummary(failure).length).toBeGreaterThan(10);
		expect(failureFix(failure).length).toBeGreaterThan(10);
	});

	it('the code shows the Tencent code, HTTP status or socket code', () => {
		expect(failureCode({ kind: 'api', code: 70009, info: '' })).toContain('70009');
		expect(failureCode({ kind: 'http', httpStatus: 502, info: '' })).toContain('502');
		expect(failureCode({ kind: 'network', networkCode: 'ECONNRESET', info: '' })).toContain('ECONNRESET');
	});

	it.each([408, 500, 502, 503, 504, 429])(
		'a retried HTTP %i is described as temporary (cause and fix), not as a configuration fault',
		(httpStatus) => {
			const failure: CallFailure = { kind: 'http', httpStatus, info: '' };
			expect(failureHandling(failure)).not.toBe('final');
			expect(['temporarily-unavailable', 'rate-limited']).toContain(failureCause(failure));
			expect(failureFix(failure)).not.toMatch(/Check the Region or Base URL/);
		},
	);
});
