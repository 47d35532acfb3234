// The demo, in order. A step is a few lines in one of these files; add one to this list where it belongs.
import { answerBeforeCallback } from './callbackRespond';
import { createAccount, deleteAccount, getAccounts, updateAccount } from './accounts';
import { messageHistory, recallSent, sendOnce } from './messages';
import type { DemoStep } from './step';
import { addFromForm, addToShop, deleteFromCrm, deleteWithErrorOutput, listSubscribers, updateSubscriber } from './subscribers';
import { userSubscriptions } from './subscriptions';
import { importAndCheckUsers } from './users';
import { signedCallback } from './trigger';

export type { DemoStep } from './step';

export const DEMO_STEPS: DemoStep[] = [
	createAccount,
	updateAccount,
	getAccounts,
	importAndCheckUsers,
	addFromForm,
	addToShop,
	listSubscribers,
	updateSubscriber,
	userSubscriptions,
	deleteFromCrm,
	deleteWithErrorOutput,
	// Subscriber → Sync: make an account's subscribers match a list (its step goes here).
	sendOnce,
	recallSent,
	messageHistory,
	signedCallback,
	answerBeforeCallback,
	deleteAccount,
];
