import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { buildSchema } from 'graphql';
import { StrictMode, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import apiSdl from '../../../schema/api.graphql?raw';
import { EXAMPLES } from './examples.ts';
import './explorer.css';

/** What the gateway tells its explorer (`/explorer/config.json`). */
interface ExplorerConfig {
  /** The GraphQL endpoint, relative to the page. */
  endpoint: string;
  /** Development only: a token per demo role, for the picker. */
  demoTokens?: { label: string; token: string }[];
}

// The published API schema, bundled: the explorer completes and validates without asking the
// gateway for introspection, which production and `enforce` mode refuse.
const schema = buildSchema(apiSdl);

// GraphiQL takes the first default tab's query but not its variables; give both on a first visit
// (later visits restore the tabs GraphiQL saved in this browser).
const firstVisit = localStorage.getItem('graphiql:tabState') === null;
const first = EXAMPLES[0];
const firstTab =
  firstVisit && first
    ? {
        initialQuery: first.query,
        initialVariables: first.variables ? JSON.stringify(first.variables, null, 2) : '',
      }
    : {};

function Explorer({ config }: { config: ExplorerConfig }) {
  const [tokenIndex, setTokenIndex] = useState(-1);
  const token = useRef<string | undefined>(undefined);
  token.current = config.demoTokens?.[tokenIndex]?.token;
  const fetcher = useMemo(() => {
    const base = createGraphiQLFetcher({ url: new URL(config.endpoint, location.href).href });
    // The picked demo token goes under whatever the headers editor says, which wins.
    return ((params, options) =>
      base(params, {
        ...options,
        headers: {
          ...(token.current && { authorization: `Bearer ${token.current}` }),
          ...options?.headers,
        },
      })) as typeof base;
  }, [config.endpoint]);
  return (
    <div className="sahem-explorer">
      <header className="sahem-bar">
        <strong>Sahem explorer</strong>
        <span className="sahem-hint">
          Saved operations: the README's scenarios and every @sahem/client operation, one tab each.
        </span>
        {config.demoTokens && (
          <label>
            Demo identity (development only){' '}
            <select
              aria-label="Demo identity"
              value={tokenIndex}
              onChange={(event) => setTokenIndex(Number(event.target.value))}
            >
              <option value={-1}>anonymous</option>
              {config.demoTokens.map((demo, index) => (
                <option key={demo.label} value={index}>
                  {demo.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <GraphiQL
        fetcher={fetcher}
        schema={schema}
        defaultEditorToolsVisibility="variables"
        defaultTabs={EXAMPLES.map((example) => ({
          query: example.query,
          ...(example.variables && { variables: JSON.stringify(example.variables, null, 2) }),
        }))}
        shouldPersistHeaders={false}
        {...firstTab}
      />
    </div>
  );
}

const config = (await fetch('config.json').then((response) => response.json())) as ExplorerConfig;
createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer config={config} />
  </StrictMode>,
);
