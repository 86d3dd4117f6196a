// Writes a KnowledgeGraph as the two CSV files of Neo4j's bulk importer,
// loaded into a new database "neo4j" by this one command (Neo4j 5; since
// 5.19 the database name comes before the options):
//
//   neo4j-admin database import full neo4j --nodes=nodes.csv
//       --relationships=relationships.csv --array-delimiter=";"
//       --multiline-fields=true
//
// nodes.csv:
//   id:ID,name,:LABEL,type,aliases:string[],mentions:int,documents:int,
//   in_degree:int,out_degree:int,betweenness:double,component:int
// with one row per node: id n0.., name = the label, :LABEL = the entity
// type ("Person"), type = the same, aliases ";"-separated.
//
// relationships.csv:
//   :START_ID,:END_ID,:TYPE,weight:double,rules:string[],evidence
// with one row per edge: ids as in nodes.csv, :TYPE = the relation in upper
// case as Neo4j names relationship types ("member_of" -> "MEMBER_OF"),
// weight = the number of merged mentions, rules ";"-separated, evidence =
// the sentences joined " | ".
//
// Rows follow the graph's deterministic order, so node ids are the n0..
// of the GraphML, GEXF and JSON outputs.
//
// Quoting is RFC 4180: a field that holds a comma, a double quote, CR or LF
// is quoted and its quotes are doubled; other fields are written as they
// are, and an empty field is written empty (Neo4j then sets no property).
// Lines end in LF. Every value goes through CleanText() first. Line breaks
// inside a value are kept, which is why the command above passes
// --multiline-fields=true; without such values it is not needed.
//
// Limitation: Neo4j splits array fields at every ";", so an alias or rule id
// that contains ";" arrives as two elements.

#ifndef KGREP_GRAPH_NEO4J_WRITER_H_
#define KGREP_GRAPH_NEO4J_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"
#include "graph/output_file.h"

namespace kgrep {

// Writes the node rows to `nodes` and the relationship rows to
// `relationships`, each with its header line. Returns an error if the graph
// is not finalized or if a stream fails; the streams may then hold partial
// files.
// REQUIRES: graph.finalized().
WriteResult WriteNeo4jCsv(const KnowledgeGraph& graph, std::ostream& nodes,
                          std::ostream& relationships);

// Returns `field` as one RFC 4180 CSV field: CleanText() first, then quoted
// with inner quotes doubled if it holds a comma, a double quote, CR or LF,
// and unchanged otherwise.
std::string EscapeCsv(std::string_view field);

}  // namespace kgrep

#endif  // KGREP_GRAPH_NEO4J_WRITER_H_
