// The GraphQL queries of the crmLens component, one per object it can read. The wire adapter needs each as a
// static gql document; the text must be what the crm-lens adapter generates for the object
// (crmLens.salesforce.graphqlQuery(object), packages/adapter-salesforce/src/graphql-query.ts): the adapter's tests
// compare the two (packages/adapter-salesforce/test/lwc-queries.test.ts). After changing a mapping, regenerate
// them (see examples/salesforce-lwc/README.md).
import { gql } from 'lightning/graphql';

export const QUERIES = {
  Account: gql`
    query crmLensAccount($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Account(first: $first, after: $after, upperBound: $upperBound) {
            edges {
              node {
                Id
                BillingCountry @optional { value }
                CreatedDate @optional { value }
                Industry @optional { value }
                Name @optional { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  Contact: gql`
    query crmLensContact($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Contact(first: $first, after: $after, upperBound: $upperBound) {
            edges {
              node {
                Id
                CreatedDate @optional { value }
                MailingCountry @optional { value }
                Name @optional { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  Opportunity: gql`
    query crmLensOpportunity($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Opportunity(first: $first, after: $after, upperBound: $upperBound, where: { IsWon: { eq: true } }) {
            edges {
              node {
                Id
                AccountId { value }
                Amount { value }
                CloseDate { value }
                CurrencyIsoCode @optional { value }
                IsWon { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  Order: gql`
    query crmLensOrder($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Order(first: $first, after: $after, upperBound: $upperBound, where: { StatusCode: { eq: "Activated" } }) {
            edges {
              node {
                Id
                AccountId { value }
                CurrencyIsoCode @optional { value }
                EffectiveDate { value }
                StatusCode { value }
                TotalAmount { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  OrderItem: gql`
    query crmLensOrderItem($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          OrderItem(first: $first, after: $after, upperBound: $upperBound, where: { Order: { StatusCode: { eq: "Activated" } } }) {
            edges {
              node {
                Id
                CurrencyIsoCode @optional { value }
                OrderId @optional { value }
                Product2Id @optional { value }
                Quantity @optional { value }
                TotalPrice { value }
                UnitPrice @optional { value }
                Order {
                  AccountId { value }
                  EffectiveDate { value }
                  StatusCode { value }
                }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  Task: gql`
    query crmLensTask($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Task(first: $first, after: $after, upperBound: $upperBound) {
            edges {
              node {
                Id
                AccountId @optional { value }
                ActivityDate @optional { value }
                CreatedDate @optional { value }
                WhatId @optional { value }
                WhoId @optional { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  Event: gql`
    query crmLensEvent($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Event(first: $first, after: $after, upperBound: $upperBound) {
            edges {
              node {
                Id
                AccountId @optional { value }
                ActivityDate @optional { value }
                ActivityDateTime @optional { value }
                WhatId @optional { value }
                WhoId @optional { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
  Case: gql`
    query crmLensCase($first: Int!, $after: String, $upperBound: Int!) {
      uiapi {
        query {
          Case(first: $first, after: $after, upperBound: $upperBound) {
            edges {
              node {
                Id
                AccountId @optional { value }
                ContactId @optional { value }
                CreatedDate { value }
              }
            }
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    }
  `,
};
