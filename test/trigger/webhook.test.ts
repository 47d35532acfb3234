// The trigger's webhook() inside a real n8n-core WebhookContext; downstream nodes run in WorkflowExecute.
import type { INodeParameters } from 'n8n-workflow';

import { runWebhook, WEBHOOK_ID, type RunWebhookOptions } from '../engine/runWebhook';
import {
	AFTER_ADD,
	AFTER_DELETE,
	BEFORE_ADD,
	CALLBACK_TOKEN,
	credentials,
	REFUSE_NODE_TYPE,
	RefuseListedNode,
	SDK_APP_ID,
	sign,
	signedQuery,
	subscriberBody,
} from './fixtures';

const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const afterParameters: INodeParameters = { events: [AFTER_DELETE, AFTER_ADD], respond: 'onReceived' };
const beforeParameters: INodeParameters = { events: [BEFORE_ADD], respond: 'lastNode' };

function call(overrides: Partial<RunWebhookOptions> & { query?: RunWebhookOptions['request']['query']; body?: unknown; rawBody?: Buffer } = {}) {
	const { query, body, rawBody, ...rest } = overrides;
	return runWebhook({
		parameters: afterParameters,
		credentials,
		request: { query: query ?? signedQuery(AFTER_DELETE), body: body ?? subscriberBody(AFTER_DELETE, ['u1', 'u2']), rawBody },
		...rest,
	});
}

