// Subscriber → Add (the form example, and a list typed in), Get Many, Update and Delete (the delete example).
import { resolve } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { readExampleWorkflow, type ExampleRun } from '../../exampleWorkflow';
import { APP, ON_ERROR_LABELS, pairedIndex, printTable, runOperation, type DemoContext } from '../context';
import { NEWS, SHOP, type DemoStep } from './step';

const ADD_EXAMPLE = 'examples/add-subscribers-form.workflow.json';
const DELETE_EXAMPLE = 'examples/delete-subscribers.workflow.json';
const DELETE_ERROR_OUTPUT_EXAMPLE = 'examples/delete-subscribers-error-output.workflow.json';
const UPDATED_USER = 'user201';
const CUSTOM_STRING = '{"tier":"gold","source":"demo"}';

function example(demo: DemoContext, file: string): ExampleRun {
	const run = readExampleWorkflow(resolve(demo.repoRoot, file), demo.pkg.packageName);
	if (run.node.type !== demo.pkg.nodeTypeName) throw new Error(`${file}: unexpected node type ${run.node.type}`);
	return run;
}

function printInput(demo: DemoContext, run: ExampleRun): void {
	demo.print(`    input: what the Code node "${run.codeNode.name}" returns`);
	for (const [index, item] of run.input.entries()) demo.print(`      [${index}] ${JSON.stringify(item.json)}`);
}

export const addFromForm: DemoStep = {
	resource: 'Subscriber',
	title: `Subscribe form submissions (${ADD_EXAMPLE})`,
	async run(demo: DemoContext) {
		const run = example(demo, ADD_EXAMPLE);
		printInput(demo, run);
		const { items } = await runOperation(demo, {
			resource: 'subscriber',
			operation: 'add',
			about: `node "${run.node.name}", Subscriber IDs From: Input Field "${String(run.parameters.subscriberIdField)}"`,
			parameters: run.parameters,
			input: run.input,
			onError: run.onError,
		});
		printTable(demo, ['item', 'subscriberId', 'status', 'result'], items.map((item) => [pairedIndex(item), item.json.subscriberId as string, item.json.status as string, item.json.result as number]));
		const subscribed = new Set(demo.emulator.subscribers(APP, NEWS));
		for (const { json } of items) {
			if (json.status !== 'added' && json.status !== 'alreadySubscribed') demo.problem(`Add: unexpected status for ${String(json.subscriberId)}: ${String(json.error ?? json.status)}`);
			else if (!subscribed.has(String(json.subscriberId))) demo.problem(`Add: ${String(json.subscriberId)} was reported subscribed but the emulator does not have it`);
		}
	},
};

export const addToShop: DemoStep = {
	resource: 'Subscriber',
	title: `Subscribe three users to ${SHOP}`,
	async run(demo: DemoContext) {
		const ids = ['user001', 'user002', UPDATED_USER];
		const { items } = await runOperation(demo, {
			resource: 'subscriber',
			operation: 'add',
			about: `Subscriber IDs From: Define Below "${ids.join(', ')}", Output: Summary per Input Item`,
			parameters: { officialAccount: SHOP, subscriberIds: ids.join(', '), options: { output: 'summary' } },
		});
		printTable(demo, ['officialAccount', 'requested', 'added', 'alreadySubscribed', 'failed'], items.map(({ json }) => [json.officialAccount as string, json.requested as number, json.added as number, json.alreadySubscribed as number, json.failed as number]));
		const stored = demo.emulator.subscribers(APP, SHOP);
		if (ids.some((id) => !stored.includes(id))) demo.problem(`Add: ${SHOP} has ${JSON.stringify(stored)} at the emulator, expected ${JSON.stringify(ids)}`);
	},
};

export const listSubscribers: DemoStep = {
	resource: 'Subscriber',
	title: `List every subscriber of ${NEWS}`,
	async run(demo: DemoContext) {
		const { items } = await runOperation(demo, {
			resource: 'subscriber',
			operation: 'getAll',
			about: 'Return All (pages of 200 through Tencent\'s Next cursor)',
			parameters: { officialAccount: NEWS, returnAll: true, options: {} },
		});
		const shown = items.slice(-3);
		demo.print(`    the last ${shown.length} of ${items.length}:`);
		printTable(demo, ['subscriberId', 'subscribeTimeIso', 'msgFlag', 'customString'], shown.map(({ json }) => [json.subscriberId as string, json.subscribeTimeIso as string, json.msgFlag as string, json.customString as string]));
		const listed = items.map((item) => String(item.json.subscriberId));
		const stored = demo.emulator.subscribers(APP, NEWS);
		if (JSON.stringify(listed) !== JSON.stringify(stored)) demo.problem(`Get Many listed ${listed.length} subscribers, the emulator has ${stored.length} (or in another order)`);
	},
};

