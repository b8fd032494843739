// jsonld.js ships no types: the two functions the export tests use.
declare module 'jsonld' {
  const jsonld: {
    expand(document: object, options?: { safe?: boolean }): Promise<object[]>;
    toRDF(
      document: object,
      options: { format: 'application/n-quads'; safe?: boolean; documentLoader?: (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: object }> },
    ): Promise<string>;
  };
  export default jsonld;
}
