/** The Durable Object that holds an account's balance, keys and windows. */
export const accountStub = (env: Env, accountId: string) =>
  env.ACCOUNTS.get(env.ACCOUNTS.idFromName(accountId));
