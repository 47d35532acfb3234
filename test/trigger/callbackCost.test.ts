// What one callback costs the trigger in n8n: the credential is read only when a callback needs verifying (and
// then reused briefly), and n8n 2.41 resolves the webhook description without its expression engine.
import { NodeHelpers, Workflow, webhookDescriptionIsNativelyResolvable, type INodeParameters, type INodeTypes } from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TencentChatOfficialAccountTrigger } from '../../nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node';
import { TestCredentialsHelper } from '../engine/credentialsHelper';
import { runWebhook } from '../engine/runWebhook';
import { AFTER_DELETE, credentials, sign, signedQuery, subscriberBody } from './fixtures';

const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const GROUP_JOIN = 'Group.CallbackAfterNewMemberJoin';
const parameters: INodeParameters = { events: [AFTER_DELETE], respond: 'onReceived' };

describe('the cost of one callback', () => {
	it('answers an unselected callback without reading the credential or the body', async () => {
		const { result, credentialsHelper } = await runWebhook({
			parameters,
			credentials,
			typeVersion: 2,
			request: { query: signedQuery(GROUP_JOIN), body: undefined },
		});
		expect(result).toEqual({ webhookResponse: ACK });
		expect(credentialsHelper.decryptions).toBe(0);
	});

	it('answers an unselected callback OK even unsigned: it starts nothing and relays nothing', async () => {
		const query = { ...signedQuery(GROUP_JOIN), Sign: sign('not-the-token', '1') };
		const { result, response } = await runWebhook({ parameters, credentials, request: { query, body: {} } });
		expect(result).toEqual({ webhookResponse: ACK });
		expect(response.ended).toBe(false);
	});

	it('reads the credential for a callback it runs, and reuses it for the next ones of the same credential', async () => {
		const helper = new TestCredentialsHelper({ tencentChatApi: new TencentChatApi() }, { tencentChatApi: credentials });
		const shared = { parameters, credentials, credentialsHelper: helper, credentialId: 'cred-reused' };
		for (const subscriber of ['u1', 'u2', 'u3']) {
			const { result } = await runWebhook({ ...shared, request: { query: signedQuery(AFTER_DELETE), body: subscriberBody(AFTER_DELETE, [subscriber]) } });
			expect(result.workflowData?.[0][0].json.SubscribeAccountList).toEqual([{ Subscriber_Account: subscriber }]);
		}
		expect(helper.decryptions).toBe(1);
		const other = await runWebhook({ parameters, credentials, request: { query: signedQuery(AFTER_DELETE), body: subscriberBody(AFTER_DELETE, ['x']) } });
		expect(other.credentialsHelper.decryptions).toBe(1);
	});

	it('still rejects a bad Sign with a reused credential', async () => {
		const helper = new TestCredentialsHelper({ tencentChatApi: new TencentChatApi() }, { tencentChatApi: credentials });
		const shared = { parameters, credentials, credentialsHelper: helper, credentialId: 'cred-reused-2', request: { query: signedQuery(AFTER_DELETE), body: subscriberBody(AFTER_DELETE, ['u']) } };
		await runWebhook(shared);
		const bad = await runWebhook({ ...shared, request: { ...shared.request, query: { ...signedQuery(AFTER_DELETE), Sign: sign('wrong', '1') } } });
		expect(bad.response.statusCode).toBe(401);
	});

	describe('webhook description', () => {
		const trigger = new TencentChatOfficialAccountTrigger();
		const [webhook] = trigger.description.webhooks ?? [];

		it('is natively resolvable, so n8n 2.41 evaluates no expression for it', () => {
			expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
		});

		it.each([
			['onReceived', 'onReceived', ''],
			['lastNode', 'lastNode', 'firstEntryJson'],
			['responseNode', 'responseNode', ''],
		])('for Respond %s, resolves natively (v1 and v2) to what the expression gives', async (respond, mode, data) => {
			for (const typeVersion of [1, 2]) {
				const run = await runWebhook({ parameters: { ...parameters, respond }, credentials, typeVersion, request: { query: signedQuery(GROUP_JOIN), body: {} } });
				expect([run.nativeResponseMode, run.nativeResponseData]).toEqual([mode, data]);
				expect([run.responseMode, run.responseData]).toEqual([mode, data]);
			}
		});

		it('falls back to the expression when a parameter is an expression', async () => {
			const run = await runWebhook({
				parameters: { ...parameters, respond: 'lastNode', options: { officialAccounts: '={{ ["@TOA#_a"] }}' } },
				credentials,
				request: { query: signedQuery(GROUP_JOIN), body: {} },
			});
			expect(run.nativeResponseMode).toBeUndefined();
			expect([run.responseMode, run.responseData]).toEqual(['lastNode', 'firstEntryJson']);
		});

		it('new nodes are version 2, saved version 1 nodes keep their type', () => {
			expect(trigger.description.defaultVersion).toBe(2);
			const nodeTypes: INodeTypes = {
				getByName: () => trigger,
				getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(trigger, version),
				getKnownTypes: () => ({}),
			};
			const workflow = new Workflow({
				nodes: [{ id: 't', name: 'T', type: 'x.trigger', typeVersion: 1, position: [0, 0], parameters: { events: [AFTER_DELETE] } }],
				connections: {},
				active: true,
				nodeTypes,
			});
			expect(workflow.nodes.T.parameters).toMatchObject({ respond: 'onReceived', verifySignature: true });
		});
	});

	it('with Using the Respond Operation, leaves the answer to the workflow', async () => {
		const { result, response } = await runWebhook({
			parameters: { ...parameters, respond: 'responseNode' },
			credentials,
			typeVersion: 2,
			request: { query: signedQuery(AFTER_DELETE), body: subscriberBody(AFTER_DELETE, ['u1']) },
		});
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
		expect(response.ended).toBe(false);
	});

	it('version 2 reads a body n8n left unread (a content type it does not parse)', async () => {
		const bytes = Buffer.from(JSON.stringify(subscriberBody(AFTER_DELETE, ['raw1'])));
		const run = await runWebhook({
			parameters,
			credentials,
			typeVersion: 2,
			request: { query: signedQuery(AFTER_DELETE), body: {}, unreadBody: bytes, headers: { 'content-type': 'application/octet-stream' } },
		});
		expect(run.result.workflowData?.[0][0].json.SubscribeAccountList).toEqual([{ Subscriber_Account: 'raw1' }]);
	});
});
