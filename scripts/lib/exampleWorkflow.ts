// Reads an example workflow (examples/*.workflow.json) so the demo runs exactly what a user imports:
// the package node's parameters / onError from the file, and the input items its Code node returns.
import { readFileSync } from 'node:fs';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

export interface WorkflowFile {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: Record<string, { main?: Array<Array<{ node: string; type: string; index: number }>> }>;
}

export interface ExampleRun {
	workflow: WorkflowFile;
	/** The package's node (type `<packageName>.*`). */
	node: INode;
	/** The Code node that feeds it. */
	codeNode: INode;
	/** What that Code node returns, i.e. the package node's input items. */
	input: Array<{ json: IDataObject }>;
	parameters: INodeParameters;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

const CODE_NODE_TYPE = 'n8n-nodes-base.code';

/**
 * Runs a Code node's jsCode outside n8n. This is dev tooling for our own example file: the code must be
 * self-contained (no $input, $json, helpers), which the example's is; it returns the item array.
 */
export function evaluateCodeNodeItems(jsCode: string): Array<{ json: IDataObject }> {
	// new Function: our own example file, dev tooling only (never run on user input).
	const result: unknown = new Function(jsCode)();
	if (!Array.isArray(result)) throw new Error('The Code node must return an array of items');
	return result.map((item: unknown, index) => {
		const json = (item as { json?: unknown } | null)?.json;
		if (typeof json !== 'object' || json === null || Array.isArray(json)) {
			throw new Error(`Code node item ${index} has no { json: {...} } object`);
		}
		return { json: json as IDataObject };
	});
}

export function readExampleWorkflow(file: string, packageName: string): ExampleRun {
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
	const node = workflow.nodes.find((n) => n.type.startsWith(`${packageName}.`));
	if (!node) throw new Error(`${file} has no ${packageName}.* node`);
	// The nodes that connect into ours; a trigger (e.g. a form) may feed it too, the demo takes the Code node.
	const feeders = Object.entries(workflow.connections)
		.filter(([, out]) => (out.main ?? []).some((targets) => targets.some((t) => t.node === node.name)))
		.map(([name]) => workflow.nodes.find((n) => n.name === name));
	const codeNode = feeders.find((feeder) => feeder?.type === CODE_NODE_TYPE);
	if (!codeNode) {
		throw new Error(`${file}: "${node.name}" must be fed by a Code node (found ${feeders.map((feeder) => feeder?.type ?? 'nothing').join(', ') || 'nothing'})`);
	}
	const jsCode = codeNode.parameters.jsCode;
	if (typeof jsCode !== 'string') throw new Error(`${file}: the Code node has no jsCode`);
	return {
		workflow,
		node,
		codeNode,
		input: evaluateCodeNodeItems(jsCode),
		parameters: node.parameters,
		onError: node.onError,
	};
}
