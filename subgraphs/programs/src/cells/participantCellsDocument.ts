import { print } from 'graphql';
// The generated document itself, not the client's index: a programs bundle compiles in this
// one constant (the others are unused and dropped), and no client code or package.
import { ParticipantCellsDocument } from '../../../../client/src/__generated__/graphql.ts';

/**
 * What a programs instance asks the national graph of its own participants: the register's
 * gender and birth year, by id, one page of at most 100 volunteers. It is the client's
 * `client/src/operations/agency/ParticipantCells.graphql`, as `npm run codegen` generates it,
 * printed: so a gateway that runs trusted documents only (`GATEWAY_PERSISTED_DOCUMENTS=enforce`)
 * finds it in the manifest, and there is no copy to keep in step.
 */
export const PARTICIPANT_CELLS_DOCUMENT = print(ParticipantCellsDocument);

/** Most ids one request names: the `first` the volunteers subgraph allows. */
export const IDS_PER_REQUEST = 100;
