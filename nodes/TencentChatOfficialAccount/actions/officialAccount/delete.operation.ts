import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { perItemOptionsDescription } from '../../engine/options';
import { runPerItem, type PerItemOperation } from '../../engine/perItem';
import { ACCOUNT_FIELD, COMMANDS } from '../../tencent/contract';
import { readOfficialAccount } from '../shared/readOfficialAccount';
import { officialAccountProperty } from '../shared/subscriberIds';

/** Official Account → Delete: `destroy_official_account`, one call per item. */
const operation: PerItemOperation<{ officialAccount: string }> = {
	action: 'delete the official account',
	read: (reader, itemIndex) => {
		const account = readOfficialAccount(reader, itemIndex);
		return account.ok ? { ok: true, request: { officialAccount: account.value } } : account;
	},
	identify: (request) => ({ officialAccount: request.officialAccount }),
	run: async (client, { officialAccount }) => {
		await client.call(COMMANDS.destroyOfficialAccount, { [ACCOUNT_FIELD.officialAccount]: officialAccount });
		return { officialAccount, deleted: true };
	},
};

const properties: INodeProperties[] = [
	{
		displayName:
			'Delete deletes the official account for good, with all its subscribers and messages. It cannot be undone.',
		name: 'deleteAccountNotice',
		type: 'notice',
		default: '',
	},
	officialAccountProperty('The official account to delete, with all its subscribers and messages; its ID starts with @TOA#_'),
	perItemOptionsDescription,
];

export const description = updateDisplayOptions({ show: { resource: ['officialAccount'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runPerItem(this, operation);
}
