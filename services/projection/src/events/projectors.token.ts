export const PROJECTORS = Symbol('PROJECTORS');
