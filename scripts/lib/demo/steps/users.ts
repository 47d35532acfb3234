// User → Import / Check: subscribers and account owners must be users of the app first.
import { printTable, runOperation, type DemoContext } from '../context';
import type { DemoStep } from './step';

const NEW_USERS = ['user401', 'user402'];
const NEVER_IMPORTED = 'nobody9';

export const importAndCheckUsers: DemoStep = {
	resource: 'User',
	title: 'Import two users, then check them and one that was never imported',
	async run(demo: DemoContext) {
		const imported = await runOperation(demo, {
			resource: 'user',
			operation: 'import',
			about: `User IDs "${NEW_USERS.join(', ')}"`,
			parameters: { userIds: NEW_USERS.join(', '), options: {} },
		});
		printTable(demo, ['userId', 'status'], imported.items.map(({ json }) => [json.userId as string, json.status as string]));
		const checked = await runOperation(demo, {
			resource: 'user',
			operation: 'check',
			about: `User IDs "${NEW_USERS[0]}, ${NEVER_IMPORTED}"`,
			parameters: { userIds: `${NEW_USERS[0]}, ${NEVER_IMPORTED}`, options: {} },
		});
		printTable(demo, ['userId', 'imported'], checked.items.map(({ json }) => [json.userId as string, String(json.imported)]));
		const seen = Object.fromEntries(checked.items.map(({ json }) => [String(json.userId), json.imported]));
		if (imported.items.some(({ json }) => json.status !== 'imported')) demo.problem('User → Import: not every user was imported');
		if (seen[NEW_USERS[0]] !== true || seen[NEVER_IMPORTED] !== false) demo.problem(`User → Check answered ${JSON.stringify(seen)}`);
	},
};
