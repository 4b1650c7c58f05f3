export * from './plan';
export * from './issues';
export * from './spread';
export * from './diff';
export * from './realisation';
export * from './forecast-link';
export * from './acts-on';
export * from './measured';
