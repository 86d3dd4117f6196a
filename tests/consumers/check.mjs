// Reads a GraphML and a GEXF file with graphology's own parsers and prints,
// for each, one line "<format> <nodes> <edges>". Exits non-zero if a parser
// throws.
//
// Usage: node check.mjs GRAPH.graphml GRAPH.gexf

import {readFileSync} from 'node:fs';
import graphology from 'graphology';
import graphml from 'graphology-graphml';
import gexf from 'graphology-gexf';

const [graphmlPath, gexfPath] = process.argv.slice(2);
if (!graphmlPath || !gexfPath) {
  console.error('usage: node check.mjs GRAPH.graphml GRAPH.gexf');
  process.exit(2);
}

const {Graph} = graphology;
const fromGraphml = graphml.parse(Graph, readFileSync(graphmlPath, 'utf8'));
console.log(`graphml ${fromGraphml.order} ${fromGraphml.size}`);
const fromGexf = gexf.parse(Graph, readFileSync(gexfPath, 'utf8'));
console.log(`gexf ${fromGexf.order} ${fromGexf.size}`);
