// The GraphQL IDE served at /graphiql: GraphiQL against this server's /graphql, opening
// with one tab per client contract operation. Built by scripts/build-graphiql.mjs.
import { createGraphiQLFetcher, type Storage } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { contractTabs, type Tab } from './tabs';

const tabs = contractTabs(__CONTRACT_OPERATIONS__);

/** A short FNV-1a hash of a string, as hex. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * localStorage under a prefix that changes with the built-in tabs: GraphiQL keeps a user's
 * tabs across visits, but ignores `defaultTabs` once it has stored some, so a new build with
 * changed contract operations or examples starts from its own tabs again.
 */
function namespacedStorage(defaultTabs: Tab[]): Storage | undefined {
  let local: globalThis.Storage;
  try {
    local = window.localStorage;
  } catch {
    return undefined; // storage disabled: GraphiQL then keeps nothing
  }
  const prefix = `creative-cities:${fnv1a(JSON.stringify(defaultTabs))}:`;
  const own = () => Object.keys(local).filter((key) => key.startsWith(prefix));
  return {
    getItem: (key) => local.getItem(prefix + key),
    setItem: (key, value) => local.setItem(prefix + key, value),
    removeItem: (key) => local.removeItem(prefix + key),
    clear: () => own().forEach((key) => local.removeItem(key)),
    get length() {
      return own().length;
    },
  };
}

const root = document.getElementById('graphiql');
if (!root) throw new Error('#graphiql is missing from the page');

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: createGraphiQLFetcher({ url: '/graphql' }),
    defaultTabs: tabs,
    storage: namespacedStorage(tabs),
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: 'variables',
  }),
);
