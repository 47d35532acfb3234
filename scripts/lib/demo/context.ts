// What every demo step works with: the emulator, the node types under demonstration, a printer, and one
// helper that runs an operation inside n8n-core's WorkflowExecute and reports it with n8n's own labels.
import { performance } from 'node:perf_hooks';

import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject, INodeExecutionData, INodeParameters, INodeProperties, INodeType } from 'n8n-workflow';

import { DEFAULT_APP, type TencentChatEmulator } from '../../../test/emulator';
import type { OnError, runNode as RunNode } from '../../../test/engine/runNode';
import { formatTable, type Cell } from '../table';

export const APP = DEFAULT_APP.sdkAppId;

/** The package's classes as n8n holds them: loaded from dist/ by the demo script, from source by its test. */
export interface DemoPackage {
	/** The Tencent Chat Official Account node. */
	node: INodeType;
	/** The npm package name, the prefix of its node types in a workflow (n8n-nodes-tencent-chat). */
	packageName: string;
	/** The type name a workflow uses for it, e.g. n8n-nodes-tencent-chat.tencentChatOfficialAccount. */
	nodeTypeName: string;
	/** The trigger; its webhook runs in n8n-core's WebhookContext (test/engine/runWebhook.ts). */
	trigger: INodeType;
	credentialTypes: Record<string, ICredentialType>;
	/** Where these classes came from, for the first line of the demo. */
	origin: string;
}

export interface DemoContext {
	emulator: TencentChatEmulator;
	pkg: DemoPackage;
	runNode: typeof RunNode;
	credentials: ICredentialDataDecryptedObject;
	/** The repository root, for reading examples/*.workflow.json. */
	repoRoot: string;
	print(line?: string): void;
	/** Something the emulator's state or the node's output contradicts; the demo then fails. */
	problem(message: string): void;
	/** Values one step leaves for later ones (e.g. the MsgKey of a sent message). */
	shared: Record<string, unknown>;
	/** Every node run so far, for the summary. */
	runs: Array<{ step: number; label: string; status: string; items: number; errorItems: number; calls: number }>;
	/** The number of the step running now. */
	step: number;
}

/** n8n's labels of the node setting On Error (Settings tab). */
export const ON_ERROR_LABELS: Record<OnError, string> = {
	stopWorkflow: 'Stop Workflow',
	continueRegularOutput: 'Continue',
	continueErrorOutput: 'Continue (using error output)',
};

function optionName(property: INodeProperties | undefined, value: string): string | undefined {
	const option = property?.options?.find((entry) => 'value' in entry && entry.value === value);
	return option?.name;
}

/** "Subscriber → Add": the resource and operation as the node's panel names them. */
export function operationLabel(node: INodeType, resource: string, operation: string): string {
	const properties = node.description.properties;
	const resourceName = optionName(properties.find((property) => property.name === 'resource'), resource) ?? resource;
	const operationProperty = properties.find(
		(property) => property.name === 'operation' && (property.displayOptions?.show?.resource ?? []).includes(resource) && optionName(property, operation) !== undefined,
	);
	return `${resourceName} → ${optionName(operationProperty, operation) ?? operation}`;
}

/** The trigger's name for a callback command, as its Events list shows it. */
export function eventLabel(trigger: INodeType, command: string): string {
	return optionName(trigger.description.properties.find((property) => property.name === 'events'), command) ?? command;
}

export function printTable(demo: DemoContext, headers: string[], rows: Cell[][]): void {
	if (rows.length === 0) return;
	for (const line of formatTable(headers, rows, 70).split('\n')) demo.print(`    ${line}`);
}

export function pairedIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

export interface OperationRun {
	/** Regular output. */
	items: INodeExecutionData[];
	/** The error output (On Error: Continue (using error output)). */
	errorItems: INodeExecutionData[];
	status: string;
	calls: number;
}

export interface OperationRequest {
	resource: string;
	operation: string;
	parameters: INodeParameters;
	input?: Array<{ json: IDataObject }>;
	onError?: OnError;
	/** Printed after the label: where the parameters come from, what is special. */
	about?: string;
}

/**
 * Runs the node once inside n8n-core's WorkflowExecute against the emulator and prints what it did. A run
 * that does not end in success is a problem of the demo.
 */
export async function runOperation(demo: DemoContext, request: OperationRequest): Promise<OperationRun> {
	const label = operationLabel(demo.pkg.node, request.resource, request.operation);
	const onError = request.onError ?? 'stopWorkflow';
	const onErrorPart = onError === 'stopWorkflow' ? '' : `; Settings → On Error: ${ON_ERROR_LABELS[onError]}`;
	demo.print(`  ${label}${request.about ? `: ${request.about}` : ''}${onErrorPart}`);
	const callsBefore = demo.emulator.calls.length;
	const started = performance.now();
	const result = await demo.runNode({
		nodeType: demo.pkg.node,
		typeName: demo.pkg.nodeTypeName,
		credentialTypes: demo.pkg.credentialTypes,
		credentials: { tencentChatApi: demo.credentials },
		parameters: { resource: request.resource, operation: request.operation, ...request.parameters },
		input: request.input ?? [{ json: {} }],
		onError,
	});
	const tookMs = Math.round(performance.now() - started);
	const items = result.outputs[0] ?? [];
	const errorItems = result.outputs[1] ?? [];
	const calls = demo.emulator.calls.length - callsBefore;
	const errorPart = errorItems.length > 0 ? ` + ${errorItems.length} on the error output` : '';
	demo.print(`    → ${result.status} in ${tookMs} ms: ${items.length} output item(s)${errorPart}, ${calls} API call(s)`);
	demo.runs.push({ step: demo.step, label, status: result.status, items: items.length, errorItems: errorItems.length, calls });
	if (result.status !== 'success') demo.problem(`${label}: the run ended with status "${result.status}": ${result.error?.message ?? 'no error message'}`);
	return { items, errorItems, status: result.status, calls };
}
