// One signed callback through the trigger: the emulator, as Tencent does, POSTs After Add Subscriber to the
// trigger's URL after a Subscriber → Add; the trigger (n8n-core's WebhookContext behind a local HTTP server)
// checks the Sign and starts an execution. A callback signed with another token is refused.
import { APP, eventLabel, printTable, runOperation, type DemoContext } from '../context';
import { NEWS, type DemoStep } from './step';

const AFTER_ADD = 'OfficialAccount.CallbackAfterAddSubscriber';
const TOKEN = 'demo-callback-token';

async function addSubscriber(demo: DemoContext, id: string): Promise<void> {
	await runOperation(demo, {
		resource: 'subscriber',
		operation: 'add',
		about: `Subscriber IDs "${id}"`,
		parameters: { officialAccount: NEWS, subscriberIds: id, options: {} },
	});
	await demo.emulator.callbacksSettled();
}

export const signedCallback: DemoStep = {
	resource: 'Trigger',
	title: 'A signed callback starts the trigger; a wrongly signed one is refused',
	async run(demo: DemoContext) {
		// Imported here: it loads n8n-core, which must see the demo's N8N_USER_FOLDER.
		const { startWebhookServer } = await import('../../../../test/trigger/webhookServer');
		const event = eventLabel(demo.pkg.trigger, AFTER_ADD);
		const server = await startWebhookServer({
			parameters: { events: [AFTER_ADD], respond: 'onReceived' },
			credentials: { ...demo.credentials, callbackToken: TOKEN },
			trigger: demo.pkg.trigger,
		});
		const logStart = demo.emulator.callbackLog.length;
		let signedUntil = logStart;
		try {
			demo.print(`  ${demo.pkg.trigger.description.displayName}: Events "${event}", Respond "Immediately", credential Callback Token "${TOKEN}"`);
			demo.emulator.setCallback(server.url, TOKEN);
			await addSubscriber(demo, 'user301');
			signedUntil = demo.emulator.callbackLog.length;
			demo.emulator.setCallback(server.url, 'not-the-token');
			await addSubscriber(demo, 'user302');
		} finally {
			demo.emulator.setCallback(undefined);
			await server.stop();
		}
		const sent = demo.emulator.callbackLog.slice(logStart).map((record, index) => ({ ...record, rightToken: logStart + index < signedUntil }));
		demo.print('    the callbacks the emulator sent, as Tencent does for add_subscriber (a Before and an After callback):');
		printTable(
			demo,
			['event', 'Sign made with', 'HTTP', 'trigger answered'],
			sent.map((record) => [eventLabel(demo.pkg.trigger, record.command), record.rightToken ? 'the Callback Token' : 'another token', record.httpStatus, JSON.stringify(record.reply ?? record.error)]),
		);
		demo.print('    A callback not picked under Events is answered OK at once and starts nothing; a wrong Sign gets 401.');
		demo.print(`    executions started: ${server.executions.length}; the trigger's item:`);
		printTable(
			demo,
			['event', 'Official_Account', 'subscribers', 'eventTimeIso', 'eventKey'],
			server.executions.flat().map(({ json }) => [
				eventLabel(demo.pkg.trigger, String(json.CallbackCommand)),
				json.Official_Account as string,
				((json.SubscribeAccountList ?? []) as Array<{ Subscriber_Account?: string }>).map((entry) => entry.Subscriber_Account).join(', '),
				json.eventTimeIso as string,
				`${String(json.eventKey).slice(0, 12)}…`,
			]),
		);
		const afterAdd = sent.filter((record) => record.command === AFTER_ADD).map((record) => [record.rightToken, record.httpStatus]);
		if (JSON.stringify(afterAdd) !== JSON.stringify([[true, 200], [false, 401]])) demo.problem(`Trigger: expected After Add Subscriber answered 200 when signed with the token, 401 otherwise; got ${JSON.stringify(afterAdd)}`);
		if (server.executions.length !== 1) demo.problem(`Trigger: expected 1 execution, got ${server.executions.length}`);
		if (sent.some((record) => record.sdkAppId !== APP)) demo.problem('Trigger: a callback came from another app');
	},
};
