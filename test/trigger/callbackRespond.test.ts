// Callback → Respond inside the real n8n engine: the trigger (Respond = Using the Respond Operation) in a real
// WebhookContext, then WorkflowExecute runs Respond and the steps after it; the answers are what the nodes sent
// through n8n's `sendResponse` hook, which n8n's CLI turns into the HTTP reply in response-node mode.
import {
	NodeConnectionTypes,
	NodeHelpers,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TRIGGER_TYPE_SUFFIX } from '../../nodes/TencentChatOfficialAccount/actions/callback/answeringTrigger';
import { TencentChatOfficialAccount } from '../../nodes/TencentChatOfficialAccount/TencentChatOfficialAccount.node';
import { TencentChatOfficialAccountTrigger } from '../../nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node';
import { runNode } from '../engine/runNode';
import { runWebhook, TRIGGER_NODE_NAME, type DownstreamNode } from '../engine/runWebhook';
import { NODE_TYPE_NAME } from '../engine/tencentNode';
import { AFTER_DELETE, BEFORE_ADD, credentials, signedQuery, subscriberBody } from './fixtures';

const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const BEFORE_SEND = 'OfficialAccount.CallbackBeforeSendMsg';
const RESPOND = 'Respond';
const NEXT = 'Next Step';
const PASS_TYPE = 'test.passThrough';

/** A step after Respond: copies its input and marks it, to show the workflow went on with the same items. */
class PassThroughNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pass Through',
		name: 'passThrough',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Pass Through' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item) => ({ json: { ...item.json, passedOn: true } }))];
	}
}

function respondStep(parameters: INodeParameters, name = RESPOND, onError?: DownstreamNode['onError']): DownstreamNode {
	return { name, type: NODE_TYPE_NAME, nodeType: new TencentChatOfficialAccount(), parameters: { resource: 'callback', operation: 'respond', ...parameters }, onError };
}

const nextStep: DownstreamNode = { name: NEXT, type: PASS_TYPE, nodeType: new PassThroughNode() };

async function callbackThrough(
	downstream: DownstreamNode[],
	{ respond = 'responseNode', command = BEFORE_ADD, subscribers = ['good1', 'bad1', 'bad2'], output = 'perCallback' } = {},
) {
	const hook = await runWebhook({
		parameters: { events: [command], respond, options: { output } },
		credentials,
		request: { query: signedQuery(command), body: subscriberBody(command, subscribers) },
		downstream,
	});
	return { hook, ...(await hook.runWorkflow()) };
}

function errorOf(run: Awaited<ReturnType<typeof callbackThrough>>['run']) {
	const error = run.data.resultData.error as (Error & { description?: string }) | undefined;
	return { message: error?.message ?? '', description: error?.description ?? '' };
}

