/**
 * The JSON form of `@hubspot/api-client`'s generated model classes, to type-check the recorded fixtures and
 * `src/hubspot-types.ts` against the vendor's own models. The SDK is a dev dependency and is imported as types
 * only: nothing of it is loaded at run time.
 *
 * How the SDK's classes differ from the JSON HubSpot sends (its `ObjectSerializer` converts between the two):
 * - `date-time` fields are `Date`s in the SDK, ISO 8601 text on the wire;
 * - properties named after reserved words are escaped with `_` (`_from`, `_in`, `_new`: in 14.0.1 those are
 *   all the `name` ≠ `baseName` of the models' `attributeTypeMap`s but for the OAuth models' camelCase ↔
 *   snake_case renames, which are not modelled here);
 * - enums are TypeScript `enum`s, which a JSON string does not satisfy: on the wire, the union of their values;
 * - `any` (e.g. `StandardError.subCategory`) is `unknown` here: any JSON.
 * Static members (`attributeTypeMap`, …) are not part of an instance type, so they disappear by themselves.
 */
import type * as v4 from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';

/** SDK property name → JSON name. */
interface Renamed {
  _from: 'from';
  _in: 'in';
  _new: 'new';
}
type WireKey<K> = K extends keyof Renamed ? Renamed[K] : K;

type IsAny<T> = 0 extends 1 & T ? true : false;

type Convert<T, Documented extends boolean> =
  IsAny<T> extends true
    ? unknown
    : unknown extends T
      ? unknown
      : T extends Date
        ? string
        : T extends string
          ? `${T}`
          : T extends number | bigint | boolean | null | undefined
            ? T
            : T extends readonly (infer E)[]
              ? readonly Convert<E, Documented>[]
              : Documented extends true
                ? Deviations<T, WireObject<T, Documented>>
                : WireObject<T, Documented>;

/** Keeps `?` (a homomorphic mapped type); every property and array read-only, as in `src/hubspot-types.ts`. */
type WireObject<T, Documented extends boolean> = {
  readonly [K in keyof T as WireKey<K>]: Convert<T[K], Documented>;
};

/** `W` with the properties of `O` replaced (modifiers of `W` kept). */
type Override<W, O> = { [K in keyof W]: K extends keyof O ? O[K] : W[K] };

/**
 * Where HubSpot's documented responses differ from the SDK's generated models (both widen, never narrow):
 * - v4 `toObjectId` is `string` in the SDK since v11, but HubSpot's v4 associations guide shows numbers
 *   (`"toObjectId": 5790939450`), and numbers are reported in responses (HubSpot/hubspot-api-nodejs#552);
 * - v4 `label` is optional text in the SDK, but unlabelled association types come as `"label": null`
 *   (the guide's examples: `{"category": "HUBSPOT_DEFINED", "typeId": 279, "label": null}`).
 * `test/sdk-types.test.ts` asserts that each of these is still a real difference, so a fixed SDK shows up.
 */
type Deviations<T, W> = T extends v4.MultiAssociatedObjectWithLabel
  ? Override<W, { readonly toObjectId: string | number }>
  : T extends v4.AssociationSpecWithLabel
    ? Override<W, { readonly label?: string | null }>
    : W;

/** The JSON form of SDK model `T`, exactly as its OpenAPI spec (and so the SDK) describes it. */
export type Wire<T> = Convert<T, false>;

/** The JSON form of SDK model `T` as HubSpot documents and sends it: `Wire<T>` with the `Deviations` above. */
export type HubSpotWire<T> = Convert<T, true>;

/**
 * What TypeScript infers for a JSON module holding a `T`: literal types widened to `string` / `number` /
 * `boolean`. Enum values in a JSON fixture are therefore not checked by the compiler; `test/fixtures.test.ts`
 * checks them at run time against `membersOf` lists, which are themselves checked against the SDK's enums.
 * Where objects of one JSON array differ in their keys, TypeScript adds the missing ones as `key?: undefined`;
 * JSON has no `undefined`, so index signatures (`associations`, `properties`, headers) accept it.
 */
export type Json<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? readonly Json<E>[]
        : T extends object
          ? { readonly [K in keyof T]: Json<T[K]> | (string extends K ? undefined : never) }
          : T;

/** One recorded exchange (the `Exchange` of `@crm-lens/testing`) with typed request and response bodies. */
export interface Recorded<Response, Request = never> {
  readonly request: { readonly method: string; readonly url: string; readonly body?: Request };
  readonly response: {
    readonly status: number;
    readonly headers?: Json<Readonly<Record<string, string>>>;
    readonly body: Response;
  };
  readonly times?: number;
}

/** A fixture file whose exchanges are each one of `E`. */
export interface RecordedFixture<E> {
  readonly description: string;
  readonly exchanges: readonly E[];
}

type Missing<U, L> = [U] extends [L] ? unknown : { readonly missing: Exclude<U, L> };

/**
 * Every member of a string-literal union `U`, as a run-time list: a value outside `U`, or a member of `U` left
 * out, does not compile. `membersOf<Wire<Model>['status']>()(['PENDING', …])`.
 */
export const membersOf =
  <U extends string>() =>
  <const L extends readonly U[]>(list: L & Missing<U, L[number]>): readonly U[] =>
    list;
