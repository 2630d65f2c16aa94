// Mocha's globals, as Web Test Runner's default test framework defines them in the page. A stand-in for
// @types/mocha, which is not a dependency: once it is, delete this file and add "mocha" to the `types` of
// tsconfig.test.json (both together would declare `describe` twice).

interface MochaContext {
  timeout(ms: number): this;
  slow(ms: number): this;
  retries(count: number): this;
  skip(): never;
}

type MochaDone = (error?: unknown) => void;
type MochaTestBody = (this: MochaContext, done: MochaDone) => unknown;
type MochaSuiteBody = (this: MochaContext) => void;

interface MochaSuiteFunction {
  (title: string, body: MochaSuiteBody): void;
  only(title: string, body: MochaSuiteBody): void;
  skip(title: string, body: MochaSuiteBody): void;
}

interface MochaTestFunction {
  (title: string, body?: MochaTestBody): void;
  only(title: string, body?: MochaTestBody): void;
  skip(title: string, body?: MochaTestBody): void;
}

declare const describe: MochaSuiteFunction;
declare const it: MochaTestFunction;
declare function before(body: MochaTestBody): void;
declare function after(body: MochaTestBody): void;
declare function beforeEach(body: MochaTestBody): void;
declare function afterEach(body: MochaTestBody): void;
