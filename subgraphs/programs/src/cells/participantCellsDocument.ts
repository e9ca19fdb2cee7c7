/**
 * What a programs instance asks the national graph of its own participants: the register's
 * gender and birth year, by id, one page of at most 100 volunteers. The same operation is
 * shipped as `client/src/operations/agency/ParticipantCells.graphql`, so a gateway that runs
 * trusted documents only (`GATEWAY_PERSISTED_DOCUMENTS=enforce`) accepts it.
 */
export const PARTICIPANT_CELLS_DOCUMENT = /* GraphQL */ `
  query ParticipantCells($ids: [ID!]!, $first: Int!) {
    volunteers(ids: $ids, first: $first) {
      edges {
        node {
          id
          gender
          birthYear
        }
      }
    }
  }
`;

/** Most ids one request names: the `first` the volunteers subgraph allows. */
export const IDS_PER_REQUEST = 100;