export const updateSubscriber: DemoStep = {
	resource: 'Subscriber',
	title: `Store a note on subscriber ${UPDATED_USER}`,
	async run(demo: DemoContext) {
		const { items } = await runOperation(demo, {
			resource: 'subscriber',
			operation: 'update',
			about: `Subscriber ID ${UPDATED_USER}, Custom String ${CUSTOM_STRING}`,
			parameters: { officialAccount: NEWS, subscriberId: UPDATED_USER, customString: CUSTOM_STRING, options: {} },
		});
		printTable(demo, ['subscriberId', 'updated', 'customString'], items.map(({ json }) => [json.subscriberId as string, String(json.updated), json.customString as string]));
		const stored = demo.emulator.subscriberDetails(APP, NEWS).find((subscriber) => subscriber.Subscriber_Account === UPDATED_USER);
		if (stored?.CustomString !== CUSTOM_STRING) demo.problem(`Update: the emulator holds ${JSON.stringify(stored?.CustomString)} for ${UPDATED_USER}`);
	},
};

/** Runs a delete example and checks the emulator lost exactly the subscribers the node reported deleted. */
async function runDeleteExample(demo: DemoContext, file: string): Promise<void> {
	const run = example(demo, file);
	printInput(demo, run);
	const before = demo.emulator.subscribers(APP, NEWS);
	const { items, errorItems } = await runOperation(demo, {
		resource: 'subscriber',
		operation: 'delete',
		about: `node "${run.node.name}"`,
		parameters: run.parameters,
		input: run.input,
		onError: run.onError,
	});
	const after = demo.emulator.subscribers(APP, NEWS);
	const result = (json: IDataObject) => (json.result === null || json.result === undefined ? '—' : String(json.result));
	printTable(demo, ['item', 'subscriberId', 'status', 'result'], items.map((item) => [pairedIndex(item), item.json.subscriberId as string, item.json.status as string, result(item.json)]));
	const failed = items.filter((item) => item.json.status === 'failed');
	const onError = ON_ERROR_LABELS[run.onError ?? 'stopWorkflow'];
	if (failed.length > 0) {
		demo.print(`    With On Error "${onError}" a failed ID is an item of the same output, with an \`error\`:`);
		for (const item of failed) demo.print(`      ${String(item.json.error)}`);
	}
	if (errorItems.length > 0) {
		demo.print(`    With On Error "${onError}" a failed ID goes to the second output (here the node "Could not remove"):`);
		for (const item of errorItems) demo.print(`      [item ${String(pairedIndex(item))}] ${String(item.json.error)}`);
	}
	const deleted = items.filter((item) => item.json.status === 'deleted').map((item) => String(item.json.subscriberId));
	if (before.length - after.length !== deleted.length) demo.problem(`Delete: the emulator lost ${before.length - after.length} subscribers but the node reported ${deleted.length} deletions`);
	for (const id of deleted) if (after.includes(id)) demo.problem(`Delete: ${id} was reported deleted but is still subscribed`);
	if (failed.length + errorItems.length !== 1) demo.problem(`Delete: expected the one invalid ID of ${file} to fail, ${failed.length + errorItems.length} failed`);
}

export const deleteFromCrm: DemoStep = {
	resource: 'Subscriber',
	title: `Remove the subscribers a CRM export lists (${DELETE_EXAMPLE})`,
	run: async (demo) => await runDeleteExample(demo, DELETE_EXAMPLE),
};

export const deleteWithErrorOutput: DemoStep = {
	resource: 'Subscriber',
	title: `The same with failures on a second output (${DELETE_ERROR_OUTPUT_EXAMPLE})`,
	run: async (demo) => await runDeleteExample(demo, DELETE_ERROR_OUTPUT_EXAMPLE),
};
