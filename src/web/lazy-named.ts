import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A component exported by name from a module fetched the first time it renders (inside a
 * `Suspense`): a feature's bundle, or a heavy part of a page such as its charts.
 */
export function lazyNamed<P extends object, K extends string>(
  load: () => Promise<Record<K, ComponentType<P>>>,
  name: K,
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => ({ default: (await load())[name] }));
}
