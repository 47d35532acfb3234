// Forward Other Callbacks To: the trigger inside a real n8n-core WebhookContext relays what it does not run to a
// local stub backend over real HTTP (n8n's own HTTP helper), byte for byte, and hands back the backend's answer.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runWebhook, type RunWebhookOptions } from '../engine/runWebhook';
import { AFTER_DELETE, BEFORE_ADD, CALLBACK_TOKEN, credentials, sign, signedQuery, subscriberBody } from './fixtures';
import { startForwardStub, unreachableUrl, type ForwardStub } from './forwardStub';

const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const GROUP_JOIN = 'Group.CallbackAfterNewMemberJoin';

/** Tencent's query in its own order, as the raw string the trigger must pass on untouched. */
function rawQueryOf(query: IDataObject): string {
	return Object.entries(query)
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
		.join('&');
}

let stub: ForwardStub;
beforeEach(async () => {
	stub = await startForwardStub();
});
afterEach(async () => {
	await stub.stop();
});

function parametersFor(url: string, extra: IDataObject = {}): INodeParameters {
	return { events: [AFTER_DELETE], respond: 'onReceived', options: { forwardUrl: url, ...extra } };
}

function call(options: { parameters: INodeParameters; query?: IDataObject; body?: unknown; rawBody?: Buffer; contentType?: string } & Partial<RunWebhookOptions>) {
	const { query = signedQuery(GROUP_JOIN), body, rawBody, contentType = 'application/json', ...rest } = options;
	const requestBody = body ?? { CallbackCommand: GROUP_JOIN, GroupId: '@TGS#1', EventTime: 1 };
	return runWebhook({
		credentials,
		typeVersion: 2,
		...rest,
		request: { query, rawQuery: rawQueryOf(query), body: requestBody, rawBody: rawBody ?? Buffer.from(JSON.stringify(requestBody)), headers: { 'content-type': contentType } },
	});
}

