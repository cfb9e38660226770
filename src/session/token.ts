/** Returns a token; called before every (re)connect, so a short-lived token can be refreshed. */
export type TokenProvider = () => string | Promise<string>;

/**
 * Where the token comes from: the `tokenProvider` function (it wins) or the `token` string.
 * Assigning a provider never reconnects by itself (frameworks re-create inline functions on
 * every render): the newest one is simply what the next connect calls. A new `token` string is
 * a new credential: the session reconnects at once.
 */
export class TokenSource {
  private token: string | undefined;
  private provider: TokenProvider | undefined;

  /** Takes the `token` string; true when it changed a credential in use (no provider wins over it). */
  setToken(token: string | null | undefined): boolean {
    const next = token || undefined;
    if (next === this.token) return false;
    this.token = next;
    return this.provider === undefined;
  }

  /** Takes the provider; true when it is another function than before. */
  setProvider(provider: TokenProvider | null | undefined): boolean {
    const next = typeof provider === 'function' ? provider : undefined;
    if (next === this.provider) return false;
    this.provider = next;
    return true;
  }

  /** Whether any credential is set (a non-empty token string or a provider). */
  get present(): boolean {
    return this.provider !== undefined || this.token !== undefined;
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
