// Official Account → Create, Get and Delete.
import { APP, printTable, runOperation, type DemoContext } from '../context';
import { NEWS, SHOP, type DemoStep } from './step';

export const createAccount: DemoStep = {
	resource: 'Official Account',
	title: 'Create an official account',
	async run(demo: DemoContext) {
		const { items } = await runOperation(demo, {
			resource: 'officialAccount',
			operation: 'create',
			about: `Owner "administrator", Name "Demo Shop", Custom ID ${SHOP}`,
			parameters: { owner: 'administrator', name: 'Demo Shop', customId: SHOP, additionalFields: { introduction: 'Offers of the demo shop' }, options: {} },
		});
		printTable(demo, ['officialAccount', 'owner', 'name', 'introduction'], items.map(({ json }) => [json.officialAccount as string, json.owner as string, json.name as string, json.introduction as string]));
		if (demo.emulator.account(APP, SHOP)?.Name !== 'Demo Shop') demo.problem(`Create: the emulator has no account ${SHOP} named "Demo Shop"`);
	},
};

export const updateAccount: DemoStep = {
	resource: 'Official Account',
	title: 'Change its introduction',
	async run(demo: DemoContext) {
		const introduction = 'Weekly offers of the demo shop';
		const { items } = await runOperation(demo, {
			resource: 'officialAccount',
			operation: 'update',
			about: `Official Account ID ${SHOP}, Update Fields: Introduction "${introduction}" (only the fields added are sent)`,
			parameters: { officialAccount: SHOP, updateFields: { introduction }, options: {} },
		});
		printTable(demo, ['officialAccount', 'updated', 'introduction'], items.map(({ json }) => [json.officialAccount as string, String(json.updated), json.introduction as string]));
		if (demo.emulator.account(APP, SHOP)?.Introduction !== introduction) demo.problem(`Update: the emulator holds another introduction for ${SHOP}`);
	},
};

export const getAccounts: DemoStep = {
	resource: 'Official Account',
	title: 'Read two official accounts in one call',
	async run(demo: DemoContext) {
		const { items, calls } = await runOperation(demo, {
			resource: 'officialAccount',
			operation: 'get',
			about: `Official Account IDs "${NEWS}, ${SHOP}", Fields: all`,
			parameters: { officialAccountIds: `${NEWS}, ${SHOP}`, fields: [], options: {} },
		});
		printTable(demo, ['officialAccount', 'name', 'owner', 'subscriberCount', 'createTimeIso'], items.map(({ json }) => [json.officialAccount as string, json.name as string, json.owner as string, json.subscriberCount as number, json.createTimeIso as string]));
		if (items.length !== 2 || calls !== 1) demo.problem(`Get: expected 2 accounts from 1 call, got ${items.length} from ${calls}`);
	},
};

export const deleteAccount: DemoStep = {
	resource: 'Official Account',
	title: 'Delete the official account created above',
	async run(demo: DemoContext) {
		const { items } = await runOperation(demo, {
			resource: 'officialAccount',
			operation: 'delete',
			about: `Official Account ID ${SHOP}`,
			parameters: { officialAccount: SHOP, options: {} },
		});
		printTable(demo, ['officialAccount', 'deleted'], items.map(({ json }) => [json.officialAccount as string, String(json.deleted)]));
		if (!demo.emulator.isDestroyed(APP, SHOP)) demo.problem(`Delete: ${SHOP} still exists at the emulator`);
	},
};
