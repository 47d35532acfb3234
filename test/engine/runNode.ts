import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	nodeType: INodeType;
	/** The type name the workflow uses, e.g. 'n8n-nodes-tencent-chat.tencentChatOfficialAccount'. */
	typeName: string;
	credentialTypes: Record<string, ICredentialType>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters: INodeParameters;
	/** Input items; plain objects become `{ json }`. */
	input: Array<IDataObject | INodeExecutionData>;
	onError?: OnError;
	/** Cancel the execution this many ms after it starts, as the UI's stop button does. */
	cancelAfterMs?: number;
	/** The node's typeVersion as a saved workflow holds it; 1 unless given. */
	typeVersion?: number;
}

export interface RunNodeResult {
	run: IRun;
	status: IRun['status'];
	/** The node's main outputs: [0] regular, [1] error output when onError is continueErrorOutput. */
	outputs: INodeExecutionData[][];
	error?: ExecutionError;
	/** How often the node's credentials were loaded and decrypted during the run. */
	credentialReads: number;
}

const NODE_NAME = 'Tencent Chat';

function toItems(input: RunNodeOptions['input']): INodeExecutionData[] {
	return input.map((entry) =>
		typeof entry.json === 'object' && entry.json !== null && !Array.isArray(entry.json)
			? (entry as INodeExecutionData)
			: { json: entry as IDataObject },
	);
}

/**
 * Runs one node inside n8n-core's real WorkflowExecute: real parameter and expression resolution,
 * real `httpRequestWithAuthentication` (calling the credential's `authenticate`), real error-output
 * routing and pairedItem handling. The node is the start node and receives `input` directly.
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeTypes: INodeTypes = {
		getByName: () => options.nodeType,
		getByNameAndVersion: (_type, version) => NodeHelpers.getVersionedNodeType(options.nodeType, version),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: options.typeName,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: `${type}-id`, name: type }])),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const workflowData: IWorkflowBase = {
		id: 'wf-test',
		name: 'test workflow',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({ id: 'wf-test', nodes: [node], connections: {}, nodeTypes, active: false, settings: {} });

	const credentialsHelper = new TestCredentialsHelper(options.credentialTypes, options.credentials);
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-test', workflowData);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const additionalData = {
		hooks,
		executionId: 'exec-test',
		userId: 'user-test',
		variables: {},
		currentNodeParameters: undefined,
		credentialsHelper,
		// Must be valid absolute URLs: the execute context builds $execution.resumeUrl with new URL().
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost/',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		executeWorkflow: async () => {
			throw new Error('not available in tests');
		},
		getRunExecutionData: async () => undefined,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not available in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node, data: { main: [toItems(options.input)] }, source: null }],
			waitingExecutionSource: null,
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	let cancelTimer: NodeJS.Timeout | undefined;
	if (options.cancelAfterMs !== undefined) {
		cancelTimer = setTimeout(() => execution.cancel(), options.cancelAfterMs);
	}
	try {
		await execution.catch(() => undefined);
		const run = await finished;
		const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
		const outputs = (taskData?.data?.main ?? []).map((output) => output ?? []);
		return { run, status: run.status, outputs, error: run.data.resultData.error, credentialReads: credentialsHelper.decryptions };
	} finally {
		if (cancelTimer) clearTimeout(cancelTimer);
	}
}
