import type { IExecuteFunctions } from 'n8n-workflow';

import { RESPOND, triggerProperties } from '../../../TencentChatOfficialAccountTrigger/triggerProperties';
import { CALLBACK_BODY } from '../../tencent/callbacks';

/**
 * The trigger's type name without the package prefix (n8n prefixes it with the package name, e.g.
 * `n8n-nodes-tencent-chat.`). A test checks it against the trigger's description.
 */
export const TRIGGER_TYPE_SUFFIX = '.tencentChatOfficialAccountTrigger';

export type AnsweringTrigger =
	| { ok: true; name: string; callbackCommand: string | undefined }
	| { ok: false; reason: string; fix: string };

const SET_RESPOND =
	'Start this workflow with a Tencent Chat Official Account Trigger whose Respond is "Using the Respond Operation", connected before this node.';

/** The trigger's Respond choice as the user sees it, e.g. "When Last Node Finishes". */
function respondLabel(value: unknown): string {
	const options = triggerProperties.find((property) => property.name === 'respond')?.options ?? [];
	const option = options.find((entry) => 'value' in entry && entry.value === value);
	return option?.name ?? String(value);
}

/**
 * The trigger whose callback this execution answers. An ancestor trigger is not enough (a workflow may have a
 * Manual Trigger too): it must have run in this execution, which n8n's data proxy tells by its run data, and it
 * must have left the answer to this operation (Respond = Using the Respond Operation, n8n's response-node mode).
 */
export function findAnsweringTrigger(ctx: IExecuteFunctions): AnsweringTrigger {
	const triggers = ctx
		.getParentNodes(ctx.getNode().name, { includeNodeParameters: true })
		.filter((node) => node.type.endsWith(TRIGGER_TYPE_SUFFIX) && !node.disabled);
	if (triggers.length === 0) {
		return { ok: false, reason: 'No Tencent Chat Official Account Trigger comes before this node, so there is no callback to answer', fix: SET_RESPOND };
	}
	const proxy = ctx.getWorkflowDataProxy(0);
	const started = triggers.find((trigger) => proxy.$(trigger.name).isExecuted === true);
	if (!started) {
		return {
			ok: false,
			reason: `This execution was not started by a Tencent callback: the trigger "${triggers[0].name}" did not run`,
			fix: `${SET_RESPOND} Respond answers only executions that a callback started (production URL, or the test URL while listening).`,
		};
	}
	const respond = started.parameters?.respond;
	if (respond !== RESPOND.respondOperation) {
		return {
			ok: false,
			reason: `The trigger "${started.name}" answers Tencent itself (its Respond is "${respondLabel(respond ?? RESPOND.immediately)}"), so this step has no callback to answer`,
			fix: `Set the trigger's Respond to "Using the Respond Operation", or remove this step.`,
		};
	}
	const first = proxy.$(started.name).first() as { json?: Record<string, unknown> } | undefined;
	const command = first?.json?.[CALLBACK_BODY.callbackCommand];
	return { ok: true, name: started.name, callbackCommand: typeof command === 'string' ? command : undefined };
}
