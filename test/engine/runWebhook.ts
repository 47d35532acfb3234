import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	resolveWebhookDescriptionField,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type IDataObject,
	type IExecuteResponsePromiseData,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TencentChatApi } from '../../credentials/TencentChatApi.credentials';
import { TencentChatOfficialAccountTrigger } from '../../nodes/TencentChatOfficialAccountTrigger/TencentChatOfficialAccountTrigger.node';
import { TestCredentialsHelper } from './credentialsHelper';

export const TRIGGER_TYPE_NAME = 'n8n-nodes-tencent-chat.tencentChatOfficialAccountTrigger';
export const TRIGGER_NODE_NAME = 'Tencent Chat Trigger';
export const WEBHOOK_ID = 'tc-webhook-test';
const WORKFLOW_ID = 'wf-webhook-test';

/** What the node wrote to the Express response, if anything. */
export interface RecordedResponse {
	statusCode?: number;
	body?: unknown;
	/** Headers the node set itself (lower-case names). */
	headers?: Record<string, string>;
	ended: boolean;
}

/** A downstream node of the test workflow: its type and parameters; it is connected after the previous one. */
export interface DownstreamNode {
	name: string;
	type: string;
	nodeType: INodeType;
	parameters?: INodeParameters;
	/** 1 unless given. */
	typeVersion?: number;
	onError?: INode['onError'];
}

export interface WebhookRequest {
	query: IDataObject;
	/** As n8n's body reader leaves it: an object (JSON), a string (text/plain) or {} (other types). */
	body: unknown;
	/** The bytes, as n8n keeps them in req.rawBody. */
	rawBody?: Buffer;
	headers?: Record<string, string>;
	/** Bytes n8n left unread (version 2 nodes, a content type n8n does not parse): only readRawBody() yields them. */
	unreadBody?: Buffer;
	/** The query string exactly as sent (n8n keeps it in req.url); built from `query` when absent. */
	rawQuery?: string;
}

export interface RunWebhookOptions {
	request: WebhookRequest;
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	downstream?: DownstreamNode[];
	/** The trigger to run; default the source class (the demo passes the one loaded from dist/). */
	trigger?: INodeType;
	/** The trigger's typeVersion as a saved workflow holds it; 1 unless given. */
	typeVersion?: number;
	/** The credential's id; calls with the same id share the trigger's short-lived credential cache. Default: a fresh id. */
	credentialId?: string;
	/** Reuse a credentials helper (to count reads across calls). */
	credentialsHelper?: TestCredentialsHelper;
}

export interface RunWebhookResult {
	result: IWebhookResponseData;
	response: RecordedResponse;
	/** Warnings the node logged. */
	warnings: string[];
	/** How the CLI evaluates the webhook description for this node (webhook-helpers evaluateResponseOptions). */
	responseMode: unknown;
	responseData: unknown;
	/** What responseData would evaluate to if the description left it out (n8n's default). */
	responseDataIfUnset: unknown;
	/** How n8n 2.41 resolves them without the expression engine (resolveWebhookDescriptionField); undefined: not natively. */
	nativeResponseMode: unknown;
	nativeResponseData: unknown;
	webhookUrl: string;
	/** The credentials helper; its `decryptions` counts n8n credential reads. */
	credentialsHelper: TestCredentialsHelper;
	/**
	 * Runs the workflow from the trigger's workflowData, as the CLI does after the webhook returns. `responses`
	 * are what nodes sent through n8n's `sendResponse` hook (the response-node mode's answer), in order.
	 * With `startAt`, the execution starts at that downstream node with `input` instead: the trigger never runs.
	 */
	runWorkflow(start?: { startAt: string; input: IDataObject[] }): Promise<WorkflowRun>;
}

export interface WorkflowRun {
	run: IRun;
	lastNodeName: string;
	lastNodeItems: INodeExecutionData[];
	responses: IExecuteResponsePromiseData[];
	/** The main output items of a node's first run. */
	itemsOf(nodeName: string): INodeExecutionData[];
}

function fakeResponse(recorded: RecordedResponse) {
	return {
		status(code: number) {
			recorded.statusCode = code;
			return this;
		},
		json(body: unknown) {
			recorded.body = body;
			recorded.ended = true;
			return this;
		},
		send(body: unknown) {
			recorded.body = body;
			recorded.ended = true;
			return this;
		},
		setHeader(name: string, value: string) {
			recorded.headers = { ...recorded.headers, [name.toLowerCase()]: value };
			return this;
		},
		end(body?: unknown) {
			if (body !== undefined) recorded.body = body;
			recorded.ended = true;
			return this;
		},
		get headersSent() {
			return recorded.ended;
		},
	};
}

function queryStringOf(query: IDataObject): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(query)) if (value !== undefined) pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
	return pairs.join('&');
}

function fakeRequest(request: WebhookRequest) {
	const headers = { 'content-type': 'application/json', ...request.headers };
	const query = request.rawQuery ?? queryStringOf(request.query);
	const url = `/webhook/${WEBHOOK_ID}/callback${query === '' ? '' : `?${query}`}`;
	const fake = {
		method: 'POST',
		url,
		originalUrl: url,
		body: request.body,
		rawBody: request.rawBody,
		query: request.query,
		headers,
		params: {},
		header: (name: string) => headers[name.toLowerCase() as keyof typeof headers],
		// As n8n's raw body reader: the bytes of the body as sent.
		async readRawBody() {
			if (fake.rawBody) return;
			if (request.unreadBody) {
				fake.rawBody = request.unreadBody;
				return;
			}
			const body = request.body;
			if (typeof body === 'string') fake.rawBody = Buffer.from(body);
			else if (body !== undefined && !(typeof body === 'object' && body !== null && Object.keys(body).length === 0)) fake.rawBody = Buffer.from(JSON.stringify(body));
			else fake.rawBody = Buffer.alloc(0);
		},
	};
	return fake;
}