describe('Forward Other Callbacks To', () => {
	it('passes an unselected callback on byte for byte and returns the target answer unchanged', async () => {
		stub.answer = { status: 200, body: '{"ActionStatus":"OK","ErrorInfo":"from the backend","ErrorCode":0}', contentType: 'application/json; charset=utf-8' };
		const query = signedQuery(GROUP_JOIN, { OptPlatform: 'Android' });
		const raw = Buffer.from(`{ "CallbackCommand" : "${GROUP_JOIN}",\n  "GroupId": "@TGS#1", "NewMemberList": [ {"Member_Account":"u é"} ] }`);
		const { result, response, warnings } = await call({
			parameters: parametersFor(stub.url),
			query,
			body: JSON.parse(raw.toString('utf8')) as IDataObject,
			rawBody: raw,
			contentType: 'application/json; charset=utf-8',
		});

		expect(stub.requests).toHaveLength(1);
		const [forwarded] = stub.requests;
		expect(forwarded.method).toBe('POST');
		expect(forwarded.url).toBe(`/tencent/callback?${rawQueryOf(query)}`);
		expect(forwarded.body.equals(raw)).toBe(true);
		expect(forwarded.contentType).toBe('application/json; charset=utf-8');

		expect(result).toEqual({ noWebhookResponse: true });
		expect(response.statusCode).toBe(200);
		expect(Buffer.from(response.body as Buffer).toString('utf8')).toBe(stub.answer.body);
		expect(response.headers?.['content-type']).toBe('application/json; charset=utf-8');
		expect(warnings).toEqual([]);
	});

	it("keeps the target URL's own query and a text/plain body as sent", async () => {
		const raw = Buffer.from(JSON.stringify({ CallbackCommand: GROUP_JOIN, GroupId: 'g2' }));
		const query = signedQuery(GROUP_JOIN);
		await call({ parameters: parametersFor(`${stub.url}?backend=main`), query, body: raw.toString('utf8'), rawBody: raw, contentType: 'text/plain' });
		expect(stub.requests[0].url).toBe(`/tencent/callback?backend=main&${rawQueryOf(query)}`);
		expect(stub.requests[0].body.equals(raw)).toBe(true);
		expect(stub.requests[0].contentType).toBe('text/plain');
	});

	it('relays a Before answer of the backend (a refusal) unchanged', async () => {
		stub.answer = { status: 200, body: '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["bad"]}', contentType: 'application/json' };
		const { response } = await call({ parameters: parametersFor(stub.url), query: signedQuery(BEFORE_ADD), body: subscriberBody(BEFORE_ADD, ['bad', 'ok']) });
		expect(JSON.parse(Buffer.from(response.body as Buffer).toString('utf8'))).toEqual({ ...ACK, RefusedSubscribers_Account: ['bad'] });
	});

	it('runs a selected callback itself and forwards nothing', async () => {
		const { result } = await call({ parameters: parametersFor(stub.url), query: signedQuery(AFTER_DELETE), body: subscriberBody(AFTER_DELETE, ['u1']) });
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(stub.requests).toHaveLength(0);
	});

	describe('when the target fails, Tencent gets OK and one warning is logged', () => {
		const secretPath = '/webhook/secret-webhook-id-123/callback';

		function expectCleanWarning(warnings: string[], query: IDataObject, contains: string) {
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toContain(contains);
			for (const secret of [String(query.Sign), CALLBACK_TOKEN, 'secret-webhook-id-123']) expect(warnings[0]).not.toContain(secret);
		}

		it('target unreachable', async () => {
			const url = (await unreachableUrl()).replace('/tencent/callback', secretPath);
			const query = signedQuery(GROUP_JOIN);
			const { result, response, warnings } = await call({ parameters: parametersFor(url), query });
			expect(result).toEqual({ webhookResponse: ACK });
			expect(response.ended).toBe(false);
			expectCleanWarning(warnings, query, 'could not be reached');
		});

		it('target slower than Forward Timeout (Ms)', async () => {
			stub.answer = { status: 200, body: '{}', delayMs: 3000 };
			const query = signedQuery(GROUP_JOIN);
			const { result, warnings } = await call({ parameters: parametersFor(stub.url.replace('/tencent/callback', secretPath), { forwardTimeoutMs: 200 }), query });
			expect(result).toEqual({ webhookResponse: ACK });
			expectCleanWarning(warnings, query, 'no answer within 200 ms');
			expect(stub.requests).toHaveLength(1);
		});

		it('target answering 500', async () => {
			stub.answer = { status: 500, body: 'backend broke', contentType: 'text/plain' };
			const query = signedQuery(GROUP_JOIN);
			const { result, warnings } = await call({ parameters: parametersFor(stub.url.replace('/tencent/callback', secretPath)), query });
			expect(result).toEqual({ webhookResponse: ACK });
			expectCleanWarning(warnings, query, 'HTTP 500');
		});
	});

	describe('never forwards what fails the checks', () => {
		it('401: a bad Sign', async () => {
			const query = { ...signedQuery(GROUP_JOIN), Sign: sign('wrong-token', String(Math.floor(Date.now() / 1000))) };
			const { response } = await call({ parameters: parametersFor(stub.url), query });
			expect(response.statusCode).toBe(401);
			expect(stub.requests).toHaveLength(0);
		});

		it('401: another app, and a stale RequestTime', async () => {
			const otherApp = await call({ parameters: parametersFor(stub.url), query: signedQuery(GROUP_JOIN, { SdkAppid: '1400000099' }) });
			const stale = await call({ parameters: parametersFor(stub.url), query: signedQuery(GROUP_JOIN, { RequestTime: String(Math.floor(Date.now() / 1000) - 300) }) });
			expect([otherApp.response.statusCode, stale.response.statusCode]).toEqual([401, 401]);
			expect(stub.requests).toHaveLength(0);
		});

		it('400: a body that is not JSON, when the URL names no command', async () => {
			const { CallbackCommand: _command, ...query } = signedQuery(GROUP_JOIN);
			const { response } = await call({ parameters: parametersFor(stub.url), query, body: '{"Callback', rawBody: Buffer.from('{"Callback'), contentType: 'text/plain' });
			expect(response.statusCode).toBe(400);
			expect(stub.requests).toHaveLength(0);
		});

		it("400: the body's command is not the URL's", async () => {
			const { response } = await call({ parameters: parametersFor(stub.url), query: signedQuery(AFTER_DELETE), body: subscriberBody(BEFORE_ADD, ['u1']) });
			expect(response.statusCode).toBe(400);
			expect(stub.requests).toHaveLength(0);
		});
	});
});