describe('Trigger Respond = Using the Respond Operation', () => {
	it("resolves n8n's response mode to responseNode and leaves the answer to the workflow", async () => {
		const { result, response, responseMode } = await runWebhook({
			parameters: { events: [BEFORE_ADD], respond: 'responseNode' },
			credentials,
			request: { query: signedQuery(BEFORE_ADD), body: subscriberBody(BEFORE_ADD, ['u1']) },
		});
		expect(responseMode).toBe('responseNode');
		expect(response).toEqual({ ended: false });
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toBeUndefined();
		expect(result.workflowData?.[0]).toHaveLength(1);
	});

	it('offers the choice as the third Respond option with a notice about the 2 s limit', () => {
		const properties = new TencentChatOfficialAccountTrigger().description.properties;
		const respond = properties.find((property) => property.name === 'respond');
		expect(respond?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(['onReceived', 'lastNode', 'responseNode']);
		expect(respond?.options?.[2]).toMatchObject({ name: 'Using the Respond Operation' });
		const notice = properties.find((property) => property.displayOptions?.show?.respond?.includes('responseNode'));
		expect(notice?.type).toBe('notice');
		expect(notice?.displayName).toContain('2 s');
	});
});

describe('Callback → Respond in a workflow started by the trigger', () => {
	it('Allow: answers the ACK, passes the items through unchanged, and the workflow goes on', async () => {
		const { hook, run, responses, itemsOf } = await callbackThrough([respondStep({ decision: 'allow' }), nextStep]);
		expect(run.status).toBe('success');
		expect(responses).toEqual([{ body: ACK, headers: {}, statusCode: 200 }]);
		expect(itemsOf(RESPOND).map((item) => item.json)).toEqual(hook.result.workflowData?.[0].map((item) => item.json));
		expect(itemsOf(NEXT).map((item) => item.json.passedOn)).toEqual([true]);
	});

	it('Refuse Subscribers: a typed list becomes RefusedSubscribers_Account', async () => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'refuseSubscribers', refusedSubscribers: 'bad1, bad2\nbad1' }), nextStep]);
		expect(run.status).toBe('success');
		expect(responses.map((answer) => answer.body)).toEqual([{ ...ACK, RefusedSubscribers_Account: ['bad1', 'bad2'] }]);
	});

	it('Refuse Subscribers: an expression over the callback item', async () => {
		const refusedSubscribers = "={{ $json.SubscribeAccountList.map(s => s.Subscriber_Account).filter(u => u.startsWith('bad')) }}";
		const { responses } = await callbackThrough([respondStep({ decision: 'refuseSubscribers', refusedSubscribers })]);
		expect(responses.map((answer) => answer.body)).toEqual([{ ...ACK, RefusedSubscribers_Account: ['bad1', 'bad2'] }]);
	});

	it('Refuse Subscribers: with one item per subscriber, the lists of all items are joined; empty refuses nobody', async () => {
		const refusedSubscribers = "={{ $json.Subscriber_Account.startsWith('bad') ? $json.Subscriber_Account : '' }}";
		const { responses, itemsOf } = await callbackThrough([respondStep({ decision: 'refuseSubscribers', refusedSubscribers })], { output: 'perSubscriber' });
		expect(responses.map((answer) => answer.body)).toEqual([{ ...ACK, RefusedSubscribers_Account: ['bad1', 'bad2'] }]);
		expect(itemsOf(RESPOND)).toHaveLength(3);

		const none = await callbackThrough([respondStep({ decision: 'refuseSubscribers', refusedSubscribers: '' })]);
		expect(none.responses.map((answer) => answer.body)).toEqual([{ ...ACK, RefusedSubscribers_Account: [] }]);
	});

	it('Refuse Subscribers: refuses a callback other than Before Add Subscriber with a clear error and sends nothing', async () => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'refuseSubscribers', refusedSubscribers: 'x' })], { command: BEFORE_SEND });
		expect(run.status).toBe('error');
		expect(errorOf(run).message).toContain('Refuse Subscribers applies to Before Add Subscriber only');
		expect(errorOf(run).message).toContain(BEFORE_SEND);
		expect(responses).toEqual([]);
	});

	it('Refuse Subscribers: an invalid UserID fails with its item number', async () => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'refuseSubscribers', refusedSubscribers: '={{ ["ok1", {"no": 1}] }}' })]);
		expect(run.status).toBe('error');
		expect(errorOf(run).message).toMatch(/^\[item 0\] Refused Subscribers/);
		expect(responses).toEqual([]);
	});

	it('Refuse All: ErrorCode 1 with the Error Info', async () => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'refuseAll', errorInfo: 'Subscriptions are closed' }), nextStep]);
		expect(run.status).toBe('success');
		expect(responses.map((answer) => answer.body)).toEqual([{ ActionStatus: 'OK', ErrorInfo: 'Subscriptions are closed', ErrorCode: 1 }]);
	});

	it('Custom Reply: sends the JSON object as it is', async () => {
		const reply = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'edited' } }] };
		const { run, responses } = await callbackThrough([respondStep({ decision: 'customReply', customReply: JSON.stringify(reply) }), nextStep], { command: BEFORE_SEND });
		expect(run.status).toBe('success');
		expect(responses.map((answer) => answer.body)).toEqual([reply]);
	});

	it('Custom Reply: JSON that is not an object fails and sends nothing', async () => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'customReply', customReply: '[1, 2]' })]);
		expect(run.status).toBe('error');
		expect(errorOf(run).message).toContain('Custom Reply must be a JSON object');
		expect(responses).toEqual([]);
	});

	it('without a Respond step nothing is sent during the run (n8n then answers when the execution ends; see the e2e)', async () => {
		const { run, responses } = await callbackThrough([nextStep]);
		expect(run.status).toBe('success');
		expect(responses).toEqual([]);
	});

	it('a second Respond in the same execution fails with a clear error; only the first answer was sent', async () => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'allow' }), respondStep({ decision: 'refuseAll' }, 'Respond Again'), nextStep]);
		expect(run.status).toBe('error');
		expect(errorOf(run).message).toContain('already answered by "Respond"');
		expect(run.data.resultData.lastNodeExecuted).toBe('Respond Again');
		expect(responses.map((answer) => answer.body)).toEqual([ACK]);
	});

	it('a second Respond set to continue passes error items on instead of answering again', async () => {
		const { run, responses, itemsOf } = await callbackThrough([
			respondStep({ decision: 'allow' }),
			respondStep({ decision: 'refuseAll' }, 'Respond Again', 'continueRegularOutput'),
			nextStep,
		]);
		expect(run.status).toBe('success');
		expect(responses).toHaveLength(1);
		expect(String(itemsOf(NEXT)[0]?.json.error)).toContain('already answered');
	});
});

