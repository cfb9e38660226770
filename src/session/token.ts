/** Returns a token; called before every (re)connect, so a short-lived token can be refreshed. */
export type TokenProvider = () => string | Promise<string>;

/** What a change of credentials asks of the connection. */
export type CredentialChange =
  /** Nothing that matters changed (the same token, or a provider assigned anew). */
  | 'none'
  /** A new `token` string: reconnect at once (design.md). */
  | 'token'
  /** A new provider: used at the next (re)connect, at once only where no connection works anyway. */
  | 'provider';

/**
 * Where the token comes from: the `tokenProvider` function (it wins) or the `token` string.
 * Assigning a provider never reconnects by itself (frameworks re-create inline functions on
 * every render); the newest one is simply what the next connect calls.
 */
export class TokenSource {
  private token: string | undefined;
  private provider: TokenProvider | undefined;

  /** Takes the element's current values; says what the change asks of the connection. */
  update(token: string | null | undefined, provider: TokenProvider | null | undefined): CredentialChange {
    const nextToken = token ?? undefined;
    const nextProvider = typeof provider === 'function' ? provider : undefined;
    const tokenChanged = nextToken !== this.token;
    const providerChanged = nextProvider !== this.provider;
    this.token = nextToken;
    this.provider = nextProvider;
    // A string token matters only while no provider wins over it.
    if (tokenChanged && !nextProvider) return 'token';
    return providerChanged ? 'provider' : 'none';
  }

  /** Whether any credential is set (a token string or a provider). */
  get present(): boolean {
    return this.provider !== undefined || (this.token !== undefined && this.token !== '');
  }

  /** The token to use now: the provider's (awaited), else the string, else `''`. */
  async get(): Promise<string> {
    if (this.provider) {
      const value = await this.provider();
      return typeof value === 'string' ? value : '';
    }
    return this.token ?? '';
  }
}
