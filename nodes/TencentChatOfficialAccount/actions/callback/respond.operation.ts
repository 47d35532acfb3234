import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { failureJson, failureShapeOf, sentences } from '../../engine/failureShape';
import { parseIdList } from '../../engine/idList';
import { checkSubscriberId, describeType } from '../../helpers/identifiers';
import { BEFORE_CALLBACK_TIMEOUT_MS, CALLBACK_ACK } from '../../tencent/callbacks';
import { findAnsweringTrigger } from './answeringTrigger';
import { callbackReply, DECISIONS, type Decision } from './callbackReply';

/** Marks, in the execution's flow context, that Tencent has been answered; n8n keeps only the first answer. */
const ANSWERED_BY = 'tencentChatCallbackAnsweredBy';

const show = (decision: string) => ({ show: { resource: ['callback'], operation: ['respond'], decision: [decision] } });

export const description: INodeProperties[] = [
	{
		displayName: `Answers the callback that started this execution, at once: Tencent waits at most ${BEFORE_CALLBACK_TIMEOUT_MS / 1000} s. The trigger's Respond must be "Using the Respond Operation". The input items pass through unchanged and the workflow goes on.`,
		name: 'respondNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['callback'], operation: ['respond'] } },
	},
	{
		displayName: 'Decision',
		name: 'decision',
		type: 'options',
		options: [
			{ name: 'Allow', value: DECISIONS.allow, description: 'Let the request go ahead (ErrorCode 0)' },
			{
				name: 'Refuse Subscribers',
				value: DECISIONS.refuseSubscribers,
				description: 'Before Add Subscriber: add everyone except the users listed (RefusedSubscribers_Account)',
			},
			{ name: 'Refuse All', value: DECISIONS.refuseAll, description: 'Refuse the whole request (ErrorCode 1)' },
			{
				name: 'Custom Reply',
				value: DECISIONS.customReply,
				description: 'Send a JSON object as it is, e.g. a changed MsgBody for Before Message Is Sent',
			},
		],
		default: 'allow',
		displayOptions: { show: { resource: ['callback'], operation: ['respond'] } },
	},
	{
		displayName: 'Refused Subscribers',
		name: 'refusedSubscribers',
		type: 'string',
		default: '',
		placeholder: "e.g. user001, user002 or {{ $json.SubscribeAccountList.map(s => s.Subscriber_Account).filter(u => u.startsWith('test')) }}",
		description:
			'UserIDs to refuse: a list separated by commas or new lines, or an expression returning a list. Evaluated for every input item; the lists are joined. Empty refuses nobody.',
		displayOptions: show(DECISIONS.refuseSubscribers),
	},
	{
		displayName: 'Error Info',
		name: 'errorInfo',
		type: 'string',
		default: '',
		placeholder: 'e.g. Subscriptions are closed',
		description: 'The ErrorInfo of the reply; Tencent may pass it on to the caller',
		displayOptions: show(DECISIONS.refuseAll),
	},
	{
		displayName: 'Custom Reply',
		name: 'customReply',
		type: 'json',
		default: JSON.stringify(CALLBACK_ACK),
		description: 'The JSON object Tencent receives, as it is (ActionStatus, ErrorInfo, ErrorCode and the fields of this callback)',
		displayOptions: show(DECISIONS.customReply),
	},
];

function fail(ctx: IExecuteFunctions, reason: string, fix: string, itemIndex?: number): NodeOperationError {
	const where = itemIndex === undefined ? '' : `[item ${itemIndex}] `;
	return new NodeOperationError(ctx.getNode(), `${where}${sentences(reason)}`, { description: fix, itemIndex });
}

function readRefusedSubscribers(ctx: IExecuteFunctions, itemCount: number): string[] {
	const refused = new Set<string>();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const value = ctx.getNodeParameter('refusedSubscribers', itemIndex, '') as unknown;
		const empty = value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
		if (empty) continue;
		const parsed = parseIdList(value, { label: 'Refused Subscribers', check: checkSubscriberId });
		if (!parsed.ok) throw fail(ctx, parsed.reason, 'Give UserIDs separated by commas or new lines, or an expression returning a list.', itemIndex);
		for (const entry of parsed.entries) {
			if (!entry.ok) throw fail(ctx, `Refused Subscribers: "${entry.raw}" ${entry.reason}`, 'Each UserID is printable ASCII, at most 32 bytes.', itemIndex);
			refused.add(entry.id);
		}
	}
	return [...refused];
}

function readCustomReply(ctx: IExecuteFunctions): IDataObject {
	const raw = ctx.getNodeParameter('customReply', 0) as unknown;
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch {
			throw fail(ctx, 'Custom Reply is not valid JSON', 'Write a JSON object, e.g. {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}.', 0);
		}
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw fail(ctx, `Custom Reply must be a JSON object, not ${describeType(value)}`, 'Write a JSON object, e.g. {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}.', 0);
	}
	return value as IDataObject;
}

function readDecision(ctx: IExecuteFunctions, itemCount: number): Decision {
	const decision = ctx.getNodeParameter('decision', 0) as string;
	switch (decision) {
		case DECISIONS.allow:
			return { kind: DECISIONS.allow };
		case DECISIONS.refuseSubscribers:
			return { kind: DECISIONS.refuseSubscribers, subscribers: readRefusedSubscribers(ctx, itemCount) };
		case DECISIONS.refuseAll:
			return { kind: DECISIONS.refuseAll, errorInfo: String(ctx.getNodeParameter('errorInfo', 0, '') ?? '') };
		case DECISIONS.customReply:
			return { kind: DECISIONS.customReply, reply: readCustomReply(ctx) };
		default:
			throw fail(ctx, `Decision "${decision}" is not one this node knows`, 'Choose Allow, Refuse Subscribers, Refuse All or Custom Reply.', 0);
	}
}

async function answer(ctx: IExecuteFunctions, itemCount: number): Promise<void> {
	// AI agents cannot hold a callback's HTTP request; the tool variant's type name ends in "Tool".
	if (ctx.getNode().type.endsWith('Tool') || ctx.isToolExecution?.() === true) {
		throw fail(ctx, 'Callback → Respond is not available to AI agents', 'Use it as a regular step after the Tencent Chat Official Account Trigger.');
	}
	const trigger = findAnsweringTrigger(ctx);
	if (!trigger.ok) throw fail(ctx, trigger.reason, trigger.fix);
	const flow = ctx.getContext('flow');
	if (typeof flow[ANSWERED_BY] === 'string') {
		throw fail(
			ctx,
			`Tencent's callback was already answered by "${flow[ANSWERED_BY]}" in this execution; a callback takes one answer`,
			'Keep one Callback → Respond step on each path of the workflow, and make sure it runs once (one input run).',
		);
	}
	const reply = callbackReply(readDecision(ctx, itemCount), trigger.callbackCommand);
	if (!reply.ok) throw fail(ctx, reply.reason, reply.fix);
	// As n8n's Respond to Webhook node does: resolves the response promise n8n holds in response-node mode.
	await ctx.sendResponse({ body: reply.reply, headers: {}, statusCode: 200 });
	flow[ANSWERED_BY] = ctx.getNode().name;
}

/** Callback → Respond: answers Tencent's callback mid-workflow; the items pass through unchanged. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	try {
		await answer(this, items.length);
	} catch (error) {
		if (!this.continueOnFail()) throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		const shape = failureShapeOf(this);
		const message = (error as Error).message;
		return [items.map((item, index) => ({ json: failureJson(shape, message, item.json), pairedItem: { item: index } }))];
	}
	return [items.map((item, index) => ({ ...item, pairedItem: { item: index } }))];
}
