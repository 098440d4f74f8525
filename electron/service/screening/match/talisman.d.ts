// talisman ships JavaScript without types; this is the one function we use from it.
declare module 'talisman/metrics/jaro-winkler.js' {
  const jaroWinkler: { similarity(a: string, b: string): number; distance(a: string, b: string): number };
  export default jaroWinkler;
}
