// Callback → Respond: a Before Add Subscriber callback is answered mid-workflow. The trigger (Respond "Using the
// Respond Operation") starts the workflow, the Respond step refuses the listed users, and the workflow goes on.
import { eventLabel, operationLabel, printTable, type DemoContext } from '../context';
import type { DemoStep } from './step';

const BEFORE_ADD = 'OfficialAccount.CallbackBeforeAddSubscriber';
const REFUSED = ['spammer1'];
const ASKED = ['user501', ...REFUSED];

export const answerBeforeCallback: DemoStep = {
	resource: 'Callback',
	title: 'A Before Add Subscriber callback answered mid-workflow: one user refused',
	async run(demo: DemoContext) {
		// Imported here: they load n8n-core, which must see the demo's N8N_USER_FOLDER.
		const { runWebhook } = await import('../../../../test/engine/runWebhook');
		const { credentials, signedQuery, subscriberBody } = await import('../../../../test/trigger/fixtures');
		const label = operationLabel(demo.pkg.node, 'callback', 'respond');
		demo.print(`  ${demo.pkg.trigger.description.displayName}: Events "${eventLabel(demo.pkg.trigger, BEFORE_ADD)}", Respond "Using the Respond Operation"`);
		demo.print(`  then ${label}: Decision "Refuse Subscribers", Refused Subscribers "${REFUSED.join(', ')}"`);
		const hook = await runWebhook({
			parameters: { events: [BEFORE_ADD], respond: 'responseNode' },
			credentials,
			request: { query: signedQuery(BEFORE_ADD), body: subscriberBody(BEFORE_ADD, ASKED) },
			trigger: demo.pkg.trigger,
			downstream: [
				{
					name: 'Respond',
					type: demo.pkg.nodeTypeName,
					nodeType: demo.pkg.node,
					parameters: { resource: 'callback', operation: 'respond', decision: 'refuseSubscribers', refusedSubscribers: REFUSED.join(', ') },
				},
			],
		});
		const { responses, lastNodeItems } = await hook.runWorkflow();
		const answer = responses[0]?.body as Record<string, unknown> | undefined;
		printTable(demo, ['asked to subscribe', 'Tencent is told'], ASKED.map((id) => [id, (answer?.RefusedSubscribers_Account as string[] | undefined)?.includes(id) ? 'refused' : 'allowed']));
		demo.print(`    the answer Tencent receives: ${JSON.stringify(answer)}; the workflow went on with ${lastNodeItems.length} item(s)`);
		if (responses.length !== 1) demo.problem(`Callback → Respond: expected one answer, got ${responses.length}`);
		if (JSON.stringify(answer?.RefusedSubscribers_Account) !== JSON.stringify(REFUSED)) demo.problem(`Callback → Respond: expected ${JSON.stringify(REFUSED)} refused, got ${JSON.stringify(answer)}`);
	},
};
