// jsonld.js ships no types: the two functions the export tests use.
declare module 'jsonld' {
  const jsonld: {
    expand(document: object, options?: { safe?: boolean }): Promise<object[]>;
    toRDF(document: object, options: { format: 'application/n-quads' }): Promise<string>;
  };
  export default jsonld;
}