let credentialIds = 0;

/**
 * Calls the trigger's webhook() inside a real n8n-core WebhookContext (real parameter resolution, real
 * credential access), with a fake Express request/response, as n8n's WebhookService.runWebhook does.
 */
export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const trigger: INodeType = options.trigger ?? new TencentChatOfficialAccountTrigger();
	if (!trigger.webhook) throw new Error('The trigger node type has no webhook method');
	const webhook = trigger.webhook;
	const types: Record<string, INodeType> = { [TRIGGER_TYPE_NAME]: trigger };
	for (const node of options.downstream ?? []) types[node.type] = node.nodeType;
	const nodeTypes: INodeTypes = {
		getByName: (type) => types[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	};

	const triggerNode: INode = {
		id: 'trigger',
		name: TRIGGER_NODE_NAME,
		type: TRIGGER_TYPE_NAME,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: options.parameters,
		credentials: { tencentChatApi: { id: options.credentialId ?? `cred-${++credentialIds}`, name: 'Tencent Chat' } },
	};
	const nodes: INode[] = [triggerNode];
	const connections: IConnections = {};
	let previous = TRIGGER_NODE_NAME;
	for (const [index, node] of (options.downstream ?? []).entries()) {
		nodes.push({ id: `n${index}`, name: node.name, type: node.type, typeVersion: node.typeVersion ?? 1, position: [200 * (index + 1), 0], parameters: node.parameters ?? {}, ...(node.onError ? { onError: node.onError } : {}) });
		connections[previous] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
		previous = node.name;
	}
	const workflow = new Workflow({ id: WORKFLOW_ID, nodes, connections, nodeTypes, active: true, settings: {} });
	const workflowData = { id: WORKFLOW_ID, name: 'webhook test', nodes, connections, active: true, settings: {} } as unknown as IWorkflowBase;

	const response: RecordedResponse = { ended: false };
	const credentialsHelper =
		options.credentialsHelper ?? new TestCredentialsHelper({ tencentChatApi: new TencentChatApi() }, { tencentChatApi: options.credentials });
	const hooks = new ExecutionLifecycleHooks('webhook', 'exec-webhook', workflowData);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	// n8n's WorkflowRunner adds this handler for the response-node mode; here it records the answers.
	const responses: IExecuteResponsePromiseData[] = [];
	hooks.addHandler('sendResponse', (answer) => void responses.push(answer));
	const additionalData = {
		hooks,
		executionId: 'exec-webhook',
		userId: 'user-test',
		variables: {},
		credentialsHelper,
		httpRequest: fakeRequest(options.request),
		httpResponse: fakeResponse(response),
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const webhookDescription = trigger.description.webhooks![0];
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: TRIGGER_NODE_NAME,
		path: NodeHelpers.getNodeWebhookPath(WORKFLOW_ID, triggerNode, webhookDescription.path as string),
		webhookDescription,
		workflowId: WORKFLOW_ID,
		workflowExecuteAdditionalData: additionalData,
	};
	const context = new WebhookContext(workflow, triggerNode, additionalData, 'webhook', webhookData, [], null);
	const warnings: string[] = [];
	const record = (message: unknown) => void warnings.push(String(message));
	// The context's logger is a memoised getter on the prototype; an own property shadows it.
	Object.defineProperty(context, 'logger', { value: { warn: record, error: record, info: () => {}, debug: () => {} } });

	const result = (await webhook.call(context)) as IWebhookResponseData;

	const responseMode = workflow.expression.getSimpleParameterValue(triggerNode, webhookDescription.responseMode, 'webhook', {}, undefined, 'onReceived');
	const evaluateResponseData = (value: string | undefined) =>
		workflow.expression.getComplexParameterValue(triggerNode, value, 'webhook', {}, undefined, 'firstEntryJson');

	const native = (field: string) => {
		const resolution = resolveWebhookDescriptionField(workflow.nodes[TRIGGER_NODE_NAME], webhookDescription, field);
		return resolution.resolved ? resolution.value : undefined;
	};

	return {
		result,
		response,
		warnings,
		responseMode,
		responseData: evaluateResponseData(webhookDescription.responseData),
		responseDataIfUnset: evaluateResponseData(undefined),
		nativeResponseMode: native('responseMode'),
		nativeResponseData: native('responseData'),
		webhookUrl: context.getNodeWebhookUrl('default') ?? '',
		credentialsHelper,
		async runWorkflow(start) {
			if (!result.workflowData) throw new Error('The webhook returned no workflowData, so n8n would start no execution');
			const startNode = start ? workflow.getNode(start.startAt) : triggerNode;
			if (!startNode) throw new Error(`No node "${start?.startAt}" in the test workflow`);
			const startData = start ? [start.input.map((json) => ({ json }))] : result.workflowData;
			const runData = createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node: startNode, data: { main: startData }, source: null }],
					waitingExecutionSource: null,
				},
			});
			await new WorkflowExecute(additionalData, 'webhook', runData).processRunExecutionData(workflow);
			const run = await finished;
			const itemsOf = (nodeName: string) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
			const lastNodeName = run.data.resultData.lastNodeExecuted ?? '';
			return { run, lastNodeName, lastNodeItems: itemsOf(lastNodeName), responses, itemsOf };
		},
	};
}
