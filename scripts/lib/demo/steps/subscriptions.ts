// Subscription → Get Many: the accounts one user follows.
import { printTable, runOperation, type DemoContext } from '../context';
import { NEWS, SHOP, type DemoStep } from './step';

const USER = 'user201';

export const userSubscriptions: DemoStep = {
	resource: 'Subscription',
	title: `The official accounts ${USER} follows`,
	async run(demo: DemoContext) {
		const { items } = await runOperation(demo, {
			resource: 'subscription',
			operation: 'getMany',
			about: `Subscriber ID ${USER}, Return All`,
			parameters: { subscriberId: USER, returnAll: true, options: {} },
		});
		printTable(demo, ['officialAccount', 'name', 'subscribeTimeIso', 'subscriberCustomString'], items.map(({ json }) => [json.officialAccount as string, json.name as string, json.subscribeTimeIso as string, json.subscriberCustomString as string]));
		const accounts = items.map((item) => String(item.json.officialAccount)).sort();
		if (JSON.stringify(accounts) !== JSON.stringify([NEWS, SHOP].sort())) demo.problem(`Subscription → Get Many: ${USER} follows ${JSON.stringify(accounts)}, expected ${NEWS} and ${SHOP}`);
	},
};
