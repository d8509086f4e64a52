// Public API of the language core (pure: no Node, DOM or timers; runs in the page, workers and Node).
export { parse, normalizeLineEndings } from './parser';
export { parseXml, MAX_XML_DEPTH } from './xml';
export { locOf } from './xmlLocations';
export { jidVariable, parseVariableName, findVariables, expand, expandString } from './variables';
export type { JidKind, VariableRef } from './variables';
export { match, ANY, isCaptureValue, strictness } from './matcher';
export { serialize } from './serialize';
export { LineIndex } from './positions';
export type * from './types';
