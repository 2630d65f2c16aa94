/**
 * `src/hubspot-types.ts` against `@hubspot/api-client`'s own models. These are compile-time assertions: a drift
 * between our wire types and the SDK fails `tsc -p tsconfig.test.json` (the `it` below only makes vitest list
 * the file). Equality is exact (`toEqualTypeOf`: same properties, same optionality, same read-only-ness);
 * where HubSpot documents a wider shape than the SDK, ours is asserted equal to `HubSpotWire` (the SDK model
 * plus that documented deviation), a superset of the SDK's `Wire` (`toExtend`), and still different from it
 * (`not.toExtend`), so a deviation the SDK has since fixed shows up here.
 */
import type * as v4 from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import type * as objects from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { describe, expectTypeOf, it } from 'vitest';
import type * as ours from '../src/hubspot-types.js';
import type { HubSpotWire, Wire } from './util/wire.js';

describe('src/hubspot-types.ts against @hubspot/api-client 14 (compile time)', () => {
  it('v3 objects: records, pages, paging and the search request equal the SDK models', () => {
    expectTypeOf<ours.NextPage>().toEqualTypeOf<Wire<objects.NextPage>>();
    expectTypeOf<ours.PreviousPage>().toEqualTypeOf<Wire<objects.PreviousPage>>();
    expectTypeOf<ours.ForwardPaging>().toEqualTypeOf<Wire<objects.ForwardPaging>>();
    expectTypeOf<ours.Paging>().toEqualTypeOf<Wire<objects.Paging>>();
    expectTypeOf<ours.ValueWithTimestamp>().toEqualTypeOf<Wire<objects.ValueWithTimestamp>>();
    expectTypeOf<ours.SimplePublicObject>().toEqualTypeOf<Wire<objects.SimplePublicObject>>();
    expectTypeOf<ours.AssociatedId>().toEqualTypeOf<Wire<objects.AssociatedId>>();
    expectTypeOf<ours.CollectionResponseAssociatedId>().toEqualTypeOf<
      Wire<objects.CollectionResponseAssociatedId>
    >();
    expectTypeOf<ours.SimplePublicObjectWithAssociations>().toEqualTypeOf<
      Wire<objects.SimplePublicObjectWithAssociations>
    >();
    expectTypeOf<ours.CollectionResponseSimplePublicObjectWithAssociationsForwardPaging>().toEqualTypeOf<
      Wire<objects.CollectionResponseSimplePublicObjectWithAssociationsForwardPaging>
    >();
    expectTypeOf<ours.CollectionResponseWithTotalSimplePublicObjectForwardPaging>().toEqualTypeOf<
      Wire<objects.CollectionResponseWithTotalSimplePublicObjectForwardPaging>
    >();
    expectTypeOf<ours.FilterOperator>().toEqualTypeOf<Wire<objects.FilterOperatorEnum>>();
    expectTypeOf<ours.Filter>().toEqualTypeOf<Wire<objects.Filter>>();
    expectTypeOf<ours.FilterGroup>().toEqualTypeOf<Wire<objects.FilterGroup>>();
    expectTypeOf<ours.PublicObjectSearchRequest>().toEqualTypeOf<Wire<objects.PublicObjectSearchRequest>>();
  });

  it('v4 associations: batch read request and errors equal the SDK models', () => {
    expectTypeOf<ours.PublicObjectId>().toEqualTypeOf<Wire<v4.PublicObjectId>>();
    expectTypeOf<ours.BatchInputPublicFetchAssociationsBatchRequest>().toEqualTypeOf<
      Wire<v4.BatchInputPublicFetchAssociationsBatchRequest>
    >();
    expectTypeOf<ours.ErrorDetail>().toEqualTypeOf<Wire<v4.ErrorDetail>>();
    expectTypeOf<ours.StandardError>().toEqualTypeOf<Wire<v4.StandardError>>();
  });

  it('v4 associations: HubSpot’s documented number toObjectId and null label, a superset of the SDK', () => {
    expectTypeOf<ours.AssociationSpecWithLabel>().toEqualTypeOf<HubSpotWire<v4.AssociationSpecWithLabel>>();
    expectTypeOf<Wire<v4.AssociationSpecWithLabel>>().toExtend<ours.AssociationSpecWithLabel>();
    expectTypeOf<ours.AssociationSpecWithLabel>().not.toExtend<Wire<v4.AssociationSpecWithLabel>>();

    expectTypeOf<ours.MultiAssociatedObjectWithLabel>().toEqualTypeOf<
      HubSpotWire<v4.MultiAssociatedObjectWithLabel>
    >();
    expectTypeOf<Wire<v4.MultiAssociatedObjectWithLabel>>().toExtend<ours.MultiAssociatedObjectWithLabel>();
    expectTypeOf<ours.MultiAssociatedObjectWithLabel>().not.toExtend<
      Wire<v4.MultiAssociatedObjectWithLabel>
    >();
    // Each deviation alone: toObjectId…
    expectTypeOf<ours.MultiAssociatedObjectWithLabel['toObjectId']>().toEqualTypeOf<string | number>();
    expectTypeOf<Wire<v4.MultiAssociatedObjectWithLabel>['toObjectId']>().toEqualTypeOf<string>();
    // …and label.
    expectTypeOf<ours.AssociationSpecWithLabel['label']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Wire<v4.AssociationSpecWithLabel>['label']>().toEqualTypeOf<string | undefined>();

    expectTypeOf<ours.PublicAssociationMultiWithLabel>().toEqualTypeOf<
      HubSpotWire<v4.PublicAssociationMultiWithLabel>
    >();
    expectTypeOf<ours.CollectionResponseMultiAssociatedObjectWithLabelForwardPaging>().toEqualTypeOf<
      HubSpotWire<v4.CollectionResponseMultiAssociatedObjectWithLabelForwardPaging>
    >();
  });

  it('v4 batch read: ours is the 207 model (…WithErrors), and the 200 model is assignable to it', () => {
    expectTypeOf<ours.BatchResponsePublicAssociationMultiWithLabel>().toEqualTypeOf<
      HubSpotWire<v4.BatchResponsePublicAssociationMultiWithLabelWithErrors>
    >();
    expectTypeOf<
      HubSpotWire<v4.BatchResponsePublicAssociationMultiWithLabel>
    >().toExtend<ours.BatchResponsePublicAssociationMultiWithLabel>();
  });

  it('Wire: dates are text, reserved words unescaped, enums their values, optional fields optional', () => {
    expectTypeOf<Wire<objects.SimplePublicObject>['createdAt']>().toEqualTypeOf<string>();
    expectTypeOf<Wire<objects.SimplePublicObject>['archivedAt']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Wire<v4.PublicAssociationMultiWithLabel>>().toHaveProperty('from');
    expectTypeOf<Wire<v4.PublicAssociationMultiWithLabel>>().not.toHaveProperty('_from');
    expectTypeOf<Wire<v4.ErrorDetail>>().toHaveProperty('in');
    expectTypeOf<Wire<v4.BatchResponsePublicAssociationMultiWithLabel>['status']>().toEqualTypeOf<
      'PENDING' | 'PROCESSING' | 'CANCELED' | 'COMPLETE'
    >();
    expectTypeOf<Wire<v4.StandardError>['subCategory']>().toEqualTypeOf<unknown>();
    expectTypeOf<{ id: string; properties: Record<string, string> }>().not.toExtend<
      Wire<objects.SimplePublicObject>
    >();
  });
});
