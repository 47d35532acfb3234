// Public API of the local Tencent Chat REST emulator (test, demo and benchmark tooling).
export { startEmulator } from './server';
export { DEFAULT_APP } from './types';
export type {
  CallOutcome,
  CallRecord,
  EmulatorAccountSeed,
  EmulatorApp,
  EmulatorOptions,
  FaultRates,
  MessageLimits,
  MessageSnapshot,
  OfficialAccountSnapshot,
  ScriptedFault,
  SubscriberMsgFlag,
  SubscriberSnapshot,
  TencentChatEmulator,
  UserProfile,
} from './types';
export { decodeUserSig, signUserSigForTests, userSigHmac, userSigSignedContent, verifyUserSig } from './verifyUserSig';
export type { UserSigPayload, VerifyUserSigInput, VerifyUserSigResult } from './verifyUserSig';
export { maxArrivalsInWindow } from './callLog';
export { CallbackSender, tencentCallbackSign } from './callbacks';
export type { CallbackRecord, CallbackTarget } from './callbacks';
export { DEMO_SEED, generatedAccounts, parseSeedFile } from './seed';
export type { EmulatorSeed } from './seed';