describe('Tencent Chat Official Account Trigger in a real WebhookContext', () => {
	it('has the production webhook path <webhookId>/callback', async () => {
		const { webhookUrl } = await call();
		expect(webhookUrl).toBe(`http://localhost/webhook/${WEBHOOK_ID}/callback`);
	});

	describe('Respond Immediately', () => {
		it('acknowledges a valid After callback itself and starts the workflow with one item', async () => {
			const query = signedQuery(AFTER_DELETE);
			const { result, response, warnings } = await call({ query });
			expect(response).toEqual({ statusCode: 200, body: ACK, ended: true });
			expect(result.noWebhookResponse).toBe(true);
			expect(result.webhookResponse).toBeUndefined();
			const items = result.workflowData?.[0] ?? [];
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				CallbackCommand: AFTER_DELETE,
				Official_Account: '@TOA#_test_for_penn',
				Operator_Account: '107867',
				SubscribeAccountList: [{ Subscriber_Account: 'u1' }, { Subscriber_Account: 'u2' }],
				SdkAppid: SDK_APP_ID,
				ClientIP: '203.0.113.7',
				OptPlatform: 'RESTAPI',
				EventTime: 1670574414123,
				eventTimeIso: '2022-12-09T08:26:54.123Z',
			});
			expect(items[0].json.eventKey).toMatch(/^[0-9a-f]{64}$/);
			const text = JSON.stringify(items);
			expect(text).not.toContain(String(query.Sign));
			expect(text).not.toContain(CALLBACK_TOKEN);
			expect(warnings).toEqual([]);
		});

		it('is evaluated by n8n as onReceived with empty responseData (not the literal "firstEntryJson")', async () => {
			const { responseMode, responseData } = await call();
			expect(responseMode).toBe('onReceived');
			expect(responseData).toBe('');
		});

		it('runs the downstream nodes with the item', async () => {
			const { runWorkflow } = await call({
				downstream: [{ name: 'Decide', type: REFUSE_NODE_TYPE, nodeType: new RefuseListedNode(), parameters: { refuse: 'u2' } }],
			});
			const { run, lastNodeName, lastNodeItems } = await runWorkflow();
			expect(run.status).toBe('success');
			expect(lastNodeName).toBe('Decide');
			expect(lastNodeItems[0].json.RefusedSubscribers_Account).toEqual(['u2']);
		});

		it('gives one item per subscriber with that option', async () => {
			const { result } = await call({ parameters: { ...afterParameters, options: { output: 'perSubscriber' } } });
			const items = result.workflowData?.[0] ?? [];
			expect(items.map((item) => item.json.Subscriber_Account)).toEqual(['u1', 'u2']);
			expect(new Set(items.map((item) => item.json.eventKey)).size).toBe(2);
			expect(items[0].json).not.toHaveProperty('SubscribeAccountList');
		});

		it('gives the same eventKey for a redelivery of the same event', async () => {
			const first = await call();
			const again = await call({ query: signedQuery(AFTER_DELETE, { RequestTime: String(Math.floor(Date.now() / 1000) - 5) }) });
			expect(again.result.workflowData?.[0][0].json.eventKey).toBe(first.result.workflowData?.[0][0].json.eventKey);
		});
	});

	describe('verification', () => {
		it.each([
			['a bad Sign', { Sign: sign('wrong-token', String(Math.floor(Date.now() / 1000))) }, 'Sign is not'],
			['a stale RequestTime', signedQuery(AFTER_DELETE, { RequestTime: String(Math.floor(Date.now() / 1000) - 120) }), 'more than 60 s'],
			['another app', { SdkAppid: '1400000002' }, 'SdkAppid'],
			['no Sign', { Sign: undefined }, 'no Sign'],
		])('answers 401 to %s, starts nothing and logs why', async (_label, override, reason) => {
			const query = { ...signedQuery(AFTER_DELETE), ...override };
			const { result, response, warnings } = await call({ query });
			expect(response.statusCode).toBe(401);
			expect(response.body).toEqual({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: 'Unauthorized' });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toContain(reason);
			expect(warnings[0]).not.toContain(CALLBACK_TOKEN);
			if (typeof query.Sign === 'string') expect(warnings[0]).not.toContain(query.Sign);
		});

		it('rejects everything when the credential has no Callback Token, and says so', async () => {
			const { result, response, warnings } = await call({
				credentials: { ...credentials, callbackToken: '' },
				query: signedQuery(AFTER_DELETE, {}, ''),
			});
			expect(response.statusCode).toBe(401);
			expect(result.workflowData).toBeUndefined();
			expect(warnings[0]).toContain('no Callback Token');
		});

		it('accepts unsigned callbacks of its own app with Verify Signature off', async () => {
			const { Sign: _sign, RequestTime: _time, ...unsigned } = signedQuery(AFTER_DELETE);
			const off = { ...afterParameters, verifySignature: false };
			const { response, result } = await call({ parameters: off, query: unsigned, credentials: { ...credentials, callbackToken: '' } });
			expect(response.statusCode).toBe(200);
			expect(result.workflowData?.[0]).toHaveLength(1);
			const otherApp = await call({ parameters: off, query: { ...unsigned, SdkAppid: '7' } });
			expect(otherApp.response.statusCode).toBe(401);
		});
	});

	describe('event filter and bad input', () => {
		it('answers an unselected event OK through n8n and starts nothing', async () => {
			const query = signedQuery('Group.CallbackAfterNewMemberJoin');
			const { result, response } = await call({ query, body: { CallbackCommand: 'Group.CallbackAfterNewMemberJoin', GroupId: 'g1' } });
			expect(result).toEqual({ webhookResponse: ACK });
			expect(response.ended).toBe(false);
		});

		it('filters on the body command when the URL has none', async () => {
			const { CallbackCommand: _command, ...query } = signedQuery(BEFORE_ADD);
			const { result } = await call({ query, body: subscriberBody(BEFORE_ADD, ['u1']) });
			expect(result).toEqual({ webhookResponse: ACK });
		});

		it('answers 400 to a body that is not JSON', async () => {
			const { result, response, warnings } = await call({ body: '{"CallbackCommand": "Official' });
			expect(response.statusCode).toBe(400);
			expect(response.body).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: 1, ErrorInfo: expect.stringContaining('not valid JSON') });
			expect(result).toEqual({ noWebhookResponse: true });
			expect(warnings[0]).toContain('answered 400');
		});

		it("answers 400 when the body's command is not the URL's", async () => {
			const { result, response } = await call({ body: subscriberBody(AFTER_ADD, ['u1']) });
			expect(response.statusCode).toBe(400);
			expect(String((response.body as { ErrorInfo: string }).ErrorInfo)).toContain(`"${AFTER_ADD}" does not match the URL's "${AFTER_DELETE}"`);
			expect(result.workflowData).toBeUndefined();
		});

		it('parses a text/plain body (a string)', async () => {
			const { result } = await call({ body: JSON.stringify(subscriberBody(AFTER_DELETE, ['t1'])) });
			expect(result.workflowData?.[0][0].json.SubscribeAccountList).toEqual([{ Subscriber_Account: 't1' }]);
		});

		it('parses a body that arrived only as raw bytes', async () => {
			const raw = Buffer.from(JSON.stringify(subscriberBody(AFTER_DELETE, ['r1'])));
			const { result } = await call({ body: {}, rawBody: raw });
			expect(result.workflowData?.[0][0].json.SubscribeAccountList).toEqual([{ Subscriber_Account: 'r1' }]);
		});
	});

	describe('Respond When Last Node Finishes', () => {
		const decide = (parameters: INodeParameters) => [{ name: 'Decide', type: REFUSE_NODE_TYPE, nodeType: new RefuseListedNode(), parameters }];

		it("leaves the reply to n8n, which sends the last node's first item", async () => {
			const { result, response, responseMode, responseData, runWorkflow } = await call({
				parameters: beforeParameters,
				query: signedQuery(BEFORE_ADD),
				body: subscriberBody(BEFORE_ADD, ['jared', 'leckie']),
				downstream: decide({ refuse: 'jared' }),
			});
			expect(responseMode).toBe('lastNode');
			expect(responseData).toBe('firstEntryJson');
			expect(response.ended).toBe(false);
			expect(result.noWebhookResponse).toBeUndefined();
			expect(result.webhookResponse).toBeUndefined();
			const { run, lastNodeName, lastNodeItems } = await runWorkflow();
			expect(run.status).toBe('success');
			expect(lastNodeName).toBe('Decide');
			expect(lastNodeItems[0].json).toEqual({ ...ACK, RefusedSubscribers_Account: ['jared'] });
		});

		it('lets the workflow refuse everyone with ErrorCode 1', async () => {
			const { runWorkflow } = await call({
				parameters: beforeParameters,
				query: signedQuery(BEFORE_ADD),
				body: subscriberBody(BEFORE_ADD, ['a', 'b']),
				downstream: decide({ refuseAll: true }),
			});
			expect((await runWorkflow()).lastNodeItems[0].json.ErrorCode).toBe(1);
		});

		it('still acknowledges unselected events at once', async () => {
			const { result } = await call({ parameters: beforeParameters });
			expect(result).toEqual({ webhookResponse: ACK });
		});

		it('guards the firstEntryJson trap: left unset, responseData would be the literal n8n sends as the body', async () => {
			const { responseData, responseDataIfUnset } = await call();
			expect(responseDataIfUnset).toBe('firstEntryJson');
			expect(responseData).toBe('');
		});
	});
});