describe('Callback → Respond outside the response-node mode', () => {
	it.each([
		['Immediately', 'onReceived'],
		['When Last Node Finishes', 'lastNode'],
	])('fails when the trigger answers itself (%s) and sends nothing', async (label, respond) => {
		const { run, responses } = await callbackThrough([respondStep({ decision: 'allow' })], { respond, command: respond === 'onReceived' ? AFTER_DELETE : BEFORE_ADD });
		expect(run.status).toBe('error');
		const { message, description } = errorOf(run);
		expect(message).toContain(`The trigger "${TRIGGER_NODE_NAME}" answers Tencent itself (its Respond is "${label}")`);
		expect(description).toContain('Using the Respond Operation');
		expect(responses).toEqual([]);
	});

	it('fails when the execution did not start at the trigger (the trigger is upstream but did not run)', async () => {
		const hook = await runWebhook({
			parameters: { events: [BEFORE_ADD], respond: 'responseNode' },
			credentials,
			request: { query: signedQuery(BEFORE_ADD), body: subscriberBody(BEFORE_ADD, ['u1']) },
			downstream: [respondStep({ decision: 'allow' })],
		});
		const { run, responses } = await hook.runWorkflow({ startAt: RESPOND, input: [{ pinned: true }] });
		expect(run.status).toBe('error');
		expect(errorOf(run).message).toContain('This execution was not started by a Tencent callback');
		expect(responses).toEqual([]);
	});

	it('fails in a workflow without the trigger', async () => {
		const { status, error } = await runNode({
			nodeType: new TencentChatOfficialAccount(),
			typeName: NODE_TYPE_NAME,
			credentialTypes: { tencentChatApi: new TencentChatApi() },
			credentials: {},
			parameters: { resource: 'callback', operation: 'respond', decision: 'allow' },
			input: [{ a: 1 }],
		});
		expect(status).toBe('error');
		expect(error?.message).toContain('No Tencent Chat Official Account Trigger comes before this node');
	});

	it('is refused as an AI tool (the tool variant of the node)', async () => {
		const { status, error } = await runNode({
			nodeType: new TencentChatOfficialAccount(),
			typeName: 'n8n-nodes-tencent-chat.tencentChatOfficialAccountTool',
			credentialTypes: { tencentChatApi: new TencentChatApi() },
			credentials: {},
			parameters: { resource: 'callback', operation: 'respond', decision: 'allow' },
			input: [{ a: 1 }],
		});
		expect(status).toBe('error');
		expect(error?.message).toContain('not available to AI agents');
	});
});

describe('Callback resource in the node description', () => {
	const description = new TencentChatOfficialAccount().description;
	const resourceProperties = description.properties.filter((property) => property.name === 'resource');
	const values = (property: INodeProperties | undefined) => (property?.options ?? []).map((option) => ('value' in option ? option.value : undefined));
	const forTool = (tool: boolean) => resourceProperties.find((property) => property.displayOptions?.show?.['@tool']?.includes(tool));

	it('is offered in the node but not in its AI-tool variant', () => {
		expect(values(forTool(false))).toContain('callback');
		expect(values(forTool(true))).not.toContain('callback');
		expect(values(forTool(true))).toEqual(values(forTool(false)).filter((value) => value !== 'callback'));
	});

	it('needs no credential, while every other resource still requires it', () => {
		const [credential] = description.credentials ?? [];
		expect(credential).toMatchObject({ name: 'tencentChatApi', required: true });
		const shown = (resource: unknown) => NodeHelpers.displayParameter({ resource } as INodeParameters, credential, null, description);
		expect(shown('callback')).toBe(false);
		for (const resource of values(forTool(false)).filter((value) => value !== 'callback')) expect([resource, shown(resource)]).toEqual([resource, true]);
	});

	it("matches the trigger's type name", () => {
		expect(`n8n-nodes-tencent-chat.${new TencentChatOfficialAccountTrigger().description.name}`.endsWith(TRIGGER_TYPE_SUFFIX)).toBe(true);
	});
});
