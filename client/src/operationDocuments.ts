import { Kind, parse, visit, type FragmentDefinitionNode } from 'graphql';

/** One `.graphql` file of the shipped operations: where it is, and its text. */
export interface GraphQLFile {
  file: string;
  source: string;
}

/**
 * The shipped operations as they are sent: every file holding an operation, its text followed by
 * the definitions of the fragments it spreads (and those they spread), taken from the other
 * files as written. This is what the client preset does when it inlines fragments into the
 * generated documents and the trusted-documents manifest; readers of the `.graphql` files (the
 * schema check, the bench, the explorer's examples) need it too, since a file that spreads a
 * fragment of another does not parse into a valid document alone. Files holding fragments only
 * are left out: nothing sends them on their own. A fragment defined twice, or spread but never
 * defined, is an error naming it.
 */
export function operationDocuments<T extends GraphQLFile>(files: readonly T[]): T[] {
  const fragments = new Map<string, { definition: FragmentDefinitionNode; text: string }>();
  const parsed = files.map((file) => ({ file, document: parse(file.source) }));
  for (const { file, document } of parsed) {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const name = definition.name.value;
      if (fragments.has(name))
        throw new Error(`fragment ${name} is defined twice (again in ${file.file})`);
      const { start, end } = definition.loc!;
      fragments.set(name, { definition, text: file.source.slice(start, end) });
    }
  }
  return parsed
    .filter(({ document }) =>
      document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
    )
    .map(({ file, document }) => {
      const own = new Set(
        document.definitions.flatMap((definition) =>
          definition.kind === Kind.FRAGMENT_DEFINITION ? [definition.name.value] : [],
        ),
      );
      const needed: string[] = [];
      const spreadIn = (node: Parameters<typeof visit>[0]) =>
        visit(node, {
          FragmentSpread(spread) {
            const name = spread.name.value;
            if (own.has(name) || needed.includes(name)) return;
            const fragment = fragments.get(name);
            if (!fragment)
              throw new Error(`${file.file} spreads ...${name}, which no file defines`);
            needed.push(name);
            spreadIn(fragment.definition);
          },
        });
      spreadIn(document);
      if (needed.length === 0) return file;
      const appended = needed.map((name) => fragments.get(name)!.text).join('\n\n');
      return { ...file, source: `${file.source.trimEnd()}\n\n${appended}\n` };
    });
}
